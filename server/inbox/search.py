"""Search (L5): chats by customer name, message text (replies and notes: managers see
both) and tags, Korean substrings included ('배송' finds '배송조회').

Queries of 3 characters or more use the substring indexes made by migration 0005:
pg_trgm GIN indexes (ILIKE) on PostgreSQL, FTS5 trigram tables (MATCH of a phrase) on
SQLite. Shorter ones cannot use trigrams: names and tags are still scanned whole (a
workspace has far fewer customers than messages), messages only in the newest
SHORT_SCAN_CHATS chats, so the cost stays bounded. Hits are chats of the manager's
workspace (every manager sees every chat of it), optionally narrowed to a section and a
state, newest last message first, in keyset pages behind an opaque cursor. Each hit says
where it matched with a short plain-text excerpt and the query's spans in it.
"""

from __future__ import annotations

import base64
import re
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal_column, or_, select
from sqlalchemy import table as sa_table
from sqlalchemy import text as sa_text
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from protocol.limits import MAX_SEARCH_QUERY
from server import wire
from server.db import models as m
from server.errors import ServiceError
from server.inbox import sections

TRIGRAM = 3  # characters: shorter queries fall back to a bounded scan
SHORT_SCAN_CHATS = 5_000
PROBE = 2_000  # matching messages: fewer, and the index's list answers (see message_filter)
EXCERPT_BEFORE = 30  # characters of context before the first match
EXCERPT_CHARS = 120


def normalise(q: str) -> str:
    """Whitespace folded; empty or too long is a clear error."""
    text = " ".join(q.split())
    if "\x00" in text:  # PostgreSQL text cannot hold it: a clear refusal, not a 500
        raise ServiceError(ErrorCode.BAD_REQUEST, "A search cannot contain a NUL character.")
    if not text:
        raise ServiceError(ErrorCode.BAD_REQUEST, "Say what to search for (q).")
    if len(text) > MAX_SEARCH_QUERY:
        raise ServiceError(
            ErrorCode.BAD_REQUEST, f"A search is at most {MAX_SEARCH_QUERY} characters."
        )
    return text


def _like(q: str) -> str:
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _phrase(q: str) -> str:
    """An FTS5 phrase: with the trigram tokenizer, a substring of 3+ characters."""
    return '"' + q.replace('"', '""') + '"'


class _Match:
    """The matching predicates of one query on one backend."""

    def __init__(self, dialect: str, workspace_id: uuid.UUID, q: str) -> None:
        self.pg = dialect == "postgresql"
        self.ws = workspace_id
        self.q = q
        self.indexed = len(q) >= TRIGRAM

    def text(self, column: Any, fts_table: str, table: str) -> ColumnElement[bool]:
        if self.pg:
            found: ColumnElement[bool] = column.ilike(_like(self.q), escape="\\")
        elif self.indexed:
            rowids: Select[Any] = (
                select(literal_column("rowid"))
                .select_from(sa_table(fts_table))
                .where(literal_column(fts_table).op("MATCH")(_phrase(self.q)))
            )
            found = literal_column(f"{table}.rowid").in_(rowids)
        else:
            found = column.like(_like(self.q), escape="\\")
        return found

    def customers(self) -> Select[Any]:
        c = m.Customer
        return select(c.id).where(
            c.workspace_id == self.ws, self.text(c.name, "customer_fts", "customer")
        )

    def messages(self) -> ColumnElement[bool]:
        """Which message rows match (the caller adds the workspace or the chats)."""
        return self.text(m.Message.text, "message_fts", "message")

    async def message_filter(self, conn: AsyncConnection) -> ColumnElement[bool]:
        """Which chats have a matching message, in the cheaper of two ways.

        A query the index serves is first asked for up to PROBE matching messages: a
        rare one is answered by that list of chats. A common one (more matches) is left
        to the list's own order: chats are walked newest first and each is checked
        through its messages (ix_message_chat_seq) until a page is full, so the cost
        follows the page, not the number of matches. A short query, which no index
        serves, is walked the same way but only through the newest SHORT_SCAN_CHATS
        chats."""
        msg = m.Message
        if self.indexed:
            probe = (
                select(msg.chat_id)
                .where(msg.workspace_id == self.ws, self.messages())
                .limit(PROBE + 1)
            )
            found = list((await conn.scalars(probe)).all())
            if len(found) <= PROBE:
                return m.Chat.id.in_(set(found))
        # The second condition (always true) keeps PostgreSQL from turning this into a
        # hashed subplan over every message: it must stay a lookup per chat walked.
        walk = exists().where(
            msg.chat_id == m.Chat.id, msg.seq <= m.Chat.last_message_seq, self.messages()
        )
        if self.indexed:
            return walk
        boundary = await conn.scalar(
            select(m.Chat.last_message_at)
            .where(m.Chat.workspace_id == self.ws)
            .order_by(m.Chat.last_message_at.desc())
            .offset(SHORT_SCAN_CHATS - 1)
            .limit(1)
        )
        return walk if boundary is None else and_(m.Chat.last_message_at >= boundary, walk)

    def tag_chats(self) -> Select[Any]:
        t = m.Tag
        names = (
            t.name.ilike(_like(self.q), escape="\\")
            if self.pg
            else t.name.like(_like(self.q), escape="\\")
        )
        return (
            select(m.ChatTag.chat_id)
            .join(t, t.id == m.ChatTag.tag_id)
            .where(t.workspace_id == self.ws, names)
        )


def encode_cursor(at: datetime, chat_id: uuid.UUID) -> str:
    raw = f"{at.isoformat()}|{chat_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at, cid = raw.rsplit("|", 1)
        when = datetime.fromisoformat(at)
        if when.tzinfo is None:
            raise ValueError("naive time")
        return when, uuid.UUID(cid)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ServiceError(ErrorCode.BAD_REQUEST, "Bad search cursor: start again.") from exc


def spans(text: str, q: str) -> list[tuple[int, int]]:
    """Where `q` occurs in `text`, ignoring case: [start, end) character offsets."""
    return [(x.start(), x.end()) for x in re.finditer(re.escape(q), text, re.IGNORECASE)]


def excerpt(text: str, q: str) -> tuple[str, list[tuple[int, int]]]:
    """A short single-line piece of `text` around the first match, and the spans in it."""
    flat = " ".join(text.split())
    found = spans(flat, q)
    start = max(0, found[0][0] - EXCERPT_BEFORE) if found else 0
    piece = flat[start : start + EXCERPT_CHARS]
    prefix = "…" if start else ""
    suffix = "…" if start + EXCERPT_CHARS < len(flat) else ""
    out = prefix + piece + suffix
    return out, spans(out, q)


async def search(
    conn: AsyncConnection,
    workspace_id: uuid.UUID,
    me: uuid.UUID,
    q: str,
    *,
    state: str,
    section: str | None,
    cursor: str | None,
    limit: int,
) -> dict[str, Any]:
    text = normalise(q)
    match = _Match(conn.dialect.name, workspace_id, text)
    if match.pg:  # a generic plan cannot see the pattern or the boundary: plan each time
        await conn.execute(sa_text("SET LOCAL plan_cache_mode = force_custom_plan"))
    base = (
        sections.section_query(workspace_id, me, section)
        if section
        else select(m.Chat).where(m.Chat.workspace_id == workspace_id)
    )
    if state != "all":
        base = base.where(m.Chat.state == state)
    base = base.where(
        or_(
            m.Chat.customer_id.in_(match.customers()),
            await match.message_filter(conn),
            m.Chat.id.in_(match.tag_chats()),
        )
    )
    at, cid = m.Chat.last_message_at, m.Chat.id
    if cursor:
        a_at, a_id = decode_cursor(cursor)
        base = base.where(or_(at < a_at, and_(at == a_at, cid < a_id)))
    rows = (await conn.execute(base.order_by(at.desc(), cid.desc()).limit(limit + 1))).all()
    more = len(rows) > limit
    rows = rows[:limit]
    hits = await _hits(conn, match, rows)
    nxt = encode_cursor(rows[-1].last_message_at, rows[-1].id) if more and rows else None
    return {"hits": hits, "next_cursor": nxt}


async def _hits(conn: AsyncConnection, match: _Match, chats: list[Any]) -> list[dict[str, Any]]:
    if not chats:
        return []
    q = match.q
    ids = [c.id for c in chats]
    names = dict(
        (
            await conn.execute(
                select(m.Customer.id, m.Customer.name).where(
                    m.Customer.id.in_({c.customer_id for c in chats})
                )
            )
        ).all()
    )
    newest = (
        select(
            m.Message.id,
            m.Message.chat_id,
            m.Message.text,
            func.row_number()
            .over(partition_by=m.Message.chat_id, order_by=m.Message.seq.desc())
            .label("n"),
        )
        .where(m.Message.chat_id.in_(ids), match.messages())
        .subquery()
    )
    found = {
        r.chat_id: r
        for r in await conn.execute(
            select(newest.c.id, newest.c.chat_id, newest.c.text).where(newest.c.n == 1)
        )
    }
    hits = []
    for chat in chats:
        matches: list[dict[str, Any]] = []
        name = names.get(chat.customer_id, "")
        if spans(name, q):
            matches.append({"field": "name", "text": name, "spans": spans(name, q)})
        if (msg := found.get(chat.id)) is not None:
            piece, where = excerpt(msg.text, q)
            if where:  # the database's folding may differ from Python's in rare letters
                matches.append(
                    {"field": "message", "text": piece, "spans": where, "message_id": msg.id}
                )
        for tag in chat.tags:
            if spans(tag, q):
                matches.append({"field": "tag", "text": tag, "spans": spans(tag, q)})
        hits.append({"chat": wire.chat(chat), "matches": matches})
    return hits
