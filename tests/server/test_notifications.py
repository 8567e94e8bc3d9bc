"""Through the API: the server writes one notification entry per recipient (N1-N5)."""

# covers: N1, N2, N3, N4, N5, S5, S11, C5, H3

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.jobs import end_snoozes, take_lease
from server.services import Services
from tests.support.pusher import Pusher, text
from tests.support.world import World, login, make_world, start_chat


@pytest.fixture
async def people(client: httpx.AsyncClient, world: World) -> dict[str, Pusher]:
    return {n: Pusher(client, await login(client, n)) for n in ("owner", "ana", "ben")}


async def notes_for(client: httpx.AsyncClient, p: Pusher) -> list[dict[str, Any]]:
    changes = (await client.get("/sync/changes?since=0&limit=1000", headers=p.headers)).json()[
        "changes"
    ]
    return [c["data"] for c in changes if c["entity"] == "notification"]


async def customer_says(client: httpx.AsyncClient, chat: dict[str, str], words: str) -> None:
    r = await client.post(
        f"/customer/chats/{chat['chat_id']}/messages",
        headers={"Authorization": f"Bearer {chat['token']}"},
        json={"id": str(uuid.uuid4()), "text": words},
    )
    assert r.status_code == 201, r.text


async def state(client: httpx.AsyncClient, p: Pusher, chat_id: str) -> dict[str, Any]:
    changes = (await client.get("/sync/changes?since=0&limit=1000", headers=p.headers)).json()[
        "changes"
    ]
    mine = [
        c["data"]
        for c in changes
        if c["entity"] == "chat_state" and c["data"]["chat_id"] == chat_id
    ]
    return mine[-1] if mine else {}


async def test_assignee_and_followers_hear_customer_messages(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana, ben, owner = people["ana"], people["ben"], people["owner"]
    chat = await start_chat(client, world, name="김민수")
    await ana.do(
        "assign",
        chat_id=chat["chat_id"],
        assignee_id=world.managers["ana"],
        expected_assignee_id=None,
    )
    await ana.do("follow", chat_id=chat["chat_id"], manager_id=world.managers["ben"])
    await customer_says(client, chat, "배송은 언제 되나요?")
    for p in (ana, ben):
        [n] = [n for n in await notes_for(client, p) if n["reason"] == "message"]
        assert n["chat_id"] == chat["chat_id"] and n["preview"] == "배송은 언제 되나요?"
        assert n["customer_name"] == "김민수" and n["medium"] == "web" and n["internal"] is False
        st = await state(client, p, chat["chat_id"])
        assert st["in_sessions"] is True and st["unread_count"] == 1, "S5 and the unread count"
    assert await notes_for(client, owner) == [], "not in the chat, switch off: nothing"


async def test_my_own_message_never_notifies_me(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana, ben = people["ana"], people["ben"]
    chat = await start_chat(client, world)
    await ana.do(
        "assign",
        chat_id=chat["chat_id"],
        assignee_id=world.managers["ana"],
        expected_assignee_id=None,
    )
    await ana.do("follow", chat_id=chat["chat_id"], manager_id=world.managers["ben"])
    await ana.do(
        "send_message", chat_id=chat["chat_id"], message_id=uuid.uuid4(), blocks=text("네 고객님")
    )
    assert [n["reason"] for n in await notes_for(client, ana)] == []
    assert [n["reason"] for n in await notes_for(client, ben)] == ["message"]


async def test_unassigned_switch(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana, ben = people["ana"], people["ben"]
    r = await client.patch(
        f"/managers/{world.managers['ana']}", headers=ana.headers, json={"notify_unassigned": True}
    )
    assert r.status_code == 200
    assert (await client.get("/inbox/sidebar", headers=ana.headers)).json()[
        "notify_unassigned"
    ] is True
    chat = await start_chat(client, world, text="처음 문의합니다")
    [n] = await notes_for(client, ana)
    assert n["reason"] == "unassigned" and n["preview"] == "처음 문의합니다"
    assert await notes_for(client, ben) == []
    # once assigned to ben, ana's switch no longer applies
    await ben.do(
        "assign",
        chat_id=chat["chat_id"],
        assignee_id=world.managers["ben"],
        expected_assignee_id=None,
    )
    await customer_says(client, chat, "hello?")
    assert [n["reason"] for n in await notes_for(client, ana)] == ["unassigned"]
    # switching it off takes effect at once
    await client.patch(
        f"/managers/{world.managers['ana']}", headers=ana.headers, json={"notify_unassigned": False}
    )
    await start_chat(client, world, text="another")
    assert len(await notes_for(client, ana)) == 1


async def test_assignment_notifies_the_assignee(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana, ben = people["ana"], people["ben"]
    chat = await start_chat(client, world)
    await ana.do(
        "assign",
        chat_id=chat["chat_id"],
        assignee_id=world.managers["ben"],
        expected_assignee_id=None,
    )
    assert [n["reason"] for n in await notes_for(client, ben)] == ["assigned"]
    await ana.do(
        "assign",
        chat_id=chat["chat_id"],
        assignee_id=world.managers["ana"],
        expected_assignee_id=world.managers["ben"],
    )
    assert await notes_for(client, ana) == [], "assigning myself tells nobody"


async def test_mentions_notify_managers_and_team_members(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana, ben, owner = people["ana"], people["ben"], people["owner"]
    chat = await start_chat(client, world)
    await owner.do(
        "send_message",
        chat_id=chat["chat_id"],
        message_id=uuid.uuid4(),
        kind="note",
        blocks=text("@Support 도와주세요"),
        mentions={"team_ids": [world.teams["support"]]},
    )
    for p in (ana, ben):
        [n] = await notes_for(client, p)
        assert n["reason"] == "mention" and n["internal"] is True
        assert (await state(client, p, chat["chat_id"]))["mentioned"] is True
    await ana.do("mark_read", chat_id=chat["chat_id"])
    assert (await state(client, ana, chat["chat_id"]))["mentioned"] is False
    bad = await owner.do(
        "send_message",
        chat_id=chat["chat_id"],
        message_id=uuid.uuid4(),
        blocks=text("@x"),
        mentions={"manager_ids": [uuid.uuid4()]},
    )
    assert bad["status"] == "refused"


async def test_notes_in_closed_chats_notify_nobody(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana, ben = people["ana"], people["ben"]
    chat = await start_chat(client, world)
    await ana.do(
        "assign",
        chat_id=chat["chat_id"],
        assignee_id=world.managers["ben"],
        expected_assignee_id=None,
    )
    await ana.do("set_state", chat_id=chat["chat_id"], state="closed", expected_state="open")
    before = len(await notes_for(client, ben))
    await ana.do(
        "send_message",
        chat_id=chat["chat_id"],
        message_id=uuid.uuid4(),
        kind="note",
        blocks=text("@Ben fyi"),
        mentions={"manager_ids": [world.managers["ben"]]},
    )
    assert len(await notes_for(client, ben)) == before, "C5 holds even for a mention"


async def test_snooze_end_reopens_and_tells_the_assignee(
    client: httpx.AsyncClient,
    world: World,
    people: dict[str, Pusher],
    services: Services,
    db: Database,
) -> None:
    ana, ben = people["ana"], people["ben"]
    chat = await start_chat(client, world)
    cid = chat["chat_id"]
    await ana.do(
        "assign", chat_id=cid, assignee_id=world.managers["ben"], expected_assignee_id=None
    )
    until = utcnow() + timedelta(hours=1)
    await ana.do(
        "set_state", chat_id=cid, state="snoozed", expected_state="open", snooze_until=until
    )
    assert await end_snoozes(db, services.doorbell) == 0, "not yet"
    async with db.write() as conn:
        await conn.execute(update(m.Chat).values(snooze_until=utcnow() - timedelta(seconds=1)))
    assert await end_snoozes(db, services.doorbell) == 1
    row = (await client.get(f"/chats/{cid}", headers=ana.headers)).json()
    assert row["state"] == "open" and row["snooze_until"] is None
    assert [n["reason"] for n in await notes_for(client, ben)][-1] == "snooze_ended"


async def test_customer_message_reopens_a_snoozed_chat(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana = people["ana"]
    chat = await start_chat(client, world)
    until = utcnow() + timedelta(days=3)
    await ana.do(
        "set_state",
        chat_id=chat["chat_id"],
        state="snoozed",
        expected_state="open",
        snooze_until=until,
    )
    await customer_says(client, chat, "아직 답변이 없네요")
    row = (await client.get(f"/chats/{chat['chat_id']}", headers=ana.headers)).json()
    assert row["state"] == "open"


async def test_one_worker_holds_the_job_lease(db: Database, world: World) -> None:
    # (not "end_snoozes": the app under test runs that job and holds its lease)
    ttl = timedelta(seconds=30)
    assert await take_lease(db, "test_job", "worker-a", ttl)
    assert not await take_lease(db, "test_job", "worker-b", ttl)
    assert await take_lease(db, "test_job", "worker-a", ttl), "the holder renews"
    async with db.write() as conn:
        await conn.execute(
            update(m.JobLease)
            .where(m.JobLease.name == "test_job")
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert await take_lease(db, "test_job", "worker-b", ttl), "an expired lease is free"


async def test_the_served_app_runs_the_snooze_job(db_url: str, live_server: Any) -> None:
    """The job runs inside a real server process, not only when a test calls it."""
    db = Database(db_url)
    world = await make_world(db)
    await db.dispose()
    server = live_server(db_url, SANGDAM_JOB_INTERVAL_S="0.2")
    async with httpx.AsyncClient(base_url=server.url) as http:
        ana = Pusher(http, await login(http, "ana"))
        chat = (await start_chat(http, world))["chat_id"]
        until = utcnow() + timedelta(seconds=1)
        res = await ana.do(
            "set_state", chat_id=chat, state="snoozed", expected_state="open", snooze_until=until
        )
        assert res["status"] == "applied"
        for _ in range(100):
            row = (await http.get(f"/chats/{chat}", headers=ana.headers)).json()
            if row["state"] == "open":
                break
            await asyncio.sleep(0.1)
        assert row["state"] == "open"
