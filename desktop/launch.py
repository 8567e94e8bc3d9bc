"""`sangdam`'s entry point: check that Qt can start here, then start the app.

Kept apart from `desktop.app` so that the check runs before any Qt import, and a
machine without a library Qt needs gets one line naming the package, not a traceback
or Qt's abort.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.qt_check import problem

    args = list(sys.argv[1:] if argv is None else argv)
    # The self-test chooses its own (offscreen) platform; any other start needs a display.
    why = None if "--selftest" in args or "--help" in args or "-h" in args else problem()
    if why is not None:
        print(why, file=sys.stderr)
        return 1
    from desktop.app import main as app_main

    return app_main(argv)
