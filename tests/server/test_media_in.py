"""External media (U3, S9, L3): each medium's webhook, signed as that medium signs it,
makes a customer and a chat of that medium, and the same sender's next message lands in
the same open chat; wrongly signed, stale, replayed or retried payloads create nothing;
a team reply goes out to the medium's API (a local fake) with its auth, is retried with
backoff, and ends delivered (the V mark) or failed with the reason on the message."""

# covers: U3, S9, L3

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from server.config import Settings
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.services import Services
from tests.support.fake_medium import FakeMedium, serve_fake
from tests.support.pusher import Pusher, text
from tests.support.world import World, login

LINE_SECRET = "0123456789abcdef0123456789abcdef"
MEDIA: dict[str, tuple[dict[str, Any], dict[str, str]]] = {
    "line": (
        {"channel_id": "1650000000"},
        {"channel_secret": LINE_SECRET, "access_token": "line-token-77cc"},
    ),
    "instagram": (
        {"page_id": "1234567890"},
        {"app_secret": "insta-app-secret-55aa", "page_token": "insta-page-token-66bb"},
    ),
    "kakao": (
        {"channel_id": "@sangdam"},
        {
            "rest_api_key": "kakao-rest-8812",
            "sender_key": "kakao-sender-771",
            "webhook_secret": "kakao-hook-secret-01",
        },
    ),
    "naver": (
        {"partner_id": "w4xyz1"},
        {"authorization": "naver-auth-0099", "webhook_secret": "naver-hook-secret-02"},
    ),
    "phone": ({"number": "+8215881234"}, {"webhook_secret": "phone-hook-secret-03"}),
}


@pytest.fixture
async def fake() -> AsyncIterator[FakeMedium]:
    async with serve_fake() as f:
        yield f


@pytest.fixture
def settings(db_url: str, tmp_path: Path, fake: FakeMedium) -> Settings:
    return Settings(
        database_url=db_url,
        doorbell="memory",
        files_dir=tmp_path / "files",
        line_api_base=fake.base,
        line_data_api_base=fake.base,
        instagram_api_base=fake.base,
        kakao_api_base=fake.base,
        naver_api_base=fake.base,
        outbound_attempts=3,
        outbound_backoff=timedelta(seconds=10),
        outbound_interval=timedelta(hours=1),  # the tests run the outbox themselves
    )


async def connect(client: httpx.AsyncClient, *media: str) -> None:
    owner = await login(client, "owner")
    for medium in media:
        settings, secrets = MEDIA[medium]
        r = await client.put(
            f"/integrations/{medium}",
            json={"settings": settings, "secrets": secrets},
            headers=owner,
        )
        assert r.status_code == 200, r.text


# ---- each medium's payload, signed as it signs ------------------------------------------


def _hex(key: str, data: bytes) -> str:
    return hmac.new(key.encode(), data, hashlib.sha256).hexdigest()


def line_hook(user: str, event: str, said: str) -> dict[str, Any]:
    return {
        "destination": "Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "events": [
            {
                "type": "message",
                "message": {"type": "text", "id": f"m{event}", "quoteToken": "q", "text": said},
                "webhookEventId": event,
                "deliveryContext": {"isRedelivery": False},
                "timestamp": 1_700_000_000_000,
                "source": {"type": "user", "userId": user},
                "replyToken": "r",
                "mode": "active",
            }
        ],
    }


def insta_hook(user: str, event: str, said: str) -> dict[str, Any]:
    return {
        "object": "instagram",
        "entry": [
            {
                "id": "1234567890",
                "time": 1_700_000_000,
                "messaging": [
                    {
                        "sender": {"id": user},
                        "recipient": {"id": "1234567890"},
                        "timestamp": 1_700_000_000_000,
                        "message": {"mid": event, "text": said},
                    }
                ],
            }
        ],
    }


def kakao_hook(user: str, event: str, said: str) -> dict[str, Any]:
    return {"id": event, "user_key": user, "text": said}


def naver_hook(user: str, event: str, said: str) -> dict[str, Any]:
    return {"id": event, "event": "send", "user": user, "textContent": {"text": said}}


def phone_hook(user: str, event: str, said: str) -> dict[str, Any]:
    status = "missed" if said == "missed" else "answered"
    return {"id": event, "caller": user, "status": status, "duration_s": 125}


def sign(medium: str, body: bytes, *, at: float | None = None) -> dict[str, str]:
    secrets = MEDIA[medium][1]
    if medium == "line":
        mac = hmac.new(LINE_SECRET.encode(), body, hashlib.sha256).digest()
        return {"X-Line-Signature": base64.b64encode(mac).decode()}
    if medium == "instagram":
        return {"X-Hub-Signature-256": "sha256=" + _hex(secrets["app_secret"], body)}
    stamp = str(int(at if at is not None else time.time()))
    return {
        "X-Sangdam-Timestamp": stamp,
        "X-Sangdam-Signature": "sha256="
        + _hex(secrets["webhook_secret"], f"{stamp}.".encode() + body),
    }


HOOKS: dict[str, Callable[[str, str, str], dict[str, Any]]] = {
    "line": line_hook,
    "instagram": insta_hook,
    "kakao": kakao_hook,
    "naver": naver_hook,
    "phone": phone_hook,
}
USERS = {
    "line": "U4af4980629aaaaaaaaaaaaaaaaaaaaaa",
    "instagram": "17841400000000001",
    "kakao": "kakao-user-key-1",
    "naver": "naver-user-1",
    "phone": "+821012345678",
}


async def hook(
    client: httpx.AsyncClient,
    world: World,
    medium: str,
    event: str,
    said: str,
    *,
    user: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    body = json.dumps(HOOKS[medium](user or USERS[medium], event, said)).encode()
    return await client.post(
        f"/hooks/{world.workspace_id}/{medium}",
        content=body,
        headers={"Content-Type": "application/json", **(headers or sign(medium, body))},
    )


async def chats_of(db: Database, world: World, medium: str) -> list[Any]:
    async with db.read() as conn:
        return list(
            await conn.execute(
                select(m.Chat).where(
                    m.Chat.workspace_id == world.workspace_id, m.Chat.medium == medium
                )
            )
        )


async def count(db: Database, model: Any) -> int:
    async with db.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(model)) or 0)


async def messages(db: Database, chat_id: uuid.UUID) -> list[Any]:
    async with db.read() as conn:
        return list(
            await conn.execute(
                select(m.Message).where(m.Message.chat_id == chat_id).order_by(m.Message.seq)
            )
        )


# ---- in ----------------------------------------------------------------------------------


@pytest.mark.parametrize("medium", list(HOOKS))
async def test_a_signed_payload_opens_a_chat_of_its_medium_and_the_next_joins_it(
    client: httpx.AsyncClient, db: Database, world: World, medium: str
) -> None:
    await connect(client, medium)
    r = await hook(client, world, medium, "evt-1", "안녕하세요")
    assert r.status_code == 200, r.text
    assert r.json() == {"taken": 1, "seen": 0}
    [chat] = await chats_of(db, world, medium)
    r = await hook(client, world, medium, "evt-2", "missed")
    assert r.json() == {"taken": 1, "seen": 0}
    assert [c.id for c in await chats_of(db, world, medium)] == [chat.id]  # the same chat
    said = [msg.text for msg in await messages(db, chat.id)]
    if medium == "phone":
        assert said == [
            "Call from +821012345678: answered, 2:05",
            "Call from +821012345678: missed, 2:05",
        ]
    else:
        assert said == ["안녕하세요", "missed"]
    async with db.read() as conn:
        [identity] = list(
            await conn.execute(
                select(m.CustomerIdentity).where(m.CustomerIdentity.customer_id == chat.customer_id)
            )
        )
    assert (identity.medium, identity.external_id) == (medium, USERS[medium])

    # the agents' apps learn of the chat with its medium (L3) and of the customer's id
    ana = await login(client, "ana")
    page = (await client.get("/sync/changes?since=0&limit=500", headers=ana)).json()
    chats = [c["data"] for c in page["changes"] if c["entity"] == "chat"]
    assert chats and chats[-1]["medium"] == medium
    customers = [c["data"] for c in page["changes"] if c["entity"] == "customer"]
    assert customers[-1]["identities"] == [{"medium": medium, "external_id": USERS[medium]}]

    # another user of the medium gets a chat of their own
    r = await hook(client, world, medium, "evt-3", "hi", user=USERS[medium][:-1] + "9")
    assert r.json()["taken"] == 1
    assert len(await chats_of(db, world, medium)) == 2


@pytest.mark.parametrize("medium", list(HOOKS))
async def test_wrong_signatures_replays_and_retries_create_nothing(
    client: httpx.AsyncClient, db: Database, world: World, medium: str
) -> None:
    await connect(client, medium)
    good = json.dumps(HOOKS[medium](USERS[medium], "evt-1", "hello")).encode()
    other = json.dumps(HOOKS[medium](USERS[medium], "evt-9", "tampered")).encode()
    url = f"/hooks/{world.workspace_id}/{medium}"
    refused = [
        (other, sign(medium, good)),  # a signature of another body
        (good, {}),  # none
        (good, {k: v[:-2] + "00" for k, v in sign(medium, good).items()}),
    ]
    if medium not in ("line", "instagram"):  # our format: a stale timestamp
        refused.append((good, sign(medium, good, at=time.time() - 3600)))
    for body, headers in refused:
        r = await client.post(url, content=body, headers=headers)
        assert r.status_code == 401, (headers, r.text)
        assert r.json()["error"]["code"] == "unauthenticated"
    assert await chats_of(db, world, medium) == []
    assert await count(db, m.MediaEvent) == 0
    assert await count(db, m.Customer) == 0

    # taken once; the medium's retry and a replay of the same signed payload count once
    assert (await hook(client, world, medium, "evt-1", "hello")).json()["taken"] == 1
    r = await client.post(url, content=good, headers=sign(medium, good))
    assert r.status_code == 200 and r.json() == {"taken": 0, "seen": 1}
    r = await hook(client, world, medium, "evt-1", "hello")
    assert r.json() == {"taken": 0, "seen": 1}
    [chat] = await chats_of(db, world, medium)
    assert len(await messages(db, chat.id)) == 1
    assert await count(db, m.Customer) == 1


async def test_a_medium_not_connected_or_a_bad_payload_is_refused(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    r = await hook(client, world, "line", "evt-1", "hi")
    assert r.status_code == 404
    r = await client.post(f"/hooks/{uuid.uuid4()}/line", content=b"{}", headers=sign("line", b"{}"))
    assert r.status_code == 404
    await connect(client, "line")
    r = await client.post(
        f"/hooks/{world.workspace_id}/line", content=b"[1", headers=sign("line", b"[1")
    )
    assert r.status_code == 400
    r = await client.post(f"/hooks/{world.workspace_id}/web", content=b"{}")
    assert r.status_code == 404
    assert await count(db, m.Chat) == 0


async def test_instagrams_subscription_check_echoes_only_for_its_verify_token(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    url = f"/hooks/{world.workspace_id}/instagram"
    check = {"hub.mode": "subscribe", "hub.verify_token": "shop-verify-42", "hub.challenge": "1158"}
    assert (await client.get(url, params=check)).status_code == 404  # not connected
    await connect(client, "instagram")  # no verify token yet: Meta is refused, and told why
    r = await client.get(url, params=check)
    assert r.status_code == 403 and "No verify token" in r.json()["error"]["message"]

    owner = await login(client, "owner")
    settings, secrets = MEDIA["instagram"]
    r = await client.put(
        "/integrations/instagram",
        json={"settings": settings, "secrets": {**secrets, "verify_token": "shop-verify-42"}},
        headers=owner,
    )
    assert r.status_code == 200, r.text
    assert "shop-verify-42" not in r.text
    r = await client.get(url, params=check)
    assert r.status_code == 200 and r.text == "1158"
    assert r.headers["content-type"].startswith("text/plain")
    for wrong in (
        {**check, "hub.verify_token": "shop-verify-43"},
        {**check, "hub.mode": "unsubscribe"},
        {k: v for k, v in check.items() if k != "hub.verify_token"},
    ):
        r = await client.get(url, params=wrong)
        assert r.status_code == 403, wrong
        assert r.json()["error"]["code"] == "forbidden"
    r = await client.get(url, params={**check, "hub.challenge": "<script>alert(1)</script>"})
    assert r.status_code == 400 and "<script>" not in r.text
    assert (await client.get(f"/hooks/{world.workspace_id}/line", params=check)).status_code == 404
    assert await count(db, m.Chat) == 0


async def test_webhooks_count_against_the_public_limits(
    services: Services, client: httpx.AsyncClient, world: World
) -> None:
    await connect(client, "line")
    services.settings.public_workspace_hooks = 3
    codes = [(await hook(client, world, "line", f"evt-{i}", "hi")).status_code for i in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]


# ---- files customers send -----------------------------------------------------------------

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40  # a photo's first bytes, then some


async def sent_hook(client: httpx.AsyncClient, world: World, medium: str, data: Any) -> None:
    body = json.dumps(data).encode()
    r = await client.post(
        f"/hooks/{world.workspace_id}/{medium}",
        content=body,
        headers={"Content-Type": "application/json", **sign(medium, body)},
    )
    assert r.status_code == 200 and r.json()["taken"] == 1, r.text


async def last_blocks(db: Database, world: World, medium: str) -> list[dict[str, Any]]:
    [chat] = await chats_of(db, world, medium)
    return list((await messages(db, chat.id))[-1].blocks)


async def downloaded(client: httpx.AsyncClient, ref: dict[str, Any]) -> bytes:
    r = await client.get(f"/files/{ref['id']}", headers=await login(client, "ana"))
    assert r.status_code == 200, r.text
    return r.content


def line_media(event: str, message: dict[str, Any]) -> dict[str, Any]:
    data = line_hook(USERS["line"], event, "")
    data["events"][0]["message"] = message
    return data


async def test_a_line_photo_and_file_arrive_as_the_messages_files(
    client: httpx.AsyncClient, db: Database, world: World, fake: FakeMedium
) -> None:
    # covers: U3
    await connect(client, "line")
    fake.files["/v2/bot/message/m-photo/content"] = (JPEG, "image/jpeg")
    fake.files["/v2/bot/message/m-file/content"] = (b"%PDF-1.4 quote", "application/pdf")
    photo = {"type": "image", "id": "m-photo", "contentProvider": {"type": "line"}}
    await sent_hook(client, world, "line", line_media("evt-p", photo))
    [files] = await last_blocks(db, world, "line")  # the photo alone: no "[image]" text
    [ref] = files["files"]
    assert (ref["name"], ref["content_type"], ref["size"]) == (
        "line-image-1.jpg",
        "image/jpeg",
        len(JPEG),
    )
    assert await downloaded(client, ref) == JPEG
    fetched = [x for x in fake.seen if x.path == "/v2/bot/message/m-photo/content"]
    assert [x.headers["authorization"] for x in fetched] == ["Bearer line-token-77cc"]

    doc = {"type": "file", "id": "m-file", "fileName": "견적서.pdf", "fileSize": 14}
    await sent_hook(client, world, "line", line_media("evt-f", doc))
    [files] = await last_blocks(db, world, "line")
    assert files["files"][0]["name"] == "견적서.pdf"
    assert await downloaded(client, files["files"][0]) == b"%PDF-1.4 quote"

    # a location is said as text
    where = {"type": "location", "id": "m-loc", "title": "본사", "address": "서울 중구",
             "latitude": 37.56, "longitude": 126.97}  # fmt: skip
    await sent_hook(client, world, "line", line_media("evt-l", where))
    assert await last_blocks(db, world, "line") == [
        {"type": "text", "text": "📍 본사 서울 중구 (37.56, 126.97)"}
    ]


async def test_a_file_the_messenger_will_not_give_is_said_and_the_message_kept(
    client: httpx.AsyncClient, db: Database, world: World, fake: FakeMedium
) -> None:
    await connect(client, "line")
    gone = {"type": "video", "id": "m-gone", "contentProvider": {"type": "line"}}
    await sent_hook(client, world, "line", line_media("evt-g", gone))
    assert await last_blocks(db, world, "line") == [
        {"type": "text", "text": "[Not received: video: the messenger answered 404]"}
    ]
    assert await count(db, m.File) == 0
    # LINE retries the same event: it is seen, nothing is fetched again
    tries = len(fake.seen)
    body = json.dumps(line_media("evt-g", gone)).encode()
    r = await client.post(
        f"/hooks/{world.workspace_id}/line", content=body, headers=sign("line", body)
    )
    assert r.json() == {"taken": 0, "seen": 1}
    assert len(fake.seen) == tries


async def test_instagram_and_talktalk_photos_come_from_their_addresses(
    client: httpx.AsyncClient, db: Database, world: World, fake: FakeMedium
) -> None:
    # covers: U3
    await connect(client, "instagram", "naver")
    fake.files["/cdn/ig/photo.png"] = (b"\x89PNG\r\n\x1a\n" + bytes(300), "image/png")
    fake.files["/cdn/talk/a.jpg"] = (JPEG, "image/jpeg")
    data = insta_hook(USERS["instagram"], "mid-1", "이 색상 있나요?")
    data["entry"][0]["messaging"][0]["message"]["attachments"] = [
        {"type": "image", "payload": {"url": f"{fake.base}/cdn/ig/photo.png"}},
        {"type": "share", "payload": {"url": "https://www.instagram.com/p/abc"}},
    ]
    await sent_hook(client, world, "instagram", data)
    text, files = await last_blocks(db, world, "instagram")
    assert text == {"type": "text", "text": "이 색상 있나요?\nhttps://www.instagram.com/p/abc"}
    [ref] = files["files"]
    assert ref["name"] == "instagram-image-1.png" and ref["content_type"] == "image/png"
    assert (await downloaded(client, ref)).startswith(b"\x89PNG")

    talk = {"id": "t-1", "event": "send", "user": USERS["naver"],
            "imageContent": {"imageUrl": f"{fake.base}/cdn/talk/a.jpg"}}  # fmt: skip
    await sent_hook(client, world, "naver", talk)
    [files] = await last_blocks(db, world, "naver")
    assert await downloaded(client, files["files"][0]) == JPEG

    # only web addresses are fetched
    data = insta_hook(USERS["instagram"], "mid-2", "")
    data["entry"][0]["messaging"][0]["message"]["attachments"] = [
        {"type": "image", "payload": {"url": "file:///etc/passwd"}}
    ]
    await sent_hook(client, world, "instagram", data)
    assert await last_blocks(db, world, "instagram") == [
        {"type": "text", "text": "[Not received: image: not a web address]"}
    ]


# ---- out ---------------------------------------------------------------------------------


async def reply(client: httpx.AsyncClient, chat_id: uuid.UUID, said: str) -> uuid.UUID:
    ana = Pusher(client, await login(client, "ana"))
    message_id = uuid.uuid4()
    result = await ana.do("send_message", chat_id=chat_id, message_id=message_id, blocks=text(said))
    assert result["status"] == "applied", result
    return message_id


async def message(db: Database, message_id: uuid.UUID) -> Any:
    async with db.read() as conn:
        return (await conn.execute(select(m.Message).where(m.Message.id == message_id))).one()


EXPECTED_OUT = {
    "line": (
        "/v2/bot/message/push",
        "Bearer line-token-77cc",
        {"to": USERS["line"], "messages": [{"type": "text", "text": "답변입니다"}]},
    ),
    "instagram": (
        "/1234567890/messages",
        "Bearer insta-page-token-66bb",
        {
            "recipient": {"id": USERS["instagram"]},
            "messaging_type": "RESPONSE",
            "message": {"text": "답변입니다"},
        },
    ),
    "kakao": (
        "/v2/send/kakao",
        "KakaoAK kakao-rest-8812",
        {
            "sender_key": "kakao-sender-771",
            "user_key": USERS["kakao"],
            "message_type": "TX",
            "message": "답변입니다",
        },
    ),
    "naver": (
        "/chatbot/v1/event",
        "naver-auth-0099",
        {"event": "send", "user": USERS["naver"], "textContent": {"text": "답변입니다"}},
    ),
}


@pytest.mark.parametrize("medium", list(EXPECTED_OUT))
async def test_a_reply_reaches_the_medium_and_is_marked_delivered(
    services: Services,
    client: httpx.AsyncClient,
    db: Database,
    world: World,
    fake: FakeMedium,
    medium: str,
) -> None:
    await connect(client, medium)
    await hook(client, world, medium, "evt-1", "hi")
    [chat] = await chats_of(db, world, medium)
    sent = await reply(client, chat.id, "답변입니다")
    assert (await message(db, sent)).delivered_at is None

    assert await services.outbox.deliver_due() == 1
    path, auth, body = EXPECTED_OUT[medium]
    [seen] = fake.seen
    sent_body = {k: v for k, v in seen.body.items() if k != "cid"}  # kakao's: the row id
    assert (seen.path, seen.headers["authorization"], sent_body) == (path, auth, body)
    msg = await message(db, sent)
    assert msg.delivered_at is not None and msg.delivery_error is None
    assert await services.outbox.deliver_due() == 0  # sent once

    ana = await login(client, "ana")
    page = (await client.get("/sync/changes?since=0&limit=500", headers=ana)).json()
    marks = [c["data"] for c in page["changes"] if c["entity"] == "message"]
    assert marks[-1]["id"] == str(sent) and marks[-1]["delivered_at"] is not None


async def test_a_failing_medium_is_retried_with_backoff_then_delivered(
    services: Services, client: httpx.AsyncClient, db: Database, world: World, fake: FakeMedium
) -> None:
    await connect(client, "line")
    await hook(client, world, "line", "evt-1", "hi")
    [chat] = await chats_of(db, world, "line")
    fake.statuses = [500, 503]
    sent = await reply(client, chat.id, "답변입니다")
    start = utcnow()
    assert await services.outbox.deliver_due(start) == 1
    async with db.read() as conn:
        [job] = list(await conn.execute(select(m.Outbound)))
    assert job.attempts == 1 and job.done_at is None and "500" in (job.error or "")
    assert job.next_at >= start + timedelta(seconds=10)  # the first wait
    assert await services.outbox.deliver_due(start + timedelta(seconds=5)) == 0  # not yet
    assert await services.outbox.deliver_due(start + timedelta(seconds=11)) == 1
    async with db.read() as conn:
        [job] = list(await conn.execute(select(m.Outbound)))
    assert job.attempts == 2 and job.next_at >= start + timedelta(seconds=11 + 20)  # doubled
    assert (await message(db, sent)).delivered_at is None
    assert await services.outbox.deliver_due(start + timedelta(seconds=40)) == 1
    assert len(fake.seen) == 3
    assert {s.headers["x-line-retry-key"] for s in fake.seen} == {str(job.id)}
    msg = await message(db, sent)
    assert msg.delivered_at is not None and msg.delivery_error is None


async def test_a_medium_failing_for_good_records_the_failure_on_the_message(
    services: Services, client: httpx.AsyncClient, db: Database, world: World, fake: FakeMedium
) -> None:
    await connect(client, "instagram", "line")
    await hook(client, world, "line", "evt-1", "hi")
    await hook(client, world, "instagram", "evt-1", "hi")
    [line_chat] = await chats_of(db, world, "line")
    [insta_chat] = await chats_of(db, world, "instagram")

    # a refusal (4xx) is final at once
    fake.statuses = [400]
    refused = await reply(client, insta_chat.id, "one")
    await services.outbox.deliver_due()
    msg = await message(db, refused)
    assert msg.delivered_at is None and (msg.delivery_error or "").startswith("HTTP 400")

    # errors that may pass end after the last of 3 tries
    fake.statuses = [500, 500, 500]
    failed = await reply(client, line_chat.id, "two")
    at = utcnow()
    for later in (0, 11, 40):
        assert await services.outbox.deliver_due(at + timedelta(seconds=later)) == 1
    assert await services.outbox.deliver_due(at + timedelta(hours=2)) == 0
    msg = await message(db, failed)
    assert msg.delivered_at is None and (msg.delivery_error or "").startswith("HTTP 500")

    ana = await login(client, "ana")
    page = (await client.get("/sync/changes?since=0&limit=500", headers=ana)).json()
    latest = {c["data"]["id"]: c["data"] for c in page["changes"] if c["entity"] == "message"}
    assert latest[str(failed)]["delivery_error"].startswith("HTTP 500")

    # notes and customers' own messages never go out
    assert len(fake.seen) == 4


async def test_a_reply_of_a_web_chat_stays_in_the_app(
    services: Services, client: httpx.AsyncClient, db: Database, world: World, fake: FakeMedium
) -> None:
    r = await client.post("/customer/chats", json={"workspace_id": str(world.workspace_id)})
    chat_id = uuid.UUID(r.json()["chat_id"])
    await reply(client, chat_id, "hello")
    assert await count(db, m.Outbound) == 0
    assert await services.outbox.deliver_due() == 0 and fake.seen == []
