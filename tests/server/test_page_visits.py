"""Page visits (P5, U2): the website's snippet records them with the chat's customer
token; each reaches managers through the change log, and the bootstrap sends each
cached customer's newest ones. A token opens its own chat only."""

# covers: P5

from __future__ import annotations

import json
from typing import Any

import httpx

from server.auth.service import Principal
from server.services import Services
from server.sync import bootstrap
from tests.support.world import World, login, start_chat


async def test_visits_reach_the_log_and_the_bootstrap_and_stay_in_their_chat(
    services: Services, client: httpx.AsyncClient, world: World
) -> None:
    headers = await login(client, "ana")
    since = (await client.get("/sync/changes?since=0&limit=1", headers=headers)).json()["head"]
    chat = await start_chat(client, world, page_url="https://shop.example/pricing")
    other = await start_chat(client, world)
    bearer = {"Authorization": f"Bearer {chat['token']}"}
    for i in range(bootstrap.VISITS_PER_CUSTOMER + 2):
        r = await client.post(
            f"/customer/chats/{chat['chat_id']}/visits",
            json={"url": f"https://shop.example/p/{i}", "title": f"Page <{i}>"},
            headers=bearer,
        )
        assert r.status_code == 201, r.text
        assert r.json()["customer_id"] == chat["customer_id"]
    # another chat's token cannot speak for this one
    r = await client.post(
        f"/customer/chats/{chat['chat_id']}/visits",
        json={"url": "https://evil.example/"},
        headers={"Authorization": f"Bearer {other['token']}"},
    )
    assert r.status_code in (401, 403, 404), r.text

    page = (await client.get(f"/sync/changes?since={since}&limit=500", headers=headers)).json()
    visits = [c for c in page["changes"] if c["entity"] == "page_visit"]
    assert len(visits) == bootstrap.VISITS_PER_CUSTOMER + 2
    assert visits[-1]["data"]["title"] == f"Page <{bootstrap.VISITS_PER_CUSTOMER + 1}>"

    me = await services.auth.authenticate(headers["Authorization"].removeprefix("Bearer "))
    assert isinstance(me, Principal)
    lines = [json.loads(x) async for x in bootstrap.stream(services.db, me, page_size=10)]
    sent: list[dict[str, Any]] = [v for x in lines if x["type"] == "chats" for v in x["visits"]]
    mine = [v for v in sent if v["customer_id"] == chat["customer_id"]]
    assert len(mine) == bootstrap.VISITS_PER_CUSTOMER  # the newest only
    urls = {v["url"] for v in mine}
    assert "https://shop.example/p/0" not in urls and "https://shop.example/p/1" not in urls
    assert f"https://shop.example/p/{bootstrap.VISITS_PER_CUSTOMER + 1}" in urls
