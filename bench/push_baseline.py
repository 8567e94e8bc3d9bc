"""bench.push's baseline: a minimal ASGI app doing only a message's essential transaction.

``POST /sync/push`` here takes the body our server takes, with one ``send_message``
mutation, and in one transaction: takes the next seq from the workspace row (``UPDATE
workspace SET last_seq = last_seq + n ... RETURNING``, which also locks the row),
inserts the message and its change-log row, and commits; it answers as our server does
(``results: [{status: "applied", seq}]``) once the commit is done. No framework, no
authentication, no client positions, no chat or count updates: what any server that
stores a message durably and orders it in a log must do, so bench.push can quote our
server as a share of it.

Messages that arrive while a transaction runs share the next one, up to
``SANGDAM_BASELINE_MAX_BATCH`` (48 if unset). bench.push runs two of these: with 1, a
commit per message (the issue's "essential transaction", its headline ratio), and with
48, group commit as our server's pushes do (the stricter ``group_ratio``). One commit per
message is bound by the commit's wait (the disk's flush; on PostgreSQL the workspace row
locked across it) more than by the work: on a loaded machine its rate moved 0.9-1.5x from
run to run, where the grouped one stayed within 10%.

The database is the one our server uses (same migrated schema, same tables), written
with the plain driver: SQLite through ``sqlite3`` on one writer thread (the whole
transaction in one call), in WAL mode with ``synchronous=FULL`` and ``BEGIN IMMEDIATE``
as our server sets it; PostgreSQL through an asyncpg pool of ``SANGDAM_DB_POOL``
connections (10 if unset), one awaited statement after another (the rows of a batch
in one ``executemany``).

It runs as our server does, in a uvicorn process (one worker, factory app), and takes
the options of ``sangdam-server serve`` so ``bench._support.Server(entry=...)`` starts it
the same way: ``python -m bench.push_baseline serve --database-url URL --port N``
(``--doorbell``, ``--no-migrate`` are accepted and mean nothing here; the schema must
exist). The database must hold exactly one workspace; its first manager is the author.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import sys
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, Protocol

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


# One message to store: (chat id, message id, blocks).
Item = tuple[uuid.UUID, uuid.UUID, Any]


class Store(Protocol):
    async def open(self) -> None: ...
    async def insert_messages(self, items: list[Item]) -> int:
        """The transaction for a batch of messages; returns the seq of the first."""
        ...

    async def close(self) -> None: ...


def _message_data(
    message_id: uuid.UUID, chat_id: uuid.UUID, seq: int, author: uuid.UUID, blocks: Any, now: str
) -> str:
    """The change-log entry's data: the message as our server logs it (wire.message)."""
    return json.dumps(
        {
            "id": str(message_id),
            "chat_id": str(chat_id),
            "seq": seq,
            "author_kind": "manager",
            "author_id": str(author),
            "kind": "reply",
            "blocks": blocks,
            "created_at": now,
            "customer_read_at": None,
            "delivered_at": None,
        }
    )


_MESSAGE_COLUMNS = (
    "id, workspace_id, chat_id, seq, author_kind, author_id, kind, blocks, created_at"
)
_LOG_COLUMNS = (
    "workspace_id, seq, entity, entity_id, op, data, manager_id, chat_id, internal, "
    "client_id, mutation_id, created_at"
)


class SqliteStore:
    """One connection on one thread: SQLite has one writer anyway."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="sqlite-writer")
        self._conn: sqlite3.Connection | None = None
        self.workspace = ""  # ids as SQLAlchemy's Uuid stores them on SQLite: 32 hex digits
        self.author = uuid.UUID(int=0)

    async def open(self) -> None:
        await asyncio.get_running_loop().run_in_executor(self._thread, self._open)

    def _open(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("PRAGMA busy_timeout=30000")
        self.workspace, self.author = _one_workspace(
            conn.execute("SELECT id FROM workspace").fetchall(),
            conn.execute("SELECT workspace_id, id FROM manager ORDER BY created_at").fetchall(),
        )
        self._conn = conn

    async def insert_messages(self, items: list[Item]) -> int:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, self._insert_messages, items)

    def _insert_messages(self, items: list[Item]) -> int:
        conn = self._conn
        assert conn is not None
        now = datetime.now(UTC)
        stored_now = now.replace(tzinfo=None).isoformat(" ", "microseconds")
        conn.execute("BEGIN IMMEDIATE")
        try:
            (last,) = conn.execute(
                "UPDATE workspace SET last_seq = last_seq + ? WHERE id = ? RETURNING last_seq",
                (len(items), self.workspace),
            ).fetchone()
            first = int(last) - len(items) + 1
            conn.executemany(
                f"INSERT INTO message ({_MESSAGE_COLUMNS}) "
                "VALUES (?, ?, ?, ?, 'manager', ?, 'reply', ?, ?)",
                [
                    (
                        message_id.hex,
                        self.workspace,
                        chat_id.hex,
                        seq,
                        self.author.hex,
                        json.dumps(blocks),
                        stored_now,
                    )
                    for seq, (chat_id, message_id, blocks) in enumerate(items, first)
                ],
            )
            conn.executemany(
                f"INSERT INTO change_log ({_LOG_COLUMNS}) "
                "VALUES (?, ?, 'message', ?, 'upsert', ?, NULL, ?, 0, NULL, NULL, ?)",
                [
                    (
                        self.workspace,
                        seq,
                        str(message_id),
                        _message_data(
                            message_id, chat_id, seq, self.author, blocks, now.isoformat()
                        ),
                        chat_id.hex,
                        stored_now,
                    )
                    for seq, (chat_id, message_id, blocks) in enumerate(items, first)
                ],
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return first

    async def close(self) -> None:
        if self._conn is not None:
            await asyncio.get_running_loop().run_in_executor(self._thread, self._conn.close)
        self._thread.shutdown()


class PostgresStore:
    """An asyncpg pool; writers queue on the workspace row, as our server's do."""

    def __init__(self, dsn: str, pool: int) -> None:
        self.dsn, self.size = dsn, pool
        self._pool: Any = None
        self.workspace = uuid.UUID(int=0)
        self.author = uuid.UUID(int=0)

    async def open(self) -> None:
        import asyncpg

        self._pool = await asyncpg.create_pool(self.dsn, min_size=1, max_size=self.size)
        async with self._pool.acquire() as c:
            self.workspace, self.author = _one_workspace(
                await c.fetch("SELECT id FROM workspace"),
                await c.fetch("SELECT workspace_id, id FROM manager ORDER BY created_at"),
            )

    async def insert_messages(self, items: list[Item]) -> int:
        now = datetime.now(UTC)
        async with self._pool.acquire() as c, c.transaction():
            last = await c.fetchval(
                "UPDATE workspace SET last_seq = last_seq + $1 WHERE id = $2 RETURNING last_seq",
                len(items),
                self.workspace,
            )
            first = int(last) - len(items) + 1
            await c.executemany(
                f"INSERT INTO message ({_MESSAGE_COLUMNS}) "
                "VALUES ($1, $2, $3, $4, 'manager', $5, 'reply', $6, $7)",
                [
                    (message_id, self.workspace, chat_id, seq, self.author, json.dumps(blocks), now)
                    for seq, (chat_id, message_id, blocks) in enumerate(items, first)
                ],
            )
            await c.executemany(
                f"INSERT INTO change_log ({_LOG_COLUMNS}) "
                "VALUES ($1, $2, 'message', $3, 'upsert', $4, NULL, $5, false, NULL, NULL, $6)",
                [
                    (
                        self.workspace,
                        seq,
                        str(message_id),
                        _message_data(
                            message_id, chat_id, seq, self.author, blocks, now.isoformat()
                        ),
                        chat_id,
                        now,
                    )
                    for seq, (chat_id, message_id, blocks) in enumerate(items, first)
                ],
            )
        return first

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()


class GroupCommit:
    """Messages that arrive while a transaction runs go together into the next one (at
    most `max_batch`), as our server's pushes do: one commit then carries many messages."""

    def __init__(self, store: Store, max_batch: int) -> None:
        self.store = store
        self.max_batch = max_batch
        self._queue: deque[tuple[Item, asyncio.Future[int]]] = deque()
        self._writer: asyncio.Task[None] | None = None

    async def insert(self, item: Item) -> int:
        answer: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._queue.append((item, answer))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write())
        return await answer

    async def _write(self) -> None:
        try:
            while self._queue:
                n = min(len(self._queue), self.max_batch)
                batch = [self._queue.popleft() for _ in range(n)]
                try:
                    first = await self.store.insert_messages([item for item, _ in batch])
                except Exception as exc:  # nothing of the batch was stored
                    for _, answer in batch:
                        answer.set_exception(exc)
                    continue
                for seq, (_, answer) in enumerate(batch, first):
                    answer.set_result(seq)
        finally:
            self._writer = None


def _one_workspace(workspaces: list[Any], managers: list[Any]) -> tuple[Any, Any]:
    """(the workspace id, its first manager's id), as the driver returns them."""
    if len(workspaces) != 1:
        raise RuntimeError(f"the baseline needs exactly one workspace, found {len(workspaces)}")
    (workspace,) = workspaces[0]
    authors = [m for w, m in managers if w == workspace]
    if not authors:
        raise RuntimeError("the baseline needs a manager in the workspace (the author)")
    if isinstance(workspace, str):  # SQLite: hex text; kept as stored
        return workspace, uuid.UUID(authors[0])
    return workspace, authors[0]


def store_for(url: str) -> Store:
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if not path:
            raise ValueError(f"the baseline needs a SQLite file: {url}")
        return SqliteStore(path)
    if url.startswith("postgresql"):
        dsn = "postgresql://" + url.split("://", 1)[1]
        return PostgresStore(dsn, int(os.environ.get("SANGDAM_DB_POOL", "10")))
    raise ValueError(f"the baseline speaks SQLite and PostgreSQL only: {url}")


class Baseline:
    """The ASGI app: ``GET /health``, ``POST /sync/push``; anything else is a 404."""

    def __init__(self, store: Store, max_batch: int = 48) -> None:
        self.store = store
        self.writer = GroupCommit(store, max_batch)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            event = await receive()
            if event["type"] == "lifespan.startup":
                try:
                    await self.store.open()
                except Exception as exc:
                    await send({"type": "lifespan.startup.failed", "message": repr(exc)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif event["type"] == "lifespan.shutdown":
                await self.store.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        while True:
            event = await receive()
            body += event.get("body", b"")
            if not event.get("more_body"):
                break
        if scope["path"] == "/health":
            await _answer(send, 200, {"status": "ok"})
        elif scope["path"] == "/sync/push" and scope["method"] == "POST":
            try:
                mutation = json.loads(body)["mutations"][0]
                args = mutation["args"]
                if mutation["name"] != "send_message":
                    raise ValueError("the baseline takes send_message only")
                chat_id, message_id = uuid.UUID(args["chat_id"]), uuid.UUID(args["message_id"])
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                await _answer(send, 400, {"error": f"{type(exc).__name__}: {exc}"})
                return
            seq = await self.writer.insert((chat_id, message_id, args["blocks"]))
            mid = mutation["mutation_id"]
            result = {"mutation_id": mid, "status": "applied", "seq": seq}
            await _answer(send, 200, {"results": [result], "last_mutation_id": mid})
        else:
            await _answer(send, 404, {"error": "not found"})


async def _answer(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body, separators=(",", ":")).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


def create() -> Baseline:
    """uvicorn's factory: the database comes from the environment, as for our server."""
    max_batch = int(os.environ.get("SANGDAM_BASELINE_MAX_BATCH", "48"))
    if max_batch < 1:
        raise ValueError(f"SANGDAM_BASELINE_MAX_BATCH must be at least 1, not {max_batch}")
    return Baseline(store_for(os.environ["SANGDAM_DATABASE_URL"]), max_batch)


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    p = argparse.ArgumentParser(prog="python -m bench.push_baseline", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the baseline (takes sangdam-server serve's options)")
    serve.add_argument("--database-url", required=True)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8751)
    serve.add_argument("--workers", type=int, choices=[1], default=1)
    serve.add_argument("--doorbell", default=None, help="accepted, means nothing here")
    serve.add_argument("--no-migrate", action="store_true", help="accepted: it never migrates")
    serve.add_argument("--log-level", default="info")
    args = p.parse_args(argv)
    os.environ["SANGDAM_DATABASE_URL"] = args.database_url
    uvicorn.run(
        "bench.push_baseline:create",
        factory=True,
        host=args.host,
        port=args.port,
        workers=1,
        log_level=args.log_level,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
