"""FeedFollower's reconnect backoff: full jitter, exponential growth, a cap; and the
reconnect loop really waits what the backoff says (no server needed: a mock transport
refuses every WebSocket upgrade)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from desktop.sync.follower import Backoff, FeedFollower, FollowerState, Phase


def test_the_ceiling_doubles_from_half_a_second_up_to_thirty() -> None:
    top = Backoff(rand=lambda: 1.0)
    assert [top.delay(n) for n in range(9)] == [0.5, 1, 2, 4, 8, 16, 30, 30, 30]
    assert top.delay(10_000) == 30  # no overflow after a very long outage


def test_the_delay_is_drawn_from_the_whole_window() -> None:
    draws = iter([0.0, 0.25, 0.5, 0.999])
    b = Backoff(rand=lambda: next(draws))
    assert [b.delay(3) for _ in range(4)] == pytest.approx([0.0, 1.0, 2.0, 3.996])


def test_base_and_cap_are_settings() -> None:
    b = Backoff(base=0.1, cap=1.0, rand=lambda: 1.0)
    assert [b.delay(n) for n in range(6)] == pytest.approx([0.1, 0.2, 0.4, 0.8, 1.0, 1.0])


def _refusing(status: int) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url="http://sangdam.test",
        transport=httpx.MockTransport(lambda request: httpx.Response(status)),
    )


async def _no_changes(changes: list[dict[str, Any]], cursor: int) -> None:
    raise AssertionError("no changes expected")


async def test_reconnect_attempts_wait_growing_capped_delays() -> None:
    waited: list[float] = []
    states: list[FollowerState] = []
    async with _refusing(503) as client:
        follower: FeedFollower

        async def sleep(delay: float) -> None:
            waited.append(delay)
            if len(waited) == 9:
                follower.stop()

        follower = FeedFollower(
            client,
            "token",
            cursor=0,
            on_changes=_no_changes,
            on_state=states.append,
            backoff=Backoff(rand=lambda: 1.0),
            sleep=sleep,
        )
        await asyncio.wait_for(follower.run(), 5)
    assert waited == [0.5, 1, 2, 4, 8, 16, 30, 30, 30]
    retries = [s for s in states if s.phase is Phase.RECONNECTING and s.retry_in is not None]
    assert [(s.attempt, s.retry_in) for s in retries] == list(enumerate(waited, start=1))
    assert follower.state.phase is Phase.STOPPED


async def test_a_refused_login_stops_without_retrying() -> None:
    unauthorized: list[bool] = []

    async def on_unauthorized() -> None:
        unauthorized.append(True)

    async def sleep(delay: float) -> None:
        raise AssertionError("must not retry")

    async with _refusing(401) as client:
        follower = FeedFollower(
            client,
            "token",
            cursor=0,
            on_changes=_no_changes,
            on_unauthorized=on_unauthorized,
            sleep=sleep,
        )
        await asyncio.wait_for(follower.run(), 5)
    assert unauthorized == [True]
    assert follower.state.phase is Phase.STOPPED


async def test_stop_interrupts_the_wait_between_attempts() -> None:
    waiting = asyncio.Event()

    def on_state(state: FollowerState) -> None:
        if state.phase is Phase.RECONNECTING and state.retry_in is not None:
            waiting.set()

    async with _refusing(503) as client:
        follower = FeedFollower(
            client,
            "token",
            cursor=0,
            on_changes=_no_changes,
            on_state=on_state,
            backoff=Backoff(base=60, cap=60, rand=lambda: 1.0),  # a minute: stop() must cut it
        )
        task = asyncio.create_task(follower.run())
        await asyncio.wait_for(waiting.wait(), 5)
        follower.stop()
        await asyncio.wait_for(task, 5)
    assert follower.state.phase is Phase.STOPPED
