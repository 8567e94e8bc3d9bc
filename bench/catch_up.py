"""Catching up on the feed with the window open: how fast, and does the GUI stutter?

    python -m bench.catch_up [--entries 20000] [--chats 2000] [--seed 1]

A desktop that was offline for a while receives the change log it missed in large
batches. Here the window is up, as in the app: `build_ui` over the cache (its models,
the main window shown at its default size, offscreen unless QT_QPA_PLATFORM says
otherwise, the chat that receives the most messages open in the conversation) and its
controller. `--entries` generated feed entries (the mix a busy workspace writes: per
customer message a message entry, the chat row, my chat_state and one or two sidebar
counts; now and then a notification, a manager's own reply, an assignment) go through
the engine's apply path, `desktop.sync.engine.apply_feed`: chunks of FEED_CHUNK entries,
each one transaction in a worker thread, each announced to the controller's
`on_changed` as the engine announces it, so the models re-read what changed and the
views repaint, on the GUI thread, while the next chunk is written. The cache already
holds the workspace's `--chats` chats, as after a bootstrap. Notifications are not shown
(no notifier is attached: the engine would summarise a catch-up's anyway). At the end
the bench checks that the models followed: the newest chat on top of the list, the open
conversation showing the messages that arrived for it.

The clock starts just before `apply_feed` is awaited and stops when it has returned (the
last chunk committed and announced) and the controller has told the models every chunk
(it merges chunks that come faster than the window should repaint, and tells the merge a
moment later: that moment is inside the clock); entries_per_s = entries / that time.
Meanwhile a Qt heartbeat timer (a precise QTimer, every 5 ms, on the GUI thread's event
loop) records when it fires; gui_stall_ms is the longest gap between two of its ticks in
that time (5 ms when nothing stalls).

The baseline, in the same run: the same entries applied the same way onto copies of
the same cache with no window and no one told (the engine's apply path alone), once
before and once after the run with the window; baseline_entries_per_s from their mean
time, baseline_stall_ms the worse of their stalls, rate_ratio = entries_per_s /
baseline_entries_per_s (what the window costs the catch-up).

Targets: entries_per_s >= 10,000, gui_stall_ms < 50.
The last line is JSON: entries_per_s, gui_stall_ms, baseline_entries_per_s,
baseline_stall_ms, rate_ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.sync.cache import Cache
from desktop.sync.engine import FEED_CHUNK, apply_feed

HEARTBEAT_MS = 5
TARGET_RATE = 10_000  # entries per second
TARGET_STALL_MS = 50.0
WORDS = [
    "주문",
    "배송",
    "환불",
    "문의",
    "확인",
    "감사합니다",
    "order",
    "refund",
    "shipping",
    "please",
    "thanks",
    "when",
]


class Workspace:
    """Generates change-log entries for one workspace, as the server would log them."""

    def __init__(self, rng: random.Random, chats: int) -> None:
        self.rng = rng
        self.me = str(uuid.UUID(int=rng.getrandbits(128)))
        self.managers = [self.me] + [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(9)]
        self.team = str(uuid.UUID(int=rng.getrandbits(128)))
        self.seq = 0
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
        self.chats: list[dict[str, Any]] = []
        self.customers: list[dict[str, Any]] = []
        self.states: dict[str, dict[str, Any]] = {}
        self.counts: dict[tuple[str, str, str], int] = {}
        for i in range(chats):
            cid = str(uuid.UUID(int=rng.getrandbits(128)))
            customer: dict[str, Any] = {
                "id": str(uuid.UUID(int=rng.getrandbits(128))),
                "name": f"고객 {i}",
                "avatar_url": None,
                "profile": {"plan": rng.choice(["free", "pro"])},
                "identities": [],
            }
            self.customers.append(customer)
            self.chats.append(
                {
                    "id": cid,
                    "customer_id": customer["id"],
                    "medium": rng.choice(["web", "kakao", "email", "line"]),
                    "state": "open",
                    "snooze_until": None,
                    "team_id": self.team,
                    "assignee_id": rng.choice([None, *self.managers]),
                    "follower_ids": [],
                    "tags": rng.sample(["vip", "refund", "bug", "urgent"], rng.randint(0, 2)),
                    "description": "",
                    "source_kind": None,
                    "source_name": None,
                    "goal": None,
                    "goal_reached": False,
                    "queued_since": None,
                    "page_url": "https://shop.example/order",
                    "last_message_at": self._tick(),
                    "last_message_seq": 0,
                    "last_message_preview": "",
                    "created_at": self._tick(),
                }
            )

    def _tick(self) -> str:
        self.now += timedelta(milliseconds=self.rng.randint(1, 4000))
        return self.now.isoformat()

    def _entry(self, entity: str, entry_id: str, data: dict[str, Any]) -> dict[str, Any]:
        self.seq += 1
        return {"seq": self.seq, "entity": entity, "id": entry_id, "op": "upsert", "data": data}

    def _text(self) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(3, 25)))

    def snapshot(self) -> list[dict[str, Any]]:
        """The state a bootstrap would have left: every chat and customer."""
        out = [self._entry("customer", c["id"], c) for c in self.customers]
        out += [self._entry("chat", c["id"], dict(c)) for c in self.chats]
        return out

    def _count(self, scope: str, key: str, delta: int) -> dict[str, Any]:
        k = (scope, key, "open")
        self.counts[k] = max(0, self.counts.get(k, 0) + delta)
        return self._entry(
            "count",
            f"{scope}|{key}|open",
            {"scope": scope, "key": key, "state": "open", "count": self.counts[k]},
        )

    def event(self) -> list[dict[str, Any]]:
        """One thing happening in the workspace, as its entries."""
        chat = self.rng.choice(self.chats[: len(self.chats) // 4] or self.chats)  # hot chats
        roll = self.rng.random()
        out: list[dict[str, Any]] = []
        if roll < 0.08:  # someone assigns it
            old = chat["assignee_id"]
            chat["assignee_id"] = self.rng.choice(self.managers)
            out.append(self._entry("chat", chat["id"], dict(chat)))
            if old is not None:
                out.append(self._count("", f"assignee:{old}", -1))
            out.append(self._count("", f"assignee:{chat['assignee_id']}", +1))
            return out
        by_me = roll < 0.15
        seq = self.seq + 1
        text = self._text()
        message = {
            "id": str(uuid.UUID(int=self.rng.getrandbits(128))),
            "chat_id": chat["id"],
            "seq": seq,
            "author_kind": "manager" if by_me else "customer",
            "author_id": self.me if by_me else None,
            "kind": "reply",
            "blocks": [{"type": "text", "text": text}],
            "created_at": self._tick(),
            "customer_read_at": None,
            "delivered_at": None,
        }
        out.append(self._entry("message", message["id"], message))
        chat.update(
            last_message_at=message["created_at"],
            last_message_seq=seq,
            last_message_preview=text[:120],
        )
        out.append(self._entry("chat", chat["id"], dict(chat)))
        state = self.states.setdefault(
            chat["id"],
            {
                "chat_id": chat["id"],
                "manager_id": self.me,
                "starred": False,
                "read_seq": 0,
                "unread_count": 0,
                "mentioned": False,
                "in_sessions": False,
            },
        )
        was_unread = state["unread_count"] > 0
        if by_me:
            state.update(read_seq=seq, unread_count=0)
        else:
            state["unread_count"] += 1
        out.append(self._entry("chat_state", f"{chat['id']}:{self.me}", dict(state)))
        now_unread = state["unread_count"] > 0
        if now_unread != was_unread:
            out.append(self._count(self.me, "unread", 1 if now_unread else -1))
        if not by_me and chat["assignee_id"] == self.me:
            nid = str(uuid.UUID(int=self.rng.getrandbits(128)))
            out.append(
                self._entry(
                    "notification",
                    nid,
                    {
                        "id": nid,
                        "manager_id": self.me,
                        "reason": "assigned",
                        "chat_id": chat["id"],
                        "message_id": message["id"],
                        "customer_name": "고객",
                        "medium": chat["medium"],
                        "team_id": self.team,
                        "team_name": "Support",
                        "preview": text[:120],
                        "internal": False,
                        "created_at": message["created_at"],
                    },
                )
            )
        return out

    def entries(self, n: int) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        while len(out) < n:
            out.extend(self.event())
        return out[:n]


class Heartbeat:
    """A precise Qt timer on the GUI thread's event loop, every HEARTBEAT_MS: the gaps
    between its ticks are what the GUI feels."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    async def apply(
        self,
        cache: Cache,
        entries: list[dict[str, Any]],
        cursor: int,
        told: Callable[[], bool] = lambda: True,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """`apply_feed` with the heartbeat running, until `told()` (the window has been
        told every chunk): its time and the gaps during it."""
        self.ticks.clear()
        self.timer.start()
        await asyncio.sleep(0.05)
        start = time.perf_counter()
        await apply_feed(cache, entries, cursor, **kwargs)
        for _ in range(10_000):  # the controller's merged chunks told: well within 10 s
            if told():
                break
            await asyncio.sleep(0.001)
        else:
            raise RuntimeError("the controller never told the models the last chunks")
        elapsed = time.perf_counter() - start
        await asyncio.sleep(0.02)  # the tick that ends the last gap
        self.timer.stop()
        if cache.get_meta().cursor != cursor:
            raise RuntimeError("the cache did not reach the feed's cursor")
        end = start + elapsed
        gaps = [b - a for a, b in itertools.pairwise(self.ticks) if b > start and a < end]
        if not gaps:
            raise RuntimeError("the heartbeat never ticked")
        return {
            "elapsed": elapsed,
            "stall_ms": max(gaps) * 1000,
            "median_gap_ms": statistics.median(gaps) * 1000,
            "ticks": len(gaps),
        }


async def with_window(
    cache: Cache, entries: list[dict[str, Any]], cursor: int, open_chat: str
) -> dict[str, Any]:
    """Apply `entries` with the window's models attached and a heartbeat running."""
    from desktop.controller.ui import build_ui

    ui = build_ui(cache.path, account="catch-up")
    try:
        ui.window.show()
        if not ui.window.show_chat(open_chat):  # as a click on its notification does
            raise RuntimeError("the chat to open is not in the cache")
        for _ in range(30):  # the window painted, the chat's messages shown
            await asyncio.sleep(0.01)
        if ui.messages.chat_id != open_chat:
            raise RuntimeError("the chat did not open in the conversation")
        shown_before = ui.messages.rowCount()
        got = await Heartbeat().apply(
            cache,
            entries,
            cursor,
            told=lambda: not ui.controller.changes_pending,
            announce=ui.controller.on_changed,
        )
        # Opening the chat may have scrolled the list away from its top, where the order
        # holds still (issue 14): the "N new" pill applies what waited.
        ui.window.chat_list.hold.show_new()
        return {
            **got,
            "top_row": ui.chats.item(0),
            "shown_before": shown_before,
            "shown_after": ui.messages.rowCount(),
        }
    finally:
        ui.close()


def copies(source: Path, n: int) -> list[Path]:
    """`n` copies of a closed cache file, beside it."""
    out = []
    for i in range(n):
        target = source.with_name(f"copy{i}-{source.name}")
        src, dst = sqlite3.connect(source), sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        out.append(target)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--chats", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.entries < FEED_CHUNK or args.chats < 4:
        parser.error(f"--entries must be at least {FEED_CHUNK} and --chats at least 4")

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync  # type: ignore[import-untyped]

    from desktop.app import asyncgen_hooks, make_app

    app = make_app()
    rng = random.Random(args.seed)
    ws = Workspace(rng, args.chats)
    url, workspace_id = "http://bench.invalid", str(uuid.uuid4())
    with tempfile.TemporaryDirectory(prefix="sangdam-catch-up-") as folder:
        first = Cache.for_login(url, workspace_id, ws.me, folder=Path(folder))
        try:
            asyncio.run(apply_feed(first, ws.snapshot(), ws.seq))
        finally:
            first.close()
        entries = ws.entries(args.entries)
        cursor = entries[-1]["seq"]
        kinds: dict[str, int] = {}
        per_chat: dict[str, int] = {}
        for e in entries:
            kinds[e["entity"]] = kinds.get(e["entity"], 0) + 1
            if e["entity"] == "message":
                per_chat[e["data"]["chat_id"]] = per_chat.get(e["data"]["chat_id"], 0) + 1
        written = [e["data"] for e in entries if e["entity"] == "chat"]
        newest = max(written, key=lambda c: (c["last_message_at"], c["id"]))["id"]
        open_chat, to_open = max(per_chat.items(), key=lambda kv: kv[1])
        print(f"cache: {args.chats} chats already there, as after a bootstrap")
        print(
            f"applying {len(entries)} entries in chunks of {FEED_CHUNK}: "
            + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        )

        async def run() -> list[dict[str, Any]]:
            out = []
            with asyncgen_hooks():
                for i, path in enumerate(copies(first.path, 3)):
                    cache = Cache.open(
                        path, server_url=url, workspace_id=workspace_id, manager_id=ws.me
                    )
                    try:
                        if i == 1:
                            out.append(await with_window(cache, entries, cursor, open_chat))
                        else:  # the baseline, before and after: no window, nobody told
                            out.append(await Heartbeat().apply(cache, entries, cursor))
                    finally:
                        cache.close()
            return out

        before, got, after = asyncio.run(run(), loop_factory=lambda: qasync.QEventLoop(app))
    # the models followed: the list's top row is the chat written to last, and the open
    # conversation gained the messages its chat received
    top = got["top_row"]
    if top is None or top.id != newest:
        raise RuntimeError("the chat list does not show the newest chat on top")
    if got["shown_after"] < got["shown_before"] + to_open:
        raise RuntimeError("the open conversation did not show its new messages")
    rate = len(entries) / got["elapsed"]
    stall = got["stall_ms"]
    base_rate = len(entries) / statistics.mean([before["elapsed"], after["elapsed"]])
    base_stall = max(before["stall_ms"], after["stall_ms"])
    print(
        f"baseline, no window: {base_rate:,.0f} entries/s, longest stall {base_stall:.1f} ms "
        "(the worse of a run before and one after)"
    )
    print(
        f"with the window: open chat {got['shown_before']} -> {got['shown_after']} messages "
        f"shown ({to_open} arrived); heartbeat: {got['ticks']} ticks, median gap "
        f"{got['median_gap_ms']:.1f} ms"
    )
    print(
        f"applied in {got['elapsed']:.2f} s: {rate:,.0f} entries/s "
        f"(target >= {TARGET_RATE:,}) {'ok' if rate >= TARGET_RATE else 'BELOW TARGET'}; "
        f"{rate / base_rate:.2f}x the baseline's rate"
    )
    print(
        f"longest GUI stall: {stall:.1f} ms (target < {TARGET_STALL_MS:.0f} ms) "
        f"{'ok' if stall < TARGET_STALL_MS else 'ABOVE TARGET'}"
    )
    print(
        json.dumps(
            {
                "entries_per_s": round(rate),
                "gui_stall_ms": round(stall, 1),
                "baseline_entries_per_s": round(base_rate),
                "baseline_stall_ms": round(base_stall, 1),
                "rate_ratio": round(rate / base_rate, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
