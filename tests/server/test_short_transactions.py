"""Long work in short transactions: a big chat's permanent delete (H5), a bulk action
(L2) and pruning the log (Y2) each commit many times, let other writers in between, leave
a consistent state after every commit, and end where one long transaction would."""

# covers: H5, L2, Y2

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy import event, func, select, update
from sqlalchemy import text as sa_text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.kinds import Op
from server.db import models as m
from server.db.database import Database
from server.inbox import counts
from server.inbox import service as inbox_service
from server.sync import retention
from tests.support.pusher import Pusher, text
from tests.support.world import World, login, start_chat

_WROTE = "test_wrote"


@contextmanager
def write_commits(db: Database) -> Iterator[list[int]]:
    """Counts the committed transactions that sent anything but SELECT (and BEGIN)."""
    done: list[int] = []

    def before(conn: Connection, _cur: Any, statement: str, *_: Any) -> None:
        if not statement.lstrip().upper().startswith(("SELECT", "BEGIN")):
            conn.info[_WROTE] = True

    def commit(conn: Connection) -> None:
        if conn.info.pop(_WROTE, False):
            done.append(1)

    def rollback(conn: Connection) -> None:
        conn.info.pop(_WROTE, None)

    hooks = {"before_cursor_execute": before, "commit": commit, "rollback": rollback}
    for name, fn in hooks.items():
        event.listen(db.engine.sync_engine, name, fn)
    try:
        yield done
    finally:
        for name, fn in hooks.items():
            event.remove(db.engine.sync_engine, name, fn)


class _Discard(Exception):
    pass


async def recounted(db: Database, workspace_id: uuid.UUID) -> dict[counts.Key, int]:
    """What a recount finds, without keeping what it writes."""
    found: dict[counts.Key, int] = {}
    try:
        async with db.write() as conn:
            found = {k: n for k, n in (await counts.recount(conn, workspace_id)).items() if n}
            raise _Discard
    except _Discard:
        pass
    return found


async def stored(db: Database, workspace_id: uuid.UUID) -> dict[counts.Key, int]:
    async with db.read() as conn:
        return await counts.stored(conn, workspace_id)


async def log_of(db: Database, chat_id: str) -> list[Any]:
    async with db.read() as conn:
        log = m.ChangeLog
        q = select(log.seq, log.entity, log.entity_id, log.op, log.data)
        return list(
            (await conn.execute(q.where(log.chat_id == uuid.UUID(chat_id)).order_by(log.seq))).all()
        )


async def message_seqs(db: Database, chat_id: str) -> list[int]:
    async with db.read() as conn:
        q = select(m.Message.seq).where(m.Message.chat_id == uuid.UUID(chat_id))
        return [int(s) for s in (await conn.scalars(q.order_by(m.Message.seq))).all()]


async def chat_with_messages(client: httpx.AsyncClient, world: World, ana: Pusher, n: int) -> str:
    cid = (await start_chat(client, world, text="첫 문의: 비밀번호 1234"))["chat_id"]
    await ana.do("star", chat_id=cid)
    muts = [
        ana.mutation("send_message", chat_id=cid, message_id=uuid.uuid4(), blocks=text(f"비밀 {i}"))
        for i in range(n)
    ]
    r = await ana.send(*muts)
    assert {x["status"] for x in r.json()["results"]} == {"applied"}, r.text
    return str(cid)


@pytest.fixture
async def people(client: httpx.AsyncClient, world: World) -> dict[str, Pusher]:
    return {n: Pusher(client, await login(client, n)) for n in ("owner", "ana")}


async def test_a_big_chat_is_deleted_batch_by_batch_each_consistent(
    client: httpx.AsyncClient,
    world: World,
    db: Database,
    people: dict[str, Pusher],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(inbox_service, "PURGE_BATCH", 5)
    ana, owner = people["ana"], people["owner"]
    keep = (await start_chat(client, world, text="다른 고객"))["chat_id"]
    cid = await chat_with_messages(client, world, ana, 23)  # 24 messages with the first
    tops: list[int] = []
    midway: list[bool] = []
    purge = inbox_service.InboxService._purge_batch

    async def batch(self: Any, workspace_id: uuid.UUID, chat_id: uuid.UUID, scrubbed: int) -> Any:
        top = await purge(self, workspace_id, chat_id, scrubbed)
        if top is not None:
            tops.append(top)
        if len(tops) == 2 and not midway:
            midway.append(True)
            # Between two batches: the chat is whole but for its oldest messages, every
            # entry up to the batch's newest message is scrubbed, every later one intact,
            # and the counts are those of the rows.
            left = await message_seqs(db, cid)
            assert len(left) == 24 - 10 and min(left) > top
            for seq, _entity, _id, op, data in await log_of(db, cid):
                if seq <= top:
                    assert (op, data) == (Op.DELETE.value, None), seq
                else:
                    assert op == Op.UPSERT.value and data is not None, seq
            r = await client.get(f"/chats/{cid}", headers=ana.headers)
            assert r.status_code == 200
            assert await stored(db, world.workspace_id) == await recounted(db, world.workspace_id)
            # another writer gets through before the delete ends
            r = await ana.do(
                "send_message", chat_id=keep, message_id=uuid.uuid4(), blocks=text("ok")
            )
            assert r["status"] == "applied"
        return top

    monkeypatch.setattr(inbox_service.InboxService, "_purge_batch", batch)
    with write_commits(db) as commits:
        r = await client.delete(f"/chats/{cid}", headers=owner.headers)
    assert r.status_code == 204, r.text
    assert len(tops) == 4, "24 messages: 4 batches of 5, the last 4 with the chat"
    assert len(commits) >= 5 + 1, "the batches, the other writer's push, the chat itself"
    assert await message_seqs(db, cid) == []
    entries = await log_of(db, cid)
    assert entries and all((op, data) == (Op.DELETE.value, None) for *_, op, data in entries[:-1])
    assert entries[-1][1:4] == ("chat", cid, Op.DELETE.value), "the tombstone comes last"
    feed = (await client.get("/sync/changes?since=0&limit=1000", headers=ana.headers)).json()
    assert "비밀" not in str(feed), "no content left in the log"
    async with db.read() as conn:
        seqs = (await conn.scalars(select(m.ChangeLog.seq).order_by(m.ChangeLog.seq))).all()
        assert await conn.scalar(select(func.count()).select_from(m.Message)) == 2  # keep's
    assert list(seqs) == list(range(1, len(seqs) + 1)), "seqs stay gap-free"
    assert await stored(db, world.workspace_id) == await recounted(db, world.workspace_id)
    side = (await client.get("/inbox/sidebar", headers=ana.headers)).json()
    assert side["all"] == 1 and side["starred"] == 0


async def test_a_delete_cut_short_is_finished_by_asking_again(
    client: httpx.AsyncClient,
    world: World,
    db: Database,
    people: dict[str, Pusher],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(inbox_service, "PURGE_BATCH", 4)
    ana, owner = people["ana"], people["owner"]
    cid = await chat_with_messages(client, world, ana, 15)
    purge = inbox_service.InboxService._purge_batch
    calls: list[int] = []

    async def crash_after_two(self: Any, *args: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise ConnectionError("the server went away")
        return await purge(self, *args)

    monkeypatch.setattr(inbox_service.InboxService, "_purge_batch", crash_after_two)
    with pytest.raises(ConnectionError):
        await client.delete(f"/chats/{cid}", headers=owner.headers)
    assert len(await message_seqs(db, cid)) == 16 - 8
    assert await stored(db, world.workspace_id) == await recounted(db, world.workspace_id)
    monkeypatch.setattr(inbox_service.InboxService, "_purge_batch", purge)
    assert (await client.delete(f"/chats/{cid}", headers=owner.headers)).status_code == 204
    assert await message_seqs(db, cid) == []
    assert all((op, data) == (Op.DELETE.value, None) for *_, op, data in await log_of(db, cid))
    assert await stored(db, world.workspace_id) == await recounted(db, world.workspace_id)


async def test_a_bulk_action_commits_in_batches_and_lets_others_in(
    client: httpx.AsyncClient,
    world: World,
    db: Database,
    people: dict[str, Pusher],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(inbox_service, "BULK_BATCH", 3)
    ana, owner = people["ana"], people["owner"]
    ids = [(await start_chat(client, world, text=f"문의 {i}"))["chat_id"] for i in range(30)]
    other = (await start_chat(client, world, text="기다리는 고객"))["chat_id"]
    bulk = {"chat_ids": ids, "action": {"name": "set_state", "args": {"state": "closed"}}}

    started = asyncio.Event()
    one = inbox_service.InboxService._one

    async def first_sets(self: Any, *args: Any) -> Any:
        started.set()
        return await one(self, *args)

    monkeypatch.setattr(inbox_service.InboxService, "_one", first_sets)

    async def pushes() -> None:
        # Sent while the bulk action holds the writer: each waits for one batch, not all.
        await started.wait()
        for i in range(3):
            await ana.do("star", chat_id=other, starred=i % 2 == 0)

    with write_commits(db) as commits:
        r, _ = await asyncio.gather(
            client.post("/chats/bulk", headers=owner.headers, json=bulk), pushes()
        )
    assert r.status_code == 200, r.text
    assert [x["status"] for x in r.json()["results"]] == ["applied"] * 30
    assert len(commits) >= 10, "30 chats, 3 a transaction"
    async with db.read() as conn:
        log = m.ChangeLog
        closes = (
            await conn.scalars(
                select(log.seq).where(
                    log.entity == "chat", log.chat_id.in_([uuid.UUID(i) for i in ids])
                )
            )
        ).all()
        stars = (
            await conn.scalars(
                select(log.seq).where(log.entity == "chat_state", log.chat_id == uuid.UUID(other))
            )
        ).all()
    assert any(min(closes) < s < max(closes) for s in stars), (
        "the other manager's pushes went in between two batches"
    )
    assert await stored(db, world.workspace_id) == await recounted(db, world.workspace_id)
    side = (await client.get("/inbox/sidebar?state=closed", headers=ana.headers)).json()
    assert side["all"] == 30


async def test_pruning_deletes_in_batches_and_resumes(
    client: httpx.AsyncClient, world: World, db: Database
) -> None:
    headers = await login(client, "ana")
    for i in range(6):
        await start_chat(client, world, text=f"chat {i}")
    head = (await client.get("/sync/changes?since=0", headers=headers)).json()["head"]
    assert head > 20
    with write_commits(db) as commits:
        removed = await retention.prune(db, keep=5, batch=4)
    assert removed == head - 5
    # the bar, then (head - 5) / 4 ranges
    assert len(commits) >= 1 + (head - 5) // 4
    async with db.read() as conn:
        seqs = (await conn.scalars(select(m.ChangeLog.seq).order_by(m.ChangeLog.seq))).all()
    assert list(seqs) == list(range(head - 4, head + 1))
    assert (await client.get("/sync/changes?since=0", headers=headers)).status_code == 410

    # A run cut short after raising the bar leaves entries under it: the next deletes them.
    for i in range(3):
        await start_chat(client, world, text=f"later {i}")
    head2 = (await client.get(f"/sync/changes?since={head}", headers=headers)).json()["head"]
    async with db.write() as conn:
        await conn.execute(
            update(m.Workspace)
            .where(m.Workspace.id == world.workspace_id)
            .values(pruned_seq=head2 - 5)
        )
    assert await retention.prune(db, keep=5, batch=4) == head2 - 5 - (head - 5)
    async with db.read() as conn:
        low = await conn.scalar(select(func.min(m.ChangeLog.seq)))
    assert low == head2 - 4


async def thread_id_function(conn: AsyncConnection) -> None:
    """`SELECT thread_id()`: the id of the thread that runs the statement."""
    raw = await conn.get_raw_connection()
    sqlite_conn = raw.driver_connection._conn  # type: ignore[union-attr]
    sqlite_conn.create_function("thread_id", 0, threading.get_ident)


async def test_sqlite_runs_every_statement_off_the_event_loop_thread(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("asyncpg waits for PostgreSQL without holding the loop")
    loop_thread = threading.get_ident()
    async with db.write() as conn:
        await thread_id_function(conn)
        first = await conn.scalar(sa_text("SELECT thread_id()"))  # right after BEGIN IMMEDIATE
        await conn.execute(update(m.Workspace).values(name=m.Workspace.name))
        after_a_write = await conn.scalar(sa_text("SELECT thread_id()"))
    async with db.read() as conn:
        await thread_id_function(conn)
        reading = await conn.scalar(sa_text("SELECT thread_id()"))
    assert None not in (first, after_a_write, reading)
    assert loop_thread not in (first, after_a_write, reading)
