"""Pausing notifications: the same three actions in the tray's menu and the window's
Notifications menu, and how a pause is said."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desktop.i18n import translate
from desktop.models.format import day_and_time

MORNING_HOUR = 8  # "until tomorrow" ends at this hour, local time


def tomorrow_morning(now: datetime | None = None) -> datetime:
    now = (now or datetime.now()).astimezone()
    day = now + timedelta(days=1)
    return day.replace(hour=MORNING_HOUR, minute=0, second=0, microsecond=0)


def paused_text(until: datetime, now: datetime | None = None) -> str:
    return translate("Pause", "Notifications paused until {time}").format(
        time=day_and_time(until, now)
    )


@dataclass(frozen=True, slots=True)
class PauseActions:
    hour: QAction
    tomorrow: QAction
    resume: QAction  # shown only while paused

    def all(self) -> tuple[QAction, QAction, QAction]:
        return (self.hour, self.tomorrow, self.resume)

    def show_paused(self, paused: bool) -> None:
        self.resume.setVisible(paused)


def pause_actions(parent: QObject, pause: Callable[[datetime | None], None]) -> PauseActions:
    """`pause(until)` with a time, or with None to resume."""
    actions = PauseActions(
        QAction(translate("Pause", "Pause notifications for 1 hour"), parent),
        QAction(translate("Pause", "Pause notifications until tomorrow"), parent),
        QAction(translate("Pause", "Resume notifications"), parent),
    )
    actions.hour.triggered.connect(lambda: pause(datetime.now().astimezone() + timedelta(hours=1)))
    actions.tomorrow.triggered.connect(lambda: pause(tomorrow_morning()))
    actions.resume.triggered.connect(lambda: pause(None))
    actions.show_paused(False)
    return actions
