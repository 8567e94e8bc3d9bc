"""Rate limits shared by every worker through Redis (issue 16): two server processes on
one database and one Redis let through one limit between them, not one each; without
Redis a worker counts in memory, and a Redis that stops answering falls back to it.

Each test calls from addresses of its own (127.x.y.z on the loopback) and, for the
workspace limit, a workspace of its own, so counts left in Redis by an earlier run (the
keys live a window) never meet this one's."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import httpx
import pytest

from server.db.database import Database
from server.ratelimit import MemoryWindows, RedisWindows, make_windows
from tests.support.databases import PostgresTemplates, redis_or_skip
from tests.support.live import LiveServer
from tests.support.world import World, make_world

pytestmark = [pytest.mark.timeout(300)]

LIMITS = {
    "SANGDAM_PUBLIC_ADDRESS_CHATS": "4",
    "SANGDAM_PUBLIC_ADDRESS_REQUESTS": "1000",
    "SANGDAM_PUBLIC_WORKSPACE_CHATS": "1000",
    "SANGDAM_LOGIN_ACCOUNT_ATTEMPTS": "3",
    "SANGDAM_LOGIN_ADDRESS_ATTEMPTS": "1000",
    "SANGDAM_PUBLIC_WINDOW_S": "600",
    "SANGDAM_LOGIN_WINDOW_S": "600",
}


def fresh_address() -> str:
    return f"127.{random.randint(10, 250)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


@asynccontextmanager
async def calling_from(url: str, address: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.AsyncHTTPTransport(local_address=address)
    async with httpx.AsyncClient(base_url=url, transport=transport, timeout=15) as client:
        yield client


@pytest.fixture(scope="module")
def two_workers(
    tmp_path_factory: pytest.TempPathFactory, _pg_templates: PostgresTemplates
) -> Iterator[tuple[list[LiveServer], World]]:
    folder = tmp_path_factory.mktemp("shared-limits")
    url = _pg_templates.new_database()
    env = {**LIMITS, "SANGDAM_REDIS_URL": redis_or_skip()}

    async def world() -> World:
        db = Database(url)
        try:
            return await make_world(db)
        finally:
            await db.dispose()

    w = asyncio.run(world())
    servers = [
        LiveServer(
            url,
            "redis",
            env={**env, "SANGDAM_FILES_DIR": str(folder / f"files{i}")},
            log_path=folder / f"server{i}.log",
        )
        for i in range(2)
    ]
    try:
        for s in servers:
            s.start(timeout=120)  # a busy machine starts slowly
        yield servers, w
    finally:
        for s in servers:
            s.stop()


@pytest.mark.postgres
@pytest.mark.redis
async def test_two_workers_let_one_chat_limit_through(
    two_workers: tuple[list[LiveServer], World],
) -> None:
    servers, world = two_workers
    address = fresh_address()
    body = {"workspace_id": str(world.workspace_id), "text": "hello"}
    codes = []
    async with (
        calling_from(servers[0].url, address) as a,
        calling_from(servers[1].url, address) as b,
    ):
        for i in range(10):  # alternately on each worker
            r = await (a if i % 2 == 0 else b).post("/customer/chats", json=body)
            codes.append(r.status_code)
            if r.status_code == 429:
                assert int(r.headers["Retry-After"]) >= 1
    assert codes == [201] * 4 + [429] * 6, codes


@pytest.mark.postgres
@pytest.mark.redis
async def test_two_workers_count_one_account_s_login_attempts_together(
    two_workers: tuple[list[LiveServer], World],
) -> None:
    servers, _ = two_workers
    body = {"email": f"nobody-{random.randrange(10**9)}@nowhere.test", "password": "guess"}
    codes = []
    async with (
        calling_from(servers[0].url, fresh_address()) as a,
        calling_from(servers[1].url, fresh_address()) as b,
    ):
        for i in range(6):
            codes.append(
                (await (a if i % 2 == 0 else b).post("/auth/login", json=body)).status_code
            )
    assert codes == [401] * 3 + [429] * 3, codes


@pytest.mark.redis
async def test_redis_windows_count_expire_and_reset() -> None:
    windows = RedisWindows(redis_or_skip())
    key = f"test:{random.randrange(10**12)}"
    try:
        assert [(await windows.hit(key, 0.3))[0] for _ in range(3)] == [1, 2, 3]
        _, left = await windows.hit(key, 0.3)
        assert 0 < left <= 0.3
        await asyncio.sleep(0.4)  # the window ended: a new one starts
        assert (await windows.hit(key, 0.3))[0] == 1
        await windows.reset(key)
        assert (await windows.hit(key, 60))[0] == 1
    finally:
        await windows.reset(key)
        await windows.close()


async def test_without_redis_a_worker_counts_in_memory_and_a_lost_redis_falls_back() -> None:
    assert isinstance(make_windows("memory", "redis://unused"), MemoryWindows)
    # nothing listens on port 1: every hit fails over to this worker's memory
    gone = RedisWindows("redis://127.0.0.1:1/0")
    try:
        counts = [(await gone.hit("k", 60))[0] for _ in range(3)]
    finally:
        await gone.close()
    assert counts == [1, 2, 3]
