"""Where the app's resources are: `resources/` at the repository's root when run from
source (`uv run sangdam`), beside the executable's internals in the PyInstaller bundle
(the spec copies the folder there as `resources/`)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icons_dir() -> Path:
    return resources_dir() / "icons"
