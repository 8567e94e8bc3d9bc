"""Opaque cursors for the customer API: a workspace seq, encrypted and bound to its chat.

A customer's cursors (`since`, `to`, `head` of the feed, `before` of message pages) are
positions in the workspace's change log. Shown as numbers, the gap between two of them
would tell how much the rest of the workspace wrote meanwhile; so the customer API never
shows a seq, only a cursor made from it here (stdlib only, no migration, nothing on the
push path):

- the chat's key: `kc = HMAC-SHA256(secret, "sangdam customer cursor v1" || chat_id)`;
- the seq (64 bits, big-endian) goes through a 6-round Feistel permutation over two
  32-bit halves whose round function is `HMAC-SHA256(kc, round || half)[:4]`: a keyed
  pseudo-random permutation, so a cursor's 8 bytes say nothing of the seq nor of the
  distance between two seqs;
- a tag `HMAC-SHA256(kc, "tag" || ciphertext)[:8]` follows, so a forged or modified
  cursor, or one of another chat (another key), is refused (400 bad_request) before it
  is deciphered;
- the cursor is the 16 bytes in unpadded base64url: always 22 characters.

The same seq of the same chat always gives the same cursor (equality is all it shows).
`secret` is `Settings.cursor_key()`: per deployment; changing it invalidates every
cursor handed out (a customer then reloads the chat).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import uuid
from typing import Any

from sqlalchemy import false, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from protocol.kinds import Entity
from server.db import models as m
from server.errors import ServiceError

_ROUNDS = 6
_CONTEXT = b"sangdam customer cursor v1"
CURSOR_LENGTH = 22  # characters: base64url of 8 bytes of ciphertext and 8 of tag


def _round(key: bytes, i: int, half: int) -> int:
    out = hmac.digest(key, bytes((i,)) + half.to_bytes(4, "big"), hashlib.sha256)
    return int.from_bytes(out[:4], "big")


def _tag(key: bytes, box: bytes) -> bytes:
    return hmac.digest(key, b"tag" + box, hashlib.sha256)[:8]


class Cursors:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the cursor secret needs at least 16 bytes")
        self._secret = secret

    def _key(self, chat_id: uuid.UUID) -> bytes:
        return hmac.digest(self._secret, _CONTEXT + chat_id.bytes, hashlib.sha256)

    def seal(self, chat_id: uuid.UUID, seq: int) -> str:
        """The cursor of `seq` (0 <= seq < 2**64) in this chat."""
        key = self._key(chat_id)
        left, right = seq >> 32, seq & 0xFFFFFFFF
        for i in range(_ROUNDS):
            left, right = right, left ^ _round(key, i, right)
        box = ((left << 32) | right).to_bytes(8, "big")
        return base64.urlsafe_b64encode(box + _tag(key, box)).rstrip(b"=").decode()

    def open(self, chat_id: uuid.UUID, cursor: str) -> int:
        """The seq of a cursor this chat was given; 400 for anything else."""
        try:
            raw = base64.urlsafe_b64decode(cursor.encode("ascii") + b"==")
        except (binascii.Error, ValueError, UnicodeEncodeError):
            raw = b""
        key = self._key(chat_id)
        if (
            len(cursor) != CURSOR_LENGTH
            or len(raw) != 16
            or base64.urlsafe_b64encode(raw).rstrip(b"=").decode() != cursor  # canonical only
            or not hmac.compare_digest(raw[8:], _tag(key, raw[:8]))
        ):
            raise ServiceError(
                ErrorCode.BAD_REQUEST,
                "This cursor is not one this chat was given: reload the chat.",
            )
        value = int.from_bytes(raw[:8], "big")
        left, right = value >> 32, value & 0xFFFFFFFF
        for i in reversed(range(_ROUNDS)):
            left, right = right ^ _round(key, i, left), left
        return (left << 32) | right


def visible(chat_id: uuid.UUID) -> list[Any]:
    """The change-log entries a chat's customer sees: its messages, notes never."""
    log = m.ChangeLog
    return [log.chat_id == chat_id, log.entity == Entity.MESSAGE.value, log.internal == false()]


_TEAM_ONLY = frozenset({"seq", "delivery_error"})


def customer_message(data: dict[str, Any]) -> dict[str, Any]:
    """A message as the customer API shows it: without its workspace seq, nor why the
    team's messenger did not take it (the team's business)."""
    return {k: v for k, v in data.items() if k not in _TEAM_ONLY}


async def customer_head(conn: AsyncConnection, workspace_id: uuid.UUID, chat_id: uuid.UUID) -> int:
    """The seq a customer follows the chat from: its newest visible entry, or the pruned
    seq when that is later (a cursor below it could not be followed)."""
    log = m.ChangeLog
    head = int(await conn.scalar(select(func.max(log.seq)).where(*visible(chat_id))) or 0)
    pruned = int(
        await conn.scalar(select(m.Workspace.pruned_seq).where(m.Workspace.id == workspace_id)) or 0
    )
    return max(head, pruned)
