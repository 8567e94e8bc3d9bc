"""What the benchmarks share: fresh databases, a server subprocess, a workspace, logins.

Kept independent of ``tests/`` so the benchmarks run from a bare checkout; the server
process and the PostgreSQL databases are made as the tests make them
(``desktop.demo.server_process``, ``server.db.throwaway``).
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from desktop.demo.server_process import ServerProcess, log_tail
from server.db import throwaway

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN_DSN = os.environ.get("SANGDAM_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
PASSWORD = "bench horse battery staple"
# Cheap argon2 for the benchmark's logins: the server and our hashes both use this.
FAST_ARGON2 = {"SANGDAM_ARGON2_MEMORY_KIB": "1024", "SANGDAM_ARGON2_TIME_COST": "1"}
# A server on PostgreSQL needs a media key to start (server/config.py): a fixed one.
MEDIA_KEY = {"SANGDAM_MEDIA_KEY": "YmVuY2gtbWVkaWEta2V5LWJlbmNoLW1lZGlhLWtleSE="}
# The benches drive the server from one address: its per-address limits out of the way
# (a bench of the limits themselves passes its own in `env`).
NO_ADDRESS_LIMITS = {
    name: "1000000"
    for name in (
        "SANGDAM_LOGIN_ADDRESS_ATTEMPTS",
        "SANGDAM_PUBLIC_ADDRESS_REQUESTS",
        "SANGDAM_PUBLIC_ADDRESS_CHATS",
        "SANGDAM_PUBLIC_WORKSPACE_CHATS",
    )
}


def raise_nofile(want: int = 65_536) -> int:
    """Raise this process's open-file limit as far as the hard limit allows."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = want if hard == resource.RLIM_INFINITY else min(want, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# ---- databases ------------------------------------------------------------------------


@contextmanager
def sqlite_database() -> Iterator[str]:
    """A fresh, migrated SQLite file in a temporary folder (removed afterwards)."""
    from server.db.migrate import upgrade

    with tempfile.TemporaryDirectory(prefix="sangdam-bench-") as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        yield url


async def postgres_free_connections() -> tuple[int, int]:
    """(connections free, max_connections) of the PostgreSQL server."""
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN_DSN, timeout=5)
    try:
        limit = int(await conn.fetchval("SHOW max_connections"))
        used = int(await conn.fetchval("SELECT count(*) FROM pg_stat_activity"))
    finally:
        await conn.close()
    return limit - used, limit


def wait_for_postgres_connections(needed: int, within: float = 120) -> int:
    """Wait until PostgreSQL has `needed` free connections (it is shared with other
    processes here); returns how many are free, perhaps fewer after `within` s."""
    deadline = time.monotonic() + within
    while True:
        free, limit = asyncio.run(postgres_free_connections())
        if free >= needed or time.monotonic() > deadline:
            if free < needed:
                print(f"  ! PostgreSQL has only {free} of {limit} connections free")
            return free
        time.sleep(2)


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, migrated database ``sangdam_bench_<random>``, dropped afterwards."""
    with throwaway.database_sync(PG_ADMIN_DSN, "sangdam_bench") as url:
        yield url


# ---- the workspace ----------------------------------------------------------------------


@dataclass
class Workspace:
    workspace_id: uuid.UUID
    emails: list[str]


def make_workspace(url: str, managers: int) -> Workspace:
    """A workspace with ``managers`` managers, all with PASSWORD (written directly)."""
    from protocol.kinds import Role
    from server import admin
    from server.auth.secrets import Passwords
    from server.db.database import Database

    async def build() -> Workspace:
        db = Database(url)
        try:
            hashed = Passwords(memory_kib=1024, time_cost=1).hash(PASSWORD)
            wid = await admin.create_workspace(db, "Bench Co")
            emails = [f"m{i}@bench.test" for i in range(managers)]
            for i, email in enumerate(emails):
                await admin.create_manager(
                    db,
                    wid,
                    email=email,
                    name=f"Manager {i}",
                    password_hash=hashed,
                    role=Role.OWNER if i == 0 else Role.MANAGER,
                )
            return Workspace(wid, emails)
        finally:
            await db.dispose()

    return asyncio.run(build())


async def login(client: httpx.AsyncClient, email: str) -> str:
    r = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
    r.raise_for_status()
    token: str = r.json()["token"]
    return token


# ---- the server -------------------------------------------------------------------------


@dataclass
class Server(ServerProcess):
    """``sangdam-server serve`` in a subprocess, its output in a log file: the demo's
    launcher with the benches' defaults (cheap logins, a database migrated already)."""

    migrate: bool = False
    cwd: Path | None = ROOT
    # The module run as `python -m <entry> serve ...`: the server's CLI, or a bench's
    # module that wraps it (bench.commit_clock) or stands in for it (bench.push_baseline).
    entry: str = "server.cli"

    def __post_init__(self) -> None:
        self.env = {**FAST_ARGON2, **NO_ADDRESS_LIMITS, **MEDIA_KEY, **self.env}
        self.program = [sys.executable, "-m", self.entry]
        if self.doorbell is None:  # more than one worker: PostgreSQL only, with its doorbell
            self.doorbell = "memory" if self.workers == 1 else "postgres"

    def start(self, timeout: float = 30) -> Server:
        super().start(timeout)
        return self

    def log_errors(self) -> dict[str, int]:
        """Exceptions whose tracebacks the server logged (the outermost of each chain),
        as ``Type: message``, counted."""
        found: dict[str, int] = {}
        if self.log_path is None:
            return found
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return found
        nonempty = [ln for ln in lines if ln.strip()]
        for line, nxt in zip(nonempty, [*nonempty[1:], ""], strict=False):
            m = re.match(r"^([A-Za-z_][\w.]*(?:Error|Exception|Violation)\w*): (.*)", line)
            if m and not nxt.startswith(("The above exception", "During handling")):
                key = f"{m.group(1).rsplit('.', 1)[-1]}: {m.group(2)[:100]}"
                found[key] = found.get(key, 0) + 1
        return found

    def log_tail(self, lines: int = 30) -> str:
        return log_tail(self.log_path, lines)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


# ---- figures ------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), nearest-rank on sorted values; nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def cpu_seconds(pid: int, *, children: bool = False) -> float:
    """User + system CPU seconds a process (and with `children`, its live children: a
    server's workers) has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    ticks = os.sysconf("SC_CLK_TCK")
    own = (int(fields[11]) + int(fields[12])) / ticks
    if not children:
        return own
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        kids = []
    return own + sum(cpu_seconds(int(k), children=True) for k in kids)


def postgres_cpu_seconds() -> float:
    """CPU seconds used so far by the PostgreSQL server: its live processes, plus what its
    exited backends used (the postmaster reaped them: its children's time)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    procs: dict[int, int] = {}  # pid -> parent pid, for processes named postgres
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != "postgres":
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        procs[int(entry.name)] = int(fields[1])
        total += (int(fields[11]) + int(fields[12])) / ticks
    for pid, ppid in procs.items():
        if ppid not in procs:  # the postmaster
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[13]) + int(fields[14])) / ticks
    return total


def machine_cpu_seconds() -> float:
    """CPU seconds all cores of the machine have been busy so far (/proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")
