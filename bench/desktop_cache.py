"""A big desktop cache for the benchmarks: as a finished bootstrap and feed leave it.

Written through the cache's own schema and row encoders (`Cache.open` creates the
tables, `desktop.sync.rows` turns server rows into table rows, the bootstrap's reference
and end steps write the rest), but the bulk rows go in with one `executemany` per table
in one transaction: 100,000 chats and 1,000,000 messages take seconds, not the minutes
the bootstrap's page-by-page upserts would. Built files are kept in the temp folder,
keyed by the cache's schema version and the sizes, so only the first run pays; those of
another schema version are removed then (the full size takes about 750 MB).
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.sync import message_marks, rows, search_index
from desktop.sync import tables as t
from desktop.sync.cache import Cache
from desktop.sync.paths import cache_path
from protocol.preview import preview

BUILDER_VERSION = 4  # bump when what `build` writes changes: older files are rebuilt
# Nothing listens on the discard port: the app finds its server down.
SERVER_URL = "http://127.0.0.1:9"

SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"]
GIVEN = [
    "민준",
    "서연",
    "지호",
    "수아",
    "하준",
    "지우",
    "도윤",
    "서윤",
    "예준",
    "하은",
    "시우",
    "지민",
    "주원",
    "채원",
    "건우",
    "다은",
    "현우",
    "소율",
    "우진",
    "지아",
]
LATIN = ["Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Sofia", "Leo"]
LATIN_LAST = ["Kim", "Park", "Lee", "Smith", "Garcia", "Tanaka", "Nguyen", "Brown"]
# Messages are drawn from templates with varied slots, so search (L5) meets text that is
# not the same seven sentences a million times: a word is in some messages, not all.
TEMPLATES = [
    "안녕하세요, 주문한 {product}이 아직 도착하지 않았어요.",
    "환불 요청드립니다. 주문번호 {order} 입니다.",
    "{product} 배송조회 부탁드립니다. 주문번호 {order}",
    "배송지를 {place}(으)로 변경할 수 있을까요?",
    "{product} 색상 교환 가능한가요?",
    "결제가 두 번 됐어요. 카드 끝자리 {digits}",
    "{place} 매장에 재고 있나요? {product} 찾고 있어요.",
    "네, 확인해 보겠습니다. 잠시만 기다려 주세요.",
    "쿠폰 {coupon} 적용이 안 돼요.",
    "Hi, I can't log in to my account since {day}.",
    "Hello, I was charged twice for my {product} order {order}.",
    "Where is my {product}? Tracking says it left {place} on {day}.",
    "Can I change the delivery address to {place}?",
    "The {product} arrived damaged, I'd like a replacement.",
    "Thanks! That fixed it.",
]
SLOTS = {
    "product": ["무선 이어폰", "노트북 파우치", "텀블러", "운동화", "블루투스 스피커",
                "캠핑 의자", "커피 원두", "책상 조명", "keyboard", "monitor stand",
                "water bottle", "backpack", "phone case", "desk lamp", "running shoes"],
    "place": ["서울 강남", "부산 해운대", "대전 유성", "인천 송도", "광주 상무", "Seoul",
              "Busan", "Incheon", "Daegu", "Jeju"],
    "day": ["Monday", "Tuesday", "yesterday", "this morning", "last week"],
    "coupon": ["WELCOME10", "SPRING25", "VIP2026", "FREESHIP"],
}  # fmt: skip
TAG_SETS = [["vip"], ["배송문의"], ["환불"], ["결제오류", "vip"], ["교환"], ["bug"]]
MEDIA = ["web", "web", "email", "kakao", "instagram", "naver", "line", "phone"]


@dataclass(frozen=True, slots=True)
class Login:
    """Whose cache it is: what the settings file's last login names."""

    server_url: str
    workspace_id: str
    manager_id: str
    email: str = "me@bench.test"

    def path(self, folder: Path) -> Path:
        return cache_path(self.server_url, self.workspace_id, self.manager_id, folder=folder)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def login_for(seed: int) -> Login:
    rng = random.Random(seed)
    return Login(SERVER_URL, _uuid(rng), _uuid(rng))


def kept_cache(chats: int, messages: int, seed: int = 7) -> tuple[Login, Path, float | None]:
    """The cache file for these sizes in the temp folder, built if missing: (its login,
    the data folder to give the app as SANGDAM_DATA_DIR, seconds spent building or None)."""
    version = f"sangdam-bench-cache-s{t.SCHEMA_VERSION}-b{BUILDER_VERSION}-"
    folder = Path(tempfile.gettempdir()) / f"{version}{chats}x{messages}-{seed}"
    login = login_for(seed)
    path = login.path(folder / "data" / "cache")
    if path.exists():
        return login, folder / "data", None
    for old in folder.parent.glob("sangdam-bench-cache-s*"):
        if not old.name.startswith(version):  # another schema: the app would rebuild it
            shutil.rmtree(old, ignore_errors=True)
    began = time.monotonic()
    building = path.with_name(path.name + ".building")
    for leftover in building.parent.glob(building.name + "*"):
        leftover.unlink()
    build(building, login, chats, messages, seed=seed)
    for suffix in ("-wal", "-shm"):
        building.with_name(building.name + suffix).unlink(missing_ok=True)
    building.rename(path)  # only a finished file gets the name the app looks for
    return login, folder / "data", time.monotonic() - began


def build(path: Path, login: Login, chats: int, messages: int, *, seed: int = 7) -> None:
    """`chats` chats, newest first a minute apart, with `messages` messages spread over
    them (the newest chats get one more when they do not divide evenly)."""
    rng = random.Random(seed)
    me = login.manager_id
    others = [_uuid(rng) for _ in range(5)]
    team = _uuid(rng)
    cache = Cache.open(
        path,
        server_url=login.server_url,
        workspace_id=login.workspace_id,
        manager_id=me,
    )
    try:
        cache.begin_bootstrap(0)
        cache.write_reference(_reference(login, me, others, team, chats))
    finally:
        cache.close()

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        # A benchmark fixture, rebuilt if torn: no journal (the rows go to the file once,
        # not through a WAL as big as the file), no syncs, and a big page cache for the
        # indexes keyed by random ids.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -1000000")  # KiB: up to ~1 GB while building
        conn.execute("BEGIN")
        search_index.drop_triggers(conn)  # the search index is built at the end, at once
        message_marks.drop_triggers(conn)  # and so are the panel's message marks
        top = messages  # the newest chat holds the highest seqs
        start = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
        for first in range(0, chats, 5_000):
            page_chats, page_customers, page_states, page_messages = [], [], [], []
            for i in range(first, min(chats, first + 5_000)):
                n = messages // chats + (1 if i < messages % chats else 0)
                last_at = start - timedelta(minutes=i)
                cid, cust = _uuid(rng), _uuid(rng)
                top -= n
                chat_messages = list(_messages(rng, cid, n, top, last_at, me))
                page_messages.extend(chat_messages)
                chat = _chat(rng, cid, cust, i, [me, *others], team)
                last = chat_messages[-1] if chat_messages else None
                chat.update(
                    last_message_at=(last or {}).get("created_at") or last_at.isoformat(),
                    last_message_seq=(last or {}).get("seq") or 0,
                    last_message_preview=_preview(last),
                    created_at=(last_at - timedelta(hours=1)).isoformat(),
                )
                page_chats.append(rows.chat_params(chat, history_from=0))
                name = customer_name(rng)
                page_customers.append({"id": cust, "name": name, "data": _customer(cust, name)})
                if i % 7 == 0:
                    page_states.append(_state(rng, cid, me, i, chat["last_message_seq"]))
            _insert(conn, t.chats, page_chats)
            _insert(conn, t.customers, page_customers)
            _insert(conn, t.chat_state, page_states)
            _insert(conn, t.messages, [rows.message_params(m) for m in page_messages])
        search_index.rebuild(conn)
        message_marks.rebuild(conn)
        conn.execute("COMMIT")
    finally:
        conn.close()

    cache = Cache.open(
        path,
        server_url=login.server_url,
        workspace_id=login.workspace_id,
        manager_id=me,
    )
    try:
        cache.finish_bootstrap(max(messages, 1))
    finally:
        cache.close()


def _preview(message: dict[str, Any] | None) -> str:
    if message is None:
        return ""
    return preview(message["blocks"], note=message.get("kind") == "note")


def _insert(conn: sqlite3.Connection, table: Any, values: list[dict[str, Any]]) -> None:
    if not values:
        return
    names = list(values[0])
    conn.executemany(
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [tuple(v[n] for n in names) for v in values],
    )


def _messages(
    rng: random.Random, chat_id: str, n: int, seq: int, last_at: datetime, me: str
) -> Iterator[dict[str, Any]]:
    for k in range(n):
        by_me = k % 3 == 2
        yield {
            "id": _uuid(rng),
            "chat_id": chat_id,
            "seq": seq + k + 1,
            "author_kind": "manager" if by_me else "customer",
            "author_id": me if by_me else None,
            "kind": "reply",
            "blocks": [{"type": "text", "text": text(rng)}],
            "created_at": (last_at - timedelta(seconds=20 * (n - 1 - k))).isoformat(),
            "customer_read_at": None,
            "delivered_at": None,
        }


def _chat(
    rng: random.Random, cid: str, cust: str, i: int, managers: list[str], team: str
) -> dict[str, Any]:
    return {
        "id": cid,
        "customer_id": cust,
        "medium": MEDIA[i % len(MEDIA)],
        "state": "open",
        "snooze_until": None,
        "team_id": team,
        "assignee_id": rng.choice([None, *managers]),
        "follower_ids": [],
        "tags": TAG_SETS[(i // 11) % len(TAG_SETS)] if i % 11 == 0 else [],
        "description": "",
        "source_kind": None,
        "source_name": None,
        "goal": None,
        "goal_reached": False,
        "queued_since": None,
        "page_url": None,
    }


def customer_name(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return rng.choice(SURNAMES) + rng.choice(GIVEN)
    return f"{rng.choice(LATIN)} {rng.choice(LATIN_LAST)}"


def text(rng: random.Random) -> str:
    """A customer's or an agent's line, from the templates."""
    return rng.choice(TEMPLATES).format(
        product=rng.choice(SLOTS["product"]),
        place=rng.choice(SLOTS["place"]),
        day=rng.choice(SLOTS["day"]),
        coupon=rng.choice(SLOTS["coupon"]),
        order=f"2026-{rng.randrange(100_000, 999_999)}",
        digits=f"{rng.randrange(10_000):04d}",
    )


def _customer(cust: str, name: str) -> str:
    return rows.dumps(
        {"id": cust, "name": name, "avatar_url": None, "profile": {}, "identities": []}
    )


def _state(rng: random.Random, cid: str, me: str, i: int, last_seq: int) -> dict[str, Any]:
    unread = rng.randint(1, 5)
    data = {
        "chat_id": cid,
        "manager_id": me,
        "starred": i % 21 == 0,
        "read_seq": max(0, last_seq - unread),
        "unread_count": unread,
        "mentioned": False,
        "in_sessions": True,
    }
    return {
        "chat_id": cid,
        "starred": data["starred"],
        "unread_count": unread,
        "mentioned": False,
        "in_sessions": True,
        "read_seq": data["read_seq"],
        "data": rows.dumps(data),
    }


def _reference(login: Login, me: str, others: list[str], team: str, chats: int) -> dict[str, Any]:
    managers = [
        {
            "id": mid,
            "name": name,
            "email": login.email if mid == me else f"m{i}@bench.test",
            "role": "manager",
            "permissions": [],
            "operator_seat": True,
            "available": True,
            "max_auto_assign": 50,
            "notify_unassigned": False,
            "avatar_url": None,
            "team_ids": [team],
        }
        for i, (mid, name) in enumerate(
            zip([me, *others], ["Me", "Ana", "Ben", "Chae", "Dan", "Eun"], strict=True)
        )
    ]
    return {
        "type": "reference",
        "workspace": {"id": login.workspace_id, "name": "Bench"},
        "me": managers[0],
        "managers": managers,
        "teams": [{"id": team, "name": "Support", "auto_assign": False, "member_ids": []}],
        "tags": [{"id": str(uuid.UUID(int=1)), "name": "vip", "color": "#f59e0b"}],
        "macros": [],
        "integrations": [],
        "customer_fields": [],
        "counts": [{"scope": "", "key": "all", "state": "open", "count": chats}],
    }
