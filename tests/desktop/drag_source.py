"""The other application of the real drop test: a file manager's stand-in.

    python -m tests.desktop.drag_source --at X,Y PATH...

A small window at screen position X,Y (no window manager: it stays there). When the
left button is pressed in it and the pointer moves, it starts a `QDrag` of the PATHs as
file URLs (what a file manager puts on the X clipboard for a drag: text/uri-list), as
any Qt application does on a drag. Prints `ready` once its window is mapped, `drag`
when the drag starts and `dropped <action>` when it ends, then runs until killed.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QMimeData, Qt, QTimer, QUrl
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class Source(QWidget):
    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths
        self.started = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.started or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        self.started = True
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(p) for p in self.paths])
        drag = QDrag(self)
        drag.setMimeData(mime)
        say("drag")
        action = drag.exec(Qt.DropAction.CopyAction)  # runs until the button is released
        # It stays up, as a file manager does: under XDND the target asks the source for
        # the data (the X selection) after the drop, so a source gone at once leaves it
        # with the format names and no URLs.
        say(f"dropped {action.name}")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--at", required=True, help="X,Y of the window's top left corner")
    p.add_argument("paths", nargs="+")
    args = p.parse_args()
    x, y = (int(v) for v in args.at.split(","))
    app = QApplication(sys.argv[:1])
    source = Source(args.paths)
    source.setWindowTitle("drag source")
    source.setGeometry(x, y, 160, 120)
    source.show()

    def mapped() -> None:
        if source.isVisible() and source.windowHandle().isExposed():
            say("ready")
        else:
            QTimer.singleShot(20, mapped)

    QTimer.singleShot(0, mapped)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
