"""The local cache: one SQLite file per login, read by the UI, written by the sync engine.

SPEC Y1: the app starts from it and shows the inbox before the network answers; Y3: the
outbox in it survives anything. SQLite in WAL mode lets the GUI thread read through its
own connection while the engine writes through another, and `synchronous=FULL` makes a
committed outbox row survive a power cut.

Reads go through `reads` (a `CacheReader`, the read layer the GUI uses too), except the
engine's own (its facts, the outbox). Writes are plain methods, each one transaction,
serialised by a lock; they may take a while, so the engine runs them with
`asyncio.to_thread` and the event loop never waits on the disk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from desktop.sync import apply, drafts, meta, outbox, rows, schema, uploads
from desktop.sync.changed import ChangedIds
from desktop.sync.effects import Pending
from desktop.sync.file_check import LocalFile
from desktop.sync.items import Draft, UploadItem
from desktop.sync.meta import Meta
from desktop.sync.outbox import PushOutcome
from desktop.sync.overlay import load_outbox
from desktop.sync.paths import cache_path, normal_url
from desktop.sync.reads import CacheReader
from desktop.sync.rows import Row, Tx

T = TypeVar("T")


def sqlite_engine(path: Path, *, writer: bool) -> Engine:
    """An engine on the cache file: the writer (one connection, BEGIN IMMEDIATE) or the
    reader pool."""
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        poolclass=QueuePool,
        pool_size=1 if writer else 2,
        max_overflow=0 if writer else 4,
        connect_args={"check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _setup(dbapi_conn: Any, _record: Any) -> None:
        # The driver's own transaction handling off: we say BEGIN ourselves (below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = 30000")
        if writer:
            cur.execute("PRAGMA journal_mode = WAL")
            # 32 MiB of pages (SQLite's default is 2): a feed batch touches index pages
            # all over a big file (ids are random, the search index's too); measured
            # ~30 % more entries/s applied on a 100,000-message cache (platform notes).
            cur.execute("PRAGMA cache_size = -32768")
        # FULL on every commit: the outbox's commits must survive a power cut, and a
        # sync per transaction is cheap at the rate the engine writes.
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = OFF")
        cur.close()

    if writer:

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class Cache:
    """One login's cache file. Open it with `Cache.open` (or `for_login`), close it when
    the app quits; the engine that writes it never closes it."""

    def __init__(self, path: Path, writer: Engine, reader: Engine, me: str, rebuilt: bool) -> None:
        self.path = path
        self.me = me
        self.rebuilt = rebuilt  # the file was from another schema version (outbox kept)
        self._writer = writer
        self._reader = reader
        self._lock = threading.Lock()
        with self._reader.connect() as conn:
            self._client_id = str(meta.get(conn, "client_id"))
        self.reads = CacheReader(path)  # chats, messages, counts: what the GUI reads

    @classmethod
    def open(cls, path: Path, *, server_url: str, workspace_id: str, manager_id: str) -> Cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = sqlite_engine(path, writer=True)
        who = schema.Identity(normal_url(server_url), str(workspace_id), str(manager_id))
        with writer.begin() as conn:
            rebuilt = schema.ensure(conn, who)
        return cls(path, writer, sqlite_engine(path, writer=False), str(manager_id), rebuilt)

    @classmethod
    def for_login(
        cls, server_url: str, workspace_id: str, manager_id: str, *, folder: Path | None = None
    ) -> Cache:
        """The cache of this login, in the platform's data folder (or `folder`)."""
        path = cache_path(server_url, workspace_id, manager_id, folder=folder)
        return cls.open(
            path, server_url=server_url, workspace_id=workspace_id, manager_id=manager_id
        )

    def close(self) -> None:
        with self._lock:
            self.reads.close()
            self._writer.dispose()
            self._reader.dispose()

    @property
    def client_id(self) -> str:
        return self._client_id

    # ---- the engine's reads (any thread; fast) -----------------------------------------

    def _read(self, fn: Callable[[Connection], T]) -> T:
        with self._reader.connect() as conn:
            return fn(conn)

    def get_meta(self) -> Meta:
        return self._read(lambda conn: meta.as_meta(meta.read_all(conn)))

    def outbox(self) -> list[Pending]:
        return self._read(load_outbox)

    def outbox_pending(self, limit: int | None = None) -> list[Pending]:
        """Mutations not yet acknowledged by the server, in order: what to send."""
        return self._read(lambda conn: load_outbox(conn, pending_only=True, limit=limit))

    # ---- writes (one transaction each; call them with asyncio.to_thread) ---------------

    def _write(self, fn: Callable[[Tx], T]) -> tuple[T, ChangedIds]:
        with self._lock, self._writer.begin() as conn:
            tx = Tx(conn, self.me, ChangedIds())
            result = fn(tx)
        return result, tx.changed

    def apply_changes(self, changes: Sequence[Mapping[str, Any]], cursor: int) -> ChangedIds:
        """A batch of the feed and the cursor it reaches, in one transaction."""
        return self._write(lambda tx: apply.apply_changes(tx, changes, cursor, self._client_id))[1]

    def begin_bootstrap(self, floor: int) -> None:
        self._write(lambda tx: apply.begin_bootstrap(tx, floor))

    def resume_bootstrap(self) -> None:
        self._write(lambda tx: meta.put(tx.conn, bootstrap_resumed=True))

    def write_reference(self, ref: Mapping[str, Any]) -> ChangedIds:
        return self._write(lambda tx: apply.write_reference(tx, ref))[1]

    def write_chat_page(self, page: Mapping[str, Any]) -> tuple[int, ChangedIds]:
        return self._write(lambda tx: apply.write_chat_page(tx, page))

    def finish_bootstrap(self, as_of_seq: int) -> tuple[int, ChangedIds]:
        return self._write(lambda tx: apply.finish_bootstrap(tx, as_of_seq))

    def start_resync(self) -> None:
        """The feed no longer reaches our cursor (410): bootstrap again, outbox kept."""
        self._write(
            lambda tx: meta.put(
                tx.conn, bootstrap_done=False, bootstrap_after=None, bootstrap_resumed=False
            )
        )

    def write_fetched_chat(self, chat_id: str, chat: Row | None) -> ChangedIds:
        return self._write(lambda tx: apply.write_fetched_chat(tx, chat_id, chat))[1]

    def write_fetched_messages(
        self, chat_id: str, messages: Sequence[Row], *, before: int | None, more: bool
    ) -> ChangedIds:
        return self._write(
            lambda tx: apply.write_fetched_messages(tx, chat_id, messages, before=before, more=more)
        )[1]

    def enqueue(
        self, name: str, args: Mapping[str, Any], *, drop_draft: str | None = None
    ) -> tuple[Pending, ChangedIds]:
        """Validate, number and store a mutation with its optimistic effect; with
        `drop_draft` (a chat id) that chat's draft goes in the same transaction (the
        message sending it is stored)."""
        clean = outbox.validated(name, args)

        def write(tx: Tx) -> Pending:
            pending = outbox.enqueue(tx, name, clean, outbox.now_iso())
            if drop_draft is not None:
                drafts.remove(tx.conn, drop_draft)
            return pending

        return self._write(write)

    def enqueue_many(
        self, mutations: Sequence[tuple[str, Mapping[str, Any]]]
    ) -> tuple[list[Pending], ChangedIds]:
        """Validate all, then store them with their effects in one transaction (a
        bulk action): none is stored if one is invalid."""
        clean = [(name, outbox.validated(name, args)) for name, args in mutations]
        return self._write(lambda tx: outbox.enqueue_many(tx, clean, outbox.now_iso()))

    def add_found_chats(self, chats: Sequence[Row]) -> ChangedIds:
        """Chats the server found for a search that the cache lacks (never replacing
        one it holds: the feed keeps those newer). The feed keeps them from now on."""
        return self._write(lambda tx: apply.add_found_chats(tx, chats))[1]

    def write_manager(self, manager: Row) -> ChangedIds:
        """A manager row the server just returned (my settings changed)."""
        return self._write(lambda tx: rows.put_reference(tx, "manager", [manager]))[1]

    def save_draft(self, draft: Draft) -> None:
        """A chat's draft (SPEC M7); an empty one is removed."""
        self._write(lambda tx: drafts.put(tx.conn, draft))

    def draft(self, chat_id: str) -> Draft | None:
        return self.reads.draft(chat_id)

    def record_results(self, results: Sequence[Any]) -> tuple[PushOutcome, ChangedIds]:
        return self._write(lambda tx: outbox.record_results(tx, results))

    def rotate_client(self) -> tuple[dict[int, int], ChangedIds]:
        """A new client id, the outbox renumbered: new mutation id by old, what changed."""
        (client_id, renumbered), changed = self._write(outbox.rotate_client)
        self._client_id = client_id
        return renumbered, changed

    def resend_from(self, mutation_id: int) -> ChangedIds:
        return self._write(lambda tx: outbox.resend_from(tx, mutation_id))[1]

    def discard_failed(self, message_id: str) -> ChangedIds:
        return self._write(lambda tx: outbox.discard_failed(tx, message_id))[1]

    def retry_failed(self, message_id: str) -> tuple[Pending | None, ChangedIds]:
        return self._write(lambda tx: outbox.retry_failed(tx, message_id, outbox.now_iso()))

    # ---- uploads (issue 13; see `uploads`) -----------------------------------------------

    def uploads_to_send(self) -> list[UploadItem]:
        """Uploads not finished (a restarted app resumes them)."""
        return self._read(uploads.sending)

    def add_uploads(
        self, chat_id: str, message_id: str, files: Sequence[LocalFile]
    ) -> tuple[list[UploadItem], ChangedIds]:
        return self._write(lambda tx: uploads.add(tx, chat_id, message_id, files, outbox.now_iso()))

    def upload_created(self, upload_id: str, url: str, offset: int) -> ChangedIds:
        return self._write(lambda tx: uploads.created(tx, upload_id, url, offset))[1]

    def upload_finished(self, upload_id: str) -> tuple[Pending | None, ChangedIds]:
        """Done; with it, the message waiting for it may have gone to the outbox."""
        return self._write(lambda tx: uploads.finished(tx, upload_id))

    def upload_failed(
        self, upload_id: str, code: str, message: str, *, cancelled: bool = False
    ) -> ChangedIds:
        status = "cancelled" if cancelled else "failed"
        return self._write(lambda tx: uploads.failed(tx, upload_id, code, message, status=status))[
            1
        ]

    def upload_retried(self, upload_id: str) -> tuple[UploadItem | None, ChangedIds]:
        return self._write(lambda tx: uploads.retried(tx, upload_id))

    def upload_removed(
        self, upload_id: str
    ) -> tuple[tuple[UploadItem | None, Pending | None], ChangedIds]:
        return self._write(lambda tx: uploads.removed(tx, upload_id))

    def send_with_files(
        self,
        chat_id: str,
        message_id: str,
        *,
        text: str | None,
        kind: str,
        mentions: Mapping[str, Any] | None,
        drop_draft: bool = False,
    ) -> tuple[Pending | None, ChangedIds]:
        """A message with the files attached to `message_id`: to the outbox if they are
        all up (the Pending), else held until they are; with `drop_draft` the chat's
        draft goes in the same transaction."""

        def write(tx: Tx) -> Pending | None:
            pending = uploads.send(
                tx,
                chat_id,
                message_id,
                text=text,
                kind=kind,
                mentions=mentions,
                created_at=outbox.now_iso(),
            )
            if drop_draft:
                drafts.remove(tx.conn, chat_id)
            return pending

        return self._write(write)
