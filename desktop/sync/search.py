"""Search over the cache (L5): customer names, chat tags and message text, as you type.

A query is split into terms at whitespace; a text matches when it holds every term
(case-insensitive), and a chat when one of its texts does. Terms of 3 characters or more
go to the FTS5 trigram index (`search_index`), which finds any substring, Hangul
included. A query made only of shorter terms ('배송', 'a') cannot use trigrams: it
falls back to LIKE, bounded so a keystroke stays fast on a big cache: every customer
name, and the tags and messages of the newest `LIKE_SCAN_CHATS` chats of the scope.

Results are chats, newest first (by last message, L1), like the server's `GET /search`,
each with the field found (name before tag before message), a plain-text excerpt and
the spans to highlight. Plain sqlite3 like `reads` (the GUI thread calls it).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from desktop.sync.items import SearchResult
from desktop.sync.layout import (
    SEARCH_FTS,
    SEARCH_MESSAGE,
    SEARCH_NAME,
    SEARCH_TAG,
    Chats,
    Customers,
    SearchDocs,
)
from desktop.sync.reads import CHAT_COLUMNS, CUSTOMER_JOIN, STATE_JOIN, chat_item, section_condition
from protocol.limits import MAX_SEARCH_QUERY

MIN_TRIGRAM = 3  # characters: shorter terms cannot use the trigram index
LIKE_SCAN_CHATS = 5_000  # the LIKE fallback reads the texts of this many newest chats
EXCERPT_BEFORE = 30  # characters of context before the first match in a message
EXCERPT_LENGTH = 120
_PRIORITY = {SEARCH_NAME: 0, SEARCH_TAG: 1, SEARCH_MESSAGE: 2}
_FIELDS = {v: k for k, v in _PRIORITY.items()}
_DOC_SPAN = 1 << 40  # priority * _DOC_SPAN - doc id: one number that sorts hits

D = SearchDocs


def terms(query: str) -> list[str]:
    """The query's terms: whitespace-separated, each once, in order."""
    return list(dict.fromkeys(query[:MAX_SEARCH_QUERY].split()))


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search_cache(
    conn: sqlite3.Connection,
    me: str,
    query: str,
    *,
    state: str | None,
    section: str | None,
    limit: int,
) -> list[SearchResult]:
    """`reads.CacheReader.search`: at most `limit` chats of `section` (None: all) in
    `state` (None: any) that match `query`."""
    words = terms(query)
    if not words or limit <= 0:
        return []
    cond, params, needs_state = section_condition(section or "all", me)
    scope = [cond]
    if state is not None:
        scope.append(f"c.{Chats.STATE} = :state")
        params["state"] = state
    long = [w for w in words if len(w) >= MIN_TRIGRAM]
    short = [w for w in words if len(w) < MIN_TRIGRAM]
    likes = []
    for i, w in enumerate(short):
        params[f"like{i}"] = _like(w)
        likes.append(f"d.{D.TEXT} LIKE :like{i} ESCAPE '\\'")
    name_likes = [x.replace(f"d.{D.TEXT}", f"cu.{Customers.NAME}") for x in likes]
    join = "JOIN" if needs_state else "LEFT JOIN"
    scope_sql = " AND ".join(scope)
    if long:
        params["match"] = " ".join(_phrase(w) for w in long)
        extra = "".join(f" AND {x}" for x in likes)
        found = (
            f"found AS (SELECT d.{D.ID} AS doc, d.{D.KIND} AS kind, d.{D.CHAT_ID} AS chat_id, "
            f"d.{D.CUSTOMER_ID} AS customer_id FROM {D.TABLE} AS d "
            f"WHERE d.{D.ID} IN (SELECT rowid FROM {SEARCH_FTS} WHERE {SEARCH_FTS} MATCH :match)"
            f"{extra}), "
            "hits AS ("
            f"SELECT chat_id AS cid, CASE kind WHEN '{SEARCH_TAG}' THEN 1 ELSE 2 END AS prio, doc "
            "FROM found WHERE chat_id IS NOT NULL "
            f"UNION ALL SELECT ch.{Chats.ID}, 0, NULL FROM found AS f "
            f"JOIN {Chats.TABLE} AS ch ON ch.{Chats.CUSTOMER_ID} = f.customer_id "
            f"WHERE f.kind = '{SEARCH_NAME}')"
        )
    else:
        params["scan"] = LIKE_SCAN_CHATS
        text_match = " AND ".join(likes)
        name_match = " AND ".join(name_likes)
        found = (
            f"recent AS (SELECT c.{Chats.ID} AS id FROM {Chats.TABLE} AS c {join} {STATE_JOIN}"
            f"WHERE {scope_sql} ORDER BY c.{Chats.LAST_MESSAGE_US} DESC, c.{Chats.ID} DESC "
            "LIMIT :scan), "
            "hits AS ("
            f"SELECT d.{D.CHAT_ID} AS cid, CASE d.{D.KIND} WHEN '{SEARCH_TAG}' THEN 1 ELSE 2 END "
            f"AS prio, d.{D.ID} AS doc FROM recent AS r "
            f"JOIN {D.TABLE} AS d ON d.{D.CHAT_ID} = r.id WHERE {text_match} "
            f"UNION ALL SELECT ch.{Chats.ID}, 0, NULL FROM {Customers.TABLE} AS cu "
            f"JOIN {Chats.TABLE} AS ch ON ch.{Chats.CUSTOMER_ID} = cu.{Customers.ID} "
            f"WHERE {name_match})"
        )
    sql = (
        f"WITH {found}, "
        f"best AS (SELECT cid, min(prio * {_DOC_SPAN} - coalesce(doc, 0)) AS rank, prio, doc "
        "FROM hits GROUP BY cid) "
        f"SELECT {CHAT_COLUMNS}, best.prio, best.doc FROM best "
        f"JOIN {Chats.TABLE} AS c ON c.{Chats.ID} = best.cid "
        f"{CUSTOMER_JOIN}{join} {STATE_JOIN}WHERE {scope_sql} "
        f"ORDER BY c.{Chats.LAST_MESSAGE_US} DESC, c.{Chats.ID} DESC LIMIT :limit"
    )
    params["limit"] = limit
    found_rows = conn.execute(sql, params).fetchall()
    docs = _docs(conn, [r[-1] for r in found_rows if r[-1] is not None])
    out: list[SearchResult] = []
    for r in found_rows:
        item = chat_item(r[:-2])
        field = _FIELDS[int(r[-2])]
        if field == SEARCH_NAME:
            text, spans = item.customer_name, find_spans(item.customer_name, words)
            out.append(SearchResult(item, field, text, spans))
            continue
        key, doc_text = docs.get(r[-1], ("", ""))
        if field == SEARCH_TAG:
            text, spans = tag_excerpt(doc_text, words)
            out.append(SearchResult(item, field, text, spans))
        else:
            text, spans = excerpt(doc_text, words)
            out.append(SearchResult(item, field, text, spans, message_id=key[2:] or None))
    return out


def _docs(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT {D.ID}, {D.KEY}, {D.TEXT} FROM {D.TABLE} WHERE {D.ID} IN ({marks})"
    return {int(i): (str(k), str(t)) for i, k, t in conn.execute(sql, list(ids))}


# ---- excerpts and highlights ---------------------------------------------------------


def find_spans(text: str, words: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Every occurrence of every term in `text` (case-insensitive), overlaps merged."""
    found: list[tuple[int, int]] = []
    for w in words:
        found += [m.span() for m in re.finditer(re.escape(w), text, re.IGNORECASE)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def excerpt(text: str, words: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A line of a message around its first match: one line (breaks become spaces),
    at most about EXCERPT_LENGTH characters, "…" where it was cut."""
    flat = " ".join(text.split("\n"))
    spans = find_spans(flat, words)
    first = spans[0][0] if spans else 0
    start = max(0, first - EXCERPT_BEFORE)
    if start > 0:  # begin at a word when one starts near
        space = flat.find(" ", start, first)
        if space != -1:
            start = space + 1
    end = min(len(flat), start + EXCERPT_LENGTH)
    cut = flat[start:end]
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(flat) else ""
    shift = len(lead) - start
    inside = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if a < end and b > start
    )
    return lead + cut + tail, inside


def tag_excerpt(text: str, words: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The chat's tags that hold the query, comma-separated (all of them if none does:
    the match then spans tags only a query with a line break could)."""
    tags = text.split("\n")
    hit = [t for t in tags if find_spans(t, words)] or tags
    joined = ", ".join(hit)
    return joined, find_spans(joined, words)
