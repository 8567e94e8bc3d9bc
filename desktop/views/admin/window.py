"""The administration window's shell: a navigation list on the left, the pages stacked
on the right, like a settings window (issue 17 item 3).

Pages are plain widgets added with `add_page`; the window knows nothing of what they
do. A refusal or a failure is shown in the banner above the page, with the server's
reason, until the next action or a click on it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.views.icons import icon

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class AdminWindow(QWidget):
    def __init__(self, workspace: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("adminWindow")
        title = translate("Admin", "Administration")
        self.setWindowTitle(f"{title} — {workspace}" if workspace else title)
        self.resize(940, 620)
        self.setStyleSheet(
            """
            QLabel#heading { font-size: 14pt; font-weight: 600; margin: 0 0 6px -2px; }
            QLabel#subheading { font-weight: 600; margin: 8px 0 0 0; }
            QListView#teamList::item { padding-left: 8px; }
            QTableView#managerTable::item { padding: 4px 6px; }
            """
        )
        self.sections = QListWidget(self)
        self.sections.setObjectName("sections")
        self.sections.setFixedWidth(190)
        self.sections.setIconSize(QSize(18, 18))
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("adminBanner")
        self.banner.setWordWrap(True)
        self.banner.setContentsMargins(0, 0, 0, 10)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()

        right = QVBoxLayout()
        right.setContentsMargins(20, 16, 20, 16)
        right.addWidget(self.banner)
        right.addWidget(self.pages, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sections)
        layout.addLayout(right, 1)
        self.sections.currentRowChanged.connect(self._section)
        close = QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self)
        close.activated.connect(self.close)
        self._keys: list[str] = []

    def add_page(self, key: str, title: str, icon_name: str, page: QWidget) -> None:
        """Add a page under `key` (its navigation entry: `title` with the MDI icon
        `icon_name`); the first page added is shown first."""
        item = QListWidgetItem(icon(icon_name), title)
        item.setData(KEY_ROLE, key)
        self.sections.addItem(item)
        self.pages.addWidget(page)
        self._keys.append(key)
        if self.sections.currentRow() < 0:
            self.sections.setCurrentRow(0)

    def page(self, key: str) -> QWidget | None:
        return self.pages.widget(self._keys.index(key)) if key in self._keys else None

    def show_page(self, key: str) -> None:
        if key in self._keys:
            self.sections.setCurrentRow(self._keys.index(key))

    def current_key(self) -> str:
        row = self.sections.currentRow()
        return self._keys[row] if 0 <= row < len(self._keys) else ""

    def show_alert(self, text: str) -> None:
        """A refusal or failure, in the danger colour, until cleared."""
        self._banner(text, "problem")

    def show_notice(self, text: str) -> None:
        self._banner(text, "hint")

    def clear_banner(self) -> None:
        self.banner.clear()
        self.banner.hide()

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _banner(self, text: str, kind: str) -> None:
        from desktop.views.theme import repolish

        self.banner.setObjectName(kind)  # the theme's colour for problems and hints
        self.banner.setText(text)
        self.banner.setAccessibleName(text)
        self.banner.show()
        repolish(self.banner)

    def _section(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        self.clear_banner()
