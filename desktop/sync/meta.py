"""The cache's own facts: schema version, identity, feed cursor, bootstrap progress.

Stored as key -> JSON value rows, read and written in the same transactions as the data
they describe (the cursor commits with the changes it covers).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from desktop.sync import tables as t

_PUT = insert(t.meta)
_PUT = _PUT.on_conflict_do_update(index_elements=["key"], set_={"value": _PUT.excluded.value})


@dataclass(frozen=True, slots=True)
class Meta:
    schema_version: int
    server_url: str
    workspace_id: str
    manager_id: str
    client_id: str  # the outbox's identity at the server (exactly-once is per client)
    next_mutation_id: int
    cursor: int | None  # the feed position the cache reflects; None until bootstrapped
    as_of_seq: int | None  # the last bootstrap's snapshot position
    bootstrap_done: bool
    bootstrap_after: str | None  # where an interrupted bootstrap resumes (`?after=`)
    bootstrap_floor: int | None  # the log head before the bootstrap began
    bootstrap_resumed: bool  # the bootstrap came in more than one snapshot
    bootstrap_chats: int  # chats written by the current bootstrap (progress)
    workspace: dict[str, Any] | None


def read_all(conn: Connection) -> dict[str, Any]:
    return {
        key: json.loads(value) if value is not None else None
        for key, value in conn.execute(select(t.meta.c.key, t.meta.c.value))
    }


def get(conn: Connection, key: str, default: Any = None) -> Any:
    value = conn.execute(select(t.meta.c.value).where(t.meta.c.key == key)).scalar()
    return default if value is None else json.loads(value)


def put(conn: Connection, **values: Any) -> None:
    conn.execute(_PUT, [{"key": k, "value": json.dumps(v)} for k, v in values.items()])


def as_meta(d: dict[str, Any]) -> Meta:
    return Meta(
        schema_version=int(d.get("schema_version") or 0),
        server_url=str(d.get("server_url") or ""),
        workspace_id=str(d.get("workspace_id") or ""),
        manager_id=str(d.get("manager_id") or ""),
        client_id=str(d.get("client_id") or ""),
        next_mutation_id=int(d.get("next_mutation_id") or 1),
        cursor=d.get("cursor"),
        as_of_seq=d.get("as_of_seq"),
        bootstrap_done=bool(d.get("bootstrap_done")),
        bootstrap_after=d.get("bootstrap_after"),
        bootstrap_floor=d.get("bootstrap_floor"),
        bootstrap_resumed=bool(d.get("bootstrap_resumed")),
        bootstrap_chats=int(d.get("bootstrap_chats") or 0),
        workspace=d.get("workspace"),
    )
