"""Realtime fan-out: 1,000 WebSocket clients of one server worker, each receiving every change.

Our server (``sangdam-server serve``, one worker, SQLite, in-process doorbell) runs in its
own process; the 1,000 receiving clients run in another (one asyncio loop, ``websockets``
client connections without compression, as the desktop's httpx-ws makes them); this
process is the producer: it posts customer messages through the HTTP API, first paced
(``--rate`` per second), then as a burst (``--burst`` messages from 8 concurrent
posters). Each message makes two changes here (the message, and its chat's new head).

Clock points, all on this machine's wall clock (``time.time()``, CLOCK_REALTIME) read
in three processes. Ours: the server's commit, stamped just before its COMMIT is sent
(the server runs through bench/commit_clock.py, a test hook on SQLAlchemy's engine
events that logs each inserted message id with that time; nothing in ``server/``
changes), to the receipt of the frame that carries the message, stamped by each
receiving client as the frame is read. Baseline: just before its ``broadcast`` call, to
the same receipt. A frame carries rows read after their commit, or is sent by the
broadcast call, so a receipt cannot precede its clock point: a negative sample fails the
run (only a stepped clock could make one). Deliveries are (client, change) pairs; per
phase, deliveries per second = deliveries / (first send .. last receipt).

The baseline, in the same run: a minimal ``websockets`` server in its own process that
calls ``websockets.broadcast(clients, frame)`` for the very frames our client 0 received,
in the same order (paced ones at the same offsets, burst ones back to back), to 1,000
clients in a fresh receiver process.

The headline ``deliveries_per_s`` is the burst phase (what the fan-out can carry), and
``ratio`` is it over the baseline's; ``p50_ms``/``p99_ms`` (``baseline_p50_ms``/
``baseline_p99_ms`` beside them) are commit to receipt over every delivery of the paced
phase, ``burst_p50_ms``/``burst_p99_ms`` (and the baseline's) over the burst.

    python -m bench.fanout [--clients 1000] [--rate 10] [--paced 100] [--burst 400]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import multiprocessing as mp
import os
import re
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx

from bench import commit_clock
from bench._support import (
    Server,
    cpu_seconds,
    login,
    machine_cpu_seconds,
    make_workspace,
    percentile,
    raise_nofile,
    sqlite_database,
)

MANAGERS = 10  # the 1,000 sockets log in as these, in turn
CHATS = 20  # customers posting
POSTERS = 8  # concurrent posts in the burst
CONNECT_CONCURRENCY = 50

MESSAGE_ID = re.compile(r'"entity":"message","id":"([0-9a-f-]{36})"')
CHANGE = re.compile(r'\{"seq":\d+,"entity":"')
CHANGES_FRAME = '{"type":"changes"'
# A producer: sends, then returns (first send time, commit time per message id).
Produce = Callable[[], Awaitable[tuple[float, dict[str, float]]]]


# ---- the receiving clients (a child process) ------------------------------------------------


@dataclass
class _Phase:
    index: dict[str, int]
    n_clients: int
    times: list[list[float]] = field(default_factory=list)
    got: int = 0
    deliveries: int = 0
    frames: int = 0
    first: float = math.inf
    last: float = 0.0
    capture: list[tuple[float, str]] = field(default_factory=list)  # client 0's frames
    done: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def expected(self) -> int:
        return len(self.index) * self.n_clients

    def result(self) -> dict[str, Any]:
        return {
            "times": self.times,
            "got": self.got,
            "expected": self.expected,
            "deliveries": self.deliveries,
            "frames": self.frames,
            "first": self.first,
            "last": self.last,
            "capture": self.capture,
        }


def receivers_main(url: str, tokens: list[str], n: int, conn: Connection) -> None:
    """Child process entry: n WebSocket clients on one loop, driven through `conn`."""
    raise_nofile(n * 2 + 1024)
    try:
        import uvloop

        uvloop.run(_receivers(url, tokens, n, conn))
    except ImportError:
        asyncio.run(_receivers(url, tokens, n, conn))


async def _receivers(url: str, tokens: list[str], n: int, conn: Connection) -> None:
    from websockets.asyncio.client import ClientConnection, connect

    phase: _Phase | None = None
    sockets: list[ClientConnection] = []
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def open_one(k: int) -> ClientConnection:
        async with gate:
            return await connect(
                url,
                additional_headers={"Authorization": f"Bearer {tokens[k % len(tokens)]}"},
                compression=None,
                max_size=None,
                ping_interval=None,
                open_timeout=120,
                close_timeout=2,
            )

    async def read(ws: ClientConnection, k: int) -> None:
        nonlocal phase
        async for frame in ws:
            t = time.time()  # the wall clock: the server's commit stamps are on it too
            ph = phase
            if ph is None or not isinstance(frame, str) or not frame.startswith(CHANGES_FRAME):
                continue
            ph.frames += 1
            ph.deliveries += len(CHANGE.findall(frame))
            ph.last = t
            ph.first = min(ph.first, t)
            for mid in MESSAGE_ID.findall(frame):
                idx = ph.index.get(mid)
                if idx is not None:
                    ph.times[idx].append(t)
                    ph.got += 1
            if k == 0:
                ph.capture.append((t, frame))
            if ph.got >= ph.expected:
                ph.done.set()

    sockets = list(await asyncio.gather(*(open_one(k) for k in range(n))))
    readers = [asyncio.create_task(read(ws, k)) for k, ws in enumerate(sockets)]
    conn.send(("ready", len(sockets)))
    while True:
        cmd = await asyncio.to_thread(conn.recv)
        if cmd[0] != "expect":
            break
        _, ids, timeout = cmd
        phase = _Phase({mid: i for i, mid in enumerate(ids)}, n, [[] for _ in ids])
        conn.send(("armed",))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(phase.done.wait(), timeout)
        conn.send(("result", phase.result()))
        phase = None
    for ws in sockets:
        await ws.close()
    for task in readers:
        task.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    conn.send(("closed",))


class Receivers:
    """The parent's handle on the receiving process."""

    def __init__(self, url: str, tokens: list[str], n: int) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=receivers_main, args=(url, tokens, n, child), daemon=True)
        self.proc.start()
        child.close()

    async def ready(self, within: float = 180) -> int:
        msg = await self._recv(within)
        if msg[0] != "ready":
            raise RuntimeError(f"receivers: {msg!r}")
        return int(msg[1])

    async def arm(self, ids: list[str], within: float) -> None:
        """Start a phase: the result comes when all ids reached every client, or `within` s."""
        self.conn.send(("expect", ids, within))
        msg = await self._recv(30)
        if msg[0] != "armed":
            raise RuntimeError(f"receivers: {msg!r}")

    async def result(self, within: float) -> dict[str, Any]:
        msg = await self._recv(within)
        if msg[0] != "result":
            raise RuntimeError(f"receivers: {msg!r}")
        result: dict[str, Any] = msg[1]
        return result

    async def _recv(self, within: float) -> Any:
        if not await asyncio.to_thread(self.conn.poll, within):
            raise TimeoutError("the receiving process did not answer")
        return self.conn.recv()

    def close(self) -> None:
        if self.proc.is_alive():
            try:
                self.conn.send(("close",))
                if self.conn.poll(30):
                    self.conn.recv()
            except (OSError, EOFError):
                pass
            self.proc.join(10)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)


# ---- the baseline: a plain websockets broadcast (a child process) -----------------------------


def baseline_main(conn: Connection, n: int) -> None:
    raise_nofile(n * 2 + 1024)
    asyncio.run(_baseline(conn))


async def _baseline(conn: Connection) -> None:
    from websockets.asyncio.server import ServerConnection, broadcast, serve

    clients: set[ServerConnection] = set()

    async def handler(ws: ServerConnection) -> None:
        clients.add(ws)
        try:
            await ws.wait_closed()
        finally:
            clients.discard(ws)

    async with serve(handler, "127.0.0.1", 0, compression=None, max_size=None) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        conn.send(("port", port))
        while True:
            cmd = await asyncio.to_thread(conn.recv)
            if cmd[0] != "play":
                break
            schedule: list[tuple[float, str]] = cmd[1]
            sent: list[float] = []
            start = time.time() + 0.05
            for offset, frame in schedule:
                await asyncio.sleep(max(0.0, start + offset - time.time()))
                sent.append(time.time())  # the clock point: just before broadcast
                broadcast(clients, frame)
            conn.send(("sent", sent, len(clients)))
        server.close()
    conn.send(("closed",))


# ---- phases ---------------------------------------------------------------------------------


@dataclass
class PhaseFigures:
    name: str
    messages: int
    deliveries: int
    expected_receipts: int
    receipts: int
    frames: int
    wall: float
    latencies_ms: list[float]
    capture: list[tuple[float, str]]
    cpu: dict[str, float]  # share of one core, over the phase
    server_us: float  # server CPU per delivery

    @property
    def per_s(self) -> float:
        return self.deliveries / self.wall if self.wall > 0 else float("nan")

    def line(self) -> str:
        lat = self.latencies_ms
        missing = self.expected_receipts - self.receipts
        cpu = ", ".join(f"{k} {v:.0%}" for k, v in self.cpu.items())
        return (
            f"{self.name:>6}: {self.messages} messages -> {self.deliveries} deliveries in "
            f"{self.wall:.2f} s = {self.per_s:,.0f}/s; commit->receipt p50 "
            f"{percentile(lat, 50):.1f} ms, p99 {percentile(lat, 99):.1f} ms, max "
            f"{max(lat, default=float('nan')):.1f} ms; {self.frames} frames"
            + (f"; MISSING {missing} receipts" if missing else "")
            + f"\n          CPU (of one core): {cpu}; server {self.server_us:.1f} us per delivery"
        )


async def run_phase(
    name: str,
    peers: Receivers,
    ids: list[str],
    produce: Produce,
    *,
    within: float,
    pids: dict[str, int],
) -> PhaseFigures:
    """Arm the receivers for `ids`, run `produce` -> (first send, commit time per id).

    Every time here is the wall clock (time.time) of this machine, read in three
    processes: the server or baseline (commit, broadcast), the receivers, this one."""
    await peers.arm(ids, within)
    pids = {**pids, "producer": os.getpid()}
    cpu0 = {k: cpu_seconds(p) for k, p in pids.items()}
    m0 = machine_cpu_seconds()
    t0 = time.perf_counter()
    first_send, committed = await produce()
    r = await peers.result(within + 30)
    wall_cpu = time.perf_counter() - t0
    used = {k: cpu_seconds(p) - cpu0[k] for k, p in pids.items()}
    used["others"] = max(0.0, machine_cpu_seconds() - m0 - sum(used.values()))
    cpu = {k: v / wall_cpu for k, v in used.items()}
    server_us = used["server"] / r["deliveries"] * 1e6 if r["deliveries"] else float("nan")
    received = list(zip(ids, r["times"], strict=True))
    unstamped = [mid for mid, times in received if times and mid not in committed]
    if unstamped:
        raise RuntimeError(f"{name}: {len(unstamped)} messages arrived without a commit time")
    latencies = [(t - committed[mid]) * 1000 for mid, times in received for t in times]
    # A frame is built from rows read after their commit (ours) or sent by the broadcast
    # call (baseline), and both clock points are taken before that call: on one clock,
    # a receipt cannot come first. A negative sample means the wall clock was stepped.
    negative = [x for x in latencies if x < 0]
    if negative:
        raise AssertionError(
            f"{name}: {len(negative)} negative latencies (min {min(negative):.3f} ms)"
        )
    return PhaseFigures(
        name=name,
        messages=len(ids),
        deliveries=r["deliveries"],
        expected_receipts=r["expected"],
        receipts=r["got"],
        frames=r["frames"],
        wall=r["last"] - first_send,
        latencies_ms=latencies,
        capture=r["capture"],
        cpu=cpu,
        server_us=server_us,
    )


# ---- our server ------------------------------------------------------------------------------


@dataclass
class Chat:
    id: str
    token: str


class Producer:
    """Posts customer messages; their commit times come from the server's commit clock
    (bench/commit_clock.py), read once the posts are answered."""

    def __init__(self, http: httpx.AsyncClient, chats: list[Chat], commit_log: str) -> None:
        self.http = http
        self.chats = chats
        self.commit_log = commit_log
        self.errors: list[str] = []
        self._k = 0

    async def post(self, mid: str) -> None:
        chat = self.chats[self._k % len(self.chats)]
        self._k += 1
        text = f"배송이 아직 안 왔어요. 주문번호 {mid[:8]} 확인 부탁드립니다 (#{self._k})"
        r = await self.http.post(
            f"/customer/chats/{chat.id}/messages",
            json={"id": mid, "text": text},
            headers={"Authorization": f"Bearer {chat.token}"},
        )
        if r.status_code != 201:
            self.errors.append(f"HTTP {r.status_code}: {r.text[:120]}")

    def paced(self, ids: list[str], rate: float) -> Produce:
        async def go() -> tuple[float, dict[str, float]]:
            # Each post starts on its schedule, whether or not the one before was
            # answered (a slow answer must not slow the pace down).
            posts: list[asyncio.Task[None]] = []
            start = time.time()
            for i, mid in enumerate(ids):
                await asyncio.sleep(max(0.0, start + i / rate - time.time()))
                posts.append(asyncio.create_task(self.post(mid)))
            await asyncio.gather(*posts)
            return start, self.commit_times(ids)

        return go

    def burst(self, ids: list[str]) -> Produce:
        async def go() -> tuple[float, dict[str, float]]:
            queue = list(reversed(ids))

            async def poster() -> None:
                while queue:
                    await self.post(queue.pop())

            start = time.time()
            await asyncio.gather(*(poster() for _ in range(POSTERS)))
            return start, self.commit_times(ids)

        return go

    def commit_times(self, ids: list[str]) -> dict[str, float]:
        """The phase's messages' commit times (written before each post was answered)."""
        stamped = commit_clock.read(self.commit_log)
        return {mid: stamped[mid] for mid in ids if mid in stamped}


def new_ids(n: int) -> list[str]:
    return [str(uuid.uuid4()) for _ in range(n)]


async def run_ours(
    server: Server, commit_log: str, emails: list[str], workspace_id: str, args: argparse.Namespace
) -> dict[str, Any]:
    assert server.proc is not None
    limits = httpx.Limits(max_connections=POSTERS + 4, max_keepalive_connections=POSTERS + 4)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=60) as http:
        tokens = [await login(http, e) for e in emails]
        chats = []
        for i in range(CHATS):
            body = {"workspace_id": workspace_id, "text": f"안녕하세요 {i}"}
            r = await http.post("/customer/chats", json=body)
            r.raise_for_status()
            chats.append(Chat(r.json()["chat_id"], r.json()["token"]))
        r = await http.get(
            "/sync/changes",
            params={"since": 0, "limit": 1},
            headers={"Authorization": f"Bearer {tokens[0]}"},
        )
        head = r.json()["head"]
        peers = Receivers(f"{server.ws_url}/sync/ws?since={head}", tokens, args.clients)
        try:
            t = time.perf_counter()
            connected = await peers.ready()
            took = time.perf_counter() - t
            print(f"  {connected} sockets connected to our server in {took:.1f} s")
            pids = {"server": server.proc.pid, "receivers": peers.proc.pid or 0}
            producer = Producer(http, chats, commit_log)
            phases: dict[str, PhaseFigures] = {}
            for name, ids, make in (
                ("warmup", new_ids(10), lambda ids: producer.paced(ids, 10)),
                ("paced", new_ids(args.paced), lambda ids: producer.paced(ids, args.rate)),
                ("burst", new_ids(args.burst), producer.burst),
            ):
                within = 60 + len(ids) / (args.rate if name == "paced" else 10)
                phases[name] = await run_phase(
                    name, peers, ids, make(ids), within=within, pids=pids
                )
                if name != "warmup":
                    print("  " + phases[name].line())
            if producer.errors:
                print(f"  ! {len(producer.errors)} failed posts, e.g. {producer.errors[0]}")
        finally:
            peers.close()
    return {"phases": phases, "connected": connected, "post_errors": len(producer.errors)}


# ---- the baseline run ------------------------------------------------------------------------


def _schedule(capture: list[tuple[float, str]], paced: bool) -> list[tuple[float, str]]:
    """Client 0's frames: at their original offsets (paced) or back to back (burst)."""
    if not capture:
        return []
    t0 = capture[0][0]
    return [((t - t0) if paced else 0.0, frame) for t, frame in capture]


async def run_baseline(ours: dict[str, PhaseFigures], args: argparse.Namespace) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    conn, child = ctx.Pipe()
    proc = ctx.Process(target=baseline_main, args=(child, args.clients), daemon=True)
    proc.start()
    child.close()
    peers: Receivers | None = None
    try:
        if not await asyncio.to_thread(conn.poll, 30):
            raise TimeoutError("baseline server did not start")
        _, port = conn.recv()
        peers = Receivers(f"ws://127.0.0.1:{port}/", ["-"], args.clients)
        t = time.perf_counter()
        connected = await peers.ready()
        print(f"  {connected} sockets connected to the baseline in {time.perf_counter() - t:.1f} s")
        pids = {"server": proc.pid or 0, "receivers": peers.proc.pid or 0}
        phases: dict[str, PhaseFigures] = {}
        for name in ("paced", "burst"):
            schedule = _schedule(ours[name].capture, paced=name == "paced")
            ids = list(dict.fromkeys(m for _, f in schedule for m in MESSAGE_ID.findall(f)))

            async def produce(
                schedule: list[tuple[float, str]] = schedule,
            ) -> tuple[float, dict[str, float]]:
                conn.send(("play", schedule))
                if not await asyncio.to_thread(conn.poll, 300):
                    raise TimeoutError("baseline server did not finish playing")
                _, sent, _n = conn.recv()
                committed: dict[str, float] = {}
                for ts, (_, frame) in zip(sent, schedule, strict=True):
                    for mid in MESSAGE_ID.findall(frame):
                        committed.setdefault(mid, ts)
                return (sent[0] if sent else time.time()), committed

            within = 60 + (schedule[-1][0] if schedule else 0)
            phases[name] = await run_phase(name, peers, ids, produce, within=within, pids=pids)
            print("  " + phases[name].line())
        return {"phases": phases, "connected": connected}
    finally:
        if peers is not None:
            peers.close()
        try:
            conn.send(("stop",))
            if conn.poll(10):
                conn.recv()
        except (OSError, EOFError):
            pass
        proc.join(10)
        if proc.is_alive():
            proc.kill()
            proc.join(5)


# ---- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.fanout", description=__doc__.split("\n")[0])
    p.add_argument("--clients", type=int, default=1000)
    p.add_argument("--rate", type=float, default=10.0, help="paced messages per second")
    p.add_argument("--paced", type=int, default=100, help="messages in the paced phase")
    p.add_argument("--burst", type=int, default=400, help="messages in the burst")
    args = p.parse_args(argv)
    raise_nofile(args.clients * 2 + 1024)

    print(
        f"fan-out benchmark: {args.clients} WebSocket clients in another process; paced "
        f"{args.paced} messages at {args.rate:g}/s, then a burst of {args.burst} "
        f"({POSTERS} concurrent posters)"
    )
    with tempfile.TemporaryDirectory(prefix="sangdam-bench-logs-") as logs:
        print("our server (sangdam-server serve, 1 worker, SQLite, memory doorbell):")
        with sqlite_database() as url:
            ws = make_workspace(url, MANAGERS)
            commit_log = str(Path(logs) / "commits.txt")
            server = Server(
                url,
                log_path=Path(logs) / "server.log",
                entry="bench.commit_clock",
                env={"SANGDAM_BENCH_COMMIT_LOG": commit_log},
            )
            with server:
                try:
                    ours = asyncio.run(
                        run_ours(server, commit_log, ws.emails, str(ws.workspace_id), args)
                    )
                finally:
                    tail = server.log_tail(5)
                    if tail.strip():
                        print(f"  [server log, last lines]\n{tail}")
    print("baseline (plain websockets.broadcast of the same frames; clock from that call):")
    base = asyncio.run(run_baseline(ours["phases"], args))

    o_paced, o_burst = ours["phases"]["paced"], ours["phases"]["burst"]
    b_paced, b_burst = base["phases"]["paced"], base["phases"]["burst"]
    ratio = o_burst.per_s / b_burst.per_s if b_burst.per_s else float("nan")
    sizes = [len(f) for _, f in o_paced.capture]
    size = sorted(sizes)[len(sizes) // 2] if sizes else 0
    per_message = o_paced.deliveries / max(1, o_paced.messages * ours["connected"])
    print(
        f"frames to client 0: paced {len(o_paced.capture)} (median {size} bytes, "
        f"{per_message:.1f} changes per message), burst {len(o_burst.capture)} (the hub "
        "coalesces what a socket has not yet taken)"
    )
    print(
        f"server CPU per delivery in the burst: ours {o_burst.server_us:.1f} us (posts "
        f"included), baseline {b_burst.server_us:.1f} us"
    )
    phases = (o_paced, o_burst, b_paced, b_burst)
    others = sum(ph.cpu["others"] for ph in phases) / len(phases)
    if others > 0.2:
        print(
            f"! other processes kept {others:.1f} cores busy on average during the phases: "
            "the figures are lower than on a quiet machine"
        )
    print(
        f"ratio (burst deliveries/s, ours / baseline): {ratio:.2f}; paced commit->receipt "
        f"p50/p99 ours {percentile(o_paced.latencies_ms, 50):.1f}/"
        f"{percentile(o_paced.latencies_ms, 99):.1f} ms vs baseline (broadcast->receipt) "
        f"{percentile(b_paced.latencies_ms, 50):.1f}/{percentile(b_paced.latencies_ms, 99):.1f} ms"
    )
    complete = all(ph.receipts == ph.expected_receipts for ph in phases)

    def ms(phase: PhaseFigures, q: float) -> float:
        return round(percentile(phase.latencies_ms, q), 1)

    figures = {
        "clients": ours["connected"],
        "deliveries_per_s": round(o_burst.per_s),
        "baseline_deliveries_per_s": round(b_burst.per_s),
        "ratio": round(ratio, 3),
        "p50_ms": ms(o_paced, 50),
        "p99_ms": ms(o_paced, 99),
        "baseline_p50_ms": ms(b_paced, 50),
        "baseline_p99_ms": ms(b_paced, 99),
        "burst_p50_ms": ms(o_burst, 50),
        "burst_p99_ms": ms(o_burst, 99),
        "baseline_burst_p50_ms": ms(b_burst, 50),
        "baseline_burst_p99_ms": ms(b_burst, 99),
        "paced_deliveries_per_s": round(o_paced.per_s),
        "server_us_per_delivery": round(o_burst.server_us, 1),
        "baseline_server_us_per_delivery": round(b_burst.server_us, 1),
        "other_processes_cores": round(others, 2),
        "complete": complete,
        "post_errors": ours["post_errors"],
    }
    print(json.dumps(figures))
    return 0 if complete and not ours["post_errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
