"""The cold-start benchmark's child process: a start, timed to its first paint of rows.

    python -m bench.first_paint app [sangdam arguments]   # `sangdam` itself
    python -m bench.first_paint bare                      # a window with an empty table

`app` runs `sangdam`'s entry point (`desktop.launch.main`: the Qt check, then
`desktop.app.main`) with the same arguments and environment, and one probe added from
outside: when `desktop.app.main` makes the QApplication,
an application event filter waits for the chat list to be shown and connects to its
`firstRowsPainted` signal, emitted at the end of the first paint event in which the
list's delegate drew rows. `bare` is the baseline: a QApplication and a QTableView with no
model, shown at the main window's default size, and the end of its first paint event.

Either way the process then prints `first-paint <unix time> rows=<n>` and exits at
once, without tearing down (the parent reads its peak RSS from the exit status); the
app's single-instance socket is removed first so the next run starts like the first.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any


def _done(rows: int) -> None:
    print(f"first-paint {time.time():.6f} rows={rows}", flush=True)
    os._exit(0)


def run_app(argv: list[str]) -> int:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    import desktop.app
    import desktop.launch
    from desktop.views.lists import ChatListView

    class Probe(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Show and isinstance(obj, ChatListView):
                QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
                obj.firstRowsPainted.connect(lambda: painted(obj))
            return False

    def painted(view: ChatListView) -> None:
        from PySide6.QtNetwork import QLocalServer

        from desktop.instance import name_from_env

        rows = view.model().rowCount()
        QLocalServer.removeServer(name_from_env())
        _done(rows)

    probe = Probe()
    make_app = desktop.app.make_app

    def probed_make_app(*args: Any, **kwargs: Any) -> QApplication:
        app = make_app(*args, **kwargs)
        app.installEventFilter(probe)
        return app

    desktop.app.make_app = probed_make_app  # main() looks it up when it runs
    code = desktop.launch.main(argv)  # what `sangdam` and `python -m desktop` run
    print(f"sangdam ended ({code}) without painting chat rows", file=sys.stderr, flush=True)
    return 3


def run_bare() -> int:
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication(sys.argv[:1])

    class Table(QTableView):
        def paintEvent(self, e: QPaintEvent) -> None:
            super().paintEvent(e)
            _done(0)

    view = Table()
    view.resize(1280, 800)
    view.show()
    return app.exec()


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["app"]:
        return run_app(args[1:])
    if args[:1] == ["bare"]:
        return run_bare()
    print("usage: python -m bench.first_paint app [sangdam arguments] | bare", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
