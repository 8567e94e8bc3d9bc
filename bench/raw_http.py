"""A keep-alive HTTP/1.1 client written by hand, for load generators.

A benchmark's clients stand for desktops on other machines: what their HTTP client
costs is not the server's. httpx spends about a millisecond of CPU per request here, so
50 of them in one process add tens of milliseconds to each round of answers and take a
core the server and PostgreSQL share. This client does only what a JSON POST to our
server needs (Content-Length bodies, keep-alive) in a tenth of that.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any
from urllib.parse import urlsplit

import httpx


class RawResponse:
    def __init__(self, status_code: int, body: bytes) -> None:
        self.status_code = status_code
        self.content = body

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.content)


class RawHTTP:
    """One connection, one request at a time (as each desktop's outbox sends)."""

    def __init__(self, base_url: str) -> None:
        url = urlsplit(base_url)
        self.host, self.port = url.hostname or "127.0.0.1", url.port or 80
        self._conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, path: str, *, json: Any, headers: dict[str, str]) -> RawResponse:
        """Raises httpx.TransportError when the connection fails, as httpx would, so
        callers retry both clients alike."""
        body = _dumps(json)
        head = "".join(
            [
                f"POST {path} HTTP/1.1\r\nhost: {self.host}:{self.port}\r\n",
                f"content-type: application/json\r\ncontent-length: {len(body)}\r\n",
                *(f"{k}: {v}\r\n" for k, v in headers.items()),
                "\r\n",
            ]
        )
        try:
            if self._conn is None:
                self._conn = await asyncio.open_connection(self.host, self.port)
            reader, writer = self._conn
            writer.write(head.encode() + body)
            status = int((await reader.readline()).split(b" ", 2)[1])
            length, close = 0, False
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                match name.strip().lower():
                    case b"content-length":
                        length = int(value)
                    case b"connection":
                        close = value.strip().lower() == b"close"
                    case b"transfer-encoding":
                        raise httpx.RemoteProtocolError("chunked answers are not read here")
            data = await reader.readexactly(length)
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError) as exc:
            await self.aclose()
            raise httpx.RemoteProtocolError(f"{type(exc).__name__}: {exc}") from exc
        if close:
            await self.aclose()
        return RawResponse(status, data)

    async def aclose(self) -> None:
        if self._conn is not None:
            _, writer = self._conn
            self._conn = None
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
