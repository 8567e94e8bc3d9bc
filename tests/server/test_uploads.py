"""tus uploads and downloads on SQLite and PostgreSQL, through the real app: the limits
at creation, offsets, checksums, termination, ranges, names, who may read what, and a
message's files."""

# covers: M1, H5

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from sqlalchemy import select

from protocol.limits import MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE, UPLOAD_DEADLINE
from server.app import create_app
from server.config import Settings
from server.db import models as m
from server.services import Services
from server.uploads.download import parse_range
from server.uploads.service import safe_name, safe_type
from tests.support.pusher import Pusher
from tests.support.uploads import TUS, Tus, bearer, checksum, error_code
from tests.support.world import World, login, make_world, start_chat


@pytest.fixture
async def ana(client: httpx.AsyncClient, world: World) -> Tus:
    return Tus(client, await login(client, "ana"))


@pytest.fixture
async def chat(client: httpx.AsyncClient, world: World) -> dict[str, str]:
    return await start_chat(client, world)


def stored(services: Services, file_id: str) -> Path:
    return services.settings.files_path() / file_id


def has_bytes(services: Services, file_id: str) -> bool:
    folder = stored(services, file_id)
    try:  # the sweep may remove the folder between a look and a listing
        return any(folder.iterdir())
    except FileNotFoundError:
        return False


async def file_row(services: Services, file_id: str) -> Any:
    async with services.db.read() as conn:
        return (await conn.execute(select(m.File).where(m.File.id == uuid.UUID(file_id)))).first()


async def test_options_announce_the_protocol(client: httpx.AsyncClient) -> None:
    r = await client.options("/uploads")
    assert r.status_code == 204
    assert r.headers["Tus-Version"] == "1.0.0"
    assert set(r.headers["Tus-Extension"].split(",")) == {
        "creation",
        "creation-with-upload",
        "expiration",
        "checksum",
        "termination",
    }
    assert r.headers["Tus-Max-Size"] == str(MAX_FILE_BYTES)
    assert r.headers["Tus-Checksum-Algorithm"] == "sha1,sha256,crc32"


async def test_ten_files_per_message_then_refused_before_any_byte(
    ana: Tus, chat: dict[str, str], services: Services
) -> None:
    message = uuid.uuid4()
    for i in range(MAX_FILES_PER_MESSAGE):
        r = await ana.create(10, chat_id=chat["chat_id"], message_id=message, name=f"{i}.txt")
        assert r.status_code == 201, r.text
    r = await ana.create(5, chat_id=chat["chat_id"], message_id=message, body=b"12345")
    assert r.status_code == 409 and error_code(r) == "too_many_files", r.text
    assert "10" in r.json()["error"]["message"]
    async with services.db.read() as conn:
        rows = (await conn.execute(select(m.File).where(m.File.message_id == message))).all()
    assert len(rows) == MAX_FILES_PER_MESSAGE and all(r.received == 0 for r in rows)
    # another message has its own ten
    r = await ana.create(10, chat_id=chat["chat_id"], message_id=uuid.uuid4())
    assert r.status_code == 201


async def test_one_gib_accepted_one_byte_more_refused_at_creation(
    ana: Tus, chat: dict[str, str], services: Services
) -> None:
    r = await ana.create(MAX_FILE_BYTES, chat_id=chat["chat_id"], message_id=uuid.uuid4())
    assert r.status_code == 201, r.text
    assert r.headers["Location"].startswith("/uploads/") and "Upload-Expires" in r.headers
    message = uuid.uuid4()
    r = await ana.create(
        MAX_FILE_BYTES + 1, chat_id=chat["chat_id"], message_id=message, body=b"x" * 1000
    )
    assert r.status_code == 413, r.text
    assert error_code(r) == "file_too_large"
    assert "1 GiB" in r.json()["error"]["message"]
    async with services.db.read() as conn:
        assert (await conn.scalar(select(m.File.id).where(m.File.message_id == message))) is None
    files = services.settings.files_path()
    assert not files.exists() or not any(files.iterdir()), "not one byte was stored"


async def test_creation_needs_a_message_and_a_visible_chat(
    ana: Tus, chat: dict[str, str], client: httpx.AsyncClient, db: Any
) -> None:
    r = await ana.create(10, chat_id=chat["chat_id"], message_id=None)
    assert r.status_code == 400 and "message_id" in r.json()["error"]["message"]
    r = await ana.create(10, chat_id=str(uuid.uuid4()), message_id=uuid.uuid4())
    assert r.status_code == 404 and error_code(r) == "not_found"
    r = await ana.create(10, chat_id=None, message_id=uuid.uuid4())
    assert r.status_code == 400 and "chat_id" in r.text
    no_tus = await ana.client.post(
        "/uploads", headers={**ana.headers, "Upload-Length": "1", "Upload-Metadata": ""}
    )
    assert no_tus.status_code == 412 and no_tus.headers["Tus-Version"] == "1.0.0"
    assert "error" in no_tus.json()
    unauthenticated = await Tus(client, {}).create(
        10, chat_id=chat["chat_id"], message_id=uuid.uuid4()
    )
    assert unauthenticated.status_code == 401
    # a manager of another workspace cannot see this chat
    other = await make_world(db, ("zed",))
    del other
    zed = Tus(client, await login(client, "zed"))
    r = await zed.create(10, chat_id=chat["chat_id"], message_id=uuid.uuid4())
    assert r.status_code == 404


async def test_patch_at_the_wrong_offset_is_409_and_resume_works(
    ana: Tus, chat: dict[str, str]
) -> None:
    r = await ana.create(11, chat_id=chat["chat_id"], message_id=uuid.uuid4())
    loc = r.headers["Location"]
    assert "Upload-Offset" not in r.headers
    r = await ana.patch(loc, 0, b"hello")
    assert r.status_code == 204 and r.headers["Upload-Offset"] == "5"
    assert r.headers["Upload-Expires"].endswith(" GMT") and r.headers["Tus-Resumable"] == "1.0.0"
    again = await ana.patch(loc, 0, b"hello")  # a repeated PATCH
    assert again.status_code == 409 and error_code(again) == "upload_offset_mismatch"
    assert again.json()["error"]["current"] == 5
    ahead = await ana.patch(loc, 7, b"rld")
    assert ahead.status_code == 409
    head = await ana.head(loc)
    assert head.status_code == 200
    assert (head.headers["Upload-Offset"], head.headers["Upload-Length"]) == ("5", "11")
    assert head.headers["Cache-Control"] == "no-store" and "Upload-Expires" in head.headers
    too_much = await ana.patch(loc, 5, b" world and more")
    assert too_much.status_code == 400
    wrong_type = await ana.client.patch(
        loc, headers={**ana.headers, **TUS, "Upload-Offset": "5"}, content=b" world"
    )
    assert wrong_type.status_code == 415
    r = await ana.patch(loc, 5, b" world")
    assert r.status_code == 204 and r.headers["Upload-Offset"] == "11"
    assert "Upload-Expires" not in r.headers, "finished: no deadline any more"
    file_id = loc.rsplit("/", 1)[1]
    got = await ana.client.get(f"/files/{file_id}", headers=ana.headers)
    assert got.content == b"hello world"


async def test_checksum_checked_and_a_mismatch_keeps_nothing(
    ana: Tus, chat: dict[str, str], services: Services
) -> None:
    for algorithm in ("sha1", "sha256", "crc32"):
        r = await ana.create(8, chat_id=chat["chat_id"], message_id=uuid.uuid4())
        loc = r.headers["Location"]
        ok = await ana.patch(
            loc, 0, b"abcd", extra={"Upload-Checksum": checksum(algorithm, b"abcd")}
        )
        assert ok.status_code == 204 and ok.headers["Upload-Offset"] == "4"
        bad = await ana.patch(
            loc, 4, b"efgh", extra={"Upload-Checksum": checksum(algorithm, b"EFGH")}
        )
        assert bad.status_code == 460 and error_code(bad) == "checksum_mismatch"
        assert (await ana.head(loc)).headers["Upload-Offset"] == "4", "nothing advanced"
        folder = stored(services, loc.rsplit("/", 1)[1])
        assert len(list(folder.iterdir())) == 1, "the refused bytes were not kept"
        unknown = await ana.patch(loc, 4, b"efgh", extra={"Upload-Checksum": "md5 AAAA"})
        assert unknown.status_code == 400
        r = await ana.patch(
            loc, 4, b"efgh", extra={"Upload-Checksum": checksum(algorithm, b"efgh")}
        )
        assert r.status_code == 204 and r.headers["Upload-Offset"] == "8"
    # a body of several disk blocks (hashed as they are written)
    big = bytes(range(256)) * (11 * 1024)  # 2.75 MiB
    r = await ana.create(len(big), chat_id=chat["chat_id"], message_id=uuid.uuid4())
    loc = r.headers["Location"]
    flipped = big[:-1] + b"\x00"
    bad = await ana.patch(loc, 0, flipped, extra={"Upload-Checksum": checksum("crc32", big)})
    assert bad.status_code == 460
    ok = await ana.patch(loc, 0, big, extra={"Upload-Checksum": checksum("crc32", big)})
    assert ok.status_code == 204 and ok.headers["Upload-Offset"] == str(len(big))
    got = await ana.client.get(f"/files/{loc.rsplit('/', 1)[1]}", headers=ana.headers)
    assert got.content == big


async def test_creation_with_upload_and_a_repeated_creation(
    ana: Tus, chat: dict[str, str], services: Services
) -> None:
    file_id, message = uuid.uuid4(), uuid.uuid4()
    r = await ana.create(
        10, chat_id=chat["chat_id"], message_id=message, file_id=file_id, body=b"01234"
    )
    assert r.status_code == 201 and r.headers["Upload-Offset"] == "5"
    assert r.headers["Location"] == f"/uploads/{file_id}"
    # the 201 was lost: creating again answers the same upload, where it is
    again = await ana.create(
        10, chat_id=chat["chat_id"], message_id=message, file_id=file_id, body=b"01234"
    )
    assert again.status_code == 201 and again.headers["Upload-Offset"] == "5"
    assert again.headers["Location"] == f"/uploads/{file_id}"
    other = await ana.create(99, chat_id=chat["chat_id"], message_id=message, file_id=file_id)
    assert other.status_code == 409 and error_code(other) == "duplicate_id"
    # a body of the wrong type is refused before the upload is made
    fresh = uuid.uuid4()
    wrong = await ana.create(
        3,
        chat_id=chat["chat_id"],
        message_id=message,
        file_id=fresh,
        body=b"abc",
        extra={"Content-Type": "text/plain"},
    )
    assert wrong.status_code == 415 and wrong.headers["Tus-Resumable"] == "1.0.0"
    assert await file_row(services, str(fresh)) is None


async def test_termination_removes_the_upload_and_its_bytes(
    ana: Tus, chat: dict[str, str], services: Services
) -> None:
    r = await ana.create(10, chat_id=chat["chat_id"], message_id=uuid.uuid4(), body=b"12345")
    loc = r.headers["Location"]
    file_id = loc.rsplit("/", 1)[1]
    assert has_bytes(services, file_id)
    d = await ana.delete(loc)
    assert d.status_code == 204 and d.headers["Tus-Resumable"] == "1.0.0"
    assert (await ana.head(loc)).status_code == 404
    assert (await ana.patch(loc, 5, b"67890")).status_code == 404
    assert not has_bytes(services, file_id)
    assert await file_row(services, file_id) is None


async def test_termination_during_a_patch_leaves_nothing(
    ana: Tus, chat: dict[str, str], services: Services
) -> None:
    r = await ana.create(200_000, chat_id=chat["chat_id"], message_id=uuid.uuid4())
    loc = r.headers["Location"]
    mid_body, go_on = asyncio.Event(), asyncio.Event()

    async def body() -> AsyncIterator[bytes]:
        yield b"x" * 100_000
        mid_body.set()
        await go_on.wait()
        yield b"x" * 100_000

    async def terminate() -> httpx.Response:
        await mid_body.wait()
        try:
            return await ana.delete(loc)
        finally:
            go_on.set()

    patch, deleted = await asyncio.gather(ana.patch(loc, 0, body()), terminate())
    assert deleted.status_code == 204
    assert patch.status_code == 404 and error_code(patch) == "not_found", patch.text
    assert not has_bytes(services, loc.rsplit("/", 1)[1])


async def test_two_patches_racing_at_one_offset(
    ana: Tus, chat: dict[str, str], services: Services
) -> None:
    """Both stream their bodies at once; one moves the offset, the other gets 409, and
    the file is exactly the winner's bytes."""
    half = 300_000
    r = await ana.create(2 * half, chat_id=chat["chat_id"], message_id=uuid.uuid4())
    loc = r.headers["Location"]
    gate = asyncio.Event()
    arrived: list[bytes] = []

    async def body(fill: bytes) -> AsyncIterator[bytes]:
        yield fill * half
        arrived.append(fill)
        if len(arrived) == 2:
            gate.set()  # both are mid-body: now let either finish
        await gate.wait()
        yield fill * half

    a, b = await asyncio.gather(ana.patch(loc, 0, body(b"a")), ana.patch(loc, 0, body(b"b")))
    assert sorted([a.status_code, b.status_code]) == [204, 409], (a.text, b.text)
    winner = b"a" if a.status_code == 204 else b"b"
    loser = b if winner == b"a" else a
    assert error_code(loser) == "upload_offset_mismatch"
    file_id = loc.rsplit("/", 1)[1]
    got = await ana.client.get(f"/files/{file_id}", headers=ana.headers)
    assert got.status_code == 200
    assert hashlib.sha256(got.content).hexdigest() == hashlib.sha256(winner * 2 * half).hexdigest()
    assert len(list(stored(services, file_id).iterdir())) == 1, "the loser's part is gone"


async def test_range_requests(ana: Tus, chat: dict[str, str]) -> None:
    data = bytes(range(256)) * 40
    file_id = await ana.upload(data[:4000], chat_id=chat["chat_id"], message_id=uuid.uuid4())
    # a file of several parts: ranges cross their borders
    r = await ana.create(len(data), chat_id=chat["chat_id"], message_id=uuid.uuid4())
    loc = r.headers["Location"]
    for start in range(0, len(data), 3000):
        assert (await ana.patch(loc, start, data[start : start + 3000])).status_code == 204
    file_id = loc.rsplit("/", 1)[1]
    url = f"/files/{file_id}"
    whole = await ana.client.get(url, headers=ana.headers)
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["Content-Length"] == str(len(data))
    assert whole.headers["Accept-Ranges"] == "bytes" and whole.headers["ETag"]
    assert whole.headers["Content-Type"] == "application/pdf"
    part = await ana.client.get(url, headers={**ana.headers, "Range": "bytes=2990-6010"})
    assert part.status_code == 206 and part.content == data[2990:6011]
    assert part.headers["Content-Range"] == f"bytes 2990-6010/{len(data)}"
    tail = await ana.client.get(url, headers={**ana.headers, "Range": "bytes=-100"})
    assert tail.status_code == 206 and tail.content == data[-100:]
    open_end = await ana.client.get(url, headers={**ana.headers, "Range": "bytes=9000-"})
    assert open_end.content == data[9000:]
    beyond = await ana.client.get(url, headers={**ana.headers, "Range": f"bytes={len(data)}-"})
    assert beyond.status_code == 416
    assert beyond.headers["Content-Range"] == f"bytes */{len(data)}"
    stale = await ana.client.get(
        url, headers={**ana.headers, "Range": "bytes=0-9", "If-Range": '"other"'}
    )
    assert stale.status_code == 200 and stale.content == data


NAMES = [
    ("견적서 최종.pdf", "견적서 최종.pdf"),
    ("my report (v2).pdf", "my report (v2).pdf"),
    ("../../etc/passwd", ".._.._etc_passwd"),
    ("a\0b\r\n.txt", "ab__.txt"),
    ('quote"semi;colon.txt', 'quote"semi;colon.txt'),
    ("..", "file"),
]


async def test_names_are_stored_and_served_harmlessly(
    ana: Tus, chat: dict[str, str], services: Services
) -> None:
    for given, kept in NAMES:
        file_id = await ana.upload(
            b"data", chat_id=chat["chat_id"], message_id=uuid.uuid4(), name=given
        )
        assert (await file_row(services, file_id)).name == kept
        r = await ana.client.get(f"/files/{file_id}", headers=ana.headers)
        disposition = r.headers["Content-Disposition"]
        assert disposition.isascii() and "\r" not in disposition and "\n" not in disposition
        assert disposition.startswith('attachment; filename="')
        fallback = disposition.split('filename="', 1)[1].split('"', 1)[0]
        assert fallback and all(c not in fallback for c in '/\\"\0') and fallback.isprintable()
        if given == "견적서 최종.pdf":
            assert fallback == "file.pdf", "a readable stand-in for ASCII-only clients"
        encoded = disposition.split("filename*=UTF-8''", 1)[1]
        assert ";" not in encoded and " " not in encoded
        assert unquote(encoded) == kept, given
    # nothing was written outside the files folder: one folder per upload, in it
    folders = list(services.settings.files_path().iterdir())
    assert len(folders) == len(NAMES) and all(f.is_dir() for f in folders)


async def test_who_may_upload_and_download(
    client: httpx.AsyncClient, world: World, ana: Tus, db: Any
) -> None:
    mine = await start_chat(client, world)
    theirs = await start_chat(client, world)
    customer = Tus(client, bearer(mine["token"]))
    other_customer = Tus(client, bearer(theirs["token"]))
    # a customer uploads to their own chat (chat_id may be left out)...
    own = await customer.upload(b"photo", chat_id=None, message_id=uuid.uuid4())
    assert (await client.get(f"/files/{own}", headers=customer.headers)).content == b"photo"
    # ...never to another chat
    r = await customer.create(5, chat_id=theirs["chat_id"], message_id=uuid.uuid4())
    assert r.status_code == 403
    # another chat's customer cannot read it, nor touch the upload
    assert (await client.get(f"/files/{own}", headers=other_customer.headers)).status_code == 404
    assert (await other_customer.head(f"/uploads/{own}")).status_code == 404
    assert (await other_customer.delete(f"/uploads/{own}")).status_code == 404
    # managers of the workspace read it; one of another workspace cannot
    assert (await client.get(f"/files/{own}", headers=ana.headers)).status_code == 200
    await make_world(db, ("zed",))
    zed = await login(client, "zed")
    assert (await client.get(f"/files/{own}", headers=zed)).status_code == 404
    assert (await client.get(f"/files/{own}")).status_code == 401
    # a manager's upload is the customer's to read only once in a reply of their chat
    people = Pusher(client, ana.headers)
    reply = await ana.upload(b"invoice", chat_id=mine["chat_id"], message_id=uuid.uuid4())
    note = await ana.upload(b"internal", chat_id=mine["chat_id"], message_id=uuid.uuid4())
    assert (await client.get(f"/files/{reply}", headers=customer.headers)).status_code == 404
    for file_id, kind in ((reply, "reply"), (note, "note")):
        res = await people.do(
            "send_message",
            chat_id=mine["chat_id"],
            message_id=uuid.uuid4(),
            kind=kind,
            blocks=[{"type": "files", "files": [{"id": file_id, "name": "x", "size": 1}]}],
        )
        assert res["status"] == "applied", res
    assert (await client.get(f"/files/{reply}", headers=customer.headers)).content == b"invoice"
    assert (await client.get(f"/files/{note}", headers=customer.headers)).status_code == 404
    assert (await client.get(f"/files/{reply}", headers=other_customer.headers)).status_code == 404


async def test_a_message_takes_only_its_authors_finished_uploads_to_its_chat(
    client: httpx.AsyncClient, world: World, ana: Tus, services: Services
) -> None:
    chat = await start_chat(client, world)
    elsewhere = await start_chat(client, world)
    ben = Tus(client, await login(client, "ben"))
    pusher = Pusher(client, ana.headers)

    async def send(*file_ids: str, message_id: uuid.UUID | None = None) -> dict[str, Any]:
        refs = [{"id": f, "name": "claimed.exe", "size": 1} for f in file_ids]
        return await pusher.do(
            "send_message",
            chat_id=chat["chat_id"],
            message_id=message_id or uuid.uuid4(),
            blocks=[{"type": "text", "text": "files"}, {"type": "files", "files": refs}],
        )

    other_chat = await ana.upload(b"x", chat_id=elsewhere["chat_id"], message_id=uuid.uuid4())
    bens = await ben.upload(b"x", chat_id=chat["chat_id"], message_id=uuid.uuid4())
    r = await ana.create(10, chat_id=chat["chat_id"], message_id=uuid.uuid4(), body=b"half")
    unfinished = r.headers["Location"].rsplit("/", 1)[1]
    for file_id, code in (
        (other_chat, "invalid_value"),
        (bens, "invalid_value"),
        (unfinished, "upload_unfinished"),
        (str(uuid.uuid4()), "invalid_value"),
    ):
        res = await send(file_id)
        assert res["status"] == "refused" and res["error"]["code"] == code, (file_id, res)
    good = await ana.upload(
        b"%PDF-1.7", chat_id=chat["chat_id"], message_id=uuid.uuid4(), name="견적서.pdf"
    )
    message = uuid.uuid4()
    res = await send(good, message_id=message)
    assert res["status"] == "applied", res
    changes = (await client.get("/sync/changes?since=0", headers=ana.headers)).json()
    [msg] = [
        c["data"]
        for c in changes["changes"]
        if c["entity"] == "message" and c["id"] == str(message)
    ]
    [files_block] = [b for b in msg["blocks"] if b["type"] == "files"]
    assert files_block["files"] == [
        {"id": good, "name": "견적서.pdf", "size": 8, "content_type": "application/pdf"}
    ], "described by the server's record, not by the client"
    row = await file_row(services, good)
    assert (row.message_id, row.state) == (message, "attached")
    assert (await send(good))["error"]["code"] == "invalid_value", "already in a message"
    # a file in a sent message is not terminated by its uploader
    assert (await ana.delete(f"/uploads/{good}")).status_code == 403

    # the customer's side: their own finished uploads to their chat only
    customer = Tus(client, bearer(chat["token"]))
    theirs = await customer.upload(
        b"photo", chat_id=None, message_id=uuid.uuid4(), name="고장.jpg", content_type="image/jpeg"
    )
    url = f"/customer/chats/{chat['chat_id']}/messages"
    refused = await client.post(
        url, headers=customer.headers, json={"id": str(uuid.uuid4()), "files": [good]}
    )
    assert refused.status_code == 422 and error_code(refused) == "invalid_value"
    posted = await client.post(
        url, headers=customer.headers, json={"id": str(uuid.uuid4()), "files": [theirs]}
    )
    assert posted.status_code == 201, posted.text
    assert posted.json()["blocks"] == [
        {
            "type": "files",
            "files": [{"id": theirs, "name": "고장.jpg", "size": 5, "content_type": "image/jpeg"}],
        }
    ]
    empty = await client.post(url, headers=customer.headers, json={"id": str(uuid.uuid4())})
    assert empty.status_code == 422


async def test_a_deleted_chats_files_are_gone_from_storage(
    client: httpx.AsyncClient, world: World, services: Services
) -> None:
    owner = Tus(client, await login(client, "owner"))
    chat = await start_chat(client, world)
    customer = Tus(client, bearer(chat["token"]))
    sent = await owner.upload(b"a" * 1000, chat_id=chat["chat_id"], message_id=uuid.uuid4())
    res = await Pusher(client, owner.headers).do(
        "send_message",
        chat_id=chat["chat_id"],
        message_id=uuid.uuid4(),
        blocks=[{"type": "files", "files": [{"id": sent, "name": "a", "size": 1}]}],
    )
    assert res["status"] == "applied"
    from_customer = await customer.upload(b"b" * 10, chat_id=None, message_id=uuid.uuid4())
    r = await owner.create(100, chat_id=chat["chat_id"], message_id=uuid.uuid4(), body=b"c" * 50)
    unfinished = r.headers["Location"].rsplit("/", 1)[1]
    other = (await start_chat(client, world))["chat_id"]
    keep = await owner.upload(b"other chat", chat_id=other, message_id=uuid.uuid4())
    ids = (sent, from_customer, unfinished)
    assert all(has_bytes(services, f) for f in ids)
    assert (
        await client.delete(f"/chats/{chat['chat_id']}", headers=owner.headers)
    ).status_code == 204
    for file_id in ids:
        assert not has_bytes(services, file_id), file_id
        assert await file_row(services, file_id) is None
        assert (await client.get(f"/files/{file_id}", headers=owner.headers)).status_code == 404
    assert has_bytes(services, keep), "another chat's files stay"


async def test_an_upload_past_its_deadline_fails_and_its_bytes_go(
    db_url: str, tmp_path: Path
) -> None:
    """The deadline set to 1 s (SANGDAM_UPLOAD_DEADLINE_S in production), the sweep run
    every 0.2 s: asked about, an expired upload answers 410; left alone, the sweep
    removes it; either way its bytes are gone. A finished upload nobody sends goes after
    `unsent_upload_keep` (2 s here, a day by default); one in a message stays. (Its own
    app alone on the database: the sweep runs where its lease is free.)"""
    app = create_app(
        Settings(
            database_url=db_url,
            files_dir=tmp_path / "short",
            upload_deadline=timedelta(seconds=1),
            unsent_upload_keep=timedelta(seconds=2),
            job_interval=timedelta(seconds=0.2),
        )
    )
    services: Services = app.state.services
    await services.start()
    try:
        world = await make_world(services.db)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://short") as client:
            ana = Tus(client, await login(client, "ana"))
            chat = (await start_chat(client, world))["chat_id"]
            asked = await ana.create(10, chat_id=chat, message_id=uuid.uuid4(), body=b"12345")
            left = await ana.create(10, chat_id=chat, message_id=uuid.uuid4(), body=b"12345")
            finished = await ana.upload(b"done", chat_id=chat, message_id=uuid.uuid4())
            unsent = await ana.upload(b"never sent", chat_id=chat, message_id=uuid.uuid4())
            sent = await Pusher(client, ana.headers).do(
                "send_message",
                chat_id=chat,
                message_id=uuid.uuid4(),
                blocks=[{"type": "files", "files": [{"id": finished, "name": "x", "size": 4}]}],
            )
            assert sent["status"] == "applied"
            asked_id = asked.headers["Location"].rsplit("/", 1)[1]
            left_id = left.headers["Location"].rsplit("/", 1)[1]
            assert has_bytes(services, asked_id) and has_bytes(services, left_id)
            await asyncio.sleep(1.2)  # past the deadline

            patch = await ana.patch(asked.headers["Location"], 5, b"67890")
            assert patch.status_code == 410 and error_code(patch) == "upload_expired"
            assert "again" in patch.json()["error"]["message"]
            assert (await ana.head(asked.headers["Location"])).status_code == 410
            assert not has_bytes(services, asked_id)
            res = await Pusher(client, ana.headers).do(
                "send_message",
                chat_id=chat,
                message_id=uuid.uuid4(),
                blocks=[{"type": "files", "files": [{"id": asked_id, "name": "x", "size": 10}]}],
            )
            assert res["status"] == "refused" and res["error"]["code"] == "upload_expired"

            for _ in range(100):  # the one nobody asks about again: the sweep's
                if (await file_row(services, left_id)).state == "expired":
                    break
                await asyncio.sleep(0.1)
            assert (await file_row(services, left_id)).state == "expired"
            assert not has_bytes(services, left_id)
            # a finished upload that joined no message goes after `unsent_upload_keep`
            for _ in range(100):
                if (await file_row(services, unsent)).state == "expired":
                    break
                await asyncio.sleep(0.1)
            assert (await file_row(services, unsent)).state == "expired"
            assert not has_bytes(services, unsent)
            # a file in a message stays
            got = await client.get(f"/files/{finished}", headers=ana.headers)
            assert got.content == b"done"
            assert (await file_row(services, finished)).state == "attached"
    finally:
        await services.stop()


def test_the_deadline_and_folder_are_server_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANGDAM_UPLOAD_DEADLINE_S", "90")
    monkeypatch.setenv("SANGDAM_FILES_DIR", "/srv/sangdam-files")
    s = Settings(database_url="sqlite+aiosqlite:////tmp/x.db")
    assert s.upload_deadline == timedelta(seconds=90)
    assert s.files_path() == Path("/srv/sangdam-files")
    monkeypatch.delenv("SANGDAM_UPLOAD_DEADLINE_S")
    monkeypatch.delenv("SANGDAM_FILES_DIR")
    s = Settings(database_url="sqlite+aiosqlite:////var/lib/sangdam/main.db")
    assert s.upload_deadline == UPLOAD_DEADLINE
    assert s.files_path() == Path("/var/lib/sangdam/main-files"), "beside the database"


def test_range_headers_and_names_parsed_safely() -> None:
    assert parse_range("bytes=0-0", 10) == (0, 1)
    assert parse_range("bytes=5-100", 10) == (5, 10), "an end past the file is cut"
    assert parse_range("bytes=-3", 10) == (7, 10)
    assert parse_range("bytes=-30", 10) == (0, 10)
    assert parse_range("bytes=10-", 10) == "unsatisfiable"
    assert parse_range("bytes=-0", 10) == "unsatisfiable"
    for ignored in ("bytes=0-1,4-5", "items=0-1", "bytes=5-2", "bytes=a-b", "bytes=-"):
        assert parse_range(ignored, 10) is None, ignored  # served whole, as RFC 9110 allows
    assert safe_name("\u1100\u1161.txt") == "가.txt", "a Mac's decomposed Korean, composed"
    assert len(safe_name("가" * 300 + ".pdf")) == 255 and safe_name("가" * 300 + ".pdf").endswith(
        ".pdf"
    )
    assert safe_type("text/plain; charset=utf-8") == "text/plain"
    assert safe_type("<script>") == "application/octet-stream"
