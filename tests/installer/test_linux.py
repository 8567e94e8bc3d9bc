"""The Linux download: build.sh packs a bundle with the .desktop file, the icons and
install.sh; install.sh puts it into a user's ~/.local, registers `sangdam://` with
xdg-mime, and --uninstall takes it all away again (the agent's data stays).

The bundle packed here is a small executable standing in for PyInstaller's output, so
these tests check the packaging in seconds; the real bundle is built and run by
installer/linux/ci_bundle.sh."""

# covers: D1

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from installer import bundle

LINUX = bundle.ROOT / "installer" / "linux"


def desktop_entry(text: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    parser.read_string(text)
    return parser["Desktop Entry"]


def test_the_desktop_file_declares_the_link_scheme_and_passes_the_link() -> None:
    entry = desktop_entry((LINUX / "sangdam.desktop").read_text())
    assert entry["Type"] == "Application" and entry["Name"] == "Sangdam"
    assert "x-scheme-handler/sangdam" in entry["MimeType"].split(";")
    assert entry["MimeType"].endswith(";")
    assert entry["Exec"].split()[-1] == "%u"  # the clicked link, as one argument
    assert entry["Icon"] == "sangdam" and entry["Terminal"] == "false"
    assert entry["StartupWMClass"] == "sangdam"  # = QGuiApplication.desktopFileName


@pytest.fixture
def packed(tmp_path: Path) -> Path:
    """build.sh run on a stand-in bundle; the archive unpacked. Returns its folder."""
    fake = tmp_path / "bundle"
    (fake / "_internal").mkdir(parents=True)
    (fake / "_internal" / "libsomething.so").write_bytes(b"\0" * 100)
    exe = fake / "sangdam"
    exe.write_text('#!/bin/sh\necho "sangdam ran with: $*"\n')
    exe.chmod(0o755)
    out = tmp_path / "out"
    done = subprocess.run(
        [str(LINUX / "build.sh"), "--bundle", str(fake), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    [archive] = out.glob("*.tgz")
    name = f"sangdam-{bundle.version()}-linux-{os.uname().machine}"
    assert archive.name == f"{name}.tgz" and str(archive) in done.stdout
    with tarfile.open(archive) as tar:
        assert all(m.name.split("/")[0] == name for m in tar.getmembers())
        tar.extractall(tmp_path / "unpacked", filter="tar")
    return tmp_path / "unpacked" / name


def test_the_archive_holds_the_bundle_desktop_file_icons_and_installer(packed: Path) -> None:
    assert os.access(packed / "sangdam" / "sangdam", os.X_OK)
    assert (packed / "sangdam" / "_internal" / "libsomething.so").stat().st_size == 100
    assert os.access(packed / "install.sh", os.X_OK)
    assert (packed / "sangdam.desktop").read_text() == (LINUX / "sangdam.desktop").read_text()
    icons = sorted(p.name for p in (packed / "icons").iterdir())
    assert "sangdam.svg" in icons and "sangdam-16.png" in icons and "sangdam-512.png" in icons


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    return {**env, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}


def test_install_sh_installs_into_local_registers_the_scheme_and_uninstalls(
    packed: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    (home / ".local" / "share" / "sangdam").mkdir(parents=True)
    (home / ".local" / "share" / "sangdam" / "inbox.db").write_text("the agent's data")
    env = _env(home)
    done = subprocess.run(
        ["sh", str(packed / "install.sh")], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    local = home / ".local"
    lib = local / "lib" / "sangdam"
    assert (local / "bin" / "sangdam").resolve() == (lib / "sangdam").resolve()
    ran = subprocess.run(
        [str(local / "bin" / "sangdam"), "sangdam://chat/1"], capture_output=True, text=True
    )
    assert ran.stdout.strip() == "sangdam ran with: sangdam://chat/1"
    entry = desktop_entry((local / "share" / "applications" / "sangdam.desktop").read_text())
    assert entry["Exec"] == f'"{lib / "sangdam"}" %u'
    assert "x-scheme-handler/sangdam" in entry["MimeType"]
    hicolor = local / "share" / "icons" / "hicolor"
    for size in (16, 48, 256, 512):
        png = hicolor / f"{size}x{size}" / "apps" / "sangdam.png"
        assert (
            png.read_bytes() == (bundle.ROOT / f"resources/icons/sangdam-{size}.png").read_bytes()
        )
    assert (hicolor / "scalable" / "apps" / "sangdam.svg").is_file()
    if shutil.which("xdg-mime"):
        query = subprocess.run(
            ["xdg-mime", "query", "default", "x-scheme-handler/sangdam"],
            env=env,
            capture_output=True,
            text=True,
        )
        assert query.stdout.strip() == "sangdam.desktop"
        assert "sangdam:// links now open Sangdam." in done.stdout
    else:
        assert "sangdam:// links are not registered (skipped)" in done.stdout

    # installing again (an update) replaces the program, files of the old one included
    (lib / "_internal" / "left-over.so").write_text("old")
    again = subprocess.run(["sh", str(packed / "install.sh")], env=env, capture_output=True)
    assert again.returncode == 0 and not (lib / "_internal" / "left-over.so").exists()

    gone = subprocess.run(
        ["sh", str(packed / "install.sh"), "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert gone.returncode == 0, gone.stderr
    assert not lib.exists() and not (local / "bin" / "sangdam").exists()
    assert not (local / "share" / "applications" / "sangdam.desktop").exists()
    assert not list(hicolor.rglob("sangdam.*"))
    mimeapps = home / ".config" / "mimeapps.list"
    assert not mimeapps.exists() or "sangdam" not in mimeapps.read_text()
    assert (local / "share" / "sangdam" / "inbox.db").read_text() == "the agent's data"


def test_install_sh_refuses_an_unknown_option_and_a_missing_bundle(tmp_path: Path) -> None:
    bad = subprocess.run(
        ["sh", str(LINUX / "install.sh"), "--frobnicate"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "unknown option --frobnicate" in bad.stderr
    lone = tmp_path / "install.sh"
    shutil.copy(LINUX / "install.sh", lone)
    missing = subprocess.run(["sh", str(lone)], env=_env(tmp_path), capture_output=True, text=True)
    assert missing.returncode == 1 and "no sangdam/sangdam next to this script" in missing.stderr
    assert not (tmp_path / ".local" / "lib").exists()
