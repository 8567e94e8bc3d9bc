"""The app icon: the committed PNG, ICO and ICNS files are the ones
`installer/make_icons.py` makes from the committed SVG, the containers parse with every
size each platform needs, and the window, tray and notifications use the mark."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest

from desktop import resources
from installer import make_icons
from installer.icon_formats import (
    ICNS_TYPES,
    ICO_SIZES,
    IconFormatError,
    png_size,
    read_icns,
    read_ico,
    write_icns,
    write_ico,
)

ICONS = make_icons.ICONS


def test_the_committed_icons_were_made_from_the_committed_svg() -> None:
    assert make_icons.check() == [], "run `uv run python -m installer.make_icons`"
    manifest = json.loads((ICONS / make_icons.MANIFEST).read_text())
    expected = {make_icons.png_name(s) for s in make_icons.PNG_SIZES}
    assert expected | {"sangdam.ico", "sangdam.icns"} == set(manifest["files"])


def test_a_changed_svg_or_a_hand_edited_png_is_caught(qapp: Any, tmp_path: Path) -> None:
    for f in ICONS.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    assert make_icons.check(tmp_path) == []
    svg = tmp_path / make_icons.SOURCE
    svg.write_text(svg.read_text().replace("#2456d9", "#ff0000"))
    (tmp_path / "sangdam-32.png").write_bytes(b"not the one")
    problems = make_icons.check(tmp_path)
    assert "sangdam.svg changed since the icons were made" in problems
    assert "sangdam-32.png is not the file the script made" in problems
    assert make_icons.main(["--check", "--folder", str(tmp_path)]) == 1
    make_icons.write(tmp_path)
    assert make_icons.check(tmp_path) == []


def test_re_rendering_the_svg_gives_the_committed_pixels(qapp: Any) -> None:
    """Not only the hashes: the committed PNGs look like the SVG (a tolerance for
    anti-aliasing differences between Qt versions)."""
    from PySide6.QtGui import QImage

    svg = (ICONS / make_icons.SOURCE).read_bytes()
    for size in (16, 48, 256):
        fresh = QImage.fromData(make_icons.render_png(svg, size))
        committed = QImage(str(ICONS / make_icons.png_name(size)))
        assert committed.size() == fresh.size()
        worst = 0
        for y in range(size):
            for x in range(size):
                a, b = fresh.pixelColor(x, y), committed.pixelColor(x, y)
                worst = max(
                    worst, *(abs(i - j) for i, j in zip(a.getRgb(), b.getRgb(), strict=True))
                )
        assert worst <= 8, f"{size} px differs from the SVG by {worst}"


def test_every_png_has_its_size_and_the_mark_in_it() -> None:
    for size in make_icons.PNG_SIZES:
        data = (ICONS / make_icons.png_name(size)).read_bytes()
        assert png_size(data) == (size, size)


def test_the_windows_ico_has_png_entries_from_16_to_256() -> None:
    data = (ICONS / "sangdam.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(ICO_SIZES))
    entries = read_ico(data)
    assert [(e.width, e.height) for e in entries] == [(s, s) for s in ICO_SIZES]
    assert data[6] == 16 and data[6 + 16 * 6] == 0  # the 256 px entry says 0
    for e in entries:
        assert e.png == (ICONS / make_icons.png_name(e.width)).read_bytes()


def test_the_macos_icns_has_every_png_type() -> None:
    data = (ICONS / "sangdam.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    entries = read_icns(data)
    assert {e.key for e in entries} == {k.decode() for k in ICNS_TYPES}
    sizes = {e.key: e.width for e in entries}
    assert sizes["ic07"] == 128 and sizes["ic10"] == 1024 and sizes["icp4"] == 16


def test_broken_containers_are_refused_with_a_reason() -> None:
    png = (ICONS / "sangdam-16.png").read_bytes()
    ico = write_ico([png])
    with pytest.raises(IconFormatError, match="runs past the end"):
        read_ico(ico[:-10])
    with pytest.raises(IconFormatError, match="type=2"):
        read_ico(b"\0\0\2\0\1\0" + ico[6:])
    icns = write_icns({16: png})
    with pytest.raises(IconFormatError, match="header says"):
        read_icns(icns + b"x")
    with pytest.raises(IconFormatError, match="needs 32 px"):
        write_icns({32: png})
    with pytest.raises(IconFormatError, match="at most 256"):
        write_ico([(ICONS / "sangdam-512.png").read_bytes()])
    with pytest.raises(IconFormatError, match="not a PNG"):
        png_size(b"GIF89a" + b"\0" * 30)


def test_the_window_and_tray_carry_the_mark(qapp: Any) -> None:
    from PySide6.QtGui import QColor

    from desktop.app import make_app
    from desktop.notify.tray import app_icon

    assert make_app() is qapp
    icon = resources.app_icon()
    assert {s.width() for s in icon.availableSizes()} == set(resources.ICON_SIZES)
    plain = icon.pixmap(64, 64).toImage()
    counted = app_icon(3).pixmap(64, 64).toImage()
    brand = plain.pixelColor(10, 40)  # the bubble's left side: the brand blue
    assert brand.blue() > 200 and brand.red() < 120
    assert counted.pixelColor(10, 40) == brand  # the mark under the count
    badge = counted.pixelColor(36, 16)  # inside the disc (centre 48,16, radius 16), off the digit
    assert badge.red() > 200 and badge.blue() < 120, QColor(badge).name()  # the red disc
