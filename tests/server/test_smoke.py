"""The happy path end to end on both databases: a customer writes, a manager answers;
and an internal note over a real server process: every manager of the workspace reads
it, the assignee and followers are told, the customer never sees it."""

# covers: C1

import uuid
from typing import Any

import httpx

from server.db.database import Database
from tests.support.pusher import Pusher, text
from tests.support.world import World, login, make_world, start_chat


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


async def _feed(http: httpx.AsyncClient, headers: dict[str, str], url: str) -> list[Any]:
    out: list[Any] = []
    # the first page: from the start (a customer's cursors are opaque: no `since` at all)
    since: Any = None if url.startswith("/customer/") else 0
    while True:
        params = {} if since is None else {"since": since}
        r = await http.get(url, params=params, headers=headers)
        assert r.status_code == 200, r.text
        page = r.json()
        out += page["changes"]
        if not page["more"]:
            return out
        since = page["to"]


async def test_an_internal_note_is_for_the_managers_and_never_the_customer(
    db_url: str, live_server: Any
) -> None:
    db = Database(db_url)
    try:
        world = await make_world(db, ("owner", "ana", "ben", "cho"))
        await make_world(db, ("zoe",))  # a manager of another workspace
    finally:
        await db.dispose()
    server = live_server(db_url)
    secret = "내부 메모: 환불 승인됨, 고객에게는 내일 안내"
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        chat = await start_chat(http, world, text="환불 문의드려요")
        cid = chat["chat_id"]
        who = {n: Pusher(http, await login(http, n)) for n in ("owner", "ana", "ben", "cho", "zoe")}
        owner = who["owner"]
        ana_id, ben_id = world.managers["ana"], world.managers["ben"]
        assert (
            await owner.do("assign", chat_id=cid, assignee_id=ana_id, expected_assignee_id=None)
        )["status"] == "applied"
        assert (await owner.do("follow", chat_id=cid, manager_id=ben_id))["status"] == "applied"
        note_id = uuid.uuid4()
        done = await owner.do(
            "send_message", chat_id=cid, message_id=note_id, kind="note", blocks=text(secret)
        )
        assert done["status"] == "applied", done
        reply = await owner.do(
            "send_message", chat_id=cid, message_id=uuid.uuid4(), blocks=text("확인 중입니다")
        )
        assert reply["status"] == "applied", reply

        # Every manager who can open the chat reads the note, marked as a note.
        for name in ("owner", "ana", "ben", "cho"):
            r = await http.get(f"/chats/{cid}/messages", headers=who[name].headers)
            assert r.status_code == 200, r.text
            notes = [m for m in r.json()["messages"] if m["id"] == str(note_id)]
            assert [(m["kind"], m["blocks"][0]["text"]) for m in notes] == [("note", secret)], name
            feed = await _feed(http, who[name].headers, "/sync/changes")
            assert str(note_id) in {c["id"] for c in feed if c["entity"] == "message"}, name
        # A manager of another workspace cannot open the chat, nor read the note.
        other = await http.get(f"/chats/{cid}/messages", headers=who["zoe"].headers)
        assert other.status_code in (403, 404) and secret not in other.text
        assert secret not in str(await _feed(http, who["zoe"].headers, "/sync/changes"))

        # It tells the assignee and the followers (not its author, not the others).
        told: dict[str, list[tuple[str, bool]]] = {}
        for name in ("owner", "ana", "ben", "cho"):
            feed = await _feed(http, who[name].headers, "/sync/changes")
            told[name] = [
                (n["data"]["reason"], n["data"]["internal"])
                for n in feed
                if n["entity"] == "notification" and n["data"]["message_id"] == str(note_id)
            ]
        assert told == {
            "owner": [],
            "ana": [("message", True)],
            "ben": [("message", True)],
            "cho": [],
        }

        # The customer never sees it: not in the chat, its pages, nor its feed.
        cust = {"Authorization": f"Bearer {chat['token']}"}
        for url in (f"/customer/chats/{cid}", f"/customer/chats/{cid}/messages"):
            r = await http.get(url, headers=cust)
            assert r.status_code == 200, r.text
            assert [m["blocks"][0]["text"] for m in r.json()["messages"]] == [
                "환불 문의드려요",
                "확인 중입니다",
            ]
            assert secret not in r.text and str(note_id) not in r.text
        changes = await _feed(http, cust, f"/customer/chats/{cid}/changes")
        assert [c["data"]["blocks"][0]["text"] for c in changes] == [
            "환불 문의드려요",
            "확인 중입니다",
        ]
        assert secret not in str(changes)
