"""Uploads against the real server process on 127.0.0.1 (SQLite and PostgreSQL): an
independent tus client (tuspy) uploading, and two workers racing PATCHes at one offset."""

# covers: M1

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
from tusclient import client as tus_client

from protocol.uploads import META_CHAT, META_MESSAGE, META_NAME, META_TYPE, OFFSET_CONTENT_TYPE
from server.app import create_app
from server.config import Settings
from server.db.database import Database
from tests.support.live import LiveServer
from tests.support.uploads import TUS, Tus, bearer
from tests.support.world import World, login, make_world, start_chat


async def _world(db_url: str) -> World:
    db = Database(db_url)
    try:
        return await make_world(db)
    finally:
        await db.dispose()


async def test_tuspy_uploads_and_two_workers_race_at_one_offset(
    db_url: str, tmp_path: Path
) -> None:
    world = await _world(db_url)
    files = tmp_path / "files"
    settings = Settings(database_url=db_url, files_dir=files)
    server = LiveServer(
        db_url, env={"SANGDAM_FILES_DIR": str(files)}, log_path=tmp_path / "server.log"
    ).start()
    # a second worker on the same database and files folder: an app in this process
    second = create_app(settings)
    await second.state.services.start()
    try:
        async with httpx.AsyncClient(base_url=server.url) as client:
            headers = await login(client, "ana")
            chat = await start_chat(client, world)

        # tuspy, an independent client: chunked PATCHes with sha1 checksums, stopped
        # halfway and resumed by a second uploader from the server's offset
        data = os.urandom(700_000)
        path = tmp_path / "견적서 최종.bin"
        path.write_bytes(data)
        tus = tus_client.TusClient(server.url + "/uploads", headers=headers)
        meta = {
            META_NAME: path.name,
            META_TYPE: "application/octet-stream",
            META_CHAT: chat["chat_id"],
            META_MESSAGE: str(uuid.uuid4()),
        }
        first = tus.uploader(str(path), chunk_size=128 * 1024, metadata=meta, upload_checksum=True)
        await asyncio.to_thread(first.upload, stop_at=300_000)
        assert first.url is not None and 0 < first.offset < len(data)
        again = tus.uploader(str(path), url=first.url, chunk_size=256 * 1024, upload_checksum=True)
        assert again.offset == first.offset, "resumed from the server's offset (HEAD)"
        await asyncio.to_thread(again.upload)
        file_id = first.url.rsplit("/", 1)[1]
        # and as a customer with their chat token (their chat is implied)
        customer_tus = tus_client.TusClient(server.url + "/uploads", headers=bearer(chat["token"]))
        photo = customer_tus.uploader(
            file_stream=io.BytesIO(b"jpeg bytes"),
            metadata={META_NAME: "사진.jpg", META_MESSAGE: str(uuid.uuid4())},
        )
        await asyncio.to_thread(photo.upload)
        assert photo.url is not None

        async with httpx.AsyncClient(base_url=server.url) as client:
            got = await client.get(f"/files/{file_id}", headers=headers)
            assert got.status_code == 200
            assert hashlib.sha256(got.content).digest() == hashlib.sha256(data).digest()
            assert "filename*=UTF-8''%EA%B2%AC" in got.headers["Content-Disposition"]
            customer_file = photo.url.rsplit("/", 1)[1]
            mine = await client.get(f"/files/{customer_file}", headers=bearer(chat["token"]))
            assert mine.content == b"jpeg bytes"
            size = 2 * 1024 * 1024
            created = await Tus(client, headers).create(
                size, chat_id=chat["chat_id"], message_id=uuid.uuid4()
            )
            loc = created.headers["Location"]

        # two PATCHes at one offset, one to each worker: both are mid-body before
        # either ends; one wins, the other gets 409
        both_mid_body = threading.Barrier(2, timeout=30)
        patch_headers = {
            **headers,
            **TUS,
            "Upload-Offset": "0",
            "Content-Type": OFFSET_CONTENT_TYPE,
        }

        def to_server() -> httpx.Response:
            def body() -> Iterator[bytes]:
                yield b"a" * (size // 2)
                both_mid_body.wait()
                yield b"a" * (size // 2)

            with httpx.Client(base_url=server.url, timeout=30) as c:
                return c.patch(loc, headers=patch_headers, content=body())

        async def to_second() -> httpx.Response:
            async def body() -> AsyncIterator[bytes]:
                yield b"b" * (size // 2)
                await asyncio.to_thread(both_mid_body.wait)
                yield b"b" * (size // 2)

            transport = httpx.ASGITransport(app=second)
            async with httpx.AsyncClient(transport=transport, base_url="http://second") as c:
                return await c.patch(loc, headers=patch_headers, content=body())

        a, b = await asyncio.gather(asyncio.to_thread(to_server), to_second())
        results = {b"a": a, b"b": b}
        codes = sorted(r.status_code for r in results.values())
        assert codes == [204, 409], {k: r.text for k, r in results.items()}
        [winner] = [f for f, r in results.items() if r.status_code == 204]
        async with httpx.AsyncClient(base_url=server.url) as client:
            result = await client.get(f"/files/{loc.rsplit('/', 1)[1]}", headers=headers)
        assert hashlib.sha256(result.content).digest() == hashlib.sha256(winner * size).digest()
    finally:
        server.stop()
        await second.state.services.stop()
    assert "Traceback" not in (tmp_path / "server.log").read_text()
