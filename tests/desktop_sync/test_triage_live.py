"""Triage in the sync engine against a real server (issue 14): search from the cache as
you type and from the server beyond it, bulk actions through the outbox with a result
per chat (one refused among 300, offline then back), mark unread, my seat and away
switches, and My sessions following the server. One server for the module; each test
makes its own chats and its own cache."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.sync.bulk import ChatOutcome
from desktop.sync.cache import Cache
from desktop.sync.engine import SyncEngine
from desktop.sync.status import Phase
from protocol.errors import ErrorCode
from tests.desktop_sync.support import (
    FAST,
    WAIT,
    Login,
    Recorder,
    eventually,
    login,
    open_cache,
    push_as,
)
from tests.desktop_sync.uploads_support import Served, serve
from tests.support.databases import SqliteTemplates
from tests.support.world import start_chat

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def served(
    _sqlite_templates: SqliteTemplates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """One server for the module (starting one is the slow part); chats per test."""
    s = serve(_sqlite_templates.new_database(), tmp_path_factory.mktemp("log") / "server.log")
    yield s
    s.server.stop()


class Switch(httpx.AsyncBaseTransport):
    """The app's network, which the test can turn off: new requests then fail as with
    no connection (the feed's open WebSocket stays up; the pushes are what matter)."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.offline = False
        self.refused = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.offline:
            self.refused += 1
            raise httpx.ConnectError("offline (the test's switch)", request=request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


@dataclass
class App:
    engine: SyncEngine
    cache: Cache
    rec: Recorder
    net: Switch
    client: httpx.AsyncClient  # the test's own: the server's view and other managers
    who: Login


@asynccontextmanager
async def running(served: Served, folder: Path, **options: Any) -> AsyncIterator[App]:
    """Ana's engine on a switchable network, started and bootstrapped."""
    net = Switch()
    async with (
        httpx.AsyncClient(base_url=served.server.url, timeout=WAIT) as client,
        httpx.AsyncClient(base_url=served.server.url, timeout=WAIT, transport=net) as app_client,
    ):
        ana = await login(client, "ana")
        cache = open_cache(folder, served.server, ana)
        rec = Recorder()
        engine = SyncEngine(
            cache,
            ana.token,
            client=app_client,
            on_changed=rec.on_changed,
            on_status=rec.on_status,
            on_refused=rec.on_refused,
            on_unauthorized=rec.on_unauthorized,
            backoff=FAST,
            **options,
        )
        await engine.start()
        try:
            await eventually(lambda: rec.phase is Phase.ONLINE, "online", within=60)
            yield App(engine, cache, rec, net, client, ana)
        finally:
            await engine.stop()
            cache.close()


async def new_chats(served: Served, client: httpx.AsyncClient, n: int, text: str) -> list[str]:
    ids: list[str] = []
    for i in range(0, n, 10):
        made = await asyncio.gather(
            *(start_chat(client, served.world, f"{text} {j}") for j in range(i, min(n, i + 10)))
        )
        ids += [c["chat_id"] for c in made]
    return ids


def state_of(cache: Cache, chat_id: str) -> str:
    chat = cache.reads.chat(chat_id)
    assert chat is not None, chat_id
    return str(chat["state"])


def highlighted(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[a:b] for a, b in spans]


# ---- search (L5) --------------------------------------------------------------------------


async def test_search_finds_korean_substrings_names_tags_and_chats_beyond_the_cache(
    served: Served, tmp_path: Path
) -> None:
    # covers: L5
    async with httpx.AsyncClient(base_url=served.server.url, timeout=WAIT) as client:
        # Written before the app's bootstrap, which brings chats, not their messages:
        # this text is only on the server.
        old = await start_chat(
            client, served.world, "지난달 주문 반품접수 했어요", name="오래된 고객"
        )
    async with running(served, tmp_path) as app:
        eng, cache = app.engine, app.cache
        assert cache.reads.chat(old["chat_id"]) is not None
        new = await start_chat(app.client, served.world, "배송조회 부탁드립니다", name="박서연")
        cid = new["chat_id"]
        await eventually(lambda: bool(cache.reads.messages(cid)), "the new chat's message")

        # Two characters: the bounded LIKE path; '배송' inside '배송조회'.
        [hit] = [r for r in eng.search("배송") if r.id == cid]
        assert hit.field == "message" and hit.source == "cache"
        assert highlighted(hit.text, hit.spans) == ["배송"]
        assert hit.message_id == cache.reads.messages(cid)[0].id
        assert hit.item.customer_name == "박서연"  # the list line comes with it
        # Three and more: the trigram index.
        [hit] = [r for r in eng.search("배송조") if r.id == cid]
        assert highlighted(hit.text, hit.spans) == ["배송조"]
        assert [r.id for r in eng.search("배송조회 부탁")] == [cid]  # every term, one text
        # A customer by part of the name, in Korean and across cases in Latin script.
        [hit] = [r for r in eng.search("서연") if r.id == cid]
        assert (hit.field, hit.text, highlighted(hit.text, hit.spans)) == (
            "name",
            "박서연",
            ["서연"],
        )
        # A tag, as soon as the agent adds it (the optimistic row is indexed too).
        await eng.add_tag(cid, "긴급배송")
        assert [(r.id, r.field, r.text) for r in eng.search("긴급배")] == [(cid, "tag", "긴급배송")]
        # Scoped like the lists: the state, the section.
        assert cid not in [r.id for r in eng.search("배송조", state="closed")]
        assert cid in [r.id for r in eng.search("배송조", state="open", section="unassigned")]
        assert eng.search("배송조", section="starred") == []

        # Beyond the cache: its messages never came, the server's search finds them.
        assert old["chat_id"] not in [r.id for r in eng.search("반품접수")]
        results, cursor = await eng.search_server("반품접수")
        [hit] = [r for r in results if r.id == old["chat_id"]]
        assert hit.source == "server" and hit.field == "message"
        assert highlighted(hit.text, hit.spans) == ["반품접수"]
        assert hit.item.customer_name == "오래된 고객"  # the cache's line for it
        assert cursor is None
        assert cache.reads.chat(old["chat_id"]) is not None  # it opens from the cache


# ---- bulk actions (L2) ----------------------------------------------------------------------


async def test_closing_300_chats_at_once_reports_the_one_refused_with_its_reason(
    served: Served, tmp_path: Path
) -> None:
    # covers: L2
    async with httpx.AsyncClient(base_url=served.server.url, timeout=WAIT) as client:
        ids = await new_chats(served, client, 300, "bulk close")
        ben = await login(client, "ben")
    async with running(served, tmp_path, autopush=False) as app:
        eng, cache = app.engine, app.cache
        assert all(state_of(cache, i) == "open" for i in ids)

        result = await eng.bulk("set_state", ids, state="closed")
        # Shown at once, before anything is sent: every chat closed, none answered yet.
        assert all(state_of(cache, i) == "closed" for i in ids)
        assert result.pending == ids and not result.complete
        assert cache.reads.waiting() == 300

        # Meanwhile another agent snoozes one of them: the agent's close of that chat is
        # now based on a state that is gone, and the server refuses it (stale value).
        victim = ids[137]
        until = (datetime.now(UTC) + timedelta(days=1)).isoformat()
        snoozed = await push_as(
            app.client,
            ben,
            "set_state",
            chat_id=victim,
            state="snoozed",
            expected_state="open",
            snooze_until=until,
        )
        assert snoozed["status"] == "applied"
        heard: list[ChatOutcome] = []
        result.watch(heard.append)

        eng.push_now()
        outcomes = await asyncio.wait_for(result.finished(), 90)
        assert [o.chat_id for o in outcomes] == ids
        assert sorted(o.chat_id for o in heard) == sorted(ids)  # each told as it came
        [(refused_id, error)] = result.refused.items()
        assert refused_id == victim and error.code == ErrorCode.STALE_VALUE
        assert error.message == "The chat's state was changed by someone else meanwhile."
        assert len(result.done) == 299 and result.pending == []
        # The refused chat alone is rolled back: it shows what the server has.
        await eventually(lambda: state_of(cache, victim) == "snoozed", "the victim rolled back")
        assert all(state_of(cache, i) == "closed" for i in ids if i != victim)
        await eventually(lambda: cache.outbox() == [], "the outbox to empty", within=30)
        r = await app.client.get(
            "/inbox/sections/all",
            params={"state": "closed", "limit": 500},
            headers=app.who.headers,
        )
        closed = {c["id"] for c in r.json()["chats"]}
        assert closed >= set(ids) - {victim} and victim not in closed


async def test_a_bulk_action_offline_shows_at_once_and_is_applied_when_back(
    served: Served, tmp_path: Path
) -> None:
    # covers: L2
    async with httpx.AsyncClient(base_url=served.server.url, timeout=WAIT) as client:
        ids = await new_chats(served, client, 5, "bulk offline")
    async with running(served, tmp_path) as app:
        eng, cache = app.engine, app.cache
        online_ids, total, truncated = await eng.all_matching_ids("unassigned", "open")
        assert set(ids) <= set(online_ids) and total == len(online_ids) and not truncated

        app.net.offline = True
        # "All N chats that match" offline comes from the cache, in list order.
        offline_ids, total, truncated = await eng.all_matching_ids("unassigned", "open")
        assert offline_ids == [r.id for r in cache.reads.chat_rows("unassigned", limit=10_000)]
        assert set(ids) <= set(offline_ids) and not truncated

        result = await eng.bulk("add_tag", ids, tag="오프라인")
        star = await eng.bulk("star", ids)
        assert all("오프라인" in (cache.reads.chat(i) or {})["tags"] for i in ids)
        assert {r.id for r in eng.search("오프라인")} == set(ids)  # searchable at once
        assert set(ids) <= {r.id for r in cache.reads.chat_rows("starred", limit=1000)}
        await eventually(lambda: app.net.refused >= 2, "a push tried and failed")
        await asyncio.sleep(0)
        assert result.pending == ids and star.pending == ids

        app.net.offline = False
        done = await asyncio.wait_for(result.finished(), 60)
        assert all(o.done for o in done) and all(o.done for o in await star.finished())
        for chat_id in ids:
            r = await app.client.get(f"/chats/{chat_id}", headers=app.who.headers)
            assert "오프라인" in r.json()["tags"]


async def test_bulk_rejects_bad_input_before_storing_anything(
    served: Served, tmp_path: Path
) -> None:
    async with httpx.AsyncClient(base_url=served.server.url, timeout=WAIT) as client:
        ids = await new_chats(served, client, 2, "bulk bad input")
    async with running(served, tmp_path, autopush=False) as app:
        eng = app.engine
        with pytest.raises(ValueError, match="not a bulk action"):
            await eng.bulk("send_message", ids)
        with pytest.raises(ValueError, match="takes no"):
            await eng.bulk("star", ids, tag="x")
        with pytest.raises(ValueError):  # pydantic: not a state
            await eng.bulk("set_state", ids, state="gone")
        assert app.cache.outbox() == []
        missing = str(uuid.uuid4())
        result = await eng.bulk("assign", [missing, ids[0]], assignee_id=app.who.manager_id)
        assert result.refused[missing].code == ErrorCode.NOT_FOUND
        assert result.pending == [ids[0]]


# ---- mark unread, my switches, My sessions -------------------------------------------------


async def test_mark_unread_shows_at_once_and_the_server_and_counts_follow(
    served: Served, tmp_path: Path
) -> None:
    # covers: S3
    async with httpx.AsyncClient(base_url=served.server.url, timeout=WAIT) as client:
        [cid] = await new_chats(served, client, 1, "mark unread")
    async with running(served, tmp_path) as app:
        eng, cache, me = app.engine, app.cache, app.who.manager_id

        def unread_count() -> int:
            return int((cache.reads.chat_state(cid) or {}).get("unread_count", 0))

        def sidebar_unread() -> int:
            return cache.reads.counts("open").get((me, "unread", "open"), 0)

        await eng.mark_read(cid)
        await eventually(lambda: cache.outbox() == [] and unread_count() == 0, "read")
        before = sidebar_unread()

        await eng.mark_unread(cid)
        assert unread_count() == 1  # at once, offline or not
        assert cid in [r.id for r in cache.reads.chat_rows("unread", limit=1000)]
        await eventually(lambda: cache.outbox() == [], "the mark sent")
        r = await app.client.get(
            "/inbox/sections/unread", params={"limit": 500}, headers=app.who.headers
        )
        assert cid in [c["id"] for c in r.json()["chats"]]
        await eventually(lambda: sidebar_unread() == before + 1, "the sidebar's Unread count")
        assert unread_count() == 1 and app.rec.refused == []


async def test_my_seat_and_away_switches_apply_at_once(served: Served, tmp_path: Path) -> None:
    # covers: O3, O2
    async with httpx.AsyncClient(base_url=served.server.url, timeout=WAIT) as client:
        [cid] = await new_chats(served, client, 1, "seat")
    async with running(served, tmp_path) as app:
        eng, cache = app.engine, app.cache
        assert (eng.me() or {}).get("available") is True
        row = await eng.update_my_settings(available=False)
        assert row["available"] is False
        assert (eng.me() or {})["available"] is False  # in the cache, before the feed
        assert any("manager" in c.reference for c in app.rec.changed)
        await eng.update_my_settings(available=True)
        assert (eng.me() or {})["available"] is True

        # My seat off: closing is refused by the server, per chat, and rolled back.
        await eng.update_my_settings(operator_seat=False)
        assert (eng.me() or {})["operator_seat"] is False
        result = await eng.bulk("set_state", [cid], state="closed")
        [outcome] = await asyncio.wait_for(result.finished(), 30)
        assert outcome.error is not None
        assert outcome.error.code == ErrorCode.OPERATOR_SEAT_REQUIRED
        await eventually(lambda: state_of(cache, cid) == "open", "the close rolled back")
        await eng.update_my_settings(operator_seat=True)
        assert (eng.me() or {})["operator_seat"] is True
        with pytest.raises(ValueError):  # pydantic: no such setting; nothing sent
            await eng.update_my_settings(holiday=True)


async def test_my_sessions_in_the_cache_follow_the_server(served: Served, tmp_path: Path) -> None:
    # covers: S5
    async with httpx.AsyncClient(base_url=served.server.url, timeout=WAIT) as client:
        [cid] = await new_chats(served, client, 1, "sessions")
        ben = await login(client, "ben")
    async with running(served, tmp_path) as app:
        eng, cache, me = app.engine, app.cache, app.who.manager_id

        def mine() -> bool:
            return cid in {r.id for r in cache.reads.chat_rows("sessions", limit=10_000)}

        async def server_count() -> int:
            r = await app.client.get("/inbox/sidebar", headers=app.who.headers)
            assert r.status_code == 200, r.text
            return int(r.json()["sessions"])

        async def counts_agree() -> None:
            want = await server_count()
            await eventually(
                lambda: cache.reads.counts("open").get((me, "sessions", "open"), 0) == want,
                f"the cached sessions count to be {want}",
            )
            assert want == cache.reads.chat_count("sessions", "open")

        assert not mine()  # unassigned, and my S11 switch is off
        await eng.update_my_settings(notify_unassigned=True)
        await eventually(mine, "the switch on: unassigned chats join")
        await counts_agree()
        await eng.update_my_settings(notify_unassigned=False)
        await eventually(lambda: not mine(), "the switch off: they leave")
        await counts_agree()

        assigned = await push_as(
            app.client, ben, "assign", chat_id=cid, assignee_id=me, expected_assignee_id=None
        )
        assert assigned["status"] == "applied"
        await eventually(mine, "assigned to me: it joins")
        await counts_agree()
        moved = await push_as(
            app.client, ben, "assign", chat_id=cid, assignee_id=str(served.world.managers["ben"]),
            expected_assignee_id=me,
        )  # fmt: skip
        assert moved["status"] == "applied"
        await eventually(lambda: not mine(), "reassigned to someone else: it leaves")
        await counts_agree()

        await eng.follow(cid)
        assert mine()  # at once: a chat I follow notifies me
        await eventually(lambda: cache.outbox() == [], "the follow applied")
        assert mine()
        await eng.unfollow(cid)
        await eventually(lambda: not mine(), "unfollowed: it leaves")
        await counts_agree()
