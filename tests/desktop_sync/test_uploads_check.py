"""The checks before the first byte: counts, sizes (sparse files), folders, unreadable
and vanished files, the guessed type. Pure: no server."""

# covers: M1

from __future__ import annotations

import errno
import os
import unicodedata
from pathlib import Path

import pytest

from desktop.sync import file_check
from desktop.sync.file_check import check_files, check_one
from protocol.limits import MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE


def sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def files(folder: Path, n: int) -> list[Path]:
    out = []
    for i in range(n):
        p = folder / f"f{i}.txt"
        p.write_bytes(b"x" * (i + 1))
        out.append(p)
    return out


def test_exactly_ten_accepted(tmp_path: Path) -> None:
    check = check_files(files(tmp_path, MAX_FILES_PER_MESSAGE))
    assert len(check.accepted) == 10 and check.refused == []
    assert [f.size for f in check.accepted] == list(range(1, 11))


def test_the_eleventh_on_refused_by_name(tmp_path: Path) -> None:
    paths = files(tmp_path, 12)
    check = check_files(paths)
    assert [f.path for f in check.accepted] == paths[:10]
    assert [(r.name, r.reason, r.size) for r in check.too_many] == [
        ("f10.txt", "too_many", 11),
        ("f11.txt", "too_many", 12),
    ]


def test_already_attached_files_take_slots(tmp_path: Path) -> None:
    check = check_files(files(tmp_path, 3), already=8)
    assert [f.name for f in check.accepted] == ["f0.txt", "f1.txt"]
    assert [r.name for r in check.too_many] == ["f2.txt"]
    assert check_files(files(tmp_path, 1), already=10).accepted == []


def test_refused_files_take_no_slot(tmp_path: Path) -> None:
    paths = [tmp_path, *files(tmp_path, 10)]
    check = check_files(paths)
    assert len(check.accepted) == 10
    assert [r.reason for r in check.refused] == ["folder"]


def test_exactly_one_gib_accepted_one_more_byte_refused(tmp_path: Path) -> None:
    ok = sparse(tmp_path / "ok.bin", MAX_FILE_BYTES)
    big = sparse(tmp_path / "big.bin", MAX_FILE_BYTES + 1)
    check = check_files([ok, big])
    assert [(f.name, f.size) for f in check.accepted] == [("ok.bin", 1024**3)]
    [r] = check.refused
    assert (r.name, r.reason, r.size) == ("big.bin", "too_large", 1024**3 + 1)


def test_folder_missing_and_special_files(tmp_path: Path) -> None:
    gone = tmp_path / "gone.png"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    dangling = tmp_path / "link.txt"
    dangling.symlink_to(tmp_path / "nowhere")
    check = check_files([tmp_path, gone, fifo, dangling])
    assert check.accepted == []
    assert [(r.name, r.reason) for r in check.refused] == [
        (tmp_path.name, "folder"),
        ("gone.png", "missing"),
        ("pipe", "unreadable"),
        ("link.txt", "missing"),
    ]


def test_vanished_between_stat_and_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = files(tmp_path, 1)[0]

    def vanish(*args: object) -> int:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory")

    monkeypatch.setattr("desktop.sync.file_check.os.open", vanish)
    result = check_one(p)
    assert isinstance(result, file_check.Refusal) and result.reason == "missing"


def test_unreadable_refused_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = files(tmp_path, 1)[0]
    p.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for others

        def denied(*args: object) -> int:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr("desktop.sync.file_check.os.open", denied)
    [r] = check_files([p]).refused
    assert (r.reason, r.detail) == ("unreadable", "Permission denied")


def test_type_guessed_and_korean_names_composed(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "견적서.pdf")
    paths = [tmp_path / "shot.PNG", tmp_path / decomposed, tmp_path / "notes", tmp_path / "empty"]
    for p in paths[:-1]:
        p.write_bytes(b"data")
    paths[-1].write_bytes(b"")
    check = check_files(paths)
    assert [(f.name, f.content_type, f.size) for f in check.accepted] == [
        ("shot.PNG", "image/png", 4),
        ("견적서.pdf", "application/pdf", 4),
        ("notes", "application/octet-stream", 4),
        ("empty", "application/octet-stream", 0),
    ]
