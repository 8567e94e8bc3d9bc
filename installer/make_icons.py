"""Every icon size each platform needs, rendered from `resources/icons/sangdam.svg`.

    uv run python -m installer.make_icons           # write them into resources/icons/
    uv run python -m installer.make_icons --check   # exit 1 if they are out of step

Writes `sangdam-<size>.png` (16 ... 1024: the window, the tray, the notifications and
Linux's hicolor theme), `sangdam.ico` (Windows, PNG entries 16-256), `sangdam.icns`
(macOS) and `icons.json`: the SVG's SHA-256 and each file's, so a test can tell that the
committed files were made from the committed SVG. The files are committed: a fresh
clone has them with nothing to run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as a file: make `installer` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from installer.icon_formats import ICO_SIZES, write_icns, write_ico

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SOURCE = "sangdam.svg"
MANIFEST = "icons.json"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
_APP: list[object] = []


def png_name(size: int) -> str:
    return f"sangdam-{size}.png"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def render_png(svg: bytes, size: int) -> bytes:
    """The SVG drawn on a transparent `size` x `size` square, as PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        _APP.append(QGuiApplication(["make_icons"]))  # kept for the process's life
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("the icon's SVG does not parse")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    png = image.convertToFormat(QImage.Format.Format_ARGB32)
    if not png.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stub wants bytes, Qt str
        raise RuntimeError(f"Qt could not write a {size} px PNG")
    return bytes(buffer.data().data())


def render_all(svg: bytes) -> dict[str, bytes]:
    """File name -> contents, the manifest included."""
    pngs = {size: render_png(svg, size) for size in PNG_SIZES}
    files = {png_name(size): data for size, data in pngs.items()}
    files["sangdam.ico"] = write_ico([pngs[s] for s in ICO_SIZES])
    files["sangdam.icns"] = write_icns(pngs)
    manifest = {
        "source": SOURCE,
        "source_sha256": sha256(svg),
        "files": {name: sha256(data) for name, data in sorted(files.items())},
    }
    files[MANIFEST] = (json.dumps(manifest, indent=2) + "\n").encode()
    return files


def write(folder: Path = ICONS) -> list[Path]:
    svg = (folder / SOURCE).read_bytes()
    written = []
    for name, data in render_all(svg).items():
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


def check(folder: Path = ICONS) -> list[str]:
    """What is out of step between the SVG, the manifest and the files (empty: nothing)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        return [f"{MANIFEST}: {exc}"]
    problems = []
    if manifest.get("source_sha256") != sha256((folder / SOURCE).read_bytes()):
        problems.append(f"{SOURCE} changed since the icons were made")
    for name, digest in manifest.get("files", {}).items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif sha256(path.read_bytes()) != digest:
            problems.append(f"{name} is not the file the script made")
    return problems


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="make_icons", description=__doc__.split("\n\n")[0])
    p.add_argument("--check", action="store_true", help="only say whether they are in step")
    p.add_argument("--folder", type=Path, default=ICONS)
    args = p.parse_args(argv)
    if args.check:
        problems = check(args.folder)
        for problem in problems:
            print(f"make_icons: {problem}", file=sys.stderr)
        if problems:
            print("make_icons: run `uv run python -m installer.make_icons`", file=sys.stderr)
        return 1 if problems else 0
    for path in write(args.folder):
        print(f"{path.name}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
