"""Installer tests render icons and build the app's QApplication: offscreen Qt."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt
