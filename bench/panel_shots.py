"""Screenshots of the open chat with its side panel (SPEC P1-P8), to look at.

    python -m bench.panel_shots [--out DIR]

As `bench.screenshots`, each picture in a child process (the language is chosen once
per process), offscreen, over a cache seeded with demo-like chats; the open chat gets
what the panel shows: a campaign and a goal, tags, a description with #hashtags, a
profile with fields, page visits, an earlier chat, a follow-up, files and links. The
conversation pane (messages and panel) is grabbed to a PNG.
"""

from __future__ import annotations

import sys
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.screenshots import TEXTS, run_shots, seed

SHOTS = (
    ("panel-ko.png", "ko", "light"),
    ("panel-ko-dark.png", "ko", "dark"),
    ("panel-en.png", "en", "light"),
)

EXTRA: dict[str, dict[str, Any]] = {
    "en": {
        "description": "Jacket order held at the Incheon hub. #shipping #refund-fee\n"
        "Re-shipment approved by Alex.",
        "campaign": "Spring sale coupon",
        "goal": "Order delivered",
        "fields": [("email", "Email", "string"), ("phone", "Phone", "string"),
                   ("plan", "Plan", "string"), ("orders", "Orders", "number"),
                   ("vip", "VIP", "boolean"), ("birthday", "Birthday", "date")],
        "profile": {"email": "emma@example.com", "phone": "+82 10-1234-5678",
                    "plan": "Gold", "orders": 12, "vip": True},
        "visits": [("Order status · Shop", "https://shop.example.com/orders/2024-118832"),
                   ("Shipping FAQ", "https://shop.example.com/help/shipping"),
                   ("Jackets", "https://shop.example.com/c/jackets")],
        "old": "Can I change the size to M?",
        "bot": "Your order 2024-118832 has shipped. Track it any time in the app.",
        "file": "receipt-2024-118832.pdf",
        "link": "https://tracking.example.com/p/CJ123456789",
        "ask": "Please confirm the address for the re-shipment.",
        "field": "Delivery address",
        "answer": "12 World Cup-ro, Mapo-gu, Seoul, #302",
        "track": "Re-shipment booked. Track it with the button below.",
        "button": "Track delivery",
    },
    "ko": {
        "description": "인천 허브에서 자켓 배송 보류 중. #배송지연 #배송비환불\n"
        "도현 님 재발송 승인 완료.",
        "campaign": "봄맞이 쿠폰 캠페인",
        "goal": "배송 완료",
        "fields": [("email", "이메일", "string"), ("phone", "전화번호", "string"),
                   ("plan", "멤버십", "string"), ("orders", "주문 수", "number"),
                   ("vip", "VIP", "boolean"), ("birthday", "생일", "date")],
        "profile": {"email": "minji@example.com", "phone": "010-1234-5678",
                    "plan": "골드", "orders": 12, "vip": True},
        "visits": [("주문 상세 · 쇼핑몰", "https://shop.example.com/orders/2024-118832"),
                   ("배송 안내", "https://shop.example.com/help/shipping"),
                   ("자켓", "https://shop.example.com/c/jackets")],
        "old": "사이즈를 M으로 바꿀 수 있을까요?",
        "bot": "주문하신 상품(2024-118832)이 발송되었습니다. 앱에서 배송을 조회하세요.",
        "file": "영수증-2024-118832.pdf",
        "link": "https://tracking.example.com/p/CJ123456789",
        "ask": "재발송할 주소를 확인해 주세요.",
        "field": "받는 주소",
        "answer": "서울시 마포구 월드컵로 12, 302호",
        "track": "재발송 접수되었습니다. 아래 버튼으로 배송을 조회하실 수 있어요.",
        "button": "배송 조회",
    },
}  # fmt: skip


def enrich(path: Path, chat_id: str, lang: str, now: datetime) -> None:
    """Give the open chat and its customer what the panel shows (as feed entries)."""
    from desktop.sync.cache import Cache
    from desktop.sync.reads import CacheReader

    x = EXTRA[lang]
    reader = CacheReader(path)
    chat = reader.chat(chat_id) or {}
    customer = reader.customer(str(chat["customer_id"])) or {}
    me = reader.me
    ws = str(reader.meta("workspace_id") or "")
    reader.close()
    cid = str(chat["customer_id"])
    changes: list[dict[str, Any]] = []
    seq = 200

    def put(entity: str, data: dict[str, Any], entry_id: str | None = None) -> None:
        nonlocal seq
        seq += 1
        changes.append(
            {"seq": seq, "entity": entity, "id": entry_id or data["id"], "op": "upsert",
             "data": data}
        )  # fmt: skip

    for key, label, ftype in x["fields"]:
        put("customer_field", {"key": key, "label": label, "type": ftype}, key)
    put("customer", {**customer, "profile": x["profile"]})
    put(
        "chat",
        {
            **chat,
            "description": x["description"],
            "source_kind": "campaign",
            "source_name": x["campaign"],
            "goal": x["goal"],
            "goal_reached": False,
            "page_url": x["visits"][0][1],
        },
    )
    for i, (title, url) in enumerate(x["visits"]):
        put(
            "page_visit",
            {"id": str(uuid.uuid4()), "customer_id": cid, "chat_id": chat_id, "url": url,
             "title": title, "visited_at": (now - timedelta(minutes=50 + 9 * i)).isoformat()},
        )  # fmt: skip
    old_id = str(uuid.uuid4())
    old_at = now - timedelta(days=12)
    put(
        "chat",
        {**chat, "id": old_id, "state": "closed", "tags": [], "follower_ids": [],
         "description": "", "last_message_preview": x["old"], "medium": "kakao",
         "last_message_at": old_at.isoformat(), "created_at": old_at.isoformat(),
         "last_message_seq": 3},
    )  # fmt: skip
    base = datetime.fromisoformat(str(chat["last_message_at"]))

    def message(
        mid: str,
        chat: str,
        author: str,
        blocks: list[Any],
        at: datetime,
        kind: str = "reply",
        read: datetime | None = None,
    ) -> None:
        put(
            "message",
            {"id": mid, "chat_id": chat, "seq": 90 + len(changes), "author_kind": author,
             "author_id": me if author in ("manager", "system") else None, "kind": kind,
             "blocks": blocks, "created_at": at.isoformat(),
             "customer_read_at": read.isoformat() if read else None, "delivered_at": None},
        )  # fmt: skip

    message(
        str(uuid.uuid4()), old_id, "bot", [{"type": "text", "text": x["bot"]}],
        old_at + timedelta(days=1),
    )  # fmt: skip
    message(
        str(uuid.uuid4()), chat_id, "customer",
        [{"type": "files", "files": [{"id": str(uuid.uuid4()), "name": x["file"],
                                      "size": 184_320, "content_type": "application/pdf"}]}],
        base + timedelta(minutes=3),
    )  # fmt: skip
    message(
        str(uuid.uuid4()), chat_id, "manager",
        [{"type": "text", "text": x["link"]}], base + timedelta(minutes=4),
    )  # fmt: skip
    # The rest of the open chat's kinds (SPEC C1-C3, M5, M6): a system event, a link
    # button, a form the customer answered and a reply the customer has read.
    message(
        str(uuid.uuid4()), chat_id, "system",
        [{"type": "event", "action": "assigned", "actor_id": me, "manager_id": me}],
        base + timedelta(minutes=5), kind="event",
    )  # fmt: skip
    message(
        str(uuid.uuid4()), chat_id, "manager",
        [{"type": "text", "text": x["ask"]},
         {"type": "form", "fields": [{"key": "address", "label": x["field"],
                                      "type": "string", "profile_key": "address"}],
          "answers": {"address": x["answer"]}}],
        base + timedelta(minutes=6),
    )  # fmt: skip
    message(
        str(uuid.uuid4()), chat_id, "manager",
        [{"type": "text", "text": x["track"]},
         {"type": "button", "text": x["button"], "url": x["link"]}],
        base + timedelta(minutes=7), read=base + timedelta(minutes=8),
    )  # fmt: skip
    cache = Cache.open(path, server_url="http://demo.invalid", workspace_id=ws, manager_id=me)
    try:
        cache.apply_changes(changes, seq)
    finally:
        cache.close()


def shoot(out: Path, lang: str, width: int, height: int) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop import i18n
    from desktop.controller.ui import build_ui
    from desktop.views import theme
    from desktop.views.fonts import install_ui_font

    app = QApplication([sys.argv[0]])
    i18n.install(app, lang)
    install_ui_font(app)
    theme.install(app)
    with tempfile.TemporaryDirectory(prefix="sangdam-panel-") as tmp:
        path = Path(tmp) / "cache.sqlite3"
        now = datetime.now(UTC)
        chat_id = seed(path, lang, now)
        enrich(path, chat_id, lang, now)
        ui = build_ui(path, account=TEXTS[lang]["me"])
        window = ui.window
        window.resize(width, height)
        window.show()
        for _ in range(20):
            app.processEvents()
        window.show_chat(chat_id)
        window.conversation.composer.set_available(True)
        for _ in range(40):
            app.processEvents()
        window.conversation.grab().save(str(out))
        panel = window.conversation.panel
        bar = panel.scroller.verticalScrollBar()
        bar.setValue(bar.maximum())  # the panel's lower sections
        for _ in range(10):
            app.processEvents()
        panel.grab().save(str(out.with_name(out.stem + "-lower.png")))
        ui.reader.close()
        window.close()


def main(argv: list[str] | None = None) -> int:
    out = Path(tempfile.gettempdir()) / "panel-shots"
    return run_shots("bench.panel_shots", SHOTS, shoot, out, 1100, argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
