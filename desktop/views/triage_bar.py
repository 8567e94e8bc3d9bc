"""The bulk bar over the chat list, and the report of a bulk action (SPEC L2).

The bar always holds the header check box (select every loaded chat; it shows whether
none, some or all are selected). With two chats or more selected it shows how many, a
link to take every chat that matches beyond the loaded ones, and a button per action
(disabled with the reason when my operator seat is off). The report panel says how a
bulk action went: how many chats it changed, and each refused one with its customer's
name and the reason.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.bulk import BulkReport
from desktop.models.format import number
from desktop.views.actions import ACTIONS, Act, action_icon

# The bar's buttons, in order: every action a bulk may take (L2).
BAR: tuple[Act, ...] = (
    Act.ASSIGN,
    Act.TEAM,
    Act.TAGS,
    Act.SNOOZE,
    Act.CLOSE,
    Act.OPEN,
    Act.FOLLOW,
    Act.STAR,
    Act.READ,
    Act.UNREAD,
)


class TriageBar(QFrame):
    """[☐] 12 selected · Select all 1,234 chats that match   [actions…]  [✕]"""

    checkAllClicked = Signal(bool)  # select every loaded chat (True) or none
    matchAllClicked = Signal()
    clearClicked = Signal()
    actionClicked = Signal(str, QToolButton)  # Act, the button (where a picker opens)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("triageBar")
        self.check = QCheckBox(self)
        self.check.setTristate(False)
        self.check.setToolTip(translate("TriageBar", "Select all loaded chats (Ctrl+A)"))
        self.check.setAccessibleName(translate("TriageBar", "Select all loaded chats"))
        self.check.clicked.connect(self._check_clicked)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setObjectName("triageCount")
        # a long text is cut, never widens the list column
        self.count.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.match_all = QToolButton(self)
        self.match_all.setObjectName("matchAll")
        self.match_all.setAutoRaise(True)
        self.match_all.setCursor(Qt.CursorShape.PointingHandCursor)
        self.match_all.clicked.connect(self.matchAllClicked)
        self._shown = Qt.CheckState.Unchecked
        self.buttons: dict[Act, QToolButton] = {}
        # two lines: the list column is narrow beside the side panel (~300 px), so the
        # count and the link keep their room above the action buttons
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addWidget(self.check)
        top.addWidget(self.count, 1)
        top.addWidget(self.match_all)
        self.actions_row = QHBoxLayout()
        self.actions_row.setContentsMargins(0, 0, 0, 0)
        self.actions_row.setSpacing(2)
        defs = {a.id: a for a in ACTIONS}
        for act in BAR:
            d = defs[act]
            b = QToolButton(self)
            b.setAutoRaise(True)
            b.setIcon(action_icon(d.icon))
            b.setIconSize(QSize(18, 18))
            b.setAccessibleName(d.label().rstrip("…"))
            b.setObjectName(f"bulk_{act.value}")
            b.clicked.connect(lambda _=False, act=act, b=b: self.actionClicked.emit(act.value, b))
            self.buttons[act] = b
            self.actions_row.addWidget(b)
        self.actions_row.addStretch(1)
        self.clear = QToolButton(self)
        self.clear.setAutoRaise(True)
        self.clear.setIcon(action_icon("close"))
        self.clear.setToolTip(translate("TriageBar", "Clear the selection (Esc)"))
        self.clear.setAccessibleName(translate("TriageBar", "Clear the selection"))
        self.clear.clicked.connect(self.clearClicked)
        top.addWidget(self.clear)
        col = QVBoxLayout(self)
        col.setContentsMargins(12, 2, 6, 2)
        col.setSpacing(0)
        col.addLayout(top)
        col.addLayout(self.actions_row)
        self.show_selection(0, 0, 0)

    def show_selection(
        self,
        selected: int,
        loaded: int,
        matching: int,
        *,
        all_matching: bool = False,
        why_not: Callable[[Act], str | None] = lambda _a: None,
    ) -> None:
        """`selected` of `loaded` rows are selected; `matching` chats match in all. With
        `all_matching` the action takes every one of them."""
        bulk = selected >= 2 or all_matching
        self.check.blockSignals(True)
        if selected and selected >= loaded:
            self.check.setCheckState(Qt.CheckState.Checked)
        elif selected >= 2:
            self.check.setCheckState(Qt.CheckState.PartiallyChecked)
        else:
            self.check.setCheckState(Qt.CheckState.Unchecked)
        self.check.blockSignals(False)
        self._shown = self.check.checkState()
        if all_matching:
            self.count.setText(
                translate("TriageBar", "All {n} chats that match are selected").format(
                    n=number(matching)
                )
            )
        elif bulk:
            self.count.setText(translate("TriageBar", "{n} selected").format(n=number(selected)))
        else:
            self.count.setText(translate("TriageBar", "Select chats to act on several at once"))
        self.count.setEnabled(bulk)
        more = bulk and not all_matching and selected >= loaded and matching > loaded
        self.match_all.setVisible(more)
        if more:
            self.match_all.setText(
                translate("TriageBar", "Select all {n} chats that match").format(n=number(matching))
            )
        defs = {a.id: a for a in ACTIONS}
        for act, b in self.buttons.items():
            b.setVisible(bulk)
            why = why_not(act)
            b.setEnabled(why is None)
            label = defs[act].label().rstrip("…")
            b.setToolTip(why or f"{label} ({defs[act].shortcut})")
        self.clear.setVisible(bulk)

    def _check_clicked(self) -> None:
        # a click on an empty box selects all; on a partly or fully checked one, none
        self.checkAllClicked.emit(self._shown is Qt.CheckState.Unchecked)


class BulkReportPanel(QFrame):
    """How a bulk action went: "Closed 299 of 300 chats. 1 was not:" and the refused
    chats, each with its customer's name and the reason (plain text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bulkReport")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("bulkSummary")
        self.failures = QListWidget(self)
        self.failures.setObjectName("bulkFailures")
        self.failures.setWordWrap(True)
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(action_icon("close"))
        self.close_button.setToolTip(translate("TriageBar", "Dismiss"))
        self.close_button.clicked.connect(self.hide)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        col = QVBoxLayout(self)
        col.setContentsMargins(12, 6, 6, 6)
        col.addLayout(top)
        col.addWidget(self.failures)
        self.report: BulkReport | None = None
        self.hide()

    def show_report(self, report: BulkReport) -> None:
        self.report = report
        what, total = report.what, number(report.total)
        if report.finished:
            text = translate("TriageBar", "{what}: done for {done} of {total} chats.").format(
                what=what, done=number(report.done), total=total
            )
        else:
            text = translate(
                "TriageBar", "{what}: {done} of {total} chats done, {waiting} waiting to send…"
            ).format(
                what=what, done=number(report.done), total=total, waiting=number(report.waiting)
            )
        if report.failures:
            text += " " + translate("TriageBar", "%n not done:", None, len(report.failures))
        self.summary.setText(text)
        self.failures.clear()
        for f in report.failures:
            item = QListWidgetItem(f"{f.name} — {f.reason}")
            item.setData(Qt.ItemDataRole.UserRole, f.chat_id)
            item.setToolTip(f.reason)
            self.failures.addItem(item)
        self.failures.setVisible(bool(report.failures))
        if report.failures:  # as tall as its lines, up to about six
            row = max(self.failures.sizeHintForRow(0), self.fontMetrics().height() + 4)
            frame = 2 * self.failures.frameWidth() + 4
            self.failures.setFixedHeight(min(140, row * len(report.failures) + frame))
        self.show()

    def lines(self) -> list[str]:
        """The refused chats as shown (for tests and accessibility)."""
        return [self.failures.item(i).text() for i in range(self.failures.count())]
