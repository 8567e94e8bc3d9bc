"""The open chat's header (SPEC H1-H5, O2, issue 15 items 2 and 5).

Left: the customer's avatar, name, medium / team / assignee / state, and who else is
here ("Lee is typing…", from the realtime feed's presence frames). Right: star; the
assignee and team (the triage pickers); snooze (presets and a date-time picker, at most
180 days); Close or Reopen; the links menu (the manager link for teammates, the
customer link only for that customer: labelled apart, and a new customer link says
first that it revokes the old); permanent delete, shown only with the "delete chats"
permission, after a confirmation naming the customer.

What the agent may not do now is disabled with the reason as its tooltip (operator seat
off: O2). It owns no data and touches no network: it says what was asked through
signals, and the triage UI (`attach_triage`) opens the same pickers as the chat list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.directory import Directory
from desktop.models.format import day_and_time, parse_time
from desktop.models.row_labels import state_label
from desktop.sync.items import ChatItem
from desktop.views.actions import Act, Me, why_not
from desktop.views.buttons import header_button
from desktop.views.icons import icon
from desktop.views.paint import paint_avatar
from desktop.views.theme import LIGHT, repolish

if TYPE_CHECKING:
    from desktop.views.triage import TriageUi

STAR = LIGHT.star  # the star's yellow, readable on both schemes
DELETE_CHATS = "delete_chats"


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


def presence_text(people: Sequence[tuple[str, str]]) -> str:
    """ "Lee is typing…", "Lee is viewing", "Lee and Ben are viewing", "Lee is typing… ·
    Ben is viewing": (name, "typing" | "viewing"), typing first."""
    typing = [n for n, what in people if what == "typing"]
    viewing = [n for n, what in people if what != "typing"]
    parts = []
    if len(typing) == 1:
        parts.append(translate("ChatHeader", "{name} is typing…").format(name=typing[0]))
    elif typing:
        parts.append(
            translate("ChatHeader", "{names} and {last} are typing…").format(
                names=", ".join(typing[:-1]), last=typing[-1]
            )
        )
    if len(viewing) == 1:
        parts.append(translate("ChatHeader", "{name} is viewing").format(name=viewing[0]))
    elif viewing:
        parts.append(
            translate("ChatHeader", "{names} and {last} are viewing").format(
                names=", ".join(viewing[:-1]), last=viewing[-1]
            )
        )
    return " · ".join(parts)


class ElidedLabel(QLabel):
    """One line of plain text that ends in "…" when it does not fit (the whole text is
    its tooltip), instead of being cut mid-letter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumWidth(40)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._fit()

    def text(self) -> str:
        """The whole text (what is painted may end in "…")."""
        return self._full

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._fit()

    def _fit(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        if shown != super().text():
            self.setText(shown)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(
            min(hint.width(), self.fontMetrics().horizontalAdvance(self._full)), hint.height()
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())


class Avatar(QWidget):
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


class ChatHeader(QFrame):
    starRequested = Signal(str, bool)
    stateRequested = Signal(str, str)  # chat id, new state ("open" or "closed")
    managerLinkRequested = Signal(str)  # chat id: copy the manager link
    customerLinkRequested = Signal(str)  # chat id: make a new customer link and copy it
    deleteRequested = Signal(str)  # chat id: confirmed, delete it for good

    def __init__(self, directory: Directory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationHeader")
        self._directory = directory
        self._chat: ChatItem | None = None
        self.triage: TriageUi | None = None
        self.online: Callable[[], bool] = lambda: True  # links and delete need the server
        self.dialog: QMessageBox | None = None  # the confirmation shown now (tests look)

        self.avatar = Avatar(self)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1.5)
        self.title.setFont(font)
        self.info = ElidedLabel(self)
        self.info.setObjectName("conversationInfo")
        self.presence = ElidedLabel(self)
        self.presence.setObjectName("presenceLine")
        self.presence.setVisible(False)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.info)
        titles.addWidget(self.presence)

        self.star_button = QToolButton(self)
        self.star_button.setObjectName("starButton")
        self.star_button.setCheckable(True)
        self.star_button.setAutoRaise(True)
        self.star_button.setIcon(icon("star-outline", checked="star", checked_color=STAR))
        self.star_button.setProperty("header", True)
        self.star_button.clicked.connect(self._star)
        self.assign_button = header_button(self, "account-arrow-right", "", name="assignButton")
        self.assign_button.clicked.connect(lambda: self._pick(Act.ASSIGN, self.assign_button))
        self.team_button = header_button(self, "account-group-outline", "", name="teamButton")
        self.team_button.clicked.connect(lambda: self._pick(Act.TEAM, self.team_button))
        self.snooze_button = header_button(
            self, "alarm-snooze", translate("ChatHeader", "Snooze…"), name="snoozeButton"
        )
        self.snooze_button.clicked.connect(lambda: self._pick(Act.SNOOZE, self.snooze_button))
        self.state_button = QToolButton(self)
        self.state_button.setObjectName("stateButton")
        self.state_button.setAutoRaise(False)
        self.state_button.setProperty("header", True)
        self.state_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.state_button.clicked.connect(self._toggle_state)
        self.link_button = header_button(
            self, "link-variant", translate("ChatHeader", "Copy a link to this chat"),
            name="linkButton",
        )  # fmt: skip
        self.link_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.link_menu = QMenu(self.link_button)
        self.link_menu.setObjectName("linkMenu")
        self.link_menu.setToolTipsVisible(True)
        self.manager_link_action = self.link_menu.addAction(
            icon("account-tie"), translate("ChatHeader", "Copy the manager link (for teammates)")
        )
        self.manager_link_action.setObjectName("managerLink")
        self.manager_link_action.setToolTip(
            translate(
                "ChatHeader",
                "For your teammates: opens this chat in Sangdam. Customers cannot open it.",
            )
        )
        self.manager_link_action.triggered.connect(self._manager_link)
        self.customer_link_action = self.link_menu.addAction(icon("account-outline"), "")
        self.customer_link_action.setObjectName("customerLink")
        self.customer_link_action.triggered.connect(self.ask_customer_link)
        self.link_button.setMenu(self.link_menu)
        # H5: in the "More actions" menu (`extend_menu`), only with the permission
        self.delete_action = QAction(
            icon("delete-forever-outline"), translate("ChatHeader", "Delete permanently…"), self
        )
        self.delete_action.setObjectName("deleteChat")
        self.delete_action.triggered.connect(self.ask_delete)

        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 10, 8)
        row.setSpacing(6)
        row.addWidget(self.avatar)
        row.addSpacing(4)
        row.addLayout(titles, 1)
        for w in (
            self.star_button,
            self.assign_button,
            self.team_button,
            self.link_button,
            self.snooze_button,
            self.state_button,
        ):
            row.addWidget(w)
        self.row = row  # more header buttons (details, the triage menu) go at its end
        directory.changed.connect(self.refresh)

    # ---- what it shows --------------------------------------------------------------------

    @property
    def chat(self) -> ChatItem | None:
        return self._chat

    def me(self) -> Me:
        return Me(self._directory.me, self._directory.managers.get(self._directory.me) or {})

    def may_delete(self) -> bool:
        """H5, O4: only with the "delete chats" permission (the server checks it again)."""
        return DELETE_CHATS in (self.me().row.get("permissions") or ())

    def refresh(self) -> None:
        if self._chat is not None:
            self.show_chat(self._chat)

    def show_chat(self, item: ChatItem) -> None:
        """The chat's row changed (or was opened): name, medium, assignee, state."""
        self._chat = item
        chat = item.chat
        name = item.customer_name or translate("Conversation", "(no name)")
        self.avatar.set(
            item.customer_name, str(chat.get("customer_id") or item.id), str(chat.get("medium"))
        )
        self.title.setText(name)
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
        if state == "snoozed" and (until := parse_time(chat.get("snooze_until"))) is not None:
            parts.append(
                translate("ChatHeader", "Snoozed until {when}").format(when=day_and_time(until))
            )
        elif state != "open":
            parts.append(state_label(state))
        for tag in chat.get("tags") or ():
            parts.append("#" + str(tag))
        self.info.set_full_text(" · ".join(parts))

        me = self.me()
        self.star_button.setChecked(item.starred)
        self.star_button.setToolTip(
            translate("Conversation", "Unstar")
            if item.starred
            else translate("Conversation", "Star this chat")
        )
        tip = translate("ChatHeader", "Assignee: {name}. Click to change who answers.").format(
            name=assignee or translate("Conversation", "Unassigned")
        )
        self._allow(self.assign_button, Act.ASSIGN, me, tip)
        tip = translate("ChatHeader", "Team: {name}. Click to change it.").format(
            name=team or translate("ChatHeader", "No team")
        )
        self._allow(self.team_button, Act.TEAM, me, tip)
        tip = translate("ChatHeader", "Snooze: the chat opens again when it ends")
        self._allow(self.snooze_button, Act.SNOOZE, me, tip)
        self.snooze_button.setVisible(state != "closed")
        reopen = state != "open"
        self.state_button.setText(
            translate("Conversation", "Reopen") if reopen else translate("Conversation", "Close")
        )
        self.state_button.setIcon(icon("inbox-arrow-up" if reopen else "check"))
        self.state_button.setProperty("primary", not reopen)
        repolish(self.state_button)
        self._allow(
            self.state_button,
            Act.OPEN if reopen else Act.CLOSE,
            me,
            translate("Conversation", "Open this chat again")
            if reopen
            else translate("Conversation", "Close this chat"),
        )
        self.customer_link_action.setText(
            translate("ChatHeader", "Copy a new customer link (only for {name})…").format(name=name)
        )
        self.customer_link_action.setToolTip(
            translate(
                "ChatHeader",
                "For {name} only: opens their own chat page and nothing else. "
                "Making a new one stops the previous link from working.",
            ).format(name=name)
        )
        online = self.online()
        offline = translate("ChatHeader", "Needs a connection to the server.")
        self.link_button.setEnabled(online)
        self.link_button.setToolTip(
            translate("ChatHeader", "Copy a link to this chat") if online else offline
        )
        self.delete_action.setVisible(self.may_delete())
        self.delete_action.setEnabled(online)
        self.delete_action.setToolTip(
            translate("ChatHeader", "Delete this chat, its messages and files for good")
            if online
            else offline
        )

    def _allow(self, button: QToolButton, act: Act, me: Me, tip: str) -> None:
        why = why_not(act, me)
        button.setEnabled(why is None)
        button.setToolTip(why or tip)

    def set_presence(self, people: Sequence[tuple[str, str]]) -> None:
        """Who else is here now: (name, "typing" | "viewing")."""
        text = presence_text(people)
        self.presence.set_full_text(text)
        self.presence.setVisible(bool(text))

    # ---- the agent's requests -------------------------------------------------------------

    def attach_triage(self, triage: TriageUi) -> None:
        """The assignee, team and snooze pickers are the chat list's (issue 14)."""
        self.triage = triage

    def extend_menu(self, menu: QMenu) -> None:
        """Add "Delete permanently…" at the end of the header's "More actions" menu each
        time it opens (after triage fills it), if the agent has the permission."""

        def add() -> None:
            if self._chat is not None and self.may_delete():
                menu.addSeparator()
                menu.addAction(self.delete_action)

        menu.aboutToShow.connect(add)

    def _pick(self, act: Act, anchor: QWidget) -> None:
        if self._chat is None or self.triage is None:
            return
        if why_not(act, self.me()) is None:
            self.triage.run(act, [self._chat], anchor=anchor, ids=[self._chat.id])

    def _star(self) -> None:
        if self._chat is not None:
            self.starRequested.emit(self._chat.id, not self._chat.starred)

    def _toggle_state(self) -> None:
        if self._chat is not None:
            state = str(self._chat.chat.get("state") or "open")
            self.stateRequested.emit(self._chat.id, "open" if state != "open" else "closed")

    def _manager_link(self) -> None:
        if self._chat is not None:
            self.managerLinkRequested.emit(self._chat.id)

    def _customer_name(self) -> str:
        chat = self._chat
        return (chat.customer_name if chat else "") or translate("Conversation", "(no name)")

    def ask_customer_link(self) -> None:
        """H4: a new customer link revokes the old one: say so first."""
        chat = self._chat
        if chat is None:
            return
        name = self._customer_name()
        box = self._box(
            QMessageBox.Icon.Question,
            translate("ChatHeader", "Make a new link for {name}?").format(name=name),
            translate(
                "ChatHeader",
                "The new link opens {name}'s own chat page, and nothing else. Any customer "
                "link sent before for this chat stops working.",
            ).format(name=name),
            translate("ChatHeader", "Make and copy the link"),
            lambda: self.customerLinkRequested.emit(chat.id),
            destructive=False,
        )
        box.open()

    def ask_delete(self) -> None:
        """H5: a confirmation naming the customer; it cannot be undone."""
        chat = self._chat
        if chat is None or not self.may_delete():
            return
        name = self._customer_name()
        box = self._box(
            QMessageBox.Icon.Warning,
            translate("ChatHeader", "Delete the chat with {name} permanently?").format(name=name),
            translate(
                "ChatHeader",
                "The chat with {name}, all its messages and files are deleted for everyone. "
                "This cannot be undone.",
            ).format(name=name),
            translate("ChatHeader", "Delete permanently"),
            lambda: self.deleteRequested.emit(chat.id),
            destructive=True,
        )
        box.open()

    def _box(
        self,
        kind: QMessageBox.Icon,
        title: str,
        text: str,
        yes: str,
        on_yes: Callable[[], None],
        *,
        destructive: bool,
        on_no: Callable[[], None] | None = None,
    ) -> QMessageBox:
        if self.dialog is not None:
            self.dialog.close()
        box = QMessageBox(kind, title, title, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("headerConfirm")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the customer's name is their own text
        box.setInformativeText(text)
        role = (
            QMessageBox.ButtonRole.DestructiveRole
            if destructive
            else QMessageBox.ButtonRole.AcceptRole
        )
        ok = box.addButton(yes, role)
        ok.setObjectName("confirmButton")
        ok.setProperty("danger", destructive)
        repolish(ok)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel if destructive else ok)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

        def clicked(button: object) -> None:
            if button is ok:
                on_yes()
            elif on_no is not None:
                on_no()

        box.buttonClicked.connect(clicked)
        box.finished.connect(lambda *_a: self._closed(box))
        self.dialog = box
        return box

    def ask_send_anyway(
        self, why: str, on_yes: Callable[[], None], on_no: Callable[[], None]
    ) -> QMessageBox:
        """Item 5: someone else wrote or typed since this reply began: ask once."""
        box = self._box(
            QMessageBox.Icon.Question,
            why,
            translate("ChatHeader", "Send your reply anyway?"),
            translate("ChatHeader", "Send anyway"),
            on_yes,
            destructive=False,
            on_no=on_no,
        )
        box.open()
        return box

    def _closed(self, box: QMessageBox) -> None:
        if self.dialog is box:
            self.dialog = None

    def confirm(self) -> None:
        """Click the shown confirmation's main button (the tests' hand)."""
        if self.dialog is not None:
            [ok] = [b for b in self.dialog.buttons() if b.objectName() == "confirmButton"]
            ok.click()

    def menu_point(self) -> QPoint:
        return self.link_button.mapToGlobal(QPoint(0, self.link_button.height()))
