"""Helpers for the files UI tests: messages with files written into a seeded cache, and
images and files on the disk to drop."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QColor, QImage, QPainter

from desktop.controller.ui import Ui
from desktop.sync.cache import Cache


def file_urls(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def make_png(path: Path, w: int = 320, h: int = 200, color: str = "#3b82f6") -> Path:
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    p = QPainter(image)
    p.fillRect(w // 4, h // 4, w // 2, h // 2, QColor("#fbbf24"))
    p.end()
    assert image.save(str(path))
    return path


def file_block(*files: tuple[str, int, str]) -> dict[str, Any]:
    return {
        "type": "files",
        "files": [
            {"id": str(uuid.uuid4()), "name": n, "size": size, "content_type": t}
            for n, size, t in files
        ],
    }


def add_messages(ui: Ui, me: str, chat_id: str, messages: list[dict[str, Any]]) -> list[str]:
    """Write confirmed messages (author, blocks) into the window's cache as the feed
    would, and tell the window."""
    cache = Cache.open(
        ui.path,
        server_url=str(ui.reader.meta("server_url")),
        workspace_id=str(ui.reader.meta("workspace_id")),
        manager_id=me,
    )
    try:
        seq = int(ui.reader.meta("cursor") or 0)
        at = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
        changes, ids = [], []
        for i, m in enumerate(messages):
            seq += 1
            mid = str(uuid.uuid4())
            ids.append(mid)
            changes.append(
                {
                    "seq": seq,
                    "entity": "message",
                    "id": mid,
                    "op": "upsert",
                    "data": {
                        "id": mid,
                        "chat_id": chat_id,
                        "seq": 1000 + i,
                        "author_kind": m.get("author_kind", "customer"),
                        "author_id": m.get("author_id"),
                        "kind": m.get("kind", "reply"),
                        "blocks": m["blocks"],
                        "created_at": (at + timedelta(minutes=i)).isoformat(),
                        "customer_read_at": None,
                        "delivered_at": None,
                    },
                }
            )
        changed = cache.apply_changes(changes, seq)
        ui.controller.on_changed(changed)
        return ids
    finally:
        cache.close()
