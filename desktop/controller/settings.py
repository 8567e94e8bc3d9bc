"""The settings dialog wired to what it changes.

One state, one action each, shared with the rest of the app: the S11 switch is the
window's (its request, and the server's answer shown in both places), the pause is the
notifier's (as the tray's and the Notifications menu's), the sound is the preferences
file's and the notification sink's, "start at login" is the OS's own entry
(`desktop.autostart`), log out is the window's question, and clearing the cache or
restarting goes through the flow, which stops the session around them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from desktop import autostart as startup
from desktop import i18n
from desktop.sync.clear import ClearError, Unsent, size_on_disk, unsent
from desktop.sync.status import Phase, Status
from desktop.views.settings_dialog import SettingsDialog, SettingsState

if TYPE_CHECKING:
    from desktop.controller.flow import AppFlow
    from desktop.controller.ui import Ui

log = logging.getLogger(__name__)


def kept_text(kept: Unsent) -> str:
    if kept.messages == 1:
        return QCoreApplication.translate("SettingsDialog", "1 unsent message was kept.")
    if kept.messages:
        return QCoreApplication.translate(
            "SettingsDialog", "{n} unsent messages were kept."
        ).format(n=kept.messages)
    return ""


class SettingsController(QObject):
    """The dialog of one window (made when first opened, then shown again)."""

    def __init__(self, flow: AppFlow, ui: Ui, autostart: startup.Autostart | None = None) -> None:
        super().__init__(ui.window)
        self.flow = flow
        self.ui = ui
        self.autostart = autostart or startup.for_this_os()
        self.dialog: SettingsDialog | None = None
        self._redownloading = False
        self._kept = ""

    def show(self) -> SettingsDialog:
        dialog = self.dialog
        if dialog is None:
            dialog = self.dialog = self._build()
        else:
            dialog.set_autostart(self.autostart.enabled())
        dialog.set_cache_size(size_on_disk(self.ui.path))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # ---- building -----------------------------------------------------------------------------

    def _state(self) -> SettingsState:
        flow, ui = self.flow, self.ui
        login = flow.login or flow.last_identity()  # before the session: the last login
        if flow.demo:
            server = QCoreApplication.translate(
                "SettingsDialog", "The demo server on this computer"
            )
        else:
            server = login.server_url if login is not None else ""
        notifier = ui.notifier
        return SettingsState(
            server=server,
            email=login.email if login is not None else "",
            notify_unassigned=ui.window.notify_unassigned_on(),
            sound=flow.settings.notification_sound(),
            language=flow.settings.language(),
            autostart=self.autostart.enabled(),
            cache_size=size_on_disk(ui.path),
            cache_path=str(ui.path),
            paused_until=notifier.paused_until if notifier is not None else None,
            can_log_out=not flow.demo,
        )

    def _build(self) -> SettingsDialog:
        window = self.ui.window
        dialog = SettingsDialog(self._state(), window)
        dialog.logoutRequested.connect(self._log_out)
        dialog.notifyUnassignedRequested.connect(window.switch_unassigned)
        window.notifyUnassignedShown.connect(dialog.set_notify_unassigned)
        dialog.pauseRequested.connect(window.pauseRequested)
        if self.ui.notifier is not None:
            self.ui.notifier.pausedChanged.connect(dialog.set_paused)
        dialog.soundChanged.connect(self._sound)
        dialog.languageChanged.connect(lambda code: i18n.choose(self.flow.settings, code))
        dialog.restartRequested.connect(self.flow.restart)
        dialog.autostartChanged.connect(self._autostart)
        dialog.clearCacheRequested.connect(self._ask_clear)
        dialog.clearCacheConfirmed.connect(self._clear)
        self.ui.controller.statusChanged.connect(self._status)
        return dialog

    # ---- the agent's choices ------------------------------------------------------------------

    def _log_out(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.ui.window.confirm_logout()

    def _sound(self, on: bool) -> None:
        self.flow.settings.set_notification_sound(on)
        self.flow.sink.sound = on

    def _autostart(self, on: bool) -> None:
        assert self.dialog is not None
        try:
            startup.set_enabled(self.autostart, on)
        except startup.AutostartError as exc:
            log.warning("start at login could not be changed: %s", exc)
            self.dialog.set_autostart(
                self.autostart.enabled(),
                QCoreApplication.translate(
                    "SettingsDialog", "Sangdam could not change this: {reason}"
                ).format(reason=exc),
            )
            return
        self.dialog.set_autostart(self.autostart.enabled())

    def _ask_clear(self) -> None:
        """Count what the cache alone holds (a scan of its messages: off the GUI
        thread), then ask."""
        import asyncio

        async def ask() -> None:
            try:
                held = await asyncio.to_thread(unsent, self.ui.path)
            except ClearError as exc:
                if self.dialog is not None:
                    self.dialog.set_clearing(False, str(exc), problem=True)
                return
            if self.dialog is not None:
                self.dialog.confirm_clear(held.messages, held.other, held.failed)

        self._asking = asyncio.ensure_future(ask())

    def _clear(self) -> None:
        assert self.dialog is not None
        self.dialog.set_clearing(
            True, QCoreApplication.translate("SettingsDialog", "Clearing the cache…")
        )
        self.flow.clear_cache(self._cleared)

    def _cleared(self, kept: Unsent | None, problem: str | None) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if kept is None:
            dialog.set_clearing(
                False,
                QCoreApplication.translate(
                    "SettingsDialog", "The cache was not cleared: {reason}"
                ).format(reason=problem or ""),
                problem=True,
            )
            return
        self._redownloading = True
        self._kept = kept_text(kept)
        dialog.set_cache_size(size_on_disk(self.ui.path))
        text = QCoreApplication.translate(
            "SettingsDialog", "Cleared. Downloading your inbox again…"
        )
        dialog.set_clearing(True, f"{text} {self._kept}".strip())

    def _status(self, status: Status) -> None:
        if not self._redownloading or self.dialog is None or status.phase is not Phase.ONLINE:
            return
        self._redownloading = False
        self.dialog.set_cache_size(size_on_disk(self.ui.path))
        text = QCoreApplication.translate("SettingsDialog", "Your inbox was downloaded again.")
        self.dialog.set_clearing(False, f"{text} {self._kept}".strip())
