"""The conversation pane: the chat's header, its messages and the composer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.directory import Directory
from desktop.models.messages import MessageListModel
from desktop.sync.items import ChatItem
from desktop.views.chat_delegate import state_label
from desktop.views.composer import Composer
from desktop.views.lists import MessageView
from desktop.views.paint import paint_avatar


def medium_label(medium: str) -> str:
    return {
        "web": translate("Conversation", "Web"),
        "phone": translate("Conversation", "Phone"),
        "email": translate("Conversation", "Email"),
        "kakao": translate("Conversation", "Kakao"),
        "instagram": translate("Conversation", "Instagram DM"),
        "naver": translate("Conversation", "Naver TalkTalk"),
        "line": translate("Conversation", "LINE"),
    }.get(medium, medium)


class _Avatar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(36, 36)
        self.name, self.key, self.medium = "", "", ""

    def set(self, name: str, key: str, medium: str) -> None:
        self.name, self.key, self.medium = name, key, medium
        self.update()

    def paintEvent(self, _e: QPaintEvent) -> None:
        if not self.key:
            return
        p = QPainter(self)
        paint_avatar(p, self.rect().adjusted(0, 0, -1, -1), self.name, self.key, self.medium)
        p.end()


class ConversationPane(QWidget):
    sendRequested = Signal(str, str, bool)  # chat id, text, is note
    starRequested = Signal(str, bool)
    stateRequested = Signal(str, str)  # chat id, new state

    def __init__(
        self, model: MessageListModel, directory: Directory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conversation")
        self._directory = directory
        self._model = model
        self._chat: ChatItem | None = None

        # header
        self.avatar = _Avatar(self)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1.5)
        self.title.setFont(font)
        self.info = QLabel(self)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setStyleSheet("color: #6b7280;")
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.info)
        self.star_button = QToolButton(self)
        self.star_button.setCheckable(True)
        self.star_button.setAutoRaise(True)
        self.star_button.setText("☆")
        self.star_button.setToolTip(translate("Conversation", "Star this chat"))
        self.star_button.clicked.connect(self._star)
        self.state_button = QToolButton(self)
        self.state_button.setAutoRaise(False)
        self.state_button.clicked.connect(self._toggle_state)
        header = QFrame(self)
        header.setObjectName("conversationHeader")
        header.setStyleSheet(
            "QFrame#conversationHeader { border-bottom: 1px solid rgba(0,0,0,0.08); }"
        )
        row = QHBoxLayout(header)
        row.setContentsMargins(14, 8, 10, 8)
        row.setSpacing(10)
        row.addWidget(self.avatar)
        row.addLayout(titles, 1)
        row.addWidget(self.star_button)
        row.addWidget(self.state_button)

        self.view = MessageView(model, self)
        directory.changed.connect(self._names_changed)
        self.composer = Composer(self)
        self.composer.sendRequested.connect(self._send)

        chat = QWidget(self)
        col = QVBoxLayout(chat)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(header)
        col.addWidget(self.view, 1)
        col.addWidget(self.composer)

        self.empty = QLabel(translate("Conversation", "Choose a chat from the list"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #9ca3af;")
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(chat)
        self.setMinimumWidth(360)

    @property
    def chat(self) -> ChatItem | None:
        return self._chat

    def set_chat(self, item: ChatItem | None) -> None:
        opened = item is not None and (self._chat is None or self._chat.id != item.id)
        self._chat = item
        if item is None:
            self._model.set_chat(None)
            self.composer.set_chat(None)
            self._stack.setCurrentIndex(0)
            return
        self._stack.setCurrentIndex(1)
        self.show_header(item)
        if opened:
            self._model.set_chat(item.id, item.customer_name)
            self.composer.set_chat(item.id)

    def show_header(self, item: ChatItem) -> None:
        """The chat's row changed (or was opened): name, medium, assignee, state."""
        if self._chat is not None and item.id != self._chat.id:
            return
        self._chat = item
        chat = item.chat
        self.avatar.set(
            item.customer_name, str(chat.get("customer_id") or item.id), str(chat.get("medium"))
        )
        self.title.setText(item.customer_name or translate("Conversation", "(no name)"))
        parts = [medium_label(str(chat.get("medium") or ""))]
        team = self._directory.team_name(chat.get("team_id"))
        if team:
            parts.append(team)
        assignee = self._directory.manager_name(chat.get("assignee_id"))
        parts.append(
            translate("Conversation", "Assignee: {name}").format(name=assignee)
            if assignee
            else translate("Conversation", "Unassigned")
        )
        state = str(chat.get("state") or "open")
        if state != "open":
            parts.append(state_label(state))
        for tag in chat.get("tags") or ():
            parts.append("#" + str(tag))
        self.info.setText(" · ".join(parts))
        self.star_button.setChecked(item.starred)
        self.star_button.setText("★" if item.starred else "☆")
        self.star_button.setToolTip(
            translate("Conversation", "Unstar")
            if item.starred
            else translate("Conversation", "Star this chat")
        )
        self.state_button.setText(
            translate("Conversation", "Reopen")
            if state != "open"
            else translate("Conversation", "Close")
        )
        self.state_button.setToolTip(
            translate("Conversation", "Open this chat again")
            if state != "open"
            else translate("Conversation", "Close this chat")
        )

    def _names_changed(self) -> None:
        self.view.delegate.clear_cache()
        self.view.viewport().update()

    def _send(self, text: str, note: bool) -> None:
        if self._chat is not None:
            self.sendRequested.emit(self._chat.id, text, note)

    def _star(self) -> None:
        if self._chat is not None:
            self.starRequested.emit(self._chat.id, not self._chat.starred)

    def _toggle_state(self) -> None:
        if self._chat is not None:
            state = str(self._chat.chat.get("state") or "open")
            self.stateRequested.emit(self._chat.id, "open" if state != "open" else "closed")
