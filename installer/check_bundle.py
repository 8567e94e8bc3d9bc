"""Look inside a built bundle (`dist/sangdam`): what must be there is, what must not
be is not. CI runs it after PyInstaller (installer/linux/ci_bundle.sh).

    uv run python -m installer.check_bundle dist/sangdam
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from installer import bundle

MUST_HAVE_MODULES = ("desktop.app", "desktop.selftest", "server.cli", "server.asgi", "protocol")
NEVER_MODULES = (
    "tests",
    "bench",
    "installer",
    "pytest",
    "_pytest",
    "hypothesis",
    "schemathesis",
    "mypy",
)


def bundled_modules(executable: Path) -> set[str]:
    """The Python modules in the bundle's archive (appended to its executable)."""
    from PyInstaller.archive.readers import CArchiveReader  # type: ignore[import-untyped]

    pyz = CArchiveReader(str(executable)).open_embedded_archive("PYZ.pyz")
    return set(pyz.toc)


def internals(folder: Path) -> Path:
    """Where PyInstaller 6 puts everything but the executable."""
    inner = folder / "_internal"
    return inner if inner.is_dir() else folder


def problems(folder: Path, app_version: str | None = None) -> list[str]:
    app_version = app_version or bundle.version()
    exe = folder / (bundle.NAME + (".exe" if sys.platform == "win32" else ""))
    if not exe.is_file():
        return [f"no executable {exe}"]
    found: list[str] = []
    inside = internals(folder)
    icons = inside / "resources" / "icons"
    for name in ("sangdam-256.png", "sangdam.svg", "sangdam.ico", "sangdam.icns"):
        if not (icons / name).is_file():
            found.append(f"resources/icons/{name} is missing")
    mdi = inside / "resources" / "mdi"
    if not any(mdi.glob("*.ttf")) or not any(mdi.glob("*.json")):
        found.append("resources/mdi (the icon font and its charmap) is missing")
    if not (inside / "resources" / "translations").is_dir():
        found.append("resources/translations is missing")
    metadata = [p for p in inside.glob("sangdam-*.dist-info") if (p / "METADATA").is_file()] + [
        p for p in inside.glob("sangdam.egg-info") if (p / "PKG-INFO").is_file()
    ]
    versions = {
        line.split(":", 1)[1].strip()
        for p in metadata
        for line in (p / ("METADATA" if p.suffix == ".dist-info" else "PKG-INFO"))
        .read_text()
        .splitlines()
        if line.startswith("Version:")
    }
    if versions != {app_version}:
        found.append(f"the sangdam metadata says {sorted(versions)}, pyproject {app_version}")
    if not any((inside / "server" / "db" / "migrations" / "versions").glob("*.py")):
        found.append("the server's migrations are missing")
    if not (inside / "server" / "web" / "customer" / "app.js").is_file():
        found.append("the customer chat page (server/web/customer) is missing")
    modules = bundled_modules(exe)
    for name in MUST_HAVE_MODULES:
        if name not in modules:
            found.append(f"module {name} is not in the bundle")
    for name in sorted(modules):
        if name.split(".")[0] in NEVER_MODULES:
            found.append(f"module {name} must not be in the bundle")
    return found


def size_mb(folder: Path) -> float:
    """Bytes on disk in MB (a symlink counts once, as the file it points to)."""
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="check_bundle", description=__doc__.split("\n\n")[0])
    p.add_argument("folder", type=Path, nargs="?", default=bundle.ROOT / "dist" / bundle.NAME)
    args = p.parse_args(argv)
    found = problems(args.folder)
    for problem in found:
        print(f"check_bundle: {problem}", file=sys.stderr)
    if not found:
        print(f"check_bundle: {args.folder} is complete ({size_mb(args.folder):.0f} MB)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
