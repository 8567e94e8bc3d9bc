"""The Windows `.ico` and macOS `.icns` containers, written and read by hand: both are a
small directory of PNG images, simple enough that no tool is worth depending on.

ICO: a 6-byte header (0, type 1, count), a 16-byte entry per image (width and height as a
byte, 0 meaning 256; 32 bits per pixel; the PNG's length and offset), then the PNGs.
Windows Vista and later read PNG-compressed entries.

ICNS: `icns` and the file's length (big-endian), then per image a 4-byte type naming its
pixel size and a length that counts the 8-byte entry header. The PNG types are below.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

# ICNS type -> the PNG's pixel size (the @2x types hold the doubled size).
ICNS_TYPES: dict[bytes, int] = {
    b"icp4": 16,
    b"icp5": 32,
    b"icp6": 64,
    b"ic07": 128,
    b"ic08": 256,
    b"ic09": 512,
    b"ic10": 1024,  # 512@2x
    b"ic11": 32,  # 16@2x
    b"ic12": 64,  # 32@2x
    b"ic13": 256,  # 128@2x
    b"ic14": 512,  # 256@2x
}


class IconFormatError(ValueError):
    """A file is not the icon container it claims to be; the message says where."""


@dataclass(frozen=True)
class Entry:
    key: str  # ICO: "16x16"; ICNS: the type, e.g. "ic07"
    width: int
    height: int
    png: bytes


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise IconFormatError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def write_ico(pngs: Sequence[bytes]) -> bytes:
    count = len(pngs)
    header = struct.pack("<HHH", 0, 1, count)
    entries, offset = [], 6 + 16 * count
    for png in pngs:
        width, height = png_size(png)
        if width > 256 or height > 256:
            raise IconFormatError(f"an ICO entry is at most 256 px, not {width}x{height}")
        entries.append(
            struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), offset)
        )
        offset += len(png)
    return header + b"".join(entries) + b"".join(pngs)


def read_ico(data: bytes) -> list[Entry]:
    if len(data) < 6:
        raise IconFormatError("ICO: shorter than its header")
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    if reserved != 0 or kind != 1:
        raise IconFormatError(f"ICO: header says reserved={reserved}, type={kind}")
    out = []
    for i in range(count):
        at = 6 + 16 * i
        if len(data) < at + 16:
            raise IconFormatError(f"ICO: entry {i} is cut off")
        w, h, _colors, _res, planes, bits, size, offset = struct.unpack(
            "<BBBBHHII", data[at : at + 16]
        )
        png = data[offset : offset + size]
        if len(png) != size:
            raise IconFormatError(f"ICO: entry {i}'s image runs past the end of the file")
        width, height = png_size(png)
        if (width % 256, height % 256) != (w, h) or planes != 1 or bits != 32:
            raise IconFormatError(f"ICO: entry {i} says {w}x{h}, its PNG is {width}x{height}")
        out.append(Entry(f"{width}x{height}", width, height, png))
    return out


def write_icns(images: dict[int, bytes]) -> bytes:
    """`images`: pixel size -> PNG; every ICNS type whose size is there gets it."""
    body = b""
    for kind, size in ICNS_TYPES.items():
        png = images.get(size)
        if png is None:
            continue
        if png_size(png) != (size, size):
            raise IconFormatError(f"ICNS: {kind.decode()} needs {size} px, got {png_size(png)}")
        body += kind + struct.pack(">I", 8 + len(png)) + png
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def read_icns(data: bytes) -> list[Entry]:
    if data[:4] != b"icns" or len(data) < 8:
        raise IconFormatError("ICNS: no 'icns' header")
    (total,) = struct.unpack(">I", data[4:8])
    if total != len(data):
        raise IconFormatError(f"ICNS: header says {total} bytes, the file has {len(data)}")
    out, at = [], 8
    while at < total:
        kind = data[at : at + 4]
        (length,) = struct.unpack(">I", data[at + 4 : at + 8])
        if length < 8 or at + length > total:
            raise IconFormatError(f"ICNS: entry {kind!r} at {at} has a bad length {length}")
        png = data[at + 8 : at + length]
        width, height = png_size(png)
        expected = ICNS_TYPES.get(kind)
        if expected is not None and (width, height) != (expected, expected):
            raise IconFormatError(f"ICNS: {kind.decode()} holds {width}x{height}")
        out.append(Entry(kind.decode("latin-1"), width, height, png))
        at += length
    return out
