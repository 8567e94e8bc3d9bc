"""`sangdam`: the desktop app's entry point.

    sangdam            log in (silently when the keyring holds the last login's token)
    sangdam --demo     a local demo server with simulated customers, logged in for you
    sangdam sangdam://chat/<id>?server=<url>   open that chat (a manager link)

One app runs per user and data folder: a second launch hands its link and `--demo` to
the running one (desktop.instance), which comes to the front, and exits 0.

Start-up is ordered for a fast first paint (SPEC Y1): Qt, the settings file and the
cache's plain-sqlite3 reader are all the window needs, so it is built and painted from
the last login's cache first; only then are the event loop (qasync), the keyring,
httpx, SQLAlchemy and the sync engine imported and started.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import time
from collections.abc import Iterator, Sequence

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop import resources

log = logging.getLogger("sangdam")

FIRST_PAINT_WAIT = 2.0  # at most this long is spent painting before the loop starts


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sangdam", description="Sangdam: a team inbox.")
    p.add_argument("link", nargs="?", help="a sangdam://chat/... link to open")
    p.add_argument("--demo", action="store_true", help="run a local demo workspace")
    p.add_argument(
        "--selftest",
        action="store_true",
        help="start offscreen against a throwaway demo server, open a chat, send a reply, "
        "and exit 0 when the server has acknowledged it (desktop/selftest.py)",
    )
    p.add_argument("--log-level", default="WARNING")
    return p


def install_translations(app: QApplication) -> None:
    """Qt's strings and ours in the language the agent chose in the settings, the
    system's by default (SPEC D2); dates, times and numbers follow it (`desktop.i18n`)."""
    from desktop import i18n
    from desktop.auth.settings import Settings, config_dir_from_env

    i18n.install(app, Settings(config_dir_from_env()).language())


def make_app(argv: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # The sync engine writes the cache in worker threads, in Python: with the default 5 ms
    # GIL switch interval a frame being painted waits up to 5 ms each time it needs the
    # interpreter back. 0.5 ms keeps painting smooth while the engine works.
    sys.setswitchinterval(0.0005)
    app = QApplication([sys.argv[0] if sys.argv else "sangdam", *argv])
    app.setApplicationName("Sangdam")
    app.setOrganizationName("Sangdam")
    app.setDesktopFileName("sangdam")  # Linux: the launcher badge finds us by it
    app.setQuitOnLastWindowClosed(False)  # the flow decides when the app ends
    app.setWindowIcon(resources.app_icon())
    install_translations(app)
    from desktop.views import theme
    from desktop.views.fonts import install_ui_font

    install_ui_font(app)
    theme.install(app)  # light or dark as the OS says, live
    return app


def paint_first(app: QApplication, painted: object, limit: float = FIRST_PAINT_WAIT) -> bool:
    """Let Qt paint the windows shown so far before anything else is imported."""
    deadline = time.monotonic() + limit
    while not getattr(painted, "painted", True) and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if not getattr(painted, "painted", True):
            time.sleep(0.001)
    return bool(getattr(painted, "painted", True))


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=getattr(logging, str(args.log_level).upper(), logging.WARNING),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.selftest:  # never hands over to a running app: it tests this one
        from desktop import selftest

        return selftest.run(started)

    from desktop import instance

    request = instance.Request(args.link, args.demo)
    name = instance.name_from_env()
    try:
        # Before QApplication and the window: a second launch takes ~0.15 s.
        if instance.hand_over(name, request):
            return 0
        app = make_app()
        primary = instance.start_or_hand_over(name, request)
    except instance.NoAnswer as exc:
        print(f"sangdam: not started again: {exc}", file=sys.stderr)
        return 1
    if primary is None:
        return 0

    from desktop.controller.flow import AppFlow, Config
    from desktop.controller.relaunch import UrlOpenEvents, relaunched

    flow = AppFlow(Config.from_env(), demo=args.demo)
    primary.requested.connect(lambda r: relaunched(flow, r))
    url_events = UrlOpenEvents(flow.links.open, app)
    app.installEventFilter(url_events)
    if flow.show_from_cache() and flow.ui is not None:
        paint_first(app, flow.ui.window.chat_list)
    if args.link:
        flow.links.open(args.link)  # opens once logged in; a bad link is said at once
    # Now what the first paint did not need: the loop, the keyring, the network, the engine.
    import asyncio

    import qasync  # type: ignore[import-untyped]

    # Ctrl+C and SIGTERM close the app as closing its window does (stopping the demo's
    # server too). Python only sees a signal when it runs, so a timer wakes it now and then.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: flow.quit())
    ticker = QTimer()
    ticker.timeout.connect(lambda: None)
    ticker.start(250)

    async def run() -> int:
        with asyncgen_hooks():
            return await flow.run()

    try:
        code = asyncio.run(run(), loop_factory=lambda: qasync.QEventLoop(app))
    finally:
        primary.close()
    if flow.restart_requested and code == 0:  # "Restart now" (settings): all is closed
        from desktop.launcher import relaunch

        relaunch()
    return code


@contextlib.contextmanager
def asyncgen_hooks() -> Iterator[None]:
    """What asyncio's own run_forever does and qasync's does not: finalize abandoned
    async generators (httpx's streams) on the loop, not in the garbage collector."""
    import asyncio

    loop = asyncio.get_running_loop()
    old = sys.get_asyncgen_hooks()
    sys.set_asyncgen_hooks(
        firstiter=loop._asyncgen_firstiter_hook,  # type: ignore[attr-defined]
        finalizer=loop._asyncgen_finalizer_hook,  # type: ignore[attr-defined]
    )
    try:
        yield
    finally:
        sys.set_asyncgen_hooks(*old)


if __name__ == "__main__":
    sys.exit(main())
