"""Opening a cache file: create it, or rebuild it when its schema version is not ours.

A cache is a copy of the server and can always be fetched again, except the outbox:
actions the agent took that the server has not confirmed. So a file written by another
version of the app is rebuilt empty (the engine then bootstraps), carrying over the
outbox rows and the client id and mutation counter that make their sending exactly-once,
the drafts (the agent's unsent text, SPEC M7), and the uploads with the messages waiting
for them (issue 13: their pending rows are shown again from those).
`reset` is the same rebuild on the agent's request ("Clear cache"), which also keeps the
messages the server refused (their text is the agent's, shown with the reason) and
refuses to go on if it cannot read what it must keep.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, insert, select

from desktop.sync import meta, uploads
from desktop.sync import tables as t
from desktop.sync.changed import ChangedIds
from desktop.sync.rows import Tx

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Identity:
    server_url: str
    workspace_id: str
    manager_id: str


@dataclass(slots=True)
class Kept:
    client_id: str | None = None
    next_mutation_id: int = 1
    outbox: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)  # refused messages' rows
    drafts: list[dict[str, Any]] = field(default_factory=list)
    uploads: list[dict[str, Any]] = field(default_factory=list)  # files being sent
    outgoing: list[dict[str, Any]] = field(default_factory=list)  # messages waiting for them


def ensure(conn: Connection, who: Identity) -> bool:
    """Make the file hold this version's empty or current tables; True if rebuilt."""
    existing = _tables(conn)
    if not existing:
        _create(conn, who, Kept())
        return False
    version = _version(conn) if "meta" in existing else None
    if version == t.SCHEMA_VERSION:
        stored = meta.as_meta(meta.read_all(conn))
        mine = (stored.server_url, stored.workspace_id, stored.manager_id)
        if mine != (who.server_url, who.workspace_id, who.manager_id):
            raise ValueError(f"this cache file belongs to another login: {mine}")
        return False
    log.warning(
        "cache schema %s is not %s: rebuilding, keeping the outbox", version, t.SCHEMA_VERSION
    )
    kept = _salvage(conn, existing)
    _drop(conn, existing)
    _create(conn, who, kept)
    return True


def reset(conn: Connection) -> Kept:
    """Empty a cache file of this version in place (one transaction), keeping its
    identity, outbox and failed messages; what was kept. Raises if any of that cannot be
    read: then nothing is dropped."""
    existing = _tables(conn)
    if "meta" not in existing:
        raise ValueError("not a cache file (no meta table)")
    stored = meta.as_meta(meta.read_all(conn))
    who = Identity(stored.server_url, stored.workspace_id, stored.manager_id)
    if not all((who.server_url, who.workspace_id, who.manager_id)):
        raise ValueError("the cache file does not say whose it is")
    kept = _salvage(conn, existing, strict=True)
    if stored.schema_version == t.SCHEMA_VERSION and "messages" in existing:
        kept.failed = [
            dict(r)
            for r in conn.execute(
                select(t.messages).where(t.messages.c.failed_reason.is_not(None))
            ).mappings()
        ]
    _drop(conn, existing)
    _create(conn, who, kept)
    return kept


def _tables(conn: Connection) -> list[str]:
    return [
        name
        for (name,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]


def _drop(conn: Connection, existing: list[str]) -> None:
    """Every table, virtual ones (the search index) first: they take their shadow
    tables with them."""
    virtual = {
        name
        for (name,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
    }
    for name in sorted(existing, key=lambda n: n not in virtual):
        conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')


def _version(conn: Connection) -> int | None:
    try:
        value = conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'schema_version'").scalar()
        return None if value is None else int(json.loads(value))
    except Exception:  # a meta table of another shape: treat as unknown
        return None


def _salvage(conn: Connection, existing: list[str], *, strict: bool = False) -> Kept:
    """Whatever of the outbox an older (or newer) file lets us read (`strict`: all of
    it, or an exception)."""
    kept = Kept()
    if "meta" in existing:
        try:
            old = meta.read_all(conn)
            kept.client_id = old.get("client_id")
            kept.next_mutation_id = int(old.get("next_mutation_id") or 1)
        except Exception:
            if strict:
                raise
            log.exception("could not read the old cache's meta")
    if "outbox" in existing:
        try:
            for r in conn.exec_driver_sql("SELECT * FROM outbox ORDER BY mutation_id").mappings():
                args = r["args"]
                kept.outbox.append(
                    {
                        "mutation_id": int(r["mutation_id"]),
                        "name": str(r["name"]),
                        "args": args if isinstance(args, str) else json.dumps(args),
                        "created_at": str(r.get("created_at") or ""),
                        "status": str(r.get("status") or "pending"),
                        "server_seq": r.get("server_seq"),
                    }
                )
        except Exception:
            if strict:
                raise
            log.exception("could not read the old cache's outbox")
    if "drafts" in existing:
        try:
            kept.drafts = [
                {
                    "chat_id": str(r["chat_id"]),
                    "text": str(r["text"]),
                    "note": bool(r.get("note")),
                    "updated_at": str(r.get("updated_at") or ""),
                }
                for r in conn.exec_driver_sql("SELECT * FROM drafts").mappings()
            ]
        except Exception:
            if strict:
                raise
            log.exception("could not read the old cache's drafts")
    for name, table in (("uploads", t.uploads), ("outgoing", t.outgoing)):
        if name not in existing:
            continue
        try:
            wanted = set(table.c.keys())
            found = [
                {k: v for k, v in r.items() if k in wanted}
                for r in conn.exec_driver_sql(f'SELECT * FROM "{name}"').mappings()
            ]
            if found and not wanted.issubset(found[0]):
                raise ValueError(f"the old {name} table lacks {wanted - set(found[0])}")
            setattr(kept, name, found)
        except Exception:
            if strict:
                raise
            log.exception("could not read the old cache's %s", name)
    if kept.outbox and kept.client_id is None:
        # Without its client id the server cannot recognise these; sending them under a
        # new one is the lesser evil (a sent one may happen twice; none is lost).
        log.error("the old outbox has no client id: renumbering %d mutations", len(kept.outbox))
        for i, row in enumerate(kept.outbox, start=1):
            row.update(mutation_id=i, status="pending", server_seq=None)
        kept.next_mutation_id = len(kept.outbox) + 1
    if kept.outbox:
        kept.next_mutation_id = max(kept.next_mutation_id, kept.outbox[-1]["mutation_id"] + 1)
    return kept


def _create(conn: Connection, who: Identity, kept: Kept) -> None:
    t.metadata.create_all(conn)
    meta.put(
        conn,
        schema_version=t.SCHEMA_VERSION,
        server_url=who.server_url,
        workspace_id=who.workspace_id,
        manager_id=who.manager_id,
        client_id=kept.client_id or str(uuid.uuid4()),
        next_mutation_id=kept.next_mutation_id,
        cursor=None,
        bootstrap_done=False,
        bootstrap_after=None,
    )
    if kept.outbox:
        conn.execute(insert(t.outbox), kept.outbox)
    if kept.failed:
        conn.execute(insert(t.messages), kept.failed)
    if kept.drafts:
        conn.execute(insert(t.drafts), kept.drafts)
    if kept.uploads:
        conn.execute(insert(t.uploads), kept.uploads)
    if kept.outgoing:
        conn.execute(insert(t.outgoing), kept.outgoing)
        uploads.show_all(Tx(conn, who.manager_id, ChangedIds()))
