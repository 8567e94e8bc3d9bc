"""bench.push's load: clients that each push one mutation at a time, every one effective.

Each client stands for one desktop: its own client id, mutation numbering and keep-alive
connection (bench/raw_http.py), one push in flight (send, await the answer, send the
next). It owns a few chats no other client touches, and keeps what it has made of them
(starred, followed, tags, open or closed), so every mutation it picks changes something:
a new message, a new description, and star, follow, a tag and the chat's state each
flipped from what it is. The server's answer says whether it did: ``applied`` with a
``seq`` changed something (counted), ``applied`` without one changed nothing (a no-op),
``refused`` said no; the last two are counted apart.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench._support import cpu_seconds, machine_cpu_seconds, postgres_cpu_seconds
from bench.raw_http import RawHTTP

TAGS = ("vip", "refund", "bug", "shipping", "billing", "later")
# (mutation, weight); each flips or adds something, so each is effective.
MIX: tuple[tuple[str, int], ...] = (
    ("send_message", 30),
    ("tag", 20),  # add_tag or remove_tag: the tag's presence flipped
    ("star", 15),  # starred flipped
    ("set_description", 13),  # a new text each time
    ("follow", 12),  # follow or unfollow: flipped
    ("set_state", 10),  # open -> closed -> open
)
TEXTS = (
    "안녕하세요, 확인해 보겠습니다.",
    "Thanks, the refund is on its way.",
    "Could you send a photo of the parcel?",
    "주문 번호를 알려주시겠어요?",
)


@dataclass
class ChatView:
    """What one client has made of a chat it owns (nothing else changes these)."""

    id: str
    starred: bool = False
    following: bool = False
    tags: set[str] = field(default_factory=set)
    state: str = "open"


# (mutation name, its args, the chat, what the chat's view becomes once applied)
Planned = tuple[str, dict[str, Any], ChatView, dict[str, Any]]


def flip_tag(chat: ChatView, tag: str) -> Planned:
    name = "remove_tag" if tag in chat.tags else "add_tag"
    return name, {"chat_id": chat.id, "tag": tag}, chat, {"tags": chat.tags ^ {tag}}


@dataclass
class Client:
    """One desktop's outbox: its own client id and mutation numbering, its chats."""

    token: str
    rng: random.Random
    chats: list[ChatView]
    messages_only: bool = False  # the baseline's clients: send_message only
    client_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    next_id: int = 1
    written: int = 0  # descriptions written, to make each new

    def next_mutation(self) -> Planned:
        chat = self.rng.choice(self.chats)
        kind = "send_message"
        if not self.messages_only:
            names, weights = zip(*MIX, strict=True)
            kind = self.rng.choices(names, weights)[0]
        match kind:
            case "send_message":
                blocks = [{"type": "text", "text": self.rng.choice(TEXTS)}]
                args = {"chat_id": chat.id, "message_id": str(uuid.uuid4()), "blocks": blocks}
                return "send_message", args, chat, {}
            case "tag":
                return flip_tag(chat, self.rng.choice(TAGS))
            case "star":
                starred = not chat.starred
                return "star", {"chat_id": chat.id, "starred": starred}, chat, {"starred": starred}
            case "set_description":
                self.written += 1
                what = self.rng.choice(["late", "damaged", "resend"])
                text = f"Order {self.client_id[:8]}-{self.written}: {what}"
                return "set_description", {"chat_id": chat.id, "description": text}, chat, {}
            case "follow":
                name = "unfollow" if chat.following else "follow"
                return name, {"chat_id": chat.id}, chat, {"following": not chat.following}
            case _:  # set_state
                state = "closed" if chat.state == "open" else "open"
                args = {"chat_id": chat.id, "state": state, "expected_state": chat.state}
                return "set_state", args, chat, {"state": state}


@dataclass
class Tally:
    """Completions whose answer arrived inside a round's window, over all rounds."""

    window_start: float = 0.0
    window_end: float = float("inf")
    window_total: float = 0.0  # seconds of windows so far
    latencies: list[float] = field(default_factory=list)  # seconds, effective mutations
    by_name: Counter[str] = field(default_factory=Counter)  # effective mutations
    effective: int = 0
    noop: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    retried: Counter[str] = field(default_factory=Counter)  # transport errors, sent again
    cpu: Counter[str] = field(default_factory=Counter)  # CPU seconds over the windows

    def counts(self, t1: float) -> bool:
        return self.window_start <= t1 <= self.window_end


async def push_one(http: RawHTTP, c: Client, planned: Planned, tally: Tally) -> None:
    name, args, chat, after = planned
    body = {
        "client_id": c.client_id,
        "mutations": [{"mutation_id": c.next_id, "name": name, "args": args}],
    }
    headers = {"Authorization": f"Bearer {c.token}"}
    t0 = time.perf_counter()
    for attempt in range(3):
        try:
            r = await http.post("/sync/push", json=body, headers=headers)
            break
        except httpx.TransportError as exc:
            # The answer was lost (e.g. a kept-alive connection the server had just
            # closed): send the same push again, as the desktop's outbox does; if the
            # first one was applied, our server answers with its stored result.
            tally.retried[type(exc).__name__] += 1
            if attempt == 2:
                tally.errors[f"{type(exc).__name__} (3 tries)"] += 1
                return
    t1 = time.perf_counter()
    if r.status_code != 200:
        # Nothing was recorded (the transaction rolled back): the id is still free.
        tally.errors[f"HTTP {r.status_code}: {r.text[:120]}"] += 1
        return
    data = r.json()
    result = data["results"][0] if data.get("results") else None
    if (
        result is None
        or data.get("expected_mutation_id") is not None
        or (result.get("duplicate") and attempt == 0)
        or result["mutation_id"] != c.next_id
    ):
        tally.errors[f"unexpected answer: {json.dumps(data)[:160]}"] += 1
        return
    c.next_id += 1
    if result["status"] == "applied":
        for key, value in after.items():  # the chat is now as asked, changed or not
            setattr(chat, key, value)
    if not tally.counts(t1):
        return
    if result["status"] != "applied":
        tally.refused[f"{name}: {result['error']['code']}"] += 1
    elif result.get("seq") is None:
        tally.noop[name] += 1
    else:
        tally.effective += 1
        tally.by_name[name] += 1
        tally.latencies.append(t1 - t0)


async def run_round(
    base_url: str,
    pool: list[Client],
    tally: Tally,
    *,
    warmup: float,
    seconds: float,
    server_pid: int,
    postgres: bool,
) -> None:
    """Every client pushes for warmup + seconds; completions in the last `seconds` count."""
    tally.window_start = time.perf_counter() + warmup
    tally.window_end = tally.window_start + seconds
    cpu_task = asyncio.create_task(
        _cpu_during(tally.window_start, tally.window_end, server_pid, postgres)
    )
    https = [RawHTTP(base_url) for _ in pool]

    async def worker(http: RawHTTP, c: Client) -> None:
        while time.perf_counter() < tally.window_end:
            await push_one(http, c, c.next_mutation(), tally)

    try:
        await asyncio.gather(*(worker(h, c) for h, c in zip(https, pool, strict=True)))
    finally:
        await asyncio.gather(*(h.aclose() for h in https))
    tally.cpu.update(await cpu_task)
    tally.window_total += seconds


async def _cpu_during(
    start: float, end: float, server_pid: int, postgres: bool
) -> dict[str, float]:
    """CPU seconds used over the window by the server, this process, PostgreSQL, others."""
    await asyncio.sleep(max(0.0, start - time.perf_counter()))
    me = os.getpid()
    s0, b0 = cpu_seconds(server_pid, children=True), cpu_seconds(me)
    m0 = machine_cpu_seconds()
    p0 = postgres_cpu_seconds() if postgres else 0.0
    await asyncio.sleep(max(0.0, end - time.perf_counter()))
    used = {
        "server": cpu_seconds(server_pid, children=True) - s0,
        "load generator": cpu_seconds(me) - b0,
    }
    if postgres:
        used["postgres"] = postgres_cpu_seconds() - p0
    used["other processes"] = max(0.0, machine_cpu_seconds() - m0 - sum(used.values()))
    return used
