"""Presence on the realtime socket (issue 15 item 5): a manager's `presence` frame goes
to the workspace's other managers' sockets at once, not back to its sender, not into
the change log; a malformed one gets an error frame."""

from __future__ import annotations

import uuid
from typing import Any

from tests.server.test_realtime import (
    Chat,
    LiveFactory,
    raw_socket,
    receive_until,
    session,
    start_servers,
    world_on,
)


def _not_ping(frame: dict[str, Any]) -> bool:
    return bool(frame["type"] != "ping")


async def test_presence_fans_out_to_the_other_managers_only_and_is_not_logged(
    live_server: LiveFactory, sqlite_url: str
) -> None:
    world = await world_on(sqlite_url)
    [server] = await start_servers(live_server, sqlite_url)
    async with session(server, "ana") as ana, session(server, "ben") as ben:
        chat = await Chat.start(ana.client, world, "hello")
        head = await ana.head()
        async with raw_socket(ana, head) as a_ws, raw_socket(ben, head) as b_ws:
            await receive_until(a_ws, lambda f: f["type"] == "ping")  # both are served
            await receive_until(b_ws, lambda f: f["type"] == "ping")
            await a_ws.send_text(
                f'{{"type":"presence","chat_id":"{chat.chat_id}","what":"typing"}}'
            )
            frame = await receive_until(b_ws, _not_ping)
            assert frame["type"] == "presence"
            assert frame["chat_id"] == chat.chat_id and frame["what"] == "typing"
            assert frame["manager_id"] == str(world.managers["ana"])
            assert 0 < frame["ttl"] <= 30
            # not back to the sender: its next frame is the answer to its ping
            await a_ws.send_text('{"type":"ping"}')
            assert (await receive_until(a_ws, _not_ping))["type"] == "pong"
            # a malformed one is refused, and not fanned out
            bad = f'{{"type":"presence","chat_id":"{uuid.uuid4()}","what":"shouting"}}'
            await a_ws.send_text(bad)
            error = await receive_until(a_ws, _not_ping)
            assert error["type"] == "error" and error["error"]["code"] == "bad_request"
            await b_ws.send_text('{"type":"ping"}')
            assert (await receive_until(b_ws, _not_ping))["type"] == "pong"
        assert await ana.head() == head  # nothing was written to the log


async def test_a_socket_that_ends_tells_the_others_its_manager_left(
    live_server: LiveFactory, sqlite_url: str
) -> None:
    """The app quit or lost its network: the others see it leave at once, not after the
    presence's ttl."""
    world = await world_on(sqlite_url)
    [server] = await start_servers(live_server, sqlite_url)
    async with session(server, "ana") as ana, session(server, "ben") as ben:
        chat = await Chat.start(ana.client, world, "hello")
        head = await ana.head()
        async with raw_socket(ben, head) as b_ws:
            await receive_until(b_ws, lambda f: f["type"] == "ping")
            async with raw_socket(ana, head) as a_ws:
                await receive_until(a_ws, lambda f: f["type"] == "ping")
                await a_ws.send_text(
                    f'{{"type":"presence","chat_id":"{chat.chat_id}","what":"viewing"}}'
                )
                viewing = await receive_until(b_ws, _not_ping)
                assert viewing["what"] == "viewing"
            left = await receive_until(b_ws, _not_ping)  # ana's socket closed
            assert left["type"] == "presence" and left["what"] == "left"
            assert left["chat_id"] == chat.chat_id
            assert left["manager_id"] == str(world.managers["ana"])
