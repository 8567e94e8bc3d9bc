"""The server's event loop during long work: a chat of 10,000 messages deleted for good
(H5) while 300 chats are closed in bulk (L2), through the real HTTP API.

The server runs in a subprocess (``python -m bench.loop_stall serve ...``: the options
of ``sangdam-server serve``, one worker), wrapped by this module: its app gets two extra
routes, and nothing in ``server/`` carries a probe.

- ``POST /bench/loop-stall``: (re)starts a monitor task on the server's event loop: it
  sleeps ``TICK`` (2 ms) again and again and records how late it wakes each time (the
  time the loop could run nothing else, give or take the timer's resolution);
- ``GET /bench/loop-stall``: the largest lateness and the 99th percentile since the
  start, in ms; and the most CPU time the loop's thread used within one tick
  (``busy_max_ms``): on a machine so loaded that the process waits for a core, a late
  wake-up may be the scheduler's doing, and this says how much of it the loop itself
  spent running something (a long callback shows in both; a wait for a core, or for
  the GIL, only in the first).

The run: a fresh database (SQLite file, or a PostgreSQL database
``sangdam_bench_<random>``, dropped afterwards), one workspace, its owner allowed to
delete chats. Seeded through the API as a desktop would write: one chat with 10,000
messages (``/sync/push``, 100 mutations a push), then 300 more chats
(``POST /customer/chats``).

1. The work: the clock starts (the monitor is restarted) just before the two requests
   are sent together: ``DELETE /chats/{big}`` and ``POST /chats/bulk`` closing the 300;
   it stops when both have answered, and ``loop_max_stall_ms`` is read then. During the
   work another manager pushes a star/unstar every 20 ms: ``push_p99_ms_during_work``
   is their round trip, to show other writers get through between the transactions.
   Afterwards the results are checked (the chat is gone, all 300 are closed, the
   sidebar says so).
2. The floor: the monitor runs again as long as the work took, with no requests:
   ``loop_max_stall_ms_idle`` is the timer's own lateness on this machine (a loaded
   machine that leaves the process unscheduled shows here too), and ``stall_ratio`` is
   the work's maximum over it.

    python -m bench.loop_stall [--backend sqlite|postgres|both] [--messages 10000]
                               [--chats 300]

The last line printed is JSON: ``loop_max_stall_ms`` (target < 50) per backend, with
the idle floor and the work's durations. ``measure(backend)`` returns the same figures
for one backend (bench.abuse uses it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench._support import (
    PASSWORD,
    Server,
    percentile,
    postgres_database,
    sqlite_database,
)

TICK = 0.002  # the monitor's sleep, s
PUSH_SIZE = 100  # mutations a push (protocol.limits.MAX_MUTATIONS_PER_PUSH)


# ---- the server side: the monitor -------------------------------------------------------


class Monitor:
    """A task that sleeps TICK over and over and keeps how late each wake-up was."""

    def __init__(self) -> None:
        self.lates: list[float] = []
        self.busy: list[float] = []
        self.task: asyncio.Task[None] | None = None

    def restart(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.lates, self.busy = [], []
        self.task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            t0, c0 = time.perf_counter(), time.thread_time()
            await asyncio.sleep(TICK)
            self.lates.append(time.perf_counter() - t0 - TICK)
            self.busy.append(time.thread_time() - c0)

    def figures(self) -> dict[str, float]:
        lates, busy = self.lates or [0.0], self.busy or [0.0]
        return {
            "max_ms": max(lates) * 1000,
            "p99_ms": percentile(lates, 99) * 1000,
            "busy_max_ms": max(busy) * 1000,
            "samples": float(len(self.lates)),
        }


def serve(argv: list[str]) -> int:
    """``sangdam-server serve`` with the monitor's routes on its app (one worker)."""
    if "--workers" in argv and argv[argv.index("--workers") + 1 :][:1] != ["1"]:
        print("bench.loop_stall watches this process's loop: one worker", file=sys.stderr)
        return 2
    import server.asgi
    from server.cli import main as cli

    make = server.asgi.create
    monitor = Monitor()

    def create() -> Any:
        app = make()

        @app.post("/bench/loop-stall")
        async def start() -> dict[str, str]:
            monitor.restart()
            return {"status": "started"}

        @app.get("/bench/loop-stall")
        async def read() -> dict[str, float]:
            return monitor.figures()

        return app

    server.asgi.create = create  # uvicorn imports "server.asgi:create" after this
    return cli(argv)


# ---- the client side: seed, work, measure ---------------------------------------------


@contextmanager
def _database(backend: str) -> Iterator[str]:
    if backend == "sqlite":
        with sqlite_database() as url:
            yield url
    elif backend == "postgres":
        with postgres_database() as url:
            yield url
    else:
        raise ValueError(f"unknown backend {backend!r}")


def _make_workspace(url: str) -> tuple[uuid.UUID, list[str]]:
    """A workspace with an owner who may delete chats and one more manager."""
    from protocol.kinds import Permission, Role
    from server import admin
    from server.auth.secrets import Passwords
    from server.db.database import Database

    async def build() -> tuple[uuid.UUID, list[str]]:
        db = Database(url)
        try:
            hashed = Passwords(memory_kib=1024, time_cost=1).hash(PASSWORD)
            wid = await admin.create_workspace(db, "Stall Co")
            emails = ["owner@stall.test", "other@stall.test"]
            for i, email in enumerate(emails):
                await admin.create_manager(
                    db,
                    wid,
                    email=email,
                    name=f"Manager {i}",
                    password_hash=hashed,
                    role=Role.OWNER if i == 0 else Role.MANAGER,
                    permissions=[Permission.DELETE_CHATS.value] if i == 0 else [],
                )
            return wid, emails
        finally:
            await db.dispose()

    return asyncio.run(build())


async def _login(client: httpx.AsyncClient, email: str) -> dict[str, str]:
    r = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['token']}"}


async def _new_chat(client: httpx.AsyncClient, wid: uuid.UUID, text: str) -> str:
    r = await client.post("/customer/chats", json={"workspace_id": str(wid), "text": text})
    assert r.status_code == 201, r.text
    return str(r.json()["chat_id"])


async def _push(
    client: httpx.AsyncClient, headers: dict[str, str], cid: str, muts: list[dict[str, Any]]
) -> None:
    r = await client.post("/sync/push", headers=headers, json={"client_id": cid, "mutations": muts})
    assert r.status_code == 200, r.text
    assert {x["status"] for x in r.json()["results"]} == {"applied"}, r.text[:300]


async def _run(
    url: str, wid: uuid.UUID, emails: list[str], messages: int, n_chats: int
) -> dict[str, float]:
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        owner, other = await _login(client, emails[0]), await _login(client, emails[1])
        t0 = time.perf_counter()
        big = await _new_chat(client, wid, "the long one")
        client_id, next_id = str(uuid.uuid4()), 1
        for start in range(0, messages, PUSH_SIZE):
            muts = []
            for i in range(start, min(messages, start + PUSH_SIZE)):
                body = [{"type": "text", "text": f"message {i}: 주문하신 상품은 내일 도착합니다"}]
                args = {"chat_id": big, "message_id": str(uuid.uuid4()), "blocks": body}
                muts.append({"mutation_id": next_id, "name": "send_message", "args": args})
                next_id += 1
            await _push(client, owner, client_id, muts)
        others = [await _new_chat(client, wid, f"question {i}") for i in range(n_chats)]
        watched = await _new_chat(client, wid, "the other manager's chat")
        print(
            f"  seeded {messages} messages and {n_chats + 2} chats in "
            f"{time.perf_counter() - t0:.1f} s"
        )

        # 1. the work, with another manager pushing beside it
        done = asyncio.Event()
        push_ms: list[float] = []

        async def pusher() -> None:
            pid, n = str(uuid.uuid4()), 1
            while not done.is_set():
                args = {"chat_id": watched, "starred": bool(n % 2)}
                t = time.perf_counter()
                await _push(client, other, pid, [{"mutation_id": n, "name": "star", "args": args}])
                push_ms.append((time.perf_counter() - t) * 1000)
                n += 1
                await asyncio.sleep(0.02)

        async def timed(coro: Any) -> tuple[float, httpx.Response]:
            t = time.perf_counter()
            r = await coro
            return time.perf_counter() - t, r

        (await client.post("/bench/loop-stall")).raise_for_status()
        side = asyncio.create_task(pusher())
        (delete_s, deleted), (bulk_s, bulk) = await asyncio.gather(
            timed(client.delete(f"/chats/{big}", headers=owner)),
            timed(
                client.post(
                    "/chats/bulk",
                    headers=owner,
                    json={
                        "chat_ids": others,
                        "action": {"name": "set_state", "args": {"state": "closed"}},
                    },
                )
            ),
        )
        work = (await client.get("/bench/loop-stall")).json()
        done.set()
        await side

        # 2. the floor: as long again with no requests
        (await client.post("/bench/loop-stall")).raise_for_status()
        await asyncio.sleep(max(delete_s, bulk_s))
        idle = (await client.get("/bench/loop-stall")).json()

        assert deleted.status_code == 204, deleted.text
        assert bulk.status_code == 200, bulk.text
        assert {x["status"] for x in bulk.json()["results"]} == {"applied"}, bulk.text[:300]
        assert (await client.get(f"/chats/{big}", headers=owner)).status_code == 404
        sidebar = (await client.get("/inbox/sidebar?state=closed", headers=owner)).json()
        assert sidebar["all"] == n_chats, sidebar
    return {
        "loop_max_stall_ms": round(work["max_ms"], 2),
        "loop_p99_stall_ms": round(work["p99_ms"], 2),
        "loop_max_busy_ms": round(work["busy_max_ms"], 2),
        "loop_max_stall_ms_idle": round(idle["max_ms"], 2),
        "loop_max_busy_ms_idle": round(idle["busy_max_ms"], 2),
        "stall_ratio": round(work["max_ms"] / max(idle["max_ms"], 0.001), 2),
        "delete_s": round(delete_s, 3),
        "bulk_s": round(bulk_s, 3),
        "push_p99_ms_during_work": round(percentile(push_ms, 99), 1),
        "pushes_during_work": float(len(push_ms)),
    }


def measure(
    backend: str = "sqlite", *, messages: int = 10_000, chats: int = 300
) -> dict[str, float]:
    """One run on a fresh database of `backend` ("sqlite" or "postgres"): the figures of
    the module docstring, ``loop_max_stall_ms`` among them."""
    with _database(backend) as url, tempfile.TemporaryDirectory() as tmp:
        wid, emails = _make_workspace(url)
        server = Server(
            url, entry="bench.loop_stall", migrate=False, log_path=Path(tmp) / "server.log"
        )
        server.start(timeout=120)  # a loaded machine may take more than 30 s to import
        try:
            return asyncio.run(_run(server.url, wid, emails, messages, chats))
        except Exception:
            print(server.log_tail(), file=sys.stderr)
            raise
        finally:
            server.stop()


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["serve"]:
        return serve(args)
    parser = argparse.ArgumentParser(prog="python -m bench.loop_stall", description=__doc__)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--chats", type=int, default=300)
    opts = parser.parse_args(args)
    backends = ["sqlite", "postgres"] if opts.backend == "both" else [opts.backend]
    out: dict[str, Any] = {}
    for backend in backends:
        print(f"{backend}: deleting a chat of {opts.messages} messages, closing {opts.chats}")
        figures = measure(backend, messages=opts.messages, chats=opts.chats)
        for k, v in figures.items():
            print(f"  {k}: {v}")
        out[backend] = figures
    if len(backends) == 1:
        out = {"backend": backends[0], **out[backends[0]]}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
