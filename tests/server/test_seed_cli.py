"""The demo seed and the `sangdam-server` command line.

The seed: the same seed gives the same rows (on each backend, and SQLite and PostgreSQL
agree), another seed other rows; the workspace has every medium and state in Korean and
English; its change log is gap-free and replays to the stored rows; bootstrap serves it.
The CLI: migrate, create-workspace, create-manager, serve, seed, and its refusals.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from protocol.kinds import INTEGRATION_ORDER, ChatState, Entity, Medium, MessageKind
from protocol.limits import MAX_SNOOZE, MAX_TAGS_PER_CHAT
from server import seed as seeding
from server import wire
from server.auth.secrets import Passwords
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from server.inbox import chats
from tests.support.databases import PostgresTemplates, SqliteTemplates
from tests.support.live import ROOT, LiveServer

CHATS = 60
HANGUL = re.compile(r"[가-힣]")
ENGLISH = re.compile(r"\b(the|you|my|your|order|refund|thanks)\b", re.IGNORECASE)
# Columns that differ between two runs by design: argon2's random salt, the write time.
VOLATILE = {("manager", "password_hash"), ("change_log", "created_at")}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def three_urls(
    request: pytest.FixtureRequest,
    _sqlite_templates: SqliteTemplates,
    _pg_templates: PostgresTemplates,
) -> list[str]:
    """Three fresh migrated databases on one backend."""
    templates = _pg_templates if request.param == "postgres" else _sqlite_templates
    return [templates.new_database() for _ in range(3)]


async def _seed(url: str, **kw: Any) -> str:
    db = Database(url)
    try:
        return await seeding.seed(db, **{"chats": CHATS, "seed": 7, **kw})
    finally:
        await db.dispose()


async def _dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order, without the volatile columns."""
    db = Database(url)
    out: dict[str, list[tuple[Any, ...]]] = {}
    try:
        async with db.read() as conn:
            for table in m.Base.metadata.sorted_tables:
                cols = [c for c in table.columns if (table.name, c.name) not in VOLATILE]
                rows = (await conn.execute(select(*cols))).all()
                out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    finally:
        await db.dispose()
    return out


async def test_same_seed_gives_the_same_rows(three_urls: list[str]) -> None:
    first, again, other = three_urls
    await _seed(first)
    await _seed(again)
    await _seed(other, seed=8)
    a, b, c = await _dump(first), await _dump(again), await _dump(other)
    assert a == b
    for table in ("chat", "message", "customer", "change_log", "chat_state", "page_visit"):
        assert len(a[table]) > 0, table
    # Another seed: other ids, other customers, other conversations.
    assert a != c
    ids = {row[0] for row in a["chat"]}
    assert ids.isdisjoint(row[0] for row in c["chat"])
    assert [r[2] for r in a["customer"]] != [r[2] for r in c["customer"]]


@pytest.mark.postgres
async def test_sqlite_and_postgres_hold_the_same_rows(sqlite_url: str, postgres_url: str) -> None:
    await _seed(sqlite_url, seed=11)
    await _seed(postgres_url, seed=11)
    assert await _dump(sqlite_url) == await _dump(postgres_url)


async def test_seeding_twice_is_refused(db: Database) -> None:
    await seeding.seed(db, chats=5, seed=1)
    with pytest.raises(ServiceError, match="already has a demo workspace"):
        await seeding.seed(db, chats=5, seed=2)


@pytest.fixture
def two_sqlite_urls(_sqlite_templates: SqliteTemplates) -> list[str]:
    return [_sqlite_templates.new_database() for _ in range(2)]


async def test_chunk_size_does_not_change_the_rows(
    two_sqlite_urls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many small transactions (each chunk built while the one before is written) give
    the same rows as one big one."""
    few, many = two_sqlite_urls
    await _seed(few)
    monkeypatch.setattr(seeding, "CHUNK_CHATS", 7)
    await _seed(many)
    assert await _dump(few) == await _dump(many)


async def _rows(db: Database, model: type[m.Base]) -> list[Any]:
    async with db.read() as conn:
        return list((await conn.execute(select(model))).all())


async def test_seeded_workspace_is_believable(db: Database) -> None:
    summary = await seeding.seed(db, chats=150, seed=1)
    assert "demo@sangdam.app" in summary and "150 chats" in summary

    managers = {r.email: r for r in await _rows(db, m.Manager)}
    by_id = {r.id: r for r in managers.values()}
    owner = managers["demo@sangdam.app"]
    assert owner.role == "owner" and owner.permissions == ["delete_chats"]
    assert {r.role for r in managers.values()} == {"owner", "admin", "manager"}
    assert len(managers) >= 8 and len({r.password_hash for r in managers.values()}) == 1
    assert Passwords(memory_kib=1024, time_cost=1).verify(owner.password_hash, "sangdam-demo")
    assert any(HANGUL.search(r.name) for r in managers.values())
    assert any(r.name.isascii() for r in managers.values())
    assert {r.operator_seat for r in managers.values()} == {True, False}
    teams = await _rows(db, m.Team)
    assert 3 <= len(teams) <= 4 and any(t.auto_assign for t in teams)
    tags = {t.name: t.id for t in await _rows(db, m.Tag)}
    assert {"환불", "배송", "결제", "VIP", "bug", "문의"} <= set(tags)
    assert len(await _rows(db, m.Macro)) >= 4
    integrations = await _rows(db, m.Integration)
    assert {i.medium for i in integrations} == {md.value for md in INTEGRATION_ORDER}
    fields = {f.key: f.type for f in await _rows(db, m.CustomerField)}
    assert fields == {
        "plan": "string",
        "company": "string",
        "orders": "number",
        "vip": "boolean",
        "birthday": "date",
    }

    all_chats = await _rows(db, m.Chat)
    assert len(all_chats) == 150
    assert {c.medium for c in all_chats} == {md.value for md in Medium}
    assert {c.state for c in all_chats} == {s.value for s in ChatState}
    for c in all_chats:
        assert len(c.tags) <= MAX_TAGS_PER_CHAT
        if c.assignee_id is not None:
            assert str(c.assignee_id) in c.follower_ids  # P1
            assert by_id[c.assignee_id].operator_seat  # O1
        if c.state == "snoozed":
            assert seeding.ANCHOR < c.snooze_until <= seeding.ANCHOR + MAX_SNOOZE
        else:
            assert c.snooze_until is None
        assert (c.page_url is not None) == (c.medium == "web")
        assert c.created_at <= c.last_message_at <= seeding.ANCHOR
        if c.queued_since is not None:
            assert c.state == "open" and c.assignee_id is None and c.team_id is not None
    assert any(
        c.team_id is not None and c.assignee_id is None and c.queued_since is None
        for c in all_chats
    )
    assert any(c.queued_since is not None for c in all_chats)
    assert any(len(c.follower_ids) > 1 for c in all_chats)
    assert any("#" in c.description for c in all_chats)
    assert {c.source_kind for c in all_chats} == {None, "campaign", "workflow"}
    assert all(c.source_name for c in all_chats if c.source_kind)

    async with db.read() as conn:
        chat_tags = Counter(r.chat_id for r in await conn.execute(select(m.ChatTag.chat_id)))
        followers = Counter(r.chat_id for r in await conn.execute(select(m.ChatFollower.chat_id)))
        hashtags: dict[uuid.UUID, set[str]] = {}
        for r in await conn.execute(select(m.ChatHashtag)):
            hashtags.setdefault(r.chat_id, set()).add(r.tag)
    for c in all_chats:
        assert chat_tags[c.id] == len(c.tags) and followers[c.id] == len(c.follower_ids)
        assert hashtags.get(c.id, set()) == set(chats.hashtags(c.description))  # P3

    messages = await _rows(db, m.Message)
    by_chat: dict[uuid.UUID, list[Any]] = {}
    for msg in sorted(messages, key=lambda r: r.seq):
        by_chat.setdefault(msg.chat_id, []).append(msg)
    texts = [b["text"] for msg in messages for b in msg.blocks if b["type"] == "text"]
    assert any(HANGUL.search(t) for t in texts) and any(ENGLISH.search(t) for t in texts)
    kinds = Counter(b["type"] for msg in messages for b in msg.blocks)
    assert kinds["button"] > 0 and kinds["form"] > 0
    assert any(msg.kind == "note" for msg in messages)
    for c in all_chats:
        mine = by_chat[c.id]
        assert 1 <= len(mine) <= 8
        last = mine[-1]
        assert (c.last_message_seq, c.last_message_at) == (last.seq, last.created_at)
        text = chats.preview(last.blocks)
        if last.kind == "note":
            text = f"(note) {text}"[: chats.PREVIEW_CHARS]
        assert c.last_message_preview == text
        assert [x.created_at for x in mine] == sorted(x.created_at for x in mine)
        authors = {x.author_kind for x in mine}
        assert "customer" in authors or authors == {"bot"}
        if c.assignee_id is not None and len(mine) > 2:
            assert "manager" in authors

    states = await _rows(db, m.ChatState)
    assert any(s.starred for s in states) and any(s.unread_count > 0 for s in states)
    async with db.read() as conn:
        for s in states:
            assert s.unread_count == await chats.count_unread(
                conn, s.chat_id, s.manager_id, s.read_seq
            )

    customers = {c.id: c for c in await _rows(db, m.Customer)}
    identities = {(i.customer_id, i.medium) for i in await _rows(db, m.CustomerIdentity)}
    for c in all_chats:
        if c.medium != "web":
            assert (c.customer_id, c.medium) in identities
        assert customers[c.customer_id].created_at <= c.created_at
    visits = await _rows(db, m.PageVisit)
    started = {v.chat_id: v for v in visits if v.chat_id is not None}
    for c in all_chats:
        if c.medium == "web":
            assert started[c.id].url == c.page_url and started[c.id].visited_at <= c.created_at


async def test_change_log_is_gap_free_and_replays_to_the_rows(db: Database) -> None:
    await seeding.seed(db, chats=120, seed=5)
    [ws] = await _rows(db, m.Workspace)
    log = sorted(await _rows(db, m.ChangeLog), key=lambda r: r.seq)
    assert [e.seq for e in log] == list(range(1, ws.last_seq + 1))
    assert all(e.op == "upsert" and e.client_id is None for e in log)

    replayed: dict[tuple[str, str], Any] = {}
    for e in log:
        replayed[(e.entity, e.entity_id)] = e
        if e.entity in (Entity.CHAT, Entity.MESSAGE, Entity.CHAT_STATE):
            assert e.chat_id is not None
        if e.entity != Entity.COUNT:  # a manager's own counts are private too
            assert (e.manager_id is not None) == (e.entity == Entity.CHAT_STATE)
        else:
            assert (e.manager_id is not None) == (e.data["scope"] != "")

    def entries(entity: Entity) -> dict[str, Any]:
        return {k[1]: v for k, v in replayed.items() if k[0] == entity.value}

    all_chats = await _rows(db, m.Chat)
    assert {str(c.id) for c in all_chats} == set(entries(Entity.CHAT))
    for c in all_chats:
        assert entries(Entity.CHAT)[str(c.id)].data == wire.chat(c)
    messages = await _rows(db, m.Message)
    logged = entries(Entity.MESSAGE)
    assert {str(r.id) for r in messages} == set(logged)
    for r in messages:
        e = logged[str(r.id)]
        assert e.seq == r.seq and e.data == wire.message(r) and e.chat_id == r.chat_id
        assert e.internal == (r.kind == MessageKind.NOTE.value)
    states = await _rows(db, m.ChatState)
    logged = entries(Entity.CHAT_STATE)
    assert len(states) == len(logged)
    for s in states:
        e = logged[f"{s.chat_id}:{s.manager_id}"]
        assert e.data == wire.chat_state(s) and e.manager_id == s.manager_id
    async with db.read() as conn:
        customers = await wire.customers(conn, [r.id for r in await _rows(db, m.Customer)])
        managers = await wire.managers(conn, [r.id for r in await _rows(db, m.Manager)])
        teams = await wire.teams(conn, [r.id for r in await _rows(db, m.Team)])

    def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
        """Equal up to the order of the lists a row collects from other tables."""

        def norm(d: dict[str, Any]) -> dict[str, Any]:
            return {
                k: sorted(v, key=lambda x: json.dumps(x, sort_keys=True))
                if isinstance(v, list)
                else v
                for k, v in d.items()
            }

        return norm(a) == norm(b)

    for entity, rows in (
        (Entity.CUSTOMER, customers),
        (Entity.MANAGER, managers),
        (Entity.TEAM, teams),
    ):
        logged = entries(entity)
        assert set(logged) == {r["id"] for r in rows}
        for r in rows:
            assert same(logged[r["id"]].data, r), entity
    for entity, model, serialize in (
        (Entity.TAG, m.Tag, wire.tag),
        (Entity.MACRO, m.Macro, wire.macro),
        (Entity.INTEGRATION, m.Integration, wire.integration),
    ):
        logged = entries(entity)
        stored = await _rows(db, model)
        assert {str(r.id) for r in stored} == set(logged)
        assert all(logged[str(r.id)].data == serialize(r) for r in stored)
    fields = entries(Entity.CUSTOMER_FIELD)
    assert {k: v.data for k, v in fields.items()} == {
        r.key: wire.customer_field(r) for r in await _rows(db, m.CustomerField)
    }


async def test_bootstrap_serves_the_seeded_workspace(
    client: httpx.AsyncClient, db: Database
) -> None:
    """Bootstrap serves the seeded workspace; its integrations in the sidebar's fixed
    order, though the seed stores them in another."""
    await seeding.seed(db, chats=40, seed=2)
    r = await client.post(
        "/auth/login", json={"email": "demo@sangdam.app", "password": "sangdam-demo"}
    )
    assert r.status_code == 200, r.text
    headers = {"Authorization": f"Bearer {r.json()['token']}"}
    stored = [i.medium for i in await _rows(db, m.Integration)]
    assert stored != [md.value for md in INTEGRATION_ORDER]
    body = await client.get("/sync/bootstrap", headers=headers, params={"page_size": 25})
    assert body.status_code == 200, body.text
    lines = [json.loads(line) for line in body.text.splitlines()]
    reference, *pages, end = lines
    assert [i["medium"] for i in reference["integrations"]] == [
        md.value for md in INTEGRATION_ORDER
    ]
    assert all(i["connected"] for i in reference["integrations"])
    assert reference["me"]["email"] == "demo@sangdam.app"
    assert reference["workspace"]["name"] == seeding.WORKSPACE_NAME
    heads = [c for page in pages for c in page["chats"]]
    assert len(heads) == end["chats"] == 40
    order = [(c["last_message_at"], c["id"]) for c in heads]
    assert order == sorted(order, reverse=True)  # L1: newest first
    [ws] = await _rows(db, m.Workspace)
    assert end["as_of_seq"] == ws.last_seq


# ---- the command line, in subprocesses ------------------------------------------------


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def _uuid_line(out: str) -> uuid.UUID:
    return uuid.UUID(out.strip())


def test_cli_end_to_end(tmp_path: Path, live_server: Callable[..., LiveServer]) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    db = ("--database-url", url)
    done = _cli("migrate", *db)
    assert done.returncode == 0 and "up to date" in done.stdout, done.stderr
    done = _cli("create-workspace", "상담 주식회사", *db)
    assert done.returncode == 0, done.stderr
    workspace = _uuid_line(done.stdout)
    done = _cli(
        "create-manager",
        *db,
        "--workspace",
        str(workspace),
        "--email",
        "Ana@Example.test",
        "--name",
        "아나 Ana",
        "--role",
        "owner",
        "--can-delete-chats",
        "--password-stdin",
        stdin="s3cret pass\n",
    )
    assert done.returncode == 0, done.stderr
    manager = _uuid_line(done.stdout)

    server = live_server(url)
    r = httpx.post(
        server.url + "/auth/login",
        json={"email": "ana@example.test", "password": "s3cret pass"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["manager_id"] == str(manager)
    assert r.json()["workspace_id"] == str(workspace)
    wrong = httpx.post(
        server.url + "/auth/login", json={"email": "ana@example.test", "password": "nope"}
    )
    assert wrong.status_code == 401

    done = _cli("seed", *db, "--chats", "30", "--seed", "3")
    assert done.returncode == 0, done.stderr
    assert "demo@sangdam.app" in done.stdout and "30 chats" in done.stdout
    assert len(done.stdout.strip().splitlines()) == 1
    r = httpx.post(
        server.url + "/auth/login",
        json={"email": "demo@sangdam.app", "password": "sangdam-demo"},
    )
    assert r.status_code == 200, r.text  # the running server sees the seeded workspace

    again = _cli("seed", *db, "--chats", "30", "--seed", "4")
    assert again.returncode == 1
    assert again.stderr.startswith("error: ") and "already has a demo workspace" in again.stderr
    assert again.stdout == ""


def test_cli_refuses_bad_input(tmp_path: Path) -> None:
    db = ("--database-url", f"sqlite+aiosqlite:///{tmp_path / 'bad.db'}")
    missing = uuid.uuid4()
    done = _cli(
        "create-manager",
        *db,
        "--workspace",
        str(missing),
        "--email",
        "x@example.test",
        "--name",
        "X",
        "--password-stdin",
        stdin="pw\n",
    )
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and str(missing) in done.stderr
    assert done.stdout == ""
    done = _cli("seed", *db, "--chats", "-3")
    assert done.returncode == 1 and done.stderr.startswith("error: ")
    done = _cli(
        "create-manager",
        *db,
        "--workspace",
        "not-a-uuid",
        "--email",
        "x@example.test",
        "--name",
        "X",
        "--password-stdin",
        stdin="pw\n",
    )
    assert done.returncode == 2 and "invalid UUID" in done.stderr


async def test_seeded_sidebar_counts_are_exact_and_logged(sqlite_url: str) -> None:
    """Bulk-loaded rows still get exact sidebar counts, and the log carries them."""
    from server.inbox import counts as sidebar_counts

    db = Database(sqlite_url)
    try:
        await seeding.seed(db, chats=60, seed=5)
        async with db.read() as conn:
            wid = await conn.scalar(select(m.Workspace.id))
            kept = await sidebar_counts.stored(conn, wid)
            logged = {
                row.entity_id: row.data["count"]
                for row in await conn.execute(
                    select(m.ChangeLog)
                    .where(m.ChangeLog.entity == "count")
                    .order_by(m.ChangeLog.seq)
                )
            }
        async with db.write() as conn:
            rebuilt = {k: v for k, v in (await sidebar_counts.recount(conn, wid)).items() if v}
        assert kept == rebuilt and kept
        assert logged == {f"{s}|{k}|{st}": n for (s, k, st), n in kept.items()}
        assert kept[("", "all", "open")] > 0
    finally:
        await db.dispose()
