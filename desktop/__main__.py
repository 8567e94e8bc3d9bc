"""`python -m sangdam.desktop` is `sangdam`."""

import sys

from sangdam.desktop.app import main

sys.exit(main())
