"""Screenshots of the main window, light and dark, in English and Korean (the docs' PNGs).

    python -m bench.screenshots [--out docs] [--width 1600 --height 1000]

Each picture is made in a child process of its own (the UI language is chosen once per
process): offscreen, the real window over a cache seeded with demo-like chats, one chat
open with a reply, an internal note and the side panel, grabbed to a PNG. The scheme is
forced with SANGDAM_COLOR_SCHEME (desktop/views/theme.py).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SHOTS = (  # file name, language, scheme
    ("screenshot-main-window.png", "en", "light"),
    ("screenshot-main-window-dark.png", "en", "dark"),
    ("screenshot-korean.png", "ko", "light"),
    ("screenshot-korean-dark.png", "ko", "dark"),
)

TEXTS: dict[str, dict[str, Any]] = {
    "en": {
        "me": "Jisoo Park",
        "managers": ["Alex Kim", "Hana Lee", "Chris Moon"],
        "teams": ["Support", "Billing"],
        "tags": ["vip", "refund", "shipping", "bug"],
        "customers": [
            "Emma Wilson", "Liam Park", "Sofia Garcia", "Noah Kim", "Olivia Chen",
            "James Lee", "Mia Johnson", "Lucas Brown", "Ava Martin", "Ethan Davis",
            "Grace Han", "Daniel Cho", "Chloe Baker", "Ryan Choi",
        ],
        "previews": [
            "Thank you so much, that's great 👍",
            "I can't log in to my account since this morning.",
            "I was charged twice for my subscription.",
            "Do you ship to Busan?",
            "The invoice PDF shows the wrong company name.",
            "Can I change the delivery address?",
            "The coupon code doesn't work at checkout.",
            "Any update on this?",
            "How long does a refund take?",
            "The app crashes when I upload a photo.",
            "Is the blue one back in stock?",
            "I'd like to cancel my order, please.",
            "Where can I download the receipt?",
            "Thanks, that worked!",
        ],
        "conversation": [
            ("customer", "Hi, I ordered a jacket last Tuesday (order #2024-118832) and it "
             "still hasn't arrived. The tracking page hasn't changed in four days."),
            ("me", "Hi Emma, sorry about the wait! Let me check with the carrier right away."),
            ("note", "The carrier says the parcel is held at the Incheon hub. Alex, can you "
             "approve an express re-shipment if it doesn't move today?"),
            ("ana", "Approved. Refund the shipping fee too."),
            ("me", "Good news: the carrier found it. It will be delivered tomorrow before "
             "noon, and I've refunded the shipping fee for the trouble."),
            ("customer", "Thank you so much, that's great 👍"),
        ],
    },
    "ko": {
        "me": "박지수",
        "managers": ["김도현", "이하나", "문성민"],
        "teams": ["고객지원", "결제"],
        "tags": ["VIP", "환불", "배송", "버그"],
        "customers": [
            "김민지", "이서준", "박지우", "최하은", "정도윤", "강서연", "조민준",
            "윤지아", "장예준", "임수아", "한지호", "오채원", "서하준", "신유나",
        ],
        "previews": [
            "빠르게 처리해 주셔서 감사합니다 👍",
            "오늘 아침부터 로그인이 안 돼요.",
            "구독료가 두 번 결제되었어요.",
            "부산도 배송되나요?",
            "세금계산서에 회사명이 잘못 나와요.",
            "배송지 변경이 가능할까요?",
            "쿠폰이 적용되지 않아요 ㅠㅠ",
            "혹시 확인 가능하실까요?",
            "환불은 며칠 정도 걸리나요?",
            "사진을 올리면 앱이 종료돼요.",
            "파란색 재입고 되었나요?",
            "주문 취소하고 싶어요.",
            "영수증은 어디서 받을 수 있나요?",
            "감사합니다! 해결됐어요.",
        ],
        "conversation": [
            ("customer", "안녕하세요, 지난 화요일에 주문한 자켓(주문번호 2024-118832)이 아직 "
             "도착하지 않았어요. 배송조회 페이지도 4일째 그대로예요."),
            ("me", "김민지 고객님, 기다리게 해드려 죄송합니다. 택배사에 바로 확인해 보겠습니다."),
            ("note", "택배사 확인 결과 인천 허브에서 보류 중입니다. 도현 님, 오늘 안에 움직이지 "
             "않으면 빠른 재발송 승인 부탁드려요."),
            ("ana", "승인합니다. 배송비도 환불해 주세요."),
            ("me", "확인해 보니 내일 오전 중으로 배송될 예정입니다. 불편을 드려 배송비는 "
             "환불해 드렸습니다."),
            ("customer", "빠르게 처리해 주셔서 감사합니다 👍"),
        ],
    },
}  # fmt: skip

TAG_COLORS = ("#f59e0b", "#ef4444", "#3b82f6", "#8b5cf6")
MEDIA = ["web", "kakao", "email", "naver", "instagram", "line", "phone"]


def seed(path: Path, lang: str, now: datetime) -> str:
    """A cache as a bootstrap writes it, with demo-like chats; returns the open chat's id."""
    from desktop.sync.cache import Cache

    t = TEXTS[lang]
    rng = random.Random(14)  # the same ids, hence the same avatar colours, every time

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    ws, me = new_id(), new_id()
    others = [new_id() for _ in t["managers"]]
    teams = [new_id() for _ in t["teams"]]

    def manager(mid: str, name: str, limit: int) -> dict[str, Any]:
        return {
            "id": mid,
            "name": name,
            "email": f"{mid[:8]}@example.test",
            "role": "manager",
            "permissions": [],
            "operator_seat": True,
            "available": True,
            "max_auto_assign": limit,
            "notify_unassigned": True,
            "avatar_url": None,
            "team_ids": [teams[0]],
        }

    managers = [manager(me, t["me"], 5)] + [
        manager(mid, name, 3) for mid, name in zip(others, t["managers"], strict=True)
    ]
    chats, customers, states = [], [], []
    assignees = [me, None, others[0], me, others[1], None, me, others[2], None, me]
    state_of = ["open"] * 11 + ["snoozed", "open", "closed"]
    tags = t["tags"]
    for i, (name, preview) in enumerate(zip(t["customers"], t["previews"], strict=True)):
        cid, cust = new_id(), new_id()
        at = now - timedelta(minutes=3 + i * 17 + (i * i) % 11)
        assignee = assignees[i % len(assignees)]
        queued = assignee is None and i == 5
        chats.append(
            {
                "id": cid,
                "customer_id": cust,
                "medium": MEDIA[i % len(MEDIA)],
                "state": state_of[i],
                "snooze_until": (now + timedelta(days=1, hours=2)).isoformat()
                if state_of[i] == "snoozed"
                else None,
                "team_id": teams[i % 2],
                "assignee_id": assignee,
                "follower_ids": [others[0]] if i == 0 else [],
                "tags": [tags[0], tags[2]] if i == 0 else ([tags[i % 4]] if i % 3 == 1 else []),
                "description": "",
                "source_kind": None,
                "source_name": None,
                "goal": None,
                "goal_reached": False,
                "queued_since": at.isoformat() if queued else None,
                "page_url": None,
                "last_message_at": at.isoformat(),
                "last_message_seq": 6 if i == 0 else 1,
                "last_message_preview": preview,
                "created_at": (at - timedelta(hours=2 + i)).isoformat(),
            }
        )
        customers.append(
            {"id": cust, "name": name, "avatar_url": None, "profile": {}, "identities": []}
        )
        states.append(
            {
                "chat_id": cid,
                "manager_id": me,
                "starred": i in (0, 4),
                "read_seq": 0,
                "unread_count": {1: 2, 2: 1, 6: 3}.get(i, 0),
                "mentioned": i == 2,
                "in_sessions": assignee == me,
            }
        )
    counts: dict[tuple[str, str, str], int] = {}

    def bump(scope: str, key: str, state: str) -> None:
        counts[(scope, key, state)] = counts.get((scope, key, state), 0) + 1

    for c, s in zip(chats, states, strict=True):
        st = c["state"]
        bump("", "all", st)
        bump("", f"medium:{c['medium']}", st)
        if c["assignee_id"]:
            bump("", f"assignee:{c['assignee_id']}", st)
        elif c["queued_since"]:
            bump("", f"queue:{c['team_id']}", st)
        else:
            bump("", "unassigned", st)
            bump("", f"unassigned_team:{c['team_id']}", st)
        for tag in c["tags"]:
            bump("", f"tag:{tag}", st)
        for key, on in (("unread", s["unread_count"]), ("starred", s["starred"])):
            if on:
                bump(me, key, st)
        if s["in_sessions"]:
            bump(me, "sessions", st)
    cache = Cache.open(path, server_url="http://demo.invalid", workspace_id=ws, manager_id=me)
    try:
        cache.begin_bootstrap(0)
        cache.write_reference(
            {
                "type": "reference",
                "workspace": {"id": ws, "name": "Demo"},
                "me": managers[0],
                "managers": managers,
                "teams": [
                    {"id": tid, "name": name, "auto_assign": False, "member_ids": [me]}
                    for tid, name in zip(teams, t["teams"], strict=True)
                ],
                "tags": [
                    {"id": new_id(), "name": name, "color": color}
                    for name, color in zip(tags, TAG_COLORS, strict=True)
                ],
                "macros": [],
                "integrations": [
                    {"id": new_id(), "medium": m, "name": m.title(), "connected": True}
                    for m in ("kakao", "email", "naver", "instagram", "line", "phone")
                ],
                "customer_fields": [],
                "counts": [
                    {"scope": s, "key": k, "state": st, "count": n}
                    for (s, k, st), n in counts.items()
                ],
            }
        )
        cache.write_chat_page(
            {"type": "chats", "chats": chats, "customers": customers, "states": states}
        )
        cache.finish_bootstrap(100)
        first = chats[0]
        authors = {"customer": None, "me": me, "note": me, "ana": others[0]}
        start = datetime.fromisoformat(first["last_message_at"]) - timedelta(minutes=40)
        messages = []
        for seq, (who, text) in enumerate(t["conversation"], start=1):
            messages.append(
                {
                    "id": new_id(),
                    "chat_id": first["id"],
                    "seq": seq,
                    "author_kind": "customer" if who == "customer" else "manager",
                    "author_id": authors[who],
                    "kind": "note" if who in ("note", "ana") else "message",
                    "blocks": [{"type": "text", "text": text}],
                    "created_at": (start + timedelta(minutes=seq * 7)).isoformat(),
                    "customer_read_at": None,
                    "delivered_at": None,
                }
            )
        cache.write_fetched_messages(first["id"], messages, before=None, more=False)
    finally:
        cache.close()
    return str(first["id"])


def shoot(out: Path, lang: str, width: int, height: int) -> None:
    """In this process: the window in `lang`, grabbed to `out` (the scheme from the env)."""
    from PySide6.QtWidgets import QApplication

    from desktop import i18n
    from desktop.controller.ui import build_ui
    from desktop.views import theme
    from desktop.views.fonts import install_ui_font

    app = QApplication([sys.argv[0]])
    i18n.install(app, lang)
    install_ui_font(app)
    theme.install(app)
    with tempfile.TemporaryDirectory(prefix="sangdam-shot-") as tmp:
        path = Path(tmp) / "cache.sqlite3"
        chat_id = seed(path, lang, datetime.now(UTC))
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
        window.grab().save(str(out))
        ui.reader.close()
        window.close()


def run_shots(
    module: str,
    shots: Sequence[tuple[str, str, str]],
    shoot_one: Callable[[Path, str, int, int], None],
    out: Path,
    height: int,
    argv: list[str] | None,
    doc: str | None = __doc__,
) -> int:
    """Each shot (file, language, scheme) in a process of its own (`--one`): the colour
    scheme and the language are fixed when Qt starts."""
    p = argparse.ArgumentParser(prog=f"python -m {module}", description=doc)
    p.add_argument("--out", type=Path, default=out)
    p.add_argument("--width", type=int, default=1600)
    p.add_argument("--height", type=int, default=height)
    p.add_argument("--one", nargs=2, metavar=("FILE", "LANG"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.one:
        shoot_one(Path(args.one[0]), args.one[1], args.width, args.height)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, lang, scheme in shots:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SANGDAM_COLOR_SCHEME=scheme)
        env.setdefault("TZ", "Asia/Seoul")
        target = args.out / name
        cmd = [sys.executable, "-m", module, "--one", str(target), lang]
        cmd += ["--width", str(args.width), "--height", str(args.height)]
        subprocess.run(cmd, env=env, check=True)
        print(target)
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_shots("bench.screenshots", SHOTS, shoot, Path("docs"), 1000, argv)


if __name__ == "__main__":
    sys.exit(main())
