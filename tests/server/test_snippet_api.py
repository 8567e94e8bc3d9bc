"""The website snippet's server side (U2, P5): a visitor made on the first page view,
its visits (address, title, referrer) recorded before and after a chat, the chat it
starts carrying the start page; limits, probing, what a visitor token cannot reach, and
CORS for exactly the snippet's calls."""

# covers: U2, P5

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import httpx
from sqlalchemy import select, update

from server import admin
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.services import Services
from tests.support.world import World, login, start_chat

SHOP = "https://shop.example"


def _client(services: Services, host: str) -> httpx.AsyncClient:
    """A client calling from `host` (the limits key on the caller's address)."""
    transport = httpx.ASGITransport(app=services.app, client=(host, 4321))  # type: ignore[attr-defined]
    return httpx.AsyncClient(transport=transport, base_url="http://sangdam.test")


async def _visitor(client: httpx.AsyncClient, world: World) -> tuple[str, dict[str, str]]:
    r = await client.post("/customer/visitors", json={"workspace_id": str(world.workspace_id)})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["token"].startswith("sdv_")
    return body["customer_id"], {"Authorization": f"Bearer {body['token']}"}


async def test_visits_before_and_after_a_chat_belong_to_the_visitor(
    client: httpx.AsyncClient, world: World, db: Database
) -> None:
    headers = await login(client, "ana")
    since = (await client.get("/sync/changes?since=0&limit=1", headers=headers)).json()["head"]
    customer_id, visitor = await _visitor(client, world)
    first = {"url": f"{SHOP}/", "title": "Home", "referrer": "https://search.example/?q=beans"}
    r = await client.post("/customer/visitor/visits", json=first, headers=visitor)
    assert r.status_code == 201, r.text
    assert r.json()["customer_id"] == customer_id and r.json()["chat_id"] is None
    second = {"url": f"{SHOP}/pricing", "title": "Pricing", "referrer": f"{SHOP}/"}
    assert (
        await client.post("/customer/visitor/visits", json=second, headers=visitor)
    ).status_code == 201

    # a visitor who never chatted stays out of the agents' feed (most never do)
    quiet = (await client.get(f"/sync/changes?since={since}&limit=500", headers=headers)).json()
    assert [c for c in quiet["changes"] if c["entity"] in ("customer", "page_visit")] == []

    # the launcher starts a chat of the same customer, carrying the page it was on
    r = await client.post(
        "/customer/chats",
        json={"workspace_id": str(world.workspace_id), "page_url": f"{SHOP}/pricing"},
        headers=visitor,
    )
    assert r.status_code == 201, r.text
    chat = r.json()
    assert chat["customer_id"] == customer_id and chat["token"].startswith("sdc_")
    r = await client.post(
        "/customer/visitor/visits", json={"url": f"{SHOP}/cart", "title": "Cart"}, headers=visitor
    )
    assert r.json()["chat_id"] == chat["chat_id"]  # after the chat: attached to it

    chat_out = (await client.get(f"/chats/{chat['chat_id']}", headers=headers)).json()
    assert chat_out["page_url"] == f"{SHOP}/pricing"
    assert chat_out["customer_id"] == customer_id
    page = (await client.get(f"/sync/changes?since={since}&limit=500", headers=headers)).json()
    visits = [c["data"] for c in page["changes"] if c["entity"] == "page_visit"]
    assert [(v["url"], v["title"], v["referrer"]) for v in visits] == [
        (f"{SHOP}/", "Home", "https://search.example/?q=beans"),
        (f"{SHOP}/pricing", "Pricing", f"{SHOP}/"),
        (f"{SHOP}/cart", "Cart", None),
    ]
    assert {v["customer_id"] for v in visits} == {customer_id}
    customers = [c for c in page["changes"] if c["entity"] == "customer"]
    assert [c["id"] for c in customers] == [customer_id]  # announced with the first chat
    # a second chat of the visitor: the same customer, announced once only
    again = await client.post(
        "/customer/chats", json={"workspace_id": str(world.workspace_id)}, headers=visitor
    )
    assert again.status_code == 201 and again.json()["customer_id"] == customer_id
    head = page["head"]
    later = (await client.get(f"/sync/changes?since={head}&limit=500", headers=headers)).json()
    assert [c for c in later["changes"] if c["entity"] in ("customer", "page_visit")] == []
    async with db.read() as conn:
        stored = (await conn.scalars(select(m.VisitorKey.token_hash))).all()
    token = visitor["Authorization"].removeprefix("Bearer ")
    assert len(stored) == 1 and token.encode() not in stored[0] and len(stored[0]) == 32


async def test_a_visitor_flood_from_one_address_is_cut_and_the_floodgate_holds(
    services: Services, world: World, db: Database
) -> None:
    s = services.settings
    s.public_address_visitors, s.public_window = 5, timedelta(hours=1)
    body = {"workspace_id": str(world.workspace_id)}
    async with _client(services, "10.9.0.1") as client:
        codes = [(await client.post("/customer/visitors", json=body)).status_code for _ in range(8)]
    assert codes == [201] * 5 + [429] * 3
    async with db.read() as conn:
        assert len((await conn.scalars(select(m.VisitorKey.id))).all()) == 5
    async with _client(services, "10.9.0.2") as other:
        assert (await other.post("/customer/visitors", json=body)).status_code == 201


async def test_an_unknown_workspace_answers_as_a_limited_one(
    services: Services, world: World, db: Database
) -> None:
    s = services.settings
    s.public_workspace_visitors, s.public_window = 1, timedelta(hours=1)
    known = {"workspace_id": str(world.workspace_id)}
    unknown = {"workspace_id": str(uuid.uuid4())}
    async with _client(services, "10.9.1.1") as a, _client(services, "10.9.1.2") as b:
        assert (await a.post("/customer/visitors", json=known)).status_code == 201
        limited = await b.post("/customer/visitors", json=known)
        probe = await b.post("/customer/visitors", json=unknown)
    for r in (limited, probe):
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert set(limited.headers) == set(probe.headers)
    assert re.sub(r"\d+", "N", limited.text) == re.sub(r"\d+", "N", probe.text)
    async with db.read() as conn:
        assert len((await conn.scalars(select(m.Customer.id))).all()) == 1


async def test_a_visitor_token_reaches_its_own_customer_and_nothing_else(
    client: httpx.AsyncClient, world: World, db: Database
) -> None:
    _, visitor = await _visitor(client, world)
    other = await start_chat(client, world)  # someone else's chat
    own = await client.post(
        "/customer/chats", json={"workspace_id": str(world.workspace_id)}, headers=visitor
    )
    assert own.status_code == 201
    mine = own.json()["chat_id"]  # even its own chat's messages need that chat's link
    for method, path in [
        ("GET", f"/customer/chats/{mine}"),
        ("GET", f"/customer/chats/{mine}/changes"),
        ("POST", f"/customer/chats/{mine}/messages"),
        ("POST", "/uploads"),
        ("GET", f"/customer/chats/{other['chat_id']}"),
        ("GET", f"/customer/chats/{other['chat_id']}/messages"),
        ("POST", f"/customer/chats/{other['chat_id']}/visits"),
        ("GET", "/sync/changes?since=0"),
        ("GET", f"/chats/{other['chat_id']}"),
        ("GET", "/auth/me"),
        ("POST", f"/chats/{other['chat_id']}/customer-link"),
        ("GET", "/search?q=a"),
    ]:
        tus = {"Tus-Resumable": "1.0.0", "Upload-Length": "10"}  # read by /uploads only
        r = await client.request(
            method, path, headers={**visitor, **tus}, json={"url": f"{SHOP}/x"}
        )
        assert r.status_code in (401, 403), (path, r.status_code, r.text)
    # a chat's link is no visitor token, and a made-up one is nothing
    link = {"Authorization": f"Bearer {other['token']}"}
    fake = {"Authorization": "Bearer sdv_" + "A" * 43}
    for h in (link, fake, {}):
        r = await client.post("/customer/visitor/visits", json={"url": f"{SHOP}/"}, headers=h)
        assert r.status_code == 401, r.text

    # a visitor of this workspace starts no chat in another one
    elsewhere = await admin.create_workspace(db, "Other Co")
    r = await client.post("/customer/chats", json={"workspace_id": str(elsewhere)}, headers=visitor)
    assert r.status_code == 403, r.text
    async with db.read() as conn:
        assert (
            await conn.scalars(select(m.Chat.id).where(m.Chat.workspace_id == elsewhere))
        ).all() == []

    # a revoked visitor key stops at once
    async with db.write() as conn:
        await conn.execute(update(m.VisitorKey).values(revoked_at=utcnow()))
    r = await client.post("/customer/visitor/visits", json={"url": f"{SHOP}/"}, headers=visitor)
    assert r.status_code == 401


async def test_cors_answers_the_snippets_calls_only(
    services: Services, client: httpx.AsyncClient, world: World
) -> None:
    origin = {"Origin": SHOP}
    for path in ("/customer/visitors", "/customer/visitor/visits", "/customer/chats"):
        r = await client.options(
            path,
            headers={
                **origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert r.status_code == 204, (path, r.text)
        assert r.headers["access-control-allow-origin"] == "*"
        assert r.headers["access-control-allow-methods"] == "POST"
        assert "authorization" in r.headers["access-control-allow-headers"]
        assert "access-control-allow-credentials" not in r.headers
    r = await client.post(
        "/customer/visitors", json={"workspace_id": str(world.workspace_id)}, headers=origin
    )
    assert r.status_code == 201 and r.headers["access-control-allow-origin"] == "*"
    # a limited answer is readable too (the snippet backs off on it)
    services.settings.public_address_visitors = 0
    r = await client.post(
        "/customer/visitors", json={"workspace_id": str(world.workspace_id)}, headers=origin
    )
    assert r.status_code == 429 and r.headers["access-control-allow-origin"] == "*"
    assert "retry-after" in r.headers["access-control-expose-headers"].lower()

    # nothing else: not the manager API, not a chat's own customer endpoints
    manager = await login(client, "ana")
    chat = await start_chat(client, world)
    for method, path in [
        ("OPTIONS", "/auth/login"),
        ("OPTIONS", "/sync/changes"),
        ("OPTIONS", f"/customer/chats/{chat['chat_id']}/messages"),
        ("GET", "/sync/changes?since=0"),
        ("GET", f"/chats/{chat['chat_id']}"),
    ]:
        extra = {"Access-Control-Request-Method": "GET"} if method == "OPTIONS" else {}
        r = await client.request(method, path, headers={**origin, **manager, **extra})
        assert not any(h.startswith("access-control-") for h in r.headers), (path, r.headers)
    # a preflight for another method gets no grant
    r = await client.options(
        "/customer/visitors", headers={**origin, "Access-Control-Request-Method": "DELETE"}
    )
    assert "access-control-allow-origin" not in r.headers


async def test_the_script_is_served_and_the_demo_site_only_when_enabled(
    services: Services, client: httpx.AsyncClient, world: World
) -> None:
    r = await client.get("/snippet.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert "attachShadow" in r.text and "/customer/visitors" in r.text
    assert (await client.get("/demo/site")).status_code == 404
    services.settings.demo_site = True
    page = await client.get("/demo/site")  # the only workspace
    assert page.status_code == 200 and "DEMO" in page.text
    assert f'data-workspace="{world.workspace_id}"' in page.text
    assert 'src="http://sangdam.test/snippet.js"' in page.text
    pricing = await client.get(f"/demo/site/pricing?workspace={world.workspace_id}")
    assert "<title>Pricing" in pricing.text and f"?workspace={world.workspace_id}" in pricing.text
    assert (await client.get("/demo/site?workspace=<script>")).status_code == 422


async def test_visitors_who_never_chatted_are_forgotten_once_idle(
    client: httpx.AsyncClient, world: World, db: Database
) -> None:
    from server.customers.visitors import prune_visitors

    idle, idle_token = await _visitor(client, world)  # came once, long ago, never wrote
    recent, recent_token = await _visitor(client, world)  # made long ago, seen this week
    chatted, chat_token = await _visitor(client, world)  # wrote once, long ago
    r = await client.post(
        "/customer/chats",
        json={"workspace_id": str(world.workspace_id), "page_url": f"{SHOP}/"},
        headers=chat_token,
    )
    assert r.status_code == 201, r.text
    for visitor in (recent_token, chat_token):
        visit = {"url": f"{SHOP}/", "title": "Home"}
        assert (
            await client.post("/customer/visitor/visits", json=visit, headers=visitor)
        ).status_code == 201
    long_ago = utcnow() - timedelta(days=200)
    async with db.write() as conn:
        await conn.execute(update(m.Customer).values(created_at=long_ago))
        await conn.execute(
            update(m.PageVisit)
            .where(m.PageVisit.customer_id != uuid.UUID(recent))
            .values(visited_at=long_ago)
        )

    assert await prune_visitors(db, timedelta(days=90), batch=1) == 1
    async with db.read() as conn:
        left = {str(c) for c in await conn.scalars(select(m.Customer.id))}
        keys = {str(c) for c in await conn.scalars(select(m.VisitorKey.customer_id))}
    assert idle not in left and idle not in keys
    assert {recent, chatted} <= left and {recent, chatted} <= keys
    assert await prune_visitors(db, timedelta(days=90)) == 0  # idempotent
    # the forgotten visitor's snippet is refused and makes a new visitor (as for any
    # refused token: tests/browser_snippet)
    visit = {"url": f"{SHOP}/", "title": "Home"}
    r = await client.post("/customer/visitor/visits", json=visit, headers=idle_token)
    assert r.status_code == 401, r.text
