"""bench.fanout's server: ``sangdam-server serve`` with a clock on its commits.

A test hook, so nothing in ``server/`` carries a probe: this module listens to
SQLAlchemy's engine events, then runs the server's own CLI in this process
(``python -m bench.commit_clock serve ...`` takes the options of ``sangdam-server
serve``; one worker, so the app uvicorn imports is in this process and the hooks apply).

- ``before_cursor_execute``: an INSERT into ``message`` notes the ids it inserts on its
  connection;
- ``commit``: just before the transaction's COMMIT is sent, one line
  ``<message id> <time.time()>`` per noted id is appended to the file named by the
  environment variable ``SANGDAM_BENCH_COMMIT_LOG`` (required; bench.fanout sets it);
- ``rollback``: the noted ids are dropped (those messages were never stored).

Stamped before COMMIT, the time precedes the moment the rows become visible to any
reader, so no frame carrying them can reach a client earlier: a latency measured from
it cannot be negative (on the same machine's wall clock, unless the clock is stepped).
Writing a line costs the transaction a few microseconds.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.interfaces import DBAPICursor, ExecutionContext

_NOTED = "bench_commit_clock_ids"


@contextmanager
def installed(log: IO[str]) -> Iterator[None]:
    """Every engine's inserts and commits are listened to until the block ends."""
    hooks = _hooks(log)
    for name, fn in hooks.items():
        event.listen(Engine, name, fn)
    try:
        yield
    finally:
        for name, fn in hooks.items():
            event.remove(Engine, name, fn)


def _hooks(log: IO[str]) -> dict[str, Callable[..., None]]:
    def _inserted(
        conn: Connection,
        _cursor: DBAPICursor,
        _statement: str,
        _parameters: Any,
        context: ExecutionContext | None,
        _executemany: bool,
    ) -> None:
        compiled = getattr(context, "compiled", None)
        table = getattr(getattr(compiled, "statement", None), "table", None)
        if getattr(table, "name", None) == "message" and getattr(context, "isinsert", False):
            params = getattr(context, "compiled_parameters", None) or []
            conn.info.setdefault(_NOTED, []).extend(str(p["id"]) for p in params if "id" in p)

    def _committing(conn: Connection) -> None:
        ids = conn.info.pop(_NOTED, None)
        if ids:
            now = time.time()
            log.write("".join(f"{mid} {now!r}\n" for mid in ids))
            log.flush()

    def _rolled_back(conn: Connection) -> None:
        conn.info.pop(_NOTED, None)

    return {
        "before_cursor_execute": _inserted,
        "commit": _committing,
        "rollback": _rolled_back,
    }


def read(path: str) -> dict[str, float]:
    """Message id -> the wall-clock time its transaction began to commit."""
    times: dict[str, float] = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            mid, _, t = line.partition(" ")
            times.setdefault(mid, float(t))
    return times


def main(argv: list[str] | None = None) -> int:
    path = os.environ.get("SANGDAM_BENCH_COMMIT_LOG")
    if not path:
        print("bench.commit_clock needs SANGDAM_BENCH_COMMIT_LOG (a file path)", file=sys.stderr)
        return 2
    args = list(sys.argv[1:] if argv is None else argv)
    if "--workers" in args and args[args.index("--workers") + 1 :][:1] != ["1"]:
        print("bench.commit_clock hooks this process only: one worker", file=sys.stderr)
        return 2
    from server.cli import main as serve

    with open(path, "a", encoding="ascii") as log, installed(log):
        return serve(args)


if __name__ == "__main__":
    sys.exit(main())
