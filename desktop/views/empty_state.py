"""A list's empty state: a line in the middle of the list saying why it is empty ("No
snoozed chats in My chats", "No chats or messages match …"), instead of a blank pane
that could as well be a list still loading."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyState(QLabel):
    """Shown over `view`'s viewport while its model has no rows."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view.viewport())
        self.setObjectName("emptyState")
        self.setTextFormat(Qt.TextFormat.PlainText)  # it may quote the agent's search
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        muted = self.palette().color(QPalette.ColorRole.Text)
        self.setStyleSheet(
            f"QLabel#emptyState {{ color: rgba({muted.red()}, {muted.green()}, {muted.blue()},"
            " 150); font-size: 14px; }"
        )
        self.setContentsMargins(24, 0, 24, 0)
        self._view = view
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        model = view.model()
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
        ):
            signal.connect(self.update_shown)
        self.update_shown()

    def set_text(self, text: str) -> None:
        self.setText(text)
        self.update_shown()

    def update_shown(self, *_args: object) -> None:
        model = self._view.model()
        empty = model is not None and model.rowCount() == 0 and bool(self.text())
        self.setGeometry(self._viewport.rect().adjusted(0, 0, 0, -self._viewport.height() // 3))
        self.setVisible(empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self.update_shown()
        return False
