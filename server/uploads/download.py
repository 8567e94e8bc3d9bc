"""What a download answers with: the file's name for the client to save it under, and
which bytes a `Range` header asks for."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal
from urllib.parse import quote

_NOT_PLAIN = re.compile(r'[^\x20-\x7e]|["\\%;]')


def content_disposition(name: str) -> str:
    """RFC 6266: `filename*` carries the name in UTF-8 (Korean, spaces and all), and an
    ASCII `filename` stands in for clients that read only that. The stored name has no
    separators or control characters already (service.safe_name); quoting keeps it a
    single parameter whatever it holds."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = _NOT_PLAIN.sub("_", ascii_name).strip()
    stem, dot, ext = ascii_name.rpartition(".")
    if not any(c.isalnum() for c in ascii_name):
        ascii_name = "file"
    elif dot and not any(c.isalnum() for c in stem) and ext.isalnum() and len(ext) <= 8:
        ascii_name = f"file.{ext}"  # "견적서.pdf" has only ".pdf" in ASCII
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def parse_range(header: str, size: int) -> tuple[int, int] | Literal["unsatisfiable"] | None:
    """One `bytes=` range as [start, end), "unsatisfiable" (416), or None: serve it all
    (several ranges, or a header this does not understand, which RFC 9110 allows)."""
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash or not (first.isdigit() or first == "") or not (last.isdigit() or last == ""):
        return None
    if first == "":
        if last == "":
            return None
        n = int(last)
        if n == 0 or size == 0:
            return "unsatisfiable"
        return max(0, size - n), size
    start = int(first)
    if start >= size:
        return "unsatisfiable"
    end = size if last == "" else min(int(last) + 1, size)
    if end <= start:
        return None  # last < first: an invalid range is ignored
    return start, end
