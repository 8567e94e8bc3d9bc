"""Media secrets sealed at rest (S9): AES-GCM under the server's media key.

A medium's secrets are one JSON object, sealed with a fresh nonce and bound to its
workspace and medium (the associated data), so a sealed value copied onto another row
does not open. Nothing here logs, and no error message carries a secret.

Other code (the media's webhook handlers) reads a medium's secrets with
`open_secrets(conn, sealer, workspace_id, medium)`.
"""

from __future__ import annotations

import json
import os
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.kinds import Medium
from server.db import models as m

_VERSION = b"\x01"
_NONCE = 12


class SecretsUnreadable(Exception):
    """The sealed value does not open with this key (another key, or altered bytes)."""


class Sealer:
    """Seals and opens secrets with one 32-byte key; never shows the key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the media key is 32 bytes")
        self._aead = AESGCM(key)

    def __repr__(self) -> str:
        return "Sealer(<key hidden>)"

    @staticmethod
    def _bound_to(workspace_id: uuid.UUID, medium: Medium) -> bytes:
        return f"sangdam-media:{workspace_id}:{medium.value}".encode()

    def seal(self, workspace_id: uuid.UUID, medium: Medium, secrets: dict[str, str]) -> bytes:
        nonce = os.urandom(_NONCE)
        plain = json.dumps(secrets, sort_keys=True).encode()
        sealed = self._aead.encrypt(nonce, plain, self._bound_to(workspace_id, medium))
        return _VERSION + nonce + sealed

    def open(self, workspace_id: uuid.UUID, medium: Medium, blob: bytes) -> dict[str, str]:
        if blob[:1] != _VERSION or len(blob) < 1 + _NONCE + 16:
            raise SecretsUnreadable("not a sealed value of this server")
        nonce, sealed = blob[1 : 1 + _NONCE], blob[1 + _NONCE :]
        try:
            plain = self._aead.decrypt(nonce, sealed, self._bound_to(workspace_id, medium))
        except InvalidTag:
            raise SecretsUnreadable(
                "the media's secrets do not open with this key (was SANGDAM_MEDIA_KEY changed?)"
            ) from None
        data = json.loads(plain)
        return {str(k): str(v) for k, v in data.items()}


async def open_secrets(
    conn: AsyncConnection, sealer: Sealer, workspace_id: uuid.UUID, medium: Medium
) -> dict[str, str] | None:
    """A connected medium's secrets, or None when it is not connected (or holds none)."""
    row = (
        await conn.execute(
            select(m.Integration.sealed_secrets).where(
                m.Integration.workspace_id == workspace_id,
                m.Integration.medium == medium.value,
                m.Integration.connected.is_(True),
            )
        )
    ).first()
    if row is None or row.sealed_secrets is None:
        return None
    return sealer.open(workspace_id, medium, bytes(row.sealed_secrets))
