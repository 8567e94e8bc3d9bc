"""The Workspace page: its name, time zone (IANA, searched as typed) and business hours
per weekday (open or closed, from, to), saved together. The server checks them (an
unknown zone, a day that closes before it opens) and its reason shows here."""

from __future__ import annotations

import functools
import zoneinfo
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.i18n import translate
from desktop.views.admin.common import Feedback, page_layout
from protocol.schemas import WEEKDAYS

DEFAULT_OPEN, DEFAULT_CLOSE = "09:00", "18:00"


@functools.cache
def time_zones() -> list[str]:
    return sorted(zoneinfo.available_timezones())


def clock_times() -> list[str]:
    """Every quarter hour of a day, and 24:00 (a day open to midnight)."""
    return [f"{m // 60:02d}:{m % 60:02d}" for m in range(0, 24 * 60, 15)] + ["24:00"]


def weekday_names() -> dict[str, str]:
    return {
        "mon": translate("AdminWorkspace", "Monday"),
        "tue": translate("AdminWorkspace", "Tuesday"),
        "wed": translate("AdminWorkspace", "Wednesday"),
        "thu": translate("AdminWorkspace", "Thursday"),
        "fri": translate("AdminWorkspace", "Friday"),
        "sat": translate("AdminWorkspace", "Saturday"),
        "sun": translate("AdminWorkspace", "Sunday"),
    }


def _time_combo(parent: QWidget, value: str) -> QComboBox:
    box = QComboBox(parent)
    box.addItems(clock_times())
    box.setMaxVisibleItems(12)
    set_time(box, value)
    return box


def set_time(box: QComboBox, value: str) -> None:
    if box.findText(value) < 0:  # a time the server holds off the quarter hours
        box.addItem(value)
    box.setCurrentText(value)


class _Day:
    def __init__(self, day: str, parent: QWidget) -> None:
        self.day = day
        self.open = QCheckBox(weekday_names()[day], parent)
        self.open.setObjectName(f"open_{day}")
        self.start = _time_combo(parent, DEFAULT_OPEN)
        self.end = _time_combo(parent, DEFAULT_CLOSE)
        self.dash = QLabel("–", parent)
        self.dash.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dash.setMinimumWidth(14)
        self.closed = QLabel(translate("AdminWorkspace", "Closed"), parent)
        self.closed.setObjectName("hint")
        self.open.toggled.connect(self._shown)

    def _shown(self) -> None:
        on = self.open.isChecked()
        for w in (self.start, self.end, self.dash):
            w.setVisible(on)
        self.closed.setVisible(not on)

    def show(self, hours: dict[str, Any] | None) -> None:
        self.open.setChecked(hours is not None)
        set_time(self.start, str((hours or {}).get("open") or DEFAULT_OPEN))
        set_time(self.end, str((hours or {}).get("close") or DEFAULT_CLOSE))
        self._shown()

    def value(self) -> dict[str, str] | None:
        if not self.open.isChecked():
            return None
        return {"open": self.start.currentText(), "close": self.end.currentText()}


class WorkspacePage(QWidget):
    """`saveRequested(change)`: name, time_zone and the whole week's business_hours."""

    saveRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspacePage")
        col = page_layout(
            self,
            translate("AdminWorkspace", "Workspace"),
            translate(
                "AdminWorkspace",
                "Its name, the time zone its hours are in, and when the team answers.",
            ),
        )
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.zone = QComboBox(self)
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems(time_zones())
        self.zone.setMaxVisibleItems(15)
        completer = QCompleter(time_zones(), self.zone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "seoul" finds Asia/Seoul
        self.zone.setCompleter(completer)
        zone_edit = self.zone.lineEdit()
        if zone_edit is not None:
            zone_edit.setPlaceholderText(translate("AdminWorkspace", "Search, e.g. Seoul"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(translate("AdminWorkspace", "Name"), self.name)
        form.addRow(translate("AdminWorkspace", "Time zone"), self.zone)
        col.addLayout(form)
        hours_title = QLabel(translate("AdminWorkspace", "Business hours"), self)
        hours_title.setObjectName("columnHead")
        col.addWidget(hours_title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        self.days: dict[str, _Day] = {}
        for r, day in enumerate(WEEKDAYS):
            d = _Day(day, self)
            self.days[day] = d
            grid.addWidget(d.open, r, 0)
            grid.addWidget(d.start, r, 1)
            grid.addWidget(d.dash, r, 2)
            grid.addWidget(d.end, r, 3)
            grid.addWidget(d.closed, r, 1, 1, 3)
        grid.setColumnStretch(4, 1)
        col.addLayout(grid)
        self.save_button = QPushButton(translate("AdminWorkspace", "Save"), self)
        self.save_button.setProperty("primary", True)
        self.revert_button = QPushButton(translate("AdminWorkspace", "Revert"), self)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)
        col.addLayout(actions)
        self.feedback = Feedback(self)
        col.addWidget(self.feedback)
        col.addStretch(1)
        self.workspace: dict[str, Any] = {}
        self.save_button.clicked.connect(self._save)
        self.revert_button.clicked.connect(lambda: self.show_workspace(self.workspace, force=True))
        self.show_workspace({})

    def show_workspace(self, workspace: dict[str, Any], *, force: bool = True) -> None:
        """What the cache holds now. `force` False keeps what the admin is typing."""
        if not force and self.edited():
            self.workspace = workspace
            return
        self.workspace = workspace
        self.name.setText(str(workspace.get("name") or ""))
        self.zone.setCurrentText(str(workspace.get("time_zone") or "Asia/Seoul"))
        hours = dict(workspace.get("business_hours") or {})
        for day, d in self.days.items():
            d.show(hours.get(day))

    def change(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "time_zone": self.zone.currentText().strip(),
            "business_hours": {day: d.value() for day, d in self.days.items()},
        }

    def edited(self) -> bool:
        if not self.workspace:
            return False
        hours = dict(self.workspace.get("business_hours") or {})
        held = {
            "name": str(self.workspace.get("name") or ""),
            "time_zone": str(self.workspace.get("time_zone") or ""),
            "business_hours": {day: hours.get(day) for day in WEEKDAYS},
        }
        return self.change() != held

    def _save(self) -> None:
        self.feedback.clear_text()
        self.save_button.setEnabled(False)
        self.saveRequested.emit(self.change())

    def saved(self, workspace: dict[str, Any]) -> None:
        self.save_button.setEnabled(True)
        self.show_workspace(workspace)
        self.feedback.done(translate("AdminWorkspace", "Saved."))

    def refused(self, text: str) -> None:
        self.save_button.setEnabled(True)
        self.feedback.refused(text)
