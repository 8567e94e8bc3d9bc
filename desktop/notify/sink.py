"""The operating system's notifications, through desktop-notifier (Windows, macOS, Linux).

One `DesktopSink` for the app's life (PLATFORM-NOTES: callbacks die with the object that
holds them), its click handler pointed at whichever `Notifier` is current. `sound` (the
agent's preference, on by default) asks the OS for its default notification sound, or
for none (Linux: no `sound-name` hint; macOS: no sound; Windows: a silent toast). A send that
fails (no notification service on this desktop) is reported once and never raised into
the inbox: notifications are a courtesy, the inbox is the truth. desktop-notifier logs
every failed send with a full traceback; inside our sends that record becomes the
failure's reason instead (one warning per outage, no traceback).
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from desktop import resources
from desktop.i18n import translate

if TYPE_CHECKING:
    from desktop_notifier import DesktopNotifier

log = logging.getLogger(__name__)

# desktop-notifier's logger for a failed send ("Notification failed", with the traceback)
_BACKEND_LOGGER = "desktop_notifier.backends.base"
_failures: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "sangdam_notify_failures", default=None
)


class _TakeFailures(logging.Filter):
    """Inside one of our sends (same task, so same context), a failure record (one with
    a traceback) is kept as the reason and not logged; other records pass untouched."""

    def filter(self, record: logging.LogRecord) -> bool:
        caught = _failures.get()
        exc = record.exc_info[1] if record.exc_info else None
        if caught is None or exc is None:
            return True
        caught.append(f"{type(exc).__name__}: {exc}")
        return False


_filter = _TakeFailures()


def _quiet_backend() -> None:
    logger = logging.getLogger(_BACKEND_LOGGER)
    if _filter not in logger.filters:
        logger.addFilter(_filter)


class Sink(Protocol):
    on_clicked: Callable[[str], None] | None  # a notification's identifier
    on_dismissed: Callable[[str], None] | None

    async def send(self, title: str, body: str) -> str | None:
        """Show a notification; its identifier, or None if it could not be shown."""
        ...

    async def clear(self, identifier: str) -> None: ...

    async def clear_all(self) -> None: ...


class DesktopSink:
    def __init__(self, app_name: str = "Sangdam", *, sound: bool = True) -> None:
        self.app_name = app_name
        self.sound = sound
        self.on_clicked: Callable[[str], None] | None = None
        self.on_dismissed: Callable[[str], None] | None = None
        self.problem: str | None = None  # why the last send failed, if it did
        self.on_problem: Callable[[str], None] | None = None
        self._notifier: DesktopNotifier | None = None

    def _get(self) -> DesktopNotifier:
        if self._notifier is None:
            from desktop_notifier import DesktopNotifier, Icon

            icon = resources.icon_file(256)  # instead of desktop-notifier's Python logo
            self._notifier = DesktopNotifier(
                app_name=self.app_name, app_icon=Icon(path=icon) if icon.is_file() else None
            )
            self._notifier.on_clicked = self._clicked
            self._notifier.on_dismissed = self._dismissed
        return self._notifier

    def _clicked(self, identifier: str) -> None:
        if self.on_clicked is not None:
            self.on_clicked(identifier)

    def _dismissed(self, identifier: str) -> None:
        if self.on_dismissed is not None:
            self.on_dismissed(identifier)

    async def send(self, title: str, body: str) -> str | None:
        from desktop_notifier import DEFAULT_SOUND, Notification

        # desktop-notifier logs a failed send and returns as if it had worked; only
        # `on_dispatched`, called when the OS took it, tells the two apart.
        dispatched: list[bool] = []
        notification = Notification(
            title,
            body,
            sound=DEFAULT_SOUND if self.sound else None,
            on_dispatched=lambda: dispatched.append(True),
        )
        _quiet_backend()
        caught: list[str] = []
        token = _failures.set(caught)
        try:
            identifier = await self._get().send_notification(notification)
        except Exception as exc:
            self._failed(
                translate("Notifications", "the notification service failed"),
                f"{type(exc).__name__}: {exc}",
            )
            return None
        finally:
            _failures.reset(token)
        if not dispatched:
            self._failed(
                translate("Notifications", "no notification service answered"),
                caught[0] if caught else "",
            )
            return None
        self.problem = None
        return identifier

    async def clear(self, identifier: str) -> None:
        try:
            await self._get().clear(identifier)
        except Exception:  # already gone (closed by the agent or the daemon)
            log.debug("clearing notification %s failed", identifier, exc_info=True)

    async def clear_all(self) -> None:
        try:
            await self._get().clear_all()
        except Exception:
            log.debug("clearing notifications failed", exc_info=True)

    def _failed(self, why: str, detail: str = "") -> None:
        """`why` is for the agent; `detail` (the library's own words) only for the log."""
        first = self.problem is None  # say it once per outage, not once per message
        self.problem = why
        logged = f"{why} ({detail})" if detail else why
        if first:
            log.warning("native notifications cannot be shown: %s", logged)
            if self.on_problem is not None:
                self.on_problem(why)
        else:
            log.debug("a notification was not shown: %s", logged)
