"""Login, tokens and the customer's per-chat token: the server enforces every one."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update

from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.services import Services
from tests.support.world import PASSWORD, World, login, start_chat


async def test_login_gives_a_token_that_opens_manager_endpoints(
    client: httpx.AsyncClient, world: World
) -> None:
    r = await client.post("/auth/login", json={"email": "ANA@example.test ", "password": PASSWORD})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token"].startswith("sdm_")
    assert body["manager_id"] == str(world.managers["ana"])
    me = await client.get("/auth/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.json()["email"] == "ana@example.test"
    assert me.json()["team_ids"] == [str(world.teams["support"])]


async def test_stored_passwords_are_argon2_and_tokens_only_hashed(
    client: httpx.AsyncClient, world: World, db: Database
) -> None:
    headers = await login(client, "ana")
    token = headers["Authorization"].split()[1]
    async with db.read() as conn:
        hashes = (await conn.scalars(select(m.Manager.password_hash))).all()
        stored = (await conn.scalars(select(m.AuthToken.token_hash))).all()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert all(PASSWORD not in h for h in hashes)
    assert token.encode() not in stored and all(len(h) == 32 for h in stored)


async def test_wrong_password_is_refused_clearly(client: httpx.AsyncClient, world: World) -> None:
    r = await client.post("/auth/login", json={"email": World.email("ana"), "password": "nope"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "bad_credentials"
    r = await client.post("/auth/login", json={"email": "nobody@example.test", "password": "x"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "bad_credentials"


async def test_repeated_failures_slow_login_down(
    client: httpx.AsyncClient, world: World, services: Services
) -> None:
    services.settings.login_account_attempts = 5
    wrong = {"email": World.email("ben"), "password": "guess"}
    codes = [(await client.post("/auth/login", json=wrong)).status_code for _ in range(6)]
    assert codes[:5] == [401] * 5
    assert codes[5] == 429
    r = await client.post("/auth/login", json={"email": World.email("ben"), "password": PASSWORD})
    assert r.status_code == 429, "even the right password waits while blocked"
    assert r.json()["error"]["code"] == "too_many_attempts"
    assert int(r.headers["Retry-After"]) >= 1
    # another account is not affected
    assert (
        await client.post("/auth/login", json={"email": World.email("ana"), "password": PASSWORD})
    ).status_code == 200


@pytest.mark.parametrize(
    "path", ["/auth/me", "/sync/changes?since=0", "/sync/bootstrap", f"/chats/{uuid.uuid4()}"]
)
async def test_missing_or_bad_tokens_get_401(
    client: httpx.AsyncClient, world: World, path: str
) -> None:
    for headers in (
        {},
        {"Authorization": "Bearer sdm_not-a-real-token"},
        {"Authorization": "Basic eDp5"},
    ):
        r = await client.get(path, headers=headers)
        assert r.status_code == 401, (path, headers, r.text)
        assert r.json()["error"]["code"] == "unauthenticated"


async def test_expired_token_gets_401(
    client: httpx.AsyncClient, world: World, db: Database
) -> None:
    headers = await login(client, "ana")
    async with db.write() as conn:
        await conn.execute(update(m.AuthToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    r = await client.get("/auth/me", headers=headers)
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "token_expired"


async def test_logout_revokes_only_that_token(client: httpx.AsyncClient, world: World) -> None:
    first = await login(client, "ana")
    second = await login(client, "ana")
    assert (await client.post("/auth/logout", headers=first)).status_code == 204
    r = await client.get("/auth/me", headers=first)
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "token_revoked"
    assert (await client.get("/auth/me", headers=second)).status_code == 200


async def test_customer_token_opens_its_own_chat_and_nothing_else(
    client: httpx.AsyncClient, world: World
) -> None:
    mine = await start_chat(client, world, text="first customer")
    other = await start_chat(client, world, text="second customer")
    bearer = {"Authorization": f"Bearer {mine['token']}"}
    assert mine["token"].startswith("sdc_")
    ok = await client.get(f"/customer/chats/{mine['chat_id']}", headers=bearer)
    assert ok.status_code == 200
    assert [x["blocks"][0]["text"] for x in ok.json()["messages"]] == ["first customer"]
    for path in (
        f"/customer/chats/{other['chat_id']}",
        f"/customer/chats/{other['chat_id']}/messages",
        f"/customer/chats/{other['chat_id']}/changes",
    ):
        r = await client.get(path, headers=bearer)
        assert r.status_code == 403, path
        assert r.json()["error"]["code"] == "forbidden"
    r = await client.post(
        f"/customer/chats/{other['chat_id']}/messages",
        headers=bearer,
        json={"id": str(uuid.uuid4()), "text": "sneaky"},
    )
    assert r.status_code == 403
    # and no manager endpoint accepts it
    for path in ("/auth/me", "/sync/changes?since=0", f"/chats/{mine['chat_id']}/messages"):
        r = await client.get(path, headers=bearer)
        assert r.status_code == 401, path
    r = await client.post(
        "/sync/push", headers=bearer, json={"client_id": str(uuid.uuid4()), "mutations": []}
    )
    assert r.status_code == 401


async def test_customer_token_without_or_with_manager_token(
    client: httpx.AsyncClient, world: World
) -> None:
    chat = await start_chat(client, world)
    r = await client.get(f"/customer/chats/{chat['chat_id']}")
    assert r.status_code == 401
    manager = await login(client, "ana")
    r = await client.get(f"/customer/chats/{chat['chat_id']}", headers=manager)
    assert r.status_code == 401, "a manager token is not a customer link"


async def test_settings_lifetime_applies(
    services: Services, world: World, client: httpx.AsyncClient
) -> None:
    services.settings.token_lifetime = timedelta(days=2)
    r = await client.post("/auth/login", json={"email": World.email("ana"), "password": PASSWORD})
    expires = r.json()["expires_at"]
    from datetime import datetime

    left = datetime.fromisoformat(expires) - utcnow()
    assert timedelta(days=1, hours=23) < left <= timedelta(days=2)
