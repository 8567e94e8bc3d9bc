"""The customer page in a real browser: Debian's chromium driven headless by Playwright
against one real server process (SQLite) for the module.

No browser is ever downloaded: chromium comes from the system (`/usr/bin/chromium`, or
SANGDAM_CHROMIUM). Without it, or without Playwright, these tests skip, unless
SANGDAM_REQUIRE_SERVICES=1 says they must run (CI): then they fail.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import insert

from server.db import models as m
from server.db.database import Database
from tests.support.databases import SqliteTemplates
from tests.support.live import LiveServer
from tests.support.world import PASSWORD, World, make_world

REQUIRED = os.environ.get("SANGDAM_REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("SANGDAM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def _unavailable(why: str) -> None:
    if REQUIRED:
        pytest.fail(f"chromium and Playwright are required (SANGDAM_REQUIRE_SERVICES=1): {why}")
    pytest.skip(why)


# Module scope, not session: Playwright's sync API keeps an event loop running in this
# thread while it is open, and every asyncio.run() of a later test module (database
# templates, async tests) would fail beside it. Closed after the module, it is gone.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless chromium for the module's tests (each test opens its own context)."""
    if not Path(CHROMIUM).is_file():
        _unavailable(f"no chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"Playwright is not installed: {exc}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        yield b
        b.close()


@dataclass
class Site:
    """The running server, its workspace, and an agent's sync HTTP client."""

    server: LiveServer
    world: World
    http: httpx.Client
    _agents: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.server.url

    def agent(self, name: str = "owner") -> dict[str, str]:
        """An agent's Authorization header (logged in once per session)."""
        if name not in self._agents:
            r = self.http.post(
                "/auth/login", json={"email": World.email(name), "password": PASSWORD}
            )
            assert r.status_code == 200, r.text
            self._agents[name] = {"Authorization": f"Bearer {r.json()['token']}"}
        return self._agents[name]

    def start_chat(self, text: str = "안녕하세요, 주문 문의드려요") -> dict[str, str]:
        r = self.http.post(
            "/customer/chats", json={"workspace_id": str(self.world.workspace_id), "text": text}
        )
        assert r.status_code == 201, r.text
        chat: dict[str, str] = r.json()
        chat["page"] = f"{self.url}/c/{chat['token']}"
        return chat

    def reply(self, chat_id: str, *blocks: dict[str, Any], who: str = "owner") -> str:
        """An agent's reply through /sync/push (as the desktop sends it); its id."""
        message_id = str(uuid.uuid4())
        r = self.http.post(
            "/sync/push",
            headers=self.agent(who),
            json={
                "client_id": str(uuid.uuid4()),
                "mutations": [
                    {
                        "mutation_id": 1,
                        "name": "send_message",
                        "args": {"chat_id": chat_id, "message_id": message_id, "blocks": blocks},
                    }
                ],
            },
        )
        assert r.status_code == 200, r.text
        assert r.json()["results"][0]["status"] == "applied", r.text
        return message_id

    def changes(self, who: str = "owner") -> list[dict[str, Any]]:
        """Everything the agent's feed holds (the test workspaces are small)."""
        out: list[dict[str, Any]] = []
        since = 0
        while True:
            r = self.http.get(f"/sync/changes?since={since}&limit=1000", headers=self.agent(who))
            assert r.status_code == 200, r.text
            page = r.json()
            out += page["changes"]
            if page["to"] == since or page["to"] >= page["head"]:
                return out
            since = page["to"]

    def messages(self, chat_id: str) -> list[dict[str, Any]]:
        r = self.http.get(f"/chats/{chat_id}/messages", headers=self.agent())
        assert r.status_code == 200, r.text
        return list(r.json()["messages"])


async def _seed(url: str) -> World:
    db = Database(url)
    try:
        world = await make_world(db)
        async with db.write() as conn:
            await conn.execute(
                insert(m.CustomerField),
                [
                    {"workspace_id": world.workspace_id, "key": k, "label": k, "type": t}
                    for k, t in (("email", "string"), ("age", "number"))
                ],
            )
        return world
    finally:
        await db.dispose()


@pytest.fixture(scope="module")
def site(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One server process and workspace for every browser test of the module (asks
    for the browser first, so a missing chromium skips before any server starts)."""
    root = tmp_path_factory.mktemp("browser-site")
    (root / "db").mkdir()

    def prepare() -> tuple[str, World]:
        url = SqliteTemplates(root / "db").new_database()
        return url, asyncio.run(_seed(url))

    # Playwright's sync API runs an event loop in this thread: migrate and seed in another.
    with ThreadPoolExecutor(1) as pool:
        url, world = pool.submit(prepare).result()
    server = LiveServer(
        url, env={"SANGDAM_FILES_DIR": str(root / "files")}, log_path=root / "server.log"
    ).start()
    try:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            yield Site(server, world, http)
    finally:
        server.stop()


@pytest.fixture
def context(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context (English unless a test asks `locale` via indirect param)."""
    options = getattr(request, "param", None) or {"locale": "en-US"}
    ctx = browser.new_context(**options)
    ctx.set_default_timeout(15_000)
    try:
        yield ctx
    finally:
        ctx.close()
