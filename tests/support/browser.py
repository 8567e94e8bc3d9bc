"""One browser test support for the customer page (tests/browser) and the website
snippet (tests/browser_snippet): Debian's chromium driven headless by Playwright for
Python (never a downloaded browser) against one real server process (SQLite) per
module, and a company website on a second origin (`http://localhost:<port>` against the
server's `127.0.0.1`) whose pages include the snippet.

Without chromium (`/usr/bin/chromium`, or SANGDAM_CHROMIUM) or Playwright the tests
skip, before any server starts, unless SANGDAM_REQUIRE_SERVICES=1 says they must run
(CI): then they fail.

Every fixture here is per module, never per session: Playwright's sync API keeps an
event loop running in this thread while it is open, and every asyncio.run() of a later
test module (database templates, async tests) would fail beside it. Closed after the
module, it is gone. A test directory's conftest imports the fixtures it uses.
"""

from __future__ import annotations

import asyncio
import html
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
CHROMIUM = os.environ.get("SANGDAM_CHROMIUM") or "/usr/bin/chromium"
WAIT_S = 30.0  # the machine may be loaded: a generous bound, not a timing


def unavailable(why: str) -> None:
    """Skip, or fail when the browser tests must run (SANGDAM_REQUIRE_SERVICES=1)."""
    if REQUIRED:
        pytest.fail(f"chromium and Playwright are required (SANGDAM_REQUIRE_SERVICES=1): {why}")
    pytest.skip(f"no browser here: {why}")


def eventually[T](probe: Callable[[], T | None], what: str) -> T:
    """Poll `probe` until it returns something (the server records things as they come)."""
    deadline = time.monotonic() + WAIT_S
    while True:
        found = probe()
        if found is not None:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless chromium for the module's tests (each test opens its own context)."""
    if not Path(CHROMIUM).is_file():
        unavailable(f"no chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - a dev dependency
        unavailable(f"Playwright for Python is not installed: {exc}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        yield b
        b.close()


@dataclass
class Site:
    """The running server, its workspace, an agent's sync HTTP client, and the company
    website (another origin) whose pages include the snippet."""

    server: LiveServer
    world: World
    http: httpx.Client
    host: str  # the company website's origin
    database_url: str
    _agents: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.server.url

    def page_url(self, name: str) -> str:
        """A page of the company website (see PAGES)."""
        return f"{self.host}/{name}"

    def agent(self, name: str = "owner") -> dict[str, str]:
        """An agent's Authorization header (logged in once per module)."""
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
        args = {"chat_id": chat_id, "message_id": message_id, "blocks": list(blocks)}
        self.push("send_message", args, who=who)
        return message_id

    def push(self, name: str, args: dict[str, Any], who: str = "owner") -> None:
        """One mutation as the desktop pushes it; asserts it was applied."""
        r = self.http.post(
            "/sync/push",
            headers=self.agent(who),
            json={
                "client_id": str(uuid.uuid4()),
                "mutations": [{"mutation_id": 1, "name": name, "args": args}],
            },
        )
        assert r.status_code == 200, r.text
        assert r.json()["results"][0]["status"] == "applied", r.text

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


# The company website's pages: name -> (title, extra <head> content, body)
PAGES: dict[str, tuple[str, str, str]] = {
    "a.html": ("Page A", "", '<p><a href="b.html">Go to page B</a></p>'),
    "b.html": ("Page B", "", '<p><a href="a.html">Back to page A</a></p>'),
    "aggressive.html": (
        "Aggressive CSS",
        "<style>"
        "button,[role=button]{display:none !important;visibility:hidden !important}"
        "*{font-size:40px !important;box-sizing:content-box !important}"
        "body>*{position:absolute !important;left:-9999px !important;opacity:0 !important}"
        "iframe{display:none !important}"
        "</style>",
        '<p><button id="own" type="button">The site\'s own button</button></p>',
    ),
}


def _page(site_title: str, head: str, body: str, server: str, workspace: str) -> bytes:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(site_title)}</title>{head}</head><body>"
        f"<header><h1>Shop</h1></header><main>{body}</main>"
        f'<script src="{server}/snippet.js" data-workspace="{workspace}" async></script>'
        "</body></html>"
    ).encode()


def _website(server: str, workspace: str) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            page = PAGES.get(self.path.lstrip("/").split("?")[0])
            if page is None:
                self.send_error(404)
                return
            data = _page(*page, server, workspace)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


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
    """One server process (demo site on), workspace and company website for the module
    (asks for the browser first, so a missing chromium skips before any server starts)."""
    root = tmp_path_factory.mktemp("browser-site")
    (root / "db").mkdir()

    def prepare() -> tuple[str, World]:
        url = SqliteTemplates(root / "db").new_database()
        return url, asyncio.run(_seed(url))

    # Playwright's sync API runs an event loop in this thread: migrate and seed in another.
    with ThreadPoolExecutor(1) as pool:
        url, world = pool.submit(prepare).result()
    server = LiveServer(
        url,
        env={"SANGDAM_FILES_DIR": str(root / "files"), "SANGDAM_DEMO_SITE": "1"},
        log_path=root / "server.log",
    ).start()
    website = _website(server.url, str(world.workspace_id))
    thread = threading.Thread(target=website.serve_forever, daemon=True)
    thread.start()
    try:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            # localhost: another origin (and site) than the server's 127.0.0.1
            yield Site(server, world, http, f"http://localhost:{website.server_address[1]}", url)
    finally:
        website.shutdown()
        website.server_close()
        thread.join()
        server.stop()


@pytest.fixture
def context(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser profile per test (its own localStorage, so its own visitor):
    English at 1280x800 unless a test passes other options by indirect parametrization."""
    options = getattr(request, "param", None) or {
        "locale": "en-US",
        "viewport": {"width": 1280, "height": 800},
    }
    ctx = browser.new_context(**options)
    ctx.set_default_timeout(15_000)
    try:
        yield ctx
    finally:
        ctx.close()


def screenshot_dir(tmp_path: Path) -> Path:
    """Where screenshots go: SANGDAM_SCREENSHOTS if set (to look at them), else tmp."""
    folder = Path(os.environ.get("SANGDAM_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
