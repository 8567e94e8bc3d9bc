"""The side panel's index of messages (P7): which cached messages hold files, link
buttons or web addresses, and which a bot wrote, kept by triggers on `messages`.

The panel's "files and links exchanged" and "sent messages" once scanned the JSON of
every cached message of the customer's chats at each open and at each new message
(tens of milliseconds for a chat of 10,000 messages, before its newest were painted).
Now each message is looked at once, when it is written, by SQL triggers (as the
search index is: every write path, the feed, fetched pages, optimistic effects,
rollbacks, keeps it in its own transaction), and the panel reads only the marked
messages by index. A text is marked when it contains `http://` or `https://` (any
case, as LIKE compares ASCII): a superset of `panel_reads.URL`'s matches, which the
reader still applies. Plain SQL: the GUI's sqlite3 connection needs no function.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from desktop.sync.layout import MessageMarks, Messages

K = MessageMarks
M = Messages


def _links(row: str) -> str:
    """SQL: does the message `row` hold files, a link button or a web address?"""
    return f"""EXISTS (SELECT 1 FROM json_each({row}.{M.DATA}, '$.blocks') AS b
        WHERE json_extract(b.value, '$.type') IN ('files', 'button')
        OR (json_extract(b.value, '$.type') = 'text'
            AND (json_extract(b.value, '$.text') LIKE '%http://%'
                 OR json_extract(b.value, '$.text') LIKE '%https://%')))"""


def _bot(row: str) -> str:
    return f"coalesce(json_extract({row}.{M.DATA}, '$.author_kind') = 'bot', 0)"


def _select(row: str, source: str) -> str:
    """The marks of the messages `source` yields as `row` (those with either mark)."""
    return (
        f"SELECT id, chat_id, sort_key, links, bot FROM (SELECT {row}.{M.ID} AS id, "
        f"{row}.{M.CHAT_ID} AS chat_id, {row}.{M.SORT_KEY} AS sort_key, "
        f"{_links(row)} AS links, {_bot(row)} AS bot {source}) WHERE links OR bot"
    )


_COLUMNS = f"({K.MESSAGE_ID}, {K.CHAT_ID}, {K.SORT_KEY}, {K.LINKS}, {K.BOT})"
_PUT = (
    f"INSERT INTO {K.TABLE} {_COLUMNS} {_select('new', '')} "
    f"ON CONFLICT ({K.MESSAGE_ID}) DO UPDATE SET {K.CHAT_ID} = excluded.{K.CHAT_ID}, "
    f"{K.SORT_KEY} = excluded.{K.SORT_KEY}, {K.LINKS} = excluded.{K.LINKS}, "
    f"{K.BOT} = excluded.{K.BOT};"
)
_DROP_OLD = f"DELETE FROM {K.TABLE} WHERE {K.MESSAGE_ID} = old.{M.ID};"
_CHANGED = (
    f"old.{M.DATA} IS NOT new.{M.DATA} OR old.{M.SORT_KEY} IS NOT new.{M.SORT_KEY} "
    f"OR old.{M.CHAT_ID} IS NOT new.{M.CHAT_ID} OR old.{M.ID} IS NOT new.{M.ID}"
)
_NAME = f"{M.TABLE}_marks"
TRIGGERS = [
    f"CREATE TRIGGER {_NAME}_ai AFTER INSERT ON {M.TABLE} BEGIN {_PUT} END",
    f"CREATE TRIGGER {_NAME}_au AFTER UPDATE ON {M.TABLE} WHEN {_CHANGED} "
    f"BEGIN {_DROP_OLD} {_PUT} END",
    f"CREATE TRIGGER {_NAME}_ad AFTER DELETE ON {M.TABLE} BEGIN {_DROP_OLD} END",
]
TRIGGER_NAMES = [statement.split()[2] for statement in TRIGGERS]


def create(conn: Connection) -> None:
    """The triggers (after the tables they join exist)."""
    for statement in TRIGGERS:
        conn.exec_driver_sql(statement)


def drop_triggers(conn: Any) -> None:
    """Stop keeping the marks (for a bulk load; `rebuild` after it). `conn`: a
    SQLAlchemy connection or a sqlite3 one."""
    run = getattr(conn, "exec_driver_sql", None) or conn.execute
    for name in TRIGGER_NAMES:
        run(f"DROP TRIGGER IF EXISTS {name}")


def rebuild(conn: Any) -> None:
    """Every mark anew from the messages table, set-based, and kept from then on."""
    run = getattr(conn, "exec_driver_sql", None) or conn.execute
    drop_triggers(conn)
    run(f"DELETE FROM {K.TABLE}")
    run(f"INSERT INTO {K.TABLE} {_COLUMNS} {_select('m', f'FROM {M.TABLE} AS m')}")
    for statement in TRIGGERS:
        run(statement)
