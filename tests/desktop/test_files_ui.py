"""The files UI on real widgets over a seeded cache (no server): drops of file URLs with
Korean names onto the conversation and the composer, the drop zone, a pasted image,
refusals before any upload, the tray's buttons, files in bubbles and "Download all" on
hover. The end-to-end runs with the real server are in test_files_ui_live.py."""

# covers: M1, C2

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QMouseEvent,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QStyleOptionViewItem, QWidget

from desktop.controller.ui import Ui, build_ui
from desktop.models.files import FileRef, Upload, UploadState
from protocol.limits import MAX_FILE_BYTES
from tests.desktop.files_support import add_messages, file_block, file_urls, make_png
from tests.desktop.support import seed_cache


class Recorder:
    """Stands in for the sync engine's file methods at the window's edge, to see what
    the window hands over (test_files_ui_live.py runs the real engine and server)."""

    def __init__(self) -> None:
        self.attached: list[tuple[str, str | None, list[Any]]] = []
        self.calls: list[tuple[str, str]] = []

    async def attach_files(
        self, chat_id: str, files: Sequence[Any], *, message_id: str | None = None
    ) -> Any:
        self.attached.append((chat_id, message_id, list(files)))
        return []

    def watch_uploads(self, listener: Callable[[str, Any], None]) -> Callable[[], None]:
        return lambda: None

    def upload_progress(self, upload_id: str) -> Any:
        return None

    async def cancel_upload(self, upload_id: str) -> None:
        self.calls.append(("cancel", upload_id))

    async def retry_upload(self, upload_id: str) -> Any:
        self.calls.append(("retry", upload_id))

    async def remove_upload(self, upload_id: str) -> None:
        self.calls.append(("remove", upload_id))

    def cached_file(self, file_id: str) -> Path | None:
        return None

    async def fetch_file(self, file_id: str, *, name: str | None = None) -> Path:
        raise FileNotFoundError(file_id)

    async def download_files(
        self,
        files: Sequence[Any],
        folder: Path,
        on_progress: Callable[[Any], None] | None = None,
    ) -> list[Path]:
        return []


@pytest.fixture
def ui(qtbot: Any, tmp_path: Path, aio: Any) -> Any:
    path = tmp_path / "cache.sqlite3"
    info = seed_cache(path, 8)
    built = build_ui(path, account="me@example.test")
    qtbot.addWidget(built.window)
    built.window.resize(1100, 760)
    built.window.show()
    qtbot.waitUntil(lambda: built.window.chat_list.painted)
    built.info = info  # type: ignore[attr-defined]
    built.window.chat_list.select_chat(built.chats.ids()[0])
    built.files.pasted_folder = tmp_path / "pasted"
    built.engine = Recorder()  # type: ignore[attr-defined]
    built.files.attach_engine(built.engine)
    built.window.conversation.composer.set_available(True)
    yield built
    built.reader.close()


def drag(target: QWidget, mime: QMimeData, *, drop: bool = True) -> tuple[bool, bool]:
    """Enter `target` with a drag of `mime`, then drop (or leave). Returns whether the
    enter was accepted and whether the drop zone showed meanwhile."""
    pos = QPointF(target.rect().center())
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)
    if enter.isAccepted():
        move = QDragMoveEvent(
            pos + QPointF(3, 3),
            Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(target, move)
        assert move.isAccepted()
    pane = _pane(target)
    shown = pane is not None and pane.drop_zone.isVisible()
    if drop:
        ev = QDropEvent(
            pos,
            Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(target, ev)
    else:
        QApplication.sendEvent(target, QDragLeaveEvent())
    return enter.isAccepted(), shown


def _pane(w: QWidget | None) -> Any:
    while w is not None and w.objectName() != "conversation":
        w = w.parentWidget()
    return w


def korean_files(folder: Path, n: int) -> list[Path]:
    out = []
    for i in range(n):
        p = folder / f"견적서 {i + 1}번.txt"
        p.write_text(f"파일 {i}", encoding="utf-8")
        out.append(p)
    return out


def names(files: list[Any]) -> list[str]:
    return [f.name for f in files]


def test_dropping_korean_named_files_on_the_conversation_attaches_them(
    qtbot: Any, ui: Ui, tmp_path: Path
) -> None:
    engine: Recorder = ui.engine  # type: ignore[attr-defined]
    pane = ui.window.conversation
    files = [*korean_files(tmp_path, 2), make_png(tmp_path / "스크린샷 2026-12-07.png")]
    accepted, shown = drag(pane.view.viewport(), file_urls(files))
    assert accepted and shown
    assert not pane.drop_zone.isVisible()  # hidden after the drop
    qtbot.waitUntil(lambda: len(engine.attached) == 1)
    chat_id, message_id, sent = engine.attached[0]
    assert chat_id == ui.chats.ids()[0]
    assert message_id == pane.files.message_id(chat_id)
    assert names(sent) == ["견적서 1번.txt", "견적서 2번.txt", "스크린샷 2026-12-07.png"]
    assert [f.size for f in sent] == [os.path.getsize(p) for p in files]
    assert sent[2].content_type == "image/png"


def test_dropping_on_the_composer_attaches_and_never_types_the_url(
    qtbot: Any, ui: Ui, tmp_path: Path
) -> None:
    engine: Recorder = ui.engine  # type: ignore[attr-defined]
    edit = ui.window.conversation.composer.edit
    edit.setPlainText("hello")
    files = korean_files(tmp_path, 1)
    accepted, shown = drag(edit.viewport(), file_urls(files))
    assert accepted and shown
    qtbot.waitUntil(lambda: len(engine.attached) == 1)
    assert names(engine.attached[0][2]) == ["견적서 1번.txt"]
    assert edit.toPlainText() == "hello"  # no file:// text inserted


def test_the_drop_zone_shows_during_a_drag_says_the_limits_and_hides_when_it_leaves(
    ui: Ui, tmp_path: Path
) -> None:
    pane = ui.window.conversation
    accepted, shown = drag(pane.view.viewport(), file_urls(korean_files(tmp_path, 3)), drop=False)
    assert accepted and shown
    assert "Drop to attach up to 10 files, 1 GiB each" in pane.drop_zone.text()
    assert "3 files" in pane.drop_zone.text()
    assert not pane.drop_zone.isVisible()
    text = QMimeData()
    text.setText("just words")
    accepted, shown = drag(pane.view.viewport(), text, drop=False)
    assert not accepted and not shown  # only drags of local files are taken


def test_eleven_files_are_refused_before_any_upload_naming_the_eleventh(
    qtbot: Any, ui: Ui, tmp_path: Path
) -> None:
    engine: Recorder = ui.engine  # type: ignore[attr-defined]
    alerts: list[str] = []
    ui.files.refused.connect(alerts.append)
    files = korean_files(tmp_path, 11)
    drag(ui.window.conversation.view.viewport(), file_urls(files))
    assert len(alerts) == 1
    assert "견적서 11번.txt" in alerts[0] and "more than 10 files" in alerts[0]
    assert "견적서 10번.txt" not in alerts[0]
    assert ui.window.alert.isVisible() and "견적서 11번.txt" in ui.window.alert.label.text()
    qtbot.waitUntil(lambda: len(engine.attached) == 1)
    assert len(engine.attached[0][2]) == 10  # the first ten go; the 11th never starts


def test_too_large_folders_and_vanished_files_are_refused_with_their_reasons(
    qtbot: Any, ui: Ui, tmp_path: Path
) -> None:
    engine: Recorder = ui.engine  # type: ignore[attr-defined]
    alerts: list[str] = []
    ui.files.refused.connect(alerts.append)
    big = tmp_path / "동영상.mp4"
    big.touch()
    os.truncate(big, MAX_FILE_BYTES + 200_000_000)  # sparse: no disk used
    exact = tmp_path / "exact.bin"
    exact.touch()
    os.truncate(exact, MAX_FILE_BYTES)
    folder = tmp_path / "폴더"
    folder.mkdir()
    gone = tmp_path / "gone.txt"
    ui.files.attach(ui.chats.ids()[0], [str(big), str(folder), str(gone), str(exact)])
    assert len(alerts) == 1
    text = alerts[0]
    assert "동영상.mp4: over 1 GiB (1.3 GB)" in text
    assert "폴더: a folder, not a file" in text
    assert "gone.txt: no longer exists" in text
    assert "exact.bin" not in text
    qtbot.waitUntil(lambda: len(engine.attached) == 1)
    assert names(engine.attached[0][2]) == ["exact.bin"]  # exactly 1 GiB is accepted


def test_a_pasted_image_becomes_a_png_in_the_data_folder_and_is_attached(
    qtbot: Any, ui: Ui, tmp_path: Path
) -> None:
    engine: Recorder = ui.engine  # type: ignore[attr-defined]
    image = QImage(str(make_png(tmp_path / "src.png", 64, 48)))
    QApplication.clipboard().setImage(image)
    edit = ui.window.conversation.composer.edit
    edit.setPlainText("look")
    edit.setFocus()
    edit.paste()
    qtbot.waitUntil(lambda: len(engine.attached) == 1)
    (pasted,) = engine.attached[0][2]
    assert pasted.path.parent == tmp_path / "pasted" and pasted.name.endswith(".png")
    assert QImage(str(pasted.path)).size() == image.size()
    assert edit.toPlainText() == "look"


def test_the_attach_button_picks_several_files(
    qtbot: Any, ui: Ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine: Recorder = ui.engine  # type: ignore[attr-defined]
    files = korean_files(tmp_path, 2)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in files], "")
    )
    qtbot.mouseClick(ui.window.conversation.composer.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(engine.attached) == 1)
    assert names(engine.attached[0][2]) == ["견적서 1번.txt", "견적서 2번.txt"]


def test_the_tray_shows_progress_and_its_buttons_cancel_retry_and_remove(
    qtbot: Any, ui: Ui
) -> None:
    engine: Recorder = ui.engine  # type: ignore[attr-defined]
    pane = ui.window.conversation
    chat_id = ui.chats.ids()[0]
    pane.files.attach(
        chat_id,
        [
            Upload("u1", "사진.png", 2_000_000, "image/png", sent=500_000,
                   state=UploadState.UPLOADING, speed=1_000_000, eta=1.5),
            Upload("u2", "big.zip", 900_000_000, "application/zip",
                   state=UploadState.FAILED, error="upload_expired"),
        ],
    )  # fmt: skip
    tray = pane.tray
    assert tray.isVisible() and "2 of 10 files" in tray.title.text()
    uploading, failed = tray.rows["u1"], tray.rows["u2"]
    assert uploading.bar.value() == 250
    assert uploading.info.text() == "500.0 kB of 2.0 MB · 1.0 MB/s · 2 s left"
    assert uploading.cancel_button.isVisible() and not uploading.retry_button.isVisible()
    assert "5-minute limit" in failed.info.text()
    assert failed.retry_button.isVisible() and failed.remove_button.isVisible()
    assert not failed.cancel_button.isVisible()
    assert pane.composer.attach_button.isVisible()
    qtbot.mouseClick(uploading.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(failed.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(engine.calls) == 2)
    assert engine.calls == [("cancel", "u1"), ("retry", "u2")]
    # a progress tick moves only that row
    pane.files.update(Upload("u1", "사진.png", 2_000_000, "image/png", sent=2_000_000,
                             state=UploadState.DONE))  # fmt: skip
    assert uploading.bar.value() == 1000 and uploading.remove_button.isVisible()
    qtbot.mouseClick(failed.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ("remove", "u2") in engine.calls)
    assert list(tray.rows) == ["u1"] and "1 of 10 files" in tray.title.text()
    # with files attached, Enter sends even with no text
    sent: list[tuple[str, bool]] = []
    pane.composer.sendRequested.connect(lambda text, note: sent.append((text, note)))
    pane.composer.edit.setPlainText("")
    pane.composer.submit()
    assert sent == [("", False)]


def _click(view: Any, pos: QPoint) -> None:
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        QApplication.sendEvent(
            view.viewport(),
            QMouseEvent(
                kind,
                QPointF(pos),
                QPointF(view.viewport().mapToGlobal(pos)),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )


def _move(view: Any, pos: QPoint) -> None:
    QApplication.sendEvent(
        view.viewport(),
        QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(pos),
            QPointF(view.viewport().mapToGlobal(pos)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )


def test_files_show_as_cards_and_thumbnails_and_download_all_shows_on_hover(
    qtbot: Any, ui: Ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info: dict[str, Any] = ui.info  # type: ignore[attr-defined]
    pane = ui.window.conversation
    chat_id = ui.chats.ids()[0]
    photo = file_block(("제품 사진.jpg", 2_400_000, "image/jpeg"))
    docs = file_block(
        ("교환 안내서.pdf", 1_234_567, "application/pdf"), ("a.log", 900, "text/plain")
    )
    wanted: list[FileRef] = []
    pane.files.thumbnailWanted.connect(wanted.append)
    add_messages(
        ui,
        info["me"],
        chat_id,
        [
            {"blocks": [{"type": "text", "text": "깨진 사진입니다"}, photo]},
            {"author_kind": "manager", "author_id": info["me"], "blocks": [docs]},
        ],
    )
    view = pane.view
    m = ui.messages
    rows = {view.delegate.text_for(m.index(i)): i for i in range(m.rowCount())}
    assert "깨진 사진입니다" in rows and "" in rows  # the files are cards, not text
    shown = view.delegate.shown(m.index(rows[""]))
    assert [f.name for f in shown.files] == ["교환 안내서.pdf", "a.log"]
    qtbot.waitUntil(lambda: any(r.name == "제품 사진.jpg" for r in wanted))
    assert not any(r.name == "교환 안내서.pdf" for r in wanted)  # only images get thumbnails
    photo_id = photo["files"][0]["id"]
    pane.files.set_thumbnail(photo_id, QImage(str(make_png(tmp_path / "p.png", 400, 300))))
    assert pane.files.thumbnail(FileRef(photo_id, "제품 사진.jpg", 1, "image/jpeg")) is not None

    # hovering the message with documents shows "Download all" where it is clicked
    index = m.index(rows[""])
    rect = view.visualRect(index)
    option_hit = None
    _move(view, rect.center())
    assert view.delegate.hovered_id == m.data(index, Qt.ItemDataRole.UserRole + 2)
    folder = tmp_path / "받은 파일"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    asked: list[tuple[Any, str]] = []
    pane.downloadAllRequested.connect(lambda refs, where: asked.append((refs, where)))
    for y in range(rect.top(), rect.top() + 30):
        for x in range(rect.left(), rect.right(), 4):
            opt = QStyleOptionViewItem()
            view.initViewItemOption(opt)
            opt.rect = rect
            hit = view.delegate.hit(opt, index, QPoint(x, y))
            if hit is not None and hit.download_all:
                option_hit = QPoint(x, y)
                break
        if option_hit is not None:
            break
    assert option_hit is not None
    _click(view, option_hit)
    assert len(asked) == 1
    refs, where = asked[0]
    assert [r.name for r in refs] == ["교환 안내서.pdf", "a.log"] and where == str(folder)
    assert pane.downloads.isVisible() and "2 files" in pane.downloads.label.text()

    # moving away hides it: nothing to click there any more
    _move(view, QPoint(1, 1))
    if view.delegate.hovered_id == m.data(index, Qt.ItemDataRole.UserRole + 2):
        pytest.fail("still hovered")


def test_a_message_waiting_for_its_files_shows_their_progress_then_goes(qtbot: Any, ui: Ui) -> None:
    import uuid

    from desktop.sync.cache import Cache

    info: dict[str, Any] = ui.info  # type: ignore[attr-defined]
    pane = ui.window.conversation
    chat_id = ui.chats.ids()[0]
    block = file_block(("안내서.pdf", 1_000_000, "application/pdf"), ("b.txt", 10, "text/plain"))
    cache = Cache.open(
        ui.path,
        server_url=str(ui.reader.meta("server_url")),
        workspace_id=str(ui.reader.meta("workspace_id")),
        manager_id=info["me"],
    )
    try:
        _, changed = cache.enqueue(
            "send_message",
            {
                "chat_id": chat_id,
                "message_id": str(uuid.uuid4()),
                "kind": "reply",
                "blocks": [{"type": "text", "text": "보냅니다"}, block],
            },
        )
    finally:
        cache.close()
    ui.controller.on_changed(changed)
    f1, f2 = block["files"]
    pane.files.update(
        Upload("a", f1["name"], f1["size"], f1["content_type"], sent=250_000,
               state=UploadState.UPLOADING, server_id=f1["id"])
    )  # fmt: skip
    pane.files.update(
        Upload("b", f2["name"], 10, f2["content_type"], sent=10,
               state=UploadState.DONE, server_id=f2["id"])
    )  # fmt: skip
    m = ui.messages
    index = m.index(m.rowCount() - 1)
    delegate = pane.view.delegate
    assert delegate.text_for(index) == "보냅니다"
    assert delegate.shown(index).footer == "Sent once its files are up (1 uploading)…"
    assert delegate.files is not None and delegate.files.upload(f1["id"]) is not None
    pane.files.update(
        Upload("a", f1["name"], f1["size"], f1["content_type"], sent=f1["size"],
               state=UploadState.DONE, server_id=f1["id"])
    )  # fmt: skip
    assert delegate.shown(index).footer == "Sending…"
    # a file of the waiting message fails: the bubble says so, clicking it retries or removes
    engine: Recorder = ui.engine  # type: ignore[attr-defined]
    pane.files.update(
        Upload("a", f1["name"], f1["size"], f1["content_type"], sent=0,
               state=UploadState.FAILED, error="upload_expired", server_id=f1["id"])
    )  # fmt: skip
    assert "did not upload" in delegate.shown(index).footer
    pane.file_clicked(FileRef(f1["id"], f1["name"], f1["size"], f1["content_type"]))
    assert pane.file_menu is not None
    actions = {a.text(): a for a in pane.file_menu.actions()}
    assert set(actions) == {"Retry the upload", "Remove it from the message"}
    actions["Retry the upload"].trigger()
    qtbot.waitUntil(lambda: engine.calls == [("retry", "a")])
    pane.file_menu.close()
