"""The desktop tests' own hygiene (tests/desktop/conftest.py): a mouse button one test
leaves pressed is released before the next, whose chat lists would otherwise hold still
(a press counts as the agent's hand: desktop/views/hold)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def test_a_test_may_leave_a_button_pressed(qtbot: Any, qapp: Any) -> None:
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    QTest.mousePress(w, Qt.MouseButton.LeftButton)
    assert qapp.mouseButtons() == Qt.MouseButton.LeftButton


def test_the_next_one_starts_with_none_held(qapp: Any) -> None:
    assert qapp.mouseButtons() == Qt.MouseButton.NoButton
