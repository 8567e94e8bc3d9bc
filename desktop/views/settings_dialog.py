"""The settings dialog: account, notifications, language, start at login, local cache.

Choices apply as they are made (no OK/Apply step), like the system's own settings. The
dialog shows what it is told (`SettingsState`, then the `set_*` methods) and emits what
the agent asks; the controller (`desktop.controller.settings`) does the rest. It never
touches the network, the cache's SQL or the files it describes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.notify.pause import PauseActions, pause_actions, paused_text

LANGUAGES = (i18n.SYSTEM, *i18n.LANGUAGES)  # codes Settings.set_language() stores


@dataclass(frozen=True, slots=True)
class SettingsState:
    """What the dialog shows when it opens."""

    server: str
    email: str
    notify_unassigned: bool
    sound: bool
    language: str  # one of LANGUAGES
    autostart: bool
    cache_size: int | None  # bytes; None: unknown
    cache_path: str = ""
    paused_until: datetime | None = None
    can_log_out: bool = True  # not in the demo
    can_restart: bool = True


def size_text(size: int | None) -> str:
    if size is None:
        return QCoreApplication.translate("SettingsDialog", "Unknown")
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def _hint(text: str, parent: QWidget) -> QLabel:
    """Grey explanatory text under a control."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setObjectName("hint")
    return label


class _Page(QWidget):
    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(24, 18, 24, 18)
        self.column.setSpacing(10)
        heading = QLabel(title, self)
        heading.setObjectName("heading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.column.addWidget(heading)

    def end(self) -> None:
        self.column.addStretch(1)


class SettingsDialog(QDialog):
    logoutRequested = Signal()
    notifyUnassignedRequested = Signal(bool)
    pauseRequested = Signal(object)  # datetime until which to pause, or None to resume
    soundChanged = Signal(bool)
    languageChanged = Signal(str)
    restartRequested = Signal()
    autostartChanged = Signal(bool)
    clearCacheRequested = Signal()  # the agent clicked "Clear cache…" (not yet confirmed)
    clearCacheConfirmed = Signal()

    def __init__(self, state: SettingsState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("SettingsDialog", "Settings"))
        self.setMinimumSize(QSize(620, 400))
        self.resize(680, 430)
        self.question: QMessageBox | None = None  # the open "clear the cache?" question
        self.setStyleSheet(
            """
            QLabel#heading { font-size: 14pt; font-weight: 600; margin: 0 0 6px -2px; }
            QLabel#subheading { font-weight: 600; margin: 8px 0 0 0; }
            """
        )

        self.sections = QListWidget(self)
        self.sections.setObjectName("sections")
        self.sections.setFixedWidth(170)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pages = QStackedWidget(self)
        for key, title, page in (
            (
                "account",
                QCoreApplication.translate("SettingsDialog", "Account"),
                self._account(state),
            ),
            (
                "notifications",
                QCoreApplication.translate("SettingsDialog", "Notifications"),
                self._notifications(state),
            ),
            (
                "language",
                QCoreApplication.translate("SettingsDialog", "Language"),
                self._language(state),
            ),
            (
                "startup",
                QCoreApplication.translate("SettingsDialog", "Start at login"),
                self._startup(state),
            ),
            (
                "cache",
                QCoreApplication.translate("SettingsDialog", "Local cache"),
                self._cache(state),
            ),
        ):
            item = QListWidgetItem(title, self.sections)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.pages.addWidget(page)
        self.sections.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.sections.setCurrentRow(0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 12, 12)
        right.addWidget(self.pages, 1)
        right.addWidget(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sections)
        layout.addLayout(right, 1)

        self.set_notify_unassigned(state.notify_unassigned)
        self.set_paused(state.paused_until)

    def show_section(self, key: str) -> None:
        for row in range(self.sections.count()):
            if self.sections.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sections.setCurrentRow(row)

    # ---- pages ------------------------------------------------------------------------------

    def _account(self, state: SettingsState) -> QWidget:
        page = _Page(QCoreApplication.translate("SettingsDialog", "Account"), self)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        self.server = QLabel(state.server, page)
        self.email = QLabel(state.email, page)
        for label in (self.server, self.email):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Server"), self.server)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Email"), self.email)
        page.column.addLayout(form)
        page.column.addSpacing(8)
        self.logout_button = QPushButton(
            QCoreApplication.translate("SettingsDialog", "Log out…"), page
        )
        self.logout_button.setEnabled(state.can_log_out)
        self.logout_button.clicked.connect(self.logoutRequested)
        page.column.addWidget(self.logout_button, 0, Qt.AlignmentFlag.AlignLeft)
        page.column.addWidget(
            _hint(
                QCoreApplication.translate(
                    "SettingsDialog",
                    "Logging out ends your login on this computer. You can also delete "
                    "the copy of the inbox kept here.",
                )
                if state.can_log_out
                else QCoreApplication.translate(
                    "SettingsDialog",
                    "The demo workspace logs you in by itself: there is nothing to log out of.",
                ),
                page,
            )
        )
        page.end()
        return page

    def _notifications(self, state: SettingsState) -> QWidget:
        page = _Page(QCoreApplication.translate("SettingsDialog", "Notifications"), self)
        self.notify_unassigned = QCheckBox(
            QCoreApplication.translate("SettingsDialog", "Notify me of unassigned chats"), page
        )
        self.notify_unassigned.clicked.connect(self._switch_unassigned)
        page.column.addWidget(self.notify_unassigned)
        page.column.addWidget(
            _hint(
                QCoreApplication.translate(
                    "SettingsDialog",
                    "New chats and messages with no assignee notify you, and join My sessions",
                ),
                page,
            )
        )
        self.sound = QCheckBox(
            QCoreApplication.translate("SettingsDialog", "Play a sound with notifications"), page
        )
        self.sound.setChecked(state.sound)
        self.sound.toggled.connect(self.soundChanged)
        page.column.addSpacing(6)
        page.column.addWidget(self.sound)

        pause_title = QLabel(
            QCoreApplication.translate("SettingsDialog", "Pause notifications"), page
        )
        pause_title.setObjectName("subheading")
        page.column.addWidget(pause_title)
        self.pause_state = QLabel(page)
        self.pause_state.setTextFormat(Qt.TextFormat.PlainText)
        page.column.addWidget(self.pause_state)
        self.pause: PauseActions = pause_actions(self, self.pauseRequested.emit)
        row = QHBoxLayout()
        self.pause_buttons: list[QPushButton] = []
        for action, text in (
            (self.pause.hour, QCoreApplication.translate("SettingsDialog", "Pause for 1 hour")),
            (
                self.pause.tomorrow,
                QCoreApplication.translate("SettingsDialog", "Pause until tomorrow"),
            ),
            (self.pause.resume, QCoreApplication.translate("SettingsDialog", "Resume")),
        ):
            button = QPushButton(text, page)
            button.setToolTip(action.text())
            button.clicked.connect(action.trigger)
            row.addWidget(button)
            self.pause_buttons.append(button)
        self.pause_hour_button, self.pause_tomorrow_button, self.resume_button = self.pause_buttons
        row.addStretch(1)
        page.column.addLayout(row)
        page.end()
        return page

    def _language(self, state: SettingsState) -> QWidget:
        page = _Page(QCoreApplication.translate("SettingsDialog", "Language"), self)
        self.language = QComboBox(page)
        for code, name in (
            (
                "system",
                QCoreApplication.translate("SettingsDialog", "System default ({language})").format(
                    language=QLocale.system().nativeLanguageName()
                ),
            ),
            ("ko", "한국어"),  # each language in its own words
            ("en", "English"),
        ):
            self.language.addItem(name, code)
        index = self.language.findData(state.language if state.language in LANGUAGES else "system")
        self.language.setCurrentIndex(max(0, index))
        self._language_at_start = self.language.currentData()
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language.setMinimumWidth(200)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(
            QCoreApplication.translate("SettingsDialog", "Language of Sangdam"), self.language
        )
        page.column.addLayout(form)
        self.language_note = QLabel(
            QCoreApplication.translate(
                "SettingsDialog", "The new language applies after Sangdam restarts."
            ),
            page,
        )
        self.language_note.setObjectName("note")
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        page.column.addWidget(self.language_note)
        self.restart_button = QPushButton(
            QCoreApplication.translate("SettingsDialog", "Restart now"), page
        )
        self.restart_button.setVisible(False)
        self.restart_button.clicked.connect(self.restartRequested)
        self._can_restart = state.can_restart
        page.column.addWidget(self.restart_button, 0, Qt.AlignmentFlag.AlignLeft)
        page.end()
        return page

    def _startup(self, state: SettingsState) -> QWidget:
        page = _Page(QCoreApplication.translate("SettingsDialog", "Start at login"), self)
        self.autostart = QCheckBox(
            QCoreApplication.translate(
                "SettingsDialog", "Start Sangdam when I log in to this computer"
            ),
            page,
        )
        self.autostart.setChecked(state.autostart)
        self.autostart.clicked.connect(self.autostartChanged)
        page.column.addWidget(self.autostart)
        page.column.addWidget(
            _hint(
                QCoreApplication.translate(
                    "SettingsDialog",
                    "Sangdam opens its window and notifies you from the start of your day.",
                ),
                page,
            )
        )
        self.autostart_problem = QLabel(page)
        self.autostart_problem.setObjectName("problem")
        self.autostart_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.autostart_problem.setWordWrap(True)
        self.autostart_problem.setVisible(False)
        page.column.addWidget(self.autostart_problem)
        page.end()
        return page

    def _cache(self, state: SettingsState) -> QWidget:
        page = _Page(QCoreApplication.translate("SettingsDialog", "Local cache"), self)
        page.column.addWidget(
            _hint(
                QCoreApplication.translate(
                    "SettingsDialog",
                    "Sangdam keeps a copy of your inbox on this computer, so it opens at once "
                    "and works offline.",
                ),
                page,
            )
        )
        form = QFormLayout()
        self.cache_size = QLabel(size_text(state.cache_size), page)
        self.cache_size.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Size on disk"), self.cache_size)
        self.cache_path = QLabel(state.cache_path, page)
        self.cache_path.setTextFormat(Qt.TextFormat.PlainText)
        self.cache_path.setWordWrap(True)
        self.cache_path.setObjectName("hint")
        self.cache_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Location"), self.cache_path)
        page.column.addLayout(form)
        page.column.addSpacing(8)
        self.clear_button = QPushButton(
            QCoreApplication.translate("SettingsDialog", "Clear cache…"), page
        )
        self.clear_button.clicked.connect(self.clearCacheRequested)
        page.column.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        page.column.addWidget(
            _hint(
                QCoreApplication.translate(
                    "SettingsDialog",
                    "Clearing deletes the copy and downloads your inbox again from the "
                    "server. Messages not sent yet are kept and sent.",
                ),
                page,
            )
        )
        self.cache_status = QLabel(page)
        self.cache_status.setTextFormat(Qt.TextFormat.PlainText)
        self.cache_status.setWordWrap(True)
        self.cache_status.setVisible(False)
        page.column.addWidget(self.cache_status)
        page.end()
        return page

    # ---- what the controller tells it ------------------------------------------------------

    def set_notify_unassigned(self, on: bool) -> None:
        """The server's value (a click shows once the server has it)."""
        self.notify_unassigned.blockSignals(True)
        self.notify_unassigned.setChecked(on)
        self.notify_unassigned.blockSignals(False)

    def set_paused(self, until: datetime | None) -> None:
        self.pause.show_paused(until is not None)
        self.resume_button.setVisible(until is not None)
        self.pause_state.setText(
            paused_text(until)
            if until is not None
            else QCoreApplication.translate("SettingsDialog", "Notifications are on.")
        )

    def set_autostart(self, on: bool, problem: str = "") -> None:
        self.autostart.blockSignals(True)
        self.autostart.setChecked(on)
        self.autostart.blockSignals(False)
        self.autostart_problem.setText(problem)
        self.autostart_problem.setVisible(bool(problem))

    def set_cache_size(self, size: int | None) -> None:
        self.cache_size.setText(size_text(size))

    def set_clearing(self, busy: bool, text: str = "", *, problem: bool = False) -> None:
        """While the cache is cleared and downloaded again, and what came of it."""
        self.clear_button.setEnabled(not busy)
        self.cache_status.setObjectName("problem" if problem else "hint")
        self.cache_status.style().unpolish(self.cache_status)
        self.cache_status.style().polish(self.cache_status)
        self.cache_status.setText(text)
        self.cache_status.setVisible(bool(text))

    def confirm_clear(self, messages: int, other: int, failed: int) -> None:
        """Ask before clearing; `clearCacheConfirmed` if the agent says yes. Names what
        only this computer holds, and that it is kept."""
        box = QMessageBox(self)
        box.setWindowTitle(QCoreApplication.translate("SettingsDialog", "Clear cache"))
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            QCoreApplication.translate(
                "SettingsDialog", "Delete the local copy of your inbox and download it again?"
            )
        )
        # (how many, the sentence for one, for several): literal texts, for lupdate
        kinds = (
            (
                messages,
                QCoreApplication.translate(
                    "SettingsDialog", "1 unsent message will be kept and sent."
                ),
                QCoreApplication.translate(
                    "SettingsDialog", "{n} unsent messages will be kept and sent."
                ),
            ),
            (
                other,
                QCoreApplication.translate(
                    "SettingsDialog", "1 change not yet sent will be kept and sent."
                ),
                QCoreApplication.translate(
                    "SettingsDialog", "{n} changes not yet sent will be kept and sent."
                ),
            ),
            (
                failed,
                QCoreApplication.translate(
                    "SettingsDialog", "1 message the server refused will be kept."
                ),
                QCoreApplication.translate(
                    "SettingsDialog", "{n} messages the server refused will be kept."
                ),
            ),
        )
        kept = [one if n == 1 else several.format(n=n) for n, one, several in kinds if n]
        if not kept:
            kept.append(
                QCoreApplication.translate("SettingsDialog", "Everything in it is on the server.")
            )
        box.setInformativeText("\n".join(kept))
        self.clear_confirm_button = box.addButton(
            QCoreApplication.translate("SettingsDialog", "Clear cache"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(self.clear_confirm_button)

        def answered() -> None:
            if box.clickedButton() is self.clear_confirm_button:
                self.clearCacheConfirmed.emit()
            self.question = None
            box.deleteLater()

        box.finished.connect(lambda _result: answered())
        self.question = box
        box.open()

    # ---- the agent's choices ---------------------------------------------------------------

    def _switch_unassigned(self, on: bool) -> None:
        # As the sidebar's switch: shows the server's answer, not the click.
        self.set_notify_unassigned(not on)
        self.notifyUnassignedRequested.emit(on)

    def _language_chosen(self, _index: int) -> None:
        code = str(self.language.currentData())
        self.languageChanged.emit(code)
        changed = code != self._language_at_start
        self.language_note.setVisible(changed)
        self.restart_button.setVisible(changed and self._can_restart)
