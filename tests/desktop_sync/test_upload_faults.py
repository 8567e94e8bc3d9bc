"""Uploads through faults, for real: the desktop's tus client against a live server
process with a SQLite database and its files folder.

* The connection cut three times in the middle of PATCHes (a TCP proxy in between
  drops it after N bytes): the upload completes, and each cut costs at most the one
  chunk that was on the wire, read from what really went through the proxy.
* The server killed in the middle of a PATCH and started again on the same database
  and files folder: the upload completes.

Either way the file the server serves afterwards has the original's sha256.
"""

# covers: M1

from __future__ import annotations

import asyncio
import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.sync.tus import FILE_CHANGED, Progress, TusClient, UploadError
from protocol.uploads import UPLOADS_PATH
from tests.desktop_sync.support import FAST, WAIT, login, start_chat
from tests.desktop_sync.uploads_support import CHUNK, Served, serve
from tests.support.cut_proxy import CutProxy
from tests.support.databases import SqliteTemplates

pytestmark = pytest.mark.timeout(120)

SIZE = 8 * CHUNK + 123_457  # nine PATCHes, the last one short


@pytest.fixture(scope="module")
def served(
    _sqlite_templates: SqliteTemplates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """One server for the module (starting one is the slow part; the restart test leaves
    it running again); a chat per test."""
    s = serve(_sqlite_templates.new_database(), tmp_path_factory.mktemp("log") / "server.log")
    yield s
    s.server.stop()


def random_file(path: Path, size: int) -> str:
    """A file of random bytes; returns its sha256."""
    data = os.urandom(size)
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def overwrite(path: Path, at: int, data: bytes) -> None:
    with open(path, "r+b") as f:
        f.seek(at)
        f.write(data)


async def served_sha256(client: httpx.AsyncClient, headers: dict[str, str], file_id: str) -> str:
    h = hashlib.sha256()
    async with client.stream("GET", f"/files/{file_id}", headers=headers) as r:
        assert r.status_code == 200, await r.aread()
        async for data in r.aiter_bytes():
            h.update(data)
    return h.hexdigest()


async def test_three_cuts_each_cost_at_most_one_chunk(served: Served, tmp_path: Path) -> None:
    server, world = served.server, served.world
    path = tmp_path / "서버 로그 2026-12-07.bin"
    original = random_file(path, SIZE)
    # Cuts well inside three PATCH bodies. Counted in bytes sent (the cut chunks are sent
    # again): 1.3 chunks is 30% into the 2nd PATCH; after it the bodies end at 2.3, 3.3,
    # ... so 3.8 is half way through one; after that they end at 4.8, 5.8, ... and 6.5 is
    # 70% through one. (Marks at k + 1/3 would all fall at a body's very end.)
    marks = [int(k * CHUNK) for k in (1.3, 3.8, 6.5)]
    proxy = await CutProxy(server.port, cut_at=list(marks)).start()
    try:
        async with (
            httpx.AsyncClient(base_url=server.url, timeout=WAIT) as direct,
            httpx.AsyncClient(base_url=proxy.url, timeout=WAIT) as cut,
        ):
            chat = await start_chat(direct, world, "로그 파일 보내주세요")
            ana = await login(direct, "ana")
            tus = TusClient(cut, ana.headers, backoff=FAST, chunk=CHUNK)
            message_id = str(uuid.uuid4())
            async with asyncio.timeout(60):
                file_id = await tus.upload(path, chat_id=chat["chat_id"], message_id=message_id)
            assert await served_sha256(direct, ana.headers, file_id) == original
    finally:
        await proxy.close()

    assert proxy.cuts == marks, "the three cuts happened"
    assert proxy.connections >= 4, "each cut forced a new connection"
    creates = [r for r in proxy.requests if r.method == "POST" and r.path == UPLOADS_PATH]
    assert len(creates) == 1 and creates[0].length == 0, "created once, bytes go by PATCH"
    patches = [r for r in proxy.requests if r.method == "PATCH"]
    cut_patches = [p for p in patches if not p.complete]
    assert len(cut_patches) == 3, "each cut fell inside a PATCH body"
    for interrupted in cut_patches:
        at = int(interrupted.headers["upload-offset"])
        later = patches[patches.index(interrupted) + 1 :]
        resumed_at = int(later[0].headers["upload-offset"])
        # The client went on from where the server got to: nothing before the chunk that
        # was cut is sent again, and of that chunk only what the server did not keep.
        assert at <= resumed_at <= at + interrupted.forwarded
        resent = interrupted.forwarded - (resumed_at - at)
        assert 0 <= resent <= CHUNK
    sent = sum(p.forwarded for p in patches)
    assert SIZE <= sent <= SIZE + 3 * CHUNK
    assert len(patches) <= -(-SIZE // CHUNK) + 3, "at most one PATCH more per cut"
    offsets = [int(p.headers["upload-offset"]) for p in patches if p.complete]
    assert offsets == sorted(offsets) and offsets[-1] + patches[-1].length == SIZE


async def test_server_restarted_mid_upload_the_upload_completes(
    served: Served, tmp_path: Path
) -> None:
    server, world = served.server, served.world
    path = tmp_path / "견적서 (최종).pdf"
    original = random_file(path, SIZE)
    killed = asyncio.Event()
    seen: list[Progress] = []

    def on_progress(p: Progress) -> None:
        seen.append(p)
        # Called while a PATCH body is going out: the server dies under it.
        if not killed.is_set() and p.sent >= SIZE // 2:
            server.kill()
            killed.set()

    async def restart() -> None:
        await killed.wait()
        await asyncio.sleep(0.3)  # the client finds nobody there for a while
        await asyncio.to_thread(server.start)

    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        chat = await start_chat(client, world, "견적서 부탁드립니다")
        ana = await login(client, "ana")
        tus = TusClient(client, ana.headers, backoff=FAST, chunk=CHUNK)
        async with asyncio.timeout(60):
            restarting = asyncio.create_task(restart())
            file_id = await tus.upload(
                path,
                chat_id=chat["chat_id"],
                message_id=str(uuid.uuid4()),
                on_progress=on_progress,
            )
            await restarting
        assert killed.is_set() and server.proc is not None and server.proc.poll() is None
        assert any(p.retrying for p in seen), "the client saw the server gone and retried"
        assert seen[-1].sent == SIZE
        assert await served_sha256(client, ana.headers, file_id) == original
        # The server that finished it is the restarted one, on the same files folder.
        r = await client.head(
            f"{UPLOADS_PATH}/{file_id}", headers={**ana.headers, "Tus-Resumable": "1.0.0"}
        )
        assert r.status_code in (200, 204) and r.headers["Upload-Offset"] == str(SIZE)


@pytest.mark.parametrize("checksum", [None, "crc32"])
async def test_a_file_written_to_while_it_goes_up_stops_with_file_changed(
    served: Served, tmp_path: Path, checksum: str | None
) -> None:
    # The server must never get parts of two versions of a file: bytes rewritten in the
    # first chunk (same size) while the second is about to go stop the upload with
    # FILE_CHANGED, with or without a per-PATCH checksum, and the upload never completes.
    server, world = served.server, served.world
    path = tmp_path / "편집 중인 문서.txt"
    random_file(path, 3 * CHUNK + 1000)
    patches: list[int] = []  # offsets of the PATCHes begun

    async def on_request(request: httpx.Request) -> None:
        if request.method == "PATCH":
            patches.append(int(request.headers["Upload-Offset"]))
            if len(patches) == 2:
                await asyncio.sleep(0.05)  # a later tick of the file system's clock
                overwrite(path, CHUNK // 2, b"changed while sending")

    hooks = {"request": [on_request]}
    async with (
        httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client,
        httpx.AsyncClient(base_url=server.url, timeout=WAIT, event_hooks=hooks) as watched,
    ):
        chat = await start_chat(client, world, "문서 보내요")
        ana = await login(client, "ana")
        tus = TusClient(watched, ana.headers, backoff=FAST, chunk=CHUNK, checksum=checksum)
        created = await tus.create(
            size=path.stat().st_size,
            name=path.name,
            content_type="text/plain",
            chat_id=chat["chat_id"],
            message_id=str(uuid.uuid4()),
            file_id=str(uuid.uuid4()),
        )
        with pytest.raises(UploadError) as caught:
            async with asyncio.timeout(60):
                await tus.resume(path, created.url, path.stat().st_size, offset=created.offset)
        assert caught.value.code == FILE_CHANGED
        received, _ = await tus.head(created.url)
        assert received < path.stat().st_size, "the changed file never completes"
    assert patches[:2] == [0, CHUNK]
