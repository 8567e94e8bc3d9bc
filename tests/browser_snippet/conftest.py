"""The website snippet in a real browser (U2): Debian's chromium driven headless by
Playwright for Python (never a downloaded browser), against the real server on
127.0.0.1, included by host pages served from a second origin (http://localhost:<port>).

Skips without chromium or Playwright, fails instead when SANGDAM_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import asyncio
import html
import os
import shutil
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from server.db.database import Database
from tests.support.databases import SqliteTemplates
from tests.support.live import LiveServer
from tests.support.world import World, make_world

CHROMIUM = os.environ.get("SANGDAM_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("SANGDAM_REQUIRE_SERVICES") == "1"


def _unavailable(why: str) -> None:
    if REQUIRED:
        pytest.fail(f"the browser tests need {why} (SANGDAM_REQUIRE_SERVICES=1)")
    pytest.skip(f"no browser here: {why}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Per module, never per session: Playwright's sync API runs an event loop in this
    thread while it is open, and the async tests that follow need the thread free."""
    if shutil.which(CHROMIUM) is None:
        _unavailable(f"chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # pragma: no cover - a dev dependency
        _unavailable(f"Playwright for Python ({e})")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        yield b
        b.close()


@dataclass
class Site:
    """The Sangdam server and a company's website on another origin that includes it."""

    server: LiveServer
    world: World
    host: str  # the website's origin
    database_url: str

    def page_url(self, name: str) -> str:
        return f"{self.host}/{name}"


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


def _host(server: str, workspace: str) -> ThreadingHTTPServer:
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


@pytest.fixture(scope="module")
def site(
    browser: Any, _sqlite_templates: SqliteTemplates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """(`browser` first: without one, skip before a server is started.)"""

    def prepare() -> tuple[str, World]:
        url = _sqlite_templates.new_database()
        db = Database(url)

        async def world() -> World:
            try:
                return await make_world(db)
            finally:
                await db.dispose()

        return url, asyncio.run(world())

    # on a thread of its own: Playwright's sync API keeps an event loop in this one
    with ThreadPoolExecutor(1) as pool:
        url, made = pool.submit(prepare).result()
    logs = tmp_path_factory.mktemp("snippet-server")
    server = LiveServer(
        url,
        env={"SANGDAM_FILES_DIR": str(logs / "files"), "SANGDAM_DEMO_SITE": "1"},
        log_path=logs / "server.log",
    ).start()
    host = _host(server.url, str(made.workspace_id))
    thread = threading.Thread(target=host.serve_forever, daemon=True)
    thread.start()
    try:
        # localhost: another origin (and site) than the server's 127.0.0.1
        yield Site(server, made, f"http://localhost:{host.server_address[1]}", url)
    finally:
        host.shutdown()
        host.server_close()
        thread.join()
        server.stop()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser profile per test: its own localStorage, so its own visitor."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    yield ctx
    ctx.close()


def screenshot_dir(tmp_path: Path) -> Path:
    """Where screenshots go: SANGDAM_SCREENSHOTS if set (to look at them), else tmp."""
    folder = Path(os.environ.get("SANGDAM_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
