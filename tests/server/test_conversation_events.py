"""System events in the conversation and read receipts (issue 15, build item 1).

Events (assigned, team set, snoozed, closed, reopened, tagged) are written by the server
with the action and reach managers through the change log; the customer's API and feed
never show them, they are nobody's unread and leave the chat's preview alone. The
customer side marks the team's replies read (C3)."""

# covers: C1, C3

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.support.pusher import Pusher, text
from tests.support.world import World, login, start_chat


@pytest.fixture
async def people(client: httpx.AsyncClient, world: World) -> dict[str, Pusher]:
    return {n: Pusher(client, await login(client, n)) for n in ("owner", "ana", "ben")}


async def _changes(client: httpx.AsyncClient, p: Pusher, since: int = 0) -> list[dict[str, Any]]:
    r = await client.get(f"/sync/changes?since={since}&limit=1000", headers=p.headers)
    return list(r.json()["changes"])


async def _chat_row(client: httpx.AsyncClient, p: Pusher, chat_id: str) -> dict[str, Any]:
    rows = [
        c["data"]
        for c in await _changes(client, p)
        if c["entity"] == "chat" and c["id"] == chat_id and c["data"]
    ]
    return dict(rows[-1])


def _ok(result: dict[str, Any]) -> None:
    assert result["status"] == "applied", result


async def test_actions_write_events_managers_see_and_customers_never(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana, ben = people["ana"], people["ben"]
    started = await start_chat(client, world)
    chat, token = started["chat_id"], started["token"]
    customer = {"Authorization": f"Bearer {token}"}
    before = await _chat_row(client, ana, chat)
    until = datetime.now(UTC) + timedelta(days=1)
    _ok(await ana.do("assign", chat_id=chat, assignee_id=world.managers["ben"],
                     expected_assignee_id=None))  # fmt: skip
    _ok(await ana.do("set_team", chat_id=chat, team_id=world.teams["support"],
                     expected_team_id=None))  # fmt: skip
    _ok(await ana.do("add_tag", chat_id=chat, tag="환불"))
    _ok(await ana.do("set_state", chat_id=chat, state="snoozed", snooze_until=until,
                     expected_state="open"))  # fmt: skip
    _ok(await ana.do("set_state", chat_id=chat, state="open", expected_state="snoozed"))
    _ok(await ana.do("set_state", chat_id=chat, state="closed", expected_state="open"))

    # Managers: one event message per action, in order, with who did what to whom.
    msgs = (await client.get(f"/chats/{chat}/messages", headers=ben.headers)).json()["messages"]
    events = [m for m in msgs if m["kind"] == "event"]
    assert [e["blocks"][0]["action"] for e in events] == [
        "assigned", "team_set", "tagged", "snoozed", "reopened", "closed",
    ]  # fmt: skip
    assert all(e["author_kind"] == "system" for e in events)
    assigned, team_set, tagged, snoozed = (e["blocks"][0] for e in events[:4])
    assert assigned["actor_id"] == str(world.managers["ana"])
    assert assigned["manager_id"] == str(world.managers["ben"])
    assert team_set["team_id"] == str(world.teams["support"])
    assert tagged["tag"] == "환불"
    assert datetime.fromisoformat(snoozed["until"]) == until.replace(microsecond=until.microsecond)
    # ... and they came through the change log as messages.
    logged = {c["id"] for c in await _changes(client, ben) if c["entity"] == "message"}
    assert {e["id"] for e in events} <= logged

    # Not the chat's last message (preview and order unchanged) and nobody's unread.
    after = await _chat_row(client, ben, chat)
    assert after["last_message_seq"] == before["last_message_seq"]
    assert after["last_message_preview"] == before["last_message_preview"]
    assert after["last_message_at"] == before["last_message_at"]
    _ok(await ben.do("mark_read", chat_id=chat, read_seq=before["last_message_seq"]))
    states = [
        c["data"] for c in await _changes(client, ben)
        if c["entity"] == "chat_state" and c["data"] and c["data"]["chat_id"] == chat
    ]  # fmt: skip
    assert states[-1]["unread_count"] == 0

    # The customer: neither the chat, nor its pages, nor its feed shows an event.
    seen = (await client.get(f"/customer/chats/{chat}", headers=customer)).json()["messages"]
    page = (await client.get(f"/customer/chats/{chat}/messages", headers=customer)).json()
    feed = (await client.get(f"/customer/chats/{chat}/changes", headers=customer)).json()
    assert seen and all(m["kind"] == "reply" for m in seen)
    assert all(m["kind"] == "reply" for m in page["messages"])
    assert feed["changes"] and all(c["data"]["kind"] == "reply" for c in feed["changes"])
    assert not {e["id"] for e in events} & {c["id"] for c in feed["changes"]}


async def test_managers_cannot_send_an_event(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    chat = (await start_chat(client, world))["chat_id"]
    forged = await people["ana"].do(
        "send_message", chat_id=chat, message_id=uuid.uuid4(), kind="event", blocks=text("x")
    )
    assert forged["status"] == "refused"
    block = {"type": "event", "action": "closed"}
    r = await people["ana"].send(
        people["ana"].mutation(
            "send_message", chat_id=chat, message_id=uuid.uuid4(), blocks=[block]
        )
    )
    assert r.status_code == 422 or r.json()["results"][0]["status"] == "refused"


async def test_customer_marks_replies_read(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana = people["ana"]
    started = await start_chat(client, world)
    chat = started["chat_id"]
    customer = {"Authorization": f"Bearer {started['token']}"}
    ids = [uuid.uuid4() for _ in range(3)]
    for i, mid in enumerate(ids):
        _ok(await ana.do("send_message", chat_id=chat, message_id=mid, blocks=text(f"r{i}")))
    note = uuid.uuid4()
    _ok(await ana.do("send_message", chat_id=chat, message_id=note, kind="note",
                     blocks=text("internal")))  # fmt: skip
    head = int(
        (await client.get("/sync/changes?since=0&limit=1", headers=ana.headers)).json()["head"]
    )

    # A note is not the customer's to read; nor is another chat's message.
    r = await client.post(f"/customer/chats/{chat}/read", json={"message_id": str(note)},
                          headers=customer)  # fmt: skip
    assert r.status_code == 404
    other = await start_chat(client, world)
    r = await client.post(f"/customer/chats/{other['chat_id']}/read",
                          json={"message_id": str(ids[1])},
                          headers={"Authorization": f"Bearer {other['token']}"})  # fmt: skip
    assert r.status_code == 404
    r = await client.post(f"/customer/chats/{chat}/read", json={"message_id": str(ids[1])})
    assert r.status_code == 401

    r = await client.post(f"/customer/chats/{chat}/read", json={"message_id": str(ids[1])},
                          headers=customer)  # fmt: skip
    assert r.status_code == 200, r.text
    assert r.json() == {"read": 2}
    msgs = {
        m["id"]: m
        for m in (await client.get(f"/chats/{chat}/messages", headers=ana.headers)).json()[
            "messages"
        ]
    }
    assert msgs[str(ids[0])]["customer_read_at"] and msgs[str(ids[1])]["customer_read_at"]
    assert msgs[str(ids[2])]["customer_read_at"] is None
    assert msgs[str(note)]["customer_read_at"] is None
    # the managers hear of it through the change log
    news = await _changes(client, ana, since=head)
    read = {c["id"] for c in news if c["entity"] == "message" and c["data"]["customer_read_at"]}
    assert read == {str(ids[0]), str(ids[1])}
    # again: nothing more to mark
    r = await client.post(f"/customer/chats/{chat}/read", json={"message_id": str(ids[1])},
                          headers=customer)  # fmt: skip
    assert r.json() == {"read": 0}
