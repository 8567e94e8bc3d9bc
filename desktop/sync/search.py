"""Search over the cache (L5): customer names, chat tags and message text, as you type.

A query is split into terms at whitespace; a text matches when it holds every term
(case-insensitive), and a chat when one of its texts does. Terms of 3 characters or more
go to the FTS5 trigram index (`search_index`), which finds any substring, Hangul
included. A query made only of shorter terms ('배송', 'a') cannot use trigrams: it
falls back to LIKE, bounded so a keystroke stays fast on a big cache: the names, tags
and messages of the newest `LIKE_SCAN_CHATS` chats of the scope, then every other
customer name if that found too few. Trigram matches are every name and tag, and the
messages found newest first (by doc id) until enough chats are.

Results are chats, newest first (by last message, L1), like the server's `GET /search`,
each with the field found (name before tag before message), a plain-text excerpt and
the spans to highlight. Plain sqlite3 like `reads` (the GUI thread calls it).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.sync.items import ChatItem, SearchResult
from desktop.sync.layout import (
    SEARCH_FTS,
    SEARCH_LABELS_FTS,
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
LIKE_SCAN_CHATS = 1_000  # the LIKE fallback reads the texts of this many newest chats
TRIGRAM_PAGE = 500  # message docs read from the index at a time, newest first
TRIGRAM_SCAN = 20_000  # message docs read at most: beyond, `GET /search`
EXCERPT_BEFORE = 30  # characters of context before the first match in a message
EXCERPT_LENGTH = 120

D = SearchDocs


def terms(query: str) -> list[str]:
    """The query's terms: whitespace-separated, each once, in order."""
    return list(dict.fromkeys(query[:MAX_SEARCH_QUERY].split()))


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(slots=True)
class _Scope:
    """The section and state a search is narrowed to, as SQL over `c` (chats)."""

    where: str
    params: dict[str, Any]
    join: str  # my chat_state, when the section needs it

    @classmethod
    def of(cls, me: str, section: str | None, state: str | None) -> _Scope:
        cond, params, needs_state = section_condition(section or "all", me)
        where = [cond]
        if state is not None:
            where.append(f"c.{Chats.STATE} = :state")
            params["state"] = state
        return cls(" AND ".join(where), params, f"CROSS JOIN {STATE_JOIN}" if needs_state else "")


Hit = tuple[int, int, int | None]  # (the chat's sort time, priority, doc id)


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
    scope = _Scope.of(me, section, state)
    long = [w for w in words if len(w) >= MIN_TRIGRAM]
    short = [w for w in words if len(w) < MIN_TRIGRAM]
    likes = {f"like{i}": _like(w) for i, w in enumerate(short)}
    if long:
        hits = _trigram_hits(conn, scope, " ".join(_phrase(w) for w in long), likes, limit)
    else:
        hits = _like_hits(conn, scope, likes, limit)
    chosen = sorted(hits.items(), key=lambda kv: (kv[1][0], kv[0]), reverse=True)[:limit]
    return _results(conn, chosen, words)


def _keep(hits: dict[str, Hit], chat_id: str, at: int, prio: int, doc: int | None) -> None:
    """The best hit per chat: name before tag before message, then the newest doc."""
    old = hits.get(chat_id)
    if old is None or (prio, -(doc or 0)) < (old[1], -(old[2] or 0)):
        hits[chat_id] = (at, prio, doc)


def _text_filter(likes: dict[str, str], column: str) -> str:
    return "".join(f" AND {column} LIKE :{name} ESCAPE '\\'" for name in likes)


def _trigram_hits(
    conn: sqlite3.Connection, scope: _Scope, match: str, likes: dict[str, str], limit: int
) -> dict[str, Hit]:
    """Every name and tag that matches; messages newest first (by doc id, pages of
    TRIGRAM_PAGE) until `limit` chats of the scope are found or TRIGRAM_SCAN docs read."""
    hits: dict[str, Hit] = {}
    params = {**scope.params, **likes, "match": match, "limit": limit}
    text = _text_filter(likes, f"d.{D.TEXT}")
    newest = f"ORDER BY c.{Chats.LAST_MESSAGE_US} DESC, c.{Chats.ID} DESC LIMIT :limit"
    labels = (
        f"WITH f AS (SELECT rowid AS id FROM {SEARCH_LABELS_FTS} "
        f"WHERE {SEARCH_LABELS_FTS} MATCH :match) "
        f"SELECT * FROM (SELECT c.{Chats.ID}, c.{Chats.LAST_MESSAGE_US}, 0, NULL FROM f "
        f"CROSS JOIN {D.TABLE} AS d ON d.{D.ID} = f.id "
        f"CROSS JOIN {Chats.TABLE} AS c ON c.{Chats.CUSTOMER_ID} = d.{D.CUSTOMER_ID} "
        f"{scope.join}WHERE d.{D.KIND} = '{SEARCH_NAME}'{text} AND {scope.where} {newest}) "
        f"UNION ALL SELECT * FROM (SELECT c.{Chats.ID}, c.{Chats.LAST_MESSAGE_US}, 1, d.{D.ID} "
        f"FROM f CROSS JOIN {D.TABLE} AS d ON d.{D.ID} = f.id "
        f"CROSS JOIN {Chats.TABLE} AS c ON c.{Chats.ID} = d.{D.CHAT_ID} "
        f"{scope.join}WHERE d.{D.KIND} = '{SEARCH_TAG}'{text} AND {scope.where} {newest})"
    )
    for chat_id, at, prio, doc in conn.execute(labels, params):
        _keep(hits, chat_id, int(at), int(prio), doc)
    page_sql = (
        f"SELECT rowid FROM {SEARCH_FTS} WHERE {SEARCH_FTS} MATCH :match AND rowid < :before "
        f"ORDER BY rowid DESC LIMIT {TRIGRAM_PAGE}"
    )
    found: set[str] = set()
    before, scanned = (1 << 63) - 1, 0
    while len(found) < limit and scanned < TRIGRAM_SCAN:
        ids = [r[0] for r in conn.execute(page_sql, {"match": match, "before": before})]
        if not ids:
            break
        scanned += len(ids)
        before = ids[-1]
        marks = ", ".join(str(int(i)) for i in ids)
        sql = (
            f"SELECT c.{Chats.ID}, c.{Chats.LAST_MESSAGE_US}, d.{D.ID} FROM {D.TABLE} AS d "
            f"CROSS JOIN {Chats.TABLE} AS c ON c.{Chats.ID} = d.{D.CHAT_ID} {scope.join}"
            f"WHERE d.{D.ID} IN ({marks}){text} AND {scope.where}"
        )
        for chat_id, at, doc in conn.execute(sql, params):
            found.add(chat_id)
            _keep(hits, chat_id, int(at), 2, int(doc))
        if len(ids) < TRIGRAM_PAGE:
            break
    return hits


def _like_hits(
    conn: sqlite3.Connection, scope: _Scope, likes: dict[str, str], limit: int
) -> dict[str, Hit]:
    """Short terms: the newest LIKE_SCAN_CHATS chats of the scope, newest first, by
    customer name, tags or messages, until `limit` are found (a common term stops
    early); if fewer were, the names of all the other chats (a covering index holds
    them), newest first."""
    hits: dict[str, Hit] = {}
    params = {**scope.params, **likes, "limit": limit, "scan": LIKE_SCAN_CHATS}
    by_name = "1" + _text_filter(likes, f"cu.{Customers.NAME}")
    window = (
        f"SELECT c.{Chats.ID} AS id, c.{Chats.LAST_MESSAGE_US} AS at, "
        f"c.{Chats.CUSTOMER_ID} AS customer_id FROM {Chats.TABLE} AS c {scope.join}"
        f"WHERE {scope.where} ORDER BY c.{Chats.LAST_MESSAGE_US} DESC, c.{Chats.ID} DESC "
        "LIMIT :scan"
    )
    texts = (
        f"SELECT r.id, r.at, CASE WHEN {by_name} THEN -1 ELSE ("
        f"SELECT d.{D.ID} FROM {D.TABLE} AS d WHERE d.{D.CHAT_ID} = r.id"
        f"{_text_filter(likes, f'd.{D.TEXT}')} ORDER BY d.{D.KIND} = '{SEARCH_MESSAGE}', "
        f"d.{D.ID} DESC LIMIT 1) END AS doc FROM ({window}) AS r "
        f"LEFT JOIN {Customers.TABLE} AS cu ON cu.{Customers.ID} = r.customer_id "
        "WHERE doc IS NOT NULL"
    )
    for seen, (chat_id, at, doc) in enumerate(conn.execute(texts, params), start=1):
        # a name (-1), or the chat's tags or newest message found: the doc says which
        _keep(hits, chat_id, int(at), 0 if doc == -1 else 1, None if doc == -1 else int(doc))
        if seen >= limit:
            return hits
    names = (
        f"SELECT c.{Chats.ID}, c.{Chats.LAST_MESSAGE_US} FROM {Customers.TABLE} AS cu "
        f"CROSS JOIN {Chats.TABLE} AS c ON c.{Chats.CUSTOMER_ID} = cu.{Customers.ID} "
        f"{scope.join}WHERE {by_name} AND {scope.where} "
        f"ORDER BY c.{Chats.LAST_MESSAGE_US} DESC, c.{Chats.ID} DESC LIMIT :limit"
    )
    for chat_id, at in conn.execute(names, params):
        _keep(hits, chat_id, int(at), 0, None)
    return hits


def _results(
    conn: sqlite3.Connection, chosen: list[tuple[str, Hit]], words: Sequence[str]
) -> list[SearchResult]:
    if not chosen:
        return []
    items: dict[str, ChatItem] = {}
    marks = ", ".join("?" for _ in chosen)
    sql = (
        f"SELECT {CHAT_COLUMNS} FROM {Chats.TABLE} AS c {CUSTOMER_JOIN}LEFT JOIN {STATE_JOIN}"
        f"WHERE c.{Chats.ID} IN ({marks})"
    )
    for r in conn.execute(sql, [chat_id for chat_id, _ in chosen]):
        line = chat_item(r)
        items[line.id] = line
    docs = _docs(conn, [hit[2] for _, hit in chosen if hit[2] is not None])
    out: list[SearchResult] = []
    for chat_id, (_, _, doc) in chosen:
        item = items.get(chat_id)
        if item is None:
            continue
        if doc is None:
            text, spans = item.customer_name, find_spans(item.customer_name, words)
            out.append(SearchResult(item, SEARCH_NAME, text, spans))
            continue
        key, kind, doc_text = docs.get(doc, ("", SEARCH_MESSAGE, ""))
        if kind == SEARCH_TAG:
            text, spans = tag_excerpt(doc_text, words)
            out.append(SearchResult(item, SEARCH_TAG, text, spans))
        else:
            text, spans = excerpt(doc_text, words)
            out.append(SearchResult(item, SEARCH_MESSAGE, text, spans, key[2:] or None))
    return out


def _docs(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
    """Doc id -> (key, kind, text)."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT {D.ID}, {D.KEY}, {D.KIND}, {D.TEXT} FROM {D.TABLE} WHERE {D.ID} IN ({marks})"
    return {int(i): (str(k), str(kd), str(t)) for i, k, kd, t in conn.execute(sql, list(ids))}


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
