"""The customer API's cursors are opaque, bound to their chat, and say nothing of the rest
of the workspace (issue 16: a customer must not be able to watch how busy it is)."""

# covers: Y2

from __future__ import annotations

import os
import stat
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from server.config import Settings, load_or_create_key
from server.customers.cursors import CURSOR_LENGTH, Cursors
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from tests.support.pusher import Pusher, text
from tests.support.world import World, login, start_chat

CURSOR_KEYS = {"since", "to", "head", "before"}


def _bearer(chat: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {chat['token']}"}


async def _get(client: httpx.AsyncClient, url: str, chat: dict[str, str], **params: Any) -> Any:
    r = await client.get(url, headers=_bearer(chat), params=params)
    assert r.status_code == 200, r.text
    return r.json()


async def _busy(ana: Pusher, chat_id: str, n: int) -> None:
    """`n` messages to another chat, in pushes of 50."""
    for start in range(0, n, 50):
        muts = [
            ana.mutation(
                "send_message", chat_id=chat_id, message_id=uuid.uuid4(), blocks=text(f"busy {i}")
            )
            for i in range(start, min(n, start + 50))
        ]
        r = await ana.send(*muts)
        assert r.status_code == 200 and all(
            x["status"] == "applied" for x in r.json()["results"]
        ), r.text


async def _follow(client: httpx.AsyncClient, world: World, ana: Pusher, busy: bool) -> list[Any]:
    """One customer's conversation, every customer-API answer it got, in order; with
    `busy`, another chat gets 100 messages between its steps."""
    other = await start_chat(client, world, text="someone else")
    got: list[Any] = []
    mine = await start_chat(client, world, text="q0")
    base = f"/customer/chats/{mine['chat_id']}"
    got.append(chat := await _get(client, base, mine))
    if busy:
        await _busy(ana, other["chat_id"], 50)
    a1 = uuid.uuid4()
    await ana.do("send_message", chat_id=mine["chat_id"], message_id=a1, blocks=text("a1"))
    got.append(page := await _get(client, f"{base}/changes", mine, since=chat["head"]))
    assert [c["data"]["blocks"][0]["text"] for c in page["changes"]] == ["a1"]
    r = await client.post(
        f"{base}/messages", headers=_bearer(mine), json={"id": str(uuid.uuid4()), "text": "q2"}
    )
    assert r.status_code == 201, r.text
    got.append(r.json())
    if busy:
        await _busy(ana, other["chat_id"], 50)
    got.append(page := await _get(client, f"{base}/changes", mine, since=page["to"]))
    assert [c["data"]["blocks"][0]["text"] for c in page["changes"]] == ["q2"]
    r = await client.post(f"{base}/read", headers=_bearer(mine), json={"message_id": str(a1)})
    assert r.status_code == 200 and r.json() == {"read": 1}, r.text
    got.append(r.json())
    got.append(page := await _get(client, f"{base}/changes", mine, since=page["to"]))
    [receipt] = page["changes"]
    assert receipt["id"] == str(a1) and receipt["data"]["customer_read_at"] is not None
    got.append(await _get(client, f"{base}/changes", mine, since=page["to"]))  # nothing new
    r = await client.post(
        f"{base}/visits", headers=_bearer(mine), json={"url": "https://shop.test/a"}
    )
    assert r.status_code == 201, r.text
    got.append(r.json())
    # page backwards one message at a time: order by the list, `before` to go on
    seen: list[str] = []
    before: str | None = None
    while True:
        params = {"limit": 1} if before is None else {"limit": 1, "before": before}
        got.append(older := await _get(client, f"{base}/messages", mine, **params))
        seen = [x["blocks"][0]["text"] for x in older["messages"]] + seen
        if not older["more"]:
            assert older["before"] is None
            break
        before = older["before"]
    assert seen == ["q0", "a1", "q2"]
    got.append(await _get(client, base, mine))
    return got


def _numbers(value: Any) -> list[Any]:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    if isinstance(value, int | float):
        return [value]
    items = value.values() if isinstance(value, dict) else value
    return [n for v in items for n in _numbers(v)]


def _shape(value: Any, key: str = "") -> Any:
    """The answer with every string replaced by its kind: cursors by their length."""
    if isinstance(value, dict):
        return {k: _shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    if isinstance(value, str):
        return f"cursor:{len(value)}" if key in CURSOR_KEYS else "text"
    return value


def _cursors(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [
            c
            for k, v in value.items()
            for c in ([v] if k in CURSOR_KEYS and isinstance(v, str) else _cursors(v))
        ]
    if isinstance(value, list):
        return [c for v in value for c in _cursors(v)]
    return []


async def test_a_busy_workspace_changes_nothing_a_customer_sees(
    client: httpx.AsyncClient, world: World
) -> None:
    ana = Pusher(client, await login(client, "ana"))
    quiet = await _follow(client, world, ana, busy=False)
    busy = await _follow(client, world, ana, busy=True)
    assert _shape(busy) == _shape(quiet), "the answers' shape tells of other chats"
    # the only number: the read receipt's count of the customer's own replies read
    assert _numbers(busy) == _numbers(quiet) == [1], "a number moved with other chats"
    cursors = _cursors(busy)
    assert len(cursors) >= 10 and {len(c) for c in cursors} == {CURSOR_LENGTH}
    for answer in busy:
        assert '"seq"' not in str(answer).replace("'", '"'), "a workspace seq shown"
        for msg in answer.get("messages", []):
            assert "seq" not in msg


async def test_a_cursor_of_another_chat_or_tampered_is_refused(
    client: httpx.AsyncClient, world: World
) -> None:
    a = await start_chat(client, world, text="a")
    b = await start_chat(client, world, text="b")
    head_a = (await _get(client, f"/customer/chats/{a['chat_id']}", a))["head"]
    feed_b = f"/customer/chats/{b['chat_id']}/changes"
    tampered = head_a[:5] + ("A" if head_a[5] != "A" else "B") + head_a[6:]
    for bad in (head_a, tampered, "0", "12345", head_a + "A", "?" * CURSOR_LENGTH):
        for url, chat, key in (
            (feed_b, b, "since"),
            (f"/customer/chats/{a['chat_id']}/changes", a, "since"),
            (f"/customer/chats/{b['chat_id']}/messages", b, "before"),
        ):
            if bad == head_a and chat is a:
                continue  # a's own cursor, for a: fine
            r = await client.get(url, headers=_bearer(chat), params={key: bad})
            assert r.status_code == 400, (bad, url, r.text)
            assert r.json()["error"]["code"] == "bad_request"
    ok = await client.get(
        f"/customer/chats/{a['chat_id']}/changes", headers=_bearer(a), params={"since": head_a}
    )
    assert ok.status_code == 200 and ok.json()["changes"] == []


async def test_a_pruned_cursor_resyncs_from_the_chat(
    client: httpx.AsyncClient, world: World, db: Database
) -> None:
    mine = await start_chat(client, world, text="hello")
    base = f"/customer/chats/{mine['chat_id']}"
    old = (await _get(client, base, mine))["head"]
    ana = Pusher(client, await login(client, "ana"))
    await ana.do("send_message", chat_id=mine["chat_id"], message_id=uuid.uuid4(), blocks=text("x"))
    async with db.write() as conn:
        last = await conn.scalar(select(m.Workspace.last_seq))
        await conn.execute(update(m.Workspace).values(pruned_seq=last))
    r = await client.get(f"{base}/changes", headers=_bearer(mine), params={"since": old})
    assert r.status_code == 410 and r.json()["error"]["code"] == "resync_required"
    restart = r.json()["error"]["current"]["head"]
    assert len(restart) == CURSOR_LENGTH and restart != old
    assert str(last) not in r.text.replace(restart, ""), "the error names no seq"
    reloaded = await _get(client, base, mine)
    assert reloaded["head"] == restart
    assert [x["blocks"][0]["text"] for x in reloaded["messages"]] == ["hello", "x"]
    page = await _get(client, f"{base}/changes", mine, since=restart)
    assert page["changes"] == [] and not page["more"] and page["to"] == restart


def test_cursors_round_trip_and_bind_their_chat() -> None:
    cursors = Cursors(b"k" * 32)
    a, b = uuid.uuid4(), uuid.uuid4()
    for seq in (0, 1, 2, 1000, 2**32, 2**62):
        c = cursors.seal(a, seq)
        assert len(c) == CURSOR_LENGTH and cursors.open(a, c) == seq
        with pytest.raises(ServiceError):
            cursors.open(b, c)
    assert cursors.seal(a, 5) != cursors.seal(b, 5)
    assert Cursors(b"j" * 32).seal(a, 5) != cursors.seal(a, 5), "the secret matters"
    # every single-character change of a cursor is refused
    c = cursors.seal(a, 7)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for i in range(len(c)):
        for ch in alphabet:
            if ch != c[i]:
                with pytest.raises(ServiceError):
                    cursors.open(a, c[:i] + ch + c[i + 1 :])


def test_the_cursor_key_is_made_once_per_deployment(tmp_path: Path) -> None:
    path = tmp_path / "data" / "cursor.key"
    key = load_or_create_key(path)
    assert len(key) == 32 and load_or_create_key(path) == key
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert list(path.parent.iterdir()) == [path], "no temporary file left"
    db = f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"
    assert Settings(database_url=db, cursor_secret=None).cursor_key() == load_or_create_key(
        tmp_path / "x-cursor.key"
    )
    named = Settings(database_url=db, cursor_secret="from the environment").cursor_key()
    assert len(named) == 32 and named != key
