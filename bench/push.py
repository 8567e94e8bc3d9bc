"""Mutations per second through ``POST /sync/push``, SQLite and PostgreSQL side by side.

One workspace, 200 chats started through the customer API, 50 sync clients (50 client
ids over 5 manager logins), each pushing one mutation at a time: send, await the answer,
send the next. The mix is what a desktop sends: star/unstar, mark_read, set_description,
add_tag/remove_tag, send_message (a text block), follow/unfollow. The server runs in its
own process (``sangdam-server serve``, one worker); each client has its own keep-alive
connection (as each desktop has), written by hand (bench/raw_http.py) in this process.
After a warm-up, completions are counted over a fixed window; every answer is checked
("applied", not a duplicate, no gap).

The clients stand for desktops on other machines, so what they cost should not slow the
server down: ``--client httpx`` gives each one an ``httpx.AsyncClient`` instead, as this
benchmark did before, and costs about ten times the CPU per request (a millisecond here);
``--client shared`` puts all on one ``httpx.AsyncClient``, whose pool matches every
waiting request against every connection each time one is freed, so bursts of answers
(group commit) take most of a core.

    python -m bench.push [--seconds 15] [--warmup 3] [--clients 50] [--only sqlite|postgres]
                         [--client raw|httpx|shared]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench._support import (
    Server,
    cpu_seconds,
    login,
    machine_cpu_seconds,
    make_workspace,
    median,
    percentile,
    postgres_cpu_seconds,
    postgres_database,
    sqlite_database,
    wait_for_postgres_connections,
)
from bench.raw_http import RawHTTP

CHATS = 200
MANAGERS = 5
POOL = 10  # SANGDAM_DB_POOL for the server: at most 10 + 10 PostgreSQL connections
TAGS = ("vip", "refund", "bug", "shipping", "billing", "later")
# (mutation, weight): roughly what a busy desktop sends.
MIX: tuple[tuple[str, int], ...] = (
    ("star", 10),
    ("unstar", 5),
    ("mark_read", 20),
    ("set_description", 10),
    ("add_tag", 10),
    ("remove_tag", 10),
    ("send_message", 20),
    ("follow", 8),
    ("unfollow", 7),
)


@dataclass
class Client:
    """One desktop's outbox: its own client id and mutation numbering."""

    token: str
    rng: random.Random
    client_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    next_id: int = 1


@dataclass
class Tally:
    window_start: float = 0.0
    window_end: float = float("inf")
    latencies: list[float] = field(default_factory=list)  # seconds, completions in window
    by_name: Counter[str] = field(default_factory=Counter)
    applied: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    retried: Counter[str] = field(default_factory=Counter)  # transport errors, sent again
    total: int = 0  # all completions, warm-up included

    def counts(self, t1: float) -> bool:
        """A completion counts when its answer arrived inside the window."""
        return self.window_start <= t1 <= self.window_end


def make_mutation(rng: random.Random, chats: list[str]) -> tuple[str, dict[str, Any]]:
    names, weights = zip(*MIX, strict=True)
    kind = rng.choices(names, weights)[0]
    chat_id = rng.choice(chats)
    match kind:
        case "star" | "unstar":
            return "star", {"chat_id": chat_id, "starred": kind == "star"}
        case "mark_read":
            return "mark_read", {"chat_id": chat_id}
        case "set_description":
            text = f"Order #{rng.randrange(10**6)}: {rng.choice(['late', 'damaged', 'resend'])}"
            return "set_description", {"chat_id": chat_id, "description": text}
        case "add_tag" | "remove_tag":
            return kind, {"chat_id": chat_id, "tag": rng.choice(TAGS)}
        case "send_message":
            text = rng.choice(
                [
                    "안녕하세요, 확인해 보겠습니다.",
                    "Thanks, the refund is on its way.",
                    "Could you send a photo of the parcel?",
                    "주문 번호를 알려주시겠어요?",
                ]
            )
            return "send_message", {
                "chat_id": chat_id,
                "message_id": str(uuid.uuid4()),
                "blocks": [{"type": "text", "text": text}],
            }
        case _:  # follow / unfollow
            return kind, {"chat_id": chat_id}


Poster = httpx.AsyncClient | RawHTTP  # what posts one client's pushes


async def push_one(http: Poster, c: Client, name: str, args: dict[str, Any], tally: Tally) -> None:
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
            # first one was applied, the server answers with its stored result.
            tally.retried[type(exc).__name__] += 1
            if attempt == 2:
                tally.errors[f"{type(exc).__name__} (3 tries)"] += 1
                return
    t1 = time.perf_counter()
    tally.total += 1
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
    if not tally.counts(t1):
        return
    tally.latencies.append(t1 - t0)
    tally.by_name[name] += 1
    if result["status"] == "applied":
        tally.applied += 1
    else:
        tally.refused[f"{name}: {result['error']['code']}"] += 1


async def worker(http: Poster, c: Client, chats: list[str], tally: Tally, stop_at: float) -> None:
    while time.perf_counter() < stop_at:
        name, args = make_mutation(c.rng, chats)
        await push_one(http, c, name, args, tally)


async def start_chats(http: httpx.AsyncClient, workspace_id: str, n: int) -> list[str]:
    sem = asyncio.Semaphore(8)

    async def one(i: int) -> str:
        async with sem:
            r = await http.post(
                "/customer/chats",
                json={"workspace_id": workspace_id, "text": f"주문 문의드려요 #{i}"},
            )
            r.raise_for_status()
            chat_id: str = r.json()["chat_id"]
            return chat_id

    return list(await asyncio.gather(*(one(i) for i in range(n))))


async def drive(
    base_url: str,
    workspace_id: str,
    emails: list[str],
    *,
    clients: int,
    warmup: float,
    seconds: float,
    server_pid: int,
    postgres: bool,
    client: str = "raw",
) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=clients + 10, max_keepalive_connections=clients + 10)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as http:
        tokens = [await login(http, e) for e in emails]
        chats = await start_chats(http, workspace_id, CHATS)
        # Create the tags once, so concurrent first uses do not race to create them.
        setup = Client(tokens[0], random.Random(0))
        tally = Tally()
        for tag in TAGS:
            await push_one(http, setup, "add_tag", {"chat_id": chats[0], "tag": tag}, tally)
        if tally.errors:
            raise RuntimeError(f"setup failed: {dict(tally.errors)}")

        tally = Tally()
        pool = [Client(tokens[i % len(tokens)], random.Random(i)) for i in range(clients)]
        now = time.perf_counter()
        tally.window_start = now + warmup
        tally.window_end = tally.window_start + seconds
        cpu_task = asyncio.create_task(
            _cpu_during(tally.window_start, tally.window_end, server_pid, postgres)
        )
        https: list[Poster]
        match client:
            case "shared":
                https = [http] * len(pool)
            case "httpx":
                https = [
                    httpx.AsyncClient(
                        base_url=base_url, limits=httpx.Limits(max_connections=1), timeout=60
                    )
                    for _ in pool
                ]
            case _:
                https = [RawHTTP(base_url) for _ in pool]
        try:
            await asyncio.gather(
                *(
                    worker(h, c, chats, tally, tally.window_end)
                    for h, c in zip(https, pool, strict=True)
                )
            )
        finally:
            if client != "shared":
                await asyncio.gather(*(h.aclose() for h in https))
        cpu = await cpu_task
    lat_ms = [x * 1000 for x in tally.latencies]
    done = len(tally.latencies)
    return {
        "completed": done,
        "per_s": done / seconds,
        "applied": tally.applied,
        "refused": dict(tally.refused),
        "errors": dict(tally.errors),
        "retried": dict(tally.retried),
        "by_name": dict(tally.by_name),
        "p50_ms": median(lat_ms),
        "p99_ms": percentile(lat_ms, 99),
        "max_ms": max(lat_ms) if lat_ms else float("nan"),
        "total": tally.total,
        "cpu_ms_per_mutation": cpu["server_cpu"] * seconds / done * 1000 if done else math.nan,
        **cpu,
    }


async def _cpu_during(
    start: float, end: float, server_pid: int, postgres: bool
) -> dict[str, float]:
    """CPU shares (of one core) used over the window by the server, this process, PG."""
    await asyncio.sleep(max(0.0, start - time.perf_counter()))
    me = os.getpid()
    s0, b0 = cpu_seconds(server_pid, children=True), cpu_seconds(me)
    m0 = machine_cpu_seconds()
    p0 = postgres_cpu_seconds() if postgres else 0.0
    t0 = time.perf_counter()
    await asyncio.sleep(max(0.0, end - time.perf_counter()))
    wall = time.perf_counter() - t0
    used = {
        "server_cpu": cpu_seconds(server_pid, children=True) - s0,
        "loadgen_cpu": cpu_seconds(me) - b0,
    }
    if postgres:
        used["postgres_cpu"] = postgres_cpu_seconds() - p0
    used["others_cpu"] = max(0.0, machine_cpu_seconds() - m0 - sum(used.values()))
    return {k: v / wall for k, v in used.items()}


def run_backend(
    name: str,
    database: Callable[[], AbstractContextManager[str]],
    args: argparse.Namespace,
    logs: Path,
) -> dict[str, Any]:
    if name == "postgres":
        wait_for_postgres_connections(2 * POOL + 5)
    with database() as url:
        ws = make_workspace(url, MANAGERS)
        # At most 10 + 10 pooled connections: the PostgreSQL here (max_connections 100)
        # is shared with other processes; more would not help writers that queue on
        # the workspace row anyway.
        server = Server(
            url,
            logs / f"server-{name}.log",
            env={"SANGDAM_DB_POOL": str(POOL)},
            workers=args.pg_workers if name == "postgres" else 1,
        )
        with server:
            assert server.proc is not None
            result = asyncio.run(
                drive(
                    server.url,
                    str(ws.workspace_id),
                    ws.emails,
                    clients=args.clients,
                    warmup=args.warmup,
                    seconds=args.seconds,
                    server_pid=server.proc.pid,
                    postgres=name == "postgres",
                    client=args.client,
                )
            )
            result["server_log_errors"] = server.log_errors()
            return result


def report(name: str, r: dict[str, Any], args: argparse.Namespace) -> None:
    print(
        f"{name:>8}: {r['per_s']:7.1f} mutations/s  ({r['completed']} in {args.seconds:g} s, "
        f"{args.clients} clients)  latency p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
        f"max {r['max_ms']:.1f} ms"
    )
    cpu = f"server {r['server_cpu']:.0%}, load generator {r['loadgen_cpu']:.0%}"
    if "postgres_cpu" in r:
        cpu += f", postgres {r['postgres_cpu']:.0%}"
    cpu += f", other processes {r['others_cpu']:.0%}"
    print(f"          CPU (of one core) during the window: {cpu}")
    print(f"          server CPU per mutation: {r['cpu_ms_per_mutation']:.2f} ms")
    print(
        f"          applied {r['applied']}, refused {sum(r['refused'].values())}, "
        f"errors {sum(r['errors'].values())}"
    )
    mix = ", ".join(f"{k} {v}" for k, v in sorted(r["by_name"].items()))
    print(f"          mix: {mix}")
    for what, n in {**r["refused"], **r["errors"]}.items():
        print(f"          ! {n} x {what}")
    for what, n in r["retried"].items():
        print(f"          ({n} x {what}: sent again, answered)")
    for what, n in r["server_log_errors"].items():
        print(f"          server log: {n} tracebacks end in {what}")
    if any("too many clients" in what for what in r["server_log_errors"]):
        print(
            "          ! PostgreSQL refused connections: other processes had taken most of "
            "its max_connections"
        )


def _backends(only: str | None) -> Iterator[tuple[str, Callable[[], AbstractContextManager[str]]]]:
    if only in (None, "sqlite"):
        yield "sqlite", sqlite_database
    if only in (None, "postgres"):
        yield "postgres", postgres_database


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.push", description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=15.0, help="measured window")
    p.add_argument("--warmup", type=float, default=3.0)
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--only", choices=["sqlite", "postgres"])
    p.add_argument(
        "--pg-workers",
        type=int,
        default=1,
        help="server workers on PostgreSQL (more than one share the work over LISTEN/NOTIFY)",
    )
    p.add_argument(
        "--client",
        choices=["raw", "httpx", "shared"],
        default="raw",
        help="each client's HTTP: a hand-written keep-alive connection (raw), its own "
        "httpx.AsyncClient, or one httpx.AsyncClient shared by all",
    )
    args = p.parse_args(argv)

    print(
        f"push benchmark: {args.clients} clients ({args.client} HTTP), one mutation per push, "
        f"{CHATS} chats, warm-up {args.warmup:g} s, window {args.seconds:g} s"
    )
    figures: dict[str, Any] = {"clients": args.clients, "client": args.client}
    ok = True
    with tempfile.TemporaryDirectory(prefix="sangdam-bench-logs-") as logs:
        for name, database in _backends(args.only):
            r = run_backend(name, database, args, Path(logs))
            report(name, r, args)
            ok = ok and not r["errors"]
            figures[f"{name}_mutations_per_s"] = round(r["per_s"], 1)
            figures[f"{name}_p50_ms"] = round(r["p50_ms"], 2)
            figures[f"{name}_p99_ms"] = round(r["p99_ms"], 2)
            figures[f"{name}_refused"] = sum(r["refused"].values())
            figures[f"{name}_errors"] = sum(r["errors"].values())
            # Less sensitive to a busy machine than the rate: what one mutation costs.
            figures[f"{name}_server_cpu_ms_per_mutation"] = round(r["cpu_ms_per_mutation"], 2)
            figures[f"{name}_other_processes_cores"] = round(r["others_cpu"], 2)
            if r["others_cpu"] > 0.2:
                print(
                    f"          ! other processes kept {r['others_cpu']:.1f} cores busy: the "
                    "rate is lower than on a quiet machine"
                )
    print(json.dumps(figures))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
