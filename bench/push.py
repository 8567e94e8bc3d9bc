"""Effective mutations per second through ``POST /sync/push``, as a share of a baseline.

One workspace, 200 chats started through the customer API, 50 sync clients (50 client
ids over 5 manager logins), each pushing one mutation at a time: send, await the answer,
send the next (bench/push_load.py). Every mutation in the mix changes something: a new
message, a new description, and star, follow, a tag and the chat's state flipped in
turn, each client on chats only it touches. Only mutations the server says changed
something count (``applied`` with a seq); no-ops and refusals are counted apart and
should be 0. Our server runs in its own process (``sangdam-server serve``, one worker).

The baselines, in the same run, on the same database and with the same load generator:
bench/push_baseline.py, a minimal ASGI app in a uvicorn process of its own that does only
a message's essential transaction (take the seq from the workspace row, insert the
message and its change-log row, commit) for the same 50 clients pushing send_message.
The issue's baseline commits each message in its own transaction: the figure is
``<backend>_ratio`` = our effective mutations/s / its messages/s (target >= 0.4), which
holds from one machine to the next where the rates do not. A second, stricter one lets
messages that arrive while its transaction runs share the next commit (at most 48), as
our server's pushes do: ``<backend>_group_ratio``, which shows what our per-mutation work
costs once the disk's flush is shared.

Clock: each push is timed from just before its request is written to just after its
answer is read (``time.perf_counter`` in this process); it counts when its answer arrived
inside a measured window. Rounds run ours, baseline, grouped, grouped, baseline, ours (so
a machine that gets busier or quieter during the run weighs on all three alike), each a
``--warmup`` then a ``--seconds`` window; a rate is its completions over its windows'
total time. The three servers stay up for the whole run; those not driven are idle.

    python -m bench.push [--seconds 8] [--warmup 2] [--clients 50] [--only sqlite|postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import Any

import httpx

from bench._support import (
    Server,
    login,
    make_workspace,
    median,
    percentile,
    postgres_database,
    sqlite_database,
    wait_for_postgres_connections,
)
from bench.push_load import TAGS, ChatView, Client, Tally, flip_tag, push_one, run_round
from bench.raw_http import RawHTTP

CHATS = 200
MANAGERS = 5
POOL = 10  # SANGDAM_DB_POOL for both: our server takes at most 10 + 10 connections
SIDES = ("ours", "baseline", "grouped")
ORDER = ("ours", "baseline", "grouped", "grouped", "baseline", "ours")
GROUP_BATCH = 48  # the grouped baseline's largest commit, as our push batches


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


async def create_tags(url: str, token: str, chat_id: str) -> None:
    """Add and remove each tag once, so concurrent first uses do not race to create it."""
    chat = ChatView(chat_id)
    setup = Client(token, random.Random(0), [chat])
    tally = Tally()
    http = RawHTTP(url)
    try:
        for tag in TAGS:
            for _ in range(2):  # add, then remove
                await push_one(http, setup, flip_tag(chat, tag), tally)
    finally:
        await http.aclose()
    if tally.errors or tally.refused or tally.noop or chat.tags:
        raise RuntimeError(f"creating the tags failed: {tally}")


async def drive(
    servers: dict[str, Server], workspace_id: str, emails: list[str], args: argparse.Namespace
) -> dict[str, Tally]:
    ours = servers["ours"].url
    async with httpx.AsyncClient(base_url=ours, timeout=60) as http:
        tokens = [await login(http, e) for e in emails]
        chats = await start_chats(http, workspace_id, CHATS)
    await create_tags(ours, tokens[0], chats[0])
    pools: dict[str, list[Client]] = {}
    for side in SIDES:  # client i owns chats i, i + clients, ...: no two touch one chat
        pools[side] = [
            Client(
                tokens[i % len(tokens)],
                random.Random(f"{side}{i}"),
                [ChatView(chat) for chat in chats[i :: args.clients]],
                messages_only=side != "ours",
            )
            for i in range(args.clients)
        ]
    tallies = {side: Tally() for side in SIDES}
    for side in ORDER:
        server = servers[side]
        assert server.proc is not None
        await run_round(
            server.url,
            pools[side],
            tallies[side],
            warmup=args.warmup,
            seconds=args.seconds,
            server_pid=server.proc.pid,
            postgres=args.backend == "postgres",
        )
    return tallies


def run_backend(
    name: str,
    database: Callable[[], AbstractContextManager[str]],
    args: argparse.Namespace,
    logs: Path,
) -> tuple[dict[str, Tally], dict[str, dict[str, int]]]:
    if name == "postgres":
        wait_for_postgres_connections(3 * POOL + 5)
    args.backend = name
    with database() as url, ExitStack() as stack:
        ws = make_workspace(url, MANAGERS)
        env = {"SANGDAM_DB_POOL": str(POOL)}
        servers = {"ours": Server(url, log_path=logs / f"{name}-ours.log", env=env)}
        for side, batch in (("baseline", 1), ("grouped", GROUP_BATCH)):
            servers[side] = Server(
                url,
                log_path=logs / f"{name}-{side}.log",
                env={**env, "SANGDAM_BASELINE_MAX_BATCH": str(batch)},
                entry="bench.push_baseline",
            )
        for server in servers.values():
            stack.enter_context(server)
        tallies = asyncio.run(drive(servers, str(ws.workspace_id), ws.emails, args))
        return tallies, {side: s.log_errors() for side, s in servers.items()}


def figures_of(t: Tally) -> dict[str, Any]:
    lat_ms = [x * 1000 for x in t.latencies]
    cpu = {k: v / t.window_total for k, v in t.cpu.items()}
    return {
        "mps": t.effective / t.window_total,
        "p50_ms": median(lat_ms),
        "p99_ms": percentile(lat_ms, 99),
        "cpu": cpu,
        "server_cpu_ms": t.cpu["server"] / t.effective * 1000 if t.effective else math.nan,
    }


def report(name: str, t: Tally, log_errors: dict[str, int]) -> dict[str, Any]:
    f = figures_of(t)
    print(
        f"  {name:>8}: {f['mps']:7.1f} effective mutations/s ({t.effective} in "
        f"{t.window_total:g} s)  latency p50 {f['p50_ms']:.1f} ms, p99 {f['p99_ms']:.1f} ms"
    )
    cpu = ", ".join(f"{k} {v:.0%}" for k, v in f["cpu"].items())
    print(f"            CPU (of one core) in the windows: {cpu}")
    print(f"            server CPU per effective mutation: {f['server_cpu_ms']:.2f} ms")
    print(
        f"            no-ops {sum(t.noop.values())}, refused {sum(t.refused.values())}, "
        f"errors {sum(t.errors.values())}"
    )
    print("            mix: " + ", ".join(f"{k} {v}" for k, v in sorted(t.by_name.items())))
    for what, n in {**t.noop, **t.refused, **t.errors}.items():
        print(f"            ! {n} x {what}")
    for what, n in t.retried.items():
        print(f"            ({n} x {what}: sent again, answered)")
    for what, n in log_errors.items():
        print(f"            server log: {n} tracebacks end in {what}")
    return f


def _backends(only: str | None) -> Iterator[tuple[str, Callable[[], AbstractContextManager[str]]]]:
    if only in (None, "sqlite"):
        yield "sqlite", sqlite_database
    if only in (None, "postgres"):
        yield "postgres", postgres_database


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.push", description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=8.0, help="each measured window")
    p.add_argument("--warmup", type=float, default=2.0, help="before each window")
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--only", choices=["sqlite", "postgres"])
    args = p.parse_args(argv)
    if not 0 < args.clients <= CHATS:
        p.error(f"--clients must be 1 to {CHATS}: each client needs a chat of its own")

    print(
        f"push benchmark: {args.clients} clients, one mutation per push, {CHATS} chats; "
        f"rounds {', '.join(ORDER)}, each {args.warmup:g} s warm-up + {args.seconds:g} s"
    )
    figures: dict[str, Any] = {"clients": args.clients}
    ok = True
    with tempfile.TemporaryDirectory(prefix="sangdam-bench-logs-") as logs:
        for name, database in _backends(args.only):
            print(f"{name}:")
            tallies, log_errors = run_backend(name, database, args, Path(logs))
            ours = report("ours", tallies["ours"], log_errors["ours"])
            base = report("baseline", tallies["baseline"], log_errors["baseline"])
            group = report("grouped", tallies["grouped"], log_errors["grouped"])
            ratio = ours["mps"] / base["mps"] if base["mps"] else math.nan
            group_ratio = ours["mps"] / group["mps"] if group["mps"] else math.nan
            print(f"  ratio (ours / baseline): {ratio:.2f}; ours / grouped: {group_ratio:.2f}")
            others = (
                ours["cpu"]["other processes"]
                + base["cpu"]["other processes"]
                + group["cpu"]["other processes"]
            ) / 3
            if others > 0.2:
                print(
                    f"  ! other processes kept {others:.1f} cores busy: all three rates are lower "
                    "than on a quiet machine (the ratio less so)"
                )
            t_ours, t_base, t_group = tallies["ours"], tallies["baseline"], tallies["grouped"]
            bad = sum(t_ours.noop.values()) + sum(t_ours.refused.values())
            ok = ok and not (t_ours.errors or t_base.errors or t_group.errors) and bad == 0
            figures |= {
                f"{name}_ratio": round(ratio, 3),
                f"{name}_mps": round(ours["mps"], 1),
                f"{name}_baseline_mps": round(base["mps"], 1),
                f"{name}_group_ratio": round(group_ratio, 3),
                f"{name}_group_baseline_mps": round(group["mps"], 1),
                f"{name}_p50_ms": round(ours["p50_ms"], 2),
                f"{name}_p99_ms": round(ours["p99_ms"], 2),
                f"{name}_baseline_p50_ms": round(base["p50_ms"], 2),
                f"{name}_baseline_p99_ms": round(base["p99_ms"], 2),
                f"{name}_noops": sum(t_ours.noop.values()),
                f"{name}_refused": sum(t_ours.refused.values()),
                f"{name}_errors": sum(sum(t.errors.values()) for t in (t_ours, t_base, t_group)),
                f"{name}_server_cpu_ms_per_mutation": round(ours["server_cpu_ms"], 2),
                f"{name}_baseline_server_cpu_ms_per_mutation": round(base["server_cpu_ms"], 2),
                f"{name}_group_server_cpu_ms_per_mutation": round(group["server_cpu_ms"], 2),
                f"{name}_other_processes_cores": round(others, 2),
            }
    print(json.dumps(figures))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
