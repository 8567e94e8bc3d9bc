"""Search (L5), every chat id of a section (L2's "all N chats"), mark unread (S3) and a
bulk close of 300 chats with one refusal (L2)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from protocol.kinds import Role
from server import admin
from server.db.database import Database
from tests.support.pusher import Pusher
from tests.support.world import _HASH, World, login, start_chat


@pytest.fixture
async def people(client: httpx.AsyncClient, world: World) -> dict[str, Pusher]:
    return {n: Pusher(client, await login(client, n)) for n in ("owner", "ana")}


async def search(client: httpx.AsyncClient, p: Pusher, q: str, **params: Any) -> dict[str, Any]:
    r = await client.get("/search", headers=p.headers, params={"q": q, **params})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def hit_ids(page: dict[str, Any]) -> list[str]:
    return [h["chat"]["id"] for h in page["hits"]]


async def other_workspace_chat(client: httpx.AsyncClient, db: Database, text: str) -> Pusher:
    """A second workspace with a manager and one chat saying `text`."""
    ws = await admin.create_workspace(db, "Other Co")
    await admin.create_manager(
        db, ws, email="eve@other.test", name="Eve", password_hash=_HASH, role=Role.OWNER
    )
    r = await client.post("/customer/chats", json={"workspace_id": str(ws), "text": text})
    assert r.status_code == 201, r.text
    from tests.support.world import PASSWORD

    r = await client.post("/auth/login", json={"email": "eve@other.test", "password": PASSWORD})
    return Pusher(client, {"Authorization": f"Bearer {r.json()['token']}"})


async def test_search_finds_korean_substrings_names_and_tags(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher], db: Database
) -> None:
    # covers: L5
    ana = people["ana"]
    parcel = (await start_chat(client, world, "배송조회 부탁드립니다", name="홍길동"))["chat_id"]
    alex = (await start_chat(client, world, "hello there", name="Alexandra Kim"))["chat_id"]
    tagged = (await start_chat(client, world, "다른 문의", name="이몽룡"))["chat_id"]
    res = await ana.do("add_tag", chat_id=tagged, tag="환불요청")
    assert res["status"] == "applied", res
    eve = await other_workspace_chat(client, db, "배송조회 다른 회사")

    page = await search(client, ana, "배송")  # 2 characters: the bounded scan
    assert hit_ids(page) == [parcel], "'배송' finds '배송조회', not another workspace's"
    [match] = page["hits"][0]["matches"]
    assert match["field"] == "message" and match["text"] == "배송조회 부탁드립니다"
    assert match["spans"] == [[0, 2]] and match["message_id"]
    assert hit_ids(await search(client, ana, "배송조회")) == [parcel], "3+: the trigram index"
    assert hit_ids(await search(client, ana, "회 부탁")) == [parcel], "across a space"

    page = await search(client, ana, "XANDR")
    assert hit_ids(page) == [alex], "part of a name, any case"
    assert page["hits"][0]["matches"][0] == {
        "field": "name",
        "text": "Alexandra Kim",
        "spans": [[3, 8]],
        "message_id": None,
    }
    page = await search(client, ana, "환불")
    assert hit_ids(page) == [tagged] and page["hits"][0]["matches"][0]["field"] == "tag"
    assert hit_ids(await search(client, ana, "길동")) == [parcel]
    assert hit_ids(await search(client, ana, "100%")) == [], "LIKE wildcards are literal"
    assert hit_ids(await search(client, ana, "없는말")) == []

    theirs = await search(client, eve, "배송")
    assert len(theirs["hits"]) == 1 and theirs["hits"][0]["chat"]["id"] != parcel

    res = await ana.do("set_state", chat_id=parcel, state="closed", expected_state="open")
    assert res["status"] == "applied", res
    assert hit_ids(await search(client, ana, "배송", state="open")) == []
    assert hit_ids(await search(client, ana, "배송", state="closed")) == [parcel]
    assert hit_ids(await search(client, ana, "Kim", section="unassigned")) == [alex]
    assert hit_ids(await search(client, ana, "Kim", section="mine")) == []
    for bad in (
        {"q": " "},
        {"q": "x", "cursor": "!!"},
        {"q": "x", "state": "gone"},
        {"q": "a\x00b"},
        {"q": "x" * 201},
    ):
        r = await client.get("/search", headers=ana.headers, params=bad)
        assert r.status_code in (400, 422), (bad, r.text)


async def test_search_pages_newest_first(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    # covers: L5, L1
    ana = people["ana"]
    made = [(await start_chat(client, world, f"페이지 테스트 {i}"))["chat_id"] for i in range(5)]
    seen: list[str] = []
    cursor = None
    for expected in (2, 2, 1):
        page = await search(
            client, ana, "페이지 테스트", limit=2, **({"cursor": cursor} if cursor else {})
        )
        assert len(page["hits"]) == expected
        seen += hit_ids(page)
        cursor = page["next_cursor"]
    assert cursor is None
    assert seen == made[::-1], "every chat once, newest first"


async def test_ids_of_a_section(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    # covers: L2
    ana = people["ana"]
    made = [(await start_chat(client, world))["chat_id"] for _ in range(3)]
    res = await ana.do(
        "assign", chat_id=made[0], assignee_id=world.managers["ana"], expected_assignee_id=None
    )
    assert res["status"] == "applied"
    r = await client.get("/inbox/ids?section=unassigned&state=open", headers=ana.headers)
    assert r.json() == {"ids": made[:0:-1], "total": 2, "truncated": False}
    r = await client.get("/inbox/ids?section=mine", headers=ana.headers)
    assert r.json()["ids"] == [made[0]]
    r = await client.get("/inbox/ids?section=nope", headers=ana.headers)
    assert r.status_code == 400


async def test_mark_unread_until_read(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    # covers: S3
    ana = people["ana"]
    chat = (await start_chat(client, world))["chat_id"]
    assert (await ana.do("mark_read", chat_id=chat))["status"] == "applied"

    async def unread() -> tuple[int, list[str]]:
        side = (await client.get("/inbox/sidebar", headers=ana.headers)).json()
        page = (await client.get("/inbox/sections/unread", headers=ana.headers)).json()
        return side["unread"], [c["id"] for c in page["chats"]]

    assert await unread() == (0, [])
    head = (await client.get("/sync/changes?since=0&limit=1", headers=ana.headers)).json()["head"]
    assert (await ana.do("mark_unread", chat_id=chat))["status"] == "applied"
    assert await unread() == (1, [chat])
    r = await client.get(f"/sync/changes?since={head}", headers=ana.headers)
    [state] = [c["data"] for c in r.json()["changes"] if c["entity"] == "chat_state"]
    assert state["unread_count"] == 1, "the badge shows at least 1, through the log"
    assert (await ana.do("mark_read", chat_id=chat))["status"] == "applied"
    assert await unread() == (0, [])
    res = await ana.do("mark_unread", chat_id=str(uuid.uuid4()))
    assert res["status"] == "refused" and res["error"]["code"] == "not_found"


async def test_bulk_close_of_300_reports_the_one_refused(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher], db: Database
) -> None:
    # covers: L2
    ana = people["ana"]
    chats = [(await start_chat(client, world, f"문의 {i}"))["chat_id"] for i in range(299)]
    eve = await other_workspace_chat(client, db, "not yours")
    [foreign] = (await client.get("/inbox/ids?section=all", headers=eve.headers)).json()["ids"]
    body = {"chat_ids": [*chats[:150], foreign, *chats[150:]]}
    r = await client.post(
        "/chats/bulk",
        headers=ana.headers,
        json={**body, "action": {"name": "set_state", "args": {"state": "closed"}}},
    )
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert len(results) == 300 and [x["chat_id"] for x in results] == body["chat_ids"]
    refused = [x for x in results if x["status"] == "refused"]
    assert [x["chat_id"] for x in refused] == [foreign]
    assert refused[0]["error"]["code"] == "not_found" and refused[0]["error"]["message"]
    side = (await client.get("/inbox/sidebar?state=closed", headers=ana.headers)).json()
    assert side["all"] == 299
    theirs = (await client.get(f"/chats/{foreign}", headers=eve.headers)).json()
    assert theirs["state"] == "open", "the other workspace's chat is untouched"
