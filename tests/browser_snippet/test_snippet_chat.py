"""The website snippet and the customer chat page together, end to end (U1, U2, P5):
a company page on another origin with the snippet, the real server, Debian's chromium.

The visitor opens the launcher (no chat yet), starts the chat with a first message
(the chat carries its start page), reads the agent's replies in the panel, sees the
badge while the panel is closed, reads them when it opens (the read receipt reaches the
agent's feed), closes the panel with Esc pressed inside it, and when the agent revokes
the link the snippet forgets that chat and offers a new conversation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.browser import Site, eventually, screenshot_dir

AXE_OPTIONS = {"resultTypes": ["violations"], "iframes": False}


def _stored(page: Any, site: Site) -> dict[str, Any]:
    raw = page.evaluate(f"localStorage.getItem('sangdam:{site.world.workspace_id}')")
    return json.loads(raw) if raw else {}


def _chats_of(site: Site, customer_id: str) -> list[str]:
    """The ids of the customer's chats in the agent's feed (what the desktop app shows)."""
    return sorted(
        {
            c["id"]
            for c in site.changes()
            if c["entity"] == "chat" and c["data"]["customer_id"] == customer_id
        }
    )


def _read_at(site: Site, message_id: str) -> str | None:
    """The customer's read time of a message, as the agent's feed last told it (C3)."""
    entries = [c for c in site.changes() if c["entity"] == "message" and c["id"] == message_id]
    return entries[-1]["data"]["customer_read_at"] if entries else None


def _serious(target: Any) -> list[str]:
    found = Axe().run(target, options=AXE_OPTIONS).response["violations"]
    return [f"{v['id']}: {v['help']}" for v in found if v["impact"] in ("serious", "critical")]


# covers: U2, P5
def test_a_visitor_chats_through_the_snippet_from_first_message_to_revoked_link(
    site: Site, context: Any
) -> None:
    page = context.new_page()
    page.goto(site.page_url("a.html"))
    customer = eventually(lambda: _stored(page, site).get("customer"), "a visitor was made")
    launcher = page.get_by_role("button", name="Open chat")
    panel = page.get_by_role("dialog", name="Chat")
    badge = page.locator("sangdam-chat .badge")

    # opened: a box for the first message, and still no chat in the agents' inbox
    launcher.click()
    expect(panel).to_be_visible()
    box = page.get_by_role("textbox", name="Message")
    expect(box).to_be_focused()
    page.get_by_role("button", name="Close chat").click()
    launcher.click()
    expect(box).to_be_visible()
    assert _chats_of(site, customer) == []
    assert "chat" not in _stored(page, site)

    # the first message starts the chat, on this page, and the panel shows it
    box.fill("Is the Ethiopia roast in stock?")
    box.press("Enter")
    chat = eventually(lambda: _stored(page, site).get("chat"), "the chat it started")
    assert _chats_of(site, customer) == [chat["id"]]
    out = site.http.get(f"/chats/{chat['id']}", headers=site.agent()).json()
    assert out["customer_id"] == customer
    assert out["page_url"] == site.page_url("a.html")
    assert out["medium"] == "web"
    sent = site.messages(chat["id"])
    assert [(m["author_kind"], m["blocks"]) for m in sent] == [
        ("customer", [{"type": "text", "text": "Is the Ethiopia roast in stock?"}])
    ]
    chat_page = page.frame_locator("sangdam-chat iframe")
    expect(
        chat_page.locator("li.mine").get_by_text("Is the Ethiopia roast in stock?")
    ).to_be_visible()
    expect(box).to_be_hidden()

    # the agent's reply shows in the panel
    site.reply(chat["id"], {"type": "text", "text": "Yes, 12 bags left."})
    expect(chat_page.locator("li.theirs").get_by_text("Yes, 12 bags left.")).to_be_visible()

    # no serious accessibility violation with the chat page in the open panel
    assert _serious(page) == []
    frame = next(f for f in page.frames if "/c/sdc_" in f.url)
    assert _serious(frame) == []

    # one header: the chat page's, with the panel's close button (the snippet's bar hides)
    expect(page.locator("sangdam-chat .bar")).to_be_hidden()
    expect(chat_page.locator("header .title")).to_be_visible()

    # closed: the next reply is not read; the launcher's badge counts it
    chat_page.get_by_role("button", name="Close chat").click()
    expect(panel).to_be_hidden()
    second = site.reply(chat["id"], {"type": "text", "text": "Shall I keep one for you?"})
    expect(badge).to_have_text("1")
    expect(page.get_by_role("button", name="Open chat, 1 unread message")).to_be_visible()
    assert _read_at(site, second) is None

    # opened: the badge clears and the read receipt reaches the agent's feed (C3)
    launcher.click()
    expect(panel).to_be_visible()
    expect(badge).to_be_hidden()
    expect(chat_page.get_by_text("Shall I keep one for you?")).to_be_visible()
    eventually(lambda: _read_at(site, second), "the read receipt in the agent's feed")

    # Esc pressed inside the chat page (a key the site never sees) closes the panel
    chat_page.get_by_role("textbox", name="Message").click()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(launcher).to_be_focused()

    # the agent revokes the link: the snippet forgets the chat, offers a new conversation
    r = site.http.delete(f"/chats/{chat['id']}/customer-link", headers=site.agent())
    assert r.status_code == 204, r.text
    eventually(lambda: True if "chat" not in _stored(page, site) else None, "the chat forgotten")
    expect(page.locator("sangdam-chat iframe")).to_have_count(0)
    launcher.click()
    expect(panel).to_be_visible()
    expect(page.get_by_text("That conversation has ended.")).to_be_visible()
    expect(page.get_by_role("textbox", name="Message")).to_be_focused()
    assert _chats_of(site, customer) == [chat["id"]]  # opening again started nothing


def test_a_revoked_link_found_on_a_later_visit_is_forgotten_too(site: Site, context: Any) -> None:
    """The chat page of a link revoked while the visitor was away (the 404 page) tells
    the snippet too, so the next press offers a new conversation, not a dead link."""
    page = context.new_page()
    page.goto(site.page_url("a.html"))
    page.get_by_role("button", name="Open chat").click()
    box = page.get_by_role("textbox", name="Message")
    box.fill("Hello")
    box.press("Enter")
    chat = eventually(lambda: _stored(page, site).get("chat"), "the chat it started")
    expect(page.locator("sangdam-chat iframe")).to_have_count(1)
    page.close()

    r = site.http.delete(f"/chats/{chat['id']}/customer-link", headers=site.agent())
    assert r.status_code == 204, r.text
    page = context.new_page()
    page.goto(site.page_url("b.html"))
    eventually(lambda: True if "chat" not in _stored(page, site) else None, "the chat forgotten")
    expect(page.locator("sangdam-chat iframe")).to_have_count(0)
    page.get_by_role("button", name="Open chat").click()
    expect(page.get_by_role("textbox", name="Message")).to_be_focused()


def test_a_first_message_typed_after_another_tab_started_the_chat_is_not_lost(
    site: Site, context: Any
) -> None:
    """Two tabs of one visitor: the second tab's first message does not start a second
    chat; the chat of the first tab opens with the text in its composer, unsent."""
    first, second = context.new_page(), context.new_page()
    for page in (first, second):
        page.goto(site.page_url("a.html"))
        page.get_by_role("button", name="Open chat").click()
        expect(page.get_by_role("textbox", name="Message")).to_be_visible()
    customer = eventually(lambda: _stored(first, site).get("customer"), "a visitor was made")
    box = first.get_by_role("textbox", name="Message")
    box.fill("The first tab's question")
    box.press("Enter")
    chat = eventually(lambda: _stored(first, site).get("chat"), "the chat it started")

    box = second.get_by_role("textbox", name="Message")
    box.fill("The second tab's question")
    box.press("Enter")
    composer = second.frame_locator("sangdam-chat iframe").get_by_role("textbox", name="Message")
    expect(composer).to_have_value("The second tab's question")
    assert _chats_of(site, customer) == [chat["id"]]
    assert [m["blocks"][0]["text"] for m in site.messages(chat["id"])] == [
        "The first tab's question"
    ]


@pytest.mark.parametrize(
    ("name", "viewport"),
    [("desktop", {"width": 1280, "height": 800}), ("phone", {"width": 390, "height": 844})],
)
def test_the_demo_site_in_korean_with_a_conversation_open(
    site: Site, browser: Any, tmp_path: Path, name: str, viewport: dict[str, int]
) -> None:
    """Screenshots to look at (SANGDAM_SCREENSHOTS=<folder>): the demo site, Korean, the
    panel open on a conversation."""
    phone = viewport["width"] < 480
    ctx = browser.new_context(locale="ko-KR", viewport=viewport, is_mobile=phone, has_touch=phone)
    ctx.set_default_timeout(15_000)
    try:
        page = ctx.new_page()
        page.goto(f"{site.url}/demo/site")
        page.get_by_role("button", name="상담 채팅 열기").click()
        panel = page.get_by_role("dialog", name="상담 채팅")
        expect(panel).to_be_visible()
        box = page.get_by_role("textbox", name="메시지")
        expect(box).to_have_attribute("placeholder", "메시지를 입력하세요…")
        page.screenshot(path=str(screenshot_dir(tmp_path) / f"demo-ko-{name}-start.png"))
        box.fill("안녕하세요, 에티오피아 원두 재고 있나요?")
        box.press("Enter")
        chat = eventually(lambda: _stored(page, site).get("chat"), "the chat it started")
        site.reply(chat["id"], {"type": "text", "text": "네, 12봉 남아 있어요. 하나 챙겨 둘까요?"})
        chat_page = page.frame_locator("sangdam-chat iframe")
        expect(chat_page.get_by_text("하나 챙겨 둘까요?")).to_be_visible()
        if phone:
            assert panel.bounding_box() == {"x": 0, "y": 0, **viewport}
        shot = screenshot_dir(tmp_path) / f"demo-ko-{name}-chat.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
    finally:
        ctx.close()
