"""The demo's parts without a window: the server it starts, and its customers."""

from __future__ import annotations

import asyncio
import random
import uuid
from pathlib import Path
from typing import Any

import httpx

from desktop.demo.server_process import DEMO_EMAIL, DEMO_PASSWORD, DemoServer
from desktop.demo.simulator import CustomerSimulator


async def test_demo_server_seeds_once_serves_and_stops(tmp_path: Path) -> None:
    server = DemoServer(folder=tmp_path)
    await asyncio.to_thread(server.start)
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            r = await http.post(
                "/auth/login", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
            )
            assert r.status_code == 200, r.text
            workspace = uuid.UUID(r.json()["workspace_id"])
            token = {"Authorization": f"Bearer {r.json()['token']}"}
            before = (await http.get("/inbox/sidebar", headers=token)).json()
            sim = CustomerSimulator(
                server.url,
                workspace,
                new_chat_every=0.05,
                message_every=0.05,
                rng=random.Random(3),
                manager_token=r.json()["token"],
            )
            task = asyncio.create_task(sim.run())
            for _ in range(100):
                await asyncio.sleep(0.05)
                if sim.sent >= 6:
                    break
            task.cancel()
            assert sim.sent >= 6
            after = (await http.get("/inbox/sidebar", headers=token)).json()
            assert after["all"] > before["all"], "the customers' chats are in the inbox"

            def messengers(sidebar: dict[str, Any]) -> int:
                return sum(i["count"] for i in sidebar["integrations"])

            assert messengers(after) > messengers(before), "messenger customers keep their badge"
    finally:
        server.stop()
    assert server.proc is not None and server.proc.poll() is not None, (
        "closing stops what it started"
    )
    # a second start reuses the seeded workspace (no reseed: same database file)
    again = DemoServer(folder=tmp_path)
    await asyncio.to_thread(again.start)
    try:
        async with httpx.AsyncClient(base_url=again.url) as http:
            r = await http.post(
                "/auth/login", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
            )
            assert r.status_code == 200
    finally:
        again.stop()
    assert "already" not in (tmp_path / "server.log").read_text().lower()
