"""Push: every mutation's effect, compare-and-set refusals, and exactly-once numbering."""

# covers: Y3, H1, H2, H3, P1, P2, P3

from __future__ import annotations

import asyncio
import random
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import MutationName
from server import wire
from server.auth.service import Principal
from server.db import models as m
from server.db.types import utcnow
from server.errors import ServiceError
from server.inbox import chats, counts
from server.services import Services
from server.sync import mutations
from tests.support.pusher import Pusher, text
from tests.support.world import World, login, start_chat


@pytest.fixture
async def ana(client: httpx.AsyncClient, world: World) -> Pusher:
    return Pusher(client, await login(client, "ana"))


async def principal(services: Services, headers: dict[str, str]) -> Principal:
    """Who a login's token stands for, to push through the service without HTTP."""
    return await services.auth.authenticate(headers["Authorization"].removeprefix("Bearer "))


def push_request(client_id: uuid.UUID, *mutations: dict[str, Any]) -> s.PushRequest:
    return s.PushRequest.model_validate({"client_id": str(client_id), "mutations": mutations})


async def chat_row(client: httpx.AsyncClient, pusher: Pusher, chat_id: str) -> dict[str, Any]:
    r = await client.get(f"/chats/{chat_id}", headers=pusher.headers)
    assert r.status_code == 200
    return dict(r.json())


async def test_send_reply_and_note(client: httpx.AsyncClient, world: World, ana: Pusher) -> None:
    chat = await start_chat(client, world)
    reply, note = uuid.uuid4(), uuid.uuid4()
    assert (
        await ana.do("send_message", chat_id=chat["chat_id"], message_id=reply, blocks=text("답변"))
    )["status"] == "applied"
    res = await ana.do(
        "send_message",
        chat_id=chat["chat_id"],
        message_id=note,
        kind="note",
        blocks=text("internal"),
    )
    assert res["status"] == "applied" and res["seq"] > 0
    msgs = (await client.get(f"/chats/{chat['chat_id']}/messages", headers=ana.headers)).json()
    assert [(x["id"], x["kind"]) for x in msgs["messages"][1:]] == [
        (str(reply), "reply"),
        (str(note), "note"),
    ]
    row = await chat_row(client, ana, chat["chat_id"])
    assert row["last_message_preview"] == "(note) internal"
    # the customer never sees the note
    seen = await client.get(
        f"/customer/chats/{chat['chat_id']}", headers={"Authorization": f"Bearer {chat['token']}"}
    )
    assert [x["kind"] for x in seen.json()["messages"]] == ["reply", "reply"]


async def test_message_ids_are_unique(client: httpx.AsyncClient, world: World, ana: Pusher) -> None:
    chat = await start_chat(client, world)
    mid = uuid.uuid4()
    assert (
        await ana.do("send_message", chat_id=chat["chat_id"], message_id=mid, blocks=text("a"))
    )["status"] == "applied"
    again = await ana.do("send_message", chat_id=chat["chat_id"], message_id=mid, blocks=text("b"))
    assert again["status"] == "refused"
    assert again["error"]["code"] == "duplicate_id"


async def test_star_and_mark_read_are_mine_only(
    client: httpx.AsyncClient, world: World, ana: Pusher
) -> None:
    chat = await start_chat(client, world)
    await ana.do("star", chat_id=chat["chat_id"], starred=True)
    await ana.do("mark_read", chat_id=chat["chat_id"])
    mine = (await client.get("/sync/changes?since=0", headers=ana.headers)).json()["changes"]
    states = [c["data"] for c in mine if c["entity"] == "chat_state"]
    assert states[-1]["starred"] is True
    assert states[-1]["read_seq"] > 0 and states[-1]["unread_count"] == 0
    ben = await login(client, "ben")
    theirs = (await client.get("/sync/changes?since=0", headers=ben)).json()
    assert not [c for c in theirs["changes"] if c["entity"] == "chat_state"]
    assert theirs["to"] == theirs["head"], "hidden entries still move the cursor"


async def test_assign_is_compare_and_set(
    client: httpx.AsyncClient, world: World, ana: Pusher
) -> None:
    chat = await start_chat(client, world)
    ben = Pusher(client, await login(client, "ben"))
    ana_id, ben_id = world.managers["ana"], world.managers["ben"]
    assert (
        await ana.do(
            "assign", chat_id=chat["chat_id"], assignee_id=ana_id, expected_assignee_id=None
        )
    )["status"] == "applied"
    late = await ben.do(
        "assign", chat_id=chat["chat_id"], assignee_id=ben_id, expected_assignee_id=None
    )
    assert late["status"] == "refused"
    assert late["error"]["code"] == "stale_value"
    assert late["error"]["current"] == str(ana_id), "someone else took it: say who"
    row = await chat_row(client, ana, chat["chat_id"])
    assert row["assignee_id"] == str(ana_id)
    assert str(ana_id) in row["follower_ids"], "P1: the assignee follows the chat"
    # with the right expectation it goes through
    ok = await ben.do(
        "assign", chat_id=chat["chat_id"], assignee_id=ben_id, expected_assignee_id=ana_id
    )
    assert ok["status"] == "applied"


async def test_assign_to_unknown_manager_is_refused(
    client: httpx.AsyncClient, world: World, ana: Pusher
) -> None:
    chat = await start_chat(client, world)
    res = await ana.do(
        "assign", chat_id=chat["chat_id"], assignee_id=uuid.uuid4(), expected_assignee_id=None
    )
    assert res["status"] == "refused" and res["error"]["code"] == "invalid_value"


async def test_state_changes_and_snooze_limit(
    client: httpx.AsyncClient, world: World, ana: Pusher
) -> None:
    chat = await start_chat(client, world)
    cid = chat["chat_id"]
    too_far = utcnow() + timedelta(days=181)
    res = await ana.do(
        "set_state", chat_id=cid, state="snoozed", expected_state="open", snooze_until=too_far
    )
    assert res["status"] == "refused" and res["error"]["code"] == "limit_exceeded"
    assert "180" in res["error"]["message"]
    until = utcnow() + timedelta(days=180) - timedelta(minutes=1)
    assert (
        await ana.do(
            "set_state", chat_id=cid, state="snoozed", expected_state="open", snooze_until=until
        )
    )["status"] == "applied"
    row = await chat_row(client, ana, cid)
    assert row["state"] == "snoozed" and row["snooze_until"] is not None
    stale = await ana.do("set_state", chat_id=cid, state="closed", expected_state="open")
    assert stale["status"] == "refused" and stale["error"]["current"] == "snoozed"
    assert (await ana.do("set_state", chat_id=cid, state="closed", expected_state="snoozed"))[
        "status"
    ] == "applied"
    # H2: closing is undone by reopening
    assert (await ana.do("set_state", chat_id=cid, state="open", expected_state="closed"))[
        "status"
    ] == "applied"
    row = await chat_row(client, ana, cid)
    assert row["state"] == "open" and row["snooze_until"] is None
    past = await ana.do(
        "set_state",
        chat_id=cid,
        state="snoozed",
        expected_state="open",
        snooze_until=utcnow() - timedelta(minutes=1),
    )
    assert past["status"] == "refused" and past["error"]["code"] == "invalid_value"


async def test_team_follow_tags_description(
    client: httpx.AsyncClient, world: World, ana: Pusher
) -> None:
    chat = await start_chat(client, world)
    cid = chat["chat_id"]
    team = world.teams["support"]
    assert (await ana.do("set_team", chat_id=cid, team_id=team, expected_team_id=None))[
        "status"
    ] == "applied"
    assert (await ana.do("set_team", chat_id=cid, team_id=None, expected_team_id=None))["error"][
        "code"
    ] == "stale_value"
    await ana.do("follow", chat_id=cid)
    await ana.do("follow", chat_id=cid, manager_id=world.managers["ben"])
    await ana.do("unfollow", chat_id=cid)
    for i in range(8):
        assert (await ana.do("add_tag", chat_id=cid, tag=f"tag{i}"))["status"] == "applied"
    ninth = await ana.do("add_tag", chat_id=cid, tag="one-too-many")
    assert ninth["status"] == "refused" and ninth["error"]["code"] == "limit_exceeded"
    await ana.do("remove_tag", chat_id=cid, tag="tag3")
    await ana.do("set_description", chat_id=cid, description="VIP 고객 #환불 #urgent")
    row = await chat_row(client, ana, cid)
    assert row["team_id"] == str(team)
    assert row["follower_ids"] == [str(world.managers["ben"])]
    assert sorted(row["tags"]) == sorted(f"tag{i}" for i in range(8) if i != 3)
    assert row["description"] == "VIP 고객 #환불 #urgent"


async def test_profile_field_is_typed(
    client: httpx.AsyncClient, world: World, ana: Pusher, db: Any
) -> None:
    from sqlalchemy import insert

    async with db.write() as conn:
        await conn.execute(
            insert(m.CustomerField),
            [
                {
                    "workspace_id": world.workspace_id,
                    "key": "orders",
                    "label": "Orders",
                    "type": "number",
                },
                {
                    "workspace_id": world.workspace_id,
                    "key": "vip",
                    "label": "VIP",
                    "type": "boolean",
                },
            ],
        )
    chat = await start_chat(client, world)
    cust = chat["customer_id"]
    assert (await ana.do("set_profile_field", customer_id=cust, key="orders", value=3))[
        "status"
    ] == "applied"
    wrong = await ana.do("set_profile_field", customer_id=cust, key="vip", value="yes")
    assert wrong["status"] == "refused" and "boolean" in wrong["error"]["message"]
    unknown = await ana.do("set_profile_field", customer_id=cust, key="shoe_size", value="42")
    assert unknown["status"] == "refused"
    changes = (await client.get("/sync/changes?since=0", headers=ana.headers)).json()["changes"]
    customer = [c for c in changes if c["entity"] == "customer" and c["id"] == cust][-1]
    assert customer["data"]["profile"] == {"orders": 3}


async def test_duplicate_push_returns_stored_results(
    client: httpx.AsyncClient, world: World, ana: Pusher
) -> None:
    chat = await start_chat(client, world)
    muts = [
        ana.mutation(
            "send_message", chat_id=chat["chat_id"], message_id=uuid.uuid4(), blocks=text("once")
        ),
        ana.mutation(
            "set_state", chat_id=chat["chat_id"], state="closed", expected_state="snoozed"
        ),
    ]
    first = await ana.send(*muts)
    again = await ana.send(*muts)
    assert first.status_code == again.status_code == 200
    a, b = first.json()["results"], again.json()["results"]
    assert [r["status"] for r in a] == ["applied", "refused"]
    assert [(r["status"], r.get("seq"), r.get("error")) for r in b] == [
        (r["status"], r.get("seq"), r.get("error")) for r in a
    ]
    assert all(r["duplicate"] for r in b)
    msgs = (await client.get(f"/chats/{chat['chat_id']}/messages", headers=ana.headers)).json()[
        "messages"
    ]
    assert [m["blocks"][0]["text"] for m in msgs].count("once") == 1


async def test_skipped_mutation_id_stops_the_batch(
    client: httpx.AsyncClient, world: World, ana: Pusher
) -> None:
    chat = await start_chat(client, world)
    m1 = ana.mutation("star", chat_id=chat["chat_id"])
    m2 = ana.mutation("star", chat_id=chat["chat_id"], starred=False)
    m3 = ana.mutation("star", chat_id=chat["chat_id"])
    r = (await ana.send(m1, m3)).json()
    assert [x["mutation_id"] for x in r["results"]] == [1]
    assert r["expected_mutation_id"] == 2 and r["last_mutation_id"] == 1
    r = (await ana.send(m3)).json()
    assert r["results"] == [] and r["expected_mutation_id"] == 2
    r = (await ana.send(m2, m3)).json()
    assert [x["mutation_id"] for x in r["results"]] == [2, 3]
    assert r["expected_mutation_id"] is None and r["last_mutation_id"] == 3


async def test_bad_args_and_unknown_chat_are_refused_not_crashed(
    client: httpx.AsyncClient, world: World, ana: Pusher
) -> None:
    bad = await ana.do("star", chat_id="not-a-uuid")
    assert bad["status"] == "refused" and bad["error"]["code"] == "validation_error"
    gone = await ana.do("star", chat_id=uuid.uuid4())
    assert gone["status"] == "refused" and gone["error"]["code"] == "not_found"
    # refusals still count: the next id is 3
    r = (
        await ana.send({"mutation_id": 3, "name": "star", "args": {"chat_id": str(uuid.uuid4())}})
    ).json()
    assert r["last_mutation_id"] == 3


async def test_client_id_is_bound_to_its_manager(
    client: httpx.AsyncClient, world: World, ana: Pusher
) -> None:
    chat = await start_chat(client, world)
    await ana.do("star", chat_id=chat["chat_id"])
    ben = Pusher(client, await login(client, "ben"), client_id=ana.client_id)
    r = await ben.send(ben.mutation("star", chat_id=chat["chat_id"]))
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "client_mismatch"


async def test_pushes_applied_together_keep_their_own_fates(
    services: Services,
    client: httpx.AsyncClient,
    world: World,
    ana: Pusher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Group commit: pushes that arrive together share one transaction. One that fails (a
    client id of another login; an unexpected error after its first mutation) leaves
    nothing behind and the others applied; a retry racing its original gets the
    original's result; the log stays gapless."""
    chat = await start_chat(client, world)
    chat_id = chat["chat_id"]
    await ana.do("star", chat_id=chat_id)  # ana's client id now exists, bound to ana
    ben_headers = await login(client, "ben")
    me_ana = await principal(services, ana.headers)
    me_ben = await principal(services, ben_headers)

    async def boom(ctx: Any, args: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(mutations.HANDLERS, MutationName.FOLLOW, boom)

    def req(client_id: object, *muts: tuple[str, dict[str, Any]]) -> s.PushRequest:
        return s.PushRequest.model_validate(
            {
                "client_id": str(client_id),
                "mutations": [
                    {"mutation_id": i, "name": name, "args": args}
                    for i, (name, args) in enumerate(
                        muts, start=2 if client_id == ana.client_id else 1
                    )
                ],
            }
        )

    send = (
        "send_message",
        {"chat_id": chat_id, "message_id": str(uuid.uuid4()), "blocks": text("hi")},
    )
    doomed, lucky = uuid.uuid4(), uuid.uuid4()
    first, again, stolen, failed, applied = await asyncio.gather(
        services.push.push(me_ana, req(ana.client_id, send)),
        services.push.push(me_ana, req(ana.client_id, send)),
        services.push.push(me_ben, req(ana.client_id, ("star", {"chat_id": chat_id}))),
        services.push.push(
            me_ben, req(doomed, ("star", {"chat_id": chat_id}), ("follow", {"chat_id": chat_id}))
        ),
        services.push.push(me_ben, req(lucky, ("star", {"chat_id": chat_id}))),
        return_exceptions=True,
    )
    assert isinstance(first, s.PushResponse) and isinstance(again, s.PushResponse)
    [a], [b] = first.results, again.results
    assert a.status == "applied" and not a.duplicate
    assert b.duplicate and b.seq == a.seq
    assert isinstance(stolen, ServiceError) and stolen.code is ErrorCode.CLIENT_MISMATCH
    assert isinstance(failed, RuntimeError)
    assert isinstance(applied, s.PushResponse) and applied.results[0].status == "applied"

    monkeypatch.undo()
    # The failed push stored nothing: its client is new, its star was undone.
    retry = await services.push.push(
        me_ben, req(doomed, ("star", {"chat_id": chat_id, "starred": False}))
    )
    assert retry.results[0].status == "applied" and not retry.results[0].duplicate
    async with services.db.read() as conn:
        seqs = list(
            await conn.scalars(
                select(m.ChangeLog.seq)
                .where(m.ChangeLog.workspace_id == world.workspace_id)
                .order_by(m.ChangeLog.seq)
            )
        )
        last = await conn.scalar(
            select(m.Workspace.last_seq).where(m.Workspace.id == world.workspace_id)
        )
        starred = await conn.scalar(
            select(m.ChatState.starred).where(
                m.ChatState.chat_id == uuid.UUID(chat_id),
                m.ChatState.manager_id == me_ben.manager_id,
            )
        )
    assert seqs == list(range(1, len(seqs) + 1)) and seqs[-1] == last
    assert starred is False  # the lucky star, then the retry's unstar; never the doomed one


async def test_a_refusal_after_a_write_undoes_that_write_alone(
    services: Services,
    client: httpx.AsyncClient,
    world: World,
    ana: Pusher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A batch runs first without savepoints. A handler that writes and then refuses
    leaves a write nothing can undo there, so the batch runs again with savepoints: the
    refusal is stored as its result, its write is gone, the other push is applied."""
    chat = await start_chat(client, world)
    chat_id = chat["chat_id"]
    me = await principal(services, ana.headers)
    star = mutations.HANDLERS[MutationName.STAR]

    async def star_then_refuse(ctx: Any, args: Any) -> None:
        await star(ctx, args)  # writes chat_state
        raise ServiceError(ErrorCode.INVALID_VALUE, "changed my mind")

    monkeypatch.setitem(mutations.HANDLERS, MutationName.STAR, star_then_refuse)

    def req(client_id: uuid.UUID, name: str, args: dict[str, Any]) -> s.PushRequest:
        return push_request(client_id, {"mutation_id": 1, "name": name, "args": args})

    reruns = services.push.careful_reruns
    refused, applied = await asyncio.gather(
        services.push.push(me, req(uuid.uuid4(), "star", {"chat_id": chat_id})),
        services.push.push(me, req(uuid.uuid4(), "follow", {"chat_id": chat_id})),
    )
    assert services.push.careful_reruns == reruns + 1
    assert refused.results[0].status == "refused"
    assert refused.results[0].error is not None
    assert refused.results[0].error.message == "changed my mind"
    assert applied.results[0].status == "applied"
    async with services.db.read() as conn:
        starred = await conn.scalar(
            select(m.ChatState.starred).where(
                m.ChatState.chat_id == uuid.UUID(chat_id), m.ChatState.manager_id == me.manager_id
            )
        )
        followers = await conn.scalar(
            select(m.Chat.follower_ids).where(m.Chat.id == uuid.UUID(chat_id))
        )
    assert not starred
    assert str(me.manager_id) in followers


async def test_a_refusal_before_any_write_needs_no_second_run(
    services: Services, client: httpx.AsyncClient, world: World, ana: Pusher
) -> None:
    chat = await start_chat(client, world)
    reruns = services.push.careful_reruns
    stale = await ana.do(
        "assign", chat_id=chat["chat_id"], assignee_id=None, expected_assignee_id=str(uuid.uuid4())
    )
    assert stale["status"] == "refused" and stale["error"]["code"] == "stale_value"
    assert services.push.careful_reruns == reruns


async def test_batches_that_touch_a_chat_many_times_end_exact(
    services: Services, client: httpx.AsyncClient, world: World, ana: Pusher
) -> None:
    """A batch reads its chats and chat states once and keeps them current as it writes
    (inbox/known.py). Rounds of 40 pushes on 3 chats, each round one batch: every effect
    lands, the counts kept by deltas equal a recount, the denormalised rows agree, and
    the last logged row of each chat and chat state is the stored one."""
    rng = random.Random(11)
    chat_ids = [(await start_chat(client, world))["chat_id"] for _ in range(3)]
    ben_headers = await login(client, "ben")
    principals = [await principal(services, h) for h in (ana.headers, ben_headers)]
    clients = [(me, uuid.uuid4()) for me in principals for _ in range(2)]
    next_id = {cid: 1 for _, cid in clients}
    model = {c: {"state": "open", "assignee": None} for c in chat_ids}
    seat_on = [str(me.manager_id) for me in principals] + [None]
    reruns = services.push.careful_reruns
    for _ in range(5):
        pushes = []
        for i in range(40):
            me, cid = rng.choice(clients)
            chat = rng.choice(chat_ids)
            roll = rng.random()
            if roll < 0.15:
                new = rng.choice(seat_on)
                name, args = "assign", {"assignee_id": new}
                args["expected_assignee_id"] = model[chat]["assignee"]
                model[chat]["assignee"] = new
            elif roll < 0.3:
                new = rng.choice(["open", "closed"])
                name, args = "set_state", {"state": new, "expected_state": model[chat]["state"]}
                model[chat]["state"] = new
            elif roll < 0.45:
                name, args = rng.choice(["add_tag", "remove_tag"]), {"tag": rng.choice("abc")}
            elif roll < 0.55:
                name, args = "star", {"starred": rng.random() < 0.5}
            elif roll < 0.65:
                name, args = "mark_read", {}
            elif roll < 0.75:
                name, args = rng.choice(["follow", "unfollow"]), {}
            elif roll < 0.85:
                description = rng.choice(["#a x", "#b #a", ""])
                name, args = "set_description", {"description": description}
            else:
                name, args = "send_message", {"message_id": uuid.uuid4(), "blocks": text(f"m{i}")}
            args["chat_id"] = chat
            mutation = {"mutation_id": next_id[cid], "name": name, "args": args}
            next_id[cid] += 1
            pushes.append(services.push.push(me, push_request(cid, mutation)))
        for answer in await asyncio.gather(*pushes):
            [result] = answer.results
            assert result.status == "applied", result.error
    assert services.push.careful_reruns == reruns  # all of it on the path without savepoints

    async with services.db.read() as conn:
        kept = await counts.stored(conn, world.workspace_id)
        rows = {r.id: r for r in await conn.execute(select(m.Chat))}
        states = {(r.chat_id, r.manager_id): r for r in await conn.execute(select(m.ChatState))}
        tags = await conn.execute(
            select(m.ChatTag.chat_id, m.Tag.name).join(m.Tag, m.Tag.id == m.ChatTag.tag_id)
        )
        followers = await conn.execute(select(m.ChatFollower.chat_id, m.ChatFollower.manager_id))
        hashtags = await conn.execute(select(m.ChatHashtag.chat_id, m.ChatHashtag.tag))
        log = list(
            await conn.execute(
                select(m.ChangeLog)
                .where(m.ChangeLog.workspace_id == world.workspace_id)
                .order_by(m.ChangeLog.seq)
            )
        )
    async with services.db.write() as conn:
        rebuilt = {k: v for k, v in (await counts.recount(conn, world.workspace_id)).items() if v}
    assert kept == rebuilt
    for cid in chat_ids:
        row = rows[uuid.UUID(cid)]
        assert (row.state, row.assignee_id and str(row.assignee_id)) == (
            model[cid]["state"],
            model[cid]["assignee"],
        )
    assert _grouped(tags) == {r.id: set(r.tags) for r in rows.values() if r.tags}
    assert _grouped((c, str(f)) for c, f in followers) == {
        r.id: set(r.follower_ids) for r in rows.values() if r.follower_ids
    }
    assert _grouped(hashtags) == {
        r.id: set(chats.hashtags(r.description))
        for r in rows.values()
        if chats.hashtags(r.description)
    }
    assert [e.seq for e in log] == list(range(log[0].seq, log[0].seq + len(log)))
    last = {(e.entity, e.entity_id): e.data for e in log}
    for row in rows.values():
        assert last["chat", str(row.id)] == wire.chat(row)
    for (chat_id, manager_id), row in states.items():
        assert last["chat_state", f"{chat_id}:{manager_id}"] == wire.chat_state(row)
    assert _replayed_counts(log) == kept


def _replayed_counts(log: list[Any]) -> dict[counts.Key, int]:
    """Replay the log; after each transaction's or mutation's entries, the counts it
    carries must be those of the chat and chat_state rows it carries. Deferred counts
    (counts.write_bumps) must show each step, not only the batch's end."""
    chat_rows: dict[str, Any] = {}
    state_rows: dict[str, Any] = {}
    logged: dict[counts.Key, int] = {}

    def check() -> None:
        chat_state = {cid: row.state for cid, row in chat_rows.items()}
        want: Counter[counts.Key] = Counter()
        for row in chat_rows.values():
            want.update(counts.chat_keys(row))
        for row in state_rows.values():
            want.update(counts.state_keys(row, chat_state[str(row.chat_id)]))
        assert {k: v for k, v in logged.items() if v} == +want

    group = None
    for e in log:
        if (e.client_id, e.mutation_id) != group:
            check()
            group = e.client_id, e.mutation_id
        if e.entity == "chat":
            chat_rows[e.entity_id] = SimpleNamespace(**e.data)
        elif e.entity == "chat_state":
            state_rows[e.entity_id] = SimpleNamespace(**e.data)
        elif e.entity == "count":
            logged[e.data["scope"], e.data["key"], e.data["state"]] = e.data["count"]
    check()
    return {k: v for k, v in logged.items() if v}


def _grouped(pairs: Iterable[tuple[uuid.UUID, str]]) -> dict[uuid.UUID, set[str]]:
    out: dict[uuid.UUID, set[str]] = {}
    for key, value in pairs:
        out.setdefault(key, set()).add(value)
    return out


async def test_a_duplicate_message_id_in_a_batch_fails_only_its_own_push(
    services: Services, client: httpx.AsyncClient, world: World, ana: Pusher
) -> None:
    """A failed INSERT aborts a PostgreSQL transaction. Without savepoints the batch
    cannot go on, so it runs again with them: the second use of the id is refused, the
    first and a push after it are applied."""
    chat_id = (await start_chat(client, world))["chat_id"]
    me = await principal(services, ana.headers)
    message_id = str(uuid.uuid4())

    def send(client_id: uuid.UUID, text_: str) -> s.PushRequest:
        args = {"chat_id": chat_id, "message_id": message_id, "blocks": text(text_)}
        return push_request(client_id, {"mutation_id": 1, "name": "send_message", "args": args})

    star = {"mutation_id": 1, "name": "star", "args": {"chat_id": chat_id}}
    reruns = services.push.careful_reruns
    first, second, starred = await asyncio.gather(
        services.push.push(me, send(uuid.uuid4(), "first")),
        services.push.push(me, send(uuid.uuid4(), "second")),
        services.push.push(me, push_request(uuid.uuid4(), star)),
    )
    assert services.push.careful_reruns == reruns + 1
    assert first.results[0].status == "applied"
    assert second.results[0].error is not None
    assert second.results[0].error.code is ErrorCode.DUPLICATE_ID
    assert starred.results[0].status == "applied"
    msgs = (await client.get(f"/chats/{chat_id}/messages", headers=ana.headers)).json()
    assert [b["text"] for x in msgs["messages"][1:] for b in x["blocks"]] == ["first"]
