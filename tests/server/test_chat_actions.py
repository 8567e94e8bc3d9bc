"""Links (H4), permanent delete (H5), bulk actions (L2), description hashtags (P3)."""

# covers: H4, H5, L2, P3, P2

from __future__ import annotations

import html
import re
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from desktop.links import parse as links_parse
from server.db import models as m
from server.db.database import Database
from tests.support.pusher import Pusher, text
from tests.support.world import World, login, start_chat


@pytest.fixture
async def people(client: httpx.AsyncClient, world: World) -> dict[str, Pusher]:
    return {n: Pusher(client, await login(client, n)) for n in ("owner", "ana", "ben")}


async def changes(client: httpx.AsyncClient, p: Pusher, since: int = 0) -> dict[str, Any]:
    return dict(
        (await client.get(f"/sync/changes?since={since}&limit=1000", headers=p.headers)).json()
    )


async def test_manager_link_opens_the_app(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana = people["ana"]
    chat = (await start_chat(client, world))["chat_id"]
    links = (await client.get(f"/chats/{chat}/links", headers=ana.headers)).json()
    assert links["manager_url"].startswith("http") and links["manager_url"].endswith(
        f"/m/chats/{chat}"
    )
    assert links["app_url"].startswith(f"sangdam://chat/{chat}?server=")
    # The desktop app reads both links the same way: this chat, on this server.
    app_link = links_parse(links["app_url"])
    assert app_link.chat_id == chat and app_link.server == "http://sangdam.test"
    assert app_link.workspace == str(world.workspace_id)
    page = await client.get(links["manager_url"].split("sangdam.test", 1)[1])
    assert page.status_code == 200 and f"sangdam://chat/{chat}" in page.text
    href = re.search(r'href="(sangdam://[^"]+)"', page.text)
    assert href is not None
    from_page = links_parse(html.unescape(href.group(1)))
    assert (from_page.chat_id, from_page.server) == (chat, "http://sangdam.test")
    assert "안녕하세요" not in page.text, "the page itself shows nothing of the chat"
    assert (await client.get(f"/chats/{chat}/links")).status_code == 401
    assert (
        await client.get(f"/chats/{uuid.uuid4()}/links", headers=ana.headers)
    ).status_code == 404


async def test_customer_link_is_for_that_chat_and_revocable(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana = people["ana"]
    chat = await start_chat(client, world)
    cid = chat["chat_id"]
    link = (await client.post(f"/chats/{cid}/customer-link", headers=ana.headers)).json()
    assert link["url"].endswith(link["token"]) and link["token"].startswith("sdc_")
    fresh = {"Authorization": f"Bearer {link['token']}"}
    assert (await client.get(f"/customer/chats/{cid}", headers=fresh)).status_code == 200
    old = {"Authorization": f"Bearer {chat['token']}"}
    assert (await client.get(f"/customer/chats/{cid}", headers=old)).status_code == 401, (
        "a new link revokes the old"
    )
    other = (await start_chat(client, world))["chat_id"]
    assert (await client.get(f"/customer/chats/{other}", headers=fresh)).status_code == 403
    assert (
        await client.delete(f"/chats/{cid}/customer-link", headers=ana.headers)
    ).status_code == 204
    assert (await client.get(f"/customer/chats/{cid}", headers=fresh)).status_code == 401


async def test_permanent_delete_needs_the_permission_and_leaves_nothing(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher], db: Database
) -> None:
    ana, owner = people["ana"], people["owner"]
    chat = await start_chat(client, world, text="내 주소는 서울시 ...")
    cid = chat["chat_id"]
    await ana.do("send_message", chat_id=cid, message_id=uuid.uuid4(), blocks=text("확인했습니다"))
    await ana.do("star", chat_id=cid)
    r = await client.delete(f"/chats/{cid}", headers=ana.headers)
    assert r.status_code == 403 and r.json()["error"]["code"] == "permission_required"
    before = (await changes(client, owner))["head"]
    assert (await client.delete(f"/chats/{cid}", headers=owner.headers)).status_code == 204
    assert (await client.get(f"/chats/{cid}", headers=owner.headers)).status_code == 404
    assert (
        await client.get(
            f"/customer/chats/{cid}", headers={"Authorization": f"Bearer {chat['token']}"}
        )
    ).status_code == 401
    feed = await changes(client, ana, since=before)
    assert {"entity": "chat", "id": cid, "op": "delete", "data": None} in [
        {k: c[k] for k in ("entity", "id", "op", "data")} for c in feed["changes"]
    ]
    # nothing of its content is left anywhere, the log included (seqs stay gap-free)
    everything = await changes(client, ana)
    assert "서울시" not in str(everything) and "확인했습니다" not in str(everything)
    async with db.read() as conn:
        for table in (m.Message, m.ChatState, m.ChatTag, m.ChatFollower, m.CustomerLink):
            n = await conn.scalar(select(func.count()).select_from(table))
            assert n == 0, table.__tablename__
        seqs = (await conn.scalars(select(m.ChangeLog.seq).order_by(m.ChangeLog.seq))).all()
    assert list(seqs) == list(range(1, len(seqs) + 1))
    side = (await client.get("/inbox/sidebar", headers=ana.headers)).json()
    assert side["all"] == 0 and side["starred"] == 0
    # one chat per request: the same id again is simply gone
    assert (await client.delete(f"/chats/{cid}", headers=owner.headers)).status_code == 404


async def test_bulk_actions_report_per_chat(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana, ben = people["ana"], people["ben"]
    chats = [(await start_chat(client, world))["chat_id"] for _ in range(4)]
    await ana.do(
        "assign", chat_id=chats[0], assignee_id=world.managers["ben"], expected_assignee_id=None
    )
    missing = str(uuid.uuid4())
    r = await client.post(
        "/chats/bulk",
        headers=ana.headers,
        json={
            "chat_ids": [*chats[:3], missing],
            "action": {"name": "assign", "args": {"assignee_id": str(world.managers["ana"])}},
        },
    )
    assert r.status_code == 200, r.text
    results = {x["chat_id"]: x for x in r.json()["results"]}
    assert [results[c]["status"] for c in chats[:3]] == ["applied"] * 3, "bulk overwrites ben's"
    assert (
        results[missing]["status"] == "refused" and results[missing]["error"]["code"] == "not_found"
    )
    # every chat matching a filter (the header checkbox)
    r = await client.post(
        "/chats/bulk",
        headers=ana.headers,
        json={
            "filter": {"section": "mine"},
            "action": {"name": "set_state", "args": {"state": "closed"}},
        },
    )
    assert sorted(x["chat_id"] for x in r.json()["results"]) == sorted(chats[:3])
    side = (await client.get("/inbox/sidebar", headers=ana.headers)).json()
    assert side["all"] == 1 and side["mine"] == 0
    for name, args in (("add_tag", {"tag": "bulk"}), ("star", {}), ("mark_read", {})):
        r = await client.post(
            "/chats/bulk",
            headers=ana.headers,
            json={"chat_ids": chats, "action": {"name": name, "args": args}},
        )
        assert {x["status"] for x in r.json()["results"]} == {"applied"}, (name, r.text)
    # needs my operator seat
    await client.patch(
        f"/managers/{world.managers['ben']}", headers=ben.headers, json={"operator_seat": False}
    )
    r = await client.post(
        "/chats/bulk", headers=ben.headers, json={"chat_ids": chats, "action": {"name": "star"}}
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "operator_seat_required"
    # bad requests are clear
    r = await client.post(
        "/chats/bulk",
        headers=ana.headers,
        json={"chat_ids": chats, "filter": {"section": "all"}, "action": {"name": "star"}},
    )
    assert r.status_code == 422
    r = await client.post(
        "/chats/bulk",
        headers=ana.headers,
        json={"chat_ids": chats, "action": {"name": "send_message"}},
    )
    assert r.status_code == 422


async def test_bulk_tags_respect_the_limit(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana = people["ana"]
    full, empty = [(await start_chat(client, world))["chat_id"] for _ in range(2)]
    for i in range(8):
        await ana.do("add_tag", chat_id=full, tag=f"t{i}")
    r = await client.post(
        "/chats/bulk",
        headers=ana.headers,
        json={"chat_ids": [full, empty], "action": {"name": "add_tag", "args": {"tag": "ninth"}}},
    )
    by_chat = {x["chat_id"]: x for x in r.json()["results"]}
    assert (
        by_chat[full]["status"] == "refused" and by_chat[full]["error"]["code"] == "limit_exceeded"
    )
    assert by_chat[empty]["status"] == "applied"


async def test_description_hashtags_are_searchable(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana = people["ana"]
    a, b = [(await start_chat(client, world))["chat_id"] for _ in range(2)]
    await ana.do("set_description", chat_id=a, description="VIP 고객 #환불 요청, #Urgent")
    await ana.do("set_description", chat_id=b, description="#urgent only")
    found = (await client.get("/inbox/sections/hashtag:환불", headers=ana.headers)).json()["chats"]
    assert [c["id"] for c in found] == [a]
    found = (await client.get("/inbox/sections/hashtag:urgent", headers=ana.headers)).json()[
        "chats"
    ]
    assert sorted(c["id"] for c in found) == sorted([a, b]), "case-insensitive"
    await ana.do("set_description", chat_id=b, description="no tags now")
    found = (await client.get("/inbox/sections/hashtag:urgent", headers=ana.headers)).json()[
        "chats"
    ]
    assert [c["id"] for c in found] == [a]

    # One hashtag kept, one dropped, one added: the search follows each.
    await ana.do("set_description", chat_id=a, description="#환불 done, #배송 next")
    for tag, want in (("환불", [a]), ("urgent", []), ("배송", [a])):
        r = await client.get(f"/inbox/sections/hashtag:{tag}", headers=ana.headers)
        assert [c["id"] for c in r.json()["chats"]] == want, tag
