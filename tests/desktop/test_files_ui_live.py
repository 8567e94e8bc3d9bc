"""Files end to end, on the real app against a real server process: files with Korean
names dropped onto the conversation and the composer go up (the tray shows them done),
the message goes out with them, the conversation shows them as cards and a thumbnail,
and "Download all" on hover writes them into the folder picked (C2).

Plain `def` tests on a qasync loop (see conftest).
"""

# covers: M1, C2

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QStyleOptionViewItem

from desktop.models.files import FileRef, UploadState
from desktop.models.messages import MessageRoles
from tests.desktop.files_support import make_png
from tests.desktop.support import (
    WAIT_MS,
    LiveFactory,
    finish,
    login,
    open_chat,
    server_messages,
    start_chat,
    started,
    ui_of,
    world_on,
)
from tests.desktop.test_files_ui import _click, _move, drag, file_urls

pytestmark = pytest.mark.timeout(180)


def download_all_point(view: Any, row: int) -> QPoint | None:
    """Where "Download all" is drawn on a hovered message (None: not there)."""
    index = view.model().index(row, 0)
    rect = view.visualRect(index)
    opt = QStyleOptionViewItem()
    view.initViewItemOption(opt)
    opt.rect = rect
    for y in range(rect.top(), rect.top() + 30, 2):
        for x in range(rect.left(), rect.right(), 4):
            hit = view.delegate.hit(opt, index, QPoint(x, y))
            if hit is not None and hit.download_all:
                return QPoint(x, y)
    return None


def test_dropped_files_go_up_go_out_with_the_message_show_and_download_all(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    aio: asyncio.AbstractEventLoop,  # last: the database fixtures run their own loops
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url, SANGDAM_FILES_DIR=str(tmp_path / "server-files"))
    chat = start_chat(server, world, "사진 보내주세요")
    ana = login(server, "ana")
    flow, task = started(qtbot, aio, tmp_path / "app", server, ana)
    ui = ui_of(flow)
    cid = chat["chat_id"]
    open_chat(qtbot, flow, cid)
    pane = ui.window.conversation
    qtbot.waitUntil(lambda: pane.composer.isEnabled(), timeout=WAIT_MS)

    src = tmp_path / "보낼 파일"
    src.mkdir()
    photo = make_png(src / "깨진 제품 사진.png", 640, 400)
    guide = src / "교환 안내서 v2.txt"
    guide.write_text("교환은 7일 이내에 가능합니다.\n" * 200, encoding="utf-8")
    log = src / "server log.txt"
    log.write_bytes(b"x" * 300_000)

    # two onto the conversation, one onto the composer
    accepted, shown = drag(pane.view.viewport(), file_urls([photo, guide]))
    assert accepted and shown and not pane.drop_zone.isVisible()
    accepted, shown = drag(pane.composer.edit.viewport(), file_urls([log]))
    assert accepted and shown

    tray = pane.tray
    qtbot.waitUntil(lambda: len(tray.rows) == 3, timeout=WAIT_MS)
    assert [u.name for u in tray.uploads()] == [
        "깨진 제품 사진.png",
        "교환 안내서 v2.txt",
        "server log.txt",
    ]
    qtbot.waitUntil(
        lambda: all(u.state is UploadState.DONE for u in tray.uploads()), timeout=WAIT_MS
    )
    assert all(r.bar.value() == 1000 for r in tray.rows.values())

    edit = pane.composer.edit
    edit.setFocus()
    edit.insertPlainText("첨부합니다")  # QTest types ASCII only
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not tray.isVisible(), timeout=WAIT_MS)

    def on_server() -> list[dict[str, Any]]:
        return [
            f
            for m in server_messages(server, ana, cid)
            for b in m["blocks"]
            if b.get("type") == "files"
            for f in b["files"]
        ]

    qtbot.waitUntil(lambda: len(on_server()) == 3, timeout=WAIT_MS)
    server_files = on_server()
    assert [f["name"] for f in server_files] == [p.name for p in (photo, guide, log)]
    assert [f["size"] for f in server_files] == [p.stat().st_size for p in (photo, guide, log)]

    # the conversation shows them (confirmed), the image as a thumbnail fetched from the server
    m = ui.messages
    delegate = pane.view.delegate

    def sent_row() -> int | None:
        for i in range(m.rowCount()):
            item = m.data(m.index(i), MessageRoles.ITEM)
            if item is not None and not item.pending and delegate.shown(m.index(i)).files:
                return i
        return None

    qtbot.waitUntil(lambda: sent_row() is not None, timeout=WAIT_MS)
    row = sent_row()
    assert row is not None
    shown = delegate.shown(m.index(row))
    assert shown.text == "첨부합니다"
    assert [f.name for f in shown.files] == [p.name for p in (photo, guide, log)]
    image_ref = shown.files[0]
    assert image_ref.is_image and not shown.files[1].is_image
    pane.view.viewport().update()
    qtbot.waitUntil(lambda: pane.files.thumbnail(image_ref) is not None, timeout=WAIT_MS)
    assert pane.files.thumbnail(image_ref).width() == 480  # type: ignore[union-attr]

    # clicking the image opens the viewer; Esc closes it
    opened: list[FileRef] = []
    pane.viewImageRequested.connect(opened.append)
    pane.file_clicked(image_ref)
    qtbot.waitUntil(lambda: pane.viewer is not None and pane.viewer.isVisible(), timeout=WAIT_MS)
    assert opened == [image_ref] and pane.viewer is not None
    assert pane.viewer.picture.image.size().width() == 640
    qtbot.keyClick(pane.viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: pane.viewer is None or not pane.viewer.isVisible(), timeout=2000)

    # C2: hovering the message shows "Download all"; it writes every file into the folder
    folder = tmp_path / "받은 파일"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    view = pane.view
    view.scrollTo(m.index(row))
    _move(view, QPoint(2, 2))
    assert download_all_point(view, row) is None  # only on the hovered message
    _move(view, view.visualRect(m.index(row)).center())
    point = download_all_point(view, row)
    assert point is not None
    _click(view, point)
    qtbot.waitUntil(lambda: len(list(folder.iterdir())) == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pane.downloads.open_button.isVisible(), timeout=WAIT_MS)
    for p in (photo, guide, log):
        assert (folder / p.name).read_bytes() == p.read_bytes()
    assert "Saved 3 files" in pane.downloads.label.text()
    finish(qtbot, flow, task)


def test_eleven_files_the_eleventh_refused_at_once_then_one_removed_nine_go_out(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,  # last: the database fixtures run their own loops
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url, SANGDAM_FILES_DIR=str(tmp_path / "server-files"))
    chat = start_chat(server, world, "영수증 주세요")
    ana = login(server, "ana")
    flow, task = started(qtbot, aio, tmp_path / "app", server, ana)
    ui = ui_of(flow)
    cid = chat["chat_id"]
    open_chat(qtbot, flow, cid)
    pane = ui.window.conversation
    qtbot.waitUntil(lambda: pane.composer.isEnabled(), timeout=WAIT_MS)
    alerts: list[str] = []
    ui.files.refused.connect(alerts.append)

    src = tmp_path / "src"
    src.mkdir()
    files = []
    for i in range(11):
        p = src / f"영수증 {i + 1:02d}.txt"
        p.write_text(f"영수증 {i + 1}\n" * 50, encoding="utf-8")
        files.append(p)
    drag(pane.view.viewport(), file_urls(files))
    assert len(alerts) == 1  # said at once, before any upload
    assert "영수증 11.txt" in alerts[0] and "영수증 10.txt" not in alerts[0]
    tray = pane.tray
    qtbot.waitUntil(lambda: len(tray.rows) == 10, timeout=WAIT_MS)
    assert "영수증 11.txt" not in [u.name for u in tray.uploads()]
    qtbot.waitUntil(
        lambda: all(u.state is UploadState.DONE for u in tray.uploads()), timeout=WAIT_MS
    )

    # remove the third one from the tray, then send without text
    third = next(r for r in tray.rows.values() if r.upload and r.upload.name == "영수증 03.txt")
    assert third.remove_button.isVisible()
    qtbot.mouseClick(third.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(tray.rows) == 9, timeout=WAIT_MS)
    pane.composer.edit.setFocus()
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Return)

    def sent_names() -> list[str]:
        return [
            f["name"]
            for m in server_messages(server, ana, cid)
            for b in m["blocks"]
            if b.get("type") == "files"
            for f in b["files"]
        ]

    qtbot.waitUntil(lambda: len(sent_names()) == 9, timeout=WAIT_MS)
    assert sent_names() == [p.name for p in files[:10] if p.name != "영수증 03.txt"]
    assert not tray.isVisible()
    finish(qtbot, flow, task)
