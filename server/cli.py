"""`sangdam-server`: serve, migrate, create-workspace, create-manager, seed; running
a workspace's people: team, manager (server.cli_people); and its setup: medium, field,
workspace, macro (server.cli_workspace)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from protocol.kinds import Permission, Role
from server import cli_people, cli_workspace
from server.config import Settings, default_database_url


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--database-url",
        default=None,
        help="SQLAlchemy URL, e.g. sqlite+aiosqlite:///path or postgresql+asyncpg://... "
        "(default: $SANGDAM_DATABASE_URL, else SQLite in the platform's data folder)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sangdam-server", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="run the HTTP and WebSocket server")
    _add_db(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8750)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument(
        "--doorbell",
        choices=["memory", "postgres", "redis"],
        default=None,
        help="how workers tell each other of new changes (default: memory for one "
        "worker, postgres on PostgreSQL otherwise)",
    )
    p.add_argument("--no-migrate", action="store_true", help="do not upgrade the schema first")
    p.add_argument("--log-level", default="info")
    p.add_argument(
        "--demo-site",
        action="store_true",
        help="serve a fake company website with the chat snippet at /demo/site "
        "(?workspace=<id>, else the only workspace); it names the workspace to anyone",
    )
    p.add_argument(
        "--exit-with-parent",
        action="store_true",
        help="stop when the process that started this one ends (the desktop demo's server)",
    )

    p = sub.add_parser(
        "mail", help="receive email for the workspaces' connected inbound addresses (SMTP)"
    )
    _add_db(p)
    p.add_argument("--listen", default="0.0.0.0:2525", help="host:port (default 0.0.0.0:2525)")
    p.add_argument(
        "--max-mib", type=int, default=25, help="largest mail accepted, in MiB (default 25)"
    )

    p = sub.add_parser("migrate", help="create or upgrade the database schema")
    _add_db(p)

    p = sub.add_parser("create-workspace", help="make a workspace; prints its id")
    _add_db(p)
    p.add_argument("name")

    p = sub.add_parser("create-manager", help="add a manager; prints its id")
    _add_db(p)
    p.add_argument("--workspace", required=True, type=uuid.UUID)
    p.add_argument("--email", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.MANAGER.value)
    p.add_argument("--can-delete-chats", action="store_true")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of prompting",
    )

    p = sub.add_parser("seed", help="build a believable demo workspace (same seed, same data)")
    _add_db(p)
    p.add_argument("--chats", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--password", default=None, help="every seeded manager's password")
    p.add_argument(
        "--anchor",
        default=None,
        help="the time the data is built around: 'now' (the hour), or an ISO time with a "
        "zone (default: a fixed time, so the same seed gives the same data)",
    )
    cli_people.add_parsers(sub, _add_db)
    cli_workspace.add_commands(sub, _add_db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = args.database_url or default_database_url()
    try:
        return (
            int(asyncio.run(_run(args, url)) or 0) if args.command != "serve" else _serve(args, url)
        )
    except KeyboardInterrupt:
        return 130


def _serve(args: argparse.Namespace, url: str) -> int:
    import uvicorn

    from server.db.migrate import upgrade

    if not args.no_migrate:
        upgrade(url)
    doorbell = args.doorbell or (
        "postgres" if url.startswith("postgresql") and args.workers > 1 else "memory"
    )
    if args.workers > 1 and doorbell == "memory":
        print("several workers need --doorbell postgres or redis", file=sys.stderr)
        return 2
    os.environ["SANGDAM_DATABASE_URL"] = url
    os.environ["SANGDAM_DOORBELL"] = doorbell
    if args.demo_site:
        os.environ["SANGDAM_DEMO_SITE"] = "1"
    if args.exit_with_parent:
        _exit_with_parent()
    uvicorn.run(
        "server.asgi:create",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        ws_ping_interval=20,
        ws_ping_timeout=20,
    )
    return 0


def _exit_with_parent(every: float = 0.5) -> None:
    """End this server (gracefully: SIGTERM, as uvicorn expects) once the process that
    started it is gone, even when that one was killed and could not stop it: a crashed
    desktop app must not leave its demo server running. A process whose parent dies is
    handed to another (init or a subreaper), so its parent id changes (Linux, macOS)."""
    import signal
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


async def _run(args: argparse.Namespace, url: str) -> int:
    from server import admin
    from server.db.database import Database
    from server.db.migrate import upgrade_async
    from server.errors import ServiceError

    if args.command in cli_workspace.COMMANDS and (done := cli_workspace.offline(args)) is not None:
        return done
    await upgrade_async(url)
    if args.command == "migrate":
        print(f"schema is up to date: {url}")
        return 0
    if args.command == "mail":
        from server.mail import serve

        try:
            host, port = serve.parse_listen(args.listen)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
        await serve.run(Settings(database_url=url), host, port, args.max_mib * 1024 * 1024)
        return 0
    db = Database(url)
    try:
        if args.command in cli_people.COMMANDS:
            return await cli_people.run(args, db, url)
        if args.command in cli_workspace.COMMANDS:
            return await cli_workspace.run(args, db, url)
        if args.command == "create-workspace":
            print(await admin.create_workspace(db, args.name))
        elif args.command == "create-manager":
            password = (
                sys.stdin.readline().rstrip("\n")
                if args.password_stdin
                else getpass.getpass("Password: ")
            )
            if not password:
                print("a password is required", file=sys.stderr)
                return 2
            from server.auth.secrets import Passwords

            settings = Settings(database_url=url)
            hashed = Passwords(
                memory_kib=settings.argon2_memory_kib, time_cost=settings.argon2_time_cost
            ).hash(password)
            perms = [Permission.DELETE_CHATS.value] if args.can_delete_chats else []
            print(
                await admin.create_manager(
                    db,
                    args.workspace,
                    email=args.email,
                    name=args.name,
                    password_hash=hashed,
                    role=Role(args.role),
                    permissions=perms,
                )
            )
        elif args.command == "seed":
            from server.seed import seed

            summary = await seed(
                db,
                chats=args.chats,
                seed=args.seed,
                password=args.password,
                anchor=_anchor(args.anchor),
            )
            print(summary)
    except ServiceError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    finally:
        await db.dispose()
    return 0


def _anchor(text: str | None) -> datetime | None:
    if text is None:
        return None
    if text == "now":
        return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        raise SystemExit("--anchor needs a time zone, e.g. 2026-11-01T09:00:00+09:00")
    return when


if __name__ == "__main__":
    sys.exit(main())
