"""`sangdam-server team ...` and `manager ...` (issue 17): a team set up only through
the command line routes chats as R1-R4 say; managers are invited, deactivated and
given roles from it, with the same rules as the API. The commands run in this process
(a thread of their own, as `main` starts its own event loop) on the test's database,
beside the app that serves the chats. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from server import cli
from server.db.database import Database
from tests.server.test_people_api import NAMES, Office, Setup, routes_as_r1_to_r4
from tests.support.world import PASSWORD, World, login, make_world


class Shell:
    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = url
        self.capsys = capsys

    async def run(self, *argv: str, expect: int = 0) -> str:
        """Run one command with --database-url; returns what it printed."""
        self.capsys.readouterr()
        args = [*argv, "--database-url", self.url]
        code = await asyncio.to_thread(cli.main, args)
        out, err = self.capsys.readouterr()
        assert code == expect, out + err
        return out + err

    async def json(self, *argv: str, expect: int = 0) -> Any:
        return json.loads(await self.run(*argv, "--json", expect=expect))


@pytest.fixture
async def office(client: httpx.AsyncClient, db: Database) -> Office:
    world = await make_world(db, NAMES)
    heads = {n: await login(client, n) for n in NAMES}
    return Office(client, db, world, heads)


def cli_setup(sh: Shell) -> Setup:
    setup = Setup()

    async def create(name: str, members: list[str]) -> str:
        flags = [x for n in members for x in ("--member", World.email(n))]
        team = await sh.json("team", "create", name, "--auto-assign", "on", *flags)
        return str(team["id"])

    async def member(
        team: str, name: str, rota: bool | None = None, top: int | None = None
    ) -> None:
        flags = ["--member", World.email(name)]
        flags += ["--rota", "on" if rota else "off"] if rota is not None else []
        flags += ["--max", str(top)] if top is not None else []
        await sh.json("team", "set", team, *flags)

    async def join(team: str, name: str, rota: bool) -> None:
        await sh.json(
            "team", "add-member", team, World.email(name), "--rota", "on" if rota else "off"
        )

    async def auto(team: str, on: bool) -> None:
        await sh.json("team", "set", team, "--auto-assign", "on" if on else "off")

    setup.create, setup.member, setup.join, setup.auto = create, member, join, auto
    return setup


async def test_a_team_set_up_through_the_cli_routes_as_r1_to_r4(
    office: Office, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # covers: R1, R2, R3, R4
    sh = Shell(db_url, capsys)
    await routes_as_r1_to_r4(office, cli_setup(sh))
    table = await sh.run("team", "list")
    assert "Sales" in table and "auto-assign off" in table
    assert f"{World.email('cho')}  rota" in table


async def test_managers_from_the_cli(
    office: Office, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # covers: O3, O4
    o, sh = office, Shell(db_url, capsys)
    # An invitation whose link the API accepts, once.
    flags = ["--role", "admin", "--permission", "manage_macros"]
    made = await sh.json(
        "manager", "invite", "Eun@Example.test", *flags, "--server-url", "https://desk.test"
    )
    link = "sangdam://invite?server=https%3A%2F%2Fdesk.test&token=sdi_"
    assert made["link"].startswith(link)
    accept = {"token": made["token"], "name": "Eun", "password": "a long passphrase"}
    r = await o.client.post("/invitations/accept", json=accept)
    assert r.status_code == 201, r.text
    r = await o.client.post("/invitations/accept", json=accept)
    assert r.json()["error"]["code"] == "invitation_used"
    # Roles: the last owner stays one (exit 1, the rule's code).
    error = await sh.json("manager", "set-role", World.email("owner"), "admin", expect=1)
    assert error["error"]["code"] == "last_owner"
    error = await sh.json("manager", "deactivate", World.email("owner"), expect=1)
    assert error["error"]["code"] == "last_owner"
    said = await sh.run("manager", "set-role", World.email("ben"), "owner")
    assert "is now owner" in said
    await sh.json("manager", "set-role", World.email("owner"), "admin")
    data = await sh.json("manager", "set-permissions", World.email("cho"), "delete_chats")
    assert data["permissions"] == ["delete_chats"]
    # O3: the seat, switched for someone else.
    data = await sh.json("manager", "set-seat", World.email("dan"), "off")
    assert data["operator_seat"] is False
    # Deactivation: login refused, the apps hear of it, the listing says so.
    data = await sh.json("manager", "deactivate", World.email("ana"))
    assert data["deactivated"] is True
    body = {"email": World.email("ana"), "password": PASSWORD}
    r = await o.client.post("/auth/login", json=body)
    assert r.status_code == 401 and r.json()["error"]["code"] == "manager_deactivated"
    feed = await o.call("GET", "/sync/changes?since=0&limit=1000", who="dan")
    mine = [
        c["data"] for c in feed["changes"] if c["entity"] == "manager" and c["id"] == o.id("ana")
    ]
    assert mine[-1]["deactivated"] is True
    listing = await sh.run("manager", "list")
    assert any(
        line.startswith(World.email("ana")) and "DEACTIVATED" in line
        for line in listing.splitlines()
    )
    roles = {x["email"]: x["role"] for x in await sh.json("manager", "list")}
    assert roles[World.email("ben")] == "owner" and roles["eun@example.test"] == "admin"
    await sh.json("manager", "reactivate", World.email("ana"))
    await login(o.client, "ana")
    # Unknown names are an error that says so.
    error = await sh.json("team", "delete", "Nowhere", expect=1)
    assert error["error"]["code"] == "not_found"
