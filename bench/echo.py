"""Echo: the agent presses Enter in the composer; how long until the message is painted
in the conversation (the optimistic, pending row)?

    python -m bench.echo [--sends 50]

Offscreen, on a small cache, with the server down (nothing answers on its port): the
send goes through the real path (composer -> controller -> engine.send_message -> the
outbox written in a worker thread -> the engine's news -> the model -> the view). The
clock stops when the message delegate paints the new row, which the controller shows
as a local echo before the outbox write commits; the time until the cache's pending row
has replaced the echo is printed too. Median over `--sends`.
Target: <= 16 ms (one frame). The last line is JSON: {"echo_ms": ...}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TRACE: list[float] | None = None


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port  # closed again: connections are refused


async def measure(path: Path, sends: int) -> dict[str, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.controller.ui import build_ui
    from desktop.sync.cache import Cache
    from desktop.sync.engine import SyncEngine

    ui = build_ui(path, account="echo")
    ui.window.resize(1280, 800)
    ui.window.show()
    reader_meta = ui.reader
    cache = Cache.open(
        path,
        server_url=str(reader_meta.meta("server_url")),
        workspace_id=str(reader_meta.meta("workspace_id")),
        manager_id=str(reader_meta.meta("manager_id")),
    )
    engine = SyncEngine(
        cache,
        "sdm_bench",
        server_url=f"http://127.0.0.1:{_dead_port()}",
        on_changed=ui.controller.on_changed,
        on_status=ui.controller.on_status,
        on_refused=ui.controller.on_refused,
        on_unauthorized=ui.controller.on_unauthorized,
    )
    ui.controller.attach(engine)
    await engine.start()
    try:
        ui.window.chat_list.setCurrentIndex(ui.chats.index(0))
        for _ in range(50):
            await asyncio.sleep(0.01)
        edit = ui.window.conversation.composer.edit
        edit.setFocus()
        delegate = ui.window.conversation.view.delegate
        loop = asyncio.get_running_loop()
        shown: asyncio.Future[float] | None = None
        before = 0
        paint = delegate._painted

        def painted(message_id: str) -> None:  # the clock stops in the delegate's paint
            paint(message_id)
            n = ui.messages.rowCount()
            if shown is None or shown.done() or n <= before:
                return
            newest = ui.messages.item(n - 1)
            if newest is not None and newest.id == message_id:
                now = time.perf_counter()  # the row has been painted: the clock stops
                if TRACE is not None:
                    TRACE.append(now)
                shown.set_result(now)

        delegate._painted = painted  # type: ignore[method-assign]
        times: list[float] = []
        in_cache: list[float] = []

        async def replaced(message_id: str) -> float:
            done: asyncio.Future[float] = loop.create_future()

            def check(*_args: object) -> None:
                if not ui.messages.is_echo(message_id) and not done.done():
                    done.set_result(time.perf_counter())

            ui.messages.dataChanged.connect(check)
            ui.messages.rowsMoved.connect(check)
            try:
                check()
                return await asyncio.wait_for(done, 10)
            finally:
                ui.messages.dataChanged.disconnect(check)
                ui.messages.rowsMoved.disconnect(check)

        for i in range(sends + 5):
            text = f"echo {i}"
            QTest.keyClicks(edit, text)
            await asyncio.sleep(0.02)  # typing is not timed
            before = ui.messages.rowCount()
            shown = loop.create_future()
            began = time.perf_counter()
            if TRACE is not None:
                TRACE.append(-began)
            QTest.keyClick(edit, Qt.Key.Key_Return)
            # the GUI thread waits in Qt's event loop, as it would for a person
            painted_at = await asyncio.wait_for(shown, 5)
            took = painted_at - began
            item = ui.messages.item(ui.messages.rowCount() - 1)
            assert item is not None
            stored = await replaced(item.id) - began  # the outbox row replaced the echo
            item = ui.messages.item(ui.messages.row_of(item.id) or 0)
            assert item is not None
            assert item.pending and item.message["blocks"][0]["text"] == text
            if i >= 5:  # the first few warm the caches
                times.append(took * 1000)
                in_cache.append(stored * 1000)
            await asyncio.sleep(0.03)
        return {
            "echo_ms": round(statistics.median(times), 2),
            "p90_ms": round(sorted(times)[int(len(times) * 0.9) - 1], 2),
            "in_outbox_ms": round(statistics.median(in_cache), 2),
            "waiting": engine.status.waiting,
        }
    finally:
        await engine.stop()
        cache.close()
        ui.close()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sends", type=int, default=50)
    args = p.parse_args()

    from bench.cold_start import build_cache
    from desktop.app import asyncgen_hooks, make_app

    app = make_app()
    import qasync  # type: ignore[import-untyped]

    with tempfile.TemporaryDirectory(prefix="sangdam-echo-") as tmp:
        path = Path(tmp) / "cache.sqlite3"
        build_cache(path, 500)

        async def run() -> dict[str, Any]:
            with asyncgen_hooks():
                return await measure(path, args.sends)

        result = asyncio.run(run(), loop_factory=lambda: qasync.QEventLoop(app))
    print(f"{args.sends} sends, server down; {result['waiting']} waiting in the outbox")
    print(f"painted: median {result['echo_ms']} ms, p90 {result['p90_ms']} ms")
    print(f"written to the outbox and shown from the cache: median {result['in_outbox_ms']} ms")
    print(json.dumps({"echo_ms": result["echo_ms"]}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
