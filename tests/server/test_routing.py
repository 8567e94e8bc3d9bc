"""Auto-assignment through the API: who gets a new chat, the team queues, refill on each
way of gaining room, and who is (not) told about it."""

# covers: R1, R2, R3, R4, S7, O1, N3

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from server import admin
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from tests.support.pusher import Pusher
from tests.support.world import World, login, make_world, start_chat

NAMES = ("owner", "ana", "ben", "cho", "dan", "eve")


@dataclass
class Desk:
    """A workspace whose managers can all push; `team()` adds auto-assigning teams."""

    client: httpx.AsyncClient
    db: Database
    world: World
    people: dict[str, Pusher]

    def id(self, name: str) -> str:
        return str(self.world.managers[name])

    @property
    def owner(self) -> Pusher:
        return self.people["owner"]

    async def team(self, name: str, members: tuple[str, ...], *, auto: bool = True) -> str:
        tid = await admin.create_team(
            self.db,
            self.world.workspace_id,
            name,
            [self.world.managers[n] for n in members],
            auto_assign=auto,
        )
        return str(tid)

    async def arrive(self, team: str | None, text: str = "문의드립니다") -> str:
        extra = {"team_id": team} if team is not None else {}
        return (await start_chat(self.client, self.world, text=text, **extra))["chat_id"]

    async def chat(self, chat_id: str) -> dict[str, Any]:
        r = await self.client.get(f"/chats/{chat_id}", headers=self.owner.headers)
        assert r.status_code == 200, r.text
        return dict(r.json())

    async def assignee(self, chat_id: str) -> str | None:
        who: str | None = (await self.chat(chat_id))["assignee_id"]
        return who

    async def name_of(self, chat_id: str) -> str | None:
        who = await self.assignee(chat_id)
        names = {v: k for k, v in ((n, self.id(n)) for n in NAMES)}
        return None if who is None else names[who]

    async def set(self, name: str, **settings: Any) -> None:
        """PATCH /managers/{id} as the owner (an admin may change anyone's settings)."""
        r = await self.client.patch(
            f"/managers/{self.id(name)}", headers=self.owner.headers, json=settings
        )
        assert r.status_code == 200, r.text

    async def hand(self, chat_id: str, name: str | None, *, by: str = "owner") -> dict[str, Any]:
        """Assign by hand (the assign mutation), expecting the current assignee."""
        current = await self.assignee(chat_id)
        return await self.people[by].do(
            "assign",
            chat_id=chat_id,
            assignee_id=self.id(name) if name else None,
            expected_assignee_id=current,
        )

    async def load(self, name: str, n: int) -> list[str]:
        """Give `name` n open chats without a team, by hand."""
        chats = [await self.arrive(None, text=f"load {name} {i}") for i in range(n)]
        for c in chats:
            assert (await self.hand(c, name))["status"] == "applied"
        return chats

    async def state(self, chat_id: str, state: str, *, by: str = "owner") -> None:
        current = (await self.chat(chat_id))["state"]
        args: dict[str, Any] = {"chat_id": chat_id, "state": state, "expected_state": current}
        if state == "snoozed":
            args["snooze_until"] = utcnow() + timedelta(hours=2)
        res = await self.people[by].do("set_state", **args)
        assert res["status"] == "applied", res

    async def notes(self, name: str) -> list[dict[str, Any]]:
        """The notification entries `name` can read in the feed, oldest first."""
        found: list[dict[str, Any]] = []
        since = 0
        while True:
            r = await self.client.get(
                "/sync/changes",
                params={"since": since, "limit": 1000},
                headers=self.people[name].headers,
            )
            assert r.status_code == 200, r.text
            page = r.json()
            found += [c["data"] for c in page["changes"] if c["entity"] == "notification"]
            if not page["more"]:
                return found
            since = page["to"]

    async def told(self, name: str) -> list[tuple[str, str]]:
        return [(n["reason"], n["chat_id"]) for n in await self.notes(name)]

    async def sidebar(self, state: str = "open") -> dict[str, Any]:
        r = await self.client.get(
            "/inbox/sidebar", params={"state": state}, headers=self.owner.headers
        )
        assert r.status_code == 200, r.text
        return dict(r.json())

    async def queues(self) -> dict[str, int]:
        """S7 as the sidebar shows it: team name -> waiting count."""
        return {q["name"]: q["count"] for q in (await self.sidebar())["queue"]}

    async def section(self, name: str, **params: Any) -> list[str]:
        r = await self.client.get(
            f"/inbox/sections/{name}", params=params, headers=self.owner.headers
        )
        assert r.status_code == 200, r.text
        return [c["id"] for c in r.json()["chats"]]

    async def waiting(self, team: str) -> list[str]:
        return await self.section(f"queue:{team}", sort="oldest")


@pytest.fixture
async def desk(client: httpx.AsyncClient, db: Database) -> Desk:
    world = await make_world(db, NAMES)
    people = {n: Pusher(client, await login(client, n)) for n in NAMES}
    return Desk(client, db, world, people)


async def assert_queued(desk: Desk, chat_id: str) -> None:
    chat = await desk.chat(chat_id)
    assert chat["assignee_id"] is None and chat["queued_since"] is not None, chat


async def assert_unqueued_unassigned(desk: Desk, chat_id: str) -> None:
    chat = await desk.chat(chat_id)
    assert chat["assignee_id"] is None and chat["queued_since"] is None, chat


# ---- R1: who gets a new chat ---------------------------------------------------------


async def test_fewest_open_chats_wins_and_ties_go_to_the_least_recently_assigned(
    desk: Desk,
) -> None:
    team = await desk.team("Desk", ("ana", "ben", "cho"))
    await desk.load("ana", 2)
    await desk.load("ben", 1)  # after ana's: ben was assigned more recently than ana
    c1 = await desk.arrive(team)
    assert await desk.name_of(c1) == "cho", "0 open chats beats 1 and 2"
    c2 = await desk.arrive(team)
    assert await desk.name_of(c2) == "ben", "ben and cho have 1 each: cho was assigned just now"
    c3 = await desk.arrive(team)
    assert await desk.name_of(c3) == "cho", "2, 2, 1"
    c4 = await desk.arrive(team)
    assert await desk.name_of(c4) == "ana", "all have 2: ana's last assignment is the oldest"
    # N3: each assignee is told, by a private entry in their own feed
    assert ("assigned", c1) in await desk.told("cho")
    assert ("assigned", c4) in await desk.told("ana")
    assert ("assigned", c4) not in await desk.told("ben")
    for c in (c1, c2, c3, c4):
        assert (await desk.chat(c))["queued_since"] is None
    # S8: the assignees' open counts
    counts = {a["name"]: a["count"] for a in (await desk.sidebar())["assignees"]}
    assert counts == {"Ana": 3, "Ben": 2, "Cho": 2}


async def test_ties_by_recency_even_when_nobody_has_open_chats(desk: Desk) -> None:
    team = await desk.team("Desk", ("ana", "ben", "cho"))
    # assigned in the order cho, ana, ben, then all closed: equal loads, known recency
    for name in ("cho", "ana", "ben"):
        [c] = await desk.load(name, 1)
        await desk.state(c, "closed")
    got = [await desk.name_of(await desk.arrive(team)) for _ in range(6)]
    assert got == ["cho", "ana", "ben", "cho", "ana", "ben"]


async def test_seat_off_away_full_and_out_of_rota_members_are_skipped(desk: Desk) -> None:
    team = await desk.team("Night", ("ana", "ben", "cho", "dan", "eve"))
    async with desk.db.write() as conn:  # eve stays in the team but out of its rota
        await conn.execute(
            update(m.TeamMember)
            .where(m.TeamMember.manager_id == desk.world.managers["eve"])
            .values(auto_assign=False)
        )
    await desk.set("ana", operator_seat=False)  # O1
    await desk.set("ben", available=False)  # away
    await desk.set("cho", max_auto_assign=1)  # R4: full once it has one
    await desk.set("dan", max_auto_assign=4)
    await desk.load("cho", 1)
    await desk.load("dan", 3)
    c = await desk.arrive(team)
    assert await desk.name_of(c) == "dan", "the only eligible member, though the busiest"
    waiting = await desk.arrive(team)
    await assert_queued(desk, waiting)  # dan is at 4 of 4 now
    assert await desk.queues() == {"Night": 1}
    for name in ("ana", "ben", "eve"):
        assert await desk.told(name) == [], name
    # O1: a seat-off manager cannot be given a chat by hand either
    res = await desk.hand(waiting, "ana")
    assert res["status"] == "refused" and res["error"]["code"] == "assignee_seat_off"
    await assert_queued(desk, waiting)


async def test_chats_without_team_or_auto_assignment_are_never_queued(desk: Desk) -> None:
    manual = await desk.team("Manual", ("ana",), auto=False)
    await desk.team("Desk", ("ben",))
    await desk.set("ana", max_auto_assign=0)
    await desk.set("ben", max_auto_assign=0)
    loose = await desk.arrive(None)
    handled = await desk.arrive(manual)
    for c in (loose, handled):
        await assert_unqueued_unassigned(desk, c)
    side = await desk.sidebar()
    assert side["queue"] == [] and side["unassigned"] == 2
    assert {t["name"]: t["count"] for t in side["unassigned_teams"]}["Manual"] == 1
    assert set(await desk.section("unassigned")) == {loose, handled}
    # room appearing later takes nothing from Unassigned
    await desk.set("ana", max_auto_assign=5)
    await desk.set("ben", max_auto_assign=5)
    for c in (loose, handled):
        await assert_unqueued_unassigned(desk, c)


# ---- R2, S7: the queue ---------------------------------------------------------------


async def test_queue_is_first_in_first_out_and_shown_only_while_a_chat_waits(
    desk: Desk,
) -> None:
    solo = await desk.team("Solo", ("ana",))
    other = await desk.team("Another", ("ben",))
    await desk.set("ana", max_auto_assign=1)
    await desk.set("ben", max_auto_assign=0)
    first = await desk.arrive(solo)
    assert await desk.name_of(first) == "ana"
    assert (await desk.sidebar())["queue"] == [], "S7: no entry while nothing waits"
    q = [await desk.arrive(solo, text=f"waiting {i}") for i in range(3)]
    elsewhere = await desk.arrive(other)
    for c in [*q, elsewhere]:
        await assert_queued(desk, c)
    stamps = [(await desk.chat(c))["queued_since"] for c in q]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3
    side = await desk.sidebar()
    assert side["queue"] == [
        {"team_id": other, "name": "Another", "count": 1},
        {"team_id": solo, "name": "Solo", "count": 3},
    ]
    assert side["unassigned"] == 0, "S6: a waiting chat is not in Unassigned"
    assert await desk.section("unassigned") == []
    assert await desk.waiting(solo) == q
    # each chat of ana's that closes takes the oldest waiting one
    done = first
    for i, expected in enumerate(q):
        await desk.state(done, "closed", by="ana")
        assert await desk.name_of(expected) == "ana"
        assert await desk.waiting(solo) == q[i + 1 :]
        done = expected
    assert await desk.queues() == {"Another": 1}
    await desk.set("ben", max_auto_assign=1)
    assert await desk.name_of(elsewhere) == "ben"
    assert (await desk.sidebar())["queue"] == [], "S7: hidden again once nothing waits"


@pytest.mark.parametrize("trigger", ["close", "snooze", "back", "max", "seat"])
async def test_gaining_room_takes_the_oldest_waiting_chat_and_notifies(
    desk: Desk, trigger: str
) -> None:
    solo = await desk.team("Solo", ("ana",))
    await desk.set("ana", max_auto_assign=1)
    busy = None
    if trigger in ("close", "snooze", "max"):
        busy = await desk.arrive(solo)
        assert await desk.name_of(busy) == "ana"
    elif trigger == "back":
        await desk.set("ana", available=False)
    else:
        await desk.set("ana", operator_seat=False)
    q1 = await desk.arrive(solo, text="first in line")
    q2 = await desk.arrive(solo, text="second in line")
    for c in (q1, q2):
        await assert_queued(desk, c)
    before = await desk.told("ana")
    assert all(c not in (q1, q2) for _, c in before), "N3: waiting chats tell nobody"

    match trigger:
        case "close":
            assert busy is not None
            await desk.state(busy, "closed", by="ana")
        case "snooze":
            assert busy is not None
            await desk.state(busy, "snoozed", by="ana")
        case "back":
            await desk.set("ana", available=True)
        case "max":
            await desk.set("ana", max_auto_assign=2)
        case "seat":
            await desk.set("ana", operator_seat=True)

    assert await desk.name_of(q1) == "ana", "the oldest waiting chat"
    assert (await desk.chat(q1))["queued_since"] is None
    await assert_queued(desk, q2)  # room for one only
    after = await desk.told("ana")
    assert after[len(before) :] == [("assigned", q1)]
    for name in ("owner", "ben"):
        assert ("assigned", q1) not in await desk.told(name), "a private entry"
    assert await desk.queues() == {"Solo": 1}
    assert desk.id("ana") in (await desk.chat(q1))["follower_ids"], "P1: the assignee follows"


async def test_refill_takes_the_oldest_across_all_of_my_teams(desk: Desk) -> None:
    a = await desk.team("Alpha", ("ana", "ben"))
    b = await desk.team("Beta", ("ana", "cho"))
    for name in ("ana", "ben", "cho"):
        await desk.set(name, max_auto_assign=0)
    order = [await desk.arrive(t, text=f"q{i}") for i, t in enumerate((b, a, b, a))]
    await desk.set("ana", max_auto_assign=3)
    got = [await desk.name_of(c) for c in order]
    assert got == ["ana", "ana", "ana", None]
    await desk.set("ben", max_auto_assign=1)  # ben is in Alpha only: the last one is Alpha's
    assert await desk.name_of(order[3]) == "ben"


async def test_waiting_chats_notify_nobody_until_assigned(desk: Desk) -> None:
    solo = await desk.team("Solo", ("ana", "ben"))
    await desk.set("ana", max_auto_assign=0)
    await desk.set("ben", max_auto_assign=0, notify_unassigned=True)
    r = await desk.client.patch(
        f"/managers/{desk.id('owner')}",
        headers=desk.owner.headers,
        json={"notify_unassigned": True},
    )
    assert r.status_code == 200
    chat = await start_chat(desk.client, desk.world, text="hello", team_id=solo)
    waiting = chat["chat_id"]
    r = await desk.client.post(
        f"/customer/chats/{waiting}/messages",
        headers={"Authorization": f"Bearer {chat['token']}"},
        json={"id": str(uuid.uuid4()), "text": "anyone there?"},
    )
    assert r.status_code == 201, r.text
    for name in NAMES:
        assert all(c != waiting for _, c in await desk.told(name)), name
    # the control: a chat without a team does tell those who asked (N2)
    loose = await desk.arrive(None)
    assert ("unassigned", loose) in await desk.told("ben")
    # once assigned, the assignee is told, and only they
    await desk.set("ana", max_auto_assign=1)
    assert await desk.name_of(waiting) == "ana"
    assert [c for _, c in await desk.told("ana") if c == waiting] == [waiting]
    assert all(c != waiting for _, c in await desk.told("ben"))


# ---- by hand, moves, reopening -------------------------------------------------------


async def test_a_waiting_chat_can_be_assigned_by_hand(desk: Desk) -> None:
    solo = await desk.team("Solo", ("ana",))
    await desk.set("ana", max_auto_assign=0)
    await desk.set("dan", operator_seat=False)
    q1, q2, q3 = [await desk.arrive(solo, text=f"q{i}") for i in range(3)]
    res = await desk.hand(q2, "ben")  # ben is not even in the team
    assert res["status"] == "applied"
    chat = await desk.chat(q2)
    assert chat["assignee_id"] == desk.id("ben") and chat["queued_since"] is None
    assert ("assigned", q2) in await desk.told("ben")
    assert await desk.waiting(solo) == [q1, q3]
    assert await desk.queues() == {"Solo": 2}
    # O1: not to a seat-off manager
    res = await desk.hand(q1, "dan")
    assert res["status"] == "refused" and res["error"]["code"] == "assignee_seat_off"
    await assert_queued(desk, q1)
    # by hand a member may go over their maximum (S8 shows it)
    assert (await desk.hand(q3, "ana", by="ana"))["status"] == "applied"
    [ana] = [a for a in (await desk.sidebar())["assignees"] if a["name"] == "Ana"]
    assert ana["count"] == 1 and ana["over_max"] is True
    assert await desk.waiting(solo) == [q1]


async def test_moving_a_waiting_chat_to_another_team(desk: Desk) -> None:
    solo = await desk.team("Solo", ("ana",))
    spare = await desk.team("Spare", ("ben",))
    full = await desk.team("Full", ("cho",))
    manual = await desk.team("Manual", ("dan",), auto=False)
    await desk.set("ana", max_auto_assign=0)
    await desk.set("ben", max_auto_assign=1)
    await desk.set("cho", max_auto_assign=0)
    ahead = await desk.arrive(full, text="already waiting in Full")
    q = [await desk.arrive(solo, text=f"q{i}") for i in range(4)]
    assert await desk.waiting(solo) == q

    async def move(chat_id: str, team: str | None) -> None:
        current = (await desk.chat(chat_id))["team_id"]
        res = await desk.owner.do(
            "set_team", chat_id=chat_id, team_id=team, expected_team_id=current
        )
        assert res["status"] == "applied", res

    await move(q[0], spare)  # a team with room: assigned at once
    assert await desk.name_of(q[0]) == "ben"
    await move(q[1], full)  # a team without room: waits there, behind the chats before it
    await assert_queued(desk, q[1])
    assert await desk.waiting(full) == [ahead, q[1]]
    await move(q[2], manual)  # no auto-assignment: Unassigned (S6)
    await assert_unqueued_unassigned(desk, q[2])
    assert await desk.section(f"unassigned_team:{manual}") == [q[2]]
    await move(q[3], None)
    await assert_unqueued_unassigned(desk, q[3])
    assert await desk.waiting(solo) == []
    assert await desk.queues() == {"Full": 2}
    await desk.set("cho", max_auto_assign=1)
    assert await desk.name_of(ahead) == "cho"
    await assert_queued(desk, q[1])
    # the moves left no count behind: every queue entry is gone with its chats
    await desk.set("cho", max_auto_assign=2)
    assert (await desk.sidebar())["queue"] == []


@pytest.mark.parametrize("leave", ["closed", "snoozed"])
async def test_a_reopened_chat_waits_behind_those_that_came_meanwhile(
    desk: Desk, leave: str
) -> None:
    solo = await desk.team("Solo", ("ana",))
    await desk.set("ana", max_auto_assign=0)
    q1 = await desk.arrive(solo, text="q1")
    q2 = await desk.arrive(solo, text="q2")
    await desk.state(q1, leave)  # it stops waiting
    assert await desk.queues() == {"Solo": 1}
    assert await desk.waiting(solo) == [q2]
    q3 = await desk.arrive(solo, text="q3")
    await desk.state(q1, "open")  # back in the queue, at its end
    await assert_queued(desk, q1)
    assert await desk.queues() == {"Solo": 3}
    got: list[str] = []
    for n in (1, 2, 3):
        await desk.set("ana", max_auto_assign=n)
        got += [c for c in (q1, q2, q3) if c not in got and await desk.assignee(c)]
    assert got == [q2, q3, q1]


async def test_a_reopened_chat_goes_to_a_member_with_room(desk: Desk) -> None:
    solo = await desk.team("Solo", ("ana",))
    await desk.set("ana", max_auto_assign=0)
    q = await desk.arrive(solo)
    await desk.state(q, "closed")
    await desk.set("ana", max_auto_assign=1)  # room, but the chat is closed: not taken
    assert await desk.assignee(q) is None
    await desk.state(q, "open")
    assert await desk.name_of(q) == "ana"
    assert ("assigned", q) in await desk.told("ana")


async def test_a_closed_or_snoozed_chat_leaves_the_queue(desk: Desk) -> None:
    solo = await desk.team("Solo", ("ana",))
    await desk.set("ana", max_auto_assign=0)
    q = await desk.arrive(solo)
    await desk.state(q, "snoozed")
    await assert_unqueued_unassigned(desk, q)
    snoozed = await desk.sidebar("snoozed")
    assert snoozed["queue"] == [] and snoozed["unassigned"] == 1


async def test_a_customer_reopening_a_snoozed_chat_routes_it(desk: Desk) -> None:
    solo = await desk.team("Solo", ("ana",))
    await desk.set("ana", max_auto_assign=0)
    r = await desk.client.post(
        "/customer/chats",
        json={"workspace_id": str(desk.world.workspace_id), "team_id": solo, "text": "hi"},
    )
    chat = r.json()
    await desk.state(chat["chat_id"], "snoozed")
    await desk.set("ana", max_auto_assign=1)  # room, but the chat sleeps: not taken
    assert await desk.assignee(chat["chat_id"]) is None
    r = await desk.client.post(
        f"/customer/chats/{chat['chat_id']}/messages",
        headers={"Authorization": f"Bearer {chat['token']}"},
        json={"id": str(uuid.uuid4()), "text": "아직이요?"},
    )
    assert r.status_code == 201
    assert (await desk.chat(chat["chat_id"]))["state"] == "open"
    assert await desk.name_of(chat["chat_id"]) == "ana", "reopened by the customer, then routed"
