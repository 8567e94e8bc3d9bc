"""The bundle's entry point (PyInstaller's script): the desktop app, or, as the demo
launcher, the server.

In the bundle `sys.executable` is the bundle itself, so the demo cannot start
`python -m server.cli`; it starts the bundle with SERVER_FLAG first
(`desktop.demo.server_process.server_command`) and this runs `server.cli` with the
rest. Only this script imports both halves: `desktop` still never imports `server`.
"""

from __future__ import annotations

import sys

SERVER_FLAG = "--sangdam-server"  # = desktop.demo.server_process.SERVER_FLAG


def main(argv: list[str]) -> int:
    if argv[:1] == [SERVER_FLAG]:
        from server.cli import main as server_main

        return server_main(argv[1:])
    from desktop.launch import main as app_main  # as `sangdam`: the Qt library check first

    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
