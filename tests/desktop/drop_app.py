"""The real app for test_real_drop: the flow, its main window, controller and engine,
logged in silently (the token given, as the keyring would) against a live server, shown
on the X display in DISPLAY (Qt's xcb platform, not offscreen).

    python -m tests.desktop.drop_app --url URL --email E --token T --workspace W
        --manager M --folder DIR --chat CHAT_ID --at X,Y --files N

The window is put at screen position X,Y (no window manager: it stays there), the chat
opened. Then it prints, in global screen coordinates, where things are:
`conversation X Y W H` (the message list's rectangle, the drop target) and
`send X Y` (the centre of the Send button), then waits. Nothing here touches the drop:
it comes through the window system. Once the chat's next message carries N files it
prints `attached NAME|NAME...`, and once Send took them off the composer, `sending`;
then it waits to be killed (the test reads the server).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def log(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


async def until(check: Callable[[], bool], within: float = 60.0) -> None:
    async with asyncio.timeout(within):
        while not check():  # noqa: ASYNC110 (polling widgets: no event to wait on)
            await asyncio.sleep(0.01)


async def main(args: argparse.Namespace) -> None:
    from PySide6.QtCore import QPoint

    from desktop.auth.settings import LastLogin, Settings
    from desktop.auth.tokens import SERVICE, username
    from desktop.controller.flow import AppFlow, Config
    from desktop.sync.follower import Backoff
    from desktop.sync.status import Phase
    from tests.desktop.support import MemoryKeyring

    keyring = MemoryKeyring()  # the token the test logged in for, as the keyring holds it
    keyring.set_password(SERVICE, username(args.url, args.email), args.token)
    cfg = Config(
        config_dir=args.folder / "config",
        cache_dir=args.folder / "cache",
        keyring=keyring,
        engine_options={"backoff": Backoff(base=0.05, cap=0.5)},
    )
    Settings(cfg.config_dir).remember(LastLogin(args.url, args.email, args.workspace, args.manager))
    flow = AppFlow(cfg)
    run = asyncio.ensure_future(flow.run())

    def online() -> bool:
        if run.done():
            run.result()  # raises what stopped the app
        status = flow.ui.window.status_line.status if flow.ui is not None else None
        return status is not None and status.phase is Phase.ONLINE

    await until(online)
    ui = flow.ui
    assert ui is not None
    x, y = (int(v) for v in args.at.split(","))
    ui.window.setGeometry(x, y, 1000, 700)
    await until(lambda: ui.chats.row_of(args.chat) is not None)
    ui.window.chat_list.select_chat(args.chat)
    await until(lambda: ui.messages.chat_id == args.chat and ui.messages.rowCount() > 0)
    pane = ui.window.conversation
    await until(lambda: pane.view.isVisible() and ui.window.windowHandle().isExposed())
    await asyncio.sleep(0.2)  # mapped and painted: the X server knows the window now

    # What the window did with the drop, in the log (stderr) for a failure's message.
    pane.attachRequested.connect(lambda chat, paths: log(f"attach requested {chat} {paths}"))
    ui.files.refused.connect(lambda text: log(f"refused: {text}"))
    ui.files.problem.connect(lambda text: log(f"problem: {text}"))

    view, send = pane.view, pane.composer.send_button
    top_left = view.mapToGlobal(QPoint(0, 0))
    say(f"conversation {top_left.x()} {top_left.y()} {view.width()} {view.height()}")
    centre = send.mapToGlobal(send.rect().center())
    say(f"send {centre.x()} {centre.y()}")

    await until(lambda: len(pane.files.attachments(args.chat)) >= args.files)
    say("attached " + "|".join(u.name for u in pane.files.attachments(args.chat)))
    # The send: the Send button clicked through X as well (the test does it); the
    # message leaves the composer and waits for its files, then goes out.
    await until(lambda: not pane.files.attachments(args.chat))
    say("sending")
    await asyncio.sleep(3600)  # the test kills it


if __name__ == "__main__":
    import qasync  # type: ignore[import-untyped]

    from desktop.app import make_app

    p = argparse.ArgumentParser()
    for name in ("--url", "--email", "--token", "--workspace", "--manager", "--chat", "--at"):
        p.add_argument(name, required=True)
    p.add_argument("--folder", type=Path, required=True)
    p.add_argument("--files", type=int, required=True)
    parsed = p.parse_args()
    app = make_app()
    asyncio.run(main(parsed), loop_factory=lambda: qasync.QEventLoop(app))
