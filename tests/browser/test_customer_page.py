"""The customer chat page (U1) in Debian's chromium against the real server: messages
and files both ways, link buttons and forms, read receipts reaching the agents' feed,
text that stays text, a phone-sized screen, accessibility, and a revoked link."""

# covers: U1, C3, M1, M5, M6, H4

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Site

SHOTS = Path("/tmp/sangdam-custpage-shots")


def open_page(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.sangdamPage && window.sangdamPage.state.live === true")
    return page


def test_customer_sends_a_message_and_a_file(site: Site, context: Any, tmp_path: Path) -> None:
    chat = site.start_chat()
    page = open_page(context, chat["page"])
    page.fill("#text", "배송은 언제 되나요?")
    page.keyboard.press("Enter")
    page.wait_for_selector("li.mine:not(.pending-message) >> text=배송은 언제 되나요?")
    texts = [b.get("text") for msg in site.messages(chat["chat_id"]) for b in msg["blocks"]]
    assert "배송은 언제 되나요?" in texts

    path = tmp_path / "영수증.pdf"
    path.write_bytes(b"%PDF-1.4 receipt " * 1000)
    page.set_input_files("#file", str(path))
    page.wait_for_function(
        "() => window.sangdamPage.state.uploads.length === 1"
        " && window.sangdamPage.state.uploads[0].status === 'done'"
    )
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
