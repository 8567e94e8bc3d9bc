"""The desktop's uploads against the real server: a message with files goes out only
when all are up (and the outbox does not wait for it meanwhile), the limits are checked
before any request, an expired upload fails with its reason and a retry sends it,
cancel removes it from the server, downloads write the same bytes under safe names."""

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

from desktop.sync.layout import UPLOAD_CANCELLED, UPLOAD_FAILED
from desktop.sync.tus import FILE_MISSING, Progress, UploadError
from desktop.sync.uploads import UploadRefused
from protocol.errors import ErrorCode
from protocol.limits import MAX_FILE_BYTES
from tests.desktop_sync.support import WAIT, eventually, login, run_app, start_chat
from tests.desktop_sync.uploads_support import (
    CHUNK,
    Served,
    make_file,
    running_app,
    serve,
    sha256_of,
)
from tests.support.databases import SqliteTemplates
from tests.support.world import PASSWORD, World

pytestmark = pytest.mark.timeout(120)

DEADLINE = 5  # seconds: the expiry test's server setting (room for the retry to finish)


@pytest.fixture(scope="module")
def served(
    _sqlite_templates: SqliteTemplates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """One server for the module (starting one is the slow part); a chat per test."""
    s = serve(_sqlite_templates.new_database(), tmp_path_factory.mktemp("log") / "server.log")
    yield s
    s.server.stop()


async def test_a_message_goes_out_when_all_its_files_are_up(served: Served, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    sizes = {"화면 캡처.png": 300 * 1024, "log file.txt": CHUNK + 1, "b.pdf": 1024 * 1024}
    digests = {name: make_file(src / name, size) for name, size in sizes.items()}
    async with running_app(served, tmp_path / "app") as app:
        eng, cache = app.engine, app.engine.cache
        heard: dict[str, list[Progress]] = {}
        eng.watch_uploads(lambda uid, p: heard.setdefault(uid, []).append(p))
        gate = app.wire.hold("PATCH")  # every file is bigger than the inline limit

        check = eng.check_files([src / n for n in sizes])
        assert check.refused == []
        mid = str(uuid.uuid4())
        items = await eng.attach_files(app.chat_id, check, message_id=mid)
        assert [i.name for i in items] == list(sizes)
        assert [i.name for i in cache.reads.composer_uploads(app.chat_id)] == list(sizes)
        await eng.send_message(app.chat_id, "three files", message_id=mid, from_draft=True)

        # Held: the message shows as pending with its files, outside the outbox ...
        [shown] = [m for m in cache.reads.messages(app.chat_id) if m.id == mid]
        assert shown.pending and shown.seq is None
        assert shown.message["blocks"][0] == {"type": "text", "text": "three files"}
        assert [f["name"] for f in shown.message["blocks"][1]["files"]] == list(sizes)
        assert cache.reads.waiting_for_files(app.chat_id) == [mid]
        assert cache.reads.composer_uploads(app.chat_id) == []
        assert cache.outbox() == []
        # ... so a later action is sent meanwhile, and the server has no such message.
        await eng.star(app.chat_id)
        await eventually(lambda: not cache.outbox(), "the star sent while files wait")
        assert mid not in [m["id"] for m in await app.server_messages()]
        # Each file was created on the server first (its URL kept for a restart).
        await eventually(
            lambda: all(u.url for u in cache.reads.uploads(mid)), "the uploads created"
        )

        gate.set()
        on_server = await app.confirmed(mid)
        assert on_server["blocks"][0] == {"type": "text", "text": "three files"}
        files = on_server["blocks"][1]["files"]
        assert [(f["name"], f["size"]) for f in files] == list(sizes.items())
        assert files[0]["content_type"] == "image/png"
        assert cache.reads.uploads(mid) == [] and cache.reads.waiting_for_files() == []
        for i in items:  # progress reached the end for every file
            assert heard[i.id][-1].sent == heard[i.id][-1].total == i.size

        down = tmp_path / "down"
        down.mkdir()
        (down / "b.pdf").write_bytes(b"the agent's own file")
        got = await eng.download_files(files, down)
        assert [p.name for p in got] == ["화면 캡처.png", "log file.txt", "b (2).pdf"]
        assert (down / "b.pdf").read_bytes() == b"the agent's own file"  # not overwritten
        for p, name in zip(got, sizes, strict=True):
            assert sha256_of(p) == digests[name]


async def test_ten_files_go_the_eleventh_never_leaves(served: Served, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    paths = [src / f"n{i}.txt" for i in range(11)]
    for i, p in enumerate(paths):
        p.write_text(f"file {i}")
    async with running_app(served, tmp_path / "app") as app:
        eng = app.engine
        check = eng.check_files(paths)
        assert len(check.accepted) == 10
        assert [(r.name, r.reason) for r in check.refused] == [("n10.txt", "too_many")]
        mid = str(uuid.uuid4())
        await eng.attach_files(app.chat_id, check, message_id=mid)
        # The composer asks again for the 11th: refused before any request.
        assert eng.check_files(paths[10:], message_id=mid).too_many
        with pytest.raises(UploadRefused):
            await eng.attach_files(app.chat_id, eng.check_files(paths[10:]), message_id=mid)
        await eng.send_message(app.chat_id, None, message_id=mid)
        on_server = await app.confirmed(mid)
        assert [f["name"] for f in on_server["blocks"][0]["files"]] == [p.name for p in paths[:10]]
        assert app.wire.count("POST") == 10  # the 11th never reached the server

        # The server's own refusals read as their codes (a client that skipped the check).
        tus = eng.uploader.tus
        with pytest.raises(UploadError) as too_many:
            await tus.create(
                size=1, name="x", content_type="text/plain", chat_id=app.chat_id,
                message_id=mid, file_id=str(uuid.uuid4()),
            )  # fmt: skip
        assert too_many.value.code == ErrorCode.TOO_MANY_FILES
        with pytest.raises(UploadError) as too_large:
            await tus.create(
                size=MAX_FILE_BYTES + 1, name="x", content_type="text/plain",
                chat_id=app.chat_id, message_id=str(uuid.uuid4()), file_id=str(uuid.uuid4()),
            )  # fmt: skip
        assert (too_large.value.code, too_large.value.status) == (ErrorCode.FILE_TOO_LARGE, 413)


async def test_cancel_removes_the_upload_from_the_server(served: Served, tmp_path: Path) -> None:
    big = tmp_path / "exactly 1 GiB.bin"
    big.touch()
    os.truncate(big, MAX_FILE_BYTES)  # accepted by the check and by the server's creation
    async with running_app(served, tmp_path / "app") as app:
        eng, cache = app.engine, app.engine.cache
        gate = app.wire.hold("PATCH")
        check = eng.check_files([big])
        assert [f.size for f in check.accepted] == [MAX_FILE_BYTES]
        mid = str(uuid.uuid4())
        [item] = await eng.attach_files(app.chat_id, check, message_id=mid)
        await eventually(lambda: cache.reads.uploads(mid)[0].url is not None, "created")
        url = cache.reads.uploads(mid)[0].url
        assert url is not None
        head = await app.client.head(url, headers={**app.who.headers, "Tus-Resumable": "1.0.0"})
        assert head.status_code == 200 and head.headers["Upload-Length"] == str(MAX_FILE_BYTES)

        await eng.cancel_upload(item.id)
        gate.set()
        [u] = cache.reads.uploads(mid)
        assert (u.status, u.error_code) == (UPLOAD_CANCELLED, "cancelled")
        head = await app.client.head(url, headers={**app.who.headers, "Tus-Resumable": "1.0.0"})
        assert head.status_code in (404, 410)
        assert not eng.uploader.running(item.id)

        await eng.remove_upload(item.id)
        assert cache.reads.uploads(mid) == []


async def test_an_expired_upload_fails_with_its_reason_and_a_retry_sends_it(
    sqlite_url: str, tmp_path: Path
) -> None:
    src = tmp_path / "late.bin"
    digest = make_file(src, 600 * 1024)  # over the inline limit: sent by PATCH
    served = await asyncio.to_thread(
        serve, sqlite_url, tmp_path / "server.log", SANGDAM_UPLOAD_DEADLINE_S=str(DEADLINE)
    )
    try:
        async with running_app(served, tmp_path / "app") as app:
            eng, cache = app.engine, app.engine.cache
            gate = app.wire.hold("PATCH")
            mid = str(uuid.uuid4())
            check = eng.check_files([src])
            [item] = await eng.attach_files(app.chat_id, check, message_id=mid)
            await eng.send_message(app.chat_id, "late", message_id=mid)
            await eventually(lambda: cache.reads.uploads(mid)[0].url is not None, "created")
            first = cache.reads.uploads(mid)[0]
            assert first.url is not None
            tus = {**app.who.headers, "Tus-Resumable": "1.0.0"}
            for _ in range((DEADLINE + int(WAIT)) * 10):  # the PATCH held until it expired
                if (await app.client.head(first.url, headers=tus)).status_code == 410:
                    break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError("the upload never expired on the server")
            gate.set()
            await eventually(lambda: cache.reads.uploads(mid)[0].status == UPLOAD_FAILED, "failed")
            [u] = cache.reads.uploads(mid)
            assert u.error_code == ErrorCode.UPLOAD_EXPIRED and u.error
            assert cache.outbox() == [] and cache.reads.waiting_for_files() == [mid]

            again = await eng.retry_upload(item.id)
            assert again is not None and again.file_id != first.file_id
            on_server = await app.confirmed(mid)
            [f] = on_server["blocks"][1]["files"]
            assert f["id"] == again.file_id
            got = await eng.download_files([f], tmp_path)
            assert [p.name for p in got] == ["late (2).bin"] and sha256_of(got[0]) == digest
    finally:
        served.server.stop()


async def test_a_vanished_file_fails_with_its_reason(served: Served, tmp_path: Path) -> None:
    src = tmp_path / "gone.txt"
    src.write_text("soon gone")
    async with running_app(served, tmp_path / "app") as app:
        eng, cache = app.engine, app.engine.cache
        gate = app.wire.hold("POST")  # held at creation: the file goes meanwhile
        mid = str(uuid.uuid4())
        check = eng.check_files([src])
        src.unlink()
        assert eng.check_files([src]).refused[0].reason == "missing"
        await eng.attach_files(app.chat_id, check, message_id=mid)
        gate.set()
        await eventually(lambda: cache.reads.uploads(mid)[0].status == UPLOAD_FAILED, "failed")
        assert cache.reads.uploads(mid)[0].error_code == FILE_MISSING
        assert app.wire.count("POST") == 0


async def test_shown_files_are_fetched_once(served: Served, tmp_path: Path) -> None:
    src = tmp_path / "photo.jpg"
    digest = make_file(src, 40 * 1024)
    async with running_app(served, tmp_path / "app") as app:
        eng = app.engine
        mid = str(uuid.uuid4())
        [item] = await eng.attach_files(app.chat_id, eng.check_files([src]), message_id=mid)
        await eng.send_message(app.chat_id, None, message_id=mid)
        on_server = await app.confirmed(mid)
        [f] = on_server["blocks"][0]["files"]
        assert f["id"] == item.file_id
        assert eng.cached_file(f["id"]) is None
        path = await eng.fetch_file(f["id"], name=f["name"])
        assert path.suffix == ".jpg" and sha256_of(path) == digest
        gets = app.wire.count("GET", "/files")
        assert await eng.fetch_file(f["id"], name=f["name"]) == path
        assert eng.cached_file(f["id"]) == path
        assert app.wire.count("GET", "/files") == gets  # from disk the second time

        # A name from the server is made safe before it touches the disk.
        odd = await eng.uploader.tus.upload(
            src, chat_id=app.chat_id, message_id=str(uuid.uuid4()), name="../../evil\x01.jpg"
        )
        down = tmp_path / "down"
        down.mkdir()
        [saved] = await eng.download_files([odd], down)
        assert saved.parent == down and saved.name == "_.._evil_.jpg"
        assert sha256_of(saved) == digest


async def test_the_app_killed_mid_upload_resumes_and_sends(served: Served, tmp_path: Path) -> None:
    src = tmp_path / "큰 파일.bin"
    size = 4 * CHUNK + 1000  # five PATCHes
    digest = make_file(src, size)
    server, world = served.server, served.world
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        chat = await start_chat(client, world, "crash")
        ana = await login(client, "ana")
        base = [
            "--url", server.url,
            "--email", World.email("ana"),
            "--password", PASSWORD,
            "--folder", str(tmp_path / "app"),
            "--chat", chat["chat_id"],
            "--file", str(src),
            "--chunk", str(CHUNK),
        ]  # fmt: skip
        app = "tests.desktop_sync.upload_app"

        # 1. Attach, send, and die after the server took two chunks.
        out = await run_app(app, [*base, "--pause-after-patches", "2"], kill_at="paused")
        assert out[0].startswith("attached ") and "created" in out
        mid = out[0].split()[1]
        assert out[-3:] == [f"patched {CHUNK}", f"patched {2 * CHUNK}", "paused"]

        # 2. Started again: asks where the upload is, sends only the rest, sends the message.
        out = await run_app(app, base, kill_at=None)
        assert "created" not in out and "attached" not in " ".join(out)
        assert out[0] == f"head {2 * CHUNK}"
        assert [line for line in out if line.startswith("patched")] == [
            f"patched {3 * CHUNK}",
            f"patched {4 * CHUNK}",
            f"patched {size}",
        ]
        assert out[-1] == "done"

        r = await client.get(
            f"/chats/{chat['chat_id']}/messages", params={"limit": 10}, headers=ana.headers
        )
        [m] = [m for m in r.json()["messages"] if m["id"] == mid]
        [f] = m["blocks"][1]["files"]
        assert (f["name"], f["size"]) == ("큰 파일.bin", size)
        got = await client.get(f"/files/{f['id']}", headers=ana.headers)
        assert got.status_code == 200
        assert hashlib.sha256(got.content).hexdigest() == digest
