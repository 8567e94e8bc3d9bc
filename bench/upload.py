"""Uploads over loopback: the app's uploader to our server, beside a plain httpx upload.

    python -m bench.upload [--size-mb 1024] [--ten-mb 100] [--files 10] [--rounds 2]

The files: one of ``--size-mb`` MiB (1 GiB by default) and ``--files`` of ``--ten-mb``
MiB, real files of random-ish bytes (a 16 MiB block of os.urandom, rotated for each
16 MiB written), made once per run in a temp folder, so every read is a real read.

Ours: ``sangdam-server serve`` in its own process (one worker, SQLite, its files folder
in the temp folder), a manager logged in and a chat started through the customer API;
the uploader is ``python -m bench.upload_client app``: the app's sync engine, logged in
and bootstrapped, given the files as the window gives a drop (checked, attached to one
new message, sent by its uploader: desktop.sync.tus, PATCHes of up to 64 MiB streamed
from disk in 1 MiB reads in worker threads, a crc32 on each (hashed ahead, checked by
the server); three files at a time).
The baseline, in the same run: ``python -m bench.upload_client plain``, one streaming
httpx PUT per file (1 MiB reads, Content-Length) to bench.upload_baseline, a minimal
uvicorn app of its own process that writes the body to a file and nothing else.

Clock (in the uploader's process, ``time.perf_counter``): ours starts just before the
files are checked and stops when the engine has recorded the last of them as up; the
baseline's starts just before its PUTs go and stops when the last answer has arrived
(bench.upload_client says exactly). Each part runs the sides as baseline, ours, ours,
baseline for ``--rounds 2`` (``--rounds`` runs of each, mirrored in pairs), so a machine
that gets busier or quieter during the run weighs on both alike; a side's rate is its
bytes over its runs' total seconds. MB here is 2**20 bytes.

Memory: the uploader's own RSS, sampled every 5 ms during the clocked upload (bench.rss);
``rss_growth_mb`` is the largest growth of the app's uploader over its runs. After the
last run of each part, the first file is downloaded from our server (``GET /files/{id}``,
unclocked) and its sha256 compared with the original's.

CPU: the uploader's own (``time.process_time`` over its clock) and the server's process
(/proc, read just before the uploader starts and just after it exits), as seconds per
GiB moved: on a machine shared with other work the rates move from run to run, what
each side costs much less.

Targets: ratio (ours / baseline, one file) >= 0.7, rss_growth_mb < 64.
The last line is JSON: mb_per_s, baseline_mb_per_s, ratio, rss_growth_mb,
baseline_rss_growth_mb, ten_files_mb_per_s, ten_files_baseline_mb_per_s, ten_files_ratio,
ten_files_rss_growth_mb, size_mb, ten_mb, files, patches (per run of the one file),
client_cpu_s_per_gib, server_cpu_s_per_gib, baseline_client_cpu_s_per_gib,
baseline_server_cpu_s_per_gib (the one file).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench._support import ROOT, Server, cpu_seconds, make_workspace, sqlite_database

MIB = 1024**2
BLOCK = 16 * MIB
TARGET_RATIO = 0.7
TARGET_RSS_MB = 64.0


def make_file(path: Path, size: int, seed: bytes) -> None:
    """`size` bytes of random-ish data: one random block, rotated for each block."""
    block = seed
    with open(path, "wb") as f:
        written, turn = 0, 0
        while written < size:
            shift = (turn * 4099) % len(block)
            piece = (block[shift:] + block[:shift])[: size - written]
            f.write(piece)
            written += len(piece)
            turn += 1


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while data := f.read(BLOCK):
            h.update(data)
    return h.hexdigest()


@dataclass
class Side:
    """One side's runs of one part."""

    seconds: list[float] = field(default_factory=list)
    bytes: int = 0
    rss_growth_mb: float = 0.0
    patches: int = 0
    client_cpu: float = 0.0
    server_cpu: float = 0.0

    def add(self, run: dict[str, Any]) -> None:
        self.seconds.append(float(run["seconds"]))
        self.bytes += int(run["bytes"])
        self.rss_growth_mb = max(self.rss_growth_mb, float(run["rss_growth_mb"]))
        self.patches += int(run["patches"])
        self.client_cpu += float(run["cpu_seconds"])
        self.server_cpu += float(run["server_cpu_seconds"])

    @property
    def mb_per_s(self) -> float:
        return self.bytes / MIB / sum(self.seconds)

    def cpu_per_gib(self) -> tuple[float, float]:
        """CPU seconds per GiB moved: (the uploader's, the server's)."""
        gib = self.bytes / 1024**3
        return self.client_cpu / gib, self.server_cpu / gib


def run_client(args: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.upload_client", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.upload_client {args[0]} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def download_sha256(url: str, token: str, file_id: str) -> str:
    h = hashlib.sha256()
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.stream("GET", f"{url}/files/{file_id}", headers=headers, timeout=60) as r:
        r.raise_for_status()
        for data in r.iter_bytes(BLOCK):
            h.update(data)
    return h.hexdigest()


@dataclass
class Bench:
    ours: Server
    baseline: Server
    login: dict[str, str]
    chat_id: str
    received: Path  # the baseline's folder, emptied after each of its runs
    caches: Path  # the app's data folders, one per run

    def part(self, name: str, files: list[Path], rounds: int) -> tuple[Side, Side]:
        app_args = ["app", "--url", self.ours.url, "--login", json.dumps(self.login)]
        app_args += ["--chat", self.chat_id]
        plain_args = ["plain", "--url", self.baseline.url]
        app, plain = Side(), Side()
        order: list[str] = []
        for i in range(rounds):  # baseline, ours, ours, baseline, ...
            order += ["plain", "app"] if i % 2 == 0 else ["app", "plain"]
        last_app: dict[str, Any] = {}
        for side in order:
            server = self.ours if side == "app" else self.baseline
            assert server.proc is not None
            cpu = cpu_seconds(server.proc.pid)
            args = [*app_args, "--folder", str(self.caches / str(len(app.seconds)))]
            run = run_client([*(args if side == "app" else plain_args), *map(str, files)])
            run["server_cpu_seconds"] = cpu_seconds(server.proc.pid) - cpu
            if side == "app":
                app.add(run)
                last_app = run
            else:
                plain.add(run)
                shutil.rmtree(self.received, ignore_errors=True)
                self.received.mkdir()
            mbs = run["bytes"] / MIB / run["seconds"]
            print(
                f"  {name:<9} {'ours' if side == 'app' else 'baseline':<8} "
                f"{run['seconds']:7.2f} s {mbs:8.1f} MB/s  "
                f"CPU client {run['cpu_seconds']:.2f} s server {run['server_cpu_seconds']:.2f} s  "
                f"RSS +{run['rss_growth_mb']:.1f} MB (from {run['rss_before_mb']:.0f})"
                + (f", {run['patches']} PATCHes" if side == "app" else "")
            )
        got = download_sha256(self.ours.url, self.login["token"], last_app["file_ids"][0])
        if got != sha256_of(files[0]):
            raise RuntimeError(f"{name}: the server's file differs from the original")
        return app, plain


def login_and_chat(url: str, workspace_id: str, email: str) -> tuple[dict[str, str], str]:
    """A manager's login answer (token, manager_id, workspace_id) and a new chat's id."""
    from bench._support import PASSWORD

    with httpx.Client(base_url=url, timeout=30) as client:
        r = client.post("/auth/login", json={"email": email, "password": PASSWORD})
        r.raise_for_status()
        login: dict[str, str] = r.json()
        r = client.post(
            "/customer/chats", json={"workspace_id": workspace_id, "text": "파일 보내드려요"}
        )
        r.raise_for_status()
        chat_id: str = r.json()["chat_id"]
    return login, chat_id


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size-mb", type=int, default=1024, help="the one big file (MiB)")
    p.add_argument("--ten-mb", type=int, default=100, help="each of the many files (MiB)")
    p.add_argument("--files", type=int, default=10, help="how many files at once")
    p.add_argument("--rounds", type=int, default=2, help="runs of each side, per part")
    args = p.parse_args()
    if args.size_mb < 1 or args.ten_mb < 1 or not 1 <= args.files <= 10 or args.rounds < 1:
        p.error("sizes and --rounds must be at least 1, --files 1 to 10")

    with tempfile.TemporaryDirectory(prefix="sangdam-upload-") as tmp_name:
        tmp = Path(tmp_name)
        seed = os.urandom(BLOCK)
        big = tmp / "큰 파일 1GiB.bin"
        make_file(big, args.size_mb * MIB, seed)
        many = [tmp / f"파일 {i:02}.bin" for i in range(args.files)]
        for i, path in enumerate(many):
            make_file(path, args.ten_mb * MIB, seed[i * 7919 :] + seed[: i * 7919])
        print(f"files: 1 x {args.size_mb} MiB, {args.files} x {args.ten_mb} MiB in {tmp}")

        received = tmp / "received"
        received.mkdir()
        with sqlite_database() as url:
            ws = make_workspace(url, 1)
            ours = Server(
                url, log_path=tmp / "server.log", env={"SANGDAM_FILES_DIR": str(tmp / "files")}
            )
            base = Server(
                url,
                entry="bench.upload_baseline",
                log_path=tmp / "baseline.log",
                env={"SANGDAM_FILES_DIR": str(received)},
            )
            with ours, base:
                login, chat_id = login_and_chat(ours.url, str(ws.workspace_id), ws.emails[0])
                bench = Bench(ours, base, login, chat_id, received, tmp / "app")
                one, one_base = bench.part("one file", [big], args.rounds)
                ten, ten_base = bench.part(f"{args.files} files", many, args.rounds)
                errors = ours.log_errors()
        if errors:
            print(f"  ! the server logged errors: {errors}")

    ratio = one.mb_per_s / one_base.mb_per_s
    ten_ratio = ten.mb_per_s / ten_base.mb_per_s
    print(
        f"one file: {one.mb_per_s:.0f} MB/s, baseline {one_base.mb_per_s:.0f} MB/s, "
        f"ratio {ratio:.2f} (target >= {TARGET_RATIO}) "
        f"{'ok' if ratio >= TARGET_RATIO else 'BELOW TARGET'}; "
        f"RSS growth {one.rss_growth_mb:.1f} MB (target < {TARGET_RSS_MB:g}) "
        f"{'ok' if one.rss_growth_mb < TARGET_RSS_MB else 'ABOVE TARGET'}"
    )
    print(
        f"{args.files} files at once: {ten.mb_per_s:.0f} MB/s, baseline "
        f"{ten_base.mb_per_s:.0f} MB/s, ratio {ten_ratio:.2f}; "
        f"RSS growth {ten.rss_growth_mb:.1f} MB"
    )
    cpu, base_cpu = one.cpu_per_gib(), one_base.cpu_per_gib()
    print(
        f"CPU s per GiB (uploader + server): ours {cpu[0]:.2f} + {cpu[1]:.2f}, "
        f"baseline {base_cpu[0]:.2f} + {base_cpu[1]:.2f}"
    )
    print(
        json.dumps(
            {
                "mb_per_s": round(one.mb_per_s, 1),
                "baseline_mb_per_s": round(one_base.mb_per_s, 1),
                "ratio": round(ratio, 3),
                "rss_growth_mb": round(one.rss_growth_mb, 1),
                "baseline_rss_growth_mb": round(one_base.rss_growth_mb, 1),
                "ten_files_mb_per_s": round(ten.mb_per_s, 1),
                "ten_files_baseline_mb_per_s": round(ten_base.mb_per_s, 1),
                "ten_files_ratio": round(ten_ratio, 3),
                "ten_files_rss_growth_mb": round(ten.rss_growth_mb, 1),
                "size_mb": args.size_mb,
                "ten_mb": args.ten_mb,
                "files": args.files,
                "patches": one.patches // max(1, len(one.seconds)),
                "client_cpu_s_per_gib": round(cpu[0], 2),
                "server_cpu_s_per_gib": round(cpu[1], 2),
                "baseline_client_cpu_s_per_gib": round(base_cpu[0], 2),
                "baseline_server_cpu_s_per_gib": round(base_cpu[1], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
