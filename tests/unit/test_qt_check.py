"""The one line a Linux machine missing a library Qt needs prints instead of Qt's wall of
text (issue 11, item 8)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from desktop import qt_check


def test_every_library_qt_links_against_loads_here() -> None:
    # The tables name real sonames: on this machine (CI installs Qt's packages) each loads.
    assert qt_check.missing({**qt_check.CORE_LIBRARIES, **qt_check.XCB_LIBRARIES}) == {}


def test_a_missing_library_of_the_xcb_plugin_is_named_with_its_package() -> None:
    env = {"DISPLAY": ":0"}
    gone = {"libxcb-cursor.so.0", "libxcb-icccm.so.4"}
    line = qt_check.problem(env, platform="linux", loads=lambda name: name not in gone)
    assert line is not None
    assert "\n" not in line
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4 are missing" in line
    assert line.endswith("sudo apt install libxcb-cursor0 libxcb-icccm4")


def test_an_import_error_of_qt_names_the_library_and_its_package() -> None:
    def import_qt() -> object:
        raise ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")

    line = qt_check.problem({"DISPLAY": ":0"}, platform="linux", import_qt=import_qt)
    assert line == (
        "sangdam: Qt cannot start: the system library libEGL.so.1 is missing. "
        "On Debian or Ubuntu: sudo apt install libegl1"
    )


def test_the_xcb_libraries_matter_only_when_qt_uses_xcb() -> None:
    never = lambda name: False  # noqa: E731
    assert qt_check.problem({"QT_QPA_PLATFORM": "offscreen"}, platform="linux", loads=never) is None
    assert (
        qt_check.problem(
            {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, platform="linux", loads=never
        )
        is None
    )
    assert qt_check.problem({"DISPLAY": ":0"}, platform="win32", loads=never) is None
    assert qt_check.problem({"QT_QPA_PLATFORM": "xcb"}, platform="linux", loads=never)


def test_no_display_is_said_in_one_line() -> None:
    line = qt_check.problem({}, platform="linux")
    assert line is not None and "no display" in line and "\n" not in line


def test_the_launcher_prints_one_line_and_exits_1_without_starting_qt() -> None:
    # The real entry point, with one library of the xcb table made unloadable by name.
    code = textwrap.dedent(
        """
        import sys
        from desktop import qt_check
        qt_check.XCB_LIBRARIES = {"libsangdam-absent.so.7": "libsangdam-absent7"}
        from desktop.launch import main
        sys.exit(main([]))
        """
    )
    env = {"PATH": "/usr/bin:/bin", "DISPLAY": ":987"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "sangdam: Qt cannot start: the system library libsangdam-absent.so.7 is missing. "
        "On Debian or Ubuntu: sudo apt install libsangdam-absent7"
    ]
