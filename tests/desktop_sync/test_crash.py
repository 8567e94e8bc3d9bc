"""The app killed (SIGKILL) in the middle of sending its outbox: started again, it sends
what is left, and the server ends up with every message exactly once, in order."""

# covers: Y3

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.desktop_sync.support import (
    WAIT,
    LiveFactory,
    login,
    run_app,
    server_texts,
    start_chat,
    world_on,
)
from tests.support.world import PASSWORD, World

pytestmark = pytest.mark.timeout(180)

COUNT = 230  # five pushes of up to 50

APP = "tests.desktop_sync.push_app"


async def test_killed_mid_push_nothing_lost_nothing_twice(
    live_server: LiveFactory, sqlite_url: str, tmp_path: Path
) -> None:
    world = await world_on(sqlite_url)
    server = live_server(sqlite_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        chat = await start_chat(client, world, "start")
        ana = await login(client, "ana")
        base = [
            "--url", server.url,
            "--email", World.email("ana"),
            "--password", PASSWORD,
            "--folder", str(tmp_path / "app"),
            "--chat", chat["chat_id"],
            "--count", str(COUNT),
        ]  # fmt: skip

        # 1. Queue everything, then die after the server answered the second push but
        #    before the outbox recorded that answer.
        out = await run_app(APP, [*base, "--pause-after-push", "2"], kill_at="paused")
        assert out[0] == "queued" and out[-2:] == ["pushed 2", "paused"]
        on_server = await server_texts(client, ana, chat["chat_id"])
        assert on_server == ["start"] + [f"crash {i}" for i in range(100)]

        # 2. Die again, this time as a push is on its way (sent or not: unknown).
        out = await run_app(APP, [*base, "--announce-sends"], kill_at="sending")
        assert "queued" not in out

        # 3. Let it finish.
        out = await run_app(APP, base, kill_at=None)
        assert out[-1] == "done"

        texts = await server_texts(client, ana, chat["chat_id"])
        assert texts == ["start"] + [f"crash {i}" for i in range(COUNT)]
