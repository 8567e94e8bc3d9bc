"""Before Qt starts on Linux: name the missing system library in one line.

Without this, a machine missing a library Qt needs shows an ImportError about a `.so`
file, or Qt's "could not load the Qt platform plugin" wall of text followed by an abort.
An agent (or an admin) needs one thing: which package to install. No Qt is imported here.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Callable, Mapping

# What the QtWidgets, QtGui and QtCore libraries of PySide6 6.12 link against (`ldd`),
# less what every Linux has (libc, libstdc++, ...), with the Debian/Ubuntu package that
# ships each (names as on Debian 12; Debian 13's 64-bit time renames keep them installable
# through the old name).
CORE_LIBRARIES: Mapping[str, str] = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
    "libxcb.so.1": "libxcb1",
}

# What the xcb platform plugin (a desktop on X11, or XWayland) adds.
XCB_LIBRARIES: Mapping[str, str] = {
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11-xcb.so.1": "libx11-xcb1",
}

_MISSING_SO = re.compile(r"(lib[\w.+-]+\.so(?:\.\d+)*)")


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def missing(libraries: Mapping[str, str], loads: Callable[[str], bool] = _loads) -> dict[str, str]:
    """The libraries of `libraries` the dynamic loader cannot find, with their packages."""
    return {name: package for name, package in libraries.items() if not loads(name)}


def explain(absent: Mapping[str, str]) -> str:
    """One line: what is missing and what to install."""
    names = ", ".join(absent)
    packages = " ".join(dict.fromkeys(absent.values()))
    return (
        f"sangdam: Qt cannot start: the system librar{'y' if len(absent) == 1 else 'ies'} "
        f"{names} {'is' if len(absent) == 1 else 'are'} missing. On Debian or Ubuntu: "
        f"sudo apt install {packages}"
    )


def library_in(error: BaseException) -> str | None:
    """The shared library an ImportError of Qt names, if it names one."""
    found = _MISSING_SO.search(str(error))
    return found.group(1) if found else None


def uses_xcb(environ: Mapping[str, str]) -> bool:
    """Whether Qt will load its xcb platform plugin (X11) rather than Wayland or offscreen."""
    platform = environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0]
    if platform:
        return platform == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def has_display(environ: Mapping[str, str]) -> bool:
    return bool(
        environ.get("QT_QPA_PLATFORM") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")
    )


def problem(
    environ: Mapping[str, str] = os.environ,
    *,
    platform: str = sys.platform,
    import_qt: Callable[[], object] | None = None,
    loads: Callable[[str], bool] = _loads,
) -> str | None:
    """What stops Qt from starting here, in one line, or None."""
    if not platform.startswith("linux"):
        return None
    try:
        (import_qt or _import_widgets)()
    except ImportError as exc:
        name = library_in(exc)
        if name is None:
            return f"sangdam: Qt cannot start: {exc}"
        package = CORE_LIBRARIES.get(name) or XCB_LIBRARIES.get(name)
        if package is None:
            return f"sangdam: Qt cannot start: the system library {name} is missing."
        return explain({name: package})
    if not has_display(environ):
        return (
            "sangdam: no display to show a window on (neither DISPLAY nor WAYLAND_DISPLAY "
            "is set): start it from a desktop session."
        )
    if uses_xcb(environ):
        absent = missing(XCB_LIBRARIES, loads)
        if absent:
            return explain(absent)
    return None


def _import_widgets() -> object:
    import PySide6.QtWidgets

    return PySide6.QtWidgets
