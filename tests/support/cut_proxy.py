"""A TCP proxy that cuts the connection on purpose: the network drop of the fault tests.

It sits between a client and a server on 127.0.0.1 and forwards both ways. When the
bytes sent towards the server (all connections together) reach the next mark of
`cut_at`, it forwards exactly up to the mark and then drops that connection, both
sides at once (`transport.abort()`, no FIN handshake: what a pulled cable or a NAT
timeout looks like to both ends). Each mark is used once.

It also reads the requests going through (HTTP/1.1 with Content-Length bodies only, as
the uploader sends them) so a test can see what the client sent: each request's method,
path, headers and how many body bytes really went through, and which connection each
was on. Chunked request bodies are refused loudly (a test of them would be wrong here).
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field


@dataclass
class Request:
    """One request seen going to the server."""

    connection: int
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    length: int  # Content-Length
    forwarded: int = 0  # body bytes that went through

    @property
    def complete(self) -> bool:
        return self.forwarded == self.length


class _RequestReader:
    """Splits one connection's client-to-server bytes into requests as they pass."""

    def __init__(self, connection: int, seen: list[Request]) -> None:
        self.connection = connection
        self.seen = seen
        self._head = b""
        self._body_left = 0
        self._current: Request | None = None

    def feed(self, data: bytes) -> None:
        while data:
            if self._current is not None and self._body_left:
                take = min(self._body_left, len(data))
                self._current.forwarded += take
                self._body_left -= take
                data = data[take:]
                continue
            self._head += data
            data = b""
            end = self._head.find(b"\r\n\r\n")
            if end < 0:
                return
            head, data = self._head[:end], self._head[end + 4 :]
            self._head = b""
            self._start(head.decode("latin-1"))

    def _start(self, head: str) -> None:
        first, *lines = head.split("\r\n")
        method, path, _ = first.split(" ", 2)
        headers = {}
        for line in lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "chunked" in headers.get("transfer-encoding", "").lower():
            raise RuntimeError(f"{method} {path}: chunked bodies are not read by this proxy")
        length = int(headers.get("content-length", "0"))
        self._current = Request(self.connection, method, path, headers, length)
        self._body_left = length
        self.seen.append(self._current)


@dataclass
class CutProxy:
    """`await start()`, point the client at `url`, `close()` at the end."""

    target_port: int
    cut_at: list[int] = field(default_factory=list)  # upstream byte counts, ascending
    upstream_bytes: int = 0  # everything forwarded towards the server so far
    requests: list[Request] = field(default_factory=list)
    cuts: list[int] = field(default_factory=list)  # the marks used, in order
    connections: int = 0
    port: int = 0
    _server: asyncio.Server | None = None
    _pipes: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> CutProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._pipes):
            task.cancel()
        for task in list(self._pipes):
            with contextlib.suppress(asyncio.CancelledError, OSError):
                await task
        if self._server is not None:
            await self._server.wait_closed()

    async def _serve(self, c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        number = self.connections
        try:
            s_reader, s_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:  # the server is down: the client sees its connection refused-ish
            c_writer.transport.abort()
            return
        ends = (c_writer, s_writer)
        reading = _RequestReader(number, self.requests)
        up = asyncio.create_task(self._up(c_reader, s_writer, reading, ends))
        down = asyncio.create_task(self._down(s_reader, c_writer))
        self._pipes |= {up, down}
        try:
            await asyncio.wait({up, down}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (up, down):
                task.cancel()
            for w in ends:
                w.transport.abort()
            self._pipes -= {up, down}

    async def _up(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        requests: _RequestReader,
        ends: tuple[asyncio.StreamWriter, asyncio.StreamWriter],
    ) -> None:
        while data := await reader.read(256 * 1024):
            mark = self.cut_at[0] if self.cut_at else None
            cut = mark is not None and self.upstream_bytes + len(data) >= mark
            if cut:
                assert mark is not None
                data = data[: mark - self.upstream_bytes]
            requests.feed(data)
            self.upstream_bytes += len(data)
            writer.write(data)
            await writer.drain()
            if cut:
                assert mark is not None
                # All of it to the server before the cut (no event says the buffer emptied).
                while writer.transport.get_write_buffer_size():  # noqa: ASYNC110
                    await asyncio.sleep(0.001)
                self.cut_at.pop(0)
                self.cuts.append(mark)
                for w in ends:
                    w.transport.abort()
                return

    async def _down(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.read(256 * 1024):
            writer.write(data)
            await writer.drain()
