"""Triage in the window: the row's context menu, the header's action menu, the keyboard,
multi-selection with the bulk bar, and the pickers (SPEC H1-H3, O1, O2, P2, L2, D3).

It owns no data: it reads the chats from the list model and the directory, asks the
pickers, and says what the agent asked for through signals (the triage controller
runs them). The actions act on the *targets*: the selected chats, or the open chat
when none is selected; a right-click on a row outside the selection acts on that row
alone, without opening it or marking it read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu, QToolButton, QWidget

from desktop.i18n import translate
from desktop.models.chat_list import ChatListModel, ChatRoles
from desktop.models.choices import (
    CUSTOM,
    Choice,
    assignee_choices,
    snooze_choices,
    snooze_times,
    tag_choices,
    tags_full_text,
    team_choices,
)
from desktop.models.directory import Directory
from desktop.sync.items import ChatItem
from desktop.views.actions import ACTIONS, BY_ID, GROUPS, Act, Me, action_icon, applies, why_not
from desktop.views.help_overlay import HelpOverlay
from desktop.views.pickers import PickerPopup, SnoozeDialog
from desktop.views.triage_bar import BulkReportPanel, TriageBar
from protocol.limits import MAX_TAGS_PER_CHAT

# Toggles: on a chat that is already so, the key does the opposite (S stars or unstars).
OPPOSITE = {
    Act.STAR: Act.UNSTAR,
    Act.UNSTAR: Act.STAR,
    Act.FOLLOW: Act.UNFOLLOW,
    Act.UNFOLLOW: Act.FOLLOW,
    Act.READ: Act.UNREAD,
    Act.UNREAD: Act.READ,
}


class TriageUi(QObject):
    assignRequested = Signal(list, object)  # chat ids, manager id or None
    teamRequested = Signal(list, object)  # chat ids, team id or None
    stateRequested = Signal(list, str, object)  # chat ids, state, snooze end (datetime) or None
    followRequested = Signal(list, bool)
    tagRequested = Signal(list, str, bool)  # chat ids, tag, add (else remove)
    starRequested = Signal(list, bool)
    readRequested = Signal(list, bool)  # chat ids, read (else unread)
    matchingWanted = Signal()  # "select all N chats that match": give `set_matching` the ids

    def __init__(
        self,
        window: QWidget,
        list_view: QAbstractItemView,
        model: ChatListModel,
        directory: Directory,
        *,
        open_chat: Callable[[], ChatItem | None],
        open_counts: Callable[[], dict[str, int]],
        matching_count: Callable[[], int],
        focus_composer: Callable[[], None] = lambda: None,
        step_section: Callable[[int], None] = lambda _step: None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.view = list_view
        self.model = model
        self.directory = directory
        self._open_chat = open_chat
        self._open_counts = open_counts
        self._matching_count = matching_count
        self._focus_composer = focus_composer
        self._step_section = step_section
        self._press_mods = Qt.KeyboardModifier.NoModifier
        self.matching: list[str] | None = None  # every chat that matches, once asked
        self.popup: PickerPopup | None = None  # the picker shown now (tests look at it)
        self.menu: QMenu | None = None  # the context menu shown now

        view = list_view
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        model.modelReset.connect(self._list_changed)
        model.rowsInserted.connect(self._list_changed)
        model.rowsRemoved.connect(self._list_changed)
        model.sectionChanged.connect(lambda *_a: self._drop_matching())
        if hasattr(view, "hold_open"):
            view.hold_open = self._selecting  # Ctrl/Shift-click selects, does not open

        self.bar = TriageBar(window)
        self.bar.checkAllClicked.connect(self._check_all)
        self.bar.matchAllClicked.connect(self.matchingWanted)
        self.bar.clearClicked.connect(self.clear_selection)
        self.bar.actionClicked.connect(
            lambda act, button: self.trigger(Act(act), anchor=button, bulk=True)
        )
        self.report = BulkReportPanel(window)
        self.help = HelpOverlay(window)
        self.actions: dict[Act, QAction] = {}
        self._keys()
        directory.changed.connect(self.refresh_bar)
        self.refresh_bar()

    # ---- who and what -------------------------------------------------------------------

    def me(self) -> Me:
        return Me(self.directory.me, self.directory.managers.get(self.directory.me) or {})

    def selected(self) -> list[ChatItem]:
        rows = sorted(ix.row() for ix in self.view.selectionModel().selectedRows())
        return [item for r in rows if (item := self.model.item(r)) is not None]

    def targets(self) -> list[ChatItem]:
        """The selected chats, else the open one."""
        chosen = self.selected()
        if chosen:
            return chosen
        open_ = self._open_chat()
        return [open_] if open_ is not None else []

    def target_ids(self, chats: Sequence[ChatItem]) -> list[str]:
        if self.matching is not None:
            return list(self.matching)
        return [c.id for c in chats]

    # ---- menus --------------------------------------------------------------------------

    def build_menu(self, chats: list[ChatItem], parent: QWidget | None = None) -> QMenu:
        """The actions that apply to these chats, each with its key; those the agent may
        not take now are disabled with the reason as their tooltip."""
        menu = QMenu(parent or self.window)
        menu.setObjectName("chatActions")
        menu.setToolTipsVisible(True)
        self.fill_menu(menu, chats)
        return menu

    def fill_menu(self, menu: QMenu, chats: list[ChatItem]) -> None:
        """(Re)fill a menu with the actions for these chats."""
        menu.clear()
        me = self.me()
        bulk = len(chats) > 1 or self.matching is not None
        for group in GROUPS:
            shown = [a for a in group if bulk or applies(a, chats, me)]
            if not shown:
                continue
            if menu.actions():
                menu.addSeparator()
            for act in shown:
                d = BY_ID[act]
                # the key shown after a tab, not bound: the list's own actions hold it
                # (a second binding would make both ambiguous, and neither would fire)
                key = QKeySequence(d.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
                action = QAction(action_icon(d.icon), f"{d.label()}\t{key}", menu)
                action.setObjectName(f"act_{act.value}")
                why = why_not(act, me, bulk=bulk)
                action.setEnabled(why is None)
                if why:
                    action.setToolTip(why)
                action.triggered.connect(
                    lambda _=False, act=act, chats=chats, menu=menu: self.run(
                        act, chats, anchor=menu.pos()
                    )
                )
                menu.addAction(action)

    def header_button(self, parent: QWidget) -> QToolButton:
        """The conversation header's "More actions" button: the same menu, for the open
        chat."""
        button = QToolButton(parent)
        button.setObjectName("chatActionsButton")
        button.setIcon(action_icon("dots-vertical"))
        button.setAutoRaise(True)
        button.setToolTip(translate("Triage", "Actions on this chat (Shift+F10)"))
        button.setAccessibleName(translate("Triage", "Actions on this chat"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        menu = QMenu(button)
        menu.setObjectName("chatActions")
        menu.setToolTipsVisible(True)

        def fill() -> None:  # as it opens: the open chat as it is now
            open_ = self._open_chat()
            self.fill_menu(menu, [open_] if open_ is not None else [])
            self.menu = menu

        menu.aboutToShow.connect(fill)
        button.setMenu(menu)
        return button

    def show_menu(self, chats: list[ChatItem], where: QPoint) -> QMenu:
        menu = self.build_menu(chats)
        self.menu = menu
        menu.popup(where)
        return menu

    # ---- for other lists (search results: L2 "works on search results too") -------------

    def run_on_ids(
        self, act: Act, ids: Sequence[str], anchor: QWidget | QPoint | None = None
    ) -> None:
        """Run an action (its picker first, if it has one) on these chats, wherever they
        are listed: the search results' bulk bar or menu calls this. One chat: as from
        its row; several: a bulk action with its report."""
        items = [i for c in ids if (i := self.model.lookup(c)) is not None]
        saved, self.matching = self.matching, (list(ids) if len(ids) > 1 else None)
        try:
            me = self.me()
            if why_not(act, me, bulk=len(ids) > 1) is None:
                self.run(act, items, anchor=anchor, ids=list(ids))
        finally:
            self.matching = saved

    def menu_for_ids(self, ids: Sequence[str], where: QPoint) -> QMenu | None:
        """The context menu for these chats (a search result's row, or its selection)."""
        items = [i for c in ids if (i := self.model.lookup(c)) is not None]
        if not items:
            return None
        menu = self.build_menu(items)
        self.menu = menu
        menu.popup(where)
        return menu

    # ---- running an action --------------------------------------------------------------

    def trigger(
        self, act: Act, *, anchor: QWidget | QPoint | None = None, bulk: bool = False
    ) -> None:
        """An action asked for by key or by the bulk bar, on the targets."""
        chats = self.selected() if bulk else self.targets()
        if not chats:
            return
        me = self.me()
        many = len(chats) > 1 or self.matching is not None
        if not many and act in OPPOSITE and not applies(act, chats, me):
            act = OPPOSITE[act]
        if why_not(act, me, bulk=many) is not None:
            return  # disabled: its menu item and button say why
        self.run(act, chats, anchor=anchor)

    def run(
        self,
        act: Act,
        chats: list[ChatItem],
        *,
        anchor: QWidget | QPoint | None = None,
        ids: list[str] | None = None,
    ) -> None:
        ids = ids if ids is not None else self.target_ids(chats)
        if not ids:
            return
        where = self._where(anchor)
        match act:
            case Act.ASSIGN:
                self._assign_picker(chats, ids, where)
            case Act.ASSIGN_ME:
                self.assignRequested.emit(ids, self.directory.me)
            case Act.TEAM:
                self._team_picker(chats, ids, where)
            case Act.FOLLOW | Act.UNFOLLOW:
                self.followRequested.emit(ids, act is Act.FOLLOW)
            case Act.OPEN:
                self.stateRequested.emit(ids, "open", None)
            case Act.CLOSE:
                self.stateRequested.emit(ids, "closed", None)
            case Act.SNOOZE:
                self._snooze_picker(ids, where)
            case Act.TAGS:
                self._tag_picker(chats, ids, where)
            case Act.STAR | Act.UNSTAR:
                self.starRequested.emit(ids, act is Act.STAR)
            case Act.READ | Act.UNREAD:
                self.readRequested.emit(ids, act is Act.READ)

    def _assign_picker(self, chats: list[ChatItem], ids: list[str], where: QPoint) -> None:
        current = {c.chat.get("assignee_id") for c in chats}
        choices = assignee_choices(self.directory, self._open_counts(), current)
        popup = self._popup(translate("Triage", "Assign to"), choices, where)
        popup.picked.connect(lambda key: self.assignRequested.emit(ids, key or None))

    def _team_picker(self, chats: list[ChatItem], ids: list[str], where: QPoint) -> None:
        current = {c.chat.get("team_id") for c in chats}
        popup = self._popup(
            translate("Triage", "Team"), team_choices(self.directory, current), where
        )
        popup.picked.connect(lambda key: self.teamRequested.emit(ids, key or None))

    def _snooze_picker(self, ids: list[str], where: QPoint) -> None:
        popup = self._popup(translate("Triage", "Snooze until"), snooze_choices(), where)
        popup.field.setVisible(False)
        popup.fit()
        popup.list.setFocus()

        def picked(key: str) -> None:
            if key == CUSTOM:
                self._snooze_dialog(ids)
                return
            until = dict(snooze_times()).get(key)
            if until is not None:
                self.stateRequested.emit(ids, "snoozed", until)

        popup.picked.connect(picked)

    def _snooze_dialog(self, ids: list[str]) -> None:
        dialog = SnoozeDialog(self.window)
        dialog.setObjectName("snoozeDialog")
        self.snooze_dialog = dialog

        def done(result: int) -> None:
            if result and dialog.refusal() is None:
                self.stateRequested.emit(ids, "snoozed", dialog.until())
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()

    def _tag_picker(self, chats: list[ChatItem], ids: list[str], where: QPoint) -> None:
        """Check boxes over the workspace's tags; a new name typed and entered is added.
        One chat keeps at most 8 (P2): at 8, the others are disabled with the reason."""
        single = len(ids) == 1 and len(chats) == 1
        have = set(chats[0].chat.get("tags") or []) if single else set()
        limit_note = translate("Triage", "At most {n} tags per chat.").format(n=MAX_TAGS_PER_CHAT)
        popup = self._popup(
            translate("Triage", "Tags"),
            tag_choices(self.directory, chats),
            where,
            placeholder=translate("Triage", "Find or create a tag"),
            creatable=True,
            stay_open=True,
            note=limit_note,
        )

        def recheck() -> None:
            if not single:
                return
            item = replace(chats[0], chat={**chats[0].chat, "tags": sorted(have)})
            popup.model.set_choices(tag_choices(self.directory, [item]))
            popup.set_note(
                tags_full_text() if len(have) >= MAX_TAGS_PER_CHAT else popup.note.text()
            )

        def toggled(tag: str, on: bool) -> None:
            if on and single and len(have) >= MAX_TAGS_PER_CHAT:
                popup.set_note(tags_full_text())
                recheck()
                return
            (have.add if on else have.discard)(tag)
            self.tagRequested.emit(ids, tag, on)
            recheck()

        def created(tag: str) -> None:
            if single and tag in have:
                return
            toggled(tag, True)

        popup.toggled.connect(toggled)
        popup.created.connect(created)

    def _popup(
        self, title: str, choices: list[Choice], where: QPoint, **options: Any
    ) -> PickerPopup:
        if self.popup is not None:
            self.popup.close()
        popup = PickerPopup(title, choices, self.window, **options)
        self.popup = popup
        popup.destroyed.connect(lambda *_a, p=popup: self._popup_gone(p))
        popup.popup_at(where)
        return popup

    def _popup_gone(self, popup: PickerPopup) -> None:
        if self.popup is popup:
            self.popup = None

    def _where(self, anchor: QWidget | QPoint | None) -> QPoint:
        if isinstance(anchor, QPoint):
            return anchor
        if isinstance(anchor, QWidget):
            return anchor.mapToGlobal(QPoint(0, anchor.height()))
        ix = self.view.currentIndex()
        if ix.isValid():
            rect = self.view.visualRect(ix)
            return self.view.viewport().mapToGlobal(rect.bottomLeft() + QPoint(24, 0))
        return self.view.mapToGlobal(QPoint(24, 24))

    # ---- the keyboard (D3) --------------------------------------------------------------

    def _keys(self) -> None:
        """One QAction per chat action: single keys on the chat list only, so the
        composer never sees them taken."""
        for d in ACTIONS:
            a = QAction(d.label(), self.window)
            a.setObjectName(f"key_{d.id.value}")
            a.setShortcut(QKeySequence(d.shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.triggered.connect(lambda _=False, act=d.id: self.trigger(act))
            self.view.addAction(a)
            self.actions[d.id] = a
        help_ = QAction(translate("Triage", "Keyboard shortcuts"), self.window)
        help_.setObjectName("key_help")
        help_.setShortcuts([QKeySequence("Ctrl+/"), QKeySequence("F1")])
        help_.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        help_.triggered.connect(self.help.toggle)
        self.window.addAction(help_)
        self.help_action = help_
        for seq, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            nav = QAction(self.window)
            nav.setShortcut(QKeySequence(seq))
            nav.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            nav.triggered.connect(lambda _=False, step=step: self._step_section(step))
            self.window.addAction(nav)

    def _list_key(self, e: QKeyEvent) -> bool:
        """Keys the chat list takes itself: J/K, X, Esc, R, the menu key."""
        key, mods = e.key(), e.modifiers()
        plain = not (mods & ~Qt.KeyboardModifier.KeypadModifier)
        if plain and key in (Qt.Key.Key_J, Qt.Key.Key_K):
            self._step(1 if key == Qt.Key.Key_J else -1)
            return True
        if plain and key == Qt.Key.Key_X:
            ix, sm = self.view.currentIndex(), self.view.selectionModel()
            only = sm.isSelected(ix) and len(sm.selectedRows()) == 1
            if ix.isValid() and not only:  # the open chat alone stays (it is the one open)
                sm.select(ix, QItemSelectionModel.SelectionFlag.Toggle)
            return True
        if plain and key == Qt.Key.Key_Escape and self.view.selectionModel().hasSelection():
            self.clear_selection()
            return True
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            ix = self.view.currentIndex()  # picked with Ctrl/Shift, not opened: open it now
            if ix.isValid():
                sm = self.view.selectionModel()
                sm.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
                sm.setCurrentIndex(ix, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            return True
        if plain and key == Qt.Key.Key_R:
            self._focus_composer()
            return True
        if key == Qt.Key.Key_Menu or (
            key == Qt.Key.Key_F10 and mods & Qt.KeyboardModifier.ShiftModifier
        ):
            chats = self.targets()
            if chats:
                self.show_menu(chats, self._where(None))
            return True
        return False

    def _step(self, step: int) -> None:
        n = self.model.rowCount()
        if not n:
            return
        row = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        target = max(0, min(n - 1, row + step))
        self.view.setCurrentIndex(self.model.index(target))

    # ---- selection ---------------------------------------------------------------------

    def _selecting(self) -> bool:
        return bool(
            self._press_mods
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        )

    def select_all_loaded(self) -> None:
        n = self.model.rowCount()
        if n:
            sel = QItemSelection(self.model.index(0), self.model.index(n - 1))
            self.view.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.Select)

    def clear_selection(self) -> None:
        self._drop_matching()
        self.view.selectionModel().clearSelection()

    def set_matching(self, ids: list[str]) -> None:
        """Every chat that matches the list now (beyond the loaded ones): the next bulk
        action takes them all."""
        self.matching = list(ids)
        self.select_all_loaded()
        self.refresh_bar()

    def _drop_matching(self) -> None:
        if self.matching is not None:
            self.matching = None
            self.refresh_bar()

    def _check_all(self, on: bool) -> None:
        if on:
            self.select_all_loaded()
        else:
            self.clear_selection()
        self.refresh_bar()

    def _selection_changed(self, *_args: object) -> None:
        n = len(self.view.selectionModel().selectedRows())
        if self.matching is not None and n < self.model.rowCount():
            self.matching = None
        self.refresh_bar()

    def _list_changed(self, *_args: object) -> None:
        self.refresh_bar()

    def refresh_bar(self) -> None:
        n = len(self.view.selectionModel().selectedRows())
        me = self.me()
        matching = len(self.matching) if self.matching is not None else self._matching_count()
        self.bar.show_selection(
            n,
            self.model.rowCount(),
            matching,
            all_matching=self.matching is not None,
            why_not=lambda act: why_not(act, me, bulk=True),
        )

    # ---- events on the list ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        t = event.type()
        if t == QEvent.Type.Destroy or not shiboken6.isValid(self.view):
            return False
        if watched is self.view.viewport():
            if t in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                assert isinstance(event, QMouseEvent)
                self._press_mods = event.modifiers()
                if event.button() == Qt.MouseButton.RightButton:
                    return True  # never opens the chat nor marks it read: the menu does
            elif t == QEvent.Type.ContextMenu:
                assert isinstance(event, QContextMenuEvent)
                self._context_menu(event.pos(), event.globalPos())
                return True
        elif watched is self.view:
            if t == QEvent.Type.KeyPress:
                assert isinstance(event, QKeyEvent)
                self._press_mods = event.modifiers()
                if self._list_key(event):
                    return True
            elif t == QEvent.Type.ContextMenu:
                assert isinstance(event, QContextMenuEvent)
                if event.reason() == QContextMenuEvent.Reason.Keyboard:
                    chats = self.targets()
                    if chats:
                        self.show_menu(chats, self._where(None))
                    return True
        return False

    def _context_menu(self, pos: QPoint, global_pos: QPoint) -> None:
        ix = self.view.indexAt(pos)
        if not ix.isValid():
            return
        chosen = self.selected()
        chat_id = ix.data(ChatRoles.ID)
        if any(c.id == chat_id for c in chosen) and len(chosen) > 1:
            chats = chosen
        else:
            item = self.model.item(ix.row())
            chats = [item] if item is not None else []
            if self.matching is not None:
                self._drop_matching()
        if chats:
            self.show_menu(chats, global_pos)


def step_sidebar(view: QAbstractItemView, step: int) -> None:
    """The next or previous section that can be chosen (Ctrl+PgDown / Ctrl+PgUp)."""
    model = view.model()
    n = model.rowCount()
    row = view.currentIndex().row()
    for _ in range(n):
        row = (row + step) % n
        ix = model.index(row, 0)
        if ix.flags() & Qt.ItemFlag.ItemIsSelectable:
            view.setCurrentIndex(ix)
            return
