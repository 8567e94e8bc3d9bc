"""The real app for test_send_path's SIGKILL test: the flow, its window, controller and
engine over a cache in --folder, logged in silently (the token given, as the keyring
would), against a live server.

    python -m tests.desktop.send_app --url URL --email E --token T --workspace W
        --manager M --folder DIR --chat CHAT_ID (--send TEXT | --drain)

It imports everything it will need, prints `ready` and waits for a line on stdin before
it touches the cache: the test starts the next run while the last one is still up.
--send: opens the chat, types TEXT into the real composer, prints `enter`, presses
Enter and prints `painted` once the message delegate has painted the message's bubble
(then waits to be killed); with --measure also `durable` (Enter to the outbox row
committed, seen by a reader of its own). --drain: waits until the outbox is empty (what earlier,
killed runs left is sent), prints `drained` and quits as the agent would.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


async def until(check: Callable[[], bool], within: float = 30.0) -> None:
    async with asyncio.timeout(within):
        while not check():  # noqa: ASYNC110 (polling widgets: no event to wait on)
            await asyncio.sleep(0.002)


def watch_outbox(path: Path, seen: list[float]) -> None:
    """--measure: note when the outbox row is committed (a reader of its own, polling
    every 0.5 ms in this thread)."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        before = db.execute("SELECT max(mutation_id) FROM outbox").fetchone()[0] or 0
        while True:
            now = db.execute("SELECT max(mutation_id) FROM outbox").fetchone()[0] or 0
            if now > before:
                seen.append(time.perf_counter())
                return
            time.sleep(0.0005)
    finally:
        db.close()


async def main(args: argparse.Namespace) -> None:
    began = time.monotonic()
    from keyring.backend import KeyringBackend
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.auth.settings import LastLogin, Settings
    from desktop.auth.tokens import SERVICE, username
    from desktop.controller.flow import AppFlow, Config
    from desktop.sync.follower import Backoff
    from desktop.sync.status import Phase

    class GivenToken(KeyringBackend):
        """The keyring holding the token the test logged in for (and nothing else)."""

        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, user: str) -> str | None:
            return str(args.token) if (service, user) == entry else None

        def set_password(self, service: str, user: str, password: str) -> None:
            raise NotImplementedError

        def delete_password(self, service: str, user: str) -> None:
            raise NotImplementedError

    entry = (SERVICE, username(args.url, args.email))
    keyring = GivenToken()
    cfg = Config(
        config_dir=args.folder / "config",
        cache_dir=args.folder / "cache",
        keyring=keyring,
        engine_options={"backoff": Backoff(base=0.05, cap=0.5)},
    )
    Settings(cfg.config_dir).remember(LastLogin(args.url, args.email, args.workspace, args.manager))
    flow = AppFlow(cfg)
    flow.show_from_cache()
    run = asyncio.ensure_future(flow.run())

    def online() -> bool:
        if run.done():
            run.result()  # raises what stopped the app
        status = flow.ui.window.status_line.status if flow.ui is not None else None
        return status is not None and status.phase is Phase.ONLINE

    if args.drain:
        await until(online)
        ui = flow.ui
        assert ui is not None and flow.cache is not None
        cache = flow.cache
        await until(lambda: not cache.outbox())
        say("drained")
        flow.quit()
        await run
        return

    # The chat from the cache (the first run bootstraps it); no need to be online: the
    # send is stored in the outbox either way.
    await until(lambda: flow.ui is not None and flow.engine is not None)
    ui = flow.ui
    assert ui is not None
    say(f"started {time.monotonic() - began:.2f} s")
    await until(lambda: ui.chats.row_of(args.chat) is not None)

    ui.window.resize(900, 700)
    ui.window.chat_list.select_chat(args.chat)
    await until(lambda: ui.messages.chat_id == args.chat and ui.messages.rowCount() > 0)
    await asyncio.sleep(0.05)  # the conversation painted once
    delegate = ui.window.conversation.view.delegate
    edit = ui.window.conversation.composer.edit
    edit.setFocus()
    QTest.keyClicks(edit, args.send)

    def painted() -> bool:
        for row in range(ui.messages.rowCount()):
            item = ui.messages.item(row)
            if item is not None and item.id in delegate.painted_ids:
                blocks = item.message.get("blocks") or []
                if any(b.get("text") == args.send for b in blocks):
                    return True
        return False

    durable: list[float] = []
    if args.measure:
        watch = threading.Thread(target=watch_outbox, args=(ui.path, durable), daemon=True)
        watch.start()
        await asyncio.sleep(0.05)
    say("enter")
    pressed = time.perf_counter()
    QTest.keyClick(edit, Qt.Key.Key_Return)
    await until(painted, within=10)
    say(f"painted {1000 * (time.perf_counter() - pressed):.1f} ms")
    if args.measure:
        await until(lambda: bool(durable), within=10)
        say(f"durable {1000 * (durable[0] - pressed):.1f} ms")
    await asyncio.sleep(3600)  # the test kills it


if __name__ == "__main__":
    import qasync  # type: ignore[import-untyped]

    from desktop.app import make_app

    p = argparse.ArgumentParser()
    for name in ("--url", "--email", "--token", "--workspace", "--manager", "--chat"):
        p.add_argument(name, required=True)
    p.add_argument("--folder", type=Path, required=True)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--send")
    what.add_argument("--drain", action="store_true")
    p.add_argument("--measure", action="store_true", help="also print Enter -> durable")
    parsed = p.parse_args()
    app = make_app()
    # What the flow imports on its way to a session, imported before the go.
    import desktop.auth.login
    import desktop.controller.flow
    import desktop.controller.ui
    import desktop.notify.tray
    import desktop.sync.cache
    import desktop.sync.engine
    import desktop.views.login_dialog  # noqa: F401

    say("ready")
    sys.stdin.readline()
    asyncio.run(main(parsed), loop_factory=lambda: qasync.QEventLoop(app))
