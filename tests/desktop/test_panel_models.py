"""The side panel's models (SPEC P5-P7) over a seeded cache: pytest-qt's model tester on
every list, also while random feed batches (page visits, messages, other chats of the
customer, profile changes) are applied and told to the panel's data."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bench.panel_shots import enrich
from bench.screenshots import seed
from desktop.models.panel import PanelData, PanelRows
from desktop.sync.cache import Cache
from desktop.sync.reads import CacheReader


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    path = tmp_path / "cache.sqlite3"
    now = datetime.now(UTC)
    chat_id = seed(path, "en", now)
    enrich(path, chat_id, "en", now)
    yield path, chat_id


def test_the_panel_lists_pass_the_model_tester_under_random_feed_updates(
    qtmodeltester: Any, seeded: tuple[Path, str]
) -> None:
    # covers: P5, P6, P7
    path, chat_id = seeded
    reader = CacheReader(path)
    try:
        data = PanelData(reader)
        item = _item(reader, chat_id)
        data.set_chat(item)
        lists: list[PanelRows] = [data.visits, data.previous, data.sent, data.files]
        assert [m.rowCount() for m in lists] == [3, 2, 1, 2]
        for model in lists:
            qtmodeltester.check(model)
        assert data.customer["profile"]["plan"] == "Gold"

        me = reader.me
        ws = str(reader.meta("workspace_id") or "")
        customer_id = str(item.chat["customer_id"])
        rng = random.Random(15)
        seq = 1_000
        now = datetime.now(UTC)
        cache = Cache.open(path, server_url="http://demo.invalid", workspace_id=ws, manager_id=me)
        try:
            expected_visits = 3
            for _round in range(25):
                changes: list[dict[str, Any]] = []
                for _ in range(rng.randint(1, 4)):
                    seq += 1
                    kind = rng.choice(["visit", "link", "file", "chat", "profile", "bot"])
                    at = (now + timedelta(seconds=seq)).isoformat()
                    if kind == "visit":
                        expected_visits += 1
                        data_ = {"id": str(uuid.uuid4()), "customer_id": customer_id,
                                 "chat_id": chat_id, "url": f"https://x.example/{seq}",
                                 "title": f"Page {seq}", "visited_at": at}  # fmt: skip
                        changes.append(_entry(seq, "page_visit", data_))
                    elif kind in ("link", "file", "bot"):
                        block: dict[str, Any] = (
                            {"type": "text", "text": f"see https://l.example/{seq}"}
                            if kind != "file"
                            else {"type": "files", "files": [{"id": str(uuid.uuid4()),
                                  "name": f"f{seq}.txt", "size": seq,
                                  "content_type": "text/plain"}]}
                        )  # fmt: skip
                        if kind == "bot":
                            block = {"type": "text", "text": f"follow-up {seq}"}
                        msg = {"id": str(uuid.uuid4()), "chat_id": chat_id, "seq": seq,
                               "author_kind": "bot" if kind == "bot" else "customer",
                               "author_id": None, "kind": "reply", "blocks": [block],
                               "created_at": at, "customer_read_at": None,
                               "delivered_at": None}  # fmt: skip
                        changes.append(_entry(seq, "message", msg))
                    elif kind == "chat":
                        other = {
                            **item.chat,
                            "id": str(uuid.uuid4()),
                            "state": "closed",
                            "last_message_at": at,
                            "last_message_preview": f"c{seq}",
                        }
                        changes.append(_entry(seq, "chat", other))
                    else:
                        customer = reader.customer(customer_id) or {}
                        profile = {**customer.get("profile", {}), "orders": seq}
                        changes.append(_entry(seq, "customer", {**customer, "profile": profile}))
                changed = cache.apply_changes(changes, seq)
                data.apply_changes(changed)
            assert data.visits.rowCount() == min(expected_visits, 50)
            newest = data.visits.row(0)
            assert newest is not None and newest.title.startswith("Page ")
            for model in lists:  # still consistent after all that
                qtmodeltester.check(model)
        finally:
            cache.close()
    finally:
        reader.close()


def _entry(seq: int, entity: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"seq": seq, "entity": entity, "id": data["id"], "op": "upsert", "data": data}


def _item(reader: CacheReader, chat_id: str) -> Any:
    from desktop.sync.panel_reads import customer_chats

    chat = reader.chat(chat_id)
    assert chat is not None
    [item] = [c for c in customer_chats(reader, str(chat["customer_id"])) if c.id == chat_id]
    return item


def test_folded_sections_fields_and_width_are_remembered_per_manager(
    qtbot: Any, seeded: tuple[Path, str]
) -> None:
    # covers: P4
    from desktop.controller.panel import PanelController
    from desktop.controller.ui import build_ui

    path, chat_id = seeded

    def window() -> Any:
        ui = build_ui(path)
        ui.window.resize(1700, 950)
        ui.window.show()
        assert ui.window.show_chat(chat_id)
        qtbot.waitUntil(lambda: ui.window.conversation.panel.isVisible())
        return ui

    ui = window()
    pane = ui.window.conversation
    panel = pane.panel
    assert panel.sections["events"].body.isVisible()
    assert panel.sections["events"].open
    panel.sections["events"].head.click()  # fold it
    assert not panel.sections["events"].body.isVisible()
    panel.show_field("plan", False)
    total = sum(pane.splitter.sizes())
    pane.splitter.setSizes([total - 360, 360])
    pane.splitter.splitterMoved.emit(total - 360, 1)  # as a drag of the handle says
    [controller] = ui.window.findChildren(PanelController)
    controller.flush()
    ui.window.close()
    ui.close()
    # the file beside this manager's cache file
    stored = (path.parent / (path.name + ".panel.json")).read_text()
    assert '"events"' in stored and '"plan"' not in stored

    ui = build_ui(path)  # a narrow window first: the panel is hidden
    ui.window.resize(1200, 900)
    ui.window.show()
    assert ui.window.show_chat(chat_id)
    qtbot.waitUntil(lambda: not ui.window.conversation.panel.isVisible())
    ui.window.resize(1700, 950)  # wide now: it shows, at its width
    qtbot.waitUntil(lambda: ui.window.conversation.panel.isVisible())
    panel = ui.window.conversation.panel
    try:
        qtbot.waitUntil(lambda: ui.window.conversation.splitter.sizes()[1] == 360)
        assert not panel.sections["events"].open
        assert not panel.sections["events"].body.isVisible()
        assert "plan" not in panel.profile_edits and "email" in panel.profile_edits
        assert ui.window.conversation.splitter.sizes()[1] == 360
    finally:
        ui.window.close()
        ui.close()
