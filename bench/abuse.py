"""Another manager's pushes while the public surface is flooded (issue 16).

One server (``sangdam-server serve``, one worker, SQLite unless ``--backend postgres``)
with the production limits and the production argon2 cost (64 MiB, t=3; the benches'
cheap argon2 would hide what a login flood costs). A manager pushes ``send_message``
through ``POST /sync/push`` as the desktop does: ``--pushers`` clients, each one push
every ``1 / --push-rate`` s (paced, so every phase offers the same load) on chats of its
own. The phases, each a ``--warmup`` then a ``--seconds`` window:

1. quiet: the pushes alone;
2. null flood: as many requests as the login flood, from the same addresses, to a path
   no route has (404): what the HTTP alone costs, for comparison;
3. quiet again;
4. login flood: ``--login-rate`` logins a second with wrong passwords, over 8 accounts
   (4 real ones with production-cost hashes, 4 unknown emails) and 8 client addresses
   (127.0.2.1-8: the server keys its limits on the socket's peer address);
5. quiet again;
6. chat flood: ``--chats`` ``POST /customer/chats`` spread evenly over ``--seconds``
   from one address (127.0.3.1);
7. quiet again (quiet windows around each flood, so a machine whose load drifts weighs
   on both sides alike; the quiet p99 is over all four).

Floods are open-loop: ``--flooders`` worker processes each release their share of the
requests on a fixed schedule, over 32 keep-alive connections each (a slow server lets
requests queue in the generator; when the last answer came is printed). The flood
processes are started, and have imported what they need, before the first window. The
load generator runs on the same machine as the server (2 cores here): the flood's own
CPU is taken from the server, so the flood figures are pessimistic; the CPU split and
the null flood's figure are printed beside them.

Clocks: a push is timed from just before its request is written to just after its
answer is read (``time.perf_counter`` in this process); it counts in a phase when its
answer arrives inside the phase's window. A flood starts at its phase's warmup and runs
``--seconds``, so it covers the window. Figures: ``push_p99_ms_quiet`` (the four quiet
windows), ``push_p99_ms_login_flood``, ``push_p99_ms_chat_flood``, ``push_p99_ms_flood``
(the worse of the two floods), ``push_p99_ms_null_flood``, ``ratio`` = flood / quiet
(target <= 2), the floods' answers by status, and ``loop_max_stall_ms`` from
``bench.loop_stall`` when that module is there.

    python -m bench.abuse [--seconds 10] [--warmup 2] [--backend sqlite|postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
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
    percentile,
    postgres_database,
    sqlite_database,
    wait_for_postgres_connections,
)
from bench.raw_http import RawHTTP

# The server's production limits and argon2 cost (the bench support lifts the first and
# lowers the second for the other benches).
PRODUCTION = {
    "SANGDAM_ARGON2_MEMORY_KIB": "65536",
    "SANGDAM_ARGON2_TIME_COST": "3",
    "SANGDAM_LOGIN_ACCOUNT_ATTEMPTS": "10",
    "SANGDAM_LOGIN_ADDRESS_ATTEMPTS": "50",
    "SANGDAM_PUBLIC_ADDRESS_REQUESTS": "120",
    "SANGDAM_PUBLIC_ADDRESS_CHATS": "10",
    "SANGDAM_PUBLIC_WORKSPACE_CHATS": "300",
}
LOGIN_ADDRESSES = [f"127.0.2.{i}" for i in range(1, 9)]
CHAT_ADDRESS = "127.0.3.1"
PUSHER_CHATS = 8  # started from 127.0.0.1, under its per-address chat limit
CONNECTIONS = 32  # per flood worker


# ---- the flood (in worker processes) -------------------------------------------------


@dataclass
class Flood:
    """One worker's share: `requests` (path, body, source address) released evenly
    from wall-clock `start` over `seconds`."""

    url: str
    start: float
    seconds: float
    requests: list[tuple[str, dict[str, Any], str]]


class _Conn:
    """A keep-alive connection from one source address (RawHTTP, bound)."""

    def __init__(self, url: str, local: str) -> None:
        self.http = RawHTTP(url)
        self.local = local

    async def post(self, path: str, body: dict[str, Any]) -> int:
        if self.http._conn is None:
            try:
                self.http._conn = await asyncio.open_connection(
                    self.http.host, self.http.port, local_addr=(self.local, 0)
                )
            except OSError as exc:
                raise httpx.ConnectError(str(exc)) from exc
        r = await self.http.post(path, json=body, headers={})
        return r.status_code


async def _flood(f: Flood) -> dict[str, Any]:
    tickets: asyncio.Queue[tuple[str, dict[str, Any], str] | None] = asyncio.Queue()
    statuses: Counter[str] = Counter()
    done_at: list[float] = []
    by_address: dict[str, list[_Conn]] = {}
    for _, _, addr in f.requests:
        by_address.setdefault(addr, [])

    async def sender(conns: dict[str, _Conn]) -> None:
        while (item := await tickets.get()) is not None:
            path, body, addr = item
            conn = conns.setdefault(addr, _Conn(f.url, addr))
            try:
                status = await conn.post(path, body)
                statuses[str(status)] += 1
            except httpx.TransportError as exc:
                statuses[f"transport error ({exc})"[:60]] += 1
            done_at.append(time.time())

    senders = [asyncio.create_task(sender({})) for _ in range(CONNECTIONS)]
    await asyncio.sleep(max(0.0, f.start - time.time()))
    n = len(f.requests)
    for i, item in enumerate(f.requests):
        await asyncio.sleep(max(0.0, f.start + i * f.seconds / n - time.time()))
        tickets.put_nowait(item)
    for _ in senders:
        tickets.put_nowait(None)
    await asyncio.gather(*senders)
    return {
        "statuses": dict(statuses),
        "last_answer_s": (max(done_at) - f.start) if done_at else 0.0,
    }


def flood_worker(f: Flood) -> dict[str, Any]:
    return asyncio.run(_flood(f))


def login_requests(n: int) -> list[tuple[str, dict[str, Any], str]]:
    real = [f"target{i}@bench.test" for i in range(4)]
    unknown = [f"nobody{i}@bench.test" for i in range(4)]
    emails = real + unknown
    return [
        (
            "/auth/login",
            {"email": emails[(i // len(LOGIN_ADDRESSES)) % len(emails)], "password": f"guess{i}"},
            LOGIN_ADDRESSES[i % len(LOGIN_ADDRESSES)],
        )
        for i in range(n)
    ]


def null_requests(n: int) -> list[tuple[str, dict[str, Any], str]]:
    """The login flood's HTTP without a login: POSTs to a path no route has (404)."""
    return [("/no-such-path", {"i": i}, LOGIN_ADDRESSES[i % 8]) for i in range(n)]


def chat_requests(n: int, workspace_id: str) -> list[tuple[str, dict[str, Any], str]]:
    return [
        ("/customer/chats", {"workspace_id": workspace_id, "text": f"spam {i}"}, CHAT_ADDRESS)
        for i in range(n)
    ]


# ---- the pushes (in this process) ------------------------------------------------------


@dataclass
class Phase:
    name: str
    start: float = 0.0  # perf_counter
    end: float = 0.0
    latencies: list[float] = field(default_factory=list)  # ms
    errors: Counter[str] = field(default_factory=Counter)
    cpu: dict[str, float] = field(default_factory=dict)
    flood: dict[str, Any] = field(default_factory=dict)


async def pusher(
    url: str, token: str, chats: list[str], interval: float, phase: list[Phase], stop: float
) -> None:
    """Push send_message every `interval` s until `stop`; each answer lands in the phase
    whose window holds its arrival."""
    http = RawHTTP(url)
    client_id = str(uuid.uuid4())
    headers = {"Authorization": f"Bearer {token}"}
    n = 0
    next_at = time.perf_counter()
    try:
        while (now := time.perf_counter()) < stop:
            await asyncio.sleep(max(0.0, next_at - now))
            next_at += interval
            n += 1
            body = {
                "client_id": client_id,
                "mutations": [
                    {
                        "mutation_id": n,
                        "name": "send_message",
                        "args": {
                            "chat_id": chats[n % len(chats)],
                            "message_id": str(uuid.uuid4()),
                            "blocks": [{"type": "text", "text": f"reply {n}"}],
                        },
                    }
                ],
            }
            t0 = time.perf_counter()
            try:
                r = await http.post("/sync/push", json=body, headers=headers)
                ok = r.status_code == 200 and r.json()["results"][0]["status"] == "applied"
                what = "" if ok else f"HTTP {r.status_code}: {r.text[:100]}"
            except httpx.TransportError as exc:
                what = f"{type(exc).__name__}"
            t1 = time.perf_counter()
            for p in phase:
                if p.start <= t1 <= p.end:
                    if what:
                        p.errors[what] += 1
                    else:
                        p.latencies.append((t1 - t0) * 1000)
    finally:
        await http.aclose()


async def cpu_during(p: Phase, server_pid: int) -> None:
    await asyncio.sleep(max(0.0, p.start - time.perf_counter()))
    s0, m0 = cpu_seconds(server_pid, children=True), machine_cpu_seconds()
    await asyncio.sleep(max(0.0, p.end - time.perf_counter()))
    server = cpu_seconds(server_pid, children=True) - s0
    p.cpu = {"server": server, "everything else": machine_cpu_seconds() - m0 - server}


async def drive(server: Server, workspace_id: str, args: argparse.Namespace) -> list[Phase]:
    assert server.proc is not None
    async with httpx.AsyncClient(base_url=server.url, timeout=60) as http:
        token = await login(http, "m1@bench.test")
    chats = []
    for i in range(PUSHER_CHATS * args.pushers):
        # from a new address every 10 chats: the per-address chat limit is 10
        transport = httpx.AsyncHTTPTransport(local_address=f"127.0.1.{i // 10 + 1}")
        async with httpx.AsyncClient(base_url=server.url, timeout=60, transport=transport) as c:
            r = await c.post(
                "/customer/chats", json={"workspace_id": workspace_id, "text": f"question {i}"}
            )
        r.raise_for_status()
        chats.append(r.json()["chat_id"])

    names = ["quiet", "null flood", "quiet", "login flood", "quiet", "chat flood", "quiet"]
    phases = [Phase(n) for n in names]
    step = args.warmup + args.seconds
    n_workers = args.flooders * 3
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(n_workers, mp_context=ctx) as pool:
        # Start every flood process (and its imports) before any window opens.
        for ready in [pool.submit(time.sleep, 1.0) for _ in range(n_workers)]:
            ready.result()
        t = time.perf_counter() + 1.0
        wall = time.time() + 1.0
        floods: dict[str, list[Flood]] = {}
        for i, p in enumerate(phases):
            p.start = t + i * step + args.warmup
            p.end = p.start + args.seconds
            flood_start = wall + i * step + args.warmup
            if p.name == "null flood":
                reqs = null_requests(int(args.login_rate * args.seconds))
            elif p.name == "login flood":
                reqs = login_requests(int(args.login_rate * args.seconds))
            elif p.name == "chat flood":
                reqs = chat_requests(args.chats, workspace_id)
            else:
                continue
            k = args.flooders
            floods[p.name] = [
                Flood(server.url, flood_start, args.seconds, reqs[j::k]) for j in range(k)
            ]
        stop = t + len(phases) * step
        interval = 1.0 / args.push_rate
        futures = {
            name: [pool.submit(flood_worker, f) for f in share] for name, share in floods.items()
        }
        per = PUSHER_CHATS
        await asyncio.gather(
            *(
                pusher(server.url, token, chats[j * per : (j + 1) * per], interval, phases, stop)
                for j in range(args.pushers)
            ),
            *(cpu_during(p, server.proc.pid) for p in phases),
        )
        for p in phases:
            if p.name in futures:
                results = [f.result() for f in futures[p.name]]
                statuses: Counter[str] = Counter()
                for res in results:
                    statuses.update(res["statuses"])
                p.flood = {
                    "sent": len([r for f in floods[p.name] for r in f.requests]),
                    "statuses": dict(statuses),
                    "last_answer_s": max(res["last_answer_s"] for res in results),
                }
    return phases


def make_targets(url: str) -> None:
    """The login flood's real accounts, with production-cost password hashes."""
    from protocol.kinds import Role
    from server import admin
    from server.auth.secrets import Passwords
    from server.db.database import Database

    async def build() -> None:
        db = Database(url)
        try:
            hashed = Passwords().hash("the real one")
            wid = await admin.create_workspace(db, "Target Co")
            for i in range(4):
                await admin.create_manager(
                    db,
                    wid,
                    email=f"target{i}@bench.test",
                    name=f"Target {i}",
                    password_hash=hashed,
                    role=Role.OWNER if i == 0 else Role.MANAGER,
                )
        finally:
            await db.dispose()

    asyncio.run(build())


@contextmanager
def database(backend: str) -> Iterator[str]:
    if backend == "postgres":
        wait_for_postgres_connections(30)
        with postgres_database() as url:
            yield url
    else:
        with sqlite_database() as url:
            yield url


def loop_stall(backend: str) -> dict[str, Any]:
    try:
        from bench.loop_stall import measure  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        print("loop_max_stall_ms: bench.loop_stall is missing (issue 16 item 5)")
        return {}
    figures: dict[str, Any] = measure(backend=backend)
    stall = float(figures["loop_max_stall_ms"])
    print(
        f"loop_max_stall_ms (bench.loop_stall, {backend}): {stall:.1f} (target < 50); the"
        f" loop's own CPU in one tick at most {figures['loop_max_busy_ms']:.1f} ms (the rest"
        f" of a stall is waiting for a core or the GIL), idle floor"
        f" {figures['loop_max_stall_ms_idle']:.1f} ms"
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--warmup", type=float, default=2.0)
    ap.add_argument("--pushers", type=int, default=4)
    ap.add_argument("--push-rate", type=float, default=25.0, help="pushes/s per pusher")
    ap.add_argument("--login-rate", type=float, default=200.0)
    ap.add_argument("--chats", type=int, default=2000)
    ap.add_argument("--flooders", type=int, default=2, help="worker processes per flood")
    ap.add_argument("--no-loop-stall", action="store_true")
    args = ap.parse_args(argv)

    logs = Path(tempfile.mkdtemp(prefix="sangdam-abuse-"))
    with database(args.backend) as url:
        ws = make_workspace(url, 2)
        make_targets(url)
        server = Server(url, log_path=logs / "server.log", env=PRODUCTION)
        server.start(timeout=120)  # a machine shared with other work starts it slowly
        try:
            phases = asyncio.run(drive(server, str(ws.workspace_id), args))
            log_errors = server.log_errors()
        finally:
            server.stop()

    print(
        f"bench.abuse ({args.backend}, one worker; {args.pushers} pushers x "
        f"{args.push_rate:g}/s; windows {args.seconds:g} s after {args.warmup:g} s warmup)"
    )
    print("  The load generator shares this machine's cores with the server.")
    for p in phases:
        cpu = ", ".join(f"{k} {v / args.seconds:.0%}" for k, v in p.cpu.items())
        print(
            f"  {p.name:>11}: {len(p.latencies)} pushes, p50 {percentile(p.latencies, 50):.1f}"
            f" ms, p99 {percentile(p.latencies, 99):.1f} ms, errors {sum(p.errors.values())}"
            f"  (CPU of one core: {cpu})"
        )
        for what, n in p.errors.items():
            print(f"               ! {n} x {what}")
        if p.flood:
            f = p.flood
            st = ", ".join(f"{k}: {v}" for k, v in sorted(f["statuses"].items()))
            print(
                f"               flood: {f['sent']} sent in {args.seconds:g} s, answers {st};"
                f" last answer {f['last_answer_s']:.1f} s after its start"
            )
    for what, n in log_errors.items():
        print(f"  server log: {n} tracebacks end in {what}")

    quiet = [x for p in phases if p.name == "quiet" for x in p.latencies]
    by = {p.name: p for p in phases}
    q99 = percentile(quiet, 99)
    null99 = percentile(by["null flood"].latencies, 99)
    login99 = percentile(by["login flood"].latencies, 99)
    chat99 = percentile(by["chat flood"].latencies, 99)
    flood99 = max(login99, chat99)
    print(
        f"  the same rate of requests that do nothing (404): push p99 {null99:.1f} ms, "
        f"{null99 / q99:.2f} x quiet: what the HTTP requests alone cost on this machine"
    )
    print(
        f"  push p99: quiet {q99:.1f} ms, login flood {login99:.1f} ms, chat flood "
        f"{chat99:.1f} ms; ratio {flood99 / q99:.2f} (target <= 2)"
    )
    stall = {} if args.no_loop_stall else loop_stall(args.backend)
    login_st = by["login flood"].flood["statuses"]
    chat_st = by["chat flood"].flood["statuses"]
    figures = {
        "backend": args.backend,
        "push_p99_ms_quiet": round(q99, 2),
        "push_p99_ms_login_flood": round(login99, 2),
        "push_p99_ms_chat_flood": round(chat99, 2),
        "push_p99_ms_flood": round(flood99, 2),
        "push_p99_ms_null_flood": round(null99, 2),
        "ratio": round(flood99 / q99, 3),
        "push_errors": sum(sum(p.errors.values()) for p in phases),
        "login_flood_sent": by["login flood"].flood["sent"],
        "login_flood_401": login_st.get("401", 0),
        "login_flood_429": login_st.get("429", 0),
        "chat_flood_sent": by["chat flood"].flood["sent"],
        "chat_flood_accepted": chat_st.get("201", 0),
        "chat_flood_429": chat_st.get("429", 0),
        "loop_max_stall_ms": stall.get("loop_max_stall_ms"),
        "loop_max_busy_ms": stall.get("loop_max_busy_ms"),
        "loop_max_stall_ms_idle": stall.get("loop_max_stall_ms_idle"),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
