"""A cache with what the composer offers: managers, teams, macros and profile fields
(written as feed entries after a seeded bootstrap), and a composer over it."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from desktop.sync.cache import Cache

GREETING = "안녕하세요 {customer.name}님, 상담사 {manager.name}입니다. {unknown.var}"


def macro_rows(n: int) -> list[dict[str, Any]]:
    rows = [
        {"id": str(uuid.uuid4()), "name": "인사", "body": GREETING},
        {"id": str(uuid.uuid4()), "name": "환불 안내", "body": "환불은 3~5일 걸립니다."},
        {"id": str(uuid.uuid4()), "name": "Shipping", "body": "Your parcel ships today."},
    ]
    rows += [
        {"id": str(uuid.uuid4()), "name": f"매크로 {i:04d}", "body": f"자주 묻는 질문 {i}번 답변"}
        for i in range(max(0, n - len(rows)))
    ]
    return rows[:n] if n else []


def manager_row(name: str, me_permissions: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "name": name,
        "email": f"{uuid.uuid4().hex[:8]}@example.test",
        "role": "manager",
        "permissions": me_permissions or [],
        "operator_seat": True,
        "available": True,
        "max_auto_assign": 5,
        "notify_unassigned": False,
        "avatar_url": None,
        "team_ids": [],
    }


def add_reference(
    path: Path,
    info: dict[str, Any],
    *,
    macros: int = 3,
    managers: int = 0,
    me_permissions: list[str] | None = None,
    cursor: int = 100_000,
) -> dict[str, Any]:
    """Feed entries: my permissions, `managers` more managers, `macros` macros and two
    customer profile fields. Returns the macro rows."""
    from desktop.sync.reads import CacheReader

    peek = CacheReader(path)
    workspace_id, server_url = str(peek.meta("workspace_id")), str(peek.meta("server_url"))
    peek.close()
    cache = Cache.open(
        path, server_url=server_url, workspace_id=workspace_id, manager_id=info["me"]
    )
    try:
        reads = cache.reads
        me = next(m for m in reads.reference("manager") if m["id"] == info["me"])
        changes: list[dict[str, Any]] = []
        seq = cursor

        def entry(entity: str, key: str, data: dict[str, Any]) -> None:
            nonlocal seq
            seq += 1
            changes.append({"seq": seq, "entity": entity, "id": key, "op": "upsert", "data": data})

        entry("manager", me["id"], {**me, "permissions": me_permissions or []})
        for i in range(managers):
            m = manager_row(f"상담사 {i:03d}")
            entry("manager", m["id"], m)
        rows = macro_rows(macros)
        for r in rows:
            entry("macro", r["id"], r)
        entry("customer_field", "email", {"key": "email", "label": "Email", "type": "string"})
        entry("customer_field", "age", {"key": "age", "label": "Age", "type": "number"})
        cache.apply_changes(changes, seq)
    finally:
        cache.close()
    return {"macros": rows}
