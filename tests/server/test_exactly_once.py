"""Exactly once under faults: 10,000+ mutations through a real server process while
responses are dropped, requests repeated, mutation ids sent out of order and the server
killed mid-push; then 0 lost, 0 duplicated, and a replay of the feed from 0 rebuilds
the same state.

Each client works on chats of its own, so it can predict every result: its model
applies the same rules as the server (compare-and-set, the 8-tag limit) and every
answer must match the prediction, the first time and on every duplicate.
"""

# covers: Y3, Y2, P2

from __future__ import annotations

import asyncio
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest

from server.db.database import Database
from server.db.types import utcnow
from tests.support.live import LiveServer
from tests.support.world import PASSWORD, World, make_world

TOTAL = 10_000
CLIENTS = 6
CHATS_PER_CLIENT = 4
RESTARTS = 4
TAGS = [f"t{i}" for i in range(11)]
NETWORK_ERRORS = (httpx.TransportError,)


@dataclass
class ChatModel:
    id: str
    state: str = "open"
    assignee: str | None = None
    followers: list[str] = field(default_factory=list)
    auto: set[str] = field(default_factory=set)  # followers an assignment added
    tags: set[str] = field(default_factory=set)
    description: str = ""
    starred: bool = False
    messages: list[str] = field(default_factory=list)


@dataclass
class Client:
    """One desktop install: an outbox of numbered mutations and a model of its chats."""

    name: str
    manager_id: str
    headers: dict[str, str]
    chats: list[ChatModel]
    rng: random.Random
    client_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    next_id: int = 1
    outbox: list[dict[str, Any]] = field(default_factory=list)
    expected: dict[int, str] = field(default_factory=dict)  # mutation id -> predicted status
    results: dict[int, dict[str, Any]] = field(default_factory=dict)

    def make(self, others: list[str]) -> None:
        chat = self.rng.choice(self.chats)
        roll = self.rng.random()
        status = "applied"
        if roll < 0.40:
            mid = str(uuid.uuid4())
            chat.messages.append(mid)
            name, args = (
                "send_message",
                {
                    "chat_id": chat.id,
                    "message_id": mid,
                    "blocks": [{"type": "text", "text": f"{self.name} #{self.next_id} 안녕"}],
                },
            )
        elif roll < 0.50:
            chat.starred = not chat.starred
            name, args = "star", {"chat_id": chat.id, "starred": chat.starred}
        elif roll < 0.58:
            chat.description = f"desc {self.next_id} #tag"
            name, args = "set_description", {"chat_id": chat.id, "description": chat.description}
        elif roll < 0.73:
            tag = self.rng.choice(TAGS)
            if self.rng.random() < 0.6:
                name, args = "add_tag", {"chat_id": chat.id, "tag": tag}
                if tag not in chat.tags and len(chat.tags) >= 8:
                    status = "refused"
                else:
                    chat.tags.add(tag)
            else:
                name, args = "remove_tag", {"chat_id": chat.id, "tag": tag}
                chat.tags.discard(tag)
        elif roll < 0.88:
            new = self.rng.choice(["open", "snoozed", "closed"])
            stale = self.rng.random() < 0.2
            expected = (
                self.rng.choice([s for s in ("open", "snoozed", "closed") if s != chat.state])
                if stale
                else chat.state
            )
            name, args = "set_state", {"chat_id": chat.id, "state": new, "expected_state": expected}
            if new == "snoozed":
                args["snooze_until"] = (utcnow() + timedelta(days=1)).isoformat()
            if stale:
                status = "refused"
            else:
                chat.state = new
        else:
            who = self.rng.choice([*others, None])
            stale = self.rng.random() < 0.2
            expected = str(uuid.uuid4()) if stale else chat.assignee
            name, args = (
                "assign",
                {"chat_id": chat.id, "assignee_id": who, "expected_assignee_id": expected},
            )
            if stale:
                status = "refused"
            elif who != chat.assignee:
                previous, chat.assignee = chat.assignee, who
                if previous in chat.auto:  # P1, S5: the follow its assignment added goes
                    chat.followers.remove(previous)
                    chat.auto.discard(previous)
                if who is not None and who not in chat.followers:
                    chat.followers.append(who)
                    chat.auto.add(who)
        self.outbox.append({"mutation_id": self.next_id, "name": name, "args": args})
        self.expected[self.next_id] = status
        self.next_id += 1

    def take(self, results: list[dict[str, Any]], failures: list[str]) -> None:
        for r in results:
            mid = r["mutation_id"]
            if r["status"] != self.expected[mid]:
                failures.append(f"{self.name} #{mid}: predicted {self.expected[mid]}, got {r}")
            first = self.results.setdefault(mid, r)
            if (first["status"], first.get("seq"), first.get("error")) != (
                r["status"],
                r.get("seq"),
                r.get("error"),
            ):
                failures.append(
                    f"{self.name} #{mid}: a duplicate answered differently: {first} vs {r}"
                )
        done = {r["mutation_id"] for r in results}
        self.outbox = [m for m in self.outbox if m["mutation_id"] not in done]


async def _push(
    http: httpx.AsyncClient, c: Client, batch: list[dict[str, Any]]
) -> dict[str, Any] | None:
    try:
        r = await http.post(
            "/sync/push", headers=c.headers, json={"client_id": c.client_id, "mutations": batch}
        )
    except NETWORK_ERRORS:
        return None
    if r.status_code >= 500:
        return None
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def run_client(
    http: httpx.AsyncClient,
    c: Client,
    others: list[str],
    quota: int,
    failures: list[str],
    faults: dict[str, int],
) -> None:
    made = 0
    while made < quota or c.outbox:
        while made < quota and len(c.outbox) < 24:
            c.make(others)
            made += 1
        batch = c.outbox[: c.rng.randint(1, 20)]
        roll = c.rng.random()
        if roll < 0.10 and len(c.outbox) > 1:  # out of order: skip the first unacknowledged
            faults["out_of_order"] += 1
            body = await _push(http, c, c.outbox[1 : 1 + len(batch)])
            if body is not None:
                # Mutations the server already has (their answer was lost) come back as
                # duplicates; past them it must stop at the gap and name the id it wants.
                last, want = body["last_mutation_id"], body["expected_mutation_id"]
                if any(r["mutation_id"] > last for r in body["results"]) or want not in (
                    None,
                    last + 1,
                ):
                    failures.append(f"{c.name}: out-of-order push was not stopped: {body}")
                if want is None and last < c.outbox[0]["mutation_id"]:
                    failures.append(f"{c.name}: a skipped mutation went unnoticed: {body}")
                c.take(body["results"], failures)
            continue
        if roll < 0.22:  # the response is lost on the way back
            faults["dropped"] += 1
            await _push(http, c, batch)
            continue
        if roll < 0.30:  # the same request twice
            faults["repeated"] += 1
            await _push(http, c, batch)
        body = await _push(http, c, batch)
        if body is None:
            faults["network"] += 1
            await asyncio.sleep(0.05)
            continue
        c.take(body["results"], failures)


async def restart_loop(server: LiveServer, stop: asyncio.Event, counter: list[int]) -> None:
    for _ in range(RESTARTS):
        try:
            await asyncio.wait_for(stop.wait(), 1.5)
            return
        except TimeoutError:
            pass
        await asyncio.to_thread(server.restart)  # SIGKILL while pushes are in flight
        counter[0] += 1


async def replay(http: httpx.AsyncClient, headers: dict[str, str]) -> dict[tuple[str, str], Any]:
    state: dict[tuple[str, str], Any] = {}
    since = 0
    while True:
        page = (
            await http.get("/sync/changes", params={"since": since, "limit": 1000}, headers=headers)
        ).json()
        for ch in page["changes"]:
            key = (ch["entity"], ch["id"])
            if ch["op"] == "delete":
                state.pop(key, None)
            else:
                state[key] = ch["data"]
        since = page["to"]
        if not page["more"]:
            return state


@pytest.mark.slow
@pytest.mark.timeout(900)
async def test_exactly_once_under_faults(db_url: str, live_server: Any) -> None:
    db = Database(db_url)
    names = ("owner", *(f"agent{i}" for i in range(CLIENTS)))
    world = await make_world(db, names)
    await db.dispose()
    server: LiveServer = live_server(db_url)
    async with httpx.AsyncClient(
        base_url=server.url, timeout=30, limits=httpx.Limits(max_connections=CLIENTS * 2)
    ) as http:
        clients: list[Client] = []
        for i in range(CLIENTS):
            name = f"agent{i}"
            token = (
                await http.post(
                    "/auth/login", json={"email": World.email(name), "password": PASSWORD}
                )
            ).json()["token"]
            chats = []
            for _ in range(CHATS_PER_CLIENT):
                r = await http.post(
                    "/customer/chats",
                    json={"workspace_id": str(world.workspace_id), "text": "문의"},
                )
                chats.append(ChatModel(r.json()["chat_id"]))
            clients.append(
                Client(
                    name,
                    str(world.managers[name]),
                    {"Authorization": f"Bearer {token}"},
                    chats,
                    random.Random(1000 + i),
                )
            )
        # Each client assigns between itself and the owner, so a chat has a follower or
        # two, as in life (every follower is told of every message).
        owner = str(world.managers["owner"])
        failures: list[str] = []
        faults: dict[str, int] = defaultdict(int)
        stop, restarts = asyncio.Event(), [0]
        restarter = asyncio.create_task(restart_loop(server, stop, restarts))
        await asyncio.gather(
            *(
                run_client(http, c, [c.manager_id, owner], TOTAL // CLIENTS + 1, failures, faults)
                for c in clients
            )
        )
        stop.set()
        await restarter

        assert not failures, failures[:10]
        total = sum(c.next_id - 1 for c in clients)
        assert total >= TOTAL
        assert restarts[0] >= 2, f"the server was restarted mid-push only {restarts[0]} times"
        assert (
            faults["dropped"] > 100 and faults["repeated"] > 50 and faults["out_of_order"] > 100
        ), dict(faults)
        for c in clients:
            assert sorted(c.results) == list(range(1, c.next_id)), (
                f"{c.name}: a mutation has no answer"
            )

        # 0 lost, 0 duplicated, and the server's rows equal each client's model
        for c in clients:
            for chat in c.chats:
                row = (await http.get(f"/chats/{chat.id}", headers=c.headers)).json()
                assert (row["state"], row["assignee_id"], set(row["tags"]), row["description"]) == (
                    chat.state,
                    chat.assignee,
                    chat.tags,
                    chat.description,
                ), chat.id
                assert row["follower_ids"] == chat.followers
                messages: list[dict[str, Any]] = []
                params: dict[str, int] = {"limit": 200}
                while True:  # every page: system event lines (assigned, ...) add to them
                    msgs = (
                        await http.get(
                            f"/chats/{chat.id}/messages", params=params, headers=c.headers
                        )
                    ).json()
                    messages[:0] = msgs["messages"]
                    if not msgs["more"]:
                        break
                    params["before"] = msgs["messages"][0]["seq"]
                ids = [m["id"] for m in messages if m["author_kind"] == "manager"]
                assert ids == chat.messages, "every message once, in the order sent"

        # replaying the feed from 0 rebuilds the same state
        for c in clients:
            state = await replay(http, c.headers)
            for chat in c.chats:
                row = (await http.get(f"/chats/{chat.id}", headers=c.headers)).json()
                assert state[("chat", chat.id)] == row
                mine = state.get(("chat_state", f"{chat.id}:{c.manager_id}"))
                assert bool(mine and mine["starred"]) == chat.starred
            replayed = sorted(
                k[1]
                for k, v in state.items()
                if k[0] == "message" and v["author_kind"] == "manager"
            )
            everyone = sorted(mid for other in clients for ch in other.chats for mid in ch.messages)
            assert replayed == everyone
