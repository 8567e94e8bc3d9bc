"""`python -m desktop` is `sangdam`."""

import sys

from desktop.launch import main

sys.exit(main())
