"""`sangdam-server team ...` and `sangdam-server manager ...`: teams, members and
auto-assignment, invitations, roles, permissions and deactivation from a shell, for
scripting and first setup (issue 17).

The same services as the HTTP API, without a role check: whoever holds the database URL
runs the workspace. Every change goes through the change log, so running servers' apps
see it within their head poll. `--json` prints one JSON document; the default is a
line or a table for people.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select

from protocol import people as p
from protocol.errors import ErrorCode
from protocol.kinds import Permission, Role
from server.auth.service import AuthService
from server.config import Settings
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from server.managers.people import PeopleService
from server.sync.doorbell import Doorbell
from server.teams.service import TeamService

COMMANDS = ("team", "manager")
ON_OFF = {"on": True, "off": False}


def add_parsers(sub: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register `team` and `manager` on the top-level subparsers."""

    def common(q: argparse.ArgumentParser) -> argparse.ArgumentParser:
        add_db(q)
        q.add_argument(
            "--workspace",
            default=None,
            help="the workspace's id (default: the database's only workspace)",
        )
        q.add_argument("--json", action="store_true", help="print one JSON document")
        return q

    team = sub.add_parser("team", help="teams, their members and auto-assignment")
    t = team.add_subparsers(dest="action", required=True)
    q = common(t.add_parser("list", help="every team with its members"))
    q = common(t.add_parser("create", help="make a team"))
    q.add_argument("name")
    q.add_argument("--auto-assign", choices=ON_OFF, default="off")
    q.add_argument(
        "--member", action="append", default=[], help="a member's email or id (repeatable)"
    )
    q = common(t.add_parser("rename", help="rename a team"))
    q.add_argument("team", help="the team's name or id")
    q.add_argument("name")
    q = common(t.add_parser("delete", help="delete a team (its chats stay, without a team)"))
    q.add_argument("team")
    q = common(t.add_parser("add-member", help="add a member"))
    q.add_argument("team")
    q.add_argument("manager", help="the manager's email or id")
    q.add_argument("--rota", choices=ON_OFF, default="on", help="in the auto-assignment rota")
    q = common(t.add_parser("remove-member", help="remove a member"))
    q.add_argument("team")
    q.add_argument("manager")
    q = common(
        t.add_parser(
            "set",
            help="auto-assignment on or off; with --member, that member's rota and maximum",
        )
    )
    q.add_argument("team")
    q.add_argument("--auto-assign", choices=ON_OFF, default=None)
    q.add_argument("--member", default=None, help="the member whose --rota or --max to set")
    q.add_argument("--rota", choices=ON_OFF, default=None)
    q.add_argument(
        "--max", type=int, default=None, help="the member's maximum of auto-assigned chats"
    )

    manager = sub.add_parser("manager", help="invitations, roles, permissions, deactivation")
    a = manager.add_subparsers(dest="action", required=True)
    q = common(a.add_parser("list", help="every manager, deactivated ones too"))
    q = common(a.add_parser("invite", help="an invitation link (7 days, used once)"))
    q.add_argument("email")
    q.add_argument("--role", choices=[r.value for r in Role], default=Role.MANAGER.value)
    q.add_argument(
        "--permission", action="append", default=[], choices=[x.value for x in Permission]
    )
    q.add_argument(
        "--server-url",
        default="http://127.0.0.1:8750",
        help="the server the invitation link names",
    )
    q = common(a.add_parser("set-role", help="owner, admin or manager"))
    q.add_argument("manager")
    q.add_argument("role", choices=[r.value for r in Role])
    q = common(a.add_parser("set-permissions", help="replace a manager's permissions"))
    q.add_argument("manager")
    q.add_argument("permissions", nargs="*", choices=[x.value for x in Permission])
    q = common(a.add_parser("set-seat", help="switch a manager's operator seat (O3)"))
    q.add_argument("manager")
    q.add_argument("seat", choices=ON_OFF)
    q = common(a.add_parser("deactivate", help="end their sessions, hand back their chats"))
    q.add_argument("manager")
    q = common(a.add_parser("reactivate", help="let a deactivated manager back in"))
    q.add_argument("manager")


async def run(args: argparse.Namespace, db: Database, url: str) -> int:
    """Run one `team` or `manager` command; prints its result, returns the exit code."""
    settings = Settings(database_url=url)
    doorbell = Doorbell()  # servers see the change by their head poll
    auth = AuthService(db, settings)
    cli = _Cli(args, db, TeamService(db, doorbell), PeopleService(db, doorbell, auth))
    try:
        cli.workspace = await _workspace(db, args.workspace)
        result, text = await (cli.team() if args.command == "team" else cli.manager())
    except ServiceError as exc:
        if args.json:
            print(json.dumps({"error": {"code": exc.code.value, "message": exc.message}}))
        else:
            print(f"error: {exc.message} ({exc.code.value})", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else text)
    return 0


class _Cli:
    def __init__(
        self, args: argparse.Namespace, db: Database, teams: TeamService, people: PeopleService
    ) -> None:
        self.args = args
        self.db = db
        self.teams = teams
        self.people = people
        self.workspace = uuid.UUID(int=0)

    async def team(self) -> tuple[Any, str]:
        a, wid = self.args, self.workspace
        if a.action == "list":
            teams = await self.teams.list_teams(wid, None)
            return teams, await self._teams_table(teams)
        if a.action == "create":
            members = [await self._manager(x) for x in a.member]
            req = p.TeamCreate(name=a.name, auto_assign=ON_OFF[a.auto_assign], member_ids=members)
            team = await self.teams.create(wid, None, req)
            return team, f"created team {team['name']} {team['id']}"
        tid = await self._team(a.team)
        if a.action == "rename":
            team = await self.teams.update(wid, None, tid, p.TeamUpdate(name=a.name))
            return team, f"renamed team {tid} to {team['name']}"
        if a.action == "delete":
            await self.teams.delete(wid, None, tid)
            return {"deleted": str(tid)}, f"deleted team {tid}"
        if a.action == "add-member":
            mid = await self._manager(a.manager)
            req_add = p.TeamMemberAdd(manager_id=mid, rota=ON_OFF[a.rota])
            team = await self.teams.add_member(wid, None, tid, req_add)
            return team, f"{a.manager} is in team {team['name']} (rota {a.rota})"
        if a.action == "remove-member":
            mid = await self._manager(a.manager)
            team = await self.teams.remove_member(wid, None, tid, mid)
            return team, f"{a.manager} left team {team['name']}"
        return await self._team_set(tid)

    async def _team_set(self, tid: uuid.UUID) -> tuple[Any, str]:
        a, wid = self.args, self.workspace
        if a.member is None and (a.rota is not None or a.max is not None):
            raise ServiceError(ErrorCode.BAD_REQUEST, "--rota and --max need --member.")
        if a.member is None and a.auto_assign is None:
            raise ServiceError(ErrorCode.BAD_REQUEST, "Nothing to set: see --help.")
        lines = []
        team: dict[str, Any] | None = None
        if a.auto_assign is not None:
            req = p.TeamUpdate(auto_assign=ON_OFF[a.auto_assign])
            team = await self.teams.update(wid, None, tid, req)
            lines.append(f"team {team['name']}: auto-assignment {a.auto_assign}")
        if a.member is not None:
            mid = await self._manager(a.member)
            rota = None if a.rota is None else ON_OFF[a.rota]
            update = p.TeamMemberUpdate(rota=rota, max_auto_assign=a.max)
            team = await self.teams.update_member(wid, None, tid, mid, update)
            said = [f"rota {a.rota}"] if a.rota else []
            said += [f"maximum {a.max}"] if a.max is not None else []
            lines.append(f"{a.member} in team {team['name']}: {', '.join(said) or 'unchanged'}")
        return team, "\n".join(lines)

    async def manager(self) -> tuple[Any, str]:
        a, wid = self.args, self.workspace
        if a.action == "list":
            managers = await self.people.list_managers(wid, None)
            return managers, _managers_table(managers)
        if a.action == "invite":
            req = p.InvitationCreate(
                email=a.email, role=Role(a.role), permissions=[Permission(x) for x in a.permission]
            )
            data, token = await self.people.invite(wid, None, req)
            link = p.invitation_link(a.server_url, token)
            out = {**data, "token": token, "link": link}
            return out, f"invited {data['email']} until {data['expires_at']}\n{link}"
        mid = await self._manager(a.manager)
        if a.action == "set-role":
            data = await self.people.set_role(wid, None, mid, Role(a.role))
            return data, f"{data['email']} is now {data['role']}"
        if a.action == "set-permissions":
            req_p = p.PermissionsUpdate(permissions=[Permission(x) for x in a.permissions])
            data = await self.people.set_permissions(wid, None, mid, req_p)
            return data, f"{data['email']}: {', '.join(data['permissions']) or 'no permissions'}"
        if a.action == "set-seat":
            data = await self.people.set_seat(wid, None, mid, ON_OFF[a.seat])
            return data, f"{data['email']}: operator seat {a.seat}"
        if a.action == "deactivate":
            data = await self.people.deactivate(wid, None, mid)
            return data, f"deactivated {data['email']}"
        data = await self.people.reactivate(wid, None, mid)
        return data, f"reactivated {data['email']}"

    async def _team(self, text: str) -> uuid.UUID:
        async with self.db.read() as conn:
            query = select(m.Team.id).where(m.Team.workspace_id == self.workspace)
            by_id = _as_uuid(text)
            found = await conn.scalar(
                query.where(m.Team.id == by_id) if by_id else query.where(m.Team.name == text)
            )
        if found is None:
            raise ServiceError(ErrorCode.NOT_FOUND, f"No team {text!r} in this workspace.")
        return uuid.UUID(str(found))

    async def _manager(self, text: str) -> uuid.UUID:
        async with self.db.read() as conn:
            query = select(m.Manager.id).where(m.Manager.workspace_id == self.workspace)
            by_id = _as_uuid(text)
            found = await conn.scalar(
                query.where(m.Manager.id == by_id)
                if by_id
                else query.where(m.Manager.email == text.strip().lower())
            )
        if found is None:
            raise ServiceError(ErrorCode.NOT_FOUND, f"No manager {text!r} in this workspace.")
        return uuid.UUID(str(found))

    async def _teams_table(self, teams: Sequence[dict[str, Any]]) -> str:
        async with self.db.read() as conn:
            emails = dict(
                (str(i), e)
                for i, e in await conn.execute(
                    select(m.Manager.id, m.Manager.email).where(
                        m.Manager.workspace_id == self.workspace
                    )
                )
            )
        lines = []
        for t in teams:
            auto = "auto-assign on" if t["auto_assign"] else "auto-assign off"
            lines.append(f"{t['name']}  {t['id']}  {auto}")
            for mid in t["member_ids"]:
                rota = "rota" if mid in t["rota_ids"] else "out of rota"
                lines.append(f"    {emails.get(mid, mid)}  {rota}")
        return "\n".join(lines) or "no teams"


def _managers_table(managers: Sequence[dict[str, Any]]) -> str:
    lines = []
    for x in managers:
        flags = [x["role"], f"max {x['max_auto_assign']}"]
        flags += ["seat on" if x["operator_seat"] else "seat off"]
        flags += x["permissions"]
        flags += ["DEACTIVATED"] if x["deactivated"] else []
        lines.append(f"{x['email']}  {x['name']}  {x['id']}  {' '.join(flags)}")
    return "\n".join(lines) or "no managers"


def _as_uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


async def _workspace(db: Database, given: str | None) -> uuid.UUID:
    async with db.read() as conn:
        ids = list(await conn.scalars(select(m.Workspace.id).order_by(m.Workspace.created_at)))
    if given is not None:
        wanted = _as_uuid(given)
        if wanted not in ids:
            raise ServiceError(ErrorCode.NOT_FOUND, f"No workspace {given}.")
        return uuid.UUID(str(wanted))
    if len(ids) != 1:
        raise ServiceError(
            ErrorCode.BAD_REQUEST,
            f"The database holds {len(ids)} workspaces: name one with --workspace.",
        )
    return uuid.UUID(str(ids[0]))
