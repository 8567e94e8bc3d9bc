"""The website snippet in Debian's chromium (U2, P5): a company's page on another origin
includes one script tag; its launcher opens the chat panel, its visits reach the
agents with title and referrer, the visitor survives a reload, the chat page's unread
count shows on the badge, the site's CSS cannot hide it, and axe finds nothing serious."""

# covers: U2, P5

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy.engine import make_url

from tests.support.browser import Site, eventually, screenshot_dir
from tests.support.world import PASSWORD, World


@pytest.fixture
def agent(site: Site) -> Iterator[httpx.Client]:
    """An agent's client of the real server (what the desktop app reads)."""
    with httpx.Client(base_url=site.server.url, timeout=30) as client:
        r = client.post("/auth/login", json={"email": World.email("ana"), "password": PASSWORD})
        assert r.status_code == 200, r.text
        client.headers["Authorization"] = f"Bearer {r.json()['token']}"
        yield client


def _visits(agent: httpx.Client, customer_id: str) -> list[dict[str, Any]]:
    """The customer's page visits, as the agents' app receives them (the change log)."""
    found: list[dict[str, Any]] = []
    since = 0
    while True:
        page = agent.get(f"/sync/changes?since={since}&limit=500").json()
        found += [
            c["data"]
            for c in page["changes"]
            if c["entity"] == "page_visit" and c["data"]["customer_id"] == customer_id
        ]
        if not page["more"]:
            return found
        since = page["to"]


def _stored_visits(site: Site, customer_id: str) -> list[dict[str, Any]]:
    """The customer's page visits in the server's database, oldest first (a visitor's
    visits before any chat reach the agents only with that chat)."""
    path = make_url(site.database_url).database
    assert path is not None
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(
            "SELECT customer_id, url, title, referrer, chat_id FROM page_visit "
            "ORDER BY visited_at, rowid"
        ).fetchall()
    keys = ("url", "title", "referrer", "chat_id")
    return [
        dict(zip(keys, r[1:], strict=True))
        for r in rows
        if uuid.UUID(str(r[0])) == uuid.UUID(customer_id)
    ]


def _stored(page: Any, site: Site) -> dict[str, Any]:
    raw = page.evaluate(f"localStorage.getItem('sangdam:{site.world.workspace_id}')")
    return json.loads(raw) if raw else {}


def _customer(page: Any, site: Site) -> str:
    return eventually(lambda: _stored(page, site).get("customer"), "a visitor was made")


def send_first(page: Any, site: Site, text: str, name: str = "Message") -> dict[str, str]:
    """Types the visitor's first message in the open panel and sends it with Enter; the
    chat it started (as the snippet keeps it)."""
    box = page.get_by_role("textbox", name=name)
    box.fill(text)
    box.press("Enter")
    expect(page.locator("sangdam-chat iframe")).to_have_count(1)
    return eventually(lambda: _stored(page, site).get("chat"), "the chat it started")


def test_the_launcher_opens_the_chat_panel_by_keyboard_and_esc_closes_it(
    site: Site, context: Any, agent: httpx.Client
) -> None:
    page = context.new_page()
    page.goto(site.page_url("a.html"))
    launcher = page.get_by_role("button", name="Open chat")
    expect(launcher).to_be_visible()
    panel = page.get_by_role("dialog", name="Chat")
    expect(panel).to_be_hidden()

    # keyboard: Tab reaches it after the page's link, with a visible focus ring
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(launcher).to_be_focused()
    assert launcher.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    expect(panel).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    # no chat yet: a box for the first message, focused; opening starts nothing
    expect(page.get_by_role("textbox", name="Message")).to_be_focused()
    expect(panel.locator("iframe")).to_have_count(0)
    assert "chat" not in _stored(page, site)
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(launcher).to_be_focused()
    launcher.press("Enter")
    expect(panel).to_be_visible()

    chat = send_first(page, site, "Hello, do you ship to Busan?")
    frame = panel.locator("iframe")
    expect(frame).to_have_attribute(
        "src", re.compile(re.escape(site.server.url) + r"/c/sdc_[\w-]+\?embed=1$")
    )
    assert frame.get_attribute("src") == f"{site.server.url}/c/{chat['token']}?embed=1"
    box = panel.bounding_box()
    assert box is not None and box["width"] == 380 and box["height"] == 600

    # the chat page's header is the panel's now, with its close button
    chat_page = page.frame_locator("sangdam-chat iframe")
    chat_page.get_by_role("button", name="Close chat").focus()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")

    # the chat it started is the visitor's, carrying the page it started on (P5)
    out = agent.get(f"/chats/{chat['id']}").json()
    assert out["customer_id"] == _customer(page, site)
    assert out["page_url"] == site.page_url("a.html")
    assert out["medium"] == "web"

    # opened again: the same chat, not a new one
    launcher.click()
    expect(panel).to_be_visible()
    assert _stored(page, site)["chat"] == chat


def test_visits_across_pages_and_a_reload_stay_one_customer(
    site: Site, context: Any, agent: httpx.Client
) -> None:
    page = context.new_page()
    page.goto(site.page_url("a.html"))
    customer = _customer(page, site)
    token = _stored(page, site)["visitor"]
    eventually(lambda: _stored_visits(site, customer) or None, "the first visit")
    page.get_by_role("link", name="Go to page B").click()
    expect(page).to_have_title("Page B")
    visits = eventually(
        lambda: v if len(v := _stored_visits(site, customer)) >= 2 else None, "two visits"
    )
    assert visits == [
        {"url": site.page_url("a.html"), "title": "Page A", "referrer": None, "chat_id": None},
        {
            "url": site.page_url("b.html"),
            "title": "Page B",
            "referrer": site.page_url("a.html"),
            "chat_id": None,  # no chat yet
        },
    ]

    page.reload()
    visits = eventually(
        lambda: v if len(v := _stored_visits(site, customer)) >= 3 else None, "the reload's visit"
    )
    assert visits[2]["url"] == site.page_url("b.html")
    assert _stored(page, site)["visitor"] == token  # the same visitor, no new one
    assert _stored(page, site)["customer"] == customer

    # a new tab of the same browser is the same customer too
    other = context.new_page()
    other.goto(site.page_url("a.html"))
    eventually(
        lambda: v if len(v := _stored_visits(site, customer)) >= 4 else None, "a new tab's visit"
    )
    assert _stored(other, site)["visitor"] == token

    # the chat it starts brings the customer and those pages to the agents (P5)
    page.get_by_role("button", name="Open chat").click()
    chat_id = send_first(page, site, "A question about page B")["id"]
    out = agent.get(f"/chats/{chat_id}").json()
    assert out["customer_id"] == customer and out["page_url"] == site.page_url("b.html")
    seen = _visits(agent, customer)
    assert [(v["url"], v["title"], v["referrer"]) for v in seen] == [
        (site.page_url("a.html"), "Page A", None),
        (site.page_url("b.html"), "Page B", site.page_url("a.html")),
        (site.page_url("b.html"), "Page B", site.page_url("a.html")),
        (site.page_url("a.html"), "Page A", None),
    ]


def test_an_unread_count_from_the_chat_page_shows_on_the_badge(site: Site, context: Any) -> None:
    page = context.new_page()
    page.goto(site.page_url("a.html"))
    launcher = page.get_by_role("button", name="Open chat")
    launcher.click()
    expect(page.get_by_role("dialog", name="Chat")).to_be_visible()
    send_first(page, site, "Hello")
    page.frame_locator("sangdam-chat iframe").get_by_role("button", name="Close chat").click()
    badge = page.locator("sangdam-chat .badge")
    expect(badge).to_be_hidden()

    chat_frame = eventually(
        lambda: next((f for f in page.frames if "/c/sdc_" in f.url), None), "the chat page"
    )
    # the site's own page cannot fake it: only the chat page's frame, from the server
    page.evaluate("window.postMessage({type: 'sangdam:unread', count: 7}, '*')")
    chat_frame.evaluate("parent.postMessage({type: 'sangdam:unread', count: 3}, '*')")
    expect(badge).to_have_text("3")
    expect(badge).to_be_visible()
    expect(page.get_by_role("button", name="Open chat, 3 unread messages")).to_be_visible()

    # after a reload the chat page is loaded again, hidden, so it can still tell
    page.reload()
    chat_frame = eventually(
        lambda: next((f for f in page.frames if "/c/sdc_" in f.url), None), "the hidden chat"
    )
    badge = page.locator("sangdam-chat .badge")
    chat_frame.evaluate("parent.postMessage({type: 'sangdam:unread', count: 120}, '*')")
    expect(badge).to_have_text("99+")
    page.get_by_role("button", name=re.compile("^Open chat")).click()
    expect(badge).to_be_hidden()  # opened: read

    # the chat page says its link was revoked: that chat is forgotten and the panel
    # offers a new conversation (none is started until its first message)
    chat_frame.evaluate("parent.postMessage({type: 'sangdam:gone'}, '*')")
    expect(page.locator("sangdam-chat iframe")).to_have_count(0)
    expect(page.get_by_text("That conversation has ended.")).to_be_visible()
    expect(page.get_by_role("textbox", name="Message")).to_be_focused()
    assert "chat" not in _stored(page, site)


def test_the_sites_aggressive_css_does_not_break_the_launcher(site: Site, context: Any) -> None:
    page = context.new_page()
    page.goto(site.page_url("aggressive.html"))
    launcher = page.locator("sangdam-chat .launcher")
    expect(launcher).to_be_visible()
    box = launcher.bounding_box()
    assert box is not None and box["width"] == 60 and box["height"] == 60
    assert box["x"] + box["width"] == 1280 - 20 and box["y"] + box["height"] == 800 - 20
    launcher.click()
    panel = page.locator("sangdam-chat .panel")
    expect(panel).to_be_visible()
    expect(panel.locator("textarea")).to_be_visible()
    expect(panel.locator(".send")).to_be_visible()
    # and the snippet's own styles do not leak onto the site
    assert page.locator("#own").evaluate("b => getComputedStyle(b).borderRadius") != "50%"


def test_a_phone_gets_a_full_screen_panel(site: Site, browser: Any) -> None:
    ctx = browser.new_context(viewport={"width": 375, "height": 667}, locale="ko-KR")
    try:
        page = ctx.new_page()
        page.goto(site.page_url("a.html"))
        page.get_by_role("button", name="상담 채팅 열기").click()
        panel = page.get_by_role("dialog", name="상담 채팅")
        expect(panel).to_be_visible()
        assert panel.bounding_box() == {"x": 0, "y": 0, "width": 375, "height": 667}
        page.get_by_role("button", name="채팅 닫기").click()
        expect(panel).to_be_hidden()
        expect(page.get_by_role("button", name="상담 채팅 열기")).to_be_visible()
    finally:
        ctx.close()


def test_no_serious_accessibility_violation_in_the_launcher_or_panel(
    site: Site, context: Any
) -> None:
    page = context.new_page()
    page.goto(site.page_url("a.html"))
    expect(page.get_by_role("button", name="Open chat")).to_be_visible()
    axe = Axe()
    options = {"resultTypes": ["violations"], "iframes": False}

    def serious() -> list[str]:
        found = axe.run(page, options=options).response["violations"]
        return [f"{v['id']}: {v['help']}" for v in found if v["impact"] in ("serious", "critical")]

    assert serious() == []
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_role("dialog", name="Chat")).to_be_visible()
    assert serious() == []


def test_the_demo_site_shows_the_snippet_working(
    site: Site, context: Any, agent: httpx.Client, tmp_path: Path
) -> None:
    page = context.new_page()
    page.goto(f"{site.server.url}/demo/site")  # the server's only workspace
    expect(page.get_by_text("DEMO: a fake company website")).to_be_visible()
    page.get_by_role("link", name="Pricing").click()
    expect(page).to_have_title(re.compile("^Pricing"))
    page.get_by_role("button", name="Open chat").click()
    panel = page.get_by_role("dialog", name="Chat")
    expect(panel).to_be_visible()
    send_first(page, site, "Do you sell decaf beans?")
    expect(panel.locator("iframe")).to_have_attribute("src", re.compile(r"/c/sdc_.+\?embed=1$"))
    chat_page = page.frame_locator("sangdam-chat iframe")
    expect(chat_page.get_by_text("Do you sell decaf beans?")).to_be_visible()
    shot = screenshot_dir(tmp_path) / "demo-site-panel-open.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000

    customer = _customer(page, site)
    visits = eventually(
        lambda: v if len(v := _visits(agent, customer)) >= 2 else None, "the demo's visits"
    )
    assert [v["url"] for v in visits] == [
        f"{site.server.url}/demo/site",
        f"{site.server.url}/demo/site/pricing",
    ]
    chat = agent.get(f"/chats/{_stored_chat_id(page, site)}").json()
    assert chat["page_url"] == f"{site.server.url}/demo/site/pricing"


def _stored_chat_id(page: Any, site: Site) -> str:
    chat_id: str = _stored(page, site)["chat"]["id"]
    return chat_id
