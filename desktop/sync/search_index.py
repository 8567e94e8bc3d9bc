"""The cache's search index (L5): FTS5 tables with the trigram tokenizer over customer
names and chat tags (small: `SEARCH_LABELS_FTS`) and message text (`SEARCH_FTS`),
kept by triggers.

Triggers on `customers`, `chats` and `messages` keep `search_docs` (one row per text,
`layout.SearchDocs`) and triggers on that keep the FTS5 indexes, so whatever writes those
tables (the feed, bootstrap pages, re-fetches, optimistic effects, the overlay's
rollbacks, a rebuild carrying failed messages over) updates the index in the same
transaction, and no write path can forget it. FTS5 reads the text from `search_docs`
(external content): it is stored once. Trigram makes any substring of 3 or more
characters a match, Hangul included ('배송조' in '배송조회'); shorter queries are
`search`'s bounded LIKE. A message's text is its text blocks and its files' names; a
chat's tags are one text, a line per tag (a query never holds a line break, so no match
spans two tags). Plain SQL: the GUI's sqlite3 connection and any tool opening the file
need no registered function.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from desktop.sync.layout import (
    SEARCH_FTS,
    SEARCH_LABELS_FTS,
    SEARCH_MESSAGE,
    SEARCH_NAME,
    SEARCH_TAG,
    Chats,
    Customers,
    Messages,
    SearchDocs,
)

D = SearchDocs

_MESSAGE_TEXT = f"""(SELECT group_concat(x, char(10)) FROM (
    SELECT json_extract(b.value, '$.text') AS x FROM json_each(new.{Messages.DATA}, '$.blocks') AS b
        WHERE json_extract(b.value, '$.type') = 'text'
    UNION ALL
    SELECT json_extract(f.value, '$.name')
        FROM json_each(new.{Messages.DATA}, '$.blocks') AS b, json_each(b.value, '$.files') AS f
        WHERE json_extract(b.value, '$.type') = 'files'))"""
_TAGS_TEXT = f"(SELECT group_concat(value, char(10)) FROM json_each(new.{Chats.DATA}, '$.tags'))"


def _put(key: str, kind: str, owner: str, owner_id: str, text: str) -> str:
    """Upsert one doc (the text only when it changed: FTS5 work is the cost), or drop
    it when the text is empty."""
    return f"""
    DELETE FROM {D.TABLE} WHERE {D.KEY} = {key} AND coalesce({text}, '') = '';
    INSERT INTO {D.TABLE} ({D.KEY}, {D.KIND}, {owner}, {D.TEXT})
        SELECT {key}, '{kind}', {owner_id}, x FROM (SELECT {text} AS x) WHERE x <> ''
        ON CONFLICT ({D.KEY}) DO UPDATE SET {D.TEXT} = excluded.{D.TEXT}
        WHERE {D.TEXT} IS NOT excluded.{D.TEXT};"""


def _triggers(table: str, prefix: str, put: str, when: str, key_of_old: str) -> list[str]:
    name = f"{table}_search"
    return [
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} BEGIN {put} END",
        f"CREATE TRIGGER {name}_au AFTER UPDATE ON {table} WHEN {when} BEGIN {put} END",
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} BEGIN "
        f"DELETE FROM {D.TABLE} WHERE {D.KEY} = '{prefix}' || {key_of_old}; END",
    ]


def _fts(name: str) -> str:
    return (
        f"CREATE VIRTUAL TABLE {name} USING fts5({D.TEXT}, content='{D.TABLE}', "
        f"content_rowid='{D.ID}', tokenize='trigram')"
    )


def _index_triggers(fts: str, when: str) -> list[str]:
    """Keep one FTS table for the docs `when` selects (external content: FTS5 is told
    each doc's text as it comes and goes)."""
    add = f"INSERT INTO {fts} (rowid, {D.TEXT}) VALUES (new.{D.ID}, new.{D.TEXT});"
    drop = (
        f"INSERT INTO {fts} ({fts}, rowid, {D.TEXT}) VALUES ('delete', old.{D.ID}, old.{D.TEXT});"
    )
    new, old = when.format(row="new"), when.format(row="old")
    return [
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {D.TABLE} WHEN {new} BEGIN {add} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {D.TABLE} WHEN {old} BEGIN {drop} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {D.TEXT} ON {D.TABLE} WHEN {new} "
        f"BEGIN {drop} {add} END",
    ]


_IS_MESSAGE = f"{{row}}.{D.KIND} = '{SEARCH_MESSAGE}'"
_IS_LABEL = f"{{row}}.{D.KIND} <> '{SEARCH_MESSAGE}'"
FTS_TABLES = [_fts(SEARCH_FTS), _fts(SEARCH_LABELS_FTS)]
TRIGGERS: list[str] = [
    *_index_triggers(SEARCH_FTS, _IS_MESSAGE),
    *_index_triggers(SEARCH_LABELS_FTS, _IS_LABEL),
    *_triggers(
        Customers.TABLE,
        "n:",
        _put(f"'n:' || new.{Customers.ID}", SEARCH_NAME, D.CUSTOMER_ID,
             f"new.{Customers.ID}", f"new.{Customers.NAME}"),
        f"old.{Customers.NAME} IS NOT new.{Customers.NAME}",
        f"old.{Customers.ID}",
    ),
    *_triggers(
        Chats.TABLE,
        "t:",
        _put(f"'t:' || new.{Chats.ID}", SEARCH_TAG, D.CHAT_ID, f"new.{Chats.ID}", _TAGS_TEXT),
        f"json_extract(old.{Chats.DATA}, '$.tags') IS NOT json_extract(new.{Chats.DATA}, '$.tags')",
        f"old.{Chats.ID}",
    ),
    *_triggers(
        Messages.TABLE,
        "m:",
        _put(f"'m:' || new.{Messages.ID}", SEARCH_MESSAGE, D.CHAT_ID,
             f"new.{Messages.CHAT_ID}", _MESSAGE_TEXT),
        f"old.{Messages.DATA} IS NOT new.{Messages.DATA}",
        f"old.{Messages.ID}",
    ),
]  # fmt: skip

TRIGGER_NAMES = [statement.split()[2] for statement in TRIGGERS]

# Every doc from the data tables at once (what the triggers write row by row).
_FILL = [
    f"INSERT INTO {D.TABLE} ({D.KEY}, {D.KIND}, {D.CUSTOMER_ID}, {D.TEXT}) "
    f"SELECT 'n:' || {Customers.ID}, '{SEARCH_NAME}', {Customers.ID}, {Customers.NAME} "
    f"FROM {Customers.TABLE} WHERE {Customers.NAME} <> ''",
    f"INSERT INTO {D.TABLE} ({D.KEY}, {D.KIND}, {D.CHAT_ID}, {D.TEXT}) "
    f"SELECT 't:' || id, '{SEARCH_TAG}', id, x FROM (SELECT new.{Chats.ID} AS id, "
    f"{_TAGS_TEXT} AS x FROM {Chats.TABLE} AS new) WHERE x <> ''",
    f"INSERT INTO {D.TABLE} ({D.KEY}, {D.KIND}, {D.CHAT_ID}, {D.TEXT}) "
    f"SELECT 'm:' || id, '{SEARCH_MESSAGE}', chat_id, x FROM (SELECT new.{Messages.ID} AS id, "
    f"new.{Messages.CHAT_ID} AS chat_id, {_MESSAGE_TEXT} AS x FROM {Messages.TABLE} AS new) "
    "WHERE x <> ''",
]


def create(conn: Connection) -> None:
    """The FTS table and every trigger (after the tables they watch exist)."""
    for statement in FTS_TABLES:
        conn.exec_driver_sql(statement)
    for statement in TRIGGERS:
        conn.exec_driver_sql(statement)


def drop_triggers(conn: Any) -> None:
    """Stop keeping the index (for a bulk load; `rebuild` after it). `conn`: a
    SQLAlchemy connection or a sqlite3 one."""
    run = getattr(conn, "exec_driver_sql", None) or conn.execute
    for name in TRIGGER_NAMES:
        run(f"DROP TRIGGER IF EXISTS {name}")


def rebuild(conn: Any) -> None:
    """Make the index anew from the data tables, set-based (much faster than the
    triggers row by row: a bulk load drops them, loads, then calls this), and keep it
    from then on. `conn`: a SQLAlchemy connection or a sqlite3 one, in a transaction."""
    run = getattr(conn, "exec_driver_sql", None) or conn.execute
    drop_triggers(conn)
    run(f"DELETE FROM {D.TABLE}")
    for statement in _FILL:
        run(statement)
    for fts, when in ((SEARCH_FTS, _IS_MESSAGE), (SEARCH_LABELS_FTS, _IS_LABEL)):
        run(f"INSERT INTO {fts} ({fts}) VALUES ('delete-all')")
        run(
            f"INSERT INTO {fts} (rowid, {D.TEXT}) SELECT {D.ID}, {D.TEXT} FROM {D.TABLE} AS d "
            f"WHERE {when.format(row='d')}"
        )
    for statement in TRIGGERS:
        run(statement)
