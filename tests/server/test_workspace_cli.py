"""Running a workspace from `sangdam-server` (issue 17): media, profile fields, the
workspace's settings and macros, round trips with --json in subprocesses, on both
backends; every change goes through the change log that every app follows."""

# covers: S9, P4, M3

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import uuid
from typing import Any

from sqlalchemy import select

from protocol.kinds import Medium
from server.config import Settings, parse_media_key
from server.db import models as m
from server.db.database import Database
from server.media.secrets import Sealer
from tests.support.live import ROOT

LINE_SECRET = "fedcba9876543210fedcba9876543210"
LINE_TOKEN = "CLI-LINE-TOKEN-secret-31337"
SMTP_PASSWORD = "CLI-SMTP-PASSWORD-secret-4242"


def cli(
    url: str, *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "server.cli", *args, "--database-url", url],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,  # never a prompt
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=180,
    )
    for secret in (LINE_SECRET, LINE_TOKEN, SMTP_PASSWORD):
        assert secret not in done.stdout + done.stderr
    return done


def ok(done: subprocess.CompletedProcess[str]) -> Any:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def refused(done: subprocess.CompletedProcess[str], code: int, words: str) -> None:
    assert done.returncode == code, (done.stdout, done.stderr)
    assert done.stderr.startswith("error: ") and words in done.stderr, done.stderr
    assert done.stdout == ""


async def read(url: str, ws: uuid.UUID) -> tuple[bytes | None, list[str]]:
    db = Database(url)
    try:
        async with db.read() as conn:
            sealed = await conn.scalar(
                select(m.Integration.sealed_secrets).where(m.Integration.medium == "line")
            )
            log = [
                json.dumps([str(v) for v in r._asdict().values()])
                for r in await conn.execute(
                    select(m.ChangeLog)
                    .where(m.ChangeLog.workspace_id == ws)
                    .order_by(m.ChangeLog.seq)
                )
            ]
    finally:
        await db.dispose()
    return None if sealed is None else bytes(sealed), log


def test_cli_runs_a_workspace(db_url: str) -> None:
    done = cli(db_url, "create-workspace", "상담 주식회사")
    assert done.returncode == 0, done.stderr
    ws = uuid.UUID(done.stdout.strip())
    w = ("--workspace", str(ws))
    # media: secrets from stdin or the environment, never the command line or output
    line = ok(
        cli(
            db_url,
            "medium",
            "connect",
            "line",
            "--set",
            "channel_id=1650000000",
            "--name",
            "LINE @sangdam",
            "--secrets-stdin",
            "--json",
            stdin=f"channel_secret={LINE_SECRET}\naccess_token={LINE_TOKEN}\n",
        )
    )
    assert line["connected"] is True and line["name"] == "LINE @sangdam"
    assert line["secrets_set"] == ["access_token", "channel_secret"]
    email = ok(
        cli(
            db_url,
            "medium",
            "connect",
            "email",
            *w,
            "--set",
            "inbound_address=Help@Example.test",
            "--set",
            "smtp_host=smtp.example.test",
            "--set",
            "smtp_port=465",
            "--set",
            "smtp_user=help",
            "--json",
            env={"SANGDAM_SECRET_SMTP_PASSWORD": SMTP_PASSWORD},
        )
    )
    assert email["settings"]["smtp_port"] == 465
    assert email["settings"]["inbound_address"] == "help@example.test"
    listed = ok(cli(db_url, "medium", "list", "--json"))
    assert [x["medium"] for x in listed] == ["email", "line"]  # S9's order
    text = cli(db_url, "medium", "list")
    assert text.returncode == 0 and "line" in text.stdout and "connected" in text.stdout
    refused(
        cli(db_url, "medium", "connect", "phone", "--set", "number=1588", "--json"),
        2,
        "settings.number",
    )
    refused(cli(db_url, "medium", "connect", "line", "--set", "oops"), 2, "KEY=VALUE")

    sealed, log = asyncio.run(read(db_url, ws))
    assert sealed is not None
    key = Settings(database_url=db_url).media_key_bytes()
    assert Sealer(key).open(ws, Medium.LINE, sealed) == {
        "channel_secret": LINE_SECRET,
        "access_token": LINE_TOKEN,
    }
    assert key == parse_media_key(os.environ["SANGDAM_MEDIA_KEY"])
    for secret in (LINE_SECRET, LINE_TOKEN, SMTP_PASSWORD):
        assert not any(secret in entry for entry in log)
    gone = ok(cli(db_url, "medium", "disconnect", "line", "--json"))
    assert gone["connected"] is False and gone["secrets_set"] == []
    refused(cli(db_url, "medium", "disconnect", "line"), 1, "not connected")

    # profile fields
    plan = ok(
        cli(
            db_url,
            "field",
            "create",
            "plan",
            "--label",
            "요금제",
            "--type",
            "select",
            "--option",
            "free",
            "--option",
            "pro",
            "--json",
        )
    )
    assert plan == {
        "key": "plan",
        "label": "요금제",
        "type": "select",
        "options": ["free", "pro"],
        "position": 0,
    }
    refused(cli(db_url, "field", "create", "tier", "--label", "T", "--type", "select"), 2, "option")
    refused(cli(db_url, "field", "create", "plan", "--label", "again"), 1, "exists already")
    edited = ok(
        cli(db_url, "field", "edit", "plan", "--option", "free", "--option", "team", "--json")
    )
    assert edited["options"] == ["free", "team"] and edited["label"] == "요금제"
    assert [f["key"] for f in ok(cli(db_url, "field", "list", "--json"))] == ["plan"]
    assert ok(cli(db_url, "field", "delete", "plan", "--json")) == {"deleted": "plan"}
    assert ok(cli(db_url, "field", "list", "--json")) == []

    # the workspace's settings
    refused(cli(db_url, "workspace", "set", "--time-zone", "Nowhere/Land"), 2, "IANA")
    refused(cli(db_url, "workspace", "set", "--hours", "mon=18:00-09:00"), 2, "open first")
    shown = ok(
        cli(
            db_url,
            "workspace",
            "set",
            "--time-zone",
            "Asia/Tokyo",
            "--hours",
            "mon=09:00-18:00",
            "--hours",
            "fri=10:00-17:30",
            "--json",
        )
    )
    assert shown["time_zone"] == "Asia/Tokyo"
    assert shown["business_hours"] == {
        "mon": {"open": "09:00", "close": "18:00"},
        "fri": {"open": "10:00", "close": "17:30"},
    }
    assert ok(cli(db_url, "workspace", "show", "--json")) == shown
    text = cli(db_url, "workspace", "show")
    assert "Asia/Tokyo" in text.stdout and "mon 09:00-18:00" in text.stdout

    # macros, with their variables checked
    refused(
        cli(db_url, "macro", "create", "--name", "x", "--body", "{customer.nmae}"),
        2,
        "{customer.nmae}",
    )
    macro = ok(
        cli(
            db_url,
            "macro",
            "create",
            "--name",
            "인사",
            "--body-stdin",
            "--json",
            stdin="안녕하세요 {customer.name}님",
        )
    )
    assert macro["body"] == "안녕하세요 {customer.name}님"
    again = ok(cli(db_url, "macro", "edit", macro["id"], "--name", "인사 2", "--json"))
    assert again["body"] == macro["body"] and again["name"] == "인사 2"
    assert [x["id"] for x in ok(cli(db_url, "macro", "list", "--json"))] == [macro["id"]]
    assert ok(cli(db_url, "macro", "delete", macro["id"], "--json")) == {"deleted": macro["id"]}
    refused(cli(db_url, "macro", "delete", macro["id"]), 1, "No macro")
    refused(cli(db_url, "macro", "list", "--workspace", str(uuid.uuid4())), 2, "no workspace")

    # every change went through the change log (what every app follows), in order
    _, log = asyncio.run(read(db_url, ws))
    kinds = [tuple(json.loads(entry)[2:5:2]) for entry in log]
    assert kinds == [
        ("integration", "upsert"),
        ("integration", "upsert"),
        ("integration", "upsert"),
        ("customer_field", "upsert"),
        ("customer_field", "upsert"),
        ("customer_field", "delete"),
        ("workspace", "upsert"),
        ("macro", "upsert"),
        ("macro", "upsert"),
        ("macro", "delete"),
    ]


def test_new_key_is_usable(tmp_path: Any) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'k.db'}"
    out = ok(cli(url, "medium", "new-key", "--json"))
    assert len(parse_media_key(out["media_key"])) == 32
    assert not (tmp_path / "k.db").exists()  # needs no database
    info = ok(cli(url, "medium", "connect", "line", "--help-settings", "--json"))
    assert info == {"settings": ["channel_id"], "secrets": ["channel_secret", "access_token"]}
