"""The one way the tests, the benchmarks and the demo start a server process, and the
one way they make a throwaway PostgreSQL database."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest

from desktop.demo.server_process import ServerProcess, ServerStartError
from server.db import throwaway
from tests.support.databases import PG_ADMIN_DSN
from tests.support.live import ROOT


def test_a_server_that_exits_while_starting_says_why(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    server = ServerProcess(
        f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", doorbell="pigeon", log_path=log, cwd=ROOT
    )
    with pytest.raises(ServerStartError) as failed:
        server.start(timeout=60)
    assert failed.value.exited
    assert "exited with 2" in str(failed.value) and "invalid choice: 'pigeon'" in str(failed.value)


async def database_names() -> set[str]:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN_DSN, timeout=10)
    try:
        return {r[0] for r in await conn.fetch("SELECT datname FROM pg_database")}
    finally:
        await conn.close()


@pytest.mark.postgres
def test_a_throwaway_database_is_migrated_served_and_dropped(
    postgres_url: str,  # (PostgreSQL is up, or the test is skipped or failed as CI wants)
    tmp_path: Path,
) -> None:
    with throwaway.database_sync(PG_ADMIN_DSN, "sangdam_t") as url:
        name = url.rsplit("/", 1)[1]
        assert name.startswith("sangdam_t_") and name in asyncio.run(database_names())
        server = ServerProcess(
            url, doorbell="postgres", migrate=False, log_path=tmp_path / "log", cwd=ROOT
        ).start(timeout=60)
        try:
            # migrated: a table of the schema answers (an unknown workspace is answered
            # like a rate-limited one, 429: it must not tell which workspaces exist)
            r = httpx.post(
                server.url + "/customer/chats",
                json={"workspace_id": "00000000-0000-0000-0000-000000000000", "text": "hi"},
                timeout=10,
            )
            assert r.status_code == 429 and "Retry-After" in r.headers, r.text
            server.restart()  # SIGKILL, then the same port again
            assert httpx.get(server.url + "/health", timeout=10).status_code == 200
        finally:
            server.stop()
        assert server.proc is not None and server.proc.poll() is not None
    assert name not in asyncio.run(database_names())
    with pytest.raises(ValueError, match="not a safe database name"):
        throwaway.database_url(PG_ADMIN_DSN, "x; DROP DATABASE postgres")


def test_the_demo_server_ends_with_the_app_that_started_it_even_when_killed(
    tmp_path: Path,
) -> None:
    # A stand-in for the app: it starts the demo's kind of server, says its pid, and is
    # then SIGKILLed (a crash: no chance to stop its child).
    app = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import time
                from desktop.demo.server_process import ServerProcess
                server = ServerProcess(
                    "sqlite+aiosqlite:///{tmp_path / "demo.db"}", exit_with_parent=True
                ).start(60)
                print(server.proc.pid, server.url, flush=True)
                time.sleep(600)
                """
            ),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout is not None
        pid, url = app.stdout.readline().split()
        assert httpx.get(url + "/health").status_code == 200
        os.kill(app.pid, signal.SIGKILL)
        app.wait(10)
        deadline = time.monotonic() + 15
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        gone = not Path(f"/proc/{pid}").exists() or _proc_state(pid) == "Z"  # unreaped
        assert gone, "the server outlived the app"
        with pytest.raises(httpx.TransportError):
            httpx.get(url + "/health", timeout=1)
    finally:
        app.kill()
        app.wait()
        if app.stdout is not None:
            app.stdout.close()


def _proc_state(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return ""
