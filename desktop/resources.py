"""Where the app's resources are: `resources/` at the repository's root when run from
source (`uv run sangdam`), beside the executable's internals in the PyInstaller bundle
(the spec copies the folder there as `resources/`)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icons_dir() -> Path:
    return resources_dir() / "icons"


MDI_FONT_GLOB = "materialdesignicons6-webfont-*.ttf"
MDI_CHARMAP_GLOB = "materialdesignicons6-webfont-charmap-*.json"


def mdi_files() -> tuple[Path, Path] | None:
    """The Material Design Icons font and its charmap (name -> code point): qtawesome
    ships them; the bundle carries copies in `resources/mdi`. Found without importing
    qtawesome (which would pull in QtPy). None when neither is there."""
    import importlib.util

    folders = [resources_dir() / "mdi"]
    spec = importlib.util.find_spec("qtawesome")
    if spec is not None and spec.submodule_search_locations:
        folders += [Path(p) / "fonts" for p in spec.submodule_search_locations]
    for folder in folders:
        fonts = sorted(folder.glob(MDI_FONT_GLOB))
        charmaps = sorted(folder.glob(MDI_CHARMAP_GLOB))
        if fonts and charmaps:
            return fonts[-1], charmaps[-1]
    return None


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)  # installer/make_icons.py makes these


def icon_file(size: int) -> Path:
    """The app icon as a `size` px PNG (one of ICON_SIZES)."""
    return icons_dir() / f"sangdam-{size}.png"


@functools.cache
def app_icon() -> QIcon:
    """Sangdam's mark at every size (window, task bar, dock): Qt picks the nearest."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_file(size)
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon
