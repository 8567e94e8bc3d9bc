"""Hostile use of the public surface: guessed passwords, chat floods, probed workspace ids,
and a customer's feed that must not show the rest of the workspace."""

from __future__ import annotations

import asyncio
import os
import re
import sys
import threading
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from server.auth import throttle
from server.auth.secrets import HASHING_CPUS, MAX_WAITING
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.services import Services
from tests.support.pusher import Pusher, text
from tests.support.uploads import Tus
from tests.support.world import PASSWORD, World, login, start_chat

WAIT = 15.0


def _client(services: Services, host: str) -> httpx.AsyncClient:
    """A client calling from `host` (the limits key on the caller's address)."""
    transport = httpx.ASGITransport(app=services.app, client=(host, 4321))  # type: ignore[attr-defined]
    return httpx.AsyncClient(transport=transport, base_url="http://sangdam.test")


@pytest.fixture
async def counted(services: Services) -> AsyncIterator[list[str]]:
    """Each argon2 verification, by the name of the thread that ran it."""
    calls: list[str] = []
    passwords = services.auth.passwords
    real = passwords.verify

    def verify(stored: str | None, password: str) -> bool:
        calls.append(threading.current_thread().name)
        return real(stored, password)

    passwords.verify = verify  # type: ignore[method-assign]
    yield calls
    passwords.verify = real  # type: ignore[method-assign]


async def test_concurrent_guesses_are_counted_before_any_hash(
    services: Services, world: World, counted: list[str]
) -> None:
    services.settings.login_account_attempts = 5
    services.auth.passwords.max_waiting = 40  # the account's limit alone stops them
    wrong = {"email": World.email("ben"), "password": "guess"}
    async with _client(services, "10.0.0.1") as client:
        answers = await asyncio.gather(*(client.post("/auth/login", json=wrong) for _ in range(40)))
        codes = sorted(r.status_code for r in answers)
        assert codes == [401] * 5 + [429] * 35, codes
        assert len(counted) == 5, "a refused attempt computes no hash"
        assert all(name.startswith("argon2") for name in counted), "hashing off the loop"
        for r in answers:
            if r.status_code == 429:
                assert r.json()["error"]["code"] == "too_many_attempts"
                assert int(r.headers["Retry-After"]) >= 1
        right = {"email": World.email("ben"), "password": PASSWORD}
        r = await client.post("/auth/login", json=right)
        assert r.status_code == 429, "the right password waits too while the account is limited"
        assert len(counted) == 5
        other = {"email": World.email("ana"), "password": PASSWORD}
        assert (await client.post("/auth/login", json=other)).status_code == 200


@pytest.mark.skipif(sys.platform != "linux", reason="per-thread nice and CPU sets: Linux")
async def test_hashing_leaves_the_loop_a_cpu(services: Services) -> None:
    """A password check runs at nice 19 on at most half the CPUs, and so do the threads
    it starts (argon2 computes its lanes on threads of its own), so a login flood never
    takes every core from the event loop."""
    seen: list[tuple[set[int], int, set[int]]] = []
    passwords = services.auth.passwords
    real = passwords.verify

    def verify(stored: str | None, password: str) -> bool:
        started: list[set[int]] = []
        child = threading.Thread(target=lambda: started.append(os.sched_getaffinity(0)))
        child.start()
        child.join()
        nice = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        seen.append((os.sched_getaffinity(0), nice, started[0]))
        return real(stored, password)

    passwords.verify = verify  # type: ignore[method-assign]
    try:
        assert await passwords.verify_async(None, "guess") is False
    finally:
        passwords.verify = real  # type: ignore[method-assign]
    [(cpus, nice, child_cpus)] = seen
    everything = os.sched_getaffinity(0)
    assert nice == 19
    assert cpus == child_cpus == HASHING_CPUS
    assert len(cpus) == max(1, len(everything) // 2) and cpus <= everything
    if len(everything) > 1:
        assert everything - cpus, "a CPU the hashing cannot take"
    assert 2 * len(cpus) == MAX_WAITING == passwords.max_waiting


async def test_a_success_resets_the_account_but_not_the_address(
    services: Services, world: World, counted: list[str]
) -> None:
    services.settings.login_account_attempts = 3
    services.settings.login_address_attempts = 6
    async with _client(services, "10.0.0.2") as client:

        async def attempt(name: str, password: str) -> int:
            body = {"email": World.email(name), "password": password}
            return (await client.post("/auth/login", json=body)).status_code

        assert [await attempt("ana", "x") for _ in range(2)] == [401, 401]
        assert await attempt("ana", PASSWORD) == 200
        # ana's count starts again: two more wrong guesses are checked
        assert [await attempt("ana", "y") for _ in range(2)] == [401, 401]
        # the address has made 5 attempts: one more is allowed, then every account waits
        assert await attempt("ben", "z") == 401
        assert await attempt("owner", PASSWORD) == 429
        assert len(counted) == 6
    async with _client(services, "10.0.0.3") as elsewhere:
        body = {"email": World.email("owner"), "password": PASSWORD}
        assert (await elsewhere.post("/auth/login", json=body)).status_code == 200


async def test_ended_login_windows_are_forgotten(db: Database) -> None:
    now = utcnow()
    async with db.write() as conn:
        await throttle.count_attempt(conn, "old@example.test", now, timedelta(seconds=10))
        await throttle.count_attempt(conn, "new@example.test", now, timedelta(hours=1))
        assert await throttle.forget_ended(conn, now + timedelta(seconds=11)) == 1
        kept = (await conn.scalars(select(m.LoginThrottle.key))).all()
    assert kept == ["new@example.test"]


async def test_a_chat_flood_from_one_address_is_cut_at_the_limit(
    services: Services, world: World, db: Database
) -> None:
    s = services.settings
    s.public_address_chats, s.public_window = 20, timedelta(hours=1)
    body = {"workspace_id": str(world.workspace_id), "text": "flood"}
    async with _client(services, "10.1.0.1") as client:
        answers = await asyncio.gather(
            *(client.post("/customer/chats", json=body) for _ in range(200))
        )
    codes = [r.status_code for r in answers]
    assert codes.count(201) == 20 and codes.count(429) == 180, sorted(set(codes))
    assert all(int(r.headers["Retry-After"]) >= 1 for r in answers if r.status_code == 429)
    async with db.read() as conn:
        assert len((await conn.scalars(select(m.Chat.id))).all()) == 20
    async with _client(services, "10.1.0.2") as other:
        assert (await other.post("/customer/chats", json=body)).status_code == 201


async def test_every_public_request_counts_against_its_address(
    services: Services, world: World
) -> None:
    s = services.settings
    s.public_address_requests, s.public_window = 3, timedelta(hours=1)
    async with _client(services, "10.2.0.1") as client:
        chat = await start_chat(client, world)
        url = f"/customer/chats/{chat['chat_id']}"
        bearer = {"Authorization": f"Bearer {chat['token']}"}
        assert [(await client.get(url, headers=bearer)).status_code for _ in range(3)] == [
            200,
            200,
            429,
        ]


async def test_unknown_workspace_answers_as_a_limited_one(services: Services, world: World) -> None:
    s = services.settings
    s.public_workspace_chats, s.public_window = 1, timedelta(hours=1)
    known = {"workspace_id": str(world.workspace_id)}
    unknown = {"workspace_id": str(uuid.uuid4())}
    async with _client(services, "10.3.0.1") as a, _client(services, "10.3.0.2") as b:
        assert (await a.post("/customer/chats", json=known)).status_code == 201
        limited = await b.post("/customer/chats", json=known)
        probe = await b.post("/customer/chats", json=unknown)
    for r in (limited, probe):
        assert r.status_code == 429
        assert int(r.headers["Retry-After"]) >= 1
    assert set(limited.headers) == set(probe.headers)

    def shape(r: httpx.Response) -> str:
        return re.sub(r"\d+", "N", r.text)

    assert shape(limited) == shape(probe)


async def test_a_public_chat_is_a_web_chat_whatever_its_body_says(
    client: httpx.AsyncClient, world: World, db: Database
) -> None:
    # covers: U3
    r = await client.post(
        "/customer/chats", json={"workspace_id": str(world.workspace_id), "medium": "kakao"}
    )
    assert r.status_code == 201
    chat = r.json()
    seen = await client.get(
        f"/customer/chats/{chat['chat_id']}",
        headers={"Authorization": f"Bearer {chat['token']}"},
    )
    assert seen.json()["medium"] == "web"
    async with db.read() as conn:
        medium = await conn.scalar(
            select(m.Chat.medium).where(m.Chat.id == uuid.UUID(chat["chat_id"]))
        )
    assert medium == "web", "no fake messenger badge (L3) nor its counts (S9)"
    # a verified sender (a manager's token of this workspace) may say the medium
    kakao = await start_chat(client, world, medium="kakao")
    async with db.read() as conn:
        medium = await conn.scalar(
            select(m.Chat.medium).where(m.Chat.id == uuid.UUID(kakao["chat_id"]))
        )
    assert medium == "kakao"


async def test_customer_feed_cursors_ignore_other_chats(
    client: httpx.AsyncClient, world: World
) -> None:
    mine = await start_chat(client, world, text="my question")
    bearer = {"Authorization": f"Bearer {mine['token']}"}
    feed = f"/customer/chats/{mine['chat_id']}/changes"
    first = (await client.get(feed, headers=bearer)).json()
    assert [c["data"]["blocks"][0]["text"] for c in first["changes"]] == ["my question"]
    assert first["to"] == first["head"] and not first["more"]

    # the rest of the workspace gets busy: other chats, a tag and a note on mine
    ana = Pusher(client, await login(client, "ana"))
    for i in range(3):
        other = await start_chat(client, world, text=f"someone else {i}")
        await ana.do("add_tag", chat_id=other["chat_id"], tag="busy")
    await ana.do("add_tag", chat_id=mine["chat_id"], tag="vip")
    await ana.do(
        "send_message",
        chat_id=mine["chat_id"],
        message_id=uuid.uuid4(),
        kind="note",
        blocks=text("internal"),
    )
    for since in (None, first["to"]):
        params = {} if since is None else {"since": since}
        again = (await client.get(feed, headers=bearer, params=params)).json()
        assert again["head"] == first["head"], "head moved with someone else's activity"
        assert again["to"] == (first["to"] if since is None else since)
    # the customer's own conversation moves it
    r = await client.post(
        f"/customer/chats/{mine['chat_id']}/messages",
        headers=bearer,
        json={"id": str(uuid.uuid4()), "text": "anyone?"},
    )
    assert r.status_code == 201
    later = (await client.get(f"{feed}?since={first['to']}", headers=bearer)).json()
    assert [c["data"]["blocks"][0]["text"] for c in later["changes"]] == ["anyone?"]
    assert later["head"] == later["to"] != first["head"]
    # (cursors are opaque: tests/server/test_customer_cursors.py)


async def test_customer_uploads_and_downloads_count_against_the_public_limit(
    services: Services, world: World
) -> None:
    s = services.settings
    s.public_address_requests, s.public_window = 4, timedelta(hours=1)
    async with _client(services, "10.4.0.1") as client:
        chat = await start_chat(client, world)  # 1
        customer = Tus(client, {"Authorization": f"Bearer {chat['token']}"})
        file_id = await customer.upload(b"%PDF-1", chat_id=chat["chat_id"], message_id=uuid.uuid4())
        assert (await client.get(f"/files/{file_id}", headers=customer.headers)).status_code == 200
        forged = Tus(client, {"Authorization": "Bearer sdc_forged"})
        r = await forged.create(
            10, chat_id=chat["chat_id"], message_id=uuid.uuid4()
        )  # 4: a forged token counts too
        assert r.status_code == 401
        over = await customer.create(10, chat_id=chat["chat_id"], message_id=uuid.uuid4())
        assert over.status_code == 429 and int(over.headers["Retry-After"]) >= 1
        assert over.headers["Tus-Resumable"], "a tus answer, refusals included"
        r = await client.get(f"/files/{file_id}", headers=customer.headers)
        assert r.status_code == 429
        # a manager's uploads from the same address are not public calls
        manager = Tus(client, await login(client, "ana"))
        r = await manager.create(10, chat_id=chat["chat_id"], message_id=uuid.uuid4())
        assert r.status_code == 201, r.text


async def test_a_login_flood_is_refused_unhashed_while_another_manager_pushes(
    services: Services, world: World, client: httpx.AsyncClient, counted: list[str]
) -> None:
    """200 wrong logins at once over 8 accounts (real and unknown) from 4 addresses: at
    most the limits are checked, every other attempt is 429 with Retry-After, and another
    manager's pushes meanwhile are applied. (Their latency is bench.abuse's to measure.)"""
    s = services.settings
    s.login_account_attempts, s.login_address_attempts = 3, 10
    chat = await start_chat(client, world)
    ana = Pusher(client, await login(client, "ana"))
    emails = [World.email(n) for n in ("owner", "ben")] + [f"x{i}@nowhere.test" for i in range(6)]
    hosts = [f"10.5.0.{i}" for i in range(1, 5)]
    clients = [_client(services, h) for h in hosts]
    before = len(counted)  # ana's login

    async def guess(i: int) -> httpx.Response:
        body = {"email": emails[i % len(emails)], "password": f"guess {i}"}
        return await clients[i % len(hosts)].post("/auth/login", json=body)

    async def pushes() -> list[str]:  # one desktop's outbox: one push at a time
        done = []
        for i in range(5):
            result = await ana.do(
                "send_message",
                chat_id=chat["chat_id"],
                message_id=uuid.uuid4(),
                blocks=text(f"reply {i}"),
            )
            done.append(str(result["status"]))
        return done

    try:
        answers, pushed = await asyncio.gather(
            asyncio.gather(*(guess(i) for i in range(200))),
            pushes(),
        )
    finally:
        for c in clients:
            await c.aclose()
    codes = [r.status_code for r in answers]
    assert set(codes) <= {401, 429}, sorted(set(codes))
    # each address is allowed 10 attempts, so at most 40 reach a hash
    assert codes.count(401) == len(counted) - before <= len(hosts) * 10
    assert codes.count(429) >= 160
    assert all(int(r.headers["Retry-After"]) >= 1 for r in answers if r.status_code == 429)
    assert pushed == ["applied"] * 5
    # the owner's account is over its limit; ana, who was not guessed at, logs in
    assert (
        await client.post("/auth/login", json={"email": World.email("ana"), "password": PASSWORD})
    ).status_code == 200


async def test_hashes_beyond_the_waiting_bound_are_refused_at_once(
    services: Services, world: World
) -> None:
    """More logins than the bound (`max_waiting`) waiting for a hash in one worker (many
    accounts, many addresses, each under its limit): the rest answer 429 Retry-After: 1,
    unhashed."""
    started, release = threading.Semaphore(0), threading.Event()
    passwords = services.auth.passwords
    bound = passwords.max_waiting
    real = passwords.verify

    def slow(stored: str | None, password: str) -> bool:
        started.release()
        release.wait(10)
        return real(stored, password)

    passwords.verify = slow  # type: ignore[method-assign]
    try:
        clients = [_client(services, f"10.6.0.{i}") for i in range(1, 21)]
        tasks = [
            asyncio.create_task(
                c.post("/auth/login", json={"email": f"u{i}@nowhere.test", "password": "x"})
            )
            for i, c in enumerate(clients)
        ]
        pending: set[asyncio.Task[httpx.Response]] = set(tasks)
        while len(pending) > bound:
            _, pending = await asyncio.wait(pending, timeout=WAIT, return_when="FIRST_COMPLETED")
            assert len(pending) < len(tasks), "no login answered"
        refused_now = [t.result() for t in tasks if t not in pending]
        release.set()
        rest = await asyncio.gather(*pending)
    finally:
        release.set()
        passwords.verify = real  # type: ignore[method-assign]
        for c in clients:
            await c.aclose()
    assert len(refused_now) == len(tasks) - bound
    assert all(r.status_code == 429 and r.headers["Retry-After"] == "1" for r in refused_now)
    assert all(r.json()["error"]["code"] == "login_busy" for r in refused_now)
    assert [r.status_code for r in rest] == [401] * bound


async def test_a_limited_address_is_refused_before_routing_with_the_same_answer(
    services: Services, world: World, counted: list[str]
) -> None:
    """Once an address is over a limit, its next requests are answered by the floodgate
    (server/floodgate.py) without reaching the limits, the route or a hash, and the
    answer is the limit's own."""
    s = services.settings
    s.public_address_chats, s.public_window = 2, timedelta(hours=1)
    s.login_address_attempts, s.login_window = 2, timedelta(hours=1)
    hits = 0
    windows = services.customers.limits.windows
    real_hit = windows.hit

    async def hit(key: str, window_s: float) -> tuple[int, float]:
        nonlocal hits
        hits += 1
        return await real_hit(key, window_s)

    windows.hit = hit  # type: ignore[method-assign]
    body = {"workspace_id": str(world.workspace_id)}
    async with _client(services, "10.7.0.1") as client:
        codes = [(await client.post("/customer/chats", json=body)).status_code for _ in range(3)]
        assert codes == [201, 201, 429]
        counted_before = hits
        gated = await client.post("/customer/chats", json=body)
        assert hits == counted_before, "answered before the limits were asked"
        unknown = await client.post("/customer/chats", json={"workspace_id": str(uuid.uuid4())})
        assert gated.status_code == unknown.status_code == 429
        assert int(gated.headers["Retry-After"]) >= 1
        assert re.sub(r"\d+", "N", gated.text) == re.sub(r"\d+", "N", unknown.text)
        # the chat limit gates chat starts only: the address's other calls go on
        assert (await client.get(f"/customer/chats/{uuid.uuid4()}")).status_code == 401

        wrong = {"email": World.email("ben"), "password": "guess"}
        logins = [(await client.post("/auth/login", json=wrong)).status_code for _ in range(3)]
        assert logins == [401, 401, 429]
        hashed = len(counted)
        right = {"email": World.email("ana"), "password": PASSWORD}
        r = await client.post("/auth/login", json=right)
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
        assert r.json()["error"]["code"] == "too_many_attempts"
        assert len(counted) == hashed
    async with _client(services, "10.7.0.2") as elsewhere:
        assert (await elsewhere.post("/customer/chats", json=body)).status_code == 201
        assert (await elsewhere.post("/auth/login", json=right)).status_code == 200
