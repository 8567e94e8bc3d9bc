"""Building Sangdam for agents' machines: the icons, the PyInstaller bundle and each
platform's installer. Run from the repository; never imported by `desktop` or `server`."""
