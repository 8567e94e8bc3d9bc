"""The tus client's PATCH size: small until the link's speed is known, then about two
seconds of sending (a cut costs that much again), a power-of-two multiple of the first
size, never above the client's chunk."""

from __future__ import annotations

import httpx

from desktop.sync.tus import FIRST_PATCH, PATCH_SECONDS, TusClient
from protocol.uploads import CHUNK_BYTES

MIB = 1024 * 1024


def client(**kw: int) -> TusClient:
    return TusClient(httpx.AsyncClient(), {}, **kw)


def test_unknown_speed_sends_the_first_size() -> None:
    tus = client()
    assert tus.first_patch() == FIRST_PATCH == tus.patch_size(0.0)


def test_a_patch_carries_about_two_seconds_of_sending() -> None:
    tus = client()
    for speed in (3 * MIB, 10 * MIB, 40 * MIB, 100 * MIB):
        size = tus.patch_size(speed)
        assert size <= speed * PATCH_SECONDS < 2 * size, speed
        assert size % FIRST_PATCH == 0 and (size // FIRST_PATCH).bit_count() == 1


def test_a_slow_link_keeps_the_first_size_and_a_fast_one_stops_at_the_chunk() -> None:
    tus = client()
    assert tus.patch_size(100 * 1024) == FIRST_PATCH  # 100 KB/s: 4 MiB is 40 s already
    assert tus.patch_size(5e9) == CHUNK_BYTES
    small = client(chunk=2 * MIB)  # the tests' chunk: never more than it
    assert small.patch_size(0.0) == small.patch_size(5e9) == 2 * MIB
