"""The customer link's server side: the page at /c/<token> and its headers, what the
link of one chat can reach (its chat, nothing else), who the page names, and the
customer's WebSocket feed (changes as they happen, notes never, a revoked link closed
at once)."""

# covers: U1, H4, C1

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx
import pytest
from httpx_ws import WebSocketDisconnect, aconnect_ws

from server.customers.socket import CLOSE_BAD_REQUEST, CLOSE_UNAUTHENTICATED
from tests.support.live import LiveServer
from tests.support.pusher import Pusher, text
from tests.support.uploads import Tus
from tests.support.world import World, login, make_world, start_chat

WAIT = 10.0


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_the_page_answers_with_strict_headers(
    client: httpx.AsyncClient, world: World
) -> None:
    chat = await start_chat(client, world)
    r = await client.get(f"/c/{chat['token']}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert f'content="{chat["chat_id"]}"' in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["cache-control"] == "no-store"
    assert "<script>" not in r.text  # no inline script: only <script src=...>
    # embedded (the website snippet's panel): any site may frame it
    r = await client.get(f"/c/{chat['token']}", params={"embed": "1"})
    assert "frame-ancestors *" in r.headers["content-security-policy"]
    assert "x-frame-options" not in r.headers
    for name, kind in (("app.js", "text/javascript"), ("app.css", "text/css")):
        r = await client.get(f"/c/assets/{name}")
        assert r.status_code == 200 and r.headers["content-type"].startswith(kind)
        assert r.headers["x-content-type-options"] == "nosniff"
    # a forged Host header cannot add a directive to the policy
    r = await client.get(f"/c/{chat['token']}", headers={"host": "x; script-src *"})
    assert "script-src *" not in r.headers["content-security-policy"]
    assert (await client.get("/c/assets/index.html")).status_code == 404
    assert (await client.get("/c/assets/..%2Frouter.py")).status_code == 404


async def test_an_unknown_or_revoked_link_says_it_no_longer_works(
    client: httpx.AsyncClient, world: World
) -> None:
    chat = await start_chat(client, world)
    owner = await login(client, "owner")
    r = await client.delete(f"/chats/{chat['chat_id']}/customer-link", headers=owner)
    assert r.status_code == 204
    for token in (chat["token"], "sdc_made-up", "anything"):
        r = await client.get(f"/c/{token}")
        assert r.status_code == 404
        assert "This link no longer works" in r.text and chat["chat_id"] not in r.text
    r = await client.get(f"/customer/chats/{chat['chat_id']}", headers=bearer(chat["token"]))
    assert r.status_code == 401
    # a new link works; the old one stays dead
    r = await client.post(f"/chats/{chat['chat_id']}/customer-link", headers=owner)
    fresh = r.json()["token"]
    assert (await client.get(f"/c/{fresh}")).status_code == 200
    assert (await client.get(f"/c/{chat['token']}")).status_code == 404


async def test_the_link_of_one_chat_opens_nothing_else(
    client: httpx.AsyncClient, world: World
) -> None:
    a = await start_chat(client, world, "chat A")
    b = await start_chat(client, world, "chat B")
    token = bearer(a["token"])
    owner = Pusher(client, await login(client, "owner"))
    b_reply = str(uuid.uuid4())
    result = await owner.do(
        "send_message", chat_id=b["chat_id"], message_id=b_reply, blocks=text("for B")
    )
    assert result["status"] == "applied"
    b_file = await Tus(client, bearer(b["token"])).upload(
        b"B's file", chat_id=b["chat_id"], message_id=uuid.uuid4()
    )
    # chat B's endpoints with A's link
    other = f"/customer/chats/{b['chat_id']}"
    calls: list[tuple[str, str, dict[str, Any] | None]] = [
        ("GET", other, None),
        ("GET", f"{other}/messages", None),
        ("GET", f"{other}/changes", None),
        ("GET", f"{other}/people", None),
        ("POST", f"{other}/messages", {"id": str(uuid.uuid4()), "text": "hi"}),
        ("POST", f"{other}/read", {"message_id": b_reply}),
        ("POST", f"{other}/messages/{b_reply}/answers", {"answers": {"x": "y"}}),
        ("POST", f"{other}/visits", {"url": "https://x.example/", "title": "x"}),
    ]
    for method, url, body in calls:
        r = await client.request(method, url, json=body, headers=token)
        assert r.status_code == 403, (method, url, r.status_code)
    # A's own endpoints cannot reach B's message either
    mine = f"/customer/chats/{a['chat_id']}"
    r = await client.post(f"{mine}/read", json={"message_id": b_reply}, headers=token)
    assert r.status_code == 404
    r = await client.get(f"/files/{b_file}", headers=token)
    assert r.status_code in (403, 404)
    # nothing lists chats, and no manager endpoint takes a customer's link
    assert (await client.get("/customer/chats", headers=token)).status_code == 405
    for url in (
        "/inbox/sidebar",
        "/inbox/sections/all",
        "/search?q=chat",
        "/sync/changes?since=0",
        "/sync/bootstrap",
        f"/chats/{a['chat_id']}",
        f"/chats/{a['chat_id']}/messages",
        f"/chats/{a['chat_id']}/links",
    ):
        r = await client.get(url, headers=token)
        assert r.status_code == 401, (url, r.status_code)
    r = await client.post(f"/chats/{a['chat_id']}/customer-link", headers=token)
    assert r.status_code == 401
    r = await client.patch(
        f"/managers/{world.managers['owner']}", json={"permissions": []}, headers=token
    )
    assert r.status_code == 401
    r = await client.post(
        "/sync/push", json={"client_id": str(uuid.uuid4()), "mutations": []}, headers=token
    )
    assert r.status_code == 401


async def test_the_page_names_only_who_replied_in_the_chat(
    client: httpx.AsyncClient, world: World
) -> None:
    chat = await start_chat(client, world)
    ana = Pusher(client, await login(client, "ana"))
    ben = Pusher(client, await login(client, "ben"))
    await ana.do(
        "send_message", chat_id=chat["chat_id"], message_id=uuid.uuid4(), blocks=text("hi")
    )
    await ben.do(
        "send_message",
        chat_id=chat["chat_id"],
        message_id=uuid.uuid4(),
        blocks=text("internal"),
        kind="note",
    )
    r = await client.get(f"/customer/chats/{chat['chat_id']}/people", headers=bearer(chat["token"]))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["workspace"]["name"] == "Test Co"
    assert [(m["id"], m["name"]) for m in body["managers"]] == [(str(world.managers["ana"]), "Ana")]
    assert set(body["managers"][0]) == {"id", "name", "avatar_url"}  # no email, no role


# ---- the WebSocket feed, against a real server process ---------------------------------


@pytest.fixture
async def live(live_server: Any, sqlite_url: str) -> tuple[LiveServer, World]:
    from server.db.database import Database

    db = Database(sqlite_url)
    try:
        world = await make_world(db)
    finally:
        await db.dispose()
    server = await asyncio.to_thread(live_server, sqlite_url)
    return server, world


async def _frame(ws: Any) -> dict[str, Any]:
    return dict(json.loads(await asyncio.wait_for(ws.receive_text(), WAIT)))


async def _closed(ws: Any) -> int:
    """The close code, once the server closes (frames before it are skipped)."""
    try:
        while True:
            await asyncio.wait_for(ws.receive_text(), WAIT)
    except WebSocketDisconnect as exc:
        return int(exc.code)


async def test_the_feed_brings_replies_never_notes(live: tuple[LiveServer, World]) -> None:
    server, world = live
    async with httpx.AsyncClient(base_url=server.url) as client:
        chat = await start_chat(client, world)
        other = await start_chat(client, world)
        owner = Pusher(client, await login(client, "owner"))
        r = await client.get(f"/customer/chats/{chat['chat_id']}", headers=bearer(chat["token"]))
        head = r.json()["head"]
        url = f"{server.ws_url}/customer/chats/{chat['chat_id']}/feed"
        async with aconnect_ws(url, client) as ws:
            await ws.send_text(json.dumps({"type": "auth", "token": chat["token"], "since": head}))
            first = await _frame(ws)
            assert first["type"] == "changes" and first["changes"] == []
            note = str(uuid.uuid4())
            await owner.do(
                "send_message",
                chat_id=chat["chat_id"],
                message_id=note,
                blocks=text("secret"),
                kind="note",
            )
            await owner.do(
                "send_message", chat_id=other["chat_id"], message_id=uuid.uuid4(), blocks=text("B")
            )
            reply = str(uuid.uuid4())
            await owner.do(
                "send_message", chat_id=chat["chat_id"], message_id=reply, blocks=text("hello")
            )
            frame = await _frame(ws)
            assert frame["type"] == "changes"
            assert [c["id"] for c in frame["changes"]] == [reply]
            assert "seq" not in frame["changes"][0]["data"]
            await ws.send_text('{"type":"ping"}')
            assert (await _frame(ws))["type"] == "pong"
            # the customer's read comes back as a change of the reply
            r = await client.post(
                f"/customer/chats/{chat['chat_id']}/read",
                json={"message_id": reply},
                headers=bearer(chat["token"]),
            )
            assert r.json() == {"read": 1}
            frame = await _frame(ws)
            assert frame["changes"][0]["data"]["customer_read_at"] is not None


async def test_the_feed_refuses_bad_links_and_ends_on_revocation(
    live: tuple[LiveServer, World],
) -> None:
    server, world = live
    async with httpx.AsyncClient(base_url=server.url) as client:
        a = await start_chat(client, world)
        b = await start_chat(client, world)
        url = f"{server.ws_url}/customer/chats/{a['chat_id']}/feed"
        for frame, code in (
            ({"type": "auth", "token": b["token"], "since": None}, CLOSE_UNAUTHENTICATED),
            ({"type": "auth", "token": "sdc_forged", "since": None}, CLOSE_UNAUTHENTICATED),
            # not a dead link (the page shows none, the snippet forgets nothing): try again
            ({"type": "hello"}, CLOSE_BAD_REQUEST),
        ):
            async with aconnect_ws(url, client) as ws:
                await ws.send_text(json.dumps(frame))
                assert await _closed(ws) == code
        async with aconnect_ws(url, client) as ws:
            await ws.send_text(json.dumps({"type": "auth", "token": a["token"], "since": None}))
            assert (await _frame(ws))["type"] == "changes"
            owner = await login(client, "owner")
            r = await client.delete(f"/chats/{a['chat_id']}/customer-link", headers=owner)
            assert r.status_code == 204
            assert await _closed(ws) == CLOSE_UNAUTHENTICATED
