"""The main window: sections | chat list | conversation, a status line, and banners.

The window only talks to its models (what to show) and emits signals for what the agent
asks (send, star, close, log out); the controller does the rest. It never touches the
network or the cache's SQL.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.chat_list import ChatListModel
from desktop.models.directory import Directory
from desktop.models.file_states import FileStates
from desktop.models.messages import MessageListModel
from desktop.models.row_labels import empty_text, searching_text
from desktop.models.search_results import SearchResultsModel
from desktop.models.sidebar import SidebarModel
from desktop.notify.pause import pause_actions, paused_text
from desktop.sync.changed import ChangedIds
from desktop.views.conversation import ConversationPane
from desktop.views.empty_state import EmptyState
from desktop.views.icons import icon
from desktop.views.lists import ChatListView, SidebarView
from desktop.views.search_view import SearchField, SearchResultsView
from desktop.views.sidebar_footer import SidebarFooter
from desktop.views.status import Banner, StatusLine


class MainWindow(QMainWindow):
    sendRequested = Signal(str, str, bool)  # chat id, text, is note
    starRequested = Signal(str, bool)
    stateRequested = Signal(str, str)
    chatOpened = Signal(str)
    logoutRequested = Signal(bool)  # and delete the local cache?
    notifyUnassignedRequested = Signal(bool)  # S11, as the agent switched it
    notifyUnassignedShown = Signal(bool)  # S11 as the server has it (for the settings)
    settingsRequested = Signal()
    pauseRequested = Signal(object)  # pause notifications until (datetime) or resume (None)
    mySettingsRequested = Signal(dict)  # my seat / away (O3, R1), from the sidebar's footer
    closed = Signal()

    def __init__(
        self,
        sidebar: SidebarModel,
        chats: ChatListModel,
        messages: MessageListModel,
        directory: Directory,
        *,
        account: str = "",
        files: FileStates | None = None,
        search: SearchResultsModel | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(translate("MainWindow", "Sangdam"))
        self.setMinimumSize(900, 560)
        self.resize(1280, 800)
        self.sidebar_model, self.chats, self.messages = sidebar, chats, messages
        self.directory = directory

        # left: sections
        self.sidebar = SidebarView(sidebar, self)
        self.sidebar.setMinimumWidth(180)
        account_label = QLabel(account or translate("MainWindow", "Sangdam"), self)
        account_label.setTextFormat(Qt.TextFormat.PlainText)
        account_label.setObjectName("accountLabel")  # the look: resources/style/sangdam.qss
        left = QWidget(self)
        left.setMinimumWidth(180)
        left.setObjectName("sidebarPane")
        left.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        lcol.setSpacing(0)
        self.settings_button = QToolButton(self)
        self.settings_button.setIcon(icon("cog-outline"))
        self.settings_button.setAutoRaise(True)
        self.settings_button.setToolTip(translate("MainWindow", "Settings (Ctrl+,)"))
        self.settings_button.setAccessibleName(translate("MainWindow", "Settings"))
        self.settings_button.clicked.connect(self.settingsRequested)
        lcol.addWidget(account_label)
        lcol.addWidget(self.sidebar, 1)
        self.footer = SidebarFooter(directory, self)  # my seat and away (O1, O3, R1)
        self.footer.settingsRequested.connect(self.mySettingsRequested)
        lcol.addWidget(self.footer)
        # S11: shown in the sidebar (and in the Notifications menu)
        # two lines: the sidebar is narrow, and a check box does not wrap its text
        self.notify_unassigned = QCheckBox(
            translate("MainWindow", "Notify me of\nunassigned chats"), self
        )
        self.notify_unassigned.setToolTip(
            translate(
                "MainWindow",
                "New chats and messages with no assignee notify you, and join My sessions",
            )
        )
        self.notify_unassigned.setObjectName("notifyUnassigned")
        self.notify_unassigned.clicked.connect(self.switch_unassigned)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 8, 0)
        bottom.addWidget(self.notify_unassigned, 1)
        bottom.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignVCenter)
        lcol.addLayout(bottom)

        # middle: the list of the chosen section
        self.list_title = QLabel(translate("MainWindow", "All"), self)
        self.list_title.setTextFormat(Qt.TextFormat.PlainText)
        self.list_title.setObjectName("listTitle")
        self.state_box = QComboBox(self)
        for key, label in (
            ("open", translate("MainWindow", "Open")),
            ("snoozed", translate("MainWindow", "Snoozed")),
            ("closed", translate("MainWindow", "Closed")),
        ):
            self.state_box.addItem(label, key)
        self.state_box.setToolTip(translate("MainWindow", "Show open, snoozed or closed chats"))
        self.order_box = QComboBox(self)
        self.order_box.addItem(translate("MainWindow", "Newest first"), False)
        self.order_box.addItem(translate("MainWindow", "Oldest first"), True)
        head = QHBoxLayout()
        head.setContentsMargins(12, 8, 8, 8)
        head.addWidget(self.list_title, 1)
        head.addWidget(self.state_box)
        head.addWidget(self.order_box)
        self.chat_list = ChatListView(chats, directory, self)
        self.empty_state = EmptyState(self.chat_list)  # why the list is empty
        middle = QWidget(self)
        mcol = QVBoxLayout(middle)
        mcol.setContentsMargins(0, 0, 0, 0)
        mcol.setSpacing(0)
        mcol.addLayout(head)
        # L5: the search field; while it holds a query, its results replace the list
        self.search_model = search or SearchResultsModel(chats.reader, self)
        self.search_field = SearchField(self)
        self.search_results = SearchResultsView(self.search_model, self)
        self.search_results.setVisible(False)
        self.search_empty = EmptyState(self.search_results)
        search_row = QHBoxLayout()
        search_row.setContentsMargins(10, 0, 10, 8)
        search_row.addWidget(self.search_field)
        mcol.addLayout(search_row)
        mcol.addWidget(self.chat_list, 1)
        mcol.addWidget(self.search_results, 1)
        middle.setMinimumWidth(300)

        # right: the conversation
        self.conversation = ConversationPane(messages, directory, self, files)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.conversation)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 0)  # a wider window widens the conversation
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([220, 380, 680])

        self.notice = Banner(self)  # lasting: e.g. the login cannot be remembered
        self.alert = Banner(self)  # passing: e.g. a refused action
        central = QWidget(self)
        col = QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.notice)
        col.addWidget(self.alert)
        col.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.status_line = StatusLine(self)
        self.statusBar().addWidget(self.status_line, 1)
        self.statusBar().setSizeGripEnabled(True)
        self.paused_label = QLabel(self)
        self.paused_label.setTextFormat(Qt.TextFormat.PlainText)
        self.paused_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.paused_label)

        self._menus()
        self._shortcuts()

        directory.changed.connect(self._show_my_settings)
        self._show_my_settings()
        self._say_why_empty()

        self.sidebar.sectionChosen.connect(self._section)
        self.state_box.currentIndexChanged.connect(self._state)
        self.order_box.currentIndexChanged.connect(
            lambda _i: self.chats.set_oldest_first(bool(self.order_box.currentData()))
        )
        self.chat_list.chatChosen.connect(self._open)
        self.search_field.textChanged.connect(self._search)
        self.search_results.resultChosen.connect(self._open_result)
        for signal in (self.search_model.modelReset, self.search_model.serverAnswered):
            signal.connect(self._say_why_no_results)
        self.chats.dataChanged.connect(self._row_changed)
        self.conversation.sendRequested.connect(self.sendRequested)
        self.conversation.starRequested.connect(self.starRequested)
        self.conversation.stateRequested.connect(self.stateRequested)

    # ---- what the controller tells it -----------------------------------------------------

    def apply_changes(self, changed: ChangedIds) -> None:
        """Keep the open chat's header current, in or out of the list."""
        chat = self.conversation.chat
        if chat is None:
            return
        if chat.id in changed.deleted_chats:
            self.conversation.set_chat(None)
            return
        if changed.reset or chat.id in changed.chats or chat.id in changed.chat_states:
            row = self.chats.row_of(chat.id)
            item = self.chats.item(row) if row is not None else self.chats.lookup(chat.id)
            if item is not None and item != chat:
                self.conversation.show_header(item)
        if changed.reference:
            self.chat_list.viewport().update()

    def bring_to_front(self) -> None:
        """Up from the tray, the taskbar or behind other windows, with the keyboard."""
        if self.isMinimized():
            self.showNormal()
        else:
            self.show()
        self.raise_()
        self.activateWindow()

    def show_chat(self, chat_id: str) -> bool:
        """Open this chat in the list and the conversation (a notification was clicked):
        in the current section if it lists the chat, else in All, in the chat's state.
        Returns False if the cache does not have the chat (deleted meanwhile)."""
        item = self.chats.lookup(chat_id)
        if item is None:
            self.show_alert(translate("MainWindow", "That chat is no longer in the inbox."))
            return False
        was_open = self.conversation.chat.id if self.conversation.chat else None
        if self.chats.row_of(chat_id) is None:
            state = str(item.chat.get("state") or "open")
            index = self.state_box.findData(state)
            if index >= 0 and index != self.state_box.currentIndex():
                self.state_box.setCurrentIndex(index)
            if self.chats.row_of(chat_id) is None:
                self.sidebar.select_key("all")
        if self.chats.row_of(chat_id) is not None:
            self.chat_list.select_chat(chat_id)
            self.chat_list.scrollTo(self.chat_list.currentIndex())
        if self.conversation.chat is None or self.conversation.chat.id != chat_id:
            self.conversation.set_chat(item)
            self.chatOpened.emit(chat_id)
        elif was_open == chat_id:
            self.chatOpened.emit(chat_id)  # it was open already: still mark it read
        return True

    def show_section(self, key: str) -> None:
        self.sidebar.select_key(key)

    def set_paused(self, until: datetime | None) -> None:
        """Notifications paused until then (None: they are on)."""
        self.pause.show_paused(until is not None)
        self.paused_label.setVisible(until is not None)
        if until is not None:
            self.paused_label.setText(paused_text(until))

    def show_alert(self, text: str, timeout_ms: int = 12_000) -> None:
        self.alert.show_message(text, "error", timeout_ms)

    def show_notice(self, text: str) -> None:
        self.notice.show_message(text, "notice")

    # ---- the agent's choices ----------------------------------------------------------------

    def _show_my_settings(self) -> None:
        me = self.directory.managers.get(self.directory.me) or {}
        on = bool(me.get("notify_unassigned"))
        for widget in (self.notify_unassigned, self.notify_unassigned_action):
            widget.blockSignals(True)
            widget.setChecked(on)
            widget.blockSignals(False)
        self.notifyUnassignedShown.emit(on)

    def notify_unassigned_on(self) -> bool:
        return self.notify_unassigned.isChecked()

    def switch_unassigned(self, on: bool) -> None:
        """The agent switched S11 (here, in the menu or in the settings). Shows the
        server's answer, not the click: the feed brings the row back."""
        self._show_my_settings()
        self.notifyUnassignedRequested.emit(on)

    def _section(self, key: str) -> None:
        self.chats.set_section(key, self._current_state())
        row = self.sidebar_model.row_of(key)
        entry = self.sidebar_model.entry(row) if row is not None else None
        self.list_title.setText(entry.heading if entry else key)
        self._say_why_empty()
        self.chat_list.select_chat(self.conversation.chat.id if self.conversation.chat else None)

    def _current_state(self) -> str:
        return str(self.state_box.currentData() or "open")

    def _state(self, _index: int) -> None:
        state = self._current_state()
        self.sidebar_model.set_state(state)
        self.chats.set_section(self.chats.section, state)
        self._say_why_empty()
        if self.search_field.text().strip():
            self._search(self.search_field.text())  # results follow the state filter

    # ---- search (L5) ------------------------------------------------------------------------

    def searching(self) -> bool:
        return self.search_results.isVisible()

    def _search(self, text: str) -> None:
        """As the agent types: the cache answers now, the server when typing pauses."""
        query = text.strip()
        self.search_model.set_query(query, self._current_state())
        self.chat_list.setVisible(not query)
        self.search_results.setVisible(bool(query))
        if query:
            self.search_model.ask_server()
        self._say_why_no_results()

    def _say_why_no_results(self) -> None:
        m = self.search_model
        self.search_empty.set_text(searching_text(m.query, m.asking, m.server_failed))

    def _open_result(self, chat_id: str, message_id: object) -> None:
        row = self.search_model.row_of(chat_id)
        result = self.search_model.result(row) if row is not None else None
        item = result.item if result is not None else self.chats.lookup(chat_id)
        if item is None:
            return
        self.conversation.set_chat(item)
        self.chatOpened.emit(chat_id)
        if isinstance(message_id, str):  # after the conversation's own scroll to the end
            QTimer.singleShot(0, lambda: self._show_message(message_id))

    def _show_message(self, message_id: str) -> None:
        """Scroll to the message a search found, if the conversation holds it."""
        row = self.messages.row_of(message_id)
        if row is None:
            return
        index = self.messages.index(row)
        view = self.conversation.view
        view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        view.setCurrentIndex(index)

    def _say_why_empty(self) -> None:
        self.empty_state.set_text(empty_text(self.list_title.text(), self._current_state()))

    def _open(self, chat_id: str) -> None:
        row = self.chats.row_of(chat_id)
        item = self.chats.item(row) if row is not None else None
        if item is None:
            return
        self.conversation.set_chat(item)
        self.chatOpened.emit(chat_id)

    def _row_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        chat = self.conversation.chat
        if chat is None:
            return
        row = self.chats.row_of(chat.id)
        if row is not None and top.row() <= row <= bottom.row():
            item = self.chats.item(row)
            if item is not None:
                self.conversation.show_header(item)

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def confirm_logout(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(translate("MainWindow", "Log out"))
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(translate("MainWindow", "Log out of Sangdam on this computer?"))
        box.setInformativeText(
            translate(
                "MainWindow",
                "You can also delete the inbox copy kept on this computer (the local cache).",
            )
        )
        logout = box.addButton(
            translate("MainWindow", "Log out"), QMessageBox.ButtonRole.AcceptRole
        )
        wipe = box.addButton(
            translate("MainWindow", "Log out and delete local data"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is logout:
            self.logoutRequested.emit(False)
        elif box.clickedButton() is wipe:
            self.logoutRequested.emit(True)

    def closeEvent(self, e: QCloseEvent) -> None:
        self.closed.emit()
        e.accept()

    # ---- menus and keys --------------------------------------------------------------------

    def _menus(self) -> None:
        menu = self.menuBar().addMenu(translate("MainWindow", "&Sangdam"))
        self.settings_action = QAction(translate("MainWindow", "Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)  # macOS: app menu
        self.settings_action.triggered.connect(self.settingsRequested)
        menu.addAction(self.settings_action)
        # Admins and owners only (O4): shown by the admin controller from my role
        self.admin_action = QAction(translate("MainWindow", "Administration…"), self)
        self.admin_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.admin_action.setVisible(False)
        menu.addAction(self.admin_action)
        menu.addSeparator()
        logout = QAction(translate("MainWindow", "Log out…"), self)
        logout.triggered.connect(self.confirm_logout)
        menu.addAction(logout)
        menu.addSeparator()
        quit_ = QAction(translate("MainWindow", "Quit"), self)
        quit_.setShortcut(QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.close)
        menu.addAction(quit_)

        notes = self.menuBar().addMenu(translate("MainWindow", "&Notifications"))
        self.notify_unassigned_action = QAction(
            translate("MainWindow", "Notify me of unassigned chats"), self
        )
        self.notify_unassigned_action.setCheckable(True)
        self.notify_unassigned_action.triggered.connect(self.switch_unassigned)
        notes.addAction(self.notify_unassigned_action)
        notes.addSeparator()
        self.pause = pause_actions(self, self.pauseRequested.emit)
        self.resume_action = self.pause.resume
        notes.addActions(list(self.pause.all()))

    def _shortcuts(self) -> None:
        def key(seq: str, slot: object) -> None:
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)

        key("Ctrl+F", self.focus_search)
        key("Ctrl+1", self.sidebar.setFocus)
        key("Ctrl+2", self.chat_list.setFocus)
        key("Ctrl+3", self.conversation.composer.edit.setFocus)
        key("Alt+Down", lambda: self.chat_list.step(1))
        key("Alt+Up", lambda: self.chat_list.step(-1))
        key("Ctrl+Shift+N", lambda: self.conversation.composer.set_note(True))
        key("Ctrl+Shift+R", lambda: self.conversation.composer.set_note(False))
