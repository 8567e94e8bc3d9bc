"""The composer on real widgets over a real cache file (SPEC M2-M7): the `@`, `#` and
`:` popups opened, narrowed and completed from the keyboard with the focus kept in the
editor; mentions found in the text; a macro's variables filled in; the link button and
form dialogs' blocks; the macro dialog with and without the permission; a Hangul input
method's Enter; every new model through qtmodeltester."""

# covers: M2, M3, M4, M5, M6, M7

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.models.completions import (
    MACRO,
    MENTION,
    CompletionModel,
    CompletionSource,
    emoji_items,
    fill_variables,
)
from desktop.models.directory import Directory
from desktop.sync.reads import CacheReader
from desktop.views.compose_dialogs import FormBuilderDialog, LinkButtonDialog, MacroDialog
from desktop.views.composer import Composer, trigger_at
from protocol import schemas as s
from tests.desktop.composer_support import add_reference
from tests.desktop.support import seed_cache


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, Any]]:
    path = tmp_path / "cache.db"
    info = seed_cache(path, 3)
    info.update(add_reference(path, info, macros=5))
    reader = CacheReader(path)
    directory = Directory(reader)
    source = CompletionSource(reader, directory)
    info.update(path=path, reader=reader, directory=directory, source=source)
    yield info
    reader.close()


@pytest.fixture
def composer(qtbot: Any, world: dict[str, Any]) -> Composer:
    c = Composer()
    qtbot.addWidget(c)
    c.resize(640, 200)
    c.set_source(world["source"])
    c.set_available(True)
    c.set_chat(world["chats"][0]["id"])
    c.show()
    qtbot.waitExposed(c)
    c.activateWindow()
    c.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is c.edit)
    return c


def hangul(c: Composer, text: str) -> None:
    """Korean typed through an input method: committed text (QTest types Latin-1 only)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(c.edit, event)


def labels(c: Composer) -> list[str]:
    m = c.popup.model
    return [str(m.index(r, 0).data()) for r in range(m.rowCount())]


def test_at_offers_teams_and_managers_narrows_and_completes_from_the_keyboard(
    qtbot: Any, composer: Composer, world: dict[str, Any]
) -> None:
    qtbot.keyClicks(composer.edit, "hi @")
    assert composer.popup.isVisible()
    assert composer.popup.trigger == MENTION
    assert {"Alpha", "Beta", "Ana", "Ben", "Me"} <= set(labels(composer))
    qtbot.keyClicks(composer.edit, "b")
    assert labels(composer) == ["Ben", "Beta"]  # shorter names first
    qtbot.keyClick(composer.edit, Qt.Key.Key_Down)
    assert composer.popup.current().label == "Beta"  # type: ignore[union-attr]
    qtbot.keyClick(composer.edit, Qt.Key.Key_Up)
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert composer.edit.toPlainText() == "hi @Ben "
    assert not composer.popup.isVisible()
    assert QApplication.focusWidget() is composer.edit
    # Tab takes the row too; the text's mentions are what the message carries (M2)
    qtbot.keyClicks(composer.edit, "and @alp")
    assert labels(composer) == ["Alpha"]
    qtbot.keyClick(composer.edit, Qt.Key.Key_Tab)
    assert composer.edit.toPlainText() == "hi @Ben and @Alpha "
    assert QApplication.focusWidget() is composer.edit
    assert composer.mentions() == {
        "manager_ids": [world["ben"]],
        "team_ids": [world["teams"][0]],
    }
    assert composer.mentions("write to me@Ben.kr or @Bene") is None
    # the popup took Enter: nothing was sent
    sent: list[tuple[str, bool]] = []
    composer.sendRequested.connect(lambda text, note: sent.append((text, note)))
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == [("hi @Ben and @Alpha ", False)]


def test_escape_closes_the_popup_until_the_word_changes(qtbot: Any, composer: Composer) -> None:
    qtbot.keyClicks(composer.edit, "@a")
    assert composer.popup.isVisible()
    qtbot.keyClick(composer.edit, Qt.Key.Key_Escape)
    assert not composer.popup.isVisible()
    qtbot.keyClicks(composer.edit, "n")
    assert not composer.popup.isVisible()  # the same word: it stays closed
    qtbot.keyClicks(composer.edit, " @")
    assert composer.popup.isVisible()
    # nothing matching says so, and Enter then is the agent's own
    qtbot.keyClicks(composer.edit, "zzz")
    assert labels(composer) == [] and composer.popup.empty.isVisible()


def test_hash_inserts_a_macro_with_its_variables_filled_in(
    qtbot: Any, composer: Composer, world: dict[str, Any]
) -> None:
    qtbot.keyClicks(composer.edit, "#")
    assert composer.popup.trigger == MACRO
    assert len(labels(composer)) == 5
    hangul(composer, "인사")
    assert labels(composer) == ["인사"]
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    # {customer.name} is the open chat's customer; an unknown variable stays
    assert composer.edit.toPlainText() == (
        "안녕하세요 Customer 0님, 상담사 Me입니다. {unknown.var}"
    )
    assert fill_variables("{customer.name}", {}) == "{customer.name}"


def test_colon_and_a_letter_offer_emoji_in_english_and_korean(
    qtbot: Any, composer: Composer
) -> None:
    qtbot.keyClicks(composer.edit, "10:30")  # a time is not an emoji
    assert not composer.popup.isVisible()
    qtbot.keyClicks(composer.edit, " :")
    assert not composer.popup.isVisible()  # ":" alone waits for a letter
    qtbot.keyClicks(composer.edit, "thumbs")
    assert composer.popup.isVisible()
    assert labels(composer)[0].startswith("👍")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Tab)
    assert composer.edit.toPlainText() == "10:30 👍"
    qtbot.keyClicks(composer.edit, " :")
    hangul(composer, "좋아")
    assert labels(composer)[0].startswith("👍")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert composer.edit.toPlainText() == "10:30 👍 👍"
    # the emoji button starts one where the cursor is
    composer.emoji_button.click()
    assert composer.popup.isVisible() and composer.edit.toPlainText().endswith(" :")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Escape)
    assert not composer.popup.isVisible()


def test_trigger_rules() -> None:
    assert trigger_at("hello @an") == ("@", 6, "an")
    assert trigger_at("mail@host") is None  # not at a word's start
    assert trigger_at("#") == ("#", 0, "")
    assert trigger_at("at 10:30") is None
    assert trigger_at(":)") is None
    assert trigger_at("(:smi") == (":", 1, "smi")
    assert trigger_at("@an x") is None  # the word ended


def test_a_hangul_syllable_committed_with_enter_does_not_send(
    qtbot: Any, composer: Composer
) -> None:
    sent: list[str] = []
    composer.sendRequested.connect(lambda text, _note: sent.append(text))
    for preedit in ("ㅎ", "하", "한"):  # composing: Enter belongs to the input method
        QApplication.sendEvent(composer.edit, QInputMethodEvent(preedit, []))
    assert composer.edit.preedit == "한"
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == []
    commit = QInputMethodEvent("", [])
    commit.setCommitString("한")
    QApplication.sendEvent(composer.edit, commit)
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)  # the Enter that committed it
    assert sent == [] and composer.edit.toPlainText() == "한"
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)  # a second Enter sends
    assert sent == ["한"]
    # Shift+Enter breaks the line, never sends
    composer.send_saved(composer._chat_id or "")
    qtbot.keyClicks(composer.edit, "a")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert composer.edit.toPlainText() == "a\n" and sent == ["한"]


def test_models_pass_qtmodeltester(qtmodeltester: Any, world: dict[str, Any]) -> None:
    model = CompletionModel()
    model.set_items(world["source"].items(MENTION))
    qtmodeltester.check(model)
    model.set_items(emoji_items())
    for q in ("", "heart", "하트", "zzzz"):
        model.set_query(q)
        qtmodeltester.check(model)
    model.set_items(world["source"].items(MACRO))
    qtmodeltester.check(model)


def test_the_model_stays_sound_under_random_updates(
    qtmodeltester: Any, world: dict[str, Any]
) -> None:
    rng = random.Random(15)
    people = list(world["source"].items(MENTION))
    pool = people + list(world["source"].items(MACRO)) + list(emoji_items()[:300])
    model = CompletionModel()
    qtmodeltester.check(model)  # and it keeps checking on every change below
    for _ in range(60):
        if rng.random() < 0.3:
            model.set_items(rng.sample(pool, rng.randint(0, len(pool))))
        else:
            model.set_query(rng.choice(["", "a", "an", "ana", "s", "sm", "매", "x", "하트"]))
        assert model.rowCount() <= 100
    qtmodeltester.check(model)


def test_link_button_dialog_gives_a_valid_block(qtbot: Any) -> None:
    d = LinkButtonDialog()
    qtbot.addWidget(d)
    ok = d.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    d.text.setText("주문 조회")
    d.url.setText("shop.example")
    assert not ok.isEnabled() and d.error.text()
    d.url.setText("https://shop.example/orders?id=1")
    d.swatches[1].click()
    assert ok.isEnabled()
    block = d.block()
    assert s.ButtonBlock.model_validate(block).color == "#12a150"
    assert block["url"] == "https://shop.example/orders?id=1" and block["text"] == "주문 조회"


def test_form_builder_gives_fields_saved_to_the_profile(qtbot: Any, world: dict[str, Any]) -> None:
    d = FormBuilderDialog(world["source"].profile_fields())
    qtbot.addWidget(d)
    ok = d.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # the first field has no question yet
    first = d.rows[0]
    first.profile.setCurrentIndex(first.profile.findData("age"))
    assert first.label.text() == "Age" and first.type.currentData() == "number"
    d.add_field("동의하십니까?", "boolean")
    assert ok.isEnabled()
    form = s.FormBlock.model_validate(d.block())
    assert [(f.key, f.type.value, f.profile_key) for f in form.fields] == [
        ("age", "number", "age"),
        ("field_2", "boolean", None),
    ]
    d.add_field("Again", profile_key="age")
    assert not ok.isEnabled() and "same profile field" in d.error.text()


def test_macro_dialog_needs_the_permission(
    qtbot: Any, world: dict[str, Any], tmp_path: Path
) -> None:
    d = MacroDialog(world["source"])
    qtbot.addWidget(d)
    assert d.model.rowCount() == 5
    assert not d.new_button.isEnabled() and "permission" in d.save_button.toolTip()
    assert d.name.isReadOnly()
    d.list.setCurrentIndex(d.model.index(0, 0))
    assert d.insert_button.isEnabled()  # anyone may insert
    # granted (the feed brings my row): the buttons come alive
    add_reference(world["path"], world, macros=0, me_permissions=["manage_macros"], cursor=200_000)
    world["directory"].reload()
    world["source"].reload()
    world["source"].changed.emit()
    assert d.new_button.isEnabled() and not d.name.isReadOnly()
    saved: list[tuple[str, str, str]] = []
    d.saveRequested.connect(lambda *a: saved.append(a))
    d.new_macro()
    d.name.setText("감사")
    d.body.setPlainText("감사합니다 {customer.name}님")
    d.save_button.click()
    assert saved == [("", "감사", "감사합니다 {customer.name}님")]
    assert d.name.text() == ""  # ready for the next one
    d.filter.setText("인사")
    assert d.model.rowCount() == 1


def test_deleting_a_macro_asks_first(qtbot: Any, world: dict[str, Any]) -> None:
    add_reference(world["path"], world, macros=0, me_permissions=["manage_macros"], cursor=200_000)
    world["directory"].reload()
    world["source"].reload()
    d = MacroDialog(world["source"])
    qtbot.addWidget(d)
    deleted: list[str] = []
    d.deleteRequested.connect(deleted.append)
    d.list.setCurrentIndex(d.model.index(0, 0))
    name = d.name.text()
    assert name and d.delete_button.isEnabled()

    d.delete_button.click()
    box = d.confirmation
    assert box is not None and box.isVisible() and deleted == []
    assert name in box.informativeText()
    box.reject()  # Escape / Cancel: nothing is deleted
    assert deleted == []

    d.delete_button.click()
    box = d.confirmation
    assert box is not None
    [ok] = [b for b in box.buttons() if b.objectName() == "confirmButton"]
    ok.click()
    assert len(deleted) == 1 and deleted[0]
