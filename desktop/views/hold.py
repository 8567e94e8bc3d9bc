"""A chat list that holds still while the agent aims at it (issue 14, item 4).

Rows re-sorting under the pointer made clicks open another chat than the one aimed at
(and mark it read). So the list's order is held (`ChatListModel.set_held`) while the
pointer is over the list, for a moment after the agent chose a chat with the mouse or
the keyboard (HOLD_MS; a chat shown by the app, e.g. from a notification, is not the
agent aiming), and while
the list is scrolled away from its top: changed rows are rewritten in place, and what
would join, move or leave waits. A "N new" pill at the top of the list says how many
wait and shows them when clicked (scrolling to the top); they also apply when the pointer
leaves the list, the top row on screen staying where it was, so nothing jumps.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QToolButton

from desktop.i18n import translate
from desktop.models.chat_list import ChatListModel, ChatRoles

HOLD_MS = 1500  # after a chat is chosen, the list stays put this long


class NewPill(QToolButton):
    """The "N new" button floating at the top of the list."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.setObjectName("newPill")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setStyleSheet(
            "QToolButton#newPill { background: #2563eb; color: white; border: none;"
            " border-radius: 13px; padding: 4px 14px; font-weight: 600; }"
            "QToolButton#newPill:hover { background: #1d4ed8; }"
        )
        self.setToolTip(translate("ListHold", "Show the chats that changed while you were aiming"))
        self.hide()

    def show_count(self, n: int) -> None:
        self.setText("↑ " + translate("ListHold", "%n new", None, n))
        self.adjustSize()
        self.place()
        self.setVisible(n > 0)
        if n > 0:
            self.raise_()

    def place(self) -> None:
        view = self.parentWidget()
        if view is None:
            return
        area = view.contentsRect()
        self.move(area.left() + (area.width() - self.width()) // 2, area.top() + 8)


class ListHold(QObject):
    """Decides when the view's model holds its order, and shows the pill."""

    def __init__(
        self, view: QAbstractItemView, model: ChatListModel, hold_ms: int = HOLD_MS
    ) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._pointer = False
        self._input = False  # the agent is pressing a key or a button in the list
        self._recent = QTimer(self)
        self._recent.setSingleShot(True)
        self._recent.setInterval(hold_ms)
        self._recent.timeout.connect(self.evaluate)
        self.pill = NewPill(view)
        self.pill.clicked.connect(self.show_new)
        model.pendingChanged.connect(self.pill.show_count)
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        view.installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(lambda _v: self.evaluate())
        view.selectionModel().selectionChanged.connect(lambda *_a: self._chosen())
        view.selectionModel().currentChanged.connect(lambda *_a: self._chosen())

    @property
    def pointer_over(self) -> bool:
        return self._pointer

    def reasons(self) -> tuple[bool, bool, bool]:
        """(pointer over the list, a chat chosen a moment ago, scrolled from the top)."""
        sb = self._view.verticalScrollBar()
        return self._pointer, self._recent.isActive(), sb.value() > sb.minimum()

    def evaluate(self) -> None:
        held = any(self.reasons())
        if not held and self._model.held:
            self._apply_in_place(lambda: self._model.set_held(False))
        elif held:
            self._model.set_held(True)

    def settle(self) -> None:
        """The moment after a choice is over now (a test saying time has passed)."""
        self._recent.stop()
        self.evaluate()

    def show_new(self) -> None:
        """The pill: apply what waits and go to the top, where the new rows are."""
        self._model.release()
        self._view.scrollToTop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Destroy, QEvent.Type.DeferredDelete):
            return False
        if watched is self._viewport:
            if kind in (QEvent.Type.Enter, QEvent.Type.MouseMove, QEvent.Type.HoverMove):
                if not self._pointer:
                    self._pointer = True
                    self.evaluate()
            elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                self._input = True
            elif kind == QEvent.Type.MouseButtonRelease:
                self._input = False
            elif kind == QEvent.Type.Leave:
                self._pointer = False
                # The pointer left: what waits may move now, the top row staying put.
                self._apply_in_place(self._model.release)
                self.evaluate()
        elif watched is self._view:
            if kind == QEvent.Type.Resize:
                self.pill.place()
            elif kind == QEvent.Type.KeyPress:
                self._input = True
            elif kind == QEvent.Type.KeyRelease:
                self._input = False
        return False

    def _chosen(self) -> None:
        """The selection changed: if by the agent's hand, hold still for a moment."""
        if self._input or QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._recent.start()
            self.evaluate()

    def _apply_in_place(self, apply: object) -> None:
        """Run `apply` (which may re-order the rows) keeping the top row on screen where
        it was, unless the list is at its top (then new rows show there)."""
        assert callable(apply)
        view, sb = self._view, self._view.verticalScrollBar()
        at_top = sb.value() <= sb.minimum()
        anchor = view.indexAt(QPoint(4, 1))
        anchor_id = anchor.data(ChatRoles.ID) if anchor.isValid() else None
        offset = view.visualRect(anchor).top() if anchor.isValid() else 0
        apply()
        if at_top or anchor_id is None:
            return
        row = self._model.row_of(str(anchor_id))
        if row is None:
            return
        view.executeDelayedItemsLayout()
        top = view.visualRect(self._model.index(row)).top()
        sb.setValue(sb.value() + top - offset)
