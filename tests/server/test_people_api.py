"""Running a workspace's people through the API (issue 17): who may, teams that route as
R1-R4 say when set up with no database write by hand, deactivation, the last owner,
invitations. On SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.inbox import counts, loads
from tests.support.pusher import Pusher
from tests.support.world import PASSWORD, World, login, make_world, start_chat

NAMES = ("owner", "ana", "ben", "cho", "dan")


@dataclass
class Office:
    client: httpx.AsyncClient
    db: Database
    world: World
    heads: dict[str, dict[str, str]]

    def id(self, name: str) -> str:
        return str(self.world.managers[name])

    @property
    def owner(self) -> dict[str, str]:
        return self.heads["owner"]

    async def call(
        self, method: str, path: str, body: Any = None, *, who: str = "owner", status: int = 200
    ) -> Any:
        r = await self.client.request(method, path, json=body, headers=self.heads[who])
        assert r.status_code == status, r.text
        return r.json() if r.content else None

    async def refused(self, method: str, path: str, body: Any, who: str, status: int) -> str:
        r = await self.client.request(method, path, json=body, headers=self.heads[who])
        assert r.status_code == status, r.text
        code: str = r.json()["error"]["code"]
        return code

    async def desk(self) -> str:
        """A team of ana and ben, both in its auto-assignment rota."""
        body = {"name": "Desk", "auto_assign": True, "member_ids": [self.id("ana"), self.id("ben")]}
        return str((await self.call("POST", "/teams", body, status=201))["id"])

    async def chat(self, chat_id: str) -> dict[str, Any]:
        return dict(await self.call("GET", f"/chats/{chat_id}"))

    async def arrive(self, team_id: str | None, text: str = "문의드립니다") -> str:
        extra = {"team_id": team_id} if team_id else {}
        return (await start_chat(self.client, self.world, text=text, **extra))["chat_id"]

    async def holders(self, chat_ids: list[str]) -> list[str | None]:
        names = {self.id(n): n for n in NAMES}
        return [names.get((await self.chat(c))["assignee_id"] or "") for c in chat_ids]

    async def kept_equal_recounts(self) -> None:
        """Sidebar counts and routing loads kept by deltas are what a recount finds."""
        wid = self.world.workspace_id
        async with self.db.read() as conn:
            kept, kept_loads = await counts.stored(conn, wid), await loads.stored(conn, wid)
        async with self.db.write() as conn:
            rebuilt = await counts.recount(conn, wid)
            rebuilt_loads = await loads.recount(conn, wid)
        assert kept == {k: v for k, v in rebuilt.items() if v}
        assert kept_loads == {k: v for k, v in rebuilt_loads.items() if v}


@pytest.fixture
async def office(client: httpx.AsyncClient, db: Database) -> Office:
    world = await make_world(db, NAMES)
    heads = {n: await login(client, n) for n in NAMES}
    return Office(client, db, world, heads)


# ---- who may ------------------------------------------------------------------------------


def _endpoints(o: Office) -> list[tuple[str, str, Any]]:
    team, ana, ben = o.world.teams["support"], o.id("ana"), o.id("ben")
    return [
        ("GET", "/teams", None),
        ("POST", "/teams", {"name": "Sales"}),
        ("PATCH", f"/teams/{team}", {"name": "Help", "auto_assign": True}),
        ("DELETE", f"/teams/{team}", None),
        ("POST", f"/teams/{team}/members", {"manager_id": o.id("cho")}),
        ("PATCH", f"/teams/{team}/members/{ana}", {"rota": False, "max_auto_assign": 0}),
        ("DELETE", f"/teams/{team}/members/{ana}", None),
        ("GET", "/managers", None),
        ("POST", "/managers/invitations", {"email": "new@example.test"}),
        ("GET", "/managers/invitations", None),
        ("DELETE", f"/managers/invitations/{uuid.uuid4()}", None),
        ("PUT", f"/managers/{ben}/role", {"role": "admin"}),
        ("PUT", f"/managers/{ben}/permissions", {"permissions": ["delete_chats"]}),
        ("POST", f"/managers/{ben}/deactivate", None),
        ("POST", f"/managers/{ben}/reactivate", None),
        ("PATCH", f"/managers/{ben}", {"operator_seat": False}),  # O3: anyone's seat
    ]


async def test_every_endpoint_refuses_a_manager_without_the_role_and_a_customer(
    office: Office,
) -> None:
    # covers: O3, O4
    o = office
    customer = (await start_chat(o.client, o.world, text="hi"))["token"]
    o.heads["customer"] = {"Authorization": f"Bearer {customer}"}
    before = (await o.call("GET", "/teams"), await o.call("GET", "/managers"))
    for method, path, body in _endpoints(o):
        assert await o.refused(method, path, body, "ana", 403) == "admin_required", path
        assert await o.refused(method, path, body, "customer", 401) == "unauthenticated", path
    # Nothing changed, and the same calls work for the owner (the refusal was the role's).
    assert (await o.call("GET", "/teams"), await o.call("GET", "/managers")) == before
    await o.call("PUT", f"/managers/{o.id('ana')}/role", {"role": "admin"})
    await o.call("GET", "/teams", who="ana")
    await o.call("PATCH", f"/managers/{o.id('ben')}", {"operator_seat": False}, who="ana")
    [ben] = [x for x in await o.call("GET", "/managers") if x["id"] == o.id("ben")]
    assert ben["operator_seat"] is False


# ---- teams that route -----------------------------------------------------------------------


class Setup:
    """How a team is set up: the API here, the CLI in test_people_cli.py."""

    create: Callable[[str, list[str]], Awaitable[str]]  # name, members -> team id
    member: Callable[..., Awaitable[None]]  # team, name, rota=None, top=None
    join: Callable[[str, str, bool], Awaitable[None]]  # team, name, rota
    auto: Callable[[str, bool], Awaitable[None]]


def api_setup(o: Office) -> Setup:
    setup = Setup()

    async def create(name: str, members: list[str]) -> str:
        body = {"name": name, "auto_assign": True, "member_ids": [o.id(n) for n in members]}
        team = await o.call("POST", "/teams", body, status=201)
        return str(team["id"])

    async def member(
        team: str, name: str, rota: bool | None = None, top: int | None = None
    ) -> None:
        body = {k: v for k, v in {"rota": rota, "max_auto_assign": top}.items() if v is not None}
        await o.call("PATCH", f"/teams/{team}/members/{o.id(name)}", body)

    async def join(team: str, name: str, rota: bool) -> None:
        await o.call("POST", f"/teams/{team}/members", {"manager_id": o.id(name), "rota": rota})

    async def auto(team: str, on: bool) -> None:
        await o.call("PATCH", f"/teams/{team}", {"auto_assign": on})

    setup.create, setup.member, setup.join, setup.auto = create, member, join, auto
    return setup


async def routes_as_r1_to_r4(o: Office, setup: Setup) -> None:
    """A team made and tuned only through `setup`, then chats arrive for it."""
    team = await setup.create("Sales", ["ana", "ben"])
    await setup.member(team, "ana", top=1)
    await setup.member(team, "ben", top=2)
    await setup.join(team, "cho", False)  # a member, but out of the rota
    # Every app hears of it: a plain manager's feed has the team with its rota.
    feed = await o.call("GET", "/sync/changes?since=0&limit=1000", who="dan")
    entry = [c for c in feed["changes"] if c["entity"] == "team" and c["id"] == team][-1]
    assert entry["data"]["member_ids"] == sorted(o.id(n) for n in ("ana", "ben", "cho"))
    assert entry["data"]["rota_ids"] == sorted(o.id(n) for n in ("ana", "ben"))

    first = [await o.arrive(team, f"c{i}") for i in range(3)]
    # R1, R4: each to a rota member with room, fewest open chats first, up to their max.
    assert sorted(await o.holders(first), key=str) == ["ana", "ben", "ben"]
    # R2: nobody has room: it waits in the team's queue.
    waiting = await o.arrive(team, "c3")
    chat = await o.chat(waiting)
    assert chat["assignee_id"] is None and chat["queued_since"] is not None
    # R3: ana's maximum rises: the waiting chat is hers.
    await setup.member(team, "ana", top=2)
    assert await o.holders([waiting]) == ["ana"]
    # R3: a member coming into the rota takes the next waiting one.
    later = await o.arrive(team, "c4")
    assert await o.holders([later]) == [None]
    await setup.member(team, "cho", rota=True, top=2)
    assert await o.holders([later]) == ["cho"]
    # A member joining in the rota takes what waits too.
    more = await o.arrive(team, "c5")
    assert await o.holders([more]) == ["cho"]
    last = await o.arrive(team, "c6")
    assert await o.holders([last]) == [None]
    await setup.join(team, "dan", True)
    assert await o.holders([last]) == ["dan"]
    # Auto-assignment off: a new chat of the team stays unassigned and is not queued (S6).
    await setup.auto(team, False)
    off = await o.chat(await o.arrive(team, "c7"))
    assert off["assignee_id"] is None and off["queued_since"] is None
    await o.kept_equal_recounts()


async def test_a_team_set_up_through_the_api_routes_as_r1_to_r4(office: Office) -> None:
    # covers: R1, R2, R3, R4
    await routes_as_r1_to_r4(office, api_setup(office))


async def test_team_names_rename_and_refusals(office: Office) -> None:
    o = office
    team = await o.call("POST", "/teams", {"name": "Sales"}, status=201)
    assert await o.refused("POST", "/teams", {"name": "Sales"}, "owner", 409) == "name_taken"
    renamed = await o.call("PATCH", f"/teams/{team['id']}", {"name": "Billing"})
    assert renamed["name"] == "Billing"
    support = o.world.teams["support"]
    code = await o.refused("PATCH", f"/teams/{support}", {"name": "Billing"}, "owner", 409)
    assert code == "name_taken"
    missing = f"/teams/{uuid.uuid4()}"
    assert await o.refused("DELETE", missing, None, "owner", 404) == "not_found"
    path = f"/teams/{team['id']}/members/{o.id('ana')}"
    assert await o.refused("PATCH", path, {"rota": True}, "owner", 404) == "not_found"
    assert await o.refused("POST", "/teams", {"name": ""}, "owner", 422) == "validation_error"
    # Members leave; their chats stay theirs.
    await o.call("POST", f"/teams/{team['id']}/members", {"manager_id": o.id("ana")})
    left = await o.call("DELETE", path)
    assert left["member_ids"] == []
    [ana] = [x for x in await o.call("GET", "/managers") if x["id"] == o.id("ana")]
    assert team["id"] not in ana["team_ids"]


async def test_deleting_a_team_keeps_its_chats_working(office: Office) -> None:
    # covers: S6, S7
    o = office
    support = await o.desk()
    await o.call("PATCH", f"/teams/{support}/members/{o.id('ana')}", {"max_auto_assign": 1})
    await o.call("PATCH", f"/teams/{support}/members/{o.id('ben')}", {"max_auto_assign": 0})
    held = await o.arrive(support, "one")
    customer = await start_chat(o.client, o.world, text="two", team_id=support)
    waiting = customer["chat_id"]
    assert await o.holders([held, waiting]) == ["ana", None]
    sidebar = await o.call("GET", "/inbox/sidebar", who="ana")
    assert [q["count"] for q in sidebar["queue"]] == [1]

    await o.call("DELETE", f"/teams/{support}", status=204)
    assert support not in [t["id"] for t in await o.call("GET", "/teams")]
    kept, freed = await o.chat(held), await o.chat(waiting)
    assert kept["team_id"] is None and kept["assignee_id"] == o.id("ana")
    assert freed["team_id"] is None and freed["queued_since"] is None
    sidebar = await o.call("GET", "/inbox/sidebar", who="ana")
    assert sidebar["queue"] == []
    unassigned = await o.call("GET", "/inbox/sections/unassigned", who="ana")
    assert waiting in [c["id"] for c in unassigned["chats"]]
    # The chats still work both ways.
    r = await o.client.post(
        f"/customer/chats/{waiting}/messages",
        json={"id": str(uuid.uuid4()), "text": "still here"},
        headers={"Authorization": f"Bearer {customer['token']}"},
    )
    assert r.status_code == 201, r.text
    result = await Pusher(o.client, o.heads["ana"]).do(
        "send_message",
        chat_id=held,
        message_id=uuid.uuid4(),
        blocks=[{"type": "text", "text": "we are on it"}],
    )
    assert result["status"] == "applied", result
    for name in ("ana", "ben"):
        [x] = [x for x in await o.call("GET", "/managers") if x["id"] == o.id(name)]
        assert support not in x["team_ids"]
    await o.kept_equal_recounts()


# ---- deactivation ---------------------------------------------------------------------------


async def test_deactivating_hands_chats_back_to_routing_and_keeps_history(
    office: Office,
) -> None:
    # covers: O1, R1, R2
    o = office
    support = await o.desk()
    await o.call("PATCH", f"/teams/{support}/members/{o.id('ben')}", {"max_auto_assign": 0})
    routed = [await o.arrive(support, f"r{i}") for i in range(2)]
    loose = await o.arrive(None, "no team")
    assert await o.holders(routed) == ["ana", "ana"]
    ana = Pusher(o.client, o.heads["ana"])
    reply = uuid.uuid4()
    res = await ana.do(
        "send_message", chat_id=routed[0], message_id=reply, blocks=[{"type": "text", "text": "네"}]
    )
    assert res["status"] == "applied", res
    res = await ana.do("assign", chat_id=loose, assignee_id=o.id("ana"), expected_assignee_id=None)
    assert res["status"] == "applied", res
    await o.call("PATCH", f"/teams/{support}/members/{o.id('ben')}", {"max_auto_assign": 1})

    gone = await o.call("POST", f"/managers/{o.id('ana')}/deactivate")
    assert gone["deactivated"] is True
    # Her open chats went back to routing: ben had room for one, the other waits (R1, R2);
    # the chat without a team is in Unassigned (S6).
    assert sorted(await o.holders(routed), key=lambda x: x or "") == [None, "ben"]
    holders = await o.holders(routed)
    waiting = next(c for c, who in zip(routed, holders, strict=True) if who is None)
    assert (await o.chat(waiting))["queued_since"] is not None
    assert (await o.chat(loose))["assignee_id"] is None
    # Her message stays hers.
    page = await o.call("GET", f"/chats/{routed[0]}/messages")
    [mine] = [x for x in page["messages"] if x["id"] == str(reply)]
    assert mine["author_id"] == o.id("ana")
    # Her session ended, she cannot log in, nobody can give her a chat, routing skips her.
    r = await o.client.get("/auth/me", headers=o.heads["ana"])
    assert r.status_code == 401, r.text
    body = {"email": World.email("ana"), "password": PASSWORD}
    r = await o.client.post("/auth/login", json=body)
    assert r.status_code == 401 and r.json()["error"]["code"] == "manager_deactivated"
    res = await Pusher(o.client, o.owner).do(
        "assign", chat_id=loose, assignee_id=o.id("ana"), expected_assignee_id=None
    )
    assert res["status"] == "refused" and res["error"]["code"] == "manager_deactivated", res
    path = f"/teams/{support}/members"
    body2 = {"manager_id": o.id("ana")}
    assert await o.refused("POST", path, body2, "owner", 409) == "manager_deactivated"
    await o.kept_equal_recounts()

    # Reactivated: she logs in again and takes what waits (R3).
    back = await o.call("POST", f"/managers/{o.id('ana')}/reactivate")
    assert back["deactivated"] is False
    assert await o.holders([waiting]) == ["ana"]
    await login(o.client, "ana")


async def test_no_one_deactivates_themselves(office: Office) -> None:
    o = office
    await o.call("PUT", f"/managers/{o.id('ana')}/role", {"role": "admin"})
    path = f"/managers/{o.id('ana')}/deactivate"
    assert await o.refused("POST", path, None, "ana", 422) == "invalid_value"


# ---- roles ----------------------------------------------------------------------------------


async def test_the_last_owner_stays(office: Office) -> None:
    # covers: O4
    o = office
    owner, ana, ben = o.id("owner"), o.id("ana"), o.id("ben")
    demote = {"role": "admin"}
    assert await o.refused("PUT", f"/managers/{owner}/role", demote, "owner", 409) == "last_owner"
    path = f"/managers/{owner}/deactivate"
    assert await o.refused("POST", path, None, "owner", 409) == "last_owner"
    # An admin neither makes nor touches an owner.
    await o.call("PUT", f"/managers/{ana}/role", {"role": "admin"})
    make = {"role": "owner"}
    assert await o.refused("PUT", f"/managers/{ben}/role", make, "ana", 403) == "owner_required"
    assert await o.refused("PUT", f"/managers/{owner}/role", demote, "ana", 403) == (
        "owner_required"
    )
    assert await o.refused("POST", path, None, "ana", 403) == "owner_required"
    # With a second owner, the first may step down; then the second is the last.
    await o.call("PUT", f"/managers/{ben}/role", make)
    assert (await o.call("PUT", f"/managers/{owner}/role", demote))["role"] == "admin"
    code = await o.refused("PUT", f"/managers/{ben}/role", demote, "ben", 409)
    assert code == "last_owner"
    roles = {x["id"]: x["role"] for x in await o.call("GET", "/managers")}
    assert (roles[owner], roles[ana], roles[ben]) == ("admin", "admin", "owner")


async def test_permissions_are_set_whole(office: Office) -> None:
    # covers: O4
    o = office
    path = f"/managers/{o.id('cho')}/permissions"
    data = await o.call("PUT", path, {"permissions": ["manage_workspace", "delete_chats"]})
    assert data["permissions"] == ["delete_chats", "manage_workspace"]
    assert (await o.call("PUT", path, {"permissions": []}))["permissions"] == []
    assert await o.refused("PUT", path, {"permissions": ["fly"]}, "owner", 422) == (
        "validation_error"
    )


# ---- invitations ------------------------------------------------------------------------------


async def test_an_invitation_is_used_once_and_expires(office: Office) -> None:
    o = office
    body = {"email": "New@Example.test", "role": "admin", "permissions": ["delete_chats"]}
    made = await o.call("POST", "/managers/invitations", body, status=201)
    token = made["token"]
    assert token.startswith("sdi_") and token in made["link"]
    assert made["link"].startswith("sangdam://invite?")
    assert made["email"] == "new@example.test"
    pending = await o.call("GET", "/managers/invitations")
    assert [x["id"] for x in pending] == [made["id"]] and "token" not in pending[0]
    async with o.db.read() as conn:
        row = (await conn.execute(select(m.Invitation))).one()
    assert row.token_hash == hashlib.sha256(token.encode()).digest()
    assert token not in str(row._asdict())

    accept = {"token": token, "name": "New Person", "password": "a long passphrase"}
    r = await o.client.post("/invitations/accept", json=accept)
    assert r.status_code == 201, r.text
    me = await o.client.get("/auth/me", headers={"Authorization": f"Bearer {r.json()['token']}"})
    assert me.status_code == 200
    assert (me.json()["name"], me.json()["role"]) == ("New Person", "admin")
    assert me.json()["permissions"] == ["delete_chats"]
    login_body = {"email": "new@example.test", "password": "a long passphrase"}
    assert (await o.client.post("/auth/login", json=login_body)).status_code == 200
    # Every app hears of the new manager.
    feed = await o.call("GET", "/sync/changes?since=0&limit=1000", who="dan")
    assert any(c["data"] and c["data"].get("email") == "new@example.test" for c in feed["changes"])
    # Once only.
    r = await o.client.post("/invitations/accept", json={**accept, "name": "Someone Else"})
    assert r.status_code == 410 and r.json()["error"]["code"] == "invitation_used"
    r = await o.client.post("/invitations/accept", json={**accept, "token": "sdi_nonsense"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "invitation_invalid"
    assert await o.call("GET", "/managers/invitations") == []
    # A manager already is not invited again.
    again = {"email": "new@example.test"}
    assert await o.refused("POST", "/managers/invitations", again, "owner", 422) == (
        "invalid_value"
    )

    # A newer invitation withdraws the older one; an expired one does nothing.
    old = await o.call("POST", "/managers/invitations", {"email": "late@example.test"}, status=201)
    new = await o.call("POST", "/managers/invitations", {"email": "late@example.test"}, status=201)
    r = await o.client.post("/invitations/accept", json={**accept, "token": old["token"]})
    assert r.status_code == 410 and r.json()["error"]["code"] == "invitation_used"
    async with o.db.write() as conn:  # its week passed
        await conn.execute(
            update(m.Invitation)
            .where(m.Invitation.id == uuid.UUID(new["id"]))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    r = await o.client.post("/invitations/accept", json={**accept, "token": new["token"]})
    assert r.status_code == 410 and r.json()["error"]["code"] == "invitation_expired"
    managers = await o.call("GET", "/managers")
    assert "late@example.test" not in [x["email"] for x in managers]
    # An admin cannot invite an owner; a short password is refused before anything.
    await o.call("PUT", f"/managers/{o.id('ana')}/role", {"role": "admin"})
    owner_invite = {"email": "boss@example.test", "role": "owner"}
    assert await o.refused("POST", "/managers/invitations", owner_invite, "ana", 403) == (
        "owner_required"
    )
    fresh = await o.call("POST", "/managers/invitations", {"email": "x@example.test"}, status=201)
    r = await o.client.post(
        "/invitations/accept", json={**accept, "token": fresh["token"], "password": "short"}
    )
    assert r.status_code == 422, r.text
    await o.call("DELETE", f"/managers/invitations/{fresh['id']}", status=204)
    r = await o.client.post("/invitations/accept", json={**accept, "token": fresh["token"]})
    assert r.status_code == 410, r.text


async def test_auto_assignment_off_empties_the_team_queue_into_unassigned(office: Office) -> None:
    # covers: S6, S7
    o = office
    desk = await o.desk()
    for name in ("ana", "ben"):
        await o.call("PATCH", f"/teams/{desk}/members/{o.id(name)}", {"max_auto_assign": 0})
    waiting = await o.arrive(desk, "waiting")
    assert (await o.chat(waiting))["queued_since"] is not None
    team = await o.call("PATCH", f"/teams/{desk}", {"auto_assign": False})
    assert team["auto_assign"] is False
    chat = await o.chat(waiting)
    assert chat["queued_since"] is None and chat["team_id"] == desk
    sidebar = await o.call("GET", "/inbox/sidebar", who="ben")
    assert sidebar["queue"] == []
    [entry] = [t for t in sidebar["unassigned_teams"] if t["team_id"] == desk]
    assert entry["count"] == 1
    await o.kept_equal_recounts()
