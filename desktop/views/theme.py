"""The app's look: one stylesheet (resources/style/sangdam.qss) and one palette, light or
dark as the OS's colour scheme says, switched live when it changes.

The stylesheet names colours as `@token`; `LIGHT` and `DARK` fill them in. Painted parts
(chat rows, bubbles, badges) read `colors()` when they paint, so they follow too. The
scheme can be forced with SANGDAM_COLOR_SCHEME=light|dark (the screenshots do).
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from desktop.resources import resources_dir

SCHEME_ENV = "SANGDAM_COLOR_SCHEME"


@dataclass(frozen=True, slots=True)
class Colors:
    """The named colours of one scheme (the stylesheet's `@tokens`)."""

    dark: bool
    bg: str  # lists, the conversation, inputs
    bg_alt: str  # the sidebar, headers, the status line
    raised: str  # menus, popups, buttons
    border: str
    border_strong: str  # inputs' and buttons' edges
    text: str
    muted: str  # secondary text (≥ 4.5:1 on bg)
    faint: str  # placeholders, disabled text
    accent: str
    accent_hover: str
    accent_text: str  # on accent
    focus: str  # focus rings
    hover: str
    pressed: str
    selected: str  # a selected row
    selected_text: str
    bubble_customer: str
    bubble_reply: str
    note_fill: str
    note_border: str
    note_text: str
    danger: str
    danger_fill: str
    danger_border: str
    warning: str  # warning text (e.g. why the login is asked again)
    warning_fill: str
    warning_border: str
    info_fill: str
    info_border: str
    success: str
    busy: str  # progress, "connecting"
    star: str
    badge: str  # unread count
    badge_text: str
    chip: str
    chip_text: str
    over_max: str  # a sidebar count above the maximum
    scroll: str
    scroll_hover: str
    tooltip: str
    tooltip_text: str

    def color(self, name: str) -> QColor:
        return QColor(getattr(self, name))


LIGHT = Colors(
    dark=False,
    bg="#ffffff",
    bg_alt="#f5f6f8",
    raised="#ffffff",
    border="#e3e6eb",
    border_strong="#c9ced6",
    text="#1c2024",
    muted="#5b6472",
    faint="#8a929e",
    accent="#2b62e3",
    accent_hover="#1f51c7",
    accent_text="#ffffff",
    focus="#2b62e3",
    hover="#eef0f3",
    pressed="#e2e6eb",
    selected="#e5edfd",
    selected_text="#1c2024",
    bubble_customer="#f0f2f5",
    bubble_reply="#dde8fd",
    note_fill="#fff5d1",
    note_border="#d9a800",
    note_text="#7a4f00",
    danger="#c4282d",
    danger_fill="#fdeded",
    danger_border="#f3b6b6",
    warning="#8a4a0b",
    warning_fill="#fff7e0",
    warning_border="#efd38c",
    info_fill="#e9f1ff",
    info_border="#bad1fa",
    success="#1d9a55",
    busy="#2b62e3",
    star="#e8a317",
    badge="#d42d33",
    badge_text="#ffffff",
    chip="#eceff3",
    chip_text="#454e5c",
    over_max="#c2410c",
    scroll="#c4c9d1",
    scroll_hover="#a3aab5",
    tooltip="#1c2024",
    tooltip_text="#f5f6f8",
)

DARK = Colors(
    dark=True,
    bg="#1a1c1f",
    bg_alt="#141618",
    raised="#25282c",
    border="#2d3136",
    border_strong="#454b53",
    text="#e6e8eb",
    muted="#a3abb6",
    faint="#7c8591",
    accent="#336ae0",
    accent_hover="#5186f0",
    accent_text="#ffffff",
    focus="#6d9dff",
    hover="#24272b",
    pressed="#2e3237",
    selected="#233450",
    selected_text="#f0f3f7",
    bubble_customer="#2a2d32",
    bubble_reply="#1f3558",
    note_fill="#3a3117",
    note_border="#a3852c",
    note_text="#f0cd6a",
    danger="#ff7b74",
    danger_fill="#3a1f21",
    danger_border="#6e3033",
    warning="#f2b766",
    warning_fill="#362c16",
    warning_border="#6a5424",
    info_fill="#1b2944",
    info_border="#2f4a78",
    success="#3fcf7f",
    busy="#6d9dff",
    star="#f5b83d",
    badge="#d42d33",
    badge_text="#ffffff",
    chip="#2c3036",
    chip_text="#c4cad2",
    over_max="#fb923c",
    scroll="#454b53",
    scroll_hover="#5c636d",
    tooltip="#e6e8eb",
    tooltip_text="#1a1c1f",
)

_current: Colors = LIGHT


def colors() -> Colors:
    """The colours in force (what painted parts use)."""
    return _current


def qss_path() -> Path:
    return resources_dir() / "style" / "sangdam.qss"


@functools.cache
def _qss_template() -> str:
    text = qss_path().read_text(encoding="utf-8")
    return re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)  # comments may name @tokens


_TOKEN = re.compile(r"@([a-z_]+)")


def stylesheet(c: Colors, images: Path | None = None) -> str:
    """The stylesheet with `@token`s filled in from `c` (and `@images` the folder of the
    arrows drawn for combo boxes and the like). An unknown token is an error."""
    names = {f.name for f in dataclasses.fields(c)}

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "images":
            return (images or Path()).as_posix()
        if name == "scheme":
            return "dark" if c.dark else "light"
        if name not in names:
            raise KeyError(f"sangdam.qss names an unknown colour @{name}")
        return str(getattr(c, name))

    return _TOKEN.sub(fill, _qss_template())


def palette(c: Colors) -> QPalette:
    """The Qt palette for a scheme: what Fusion and the painted parts draw with."""
    p = QPalette()
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    for r, value in (
        (role.Window, c.bg),
        (role.WindowText, c.text),
        (role.Base, c.bg),
        (role.AlternateBase, c.bg_alt),
        (role.Text, c.text),
        (role.Button, c.raised),
        (role.ButtonText, c.text),
        (role.BrightText, c.danger),
        (role.Highlight, c.accent),
        (role.HighlightedText, c.accent_text),
        (role.ToolTipBase, c.tooltip),
        (role.ToolTipText, c.tooltip_text),
        (role.PlaceholderText, c.faint),
        (role.Link, c.accent),
        (role.LinkVisited, c.accent),
        (role.Light, c.raised),
        (role.Midlight, c.border),
        (role.Mid, c.border_strong),
        (role.Dark, c.border_strong),
        (role.Shadow, "#000000"),
        (role.Accent, c.accent),
    ):
        p.setColor(r, QColor(value))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor(c.faint))
    p.setColor(group.Disabled, role.Highlight, QColor(c.border_strong))
    return p


def os_scheme() -> Qt.ColorScheme:
    """The scheme asked for: SANGDAM_COLOR_SCHEME, else the OS's."""
    forced = os.environ.get(SCHEME_ENV, "").strip().lower()
    if forced == "dark":
        return Qt.ColorScheme.Dark
    if forced == "light":
        return Qt.ColorScheme.Light
    return QGuiApplication.styleHints().colorScheme()


@functools.cache
def _image_folder() -> Path:
    """This process's folder for the stylesheet's images, removed when it exits."""
    folder = Path(tempfile.mkdtemp(prefix="sangdam-style-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _arrows(c: Colors) -> Path:
    """PNGs of the glyphs the stylesheet needs as images (combo box arrows, check marks),
    drawn in this scheme's colours into a folder of their own."""
    from desktop.views.icons import icon

    folder = _image_folder()
    suffix = "dark" if c.dark else "light"
    for name, file, color in (
        ("chevron-down", "down", c.muted),
        ("chevron-up", "up", c.muted),
        ("check-bold", "check", c.accent_text),
        ("minus-thick", "partial", c.accent_text),
    ):
        path = folder / f"{file}-{suffix}.png"
        icon(name, color=color).pixmap(QSize(32, 32)).save(str(path), "PNG", 100)  # fast
    return folder


class Theme(QObject):
    """Applies the look to the application and follows the OS's scheme."""

    changed = Signal(bool)  # dark?

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self.scheme: Qt.ColorScheme | None = None
        app.styleHints().colorSchemeChanged.connect(self._os_changed)

    def _os_changed(self, scheme: Qt.ColorScheme) -> None:
        if os.environ.get(SCHEME_ENV):
            return  # forced
        self.apply(scheme)

    def apply(self, scheme: Qt.ColorScheme | None = None) -> Colors:
        """Set the palette and the stylesheet for `scheme` (by default the OS's)."""
        global _current
        scheme = os_scheme() if scheme is None else scheme
        c = DARK if scheme == Qt.ColorScheme.Dark else LIGHT
        if self.scheme is not None and c is _current:
            return c
        self.scheme = scheme
        _current = c
        app = self._app
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")  # the one style that draws with the palette everywhere
        app.setPalette(palette(c))
        app.setStyleSheet(stylesheet(c, _arrows(c)))
        self.changed.emit(c.dark)
        return c


_theme: Theme | None = None


def repolish(widget: QWidget) -> None:
    """Apply the stylesheet again after a dynamic property it selects on changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def install(app: QApplication) -> Theme:
    """Apply the look now and keep it in step with the OS (once per application)."""
    global _theme
    if _theme is None or _theme.parent() is not app:
        _theme = Theme(app)
    _theme.apply()
    return _theme


def installed() -> Theme | None:
    return _theme


def uninstall(app: QApplication) -> None:
    """Back to Qt's own look (tests that installed the theme tidy up with it)."""
    global _theme, _current
    if _theme is not None:
        app.styleHints().colorSchemeChanged.disconnect(_theme._os_changed)
        _theme.deleteLater()
        _theme = None
    _current = LIGHT
    app.setStyleSheet("")
    app.setPalette(app.style().standardPalette())
