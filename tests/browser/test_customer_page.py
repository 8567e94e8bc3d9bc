"""The customer chat page (U1) in Debian's chromium against the real server: messages
and files both ways, link buttons and forms, read receipts reaching the agents' feed,
text that stays text, a phone-sized screen, accessibility, and a revoked link."""

# covers: U1, C3, M1, M5, M6, H4

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.browser import Site

SHOTS = Path("/tmp/sangdam-custpage-shots")
XSS = "<script>alert(1)</script>"
FORM = {
    "type": "form",
    "fields": [
        {"key": "email", "label": "Email", "type": "string", "profile_key": "email"},
        {"key": "age", "label": "Age", "type": "number", "profile_key": "age"},
        {"key": "agree", "label": "I agree", "type": "boolean"},
    ],
}
BUTTON = {
    "type": "button",
    "text": "Track order",
    "url": "https://shop.example/o/1",
    "color": "#12a150",
}


class Watched:
    """A page and what went wrong in it: script errors, console errors, dialogs."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        page.on("pageerror", lambda exc: self.problems.append(f"pageerror: {exc}"))
        page.on(
            "console",
            lambda msg: (
                self.problems.append(f"console: {msg.text}") if msg.type == "error" else None
            ),
        )

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)


def open_page(context: Any, url: str) -> Watched:
    page = context.new_page()
    watched = Watched(page)
    page.goto(url)
    page.wait_for_function("() => window.sangdamPage && window.sangdamPage.state.live === true")
    return watched


def test_customer_sends_a_message_and_a_file(site: Site, context: Any, tmp_path: Path) -> None:
    chat = site.start_chat()
    w = open_page(context, chat["page"])
    page = w.page
    page.fill("#text", "배송은 언제 되나요?")
    page.keyboard.press("Enter")
    page.wait_for_selector("li.mine:not(.pending-message) >> text=배송은 언제 되나요?")
    # on its own (not in the snippet's panel) the page has nothing to close
    assert page.locator("#close").is_hidden()
    texts = [b.get("text") for msg in site.messages(chat["chat_id"]) for b in msg["blocks"]]
    assert "배송은 언제 되나요?" in texts

    path = tmp_path / "영수증.pdf"
    path.write_bytes(b"%PDF-1.4 receipt " * 1000)
    page.set_input_files("#file", str(path))
    page.wait_for_function(
        "() => window.sangdamPage.state.uploads.length === 1"
        " && window.sangdamPage.state.uploads[0].status === 'done'"
    )
    assert page.eval_on_selector(".upload-bar", "b => b.value === b.max")
    page.click("#send")
    page.wait_for_selector("li.mine:not(.pending-message) .file-name >> text=영수증.pdf")
    files = [
        f
        for msg in site.messages(chat["chat_id"])
        for b in msg["blocks"]
        if b["type"] == "files"
        for f in b["files"]
    ]
    assert [(f["name"], f["size"]) for f in files] == [("영수증.pdf", path.stat().st_size)]
    assert not w.problems


def test_file_limits_give_clear_errors(site: Site, context: Any, tmp_path: Path) -> None:
    """An 11th file and a file over the size limit are refused before any byte is sent
    (the page reads the server's limits; a smaller limit here stands for 1 GiB)."""
    chat = site.start_chat()
    w = open_page(context, chat["page"])
    page = w.page
    paths = []
    for i in range(11):
        p = tmp_path / f"photo{i}.txt"
        p.write_text(f"file {i}")
        paths.append(str(p))
    page.set_input_files("#file", paths)
    page.wait_for_selector("#error >> text=At most 10 files per message.")
    assert page.locator("#pending li").count() == 10
    page.wait_for_function("() => window.sangdamPage.state.uploads.every(u => u.status === 'done')")
    page.click("#send")
    page.wait_for_selector("li.mine:not(.pending-message) .files")
    [sent] = [
        b for msg in site.messages(chat["chat_id"]) for b in msg["blocks"] if b["type"] == "files"
    ]
    assert len(sent["files"]) == 10

    # an oversized file: the page takes the limit the server writes in it; a 5-byte
    # limit written there stands for 1 GiB
    def small_limit(route: Any) -> None:
        response = route.fetch()
        body = response.text().replace(f'content="{1024**3}"', 'content="5"')
        headers = {k: v for k, v in response.headers.items() if k != "content-length"}
        route.fulfill(status=response.status, headers=headers, body=body)

    page.route(f"**/c/{chat['token']}", small_limit)
    page.reload()
    # (chromium refuses a socket to 127.0.0.1 from a document a test handed it: the page
    # follows the chat by polling then, which is all this part needs)
    page.wait_for_selector("body.ready", state="attached")
    big = tmp_path / "big.bin"
    big.write_bytes(b"123456")
    page.set_input_files("#file", str(big))
    page.wait_for_selector("#error >> text=big.bin is larger than")
    assert page.locator("#pending li").count() == 0


def test_a_failed_upload_says_so_and_can_be_retried(
    site: Site, context: Any, tmp_path: Path
) -> None:
    chat = site.start_chat()
    w = open_page(context, chat["page"])
    page = w.page
    cut: list[str] = []

    def cut_once(route: Any) -> None:
        if route.request.method == "PATCH" and not cut:
            cut.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/uploads/*", cut_once)
    path = tmp_path / "contract.pdf"
    path.write_bytes(b"%PDF-1.4 " + b"x" * 50_000)
    page.set_input_files("#file", str(path))
    page.wait_for_selector("#error >> text=contract.pdf could not be uploaded")
    page.click(".upload-retry")
    page.wait_for_function("() => window.sangdamPage.state.uploads[0].status === 'done'")
    page.click("#send")
    page.wait_for_selector("li.mine:not(.pending-message) .file-name >> text=contract.pdf")
    [sent] = [
        b for msg in site.messages(chat["chat_id"]) for b in msg["blocks"] if b["type"] == "files"
    ]
    assert [f["size"] for f in sent["files"]] == [path.stat().st_size]
    assert cut, "the first PATCH was cut"


def test_the_page_polls_when_the_socket_fails(site: Site, context: Any) -> None:
    """Every feed socket is refused: the page follows the chat through the changes
    endpoint instead, and still sees replies and a revoked link."""
    chat = site.start_chat()
    page = context.new_page()
    refused: list[str] = []

    def refuse(ws: Any) -> None:
        refused.append(ws.url)
        ws.close(code=1011, reason="test: no socket")

    page.route_web_socket("**/feed", refuse)
    page.goto(chat["page"])
    page.wait_for_selector("body.ready", state="attached")
    site.reply(chat["chat_id"], {"type": "text", "text": "Polling works too."})
    page.wait_for_selector("li.theirs >> text=Polling works too.")
    assert refused, "the page tried its socket first"
    assert page.evaluate("() => window.sangdamPage.state.live") is False
    assert page.locator("#status").inner_text() == "Reconnecting…"
    r = site.http.delete(f"/chats/{chat['chat_id']}/customer-link", headers=site.agent())
    assert r.status_code == 204
    page.wait_for_selector("#gone", state="visible")


def test_replies_buttons_and_forms_appear_and_answers_fill_the_profile(
    site: Site, context: Any
) -> None:
    chat = site.start_chat()
    w = open_page(context, chat["page"])
    page = w.page
    site.reply(chat["chat_id"], {"type": "text", "text": "Hello! How can I help?"})
    page.wait_for_selector("li.theirs >> text=Hello! How can I help?")
    # the name comes with /people, loaded again when an unknown author writes
    expect(page.locator("li.theirs .author").first).to_have_text("Owner")

    site.reply(chat["chat_id"], BUTTON)
    button = page.wait_for_selector("a.link-button >> text=Track order")
    assert button.get_attribute("href") == "https://shop.example/o/1"
    assert button.get_attribute("rel") == "noopener noreferrer"

    form_id = site.reply(chat["chat_id"], FORM)
    page.wait_for_selector("form.answer-form")
    page.fill("form.answer-form input[name=email]", "mina@example.kr")
    page.fill("form.answer-form input[name=age]", "31")
    # a message arriving meanwhile leaves the half-filled form as it is
    site.reply(chat["chat_id"], {"type": "text", "text": "Take your time."})
    page.wait_for_selector("li.theirs >> text=Take your time.")
    assert page.input_value("form.answer-form input[name=email]") == "mina@example.kr"
    page.check("form.answer-form input[name=agree]")
    page.click("form.answer-form .form-submit")
    page.wait_for_selector("form.answer-form .form-submit:disabled >> text=Answered")

    changes = site.changes()
    form = [c for c in changes if c["entity"] == "message" and c["id"] == form_id][-1]
    assert form["data"]["blocks"][0]["answers"] == {
        "email": "mina@example.kr",
        "age": 31,
        "agree": True,
    }
    customer = [c for c in changes if c["entity"] == "customer" and c["id"] == chat["customer_id"]]
    assert customer[-1]["data"]["profile"] == {"email": "mina@example.kr", "age": 31}
    assert not w.problems


def test_the_read_receipt_reaches_the_agents_feed(site: Site, context: Any) -> None:
    chat = site.start_chat()
    reply_id = site.reply(chat["chat_id"], {"type": "text", "text": "Your order shipped."})

    def read_at() -> str | None:
        entries = [c for c in site.changes() if c["entity"] == "message" and c["id"] == reply_id]
        return entries[-1]["data"]["customer_read_at"] if entries else None

    assert read_at() is None
    w = open_page(context, chat["page"])
    w.page.wait_for_selector("li.theirs >> text=Your order shipped.")
    deadline = time.monotonic() + 15
    while read_at() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert read_at() is not None, "the customer's read reached the agent's feed"


def test_the_embedded_page_tells_its_parent_the_unread_count(site: Site, context: Any) -> None:
    """What the website snippet (U2) relies on: `?embed=1` may be framed by any site,
    and tells the parent how many team replies are unread while it is hidden (the
    snippet's end-to-end test is tests/browser_snippet/test_snippet_chat.py)."""
    chat = site.start_chat()
    page = context.new_page()
    page.goto(f"{site.url}/health")  # any page of another origin would do; this is blank
    page.set_content(
        "<body><iframe id=f style='display:none' width=380 height=600></iframe></body>"
    )
    page.evaluate(
        """src => {
            window.counts = [];
            window.addEventListener('message', e => {
                if (e.data && e.data.type === 'sangdam:unread') window.counts.push(e.data.count);
            });
            document.getElementById('f').src = src;
        }""",
        f"{chat['page']}?embed=1",
    )
    frame = page.frame_locator("#f")
    frame.locator("html.embed").wait_for(state="attached")
    page.wait_for_function(
        "() => { const f = document.getElementById('f').contentWindow;"
        " try { return f.sangdamPage.state.live; } catch (e) { return false; } }"
    )
    site.reply(chat["chat_id"], {"type": "text", "text": "Are you still there?"})
    page.wait_for_function("() => window.counts.includes(1)")
    # shown, and told so as the snippet tells it (an iframe in a hidden panel still
    # reports visibilityState "visible"): the reply is seen, read, the count drops to 0
    page.evaluate(
        """origin => {
            const f = document.getElementById('f');
            f.style.display = 'block';
            f.contentWindow.postMessage({type: 'sangdam:visibility', visible: true}, origin);
        }""",
        site.url,
    )
    page.wait_for_function("() => window.counts[window.counts.length - 1] === 0")
    SHOTS.mkdir(exist_ok=True)
    page.locator("#f").screenshot(path=str(SHOTS / "embed-380x600.png"))


def test_markup_typed_by_anyone_shows_as_text(site: Site, context: Any) -> None:
    chat = site.start_chat(text=XSS)
    w = open_page(context, chat["page"])
    page = w.page
    site.reply(
        chat["chat_id"],
        {"type": "text", "text": f"{XSS}<img src=x onerror=alert(2)>"},
        {**BUTTON, "text": "<b onmouseover=alert(3)>hi</b>"},
    )
    page.fill("#text", XSS)
    page.keyboard.press("Enter")
    page.wait_for_selector(f"li.theirs >> text={XSS}<img src=x onerror=alert(2)>")
    page.wait_for_selector("a.link-button >> text=<b onmouseover=alert(3)>hi</b>")
    page.hover("a.link-button")
    assert page.locator(f"li.mine p.text >> text={XSS}").count() == 2
    assert page.locator("#messages script, #messages img[src=x], #messages b").count() == 0
    assert w.dialogs == []
    assert not w.problems


@pytest.mark.parametrize(
    "context",
    [
        {
            "locale": "ko-KR",
            "viewport": {"width": 390, "height": 844},
            "is_mobile": True,
            "has_touch": True,
        }
    ],
    indirect=True,
)
def test_a_phone_sized_screen_in_korean(site: Site, context: Any) -> None:
    chat = site.start_chat(text="안녕하세요! 환불 문의드립니다. 주문번호는 20261207-0042 입니다.")
    site.reply(
        chat["chat_id"], {"type": "text", "text": "안녕하세요, 상담사 오너입니다. 확인해 드릴게요."}
    )
    site.reply(chat["chat_id"], {**BUTTON, "text": "주문 조회"}, who="ana")
    site.reply(
        chat["chat_id"],
        {**FORM, "fields": [{**FORM["fields"][0], "label": "이메일"}]},
        who="ana",
    )
    w = open_page(context, chat["page"])
    page = w.page
    page.wait_for_selector("form.answer-form")
    assert page.get_attribute("html", "lang") == "ko"
    assert page.get_attribute("#text", "placeholder") == "메시지를 입력하세요…"
    assert page.get_attribute("#send", "aria-label") == "보내기"
    box = page.locator("#composer").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate(
        "() => [...document.querySelectorAll('.bubble')].every("
        "b => b.getBoundingClientRect().right <= window.innerWidth)"
    )
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone-ko.png"))
    assert not w.problems


def test_no_serious_accessibility_violation(site: Site, context: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    chat = site.start_chat()
    site.reply(chat["chat_id"], {"type": "text", "text": "Hi there"}, BUTTON, FORM)
    w = open_page(context, chat["page"])
    w.page.wait_for_selector("form.answer-form")
    SHOTS.mkdir(exist_ok=True)
    w.page.screenshot(path=str(SHOTS / "desktop-en.png"))
    results = Axe().run(w.page)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_a_revoked_link_stops_within_a_second(site: Site, context: Any) -> None:
    chat = site.start_chat()
    w = open_page(context, chat["page"])
    page = w.page
    r = site.http.delete(f"/chats/{chat['chat_id']}/customer-link", headers=site.agent())
    assert r.status_code == 204
    page.wait_for_selector("#gone", state="visible", timeout=1_000)
    assert page.locator("#gone h1").inner_text() == "This link no longer works"
    assert page.locator("#app").is_hidden()
    # and the link itself now opens the page saying so
    response = page.goto(chat["page"])
    assert response is not None and response.status == 404
    assert "This link no longer works" in page.content()
