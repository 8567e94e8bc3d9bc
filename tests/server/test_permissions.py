"""The server enforces every permission; each refusal is a 403 naming its rule."""

# covers: O1, O2, O3, O4, P8

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from server.db.types import utcnow
from tests.support.pusher import Pusher
from tests.support.world import World, login, start_chat


@pytest.fixture
async def people(client: httpx.AsyncClient, world: World) -> dict[str, Pusher]:
    return {n: Pusher(client, await login(client, n)) for n in ("owner", "ana", "ben")}


async def patch(
    client: httpx.AsyncClient, p: Pusher, manager_id: Any, **body: Any
) -> httpx.Response:
    return await client.patch(f"/managers/{manager_id}", headers=p.headers, json=body)


async def test_only_seat_on_managers_can_be_assigned(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana = people["ana"]
    assert (
        await patch(client, people["ben"], world.managers["ben"], operator_seat=False)
    ).status_code == 200
    chat = (await start_chat(client, world))["chat_id"]
    res = await ana.do(
        "assign", chat_id=chat, assignee_id=world.managers["ben"], expected_assignee_id=None
    )
    assert res["status"] == "refused"
    assert res["error"]["code"] == "assignee_seat_off"
    assert "Ben" in res["error"]["message"]


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("set_state", {"state": "closed", "expected_state": "open"}),
        ("set_state", {"state": "snoozed", "expected_state": "open", "snooze_until": "FUTURE"}),
        ("add_tag", {"tag": "VIP"}),
        ("remove_tag", {"tag": "VIP"}),
        ("set_description", {"description": "#refund"}),
    ],
)
async def test_state_tags_description_need_my_seat(
    client: httpx.AsyncClient,
    world: World,
    people: dict[str, Pusher],
    name: str,
    args: dict[str, Any],
) -> None:
    ana = people["ana"]
    chat = (await start_chat(client, world))["chat_id"]
    if args.get("snooze_until") == "FUTURE":
        args = {**args, "snooze_until": (utcnow() + timedelta(days=1)).isoformat()}
    assert (await patch(client, ana, world.managers["ana"], operator_seat=False)).status_code == 200
    res = await ana.do(name, chat_id=chat, **args)
    assert res["status"] == "refused"
    assert res["error"]["code"] == "operator_seat_required"
    # star needs no seat (H1), and with the seat back on the change goes through
    assert (await ana.do("star", chat_id=chat))["status"] == "applied"
    assert (await patch(client, ana, world.managers["ana"], operator_seat=True)).status_code == 200
    assert (await ana.do(name, chat_id=chat, **args))["status"] == "applied"


async def test_seat_is_switched_by_oneself_or_an_admin(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana, ben, owner = people["ana"], people["ben"], people["owner"]
    r = await patch(client, ana, world.managers["ben"], operator_seat=False)
    assert r.status_code == 403 and r.json()["error"]["code"] == "admin_required"
    r = await patch(client, owner, world.managers["ben"], operator_seat=False)
    assert r.status_code == 200 and r.json()["operator_seat"] is False
    r = await patch(client, ben, world.managers["ben"], operator_seat=True)
    assert r.status_code == 200 and r.json()["operator_seat"] is True
    # the change reaches every desktop through the feed
    changes = (await client.get("/sync/changes?since=0", headers=ana.headers)).json()["changes"]
    last = [
        c["data"]
        for c in changes
        if c["entity"] == "manager" and c["id"] == str(world.managers["ben"])
    ][-1]
    assert last["operator_seat"] is True


async def test_permissions_are_granted_by_admins_only(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana, owner = people["ana"], people["owner"]
    r = await patch(client, ana, world.managers["ana"], permissions=["delete_chats"])
    assert r.status_code == 403 and r.json()["error"]["code"] == "admin_required"
    r = await patch(client, owner, world.managers["ana"], permissions=["delete_chats"])
    assert r.status_code == 200 and r.json()["permissions"] == ["delete_chats"]
    r = await patch(client, owner, world.managers["ana"], permissions=["launch_rockets"])
    assert r.status_code == 422


async def test_settings_are_validated(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher]
) -> None:
    ana = people["ana"]
    r = await patch(client, ana, world.managers["ana"], max_auto_assign=-1)
    assert r.status_code == 422
    r = await patch(client, ana, world.managers["ana"], operator_seat=None)
    assert r.status_code == 200 and r.json()["operator_seat"] is True, "null leaves it as it is"
    r = await client.patch(f"/managers/{world.managers['ana']}", json={"available": False})
    assert r.status_code == 401
