"""`sangdam-server medium|field|workspace|macro ...`: running a workspace from a shell
(issue 17), for scripting and first setup. The same checks and the same change-log
entries as the API; the CLI acts as the server's operator (whoever holds its database
URL), so it needs no manager login.

Secrets never come from the command line (other users can read it): `--secrets-stdin`
(lines `name=value`, or one JSON object), else SANGDAM_SECRET_<NAME> variables, else a
prompt per missing secret when a terminal is attached.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import uuid
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select

from protocol import media as media_schemas
from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import INTEGRATION_ORDER, FieldType, Medium
from server.config import MediaKeyError, Settings, new_media_key
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from server.macros import service as macros
from server.media import service as media
from server.media.secrets import Sealer
from server.workspace import fields, settings
from server.workspace.writes import as_operator

COMMANDS = ("medium", "field", "workspace", "macro")
AddDb = Callable[[argparse.ArgumentParser], None]


def add_commands(sub: Any, add_db: AddDb) -> None:
    """Adds the four command groups to `sangdam-server`'s subparsers."""

    def leaf(group: Any, name: str, help_: str, *, workspace: bool = True) -> Any:
        p = group.add_parser(name, help=help_)
        add_db(p)
        if workspace:
            p.add_argument(
                "--workspace",
                type=uuid.UUID,
                default=None,
                help="the workspace's id (needed only when the database holds several)",
            )
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        return p

    mediums = [md.value for md in INTEGRATION_ORDER]
    g = sub.add_parser("medium", help="connect and disconnect media (S9)").add_subparsers(
        dest="action", required=True
    )
    leaf(g, "list", "the media set up, connected or not")
    p = leaf(g, "connect", "connect a medium, or change a connected one's settings")
    p.add_argument("medium", choices=mediums)
    p.add_argument("--name", default=None, help="its name in the sidebar")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a plain setting (repeat); `medium connect MEDIUM --help-settings` lists them",
    )
    p.add_argument("--secrets-stdin", action="store_true", help="read secrets from stdin")
    p.add_argument(
        "--help-settings", action="store_true", help="list the medium's settings and secrets"
    )
    p = leaf(g, "disconnect", "disconnect a medium (its secrets are wiped, its chats stay)")
    p.add_argument("medium", choices=mediums)
    p = g.add_parser("new-key", help="print a new SANGDAM_MEDIA_KEY")
    add_db(p)  # unused: accepted like every command's
    p.add_argument("--json", action="store_true")

    g = sub.add_parser("field", help="the customers' profile fields (P4)").add_subparsers(
        dest="action", required=True
    )
    leaf(g, "list", "the profile fields in order")
    for name, help_ in (("create", "add a profile field"), ("edit", "change a profile field")):
        p = leaf(g, name, help_)
        p.add_argument("key")
        p.add_argument("--label", required=name == "create", default=None)
        p.add_argument("--type", choices=[t.value for t in FieldType], default=None)
        p.add_argument("--option", action="append", default=None, help="a select's option")
        p.add_argument("--position", type=int, default=None)
    p = leaf(g, "delete", "remove a profile field (customers' values are kept)")
    p.add_argument("key")

    g = sub.add_parser("workspace", help="the workspace's settings").add_subparsers(
        dest="action", required=True
    )
    leaf(g, "show", "name, time zone and business hours")
    p = leaf(g, "set", "change the name, time zone or business hours")
    p.add_argument("--name", default=None)
    p.add_argument("--time-zone", default=None, help="an IANA name, e.g. Asia/Seoul")
    p.add_argument(
        "--hours",
        action="append",
        default=None,
        metavar="DAY=HH:MM-HH:MM",
        help="a weekday's hours (repeat; replaces the week: days left out are closed)",
    )
    p.add_argument("--closed-all-week", action="store_true", help="no business hours at all")

    g = sub.add_parser("macro", help="saved replies (M3)").add_subparsers(
        dest="action", required=True
    )
    leaf(g, "list", "the macros by name")
    for name in ("create", "edit"):
        p = leaf(g, name, f"{name} a macro; variables: " + ", ".join(s.MACRO_VARIABLES))
        if name == "edit":
            p.add_argument("id", type=uuid.UUID)
        p.add_argument("--name", required=name == "create", default=None)
        p.add_argument("--body", default=None, help="its text (or --body-stdin)")
        p.add_argument("--body-stdin", action="store_true")
    p = leaf(g, "delete", "delete a macro")
    p.add_argument("id", type=uuid.UUID)


def offline(args: argparse.Namespace) -> int | None:
    """Commands that need no database; None for the others."""
    if args.command == "medium" and args.action == "new-key":
        key = new_media_key()
        print(json.dumps({"media_key": key}) if args.json else key)
        return 0
    if args.command == "medium" and args.action == "connect" and args.help_settings:
        md = Medium(args.medium)
        info = {
            "settings": list(media_schemas.SETTINGS[md].model_fields),
            "secrets": list(media_schemas.secret_names(md)),
        }
        if args.json:
            print(json.dumps(info))
        else:
            print(f"settings (--set KEY=VALUE): {', '.join(info['settings'])}")
            print(f"secrets (stdin, env or prompt): {', '.join(info['secrets'])}")
        return 0
    return None


async def run(args: argparse.Namespace, db: Database, url: str) -> int:
    try:
        workspace_id = await _workspace(db, args.workspace)
        out = await _COMMANDS[args.command](args, db, url, workspace_id)
    except ValidationError as exc:
        for e in exc.errors(include_input=False, include_url=False):
            where = ".".join(str(p) for p in e["loc"])
            print(f"error: {where}: {e['msg']}", file=sys.stderr)
        return 2
    except (MediaKeyError, _Usage) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ServiceError as exc:  # bad input: 2, as argparse's; a rule said no: 1
        print(f"error: {exc.message}", file=sys.stderr)
        if exc.current is not None:
            print(f"       {json.dumps(exc.current, ensure_ascii=False)}", file=sys.stderr)
        return 2 if exc.code is ErrorCode.VALIDATION else 1
    _print(out, args.json)
    return 0


class _Usage(Exception):
    """A command line that cannot be carried out as given."""


async def _workspace(db: Database, given: uuid.UUID | None) -> uuid.UUID:
    async with db.read() as conn:
        ids = list((await conn.scalars(select(m.Workspace.id))).all())
    if given is not None:
        if given not in ids:
            raise _Usage(f"no workspace {given} in this database")
        return given
    if len(ids) != 1:
        raise _Usage(
            "this database holds no workspace"
            if not ids
            else "several workspaces: give --workspace"
        )
    return ids[0]


# ---- the commands ----------------------------------------------------------------------

Out = dict[str, Any] | list[dict[str, Any]] | None


async def _medium(args: argparse.Namespace, db: Database, url: str, ws: uuid.UUID) -> Out:
    if args.action == "list":
        async with db.read() as conn:
            return await media.listing(conn, ws)
    md = Medium(args.medium)
    if args.action == "disconnect":
        async with as_operator(db, ws) as w:
            return await media.disconnect(w, md)
    sealer = Sealer(Settings(database_url=url).media_key_bytes())
    req = s.IntegrationConnect(
        name=args.name, settings=_pairs(args.set, "--set"), secrets=_secrets(md, args)
    )
    async with as_operator(db, ws) as w:
        return await media.connect(w, sealer, md, req)


def _pairs(items: list[str], flag: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise _Usage(f"{flag} takes KEY=VALUE, not {item!r}")
        out[key.strip()] = value
    return out


def _secrets(md: Medium, args: argparse.Namespace) -> dict[str, str]:
    names = media_schemas.secret_names(md)
    if args.secrets_stdin:
        text = sys.stdin.read()
        if text.lstrip().startswith("{"):
            loaded = json.loads(text)
            if not isinstance(loaded, dict):
                raise _Usage("the secrets on stdin must be one JSON object")
            return {str(k): str(v) for k, v in loaded.items()}
        return _pairs([ln for ln in text.splitlines() if ln.strip()], "stdin")
    found = {
        n: v for n in names if (v := os.environ.get(f"SANGDAM_SECRET_{n.upper()}")) is not None
    }
    if sys.stdin.isatty():
        for n in names:
            if n not in found and (v := getpass.getpass(f"{md.value} {n} (empty: keep): ")):
                found[n] = v
    return found


async def _field(args: argparse.Namespace, db: Database, url: str, ws: uuid.UUID) -> Out:
    if args.action == "list":
        async with db.read() as conn:
            return await fields.listing(conn, ws)
    async with as_operator(db, ws) as w:
        if args.action == "delete":
            await fields.remove(w, args.key)
            return {"deleted": args.key}
        given = {
            "label": args.label,
            "type": args.type,
            "options": args.option,
            "position": args.position,
        }
        given = {k: v for k, v in given.items() if v is not None}
        if args.action == "create":
            return await fields.create(w, s.CustomerFieldIn(key=args.key, **given))
        return await fields.edit(w, args.key, s.CustomerFieldEdit(**given))


async def _settings(args: argparse.Namespace, db: Database, url: str, ws: uuid.UUID) -> Out:
    if args.action == "show":
        async with db.read() as conn:
            return await settings.show(conn, ws)
    hours: dict[str, Any] | None = None
    if args.closed_all_week:
        hours = {}
    elif args.hours is not None:
        hours = {}
        for day, span in _pairs(args.hours, "--hours").items():
            opens, sep, closes = str(span).partition("-")
            if not sep:
                raise _Usage(f"--hours takes DAY=HH:MM-HH:MM, not {day}={span}")
            hours[day] = {"open": opens.strip(), "close": closes.strip()}
    req = s.WorkspaceSettings.model_validate(
        {
            k: v
            for k, v in {
                "name": args.name,
                "time_zone": args.time_zone,
                "business_hours": hours,
            }.items()
            if v is not None
        }
    )
    async with as_operator(db, ws) as w:
        return await settings.change(w, req)


async def _macro(args: argparse.Namespace, db: Database, url: str, ws: uuid.UUID) -> Out:
    if args.action == "list":
        async with db.read() as conn:
            return await macros.listing(conn, ws)
    async with as_operator(db, ws) as w:
        if args.action == "delete":
            await macros.delete_macro(w, args.id)
            return {"deleted": str(args.id)}
        body = sys.stdin.read() if args.body_stdin else args.body
        if args.action == "create":
            return await macros.save_macro(w, s.MacroIn(name=args.name, body=body or ""))
        current = (
            await w.conn.execute(
                select(m.Macro).where(m.Macro.id == args.id, m.Macro.workspace_id == ws)
            )
        ).first()
        if current is None:
            raise ServiceError(ErrorCode.NOT_FOUND, f"No macro {args.id} here.")
        req = s.MacroIn(name=args.name or current.name, body=body or current.body)
        return await macros.save_macro(w, req, args.id)


_COMMANDS = {"medium": _medium, "field": _field, "workspace": _settings, "macro": _macro}


# ---- output ----------------------------------------------------------------------------


def _print(out: Out, as_json: bool) -> None:
    if as_json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for item in out if isinstance(out, list) else [out] if out is not None else []:
        print(_line(item))


def _line(d: dict[str, Any]) -> str:
    if "medium" in d:
        state = "connected" if d["connected"] else "disconnected"
        held = ", ".join(d["secrets_set"]) or "none"
        return f"{d['medium']:<10} {state:<12} {d['name']}  (secrets set: {held})"
    if "label" in d:
        options = f" [{', '.join(d['options'])}]" if d["options"] else ""
        return f"{d['position']:>3}  {d['key']:<20} {d['type']:<8} {d['label']}{options}"
    if "time_zone" in d:
        days = [
            f"{day} {h['open']}-{h['close']}"
            for day in s.WEEKDAYS
            if (h := d["business_hours"].get(day))
        ]
        return f"{d['name']}  ({d['time_zone']})\n  hours: {', '.join(days) or 'none set'}"
    if "body" in d:
        return f"{d['id']}  {d['name']}: {d['body'][:60]}"
    return json.dumps(d, ensure_ascii=False)
