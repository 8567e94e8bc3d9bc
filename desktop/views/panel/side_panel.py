"""The side panel beside the conversation (SPEC P1-P8), as Channel Talk's: folding
sections for the chat (team, assignee, followers, where it came from, its goal, tags,
description), the customer (the profile fields the agent chose to see, editable), their
page visits, their other chats, what was sent to them, and the chat's files and links.

It reads `PanelData` (the models) and says what the agent asked for through signals;
the panel controller runs them through the outbox. What needs the operator seat (tags,
description: O2, P8) is disabled with the reason as tooltip while the seat is off.
Customer text (profile values, page titles, previews) is always shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.choices import NONE, Choice, assignee_choices, tags_full_text, team_choices
from desktop.models.directory import Directory
from desktop.models.panel import PanelData, PanelRow, when_text
from desktop.models.row_labels import state_label
from desktop.sync.items import ChatItem
from desktop.sync.panel_reads import Exchanged
from desktop.views.actions import seat_off_reason
from desktop.views.icons import icon
from desktop.views.panel.parts import (
    FlowLayout,
    HashtagHighlighter,
    RowList,
    Section,
    description_html,
)
from desktop.views.pickers import PickerPopup
from protocol.limits import MAX_TAGS_PER_CHAT

PANEL_WIDTH = 300  # the first width; the agent's own is remembered (prefs)
MIN_WIDTH, MAX_WIDTH = 260, 520
ROW_HEIGHT = 26  # one line of the chat info: a key and its value, picker or text
DEFAULT_FIELDS = 6  # profile fields shown until the agent picks (P4)
SECTIONS = ("chat", "customer", "events", "chats", "sent", "files")


def _label(text: str = "", name: str = "panelValue", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _tool(glyph: str, tip: str, parent: QWidget, name: str = "panelTool") -> QToolButton:
    b = QToolButton(parent)
    b.setObjectName(name)
    b.setIcon(icon(glyph))
    b.setIconSize(QSize(16, 16))
    b.setFixedSize(ROW_HEIGHT, ROW_HEIGHT)
    b.setAutoRaise(True)
    b.setToolTip(tip)
    b.setAccessibleName(tip)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    return b


def _pick(parent: QWidget, name: str) -> QPushButton:
    """A value that opens a picker when clicked (assignee, team)."""
    b = QPushButton(parent)
    b.setObjectName(name)
    b.setProperty("panelPick", True)
    b.setFlat(True)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    b.setFixedHeight(ROW_HEIGHT)
    return b


class _Chip(QFrame):
    """A tag: its colour dot, its name, and × to remove it."""

    removed = Signal(str)

    def __init__(self, name: str, color: str | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName("tagChip")
        row = QHBoxLayout(self)
        row.setContentsMargins(9, 2, 3, 2)
        row.setSpacing(2)
        dot = QLabel("●", self)
        dot.setStyleSheet(f"color: {color or '#8a929e'};")
        text = QLabel(name, self)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.remove = QToolButton(self)
        self.remove.setObjectName("tagChipRemove")
        self.remove.setIcon(icon("close"))
        self.remove.setIconSize(QSize(12, 12))
        self.remove.setFixedSize(18, 18)
        self.setMinimumHeight(24)
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(translate("Panel", "Remove the tag {tag}").format(tag=name))
        self.remove.clicked.connect(lambda: self.removed.emit(self.name))
        row.addWidget(dot)
        row.addWidget(text)
        row.addWidget(self.remove)


class SidePanel(QFrame):
    assignRequested = Signal(str, object)  # chat id, manager id or None (P1)
    teamRequested = Signal(str, object)  # chat id, team id or None
    followRequested = Signal(str, str, bool)  # chat id, manager id, follow (else unfollow)
    tagRequested = Signal(str, str, bool)  # chat id, tag, add (else remove) (P2)
    descriptionRequested = Signal(str, str)  # chat id, description (P3)
    profileRequested = Signal(str, str, object)  # customer id, field key, value (P4)
    chatWanted = Signal(str)  # open this chat (P6, P3)
    fileWanted = Signal(object)  # a FileRef dict of the chat (P7)
    prefsChanged = Signal()  # shown fields, folded sections or width changed

    def __init__(self, directory: Directory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatPanel")
        self.setMinimumWidth(MIN_WIDTH)
        self.setMaximumWidth(MAX_WIDTH)
        self._directory = directory
        self.data: PanelData | None = None
        self.item: ChatItem | None = None
        self.seat = True
        self.shown_fields: list[str] | None = None  # None: the first DEFAULT_FIELDS
        self.open_counts: Callable[[], dict[str, int]] = dict
        self.popup: PickerPopup | None = None  # the picker shown now (tests look at it)
        self.confirm_links = True  # a link opens after the agent saw its address
        self.values: dict[str, QLabel] = {}
        self.profile_edits: dict[str, QWidget] = {}
        self._medium = ""

        inner = QWidget(self)
        inner.setObjectName("panelInner")
        self.column = QVBoxLayout(inner)
        self.column.setContentsMargins(0, 4, 0, 12)
        self.column.setSpacing(0)
        self.sections: dict[str, Section] = {}
        titles = {
            "chat": (translate("Panel", "Chat info"), "message-text-outline"),
            "customer": (translate("Panel", "Customer"), "card-account-details-outline"),
            "events": (translate("Panel", "Events"), "cursor-default-click-outline"),
            "chats": (translate("Panel", "Chats"), "forum-outline"),
            "sent": (translate("Panel", "Sent messages"), "email-fast-outline"),
            "files": (translate("Panel", "Files and links"), "paperclip"),
        }
        for key in SECTIONS:
            title, glyph = titles[key]
            s = Section(key, title, glyph, inner)
            s.toggled.connect(lambda *_: self.prefsChanged.emit())
            self.sections[key] = s
            self.column.addWidget(s)
        self.column.addStretch(1)
        self._chat_part()
        self._customer_part()
        self._events_part()
        self._lists_part()

        scroll = QScrollArea(self)
        scroll.setObjectName("panelScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        self.scroller = scroll
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(scroll)
        directory.changed.connect(self._refresh_chat)

    # ---- building ------------------------------------------------------------------------

    def _chat_part(self) -> None:
        s = self.sections["chat"]
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, 64)
        self.assignee = _pick(s.body, "panelAssignee")
        self.assignee.clicked.connect(self.pick_assignee)
        self.team = _pick(s.body, "panelTeam")
        self.team.clicked.connect(self.pick_team)
        followers = QHBoxLayout()
        followers.setSpacing(2)
        self.values["followers"] = _label(parent=s.body)
        self.values["followers"].setMinimumHeight(ROW_HEIGHT)
        self.follow_button = _tool(
            "account-plus-outline", translate("Panel", "Add followers"), s.body
        )
        self.follow_button.clicked.connect(self.pick_followers)
        followers.addWidget(self.values["followers"], 1)
        followers.addWidget(self.follow_button, 0, Qt.AlignmentFlag.AlignTop)
        self.values["source"] = _label(parent=s.body)
        self.values["goal"] = _label(parent=s.body)
        self.values["state"] = _label(parent=s.body)
        rows: list[tuple[str, Any]] = [
            (translate("Panel", "Assignee"), self.assignee),
            (translate("Panel", "Team"), self.team),
            (translate("Panel", "Followers"), followers),
            (translate("Panel", "State"), self.values["state"]),
            (translate("Panel", "Came from"), self.values["source"]),
            (translate("Panel", "Goal"), self.values["goal"]),
        ]
        for r, (name, widget) in enumerate(rows):
            key = _label(name, "panelKey", s.body)
            key.setWordWrap(False)
            key.setFixedHeight(ROW_HEIGHT)
            grid.addWidget(key, r, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            if isinstance(widget, QWidget):
                widget.setMinimumHeight(ROW_HEIGHT)
                grid.addWidget(widget, r, 1)
            else:
                grid.addLayout(widget, r, 1)
        s.content.addLayout(grid)

        # tags (P2)
        tags_head = QHBoxLayout()
        self.tags_title = _label(translate("Panel", "Tags"), "panelSubhead", s.body)
        self.tag_button = _tool("tag-plus-outline", translate("Panel", "Add a tag"), s.body)
        self.tag_button.clicked.connect(self.pick_tag)
        tags_head.addWidget(self.tags_title, 1)
        tags_head.addWidget(self.tag_button)
        s.content.addLayout(tags_head)
        self.tags_box = QWidget(s.body)
        self.tags_flow = FlowLayout(self.tags_box)
        s.content.addWidget(self.tags_box)
        self.no_tags = _label(translate("Panel", "No tags"), "panelQuiet", s.body)
        s.content.addWidget(self.no_tags)

        # description (P3)
        desc_head = QHBoxLayout()
        desc_head.addWidget(_label(translate("Panel", "Description"), "panelSubhead", s.body), 1)
        self.edit_button = _tool(
            "pencil-outline", translate("Panel", "Edit the description"), s.body
        )
        self.edit_button.clicked.connect(self.edit_description)
        desc_head.addWidget(self.edit_button)
        s.content.addLayout(desc_head)
        self.description = QLabel(s.body)
        self.description.setObjectName("panelDescription")
        self.description.setTextFormat(Qt.TextFormat.RichText)  # escaped; hashtags as links
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.description.linkActivated.connect(self._link)
        s.content.addWidget(self.description)
        self.editor = QPlainTextEdit(s.body)
        self.editor.setObjectName("panelDescriptionEdit")
        self.editor.setPlaceholderText(
            translate("Panel", "Notes about this chat; #hashtags make it easy to find")
        )
        self.editor.setFixedHeight(96)
        self.highlighter = HashtagHighlighter(self.editor.document())
        self.editor.setVisible(False)
        s.content.addWidget(self.editor)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(translate("Panel", "Cancel"), s.body)
        self.save_button = QPushButton(translate("Panel", "Save"), s.body)
        self.save_button.setProperty("primary", True)
        self.cancel_button.clicked.connect(self._end_edit)
        self.save_button.clicked.connect(self.save_description)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        self.edit_buttons = QWidget(s.body)
        self.edit_buttons.setLayout(buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.edit_buttons.setVisible(False)
        s.content.addWidget(self.edit_buttons)

    def _customer_part(self) -> None:
        s = self.sections["customer"]
        self.fields_button = _tool(
            "tune-variant", translate("Panel", "Choose the profile fields shown"), s
        )
        self.fields_button.clicked.connect(self.pick_fields)
        s.tools.addWidget(self.fields_button)
        self.customer_name = _label(parent=s.body)
        self.customer_name.setObjectName("panelCustomerName")
        s.content.addWidget(self.customer_name)
        self.profile_grid = QGridLayout()
        self.profile_grid.setHorizontalSpacing(10)
        self.profile_grid.setVerticalSpacing(4)
        self.profile_grid.setColumnStretch(1, 1)
        self.profile_grid.setColumnMinimumWidth(0, 64)
        s.content.addLayout(self.profile_grid)
        self.no_fields = _label("", "panelQuiet", s.body)
        s.content.addWidget(self.no_fields)

    def _events_part(self) -> None:
        s = self.sections["events"]
        s.content.addWidget(_label(translate("Panel", "Chat started on"), "panelKey", s.body))
        self.start_page = _label(parent=s.body)
        self.start_page.setObjectName("panelUrl")
        s.content.addWidget(self.start_page)
        s.content.addWidget(_label(translate("Panel", "Pages visited"), "panelKey", s.body))
        self.visits: RowList | None = None
        self.no_visits = _label(translate("Panel", "No page visits"), "panelQuiet", s.body)
        s.content.addWidget(self.no_visits)

    def _lists_part(self) -> None:
        self.previous: RowList | None = None
        self.sent: RowList | None = None
        self.files: RowList | None = None
        self.empty_lists: dict[str, QLabel] = {}
        for key, text in (
            ("chats", translate("Panel", "No other chats")),
            ("sent", translate("Panel", "No follow-ups or marketing messages sent")),
            ("files", translate("Panel", "No files or links yet")),
        ):
            label = _label(text, "panelQuiet", self.sections[key].body)
            self.sections[key].content.addWidget(label)
            self.empty_lists[key] = label

    def set_data(self, data: PanelData) -> None:
        """The models to show (the panel controller gives them once)."""
        self.data = data
        self.visits = RowList(data.visits, self.sections["events"].body, most=8)
        self.sections["events"].content.insertWidget(4, self.visits)
        self.visits.rowClicked.connect(self._visit_clicked)
        self.previous = RowList(data.previous, self.sections["chats"].body)
        self.sections["chats"].content.insertWidget(0, self.previous)
        self.previous.rowClicked.connect(self._chat_clicked)
        self.sent = RowList(data.sent, self.sections["sent"].body)
        self.sections["sent"].content.insertWidget(0, self.sent)
        self.files = RowList(data.files, self.sections["files"].body, most=10)
        self.sections["files"].content.insertWidget(0, self.files)
        self.files.rowClicked.connect(self._file_clicked)
        data.changed.connect(self._data_changed)
        self._data_changed("all")

    # ---- what the pane tells -------------------------------------------------------------

    def text(self, key: str) -> str:
        return self.values[key].text()

    def show_chat(self, item: ChatItem, medium: str = "") -> None:
        """The open chat (or its row changed)."""
        self.item = item
        self._medium = medium
        if self.data is not None:
            self.data.set_chat(item)
        self._refresh_chat()

    def set_seat(self, on: bool) -> None:
        """O2, P8: tags and the description need my operator seat on."""
        self.seat = on
        self._refresh_chat()

    def apply_prefs(self, prefs: dict[str, Any]) -> None:
        fields = prefs.get("fields")
        self.shown_fields = [str(f) for f in fields] if isinstance(fields, list) else None
        folded = set(prefs.get("folded") or ())
        for key, s in self.sections.items():
            s.blockSignals(True)
            s.set_open(key not in folded)
            s.blockSignals(False)
        self._refresh_customer()

    def prefs(self) -> dict[str, Any]:
        return {
            "fields": self.shown_fields,
            "folded": sorted(k for k, s in self.sections.items() if not s.open),
            "width": self.width(),
        }

    # ---- refreshing ----------------------------------------------------------------------

    def _data_changed(self, part: str) -> None:
        if part in ("all", "customer", "visits"):
            self._refresh_customer()
        lists = {"chats": self.previous, "sent": self.sent, "files": self.files}
        for key, view in lists.items():
            n = view.model().rowCount() if view is not None else 0
            self.empty_lists[key].setVisible(n == 0)
            self.sections[key].set_count(n)
        if self.visits is not None:
            n = self.visits.model().rowCount()
            self.no_visits.setVisible(n == 0)
            self.sections["events"].set_count(n)

    def _refresh_chat(self) -> None:
        item = self.item
        if item is None:
            return
        chat = item.chat
        d = self._directory
        none = translate("Panel", "None")
        self.assignee.setText(
            d.manager_name(chat.get("assignee_id")) or translate("Panel", "Unassigned")
        )
        self.assignee.setToolTip(translate("Panel", "Change the assignee"))
        self.team.setText(d.team_name(chat.get("team_id")) or translate("Panel", "No team"))
        self.team.setToolTip(translate("Panel", "Change the team"))
        followers = [d.manager_name(str(f)) for f in chat.get("follower_ids") or ()]
        self.values["followers"].setText(", ".join(f for f in followers if f) or none)
        state = str(chat.get("state") or "open")
        if state == "snoozed" and chat.get("snooze_until"):
            state_text = translate("Panel", "Snoozed until {when}").format(
                when=when_text(chat.get("snooze_until"))
            )
        else:
            state_text = state_label(state) or translate("Panel", "Open")
        self.values["state"].setText(state_text)
        self.values["source"].setText(source_text(chat))
        self.values["goal"].setText(goal_text(chat))
        self.values["goal"].setProperty("reached", bool(chat.get("goal_reached")))
        self._refresh_tags(list(chat.get("tags") or ()))
        if not self.editor.isVisible():
            text = str(chat.get("description") or "")
            self.description.setText(
                description_html(text) if text else translate("Panel", "No description")
            )
            self.description.setProperty("empty", not text)
        why = "" if self.seat else seat_off_reason()
        self.edit_button.setEnabled(self.seat)
        self.edit_button.setToolTip(why or translate("Panel", "Edit the description"))
        self.save_button.setEnabled(self.seat)
        if not self.seat and self.editor.isVisible():
            self._end_edit()
        page = str(chat.get("page_url") or "")
        self.start_page.setText(page or translate("Panel", "Not known"))
        self.start_page.setToolTip(page)

    def _refresh_tags(self, tags: list[str]) -> None:
        while self.tags_flow.count():
            it = self.tags_flow.takeAt(0)
            w = it.widget() if it is not None else None
            if w is not None:
                w.deleteLater()
        why = "" if self.seat else seat_off_reason()
        for name in tags:
            chip = _Chip(name, self._directory.tag_color(name), self.tags_box)
            chip.remove.setEnabled(self.seat)
            if why:
                chip.remove.setToolTip(why)
            chip.removed.connect(self._remove_tag)
            self.tags_flow.add(chip)
        self.tags_box.setVisible(bool(tags))
        self.no_tags.setVisible(not tags)
        self.tags_title.setText(
            translate("Panel", "Tags ({n}/{max})").format(n=len(tags), max=MAX_TAGS_PER_CHAT)
        )
        full = len(tags) >= MAX_TAGS_PER_CHAT
        self.tag_button.setEnabled(self.seat)
        self.tag_button.setToolTip(
            why or (tags_full_text() if full else translate("Panel", "Add a tag"))
        )
        self.tags_box.updateGeometry()

    def _refresh_customer(self) -> None:
        data = self.data
        while self.profile_grid.count():
            it = self.profile_grid.takeAt(0)
            w = it.widget() if it is not None else None
            if w is not None:
                w.deleteLater()
        self.profile_edits = {}
        if data is None or self.item is None:
            return
        customer = data.customer
        name = str(customer.get("name") or self.item.customer_name or "")
        self.customer_name.setText(name or translate("Panel", "(no name)"))
        profile = dict(customer.get("profile") or {})
        fields = self.visible_fields()
        for r, f in enumerate(fields):
            key = str(f.get("key"))
            label = _label(str(f.get("label") or key), "panelKey", self.sections["customer"].body)
            label.setWordWrap(False)
            editor = self._profile_editor(
                key, str(f.get("type") or "string"), profile.get(key), f.get("options")
            )
            self.profile_grid.addWidget(label, r, 0, Qt.AlignmentFlag.AlignVCenter)
            self.profile_grid.addWidget(editor, r, 1)
            self.profile_edits[key] = editor
        if not data.fields:
            self.no_fields.setText(translate("Panel", "The workspace has no profile fields"))
        elif not fields:
            self.no_fields.setText(translate("Panel", "No fields chosen: use the tune button"))
        self.no_fields.setVisible(not fields)

    def visible_fields(self) -> list[dict[str, Any]]:
        """P4: the fields the agent chose (in the workspace's order), else the first few."""
        fields = self.data.fields if self.data is not None else []
        if self.shown_fields is None:
            return fields[:DEFAULT_FIELDS]
        chosen = set(self.shown_fields)
        return [f for f in fields if str(f.get("key")) in chosen]

    def _profile_editor(self, key: str, ftype: str, value: Any, options: Any = None) -> QWidget:
        parent = self.sections["customer"].body
        if ftype == "select":
            return self._select_editor(key, [str(o) for o in options or ()], value)
        if ftype == "boolean":
            box = QCheckBox(parent)
            box.setChecked(bool(value))
            box.setObjectName("panelProfileBool")
            box.clicked.connect(lambda on: self._profile(key, bool(on)))
            return box
        edit = QLineEdit(parent)
        edit.setObjectName("panelProfileEdit")
        edit.setFrame(False)
        text = "" if value is None else _plain(value)
        edit.setText(text)
        edit.setCursorPosition(0)
        edit.setPlaceholderText(
            translate("Panel", "YYYY-MM-DD") if ftype == "date" else translate("Panel", "Empty")
        )
        edit.setProperty("kind", ftype)

        def done() -> None:
            new = edit.text().strip()
            if new == text:
                return
            if not new:
                self._profile(key, None)
            elif ftype == "number":
                try:
                    number = float(new)
                except ValueError:
                    edit.setText(text)
                    edit.setToolTip(translate("Panel", "This field takes a number."))
                    return
                self._profile(key, int(number) if number.is_integer() else number)
            else:
                self._profile(key, new)

        edit.editingFinished.connect(done)
        return edit

    def _select_editor(self, key: str, options: list[str], value: Any) -> QComboBox:
        """P4: a select field's options, and "empty"; a value no longer among them
        (the options changed) is still shown, as it is."""
        box = QComboBox(self.sections["customer"].body)
        box.setObjectName("panelProfileSelect")
        box.addItem(translate("Panel", "Empty"), None)
        for option in options:
            box.addItem(option, option)
        if value is not None and str(value) not in options:
            box.addItem(str(value), str(value))
        box.setCurrentIndex(max(0, box.findData(None if value is None else str(value))))
        box.activated.connect(lambda i: self._profile(key, box.itemData(i)))
        return box

    # ---- the agent's actions ------------------------------------------------------------

    def _anchor(self, widget: QWidget) -> QPoint:
        return widget.mapToGlobal(QPoint(0, widget.height()))

    def _popup(self, popup: PickerPopup, at: QWidget) -> PickerPopup:
        if self.popup is not None:
            self.popup.close()
        self.popup = popup
        popup.destroyed.connect(lambda *_: setattr(self, "popup", None))
        popup.popup_at(self._anchor(at))
        return popup

    def pick_assignee(self) -> None:
        if self.item is None:
            return
        current = {self.item.chat.get("assignee_id")}
        choices = assignee_choices(self._directory, self.open_counts(), current)
        popup = PickerPopup(translate("Panel", "Assignee"), choices, self)
        chat_id = self.item.id
        popup.picked.connect(lambda key: self.assignRequested.emit(chat_id, _none(key)))
        self._popup(popup, self.assignee)

    def pick_team(self) -> None:
        if self.item is None:
            return
        choices = team_choices(self._directory, {self.item.chat.get("team_id")})
        popup = PickerPopup(translate("Panel", "Team"), choices, self)
        chat_id = self.item.id
        popup.picked.connect(lambda key: self.teamRequested.emit(chat_id, _none(key)))
        self._popup(popup, self.team)

    def pick_followers(self) -> None:
        if self.item is None:
            return
        following = {str(f) for f in self.item.chat.get("follower_ids") or ()}
        managers = sorted(
            self._directory.managers.values(), key=lambda m: str(m.get("name") or "").casefold()
        )
        choices = [
            Choice(
                str(m["id"]),
                str(m.get("name") or ""),
                translate("Panel", "me") if str(m["id"]) == self._directory.me else "",
                check=Qt.CheckState.Checked
                if str(m["id"]) in following
                else Qt.CheckState.Unchecked,
            )
            for m in managers
            # issue 17: a deactivated manager is not offered (only shown to be removed)
            if not m.get("deactivated") or str(m["id"]) in following
        ]
        popup = PickerPopup(translate("Panel", "Followers"), choices, self, stay_open=True)
        chat_id = self.item.id
        popup.toggled.connect(lambda key, on: self.followRequested.emit(chat_id, key, on))
        self._popup(popup, self.follow_button)

    def pick_tag(self) -> None:
        """P2: the workspace's tags with completion; a new name adds a new tag. A ninth
        is refused with the reason (the server refuses it too)."""
        if self.item is None or not self.seat:
            return
        from desktop.models.choices import tag_choices

        item = self.item
        popup = PickerPopup(
            translate("Panel", "Tags"),
            tag_choices(self._directory, [item]),
            self,
            placeholder=translate("Panel", "Find or create a tag"),
            creatable=True,
            stay_open=True,
        )
        count = len(item.chat.get("tags") or ())
        if count >= MAX_TAGS_PER_CHAT:
            popup.set_note(tags_full_text())

        def toggled(name: str, on: bool) -> None:
            self.tagRequested.emit(item.id, name, on)

        def created(name: str) -> None:
            if len((self.item or item).chat.get("tags") or ()) >= MAX_TAGS_PER_CHAT:
                popup.set_note(tags_full_text())
                return
            self.tagRequested.emit(item.id, name, True)

        popup.toggled.connect(toggled)
        popup.created.connect(created)
        self._popup(popup, self.tag_button)

    def _remove_tag(self, name: str) -> None:
        if self.item is not None and self.seat:
            self.tagRequested.emit(self.item.id, name, False)

    def edit_description(self) -> None:
        if self.item is None or not self.seat:
            return
        self.editor.setPlainText(str(self.item.chat.get("description") or ""))
        self.description.setVisible(False)
        self.editor.setVisible(True)
        self.edit_buttons.setVisible(True)
        self.editor.setFocus()

    def save_description(self) -> None:
        if self.item is None or not self.seat:
            return
        text = self.editor.toPlainText().strip()
        if text != str(self.item.chat.get("description") or ""):
            self.descriptionRequested.emit(self.item.id, text)
        self._end_edit()

    def _end_edit(self) -> None:
        self.editor.setVisible(False)
        self.edit_buttons.setVisible(False)
        self.description.setVisible(True)
        self._refresh_chat()

    def pick_fields(self) -> None:
        """P4: which profile fields show (remembered per manager)."""
        if self.data is None:
            return
        shown = {str(f.get("key")) for f in self.visible_fields()}
        choices = [
            Choice(
                str(f.get("key")),
                str(f.get("label") or f.get("key")),
                str(f.get("key")),
                check=Qt.CheckState.Checked
                if str(f.get("key")) in shown
                else Qt.CheckState.Unchecked,
            )
            for f in self.data.fields
        ]
        popup = PickerPopup(
            translate("Panel", "Profile fields shown"), choices, self, stay_open=True
        )
        popup.toggled.connect(self.show_field)
        self._popup(popup, self.fields_button)

    def show_field(self, key: str, on: bool) -> None:
        shown = [str(f.get("key")) for f in self.visible_fields()]
        if on and key not in shown:
            shown.append(key)
        elif not on:
            shown = [k for k in shown if k != key]
        self.shown_fields = shown
        self._refresh_customer()
        self.prefsChanged.emit()

    def _profile(self, key: str, value: Any) -> None:
        if self.data is not None and self.data.customer_id:
            self.profileRequested.emit(self.data.customer_id, key, value)

    def _link(self, href: str) -> None:
        if href.startswith("tag:"):
            self.show_hashtag(href[4:])

    def show_hashtag(self, tag: str) -> PickerPopup | None:
        """P3: the chats whose description holds #tag; choosing one opens it."""
        if self.data is None:
            return None
        found = self.data.hashtag_chats(tag)
        choices = [
            Choice(
                c.id,
                c.customer_name or translate("Panel", "(no name)"),
                when_text(c.chat.get("last_message_at")),
            )
            for c in found
        ]
        popup = PickerPopup(
            translate("Panel", "Chats with #{tag}").format(tag=tag),
            choices,
            self,
            note=translate("Panel", "%n chats", None, len(found)),
        )
        popup.picked.connect(self.chatWanted)
        return self._popup(popup, self.description)

    def _chat_clicked(self, payload: object) -> None:
        if isinstance(payload, ChatItem) and (self.item is None or payload.id != self.item.id):
            self.chatWanted.emit(payload.id)

    def _visit_clicked(self, payload: object) -> None:
        if isinstance(payload, dict) and payload.get("url"):
            self.open_link(str(payload["url"]))

    def _file_clicked(self, payload: object) -> None:
        if not isinstance(payload, Exchanged):
            return
        if payload.kind == "file" and payload.file is not None:
            self.fileWanted.emit(payload.file)
        elif payload.url:
            self.open_link(payload.url)

    def open_link(self, url: str) -> bool:
        """A web address opens only after the agent has seen it and agreed."""
        if self.confirm_links:
            answer = QMessageBox.question(
                self,
                translate("Panel", "Open the link?"),
                translate("Panel", "Open this address in your browser?\n\n{url}").format(url=url),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return QDesktopServices.openUrl(QUrl(url))


def source_text(chat: dict[str, Any]) -> str:
    """P1: the campaign or workflow that brought the chat in."""
    kind, name = chat.get("source_kind"), str(chat.get("source_name") or "")
    if kind == "campaign":
        return translate("Panel", "Campaign: {name}").format(name=name)
    if kind == "workflow":
        return translate("Panel", "Workflow: {name}").format(name=name)
    return translate("Panel", "Directly (no campaign or workflow)")


def goal_text(chat: dict[str, Any]) -> str:
    """P1: the chat's goal and whether it was reached."""
    goal = str(chat.get("goal") or "")
    if not goal:
        return translate("Panel", "No goal")
    if chat.get("goal_reached"):
        return translate("Panel", "{goal} · reached ✓").format(goal=goal)
    return translate("Panel", "{goal} · not reached yet").format(goal=goal)


def _none(key: str) -> str | None:
    return None if key == NONE else key


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


__all__ = ["PANEL_WIDTH", "PanelRow", "SidePanel"]
