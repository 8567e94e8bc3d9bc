"""Korean and English (SPEC D2): with the Korean translation loaded, no English is left in
the window, its menus, dialogs, tray, status line and notifications but data (names,
messages, tags); the translation files are complete, up to date with the code and
compiled; the system's language is followed unless the agent chose one; dates, times
and numbers follow the language."""

# covers: D2

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from desktop import i18n
from desktop.auth.login import Failure, LoginError
from desktop.auth.settings import Settings
from desktop.controller.errors import error_text
from desktop.controller.flow import failure_text
from desktop.controller.session import refusal_text
from desktop.controller.ui import Ui, build_ui
from desktop.models.format import number, short_time
from desktop.models.sidebar import SidebarRoles
from desktop.notify import content
from desktop.notify.pause import paused_text
from desktop.notify.tray import Tray
from desktop.sync.cache import Cache
from desktop.sync.status import Phase, Status
from desktop.views.login_dialog import LoginDialog
from desktop.views.settings_dialog import SettingsDialog, SettingsState
from desktop.views.status import describe
from protocol import schemas as s
from protocol.errors import ErrorCode
from tests.desktop.support import seed_cache

ROOT = Path(__file__).resolve().parents[2]

# Words that stay in Latin letters in the Korean UI: the product's name (a brand; "상담"
# is the common noun for a chat), key names, "DM" (the guide's 인스타그램 DM), and
# "English", which the language menu names in itself, "ID" and data sizes (as Korean
# software writes them), and the protocols a medium's settings name (SMTP, STARTTLS,
# REST API), which Korean mail and messenger consoles write in Latin letters too.
KEPT = {
    "Sangdam",
    "Enter",
    "Tab",
    "Shift",
    "Ctrl",
    "F",  # Ctrl+F (search)
    "DM",
    "QR",  # the invitation link's QR code (Korean says "QR 코드" too)
    "English",
    "ID",
    "B",
    "kB",
    "KB",
    "MB",
    "GB",
    "GiB",
    "SMTP",
    "STARTTLS",
    "REST",
    "API",
}
MNEMONIC = re.compile(r"\(&?[A-Z]\)$|&(?=\w)")  # "알림(&N)"; a tooltip made of it: "알림(N)"
# addresses, links and command-line options are typed, not read: they stay as they are
ADDRESS = re.compile(r"(https?|sangdam)://[^\s)]+|[\w.+-]+@[\w-]+(\.[\w-]+)+|(?<!\w)--[a-z-]+")
PLACEHOLDERS = re.compile(r"\{\w+\}|%L?n")
# key names are what the keyboard says, in every language: "Shift+F10", "Esc", "A" (D3)
KEYS = re.compile(
    r"(?<![A-Za-z])(?:(?:Ctrl|Shift|Alt)\+)*(?:PgUp|PgDown|Esc|F\d{1,2}|[A-Z]|(?<=\+)\W)"
    r"(?![A-Za-z])"
)


def english_left(text: str, data: Iterable[str] = ()) -> list[str]:
    """The English words in `text` once data, addresses, mnemonics, placeholders and the
    kept words are taken out."""
    for item in sorted({d for d in data if d}, key=len, reverse=True):
        text = text.replace(item, " ")
    text = ADDRESS.sub(" ", MNEMONIC.sub("", PLACEHOLDERS.sub(" ", text)))
    text = KEYS.sub(" ", text)
    return [w for w in re.findall(r"[A-Za-z]+", text) if w not in KEPT]


def test_the_detector_finds_english_and_lets_data_through() -> None:
    assert english_left("Log out") == ["Log", "out"]
    assert english_left("담당자: Ana", data={"Ana"}) == []
    assert english_left("Sangdam(&S)") == []
    assert english_left("로그인 you@company.com https://x.example") == []
    assert english_left("상담 2개에 {what}") == []
    assert english_left("알림 Paused") == ["Paused"]
    assert english_left("작업 (Shift+F10) Esc A Ctrl+A") == []


# ---- collecting what a widget shows ------------------------------------------------------------


def widget_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a person can read or hear in `root` and its children:
    labels, buttons, placeholders, combo items, menus, actions, titles, tooltips,
    accessible names."""
    out: list[tuple[str, str]] = []

    def add(where: str, *texts: str | None) -> None:
        out.extend((where, t) for t in texts if t)

    for w in [root, *root.findChildren(QWidget)]:
        where = f"{type(w).__name__}#{w.objectName()}"
        add(where, w.windowTitle(), w.toolTip(), w.statusTip(), w.whatsThis())
        add(where, w.accessibleName(), w.accessibleDescription())
        if isinstance(w, QLabel):
            add(where, w.text())
        if isinstance(w, QAbstractButton):
            add(where, w.text())
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
            add(where, w.placeholderText())
        if isinstance(w, QComboBox):
            add(where, *(w.itemText(i) for i in range(w.count())))
        if isinstance(w, QMenu):
            add(where, w.title())
        if isinstance(w, QGroupBox):
            add(where, w.title())
        if isinstance(w, QTabWidget):
            add(where, *(w.tabText(i) for i in range(w.count())))
        if isinstance(w, QListWidget):
            add(where, *(w.item(i).text() for i in range(w.count())))
        for a in w.actions():
            out.extend(action_texts(a, where))
    for a in root.findChildren(QAction):
        out.extend(action_texts(a, "QAction"))
    return out


def action_texts(a: QAction, where: str) -> list[tuple[str, str]]:
    texts = [a.text(), a.toolTip(), a.statusTip(), a.whatsThis()]
    menu = a.menu()
    if isinstance(menu, QMenu):
        texts.append(menu.title())
        for sub in menu.actions():
            texts.extend(t for _w, t in action_texts(sub, where))
    return [(f"{where} action {a.text()!r}", t) for t in texts if t]


def modal_texts(open_it: Callable[[], object]) -> list[tuple[str, str]]:
    """The texts of the modal dialog `open_it` shows (then cancelled)."""
    seen: list[tuple[str, str]] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, look)
            return
        seen.extend(widget_texts(box))
        if isinstance(box, QMessageBox):
            seen.extend(("QMessageBox", t) for t in (box.text(), box.informativeText()))
        box.reject()

    QTimer.singleShot(0, look)
    open_it()
    assert seen, "no dialog came up"
    return seen


# ---- the Korean UI ---------------------------------------------------------------------------


@pytest.fixture
def korean(qapp: QApplication) -> Iterator[None]:
    i18n.install(qapp, "ko")
    try:
        yield
    finally:
        i18n.install(qapp, "en")


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, korean: None) -> Iterator[Ui]:
    path = tmp_path / "cache.sqlite3"
    info = seed_cache(path, 60)
    ui = build_ui(path, account="me@example.test")
    qtbot.addWidget(ui.window)
    ui.window.show()
    qtbot.waitUntil(lambda: ui.window.chat_list.painted)
    ui.info = info  # type: ignore[attr-defined]
    yield ui
    ui.reader.close()


def data_of(ui: Ui) -> set[str]:
    """What the cache holds and the UI shows as it is: names, previews, tags, messages."""
    info: dict[str, Any] = ui.info  # type: ignore[attr-defined]
    data = {"me@example.test", "Me", "Ana", "Ben", "Alpha", "Beta", "Seed"}
    for row in info["chats"]:
        data.add(str(row["last_message_preview"]))
        data.update(str(t) for t in row["tags"])
    for i in range(len(info["chats"])):
        data.add(f"Customer {i}")
    # and what the tests feed in as the server's or the network's words
    return data | {"a reply", "a note", "a refused one", "No such manager to mention.", "timeout"}


def with_messages(ui: Ui) -> str:
    """A chat with a pending reply, a pending internal note and a refused message."""
    info: dict[str, Any] = ui.info  # type: ignore[attr-defined]
    chat_id = ui.chats.ids()[0]
    cache = Cache.open(
        ui.path,
        server_url=str(ui.reader.meta("server_url")),
        workspace_id=str(ui.reader.meta("workspace_id")),
        manager_id=info["me"],
    )
    try:
        sent = []
        for text, kind in (("a reply", "reply"), ("a note", "note"), ("a refused one", "reply")):
            pending, changed = cache.enqueue(
                "send_message",
                {
                    "chat_id": chat_id,
                    "message_id": str(uuid.uuid4()),
                    "kind": kind,
                    "blocks": [{"type": "text", "text": text}],
                },
            )
            sent.append(pending)
            ui.controller.on_changed(changed)
        refused = s.MutationResult(
            mutation_id=sent[-1].mutation_id,
            status="refused",
            error=s.ErrorDetail(code="invalid_value", message="No such manager to mention."),
        )
        _, changed = cache.record_results([refused])
        ui.controller.on_changed(changed)
    finally:
        cache.close()
    return chat_id


def shown_by_the_models(ui: Ui) -> list[tuple[str, str]]:
    """The painted texts: sidebar rows (in every state), chat rows, messages."""
    out: list[tuple[str, str]] = []
    w = ui.window
    for state_row in range(w.state_box.count()):
        w.state_box.setCurrentIndex(state_row)
        for row in range(ui.sidebar.rowCount()):
            index = ui.sidebar.index(row)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                out.append((f"sidebar {index.data(SidebarRoles.KEY)}", str(index.data(role))))
        for row in range(ui.chats.rowCount()):
            item = ui.chats.item(row)
            assert item is not None
            t = w.chat_list.delegate.texts(item)
            out.extend(
                (f"chat row {row}", x)
                for x in (t.name, t.preview, t.time, t.assignee, t.state, *t.tags)
            )
    w.state_box.setCurrentIndex(0)
    delegate = w.conversation.view.delegate
    for row in range(ui.messages.rowCount()):
        shown = delegate.shown(ui.messages.index(row))
        out.extend((f"message {row}", x) for x in (shown.header, shown.text, shown.footer))
    return out


def said_by_the_app() -> list[tuple[str, str]]:
    """Sentences made by functions: status line, login failures, refusals, notifications,
    pauses, languages."""
    out: list[tuple[str, str]] = []
    for phase in Phase:
        for status in (
            Status(phase, chats=1200),
            Status(phase, retry_in=3, waiting=2, send_error="timeout"),
        ):
            out.append(("status line", describe(status)))
    for kind in Failure:
        error = LoginError(kind, detail="", retry_after=30 if kind is Failure.THROTTLED else None)
        out.append(("login failure", failure_text(error, "https://sangdam.example.com")))
    for name in ("send_message", "set_state", "assign", "set_team", "star", "add_tag", "x"):
        for state in ("open", "closed", "snoozed", "?"):
            out.append(("refusal", refusal_text(name, {"state": state}, "")))
    for code in ErrorCode:
        text = error_text(code, "")
        out.append(("error", text))
    reasons = ["mention", "assigned", "snooze_ended", "unassigned", "message"]
    for reason in reasons:
        for first in (True, False):
            entry = {
                "chat_id": "c",
                "message_id": "m",
                "reason": reason,
                "first_message": first,
                "medium": "kakao",
                "preview": "",
                "internal": True,
            }
            note = content.describe([entry, entry])
            out += [("notification", note.title), ("notification", note.body)]
    for n in (1, 2):
        entries = [{"chat_id": str(i), "message_id": str(i)} for i in range(n)]
        entries += [{"chat_id": "x"}] * n
        summary = content.summary(entries)
        out += [("summary", summary.title), ("summary", summary.body)]
    now = datetime.now().astimezone()
    for later in (timedelta(hours=1), timedelta(days=1), timedelta(days=3)):
        out.append(("paused", paused_text(now + later)))
    out += [("language", label) for _code, label in i18n.language_choices()]
    out.append(("language", i18n.restart_notice()))
    return out


def settings_texts(qtbot: Any) -> list[tuple[str, str]]:
    """Every section of the settings dialog, in each state it can show, and its question."""
    state = SettingsState(
        server="https://inbox.example.com",  # an address: data
        email="agent@example.com",
        notify_unassigned=True,
        sound=True,
        language="system",
        autostart=False,
        cache_size=12_345_678,
        cache_path="",
    )
    dialog = SettingsDialog(state)
    qtbot.addWidget(dialog)
    seen = widget_texts(dialog)
    dialog.set_paused(datetime.now().astimezone() + timedelta(hours=1))
    dialog.set_cache_size(None)
    dialog.set_clearing(True, i18n.translate("SettingsDialog", "Clearing the cache…"))
    seen += widget_texts(dialog)
    dialog.language.setCurrentIndex(dialog.language.count() - 1)  # says: restart to apply
    seen += widget_texts(dialog)
    for counts in ((1, 1, 1), (3, 2, 4), (0, 0, 0)):
        dialog.confirm_clear(*counts)
        assert dialog.question is not None
        seen += widget_texts(dialog.question)
        seen += [("clear?", dialog.question.text()), ("clear?", dialog.question.informativeText())]
        dialog.question.reject()
    demo = SettingsDialog(replace(state, can_log_out=False, can_restart=False))
    qtbot.addWidget(demo)
    seen += widget_texts(demo)
    return seen


def test_the_korean_ui_shows_no_english_but_data(qtbot: Any, window: Ui) -> None:
    ui, w = window, window.window
    data = data_of(ui)
    chat_id = with_messages(ui)
    w.chat_list.select_chat(chat_id)
    qtbot.waitUntil(lambda: ui.messages.chat_id == chat_id)
    seen: list[tuple[str, str]] = []
    for note in (False, True):  # both composer modes
        w.conversation.composer.set_note(note)
        seen += widget_texts(w)
    w.set_paused(datetime.now().astimezone() + timedelta(hours=1))
    w.show_alert(refusal_text("set_state", {"state": "closed"}, error_text("stale_value", "")))
    w.status_line.set_status(Status(Phase.OFFLINE, retry_in=5, waiting=3))
    w.show_chat(str(uuid.uuid4()))  # gone meanwhile: a banner says so
    seen += widget_texts(w)
    state = ui.chats.item(ui.chats.row_of(chat_id) or 0)
    assert state is not None
    for chat_state in ("closed", "snoozed", "open"):  # the header's buttons in each state
        w.conversation.show_header(replace(state, chat={**state.chat, "state": chat_state}))
        seen += widget_texts(w.conversation)
    seen += shown_by_the_models(ui)
    seen += modal_texts(w.confirm_logout)

    tray = Tray()
    for count in (0, 1, 5):
        tray.set_count(count)
        seen.append(("tray tooltip", tray.tooltip()))
    tray.set_paused(datetime.now().astimezone() + timedelta(hours=1))
    seen.append(("tray tooltip", tray.tooltip()))
    seen += widget_texts(tray.menu)
    tray.hide()

    dialog = LoginDialog("", "", message=failure_text(LoginError(Failure.EXPIRED)))
    qtbot.addWidget(dialog)
    seen += widget_texts(dialog)
    dialog.set_busy(True)
    seen += widget_texts(dialog)
    dialog.set_busy(False)
    dialog._submit()  # nothing typed: it says what is missing
    seen += widget_texts(dialog)

    seen += settings_texts(qtbot)
    seen += said_by_the_app()

    english = {(where, text): english_left(text, data) for where, text in seen}
    english = {k: v for k, v in english.items() if v}
    assert not english, "\n".join(
        f"{where}: {text!r} -> {words}" for (where, text), words in english.items()
    )
    # and the walk really read the window: Korean words from every part
    texts = {t for _w, t in seen}
    for korean_text in (
        "전체",
        "담당자 없음",
        "내부 대화",
        "로그아웃",
        "취소",
        "알림(&N)",
        "전송",
        "캐시 지우기",
    ):
        assert any(korean_text in t for t in texts), korean_text


def test_every_korean_translation_is_korean() -> None:
    """Strings shown only on some paths (the demo's splash, a refused login) are still
    Korean: no translation in sangdam_ko.ts is English."""
    tools = update_script()
    english = [
        f"{m.context}: {m.source!r} -> {form!r}"
        for m in tools.read(tools.ts_path("ko"))
        for form in m.forms
        if m.comment != "a QLocale date format" and english_left(form)
    ]
    assert not english, "\n".join(english)


# ---- the files: complete, up to date, compiled ----------------------------------------------


def update_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "installer" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_translations"] = module
    spec.loader.exec_module(module)
    return module


def test_the_translations_are_complete_up_to_date_and_compiled() -> None:
    tools = update_script()
    assert tools.check() == []
    for code in ("ko", "en"):
        messages = tools.read(tools.ts_path(code))
        assert len(messages) > 100  # every string of the UI, not a handful


def test_the_check_finds_unfinished_vanished_stale_and_uncompiled_entries(tmp_path: Path) -> None:
    tools = update_script()
    folder = tmp_path / "translations"
    shutil.copytree(tools.FOLDER, folder)
    ts, qm = tools.ts_path("ko", folder), tools.qm_path("ko", folder)
    assert tools.translation_problems(ts, "ko") == []
    assert tools.compiled_problems(ts, qm) == []
    original = ts.read_text(encoding="utf-8")

    # an entry left unfinished, and one the code no longer has (vanished)
    ts.write_text(
        original.replace(
            "<translation>로그아웃</translation>",
            '<translation type="unfinished">로그아웃</translation>',
            1,
        ).replace(
            "<translation>전송</translation>", '<translation type="vanished">전송</translation>', 1
        ),
        encoding="utf-8",
    )
    problems = tools.translation_problems(ts, "ko")
    assert any(p.startswith("unfinished:") and "Log out" in p for p in problems), problems
    assert any(p.startswith("vanished:") and "Send" in p for p in problems), problems

    # a placeholder lost in translation
    ts.write_text(original.replace("담당자: {name}", "담당자: 이름"), encoding="utf-8")
    assert any("placeholders" in p for p in tools.translation_problems(ts, "ko"))

    # a .ts edited without compiling: the .qm is no longer its compiled form
    ts.write_text(original.replace("로그아웃했습니다.", "로그아웃되었습니다."), encoding="utf-8")
    assert tools.compiled_problems(ts, qm) == [f"{qm.name} is not compiled from {ts.name}"]

    # a string in the code the .ts does not have yet, and one only the .ts has
    tree = ET.parse(tools.ts_path("ko"))
    for context in tree.getroot().iter("context"):
        for message in context.findall("message"):
            if message.findtext("source") == "Opening the inbox…":
                context.remove(message)
                source = message.find("source")
                assert source is not None
                source.text = "A string the code never had"
                context.append(message)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    stale = tools.stale_entries(ts, "ko")
    assert "not extracted yet: StatusLine: 'Opening the inbox…'" in stale, stale
    assert "no longer in the code: StatusLine: 'A string the code never had'" in stale, stale


def test_english_has_singular_and_plural_forms(qapp: QApplication) -> None:
    i18n.install(qapp, "en")
    assert content.summary([{"chat_id": "a", "message_id": "1"}]).body == "1 new message in 1 chat"
    body = content.summary([{"chat_id": str(i), "message_id": str(i)} for i in range(3)]).body
    assert body == "3 new messages in 3 chats"
    assert i18n.translate("Tray", "Sangdam: %Ln unread chats", None, 1) == "Sangdam: 1 unread chat"


# ---- which language, and its formats ------------------------------------------------------------


@pytest.mark.parametrize(
    ("preference", "system", "language", "locale"),
    [
        ("system", "ko_KR", "ko", "ko_KR"),
        ("system", "en_US", "en", "en_US"),
        ("system", "en_GB", "en", "en_GB"),  # the system's own region formats are kept
        ("system", "ja_JP", "en", "en_US"),  # no Japanese translation: English
        ("en", "ko_KR", "en", "en_US"),  # the agent's choice wins
        ("ko", "en_US", "ko", "ko_KR"),
    ],
)
def test_the_language_follows_the_system_unless_chosen(
    qapp: QApplication, preference: str, system: str, language: str, locale: str
) -> None:
    try:
        got = i18n.install(qapp, preference, system=QLocale(system))
        assert (i18n.running_language(), got.name(), QLocale().name()) == (language, locale, locale)
        logout = {"ko": "로그아웃", "en": "Log out"}[language]
        assert i18n.translate("MainWindow", "Log out") == logout
        assert (
            QApplication.translate("QPlatformTheme", "Cancel")
            == {"ko": "취소", "en": "Cancel"}[language]
        )
    finally:
        i18n.install(qapp, "en")


def run_app(tmp_path: Path, lang: str, saved: str | None) -> str:
    """A real start (`desktop.app.make_app`) under a system language, with a saved
    preference or none: which words and formats it chose."""
    config = tmp_path / f"config-{lang}-{saved}"
    if saved is not None:
        Settings(config).set_language(saved)
    code = (
        "from desktop.app import make_app\n"
        "from PySide6.QtCore import QLocale\n"
        "from desktop.i18n import translate\n"
        "app = make_app()\n"
        "print(translate('Sidebar', 'Unassigned'), QLocale().name(), QLocale().toString(1234))\n"
    )
    env = {
        **os.environ,
        "LANG": lang,
        "LC_ALL": lang,
        "LANGUAGE": "",
        "SANGDAM_CONFIG_DIR": str(config),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_a_start_under_a_korean_system_is_korean_unless_english_was_chosen(tmp_path: Path) -> None:
    assert run_app(tmp_path, "ko_KR.UTF-8", None) == "담당자 없음 ko_KR 1,234"
    assert run_app(tmp_path, "en_US.UTF-8", None) == "Unassigned en_US 1,234"
    assert run_app(tmp_path, "ko_KR.UTF-8", "en") == "Unassigned en_US 1,234"
    assert run_app(tmp_path, "en_US.UTF-8", "ko") == "담당자 없음 ko_KR 1,234"


def test_choosing_a_language_saves_it_and_says_when_it_applies(
    qapp: QApplication, tmp_path: Path
) -> None:
    settings = Settings(tmp_path)
    assert settings.language() == "system"
    assert i18n.choose(settings, "ko") is True  # the UI shows English now: restart
    assert settings.language() == "ko"
    assert i18n.choose(settings, "en") is False
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        i18n.choose(settings, "fr")
    assert settings.language() == "en"


def test_times_dates_and_numbers_follow_the_language(qapp: QApplication) -> None:
    now = datetime(2026, 12, 6, 15, 5).astimezone()  # 15:05 on the agent's clock
    earlier = now.replace(hour=9, minute=30)
    try:
        i18n.install(qapp, "ko", system=QLocale("ko_KR"))
        assert short_time(earlier.isoformat(), now) == "오전 9:30"
        assert short_time(now.isoformat(), now) == "오후 3:05"
        assert short_time((now - timedelta(days=1)).isoformat(), now) == "어제"
        assert short_time((now - timedelta(days=20)).isoformat(), now) == "11월 16일"
        assert short_time(datetime(2025, 3, 4, 12).astimezone().isoformat(), now) == "25. 3. 4."
        assert number(1234567) == "1,234,567"
        assert paused_text(now + timedelta(days=1), now) == "내일 오후 3:05까지 알림 일시 중지"
        assert paused_text(now + timedelta(days=3), now) == "수요일 오후 3:05까지 알림 일시 중지"
        assert describe(Status(Phase.BOOTSTRAPPING, chats=1200)) == "상담을 불러오는 중… 1,200"

        i18n.install(qapp, "en", system=QLocale("en_US"))
        assert re.fullmatch(r"9:30\sAM", short_time(earlier.isoformat(), now))
        assert short_time((now - timedelta(days=1)).isoformat(), now) == "Yesterday"
        assert short_time((now - timedelta(days=20)).isoformat(), now) == "Nov 16"
        assert short_time(datetime(2025, 3, 4, 12).astimezone().isoformat(), now) == "3/4/25"
        assert number(1234567) == "1,234,567"
        assert paused_text(now + timedelta(days=1), now) == (
            "Notifications paused until tomorrow 3:05\u202fPM"
        )
    finally:
        i18n.install(qapp, "en")


def test_every_translated_text_is_a_literal_lupdate_can_see() -> None:
    """pyside6-lupdate reads `translate("Context", "text")` calls in the source; a helper
    that passes a variable (`def _tr(text): return translate("X", text)`) hides every
    string behind it from extraction, and they would never be translated."""
    import ast

    hidden = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            texts = {"translate": 2, "tr": 1}.get(name, 0)
            if (
                texts
                and len(node.args) >= texts
                and not all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str)
                    for a in node.args[:texts]
                )
            ):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not hidden, f"translate() with a text lupdate cannot read: {hidden}"
