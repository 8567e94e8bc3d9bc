"""The side panel's reads of the cache (P4-P7), beside `reads` and through its reader.

Plain sqlite3 on the GUI thread, as `reads`: each one indexed query or a scan of one
chat's cached messages. No Qt here; the panel's models (`desktop.models.panel`) call
these and the views only see the models.

P7 "sent messages": the data holds no SMS or AlimTalk records of its own; what the
workspace sent to a customer without an agent typing it (follow-ups, marketing) is a
message whose author is a bot. So the panel lists the bot messages of the customer's
cached chats, newest first. Files and links are those of the open chat's cached
messages: files blocks, link buttons, and web addresses in text (notes included:
managers see both). Both read only the messages `message_marks` marked when they were
written (by index), not every cached message's JSON: a chat of 10,000 messages opens
without the panel scanning them.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from desktop.sync.items import ChatItem
from desktop.sync.layout import Chats, MessageMarks, Messages, PageVisits
from desktop.sync.reads import CHAT_COLUMNS, CUSTOMER_JOIN, STATE_JOIN, CacheReader, chat_item

URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
HASHTAG = re.compile(r"#(\w{1,100})")  # the server's rule (server.inbox.chats.hashtags)
SCAN_MESSAGES = 2_000  # the newest marked messages looked at for files, links, sent


def hashtags(text: str) -> list[str]:
    """P3: the #hashtags of a description, in order, each once, lower case."""
    return list(dict.fromkeys(t.lower() for t in HASHTAG.findall(text)))


@dataclass(frozen=True, slots=True)
class Exchanged:
    """A file or a web link of the chat (P7). `kind` is "file" or "link"."""

    kind: str
    label: str  # the file's name, the button's text or the address
    url: str  # the address ("" for a file)
    message_id: str
    at: str  # ISO time of its message
    file: dict[str, Any] | None = None  # the FileRef of a file
    from_customer: bool = False


@dataclass(frozen=True, slots=True)
class Sent:
    """A message sent to the customer automatically (P7): follow-up or marketing."""

    message_id: str
    chat_id: str
    text: str
    at: str


def _chats_where(reader: CacheReader, where: str, params: tuple[Any, ...]) -> list[ChatItem]:
    sql = (
        f"SELECT {CHAT_COLUMNS} FROM {Chats.TABLE} AS c {CUSTOMER_JOIN}"
        f"LEFT JOIN {STATE_JOIN}WHERE {where} "
        f"ORDER BY c.{Chats.LAST_MESSAGE_US} DESC, c.{Chats.ID} DESC LIMIT 200"
    )
    return [chat_item(r) for r in reader._conn.execute(sql, params)]


def customer_chats(reader: CacheReader, customer_id: str) -> list[ChatItem]:
    """P6: every cached chat of this customer, newest first (the open one included)."""
    return _chats_where(reader, f"c.{Chats.CUSTOMER_ID} = ?", (customer_id,))


def hashtag_chats(reader: CacheReader, tag: str) -> list[ChatItem]:
    """P3: the chats whose description holds #tag (any case), newest first. The cache
    holds every chat's row (the bootstrap sends them all), so this is the whole answer."""
    want = tag.lower().lstrip("#")
    if not want:
        return []
    like = f"json_extract(c.{Chats.DATA}, '$.description') LIKE ?"
    found = _chats_where(reader, like, (f"%#{want}%",))
    return [c for c in found if want in hashtags(str(c.chat.get("description") or ""))]


def visits(reader: CacheReader, customer_id: str, limit: int = 50) -> list[dict[str, Any]]:
    """P5: the customer's newest page visits the cache holds, newest first."""
    sql = (
        f"SELECT {PageVisits.DATA} FROM {PageVisits.TABLE} "
        f"WHERE {PageVisits.CUSTOMER_ID} = ? ORDER BY {PageVisits.VISITED_US} DESC LIMIT ?"
    )
    try:
        rows = reader._conn.execute(sql, (customer_id, limit)).fetchall()
    except Exception:  # an older file, not rebuilt yet
        return []
    return [json.loads(d) for (d,) in rows]


def _marked(reader: CacheReader, where: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    """The newest messages whose marks match `where` (on `k`, the marks table)."""
    K, M = MessageMarks, Messages
    sql = (
        f"SELECT m.{M.DATA} FROM {K.TABLE} AS k "
        f"JOIN {M.TABLE} AS m ON m.{M.ID} = k.{K.MESSAGE_ID} WHERE {where} "
        f"ORDER BY k.{K.SORT_KEY} DESC LIMIT {SCAN_MESSAGES}"
    )
    try:
        rows = reader._conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:  # an older file, not rebuilt yet
        return []
    return [json.loads(d) for (d,) in rows]


def exchanged(reader: CacheReader, chat_id: str) -> list[Exchanged]:
    """P7: the files and web links of the chat's cached messages, newest first."""
    out: list[Exchanged] = []
    seen: set[str] = set()
    where = f"k.{MessageMarks.CHAT_ID} = ? AND k.{MessageMarks.LINKS}"
    for msg in _marked(reader, where, (chat_id,)):
        mid, at = str(msg.get("id")), str(msg.get("created_at") or "")
        customer = msg.get("author_kind") == "customer"
        for block in msg.get("blocks") or ():
            kind = block.get("type")
            if kind == "files":
                for f in block.get("files") or ():
                    out.append(Exchanged("file", str(f.get("name")), "", mid, at, f, customer))
            elif kind == "button":
                url = str(block.get("url") or "")
                if url and url not in seen:
                    seen.add(url)
                    label = str(block.get("text") or url)
                    out.append(Exchanged("link", label, url, mid, at, None, customer))
            elif kind == "text":
                for url in URL.findall(str(block.get("text") or "")):
                    url = url.rstrip(".,;:!?")
                    if url not in seen:
                        seen.add(url)
                        out.append(Exchanged("link", url, url, mid, at, None, customer))
    return out


def sent_messages(reader: CacheReader, customer_id: str) -> list[Sent]:
    """P7: bot messages (follow-ups, marketing) of the customer's cached chats."""
    chat_ids = [c.id for c in customer_chats(reader, customer_id)]
    if not chat_ids:
        return []
    marks = ", ".join("?" for _ in chat_ids)
    where = f"k.{MessageMarks.CHAT_ID} IN ({marks}) AND k.{MessageMarks.BOT}"
    out: list[Sent] = []
    for msg in _marked(reader, where, tuple(chat_ids)):
        text = " ".join(
            str(b.get("text") or "") for b in msg.get("blocks") or () if b.get("type") == "text"
        )
        out.append(Sent(str(msg["id"]), str(msg["chat_id"]), text, str(msg.get("created_at"))))
    return out
