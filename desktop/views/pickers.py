"""The triage pickers as popups: assignee, team, tags and snooze (SPEC O1, P2, H3).

`PickerPopup` is one popup for all of them: a filter field on top (typing narrows the
list; for tags it completes over the workspace's tags and Enter on a new name adds it)
and the choices below, each with its detail on the right ("3 / 5 open · away"). A
disabled choice keeps its reason as a tooltip. Keyboard: type, Up/Down, Enter, Esc.
The snooze picker's "Pick a date and time…" opens `SnoozeDialog`, which refuses a time
in the past or more than 180 days ahead and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import (
    QDateTime,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.choices import CUSTOM, Choice, ChoiceModel, ChoiceRoles, snooze_refusal
from protocol.limits import MAX_SNOOZE

Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """A choice: its label (and check box) on the left, its detail quieter on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        base = super().sizeHint(option, index)
        return QSize(base.width(), max(base.height(), QFontMetrics(option.font).height() + 12))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        detail = str(index.data(ChoiceRoles.DETAIL) or "")
        choice = index.data(ChoiceRoles.CHOICE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        fm = QFontMetrics(opt.font)
        detail_w = fm.horizontalAdvance(detail) + 16 if detail else 0
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text_rect = (
            style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
            if style is not None
            else opt.rect
        )
        painter.save()
        enabled = bool(opt.state & QStyle.StateFlag.State_Enabled)
        group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(opt.palette.color(group, role))
        label_rect = text_rect.adjusted(4, 0, -detail_w, 0)
        label = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(
            label_rect,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            fm.elidedText(label, Qt.TextElideMode.ElideRight, max(0, label_rect.width())),
        )
        if detail:
            quiet = QColor(opt.palette.color(group, role))
            quiet.setAlpha(150)
            if isinstance(choice, Choice) and choice.warn and enabled and not selected:
                quiet = QColor("#ea580c")
            painter.setPen(quiet)
            painter.drawText(
                QRect(
                    text_rect.right() - detail_w, text_rect.top(), detail_w - 6, text_rect.height()
                ),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                detail,
            )
        painter.restore()


class _Filter(QSortFilterProxyModel):
    """Choices whose label contains the typed text (any case); "Assign to me" and the
    like stay in their place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterRole(Qt.ItemDataRole.DisplayRole)


class PickerPopup(QFrame):
    """A popup list of choices with a filter field. `picked(key)` for a plain choice;
    `toggled(key, on)` for a check box (tags); `created(text)` for a new tag typed and
    entered (tags only)."""

    picked = Signal(str)
    toggled = Signal(str, bool)
    created = Signal(str)

    def __init__(
        self,
        title: str,
        choices: Sequence[Choice],
        parent: QWidget | None = None,
        *,
        placeholder: str = "",
        creatable: bool = False,
        note: str = "",
        stay_open: bool = False,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("pickerPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.creatable = creatable
        self.stay_open = stay_open  # tags: several toggles in one visit
        self.model = ChoiceModel(choices, self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)

        self.heading = QLabel(title, self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("pickerTitle")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(placeholder or translate("Pickers", "Type to filter"))
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._filter)
        self.field.installEventFilter(self)
        if creatable:
            completer = QCompleter([c.label for c in choices], self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
            self.field.setCompleter(completer)
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(ChoiceDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setMouseTracking(True)
        self.list.clicked.connect(self._clicked)
        self.list.activated.connect(self._clicked)
        self.note = QLabel(note, self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setObjectName("pickerNote")
        self.note.setVisible(bool(note))
        col = QVBoxLayout(self)
        col.setContentsMargins(8, 8, 8, 8)
        col.setSpacing(6)
        col.addWidget(self.heading)
        col.addWidget(self.field)
        col.addWidget(self.list, 1)
        col.addWidget(self.note)
        rows = min(10, max(3, len(choices)))
        row_h = max(24, QFontMetrics(self.font()).height() + 12)
        self.list.setFixedHeight(rows * row_h + 2 * self.list.frameWidth())
        self.fit()
        self._select_first()

    def popup_at(self, where: QPoint) -> None:
        """Show at a global position, kept on the screen; the filter has the focus."""
        screen = self.screen().availableGeometry() if self.screen() else None
        x, y = where.x(), where.y()
        if screen is not None:
            x = max(screen.left(), min(x, screen.right() - self.width()))
            y = max(screen.top(), min(y, screen.bottom() - self.height()))
        self.move(x, y)
        self.show()
        self.field.setFocus()

    def fit(self) -> None:
        """As tall as what it shows (after a part is hidden, too), 340 px wide."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(340, self.sizeHint().height())

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def choose(self, key: str) -> bool:
        """Take a choice by key as a click would (keyboard and tests). False if it is
        disabled or absent."""
        row = self.model.row_of(key)
        if row is None:
            return False
        ix = self.proxy.mapFromSource(self.model.index(row))
        if not ix.isValid() or not (ix.flags() & Qt.ItemFlag.ItemIsEnabled):
            return False
        self._clicked(ix)
        return True

    # ---- inside -------------------------------------------------------------------------

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._select_first()

    def _select_first(self) -> None:
        for r in range(self.proxy.rowCount()):
            ix = self.proxy.index(r, 0)
            if ix.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.list.setCurrentIndex(ix)
                return

    def _clicked(self, index: QModelIndex) -> None:
        if not index.isValid() or not (index.flags() & Qt.ItemFlag.ItemIsEnabled):
            return
        c = index.data(ChoiceRoles.CHOICE)
        if not isinstance(c, Choice):
            return
        if c.check is not None:
            on = c.check is not Qt.CheckState.Checked
            src = self.proxy.mapToSource(index)
            new = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            self.model.replace(src.row(), Choice(c.key, c.label, c.detail, True, "", new))
            self.toggled.emit(c.key, on)
            if not self.stay_open:
                self.close()
            return
        self.picked.emit(c.key)
        self.close()

    def _enter(self) -> None:
        text = self.field.text().strip()
        current = self.list.currentIndex()
        exact = self.model.row_of(text) if text else None
        if self.creatable and text and exact is None:
            self.created.emit(text)
            self.field.clear()
            if not self.stay_open:
                self.close()
            return
        if exact is not None:
            current = self.proxy.mapFromSource(self.model.index(exact))
        self._clicked(current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move(1 if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._enter()
                return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        n = self.proxy.rowCount()
        row = self.list.currentIndex().row()
        for _ in range(n):
            row = (row + step) % n if n else 0
            ix = self.proxy.index(row, 0)
            if ix.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.list.setCurrentIndex(ix)
                return


class SnoozeDialog(QDialog):
    """Snooze until a date and time the agent picks (H3: at most 180 days ahead)."""

    def __init__(self, parent: QWidget | None = None, now: datetime | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Pickers", "Snooze until"))
        self._now = now
        start = QDateTime.currentDateTime().addSecs(3600)
        self.edit = QDateTimeEdit(start, self)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDateTime(QDateTime.currentDateTime())
        self.edit.setMaximumDateTime(QDateTime.currentDateTime().addDays(MAX_SNOOZE.days + 1))
        self.edit.setDisplayFormat(
            translate("Pickers", "yyyy-MM-dd HH:mm", "a QLocale date format")
        )
        self.edit.dateTimeChanged.connect(self._check)
        self.why = QLabel(self)
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.why.setObjectName("snoozeWhy")
        self.why.setStyleSheet("color: #dc2626;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(
            translate("Pickers", "The chat opens again then, and its assignee is notified."), self
        )
        hint.setWordWrap(True)
        col = QVBoxLayout(self)
        col.addWidget(self.edit)
        col.addWidget(hint)
        col.addWidget(self.why)
        col.addWidget(self.buttons)
        self._check()

    def until(self) -> datetime:
        qdt = self.edit.dateTime()
        return datetime.fromtimestamp(qdt.toSecsSinceEpoch()).astimezone()

    def set_until(self, when: datetime) -> None:
        self.edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp())))
        self._check()

    def refusal(self) -> str | None:
        return snooze_refusal(self.until(), self._now)

    def _check(self) -> None:
        why = self.refusal()
        self.why.setText(why or "")
        self.why.setVisible(why is not None)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(why is None)

    def accept(self) -> None:
        if self.refusal() is None:  # never past the limit, whatever the keyboard did
            super().accept()


__all__ = ["CUSTOM", "ChoiceDelegate", "PickerPopup", "SnoozeDialog"]
