"""The tray icon and the dock/taskbar badge: my unread count, at a glance (N7).

The icon carries the count (a red disc with the number), its tooltip says it in words
and whether notifications are paused, and its menu opens the app, pauses notifications
for an hour or until tomorrow morning, resumes them, opens the settings, and quits. The
dock or taskbar badge is Qt's `setBadgeNumber` where the platform has one.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop import resources
from desktop.i18n import translate
from desktop.notify.pause import pause_actions, paused_text


def _badge(count: int) -> None:
    """The dock (macOS), taskbar (Windows) or launcher (some Linux desktops) badge."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        app.setBadgeNumber(count)


def badge_text(count: int) -> str:
    return "99+" if count > 99 else str(count)


def app_icon(count: int = 0, size: int = 64) -> QIcon:
    """Sangdam's mark (resources/icons), with the unread count on a red disc."""
    if count <= 0:
        return resources.app_icon()
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    p.drawPixmap(0, 0, resources.app_icon().pixmap(size, size))
    text = badge_text(count)
    d = size * (0.5 if len(text) < 3 else 0.62)
    rect = QRectF(size - d, 0, d, d)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#e5484d"))
    p.drawEllipse(rect)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(d * (0.6 if len(text) == 1 else 0.45)))
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return QIcon(pix)


class Tray(QObject):
    openRequested = Signal()
    pauseRequested = Signal(object)  # datetime until which to pause, or None to resume
    quitRequested = Signal()
    settingsRequested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        self.paused_until: datetime | None = None
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.menu = QMenu()
        self.open_action = QAction(translate("Tray", "Open Sangdam"), self)
        self.pause = pause_actions(self, self.pauseRequested.emit)
        self.pause_hour_action, self.resume_action = self.pause.hour, self.pause.resume
        self.settings_action = QAction(translate("Tray", "Settings…"), self)
        self.quit_action = QAction(translate("Tray", "Quit Sangdam"), self)
        self.open_action.triggered.connect(self.openRequested)
        self.settings_action.triggered.connect(self.settingsRequested)
        self.quit_action.triggered.connect(self.quitRequested)
        self.menu.addAction(self.open_action)
        self.menu.addSeparator()
        self.menu.addActions(list(self.pause.all()))
        self.menu.addSeparator()
        self.menu.addAction(self.settings_action)
        self.menu.addAction(self.quit_action)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self._refresh()

    def show(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon.show()

    def hide(self) -> None:
        self.icon.hide()
        _badge(0)

    def set_count(self, count: int) -> None:
        if count != self.count:
            self.count = count
            self._refresh()

    def set_paused(self, until: datetime | None) -> None:
        self.paused_until = until
        self._refresh()

    def tooltip(self) -> str:
        if self.count == 0:
            text = translate("Tray", "Sangdam: no unread chats")
        else:
            text = translate("Tray", "Sangdam: %Ln unread chats", None, self.count)
        if self.paused_until is not None:
            text += "\n" + paused_text(self.paused_until)
        return text

    def _refresh(self) -> None:
        self.icon.setIcon(app_icon(self.count))
        self.icon.setToolTip(self.tooltip())
        self.pause.show_paused(self.paused_until is not None)
        _badge(self.count)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.openRequested.emit()
