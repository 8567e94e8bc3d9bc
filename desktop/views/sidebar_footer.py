"""The sidebar's footer: my operator seat (O1-O3) and "away" (R1, R3), switched here.

Both change how chats are routed to me, so each switch's tooltip says what it does to
routing. A click asks the server (`settingsRequested`); the switches always show what the
server has (the directory's row for me, brought by the feed), so a change that fails
offline springs back and the window says why.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from desktop.i18n import translate
from desktop.models.directory import Directory


class SidebarFooter(QWidget):
    settingsRequested = Signal(dict)  # e.g. {"operator_seat": False}

    def __init__(self, directory: Directory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebarFooter")
        self._directory = directory
        self.seat = QCheckBox(translate("SidebarFooter", "Operator seat"), self)
        self.seat.setObjectName("seatSwitch")
        self.seat.setToolTip(
            translate(
                "SidebarFooter",
                "On: chats can be assigned to you, by hand or by auto-assignment, and you "
                "can change a chat's state, tags and description.\n"
                "Off: no chat is assigned to you and auto-assignment passes you by; you can "
                "still read, reply and star.",
            )
        )
        self.away = QCheckBox(translate("SidebarFooter", "Away"), self)
        self.away.setObjectName("awaySwitch")
        self.away.setToolTip(
            translate(
                "SidebarFooter",
                "While you are away, auto-assignment gives you no new chats (you keep the "
                "ones you have; others can still assign you by hand).\n"
                "When you come back, chats waiting in your teams' queues come to you.",
            )
        )
        col = QVBoxLayout(self)
        col.setContentsMargins(14, 6, 14, 2)
        col.setSpacing(4)
        col.addWidget(self.seat)
        col.addWidget(self.away)
        for box in (self.seat, self.away):
            box.setAccessibleDescription(box.toolTip())
        self.seat.clicked.connect(lambda on: self._ask(operator_seat=bool(on)))
        self.away.clicked.connect(lambda on: self._ask(available=not on))
        directory.changed.connect(self.show_mine)
        self.show_mine()

    def show_mine(self) -> None:
        """Show what the server has for me."""
        me: dict[str, Any] = self._directory.managers.get(self._directory.me) or {}
        seat, away = bool(me.get("operator_seat")), not bool(me.get("available", True))
        for box, on in ((self.seat, seat), (self.away, away)):
            box.blockSignals(True)
            box.setChecked(on)
            box.blockSignals(False)
            box.setEnabled(bool(me))  # not before the directory knows me

    def _ask(self, **settings: bool) -> None:
        self.show_mine()  # the server's answer shows, not the click
        self.settingsRequested.emit(settings)
