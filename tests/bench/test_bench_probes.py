"""The benchmarks' own server-side parts: bench.push's baseline writes what our server
reads, and bench.fanout's commit clock stamps committed messages only."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import insert, select

from bench import commit_clock
from bench.push_baseline import Baseline, store_for
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from tests.support.world import World, login, start_chat


def _push(chat_id: str, mutation_id: int) -> dict[str, object]:
    blocks = [{"type": "text", "text": f"확인해 보겠습니다 #{mutation_id}"}]
    args = {"chat_id": chat_id, "message_id": str(uuid.uuid4()), "blocks": blocks}
    mutation = {"mutation_id": mutation_id, "name": "send_message", "args": args}
    return {"client_id": str(uuid.uuid4()), "mutations": [mutation]}


async def test_baseline_writes_messages_our_server_reads(
    client: httpx.AsyncClient, world: World, db: Database, db_url: str
) -> None:
    chat = await start_chat(client, world)
    async with db.read() as conn:
        head = int(await conn.scalar(select(m.Workspace.last_seq)) or 0)
    store = store_for(db_url)
    await store.open()
    try:
        transport = httpx.ASGITransport(app=Baseline(store))
        async with httpx.AsyncClient(transport=transport, base_url="http://b.test") as base:
            bodies = [_push(chat["chat_id"], i) for i in range(1, 6)]
            answers = await asyncio.gather(*(base.post("/sync/push", json=b) for b in bodies))
            refused = await base.post("/sync/push", json={"mutations": []})
    finally:
        await store.close()
    assert refused.status_code == 400 and "IndexError" in refused.text
    assert [r.status_code for r in answers] == [200] * 5
    seqs = sorted(r.json()["results"][0]["seq"] for r in answers)
    assert seqs == list(range(head + 1, head + 6)), "one seq each, from the workspace row"

    # Our server reads the rows as its own: the feed, in order, with the messages' data.
    ana = await login(client, "ana")
    page = (await client.get(f"/sync/changes?since={head}", headers=ana)).json()
    ids = {str(b["mutations"][0]["args"]["message_id"]) for b in bodies}  # type: ignore[index]
    assert [c["seq"] for c in page["changes"]] == seqs
    assert {c["id"] for c in page["changes"]} == ids
    async with db.read() as conn:
        rows = (await conn.execute(select(m.Message).where(m.Message.seq > head))).all()
        assert int(await conn.scalar(select(m.Workspace.last_seq)) or 0) == head + 5
    assert {str(r.id) for r in rows} == ids
    assert all(str(r.chat_id) == chat["chat_id"] and r.created_at.tzinfo for r in rows)
    assert all(r.blocks[0]["text"].startswith("확인해") for r in rows)


async def test_commit_clock_stamps_committed_messages_only(
    client: httpx.AsyncClient, world: World, db: Database, tmp_path: Path
) -> None:
    chat = await start_chat(client, world)
    path = tmp_path / "commits.txt"
    kept, undone = str(uuid.uuid4()), uuid.uuid4()
    with path.open("a", encoding="ascii") as log, commit_clock.installed(log):
        before = time.time()
        r = await client.post(
            f"/customer/chats/{chat['chat_id']}/messages",
            json={"id": kept, "text": "아직 배송이 안 왔어요"},
            headers={"Authorization": f"Bearer {chat['token']}"},
        )
        after = time.time()
        with pytest.raises(RuntimeError):
            async with db.write() as conn:
                await conn.execute(
                    insert(m.Message).values(
                        id=undone,
                        workspace_id=world.workspace_id,
                        chat_id=uuid.UUID(chat["chat_id"]),
                        seq=10**9,
                        author_kind="customer",
                        blocks=[],
                        created_at=utcnow(),
                    )
                )
                raise RuntimeError("rolled back")
    assert r.status_code == 201, r.text
    stamped = commit_clock.read(str(path))
    assert set(stamped) == {kept}, "the rolled-back message has no commit time"
    assert before <= stamped[kept] <= after
