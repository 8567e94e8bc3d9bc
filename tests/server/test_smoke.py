"""The happy path end to end on both databases: a customer writes, a manager answers."""

# covers: C1

import uuid

import httpx

from tests.support.world import World, login, start_chat


async def test_customer_writes_and_manager_replies(client: httpx.AsyncClient, world: World) -> None:
    chat = await start_chat(client, world)
    me = await login(client, "ana")
    push = await client.post(
        "/sync/push",
        headers=me,
        json={
            "client_id": str(uuid.uuid4()),
            "mutations": [
                {
                    "mutation_id": 1,
                    "name": "send_message",
                    "args": {
                        "chat_id": chat["chat_id"],
                        "message_id": str(uuid.uuid4()),
                        "blocks": [{"type": "text", "text": "네, 확인해 드릴게요"}],
                    },
                }
            ],
        },
    )
    assert push.status_code == 200, push.text
    [result] = push.json()["results"]
    assert result["status"] == "applied"
    msgs = (await client.get(f"/chats/{chat['chat_id']}/messages", headers=me)).json()["messages"]
    assert [m["blocks"][0]["text"] for m in msgs] == [
        "안녕하세요, 주문 문의드려요",
        "네, 확인해 드릴게요",
    ]
    seen = await client.get(
        f"/customer/chats/{chat['chat_id']}",
        headers={"Authorization": f"Bearer {chat['token']}"},
    )
    assert [m["author_kind"] for m in seen.json()["messages"]] == ["customer", "manager"]
