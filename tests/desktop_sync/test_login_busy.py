"""A login the server cannot check yet (every password check busy: 429 `login_busy`,
a morning's rush) is asked again by the app after Retry-After, instead of telling the
agent they failed; a wait that goes on is said as it is. Against the real server app."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from desktop.auth import login as auth
from desktop.controller.flow import failure_text
from server.services import Services
from tests.support.world import PASSWORD, World


def _client(services: Services) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=services.app)  # type: ignore[attr-defined]
    return httpx.AsyncClient(transport=transport, base_url="http://sangdam.test")


async def test_a_busy_server_is_asked_again_and_the_login_goes_through(
    services: Services, world: World
) -> None:
    passwords = services.auth.passwords
    bound = passwords.max_waiting
    passwords.max_waiting = 0  # every check busy, as in a rush

    async def free_soon() -> None:
        await asyncio.sleep(1.5)
        passwords.max_waiting = bound

    freeing = asyncio.create_task(free_soon())
    async with _client(services) as client:
        got = await auth.login("http://sangdam.test", World.email("ana"), PASSWORD, client=client)
    await freeing
    assert got.manager_id == str(world.managers["ana"])


async def test_a_server_busy_for_long_is_said_as_a_wait_not_a_wrong_password(
    services: Services, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(auth, "BUSY_TRIES", 2)
    services.auth.passwords.max_waiting = 0
    async with _client(services) as client:
        with pytest.raises(auth.LoginError) as raised:
            await auth.login("http://sangdam.test", World.email("ana"), PASSWORD, client=client)
    assert raised.value.kind is auth.Failure.BUSY
    assert "busy" in failure_text(raised.value)
