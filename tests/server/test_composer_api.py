"""Through the API: the composer's server side. Macros kept by managers with the
permission (M3, O4), mentions that notify (M2), link buttons and forms the customer
side receives and answers, answers written to the customer's profile (M5, M6)."""

# covers: M2, M3, M5, M6, O4

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import insert

from server.db import models as m
from server.db.database import Database
from tests.support.pusher import Pusher
from tests.support.world import World, login, start_chat


async def changes(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    r = await client.get("/sync/changes?since=0&limit=1000", headers=headers)
    assert r.status_code == 200, r.text
    return list(r.json()["changes"])


async def grant_macros(client: httpx.AsyncClient, world: World, headers: dict[str, str]) -> None:
    r = await client.patch(
        f"/managers/{world.managers['owner']}",
        json={"permissions": ["delete_chats", "manage_macros"]},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    assert "manage_macros" in r.json()["permissions"]


async def test_macros_need_the_permission_and_reach_every_app(
    client: httpx.AsyncClient, world: World
) -> None:
    owner, ana = await login(client, "owner"), await login(client, "ana")
    body = {"name": "인사", "body": "안녕하세요 {customer.name}님, {manager.name}입니다."}
    # without the permission: refused with a clear code, for the owner too
    for headers in (owner, ana):
        r = await client.post("/macros", json=body, headers=headers)
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "permission_required"
    await grant_macros(client, world, owner)
    r = await client.post("/macros", json=body, headers=owner)
    assert r.status_code == 201, r.text
    macro = r.json()
    assert macro["name"] == "인사" and "{customer.name}" in macro["body"]
    # another manager's app sees it in the change log, then the change, then its end
    seen = [c for c in await changes(client, ana) if c["entity"] == "macro"]
    assert seen[-1]["data"] == macro
    r = await client.put(
        f"/macros/{macro['id']}", json={"name": "인사", "body": "반갑습니다"}, headers=owner
    )
    assert r.status_code == 200 and r.json()["body"] == "반갑습니다"
    r = await client.put(f"/macros/{macro['id']}", json=body, headers=ana)
    assert r.status_code == 403
    r = await client.delete(f"/macros/{macro['id']}", headers=ana)
    assert r.status_code == 403
    r = await client.delete(f"/macros/{macro['id']}", headers=owner)
    assert r.status_code == 204
    last = [c for c in await changes(client, ana) if c["entity"] == "macro"][-1]
    assert last["op"] == "delete" and last["id"] == macro["id"]
    r = await client.delete(f"/macros/{macro['id']}", headers=owner)
    assert r.status_code == 404
    r = await client.post("/macros", json={"name": " ", "body": "x"}, headers=owner)
    assert r.status_code == 422


async def test_a_mention_notifies_that_manager_and_a_team_its_members(
    client: httpx.AsyncClient, world: World
) -> None:
    owner = Pusher(client, await login(client, "owner"))
    ana, ben = await login(client, "ana"), await login(client, "ben")
    chat = await start_chat(client, world)
    result = await owner.do(
        "send_message",
        chat_id=chat["chat_id"],
        message_id=str(uuid.uuid4()),
        kind="note",
        blocks=[{"type": "text", "text": "@Ana 이것 좀 봐주세요"}],
        mentions={"manager_ids": [str(world.managers["ana"])]},
    )
    assert result["status"] == "applied", result
    ana_notes = [c["data"] for c in await changes(client, ana) if c["entity"] == "notification"]
    assert [n["reason"] for n in ana_notes if n["chat_id"] == chat["chat_id"]] == ["mention"]
    ben_notes = [c["data"] for c in await changes(client, ben) if c["entity"] == "notification"]
    assert not [n for n in ben_notes if n.get("reason") == "mention"]
    result = await owner.do(
        "send_message",
        chat_id=chat["chat_id"],
        message_id=str(uuid.uuid4()),
        kind="note",
        blocks=[{"type": "text", "text": "@Support 도와주세요"}],
        mentions={"team_ids": [str(world.teams["support"])]},
    )
    assert result["status"] == "applied", result
    ben_notes = [c["data"] for c in await changes(client, ben) if c["entity"] == "notification"]
    assert [n["reason"] for n in ben_notes if n["chat_id"] == chat["chat_id"]] == ["mention"]


@pytest.fixture
async def fields(db: Database, world: World) -> None:
    async with db.write() as conn:
        await conn.execute(
            insert(m.CustomerField),
            [
                {
                    "workspace_id": world.workspace_id,
                    "key": "email",
                    "label": "Email",
                    "type": "string",
                },
                {
                    "workspace_id": world.workspace_id,
                    "key": "age",
                    "label": "Age",
                    "type": "number",
                },
            ],
        )


FORM = {
    "type": "form",
    "fields": [
        {"key": "email", "label": "이메일", "type": "string", "profile_key": "email"},
        {"key": "age", "label": "나이", "type": "number", "profile_key": "age"},
        {"key": "agree", "label": "동의", "type": "boolean"},
    ],
}


async def test_buttons_and_forms_reach_the_customer_and_answers_fill_the_profile(
    client: httpx.AsyncClient, world: World, fields: None
) -> None:
    owner = Pusher(client, await login(client, "owner"))
    chat = await start_chat(client, world)
    customer = {"Authorization": f"Bearer {chat['token']}"}
    button = {
        "type": "button",
        "text": "주문 조회",
        "url": "https://shop.example/orders",
        "color": "#12a150",
    }
    form_id = str(uuid.uuid4())
    for mid, block in ((str(uuid.uuid4()), button), (form_id, FORM)):
        result = await owner.do(
            "send_message", chat_id=chat["chat_id"], message_id=mid, blocks=[block]
        )
        assert result["status"] == "applied", result
    r = await client.get(f"/customer/chats/{chat['chat_id']}", headers=customer)
    shown = [b for msg in r.json()["messages"] for b in msg["blocks"]]
    assert {**button, "url": "https://shop.example/orders"} in shown
    assert any(b["type"] == "form" and b["answers"] is None for b in shown)

    url = f"/customer/chats/{chat['chat_id']}/messages/{form_id}/answers"
    r = await client.post(url, json={"answers": {"email": "a@b.kr", "age": "열"}}, headers=customer)
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_value", r.text
    r = await client.post(
        url, json={"answers": {"email": "a@b.kr", "age": 31, "agree": True}}, headers=customer
    )
    assert r.status_code == 200, r.text
    [block] = r.json()["blocks"]
    assert block["answers"] == {"email": "a@b.kr", "age": 31, "agree": True}
    # once: a second answer is refused and says what was kept
    r = await client.post(
        url, json={"answers": {"email": "x@y.kr", "age": 1, "agree": False}}, headers=customer
    )
    assert r.status_code == 409 and r.json()["error"]["current"]["email"] == "a@b.kr"
    # the agents' apps see the answered form and the customer's profile
    log = await changes(client, owner.headers)
    msg = [c for c in log if c["entity"] == "message" and c["id"] == form_id][-1]
    assert msg["data"]["blocks"][0]["answers"]["age"] == 31
    cust = [c for c in log if c["entity"] == "customer" and c["id"] == chat["customer_id"]][-1]
    assert cust["data"]["profile"]["email"] == "a@b.kr" and cust["data"]["profile"]["age"] == 31
    # another chat's token cannot answer it
    other = await start_chat(client, world)
    r = await client.post(
        f"/customer/chats/{other['chat_id']}/messages/{form_id}/answers",
        json={"answers": {"email": "a@b.kr", "age": 3, "agree": True}},
        headers={"Authorization": f"Bearer {other['token']}"},
    )
    assert r.status_code == 404
