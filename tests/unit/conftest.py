"""Unit tests of the app's words read English, whatever the machine's language, as the
desktop tests do (tests/desktop/conftest.py): the plural forms ("1 new message") come
from the English translation, not from the source text."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session", autouse=True)
def _english(qapp: Any) -> None:
    from desktop import i18n

    i18n.install(qapp, "en")
