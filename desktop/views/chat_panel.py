"""The side panel beside the conversation: who the customer is and where the chat stands
(assignee, team, followers, tags, state or snooze end, when it started and last moved).

Read from the chat's row and the directory (the models): it never touches the network or
the cache. The conversation pane shows it when there is room and the agent wants it.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.i18n import translate
from desktop.models.directory import Directory
from desktop.models.format import clock, parse_time
from desktop.models.row_labels import state_label
from desktop.sync.items import ChatItem

PANEL_WIDTH = 272


def when_text(value: object) -> str:
    """A moment as the panel says it: the date and the time on the agent's clock."""
    when = parse_time(str(value)) if value else None
    if when is None:
        return "—"
    local = when.astimezone()
    day = QDate(local.year, local.month, local.day)
    date = QLocale().toString(day, QLocale.FormatType.ShortFormat)
    return f"{date} {clock(when)}"


class ChatPanel(QFrame):
    """Details of the open chat, as plain text labels (customer text is never markup)."""

    def __init__(self, directory: Directory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatPanel")
        self.setFixedWidth(PANEL_WIDTH)
        self._directory = directory
        self.values: dict[str, QLabel] = {}
        self.title = QLabel(translate("ChatPanel", "Details"), self)
        self.title.setObjectName("panelTitle")
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        rows = (
            ("customer", translate("ChatPanel", "Customer")),
            ("channel", translate("ChatPanel", "Channel")),
            ("assignee", translate("ChatPanel", "Assignee")),
            ("team", translate("ChatPanel", "Team")),
            ("followers", translate("ChatPanel", "Followers")),
            ("tags", translate("ChatPanel", "Tags")),
            ("state", translate("ChatPanel", "State")),
            ("started", translate("ChatPanel", "Started")),
            ("last", translate("ChatPanel", "Last message")),
        )
        for row, (key, label) in enumerate(rows):
            name = QLabel(label, self)
            name.setObjectName("panelKey")
            value = QLabel("—", self)
            value.setObjectName("panelValue")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
            self.values[key] = value
        col = QVBoxLayout(self)
        col.setContentsMargins(18, 16, 16, 16)
        col.setSpacing(14)
        col.addWidget(self.title)
        col.addLayout(grid)
        col.addStretch(1)

    def text(self, key: str) -> str:
        return self.values[key].text()

    def show_chat(self, item: ChatItem, medium: str) -> None:
        """Fill the panel from the chat's row (`medium`: the channel's name, translated)."""
        chat = item.chat
        d = self._directory
        none = translate("ChatPanel", "None")
        followers = [d.manager_name(str(f)) for f in chat.get("follower_ids") or ()]
        tags = ["#" + str(t) for t in chat.get("tags") or ()]
        state = str(chat.get("state") or "open")
        if state == "snoozed" and chat.get("snooze_until"):
            state_text = translate("ChatPanel", "Snoozed until {when}").format(
                when=when_text(chat.get("snooze_until"))
            )
        else:
            state_text = state_label(state) or translate("ChatPanel", "Open")
        texts = {
            "customer": item.customer_name or translate("ChatPanel", "(no name)"),
            "channel": medium or "—",
            "assignee": d.manager_name(chat.get("assignee_id"))
            or translate("ChatPanel", "Unassigned"),
            "team": d.team_name(chat.get("team_id")) or none,
            "followers": ", ".join(f for f in followers if f) or none,
            "tags": " ".join(tags) or none,
            "state": state_text,
            "started": when_text(chat.get("created_at")),
            "last": when_text(chat.get("last_message_at")),
        }
        for key, value in texts.items():
            self.values[key].setText(value)
