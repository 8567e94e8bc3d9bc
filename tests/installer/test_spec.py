"""The PyInstaller spec, evaluated as PyInstaller would (its Analysis, EXE, COLLECT and
BUNDLE recorded instead of built): the data files, the version, what is left out, and
on macOS the .app's Info.plist with the `sangdam://` URL type, read back with plistlib.
The bundle itself is built and run by installer/linux/ci_bundle.sh."""

# covers: D1

from __future__ import annotations

import plistlib
import sys
from pathlib import Path
from typing import Any

import pytest

from installer import bundle

SPEC = bundle.ROOT / "installer" / "sangdam.spec"


class Recorder:
    def __init__(self, calls: dict[str, dict[str, Any]], name: str) -> None:
        self.calls, self.name = calls, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls[self.name] = {"args": args, **kwargs}
        return type(self.name, (), {"pure": [], "scripts": [], "binaries": [], "datas": []})()


def evaluate(platform: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, Any]]:
    calls: dict[str, dict[str, Any]] = {}
    names = ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
    spec_globals: dict[str, Any] = {n: Recorder(calls, n) for n in names}
    spec_globals["SPECPATH"] = str(SPEC.parent)
    import PyInstaller.utils.hooks  # noqa: F401 - imported before sys.platform is changed

    with monkeypatch.context() as m:
        m.setattr(sys, "platform", platform)
        m.setattr(sys, "path", list(sys.path))  # the spec prepends the repository root
        exec(compile(SPEC.read_text(), str(SPEC), "exec"), spec_globals)
    return calls


@pytest.fixture(scope="module")
def linux() -> dict[str, dict[str, Any]]:
    with pytest.MonkeyPatch.context() as m:
        return evaluate("linux", m)


def test_the_bundle_is_one_windowed_stripped_folder_named_sangdam(linux: Any) -> None:
    assert linux["EXE"]["name"] == "sangdam" and linux["EXE"]["console"] is False
    assert linux["EXE"]["exclude_binaries"] is True  # one folder, not one file
    assert linux["COLLECT"]["name"] == "sangdam"
    assert linux["EXE"]["strip"] is True and linux["COLLECT"]["strip"] is True
    assert "BUNDLE" not in linux and linux["EXE"]["icon"] is None  # .desktop's Icon=
    assert linux["Analysis"]["args"][0] == [str(bundle.ROOT / "installer" / "entry.py")]


def test_resources_migrations_and_the_version_metadata_are_data(linux: Any) -> None:
    datas = linux["Analysis"]["datas"]
    assert (str(bundle.ROOT / "resources"), "resources") in datas
    folders = {dest for _, dest in datas}
    assert "server/db/migrations/versions" in folders
    page = {Path(src).name for src, dest in datas if dest == "server/web/customer"}
    assert {"index.html", "gone.html", "app.js", "strings.js", "app.css"} <= page
    assert any(Path(src).name.startswith("0001_") for src, _ in datas)
    mdi = {Path(src).suffix for src, dest in datas if dest == "resources/mdi"}
    assert mdi == {".ttf", ".json"}, "the icon font and its charmap (desktop/views/icons.py)"
    metadata = [src for src, _ in datas if Path(src).name.startswith("sangdam")]
    assert metadata, "copy_metadata('sangdam'): protocol.version reads the version from it"
    for src, _ in datas:
        path = Path(src)
        assert path.exists(), src
        if path.is_relative_to(bundle.ROOT):
            assert path.relative_to(bundle.ROOT).parts[0] not in ("tests", "bench")


def test_the_app_server_and_protocol_are_in_and_tests_bench_tools_are_out(linux: Any) -> None:
    hidden = set(linux["Analysis"]["hiddenimports"])
    assert {"desktop.selftest", "server.asgi", "server.cli", "protocol.version"} <= hidden
    assert not any(m.startswith(("tests", "bench")) for m in hidden)
    excludes = set(linux["Analysis"]["excludes"])
    assert {"tests", "bench", "pytest", "hypothesis", "mypy"} <= excludes


def test_the_version_comes_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "2.5.1"\n')
    assert bundle.version(tmp_path / "pyproject.toml") == "2.5.1"
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    with pytest.raises(ValueError, match="has no \\[project\\] version"):
        bundle.version(tmp_path / "pyproject.toml")


def test_the_macos_app_declares_the_sangdam_url_scheme(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = evaluate("darwin", monkeypatch)
    app = calls["BUNDLE"]
    assert app["name"] == "Sangdam.app" and app["bundle_identifier"] == bundle.BUNDLE_ID
    assert app["version"] == bundle.version()
    assert Path(app["icon"]) == bundle.ROOT / "resources/icons/sangdam.icns"
    assert calls["EXE"]["strip"] is False
    assert Path(calls["EXE"]["icon"]) == bundle.ROOT / "resources/icons/sangdam.icns"
    plist = plistlib.loads(plistlib.dumps(app["info_plist"]))  # as the .app will hold it
    [url_type] = plist["CFBundleURLTypes"]
    assert url_type["CFBundleURLSchemes"] == ["sangdam"]
    assert url_type["CFBundleURLName"] == "app.sangdam.desktop.link"
    assert plist["CFBundleIdentifier"] == "app.sangdam.desktop"
    assert plist["CFBundleShortVersionString"] == bundle.version()
    assert plist["CFBundleIconFile"] == "sangdam.icns"
    assert plist["CFBundleExecutable"] == "sangdam"


def test_the_windows_exe_carries_the_ico(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = evaluate("win32", monkeypatch)
    assert Path(calls["EXE"]["icon"]) == bundle.ROOT / "resources/icons/sangdam.ico"
    assert calls["EXE"]["strip"] is False and "BUNDLE" not in calls


def test_the_bundle_runs_the_demo_server_through_its_own_executable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In the bundle there is no `python -m server.cli`: the demo starts the bundle with
    the hidden flag, and the entry script hands the rest to `sangdam-server`."""
    import subprocess

    from desktop.demo import server_process
    from installer import entry

    assert entry.SERVER_FLAG == server_process.SERVER_FLAG
    assert server_process.server_command() == [sys.executable, "-m", "server.cli"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert server_process.server_command() == [sys.executable, entry.SERVER_FLAG]
    monkeypatch.undo()
    done = subprocess.run(
        [sys.executable, str(bundle.ENTRY), entry.SERVER_FLAG, "seed", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.startswith("usage: sangdam-server seed")
