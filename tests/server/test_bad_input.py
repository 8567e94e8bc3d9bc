"""Bad input gets a clear 4xx error body, and the server keeps serving."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from protocol.limits import MAX_MUTATIONS_PER_PUSH, MAX_REQUEST_BYTES
from tests.support.world import World, login, start_chat


def assert_error(r: httpx.Response, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"]["code"] == code
    assert body["error"]["message"], "a clear message, not just a code"


@pytest.fixture
async def headers(client: httpx.AsyncClient, world: World) -> dict[str, str]:
    return await login(client, "ana")


async def test_malformed_json(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    for body in (b"{", b"not json", b'{"client_id": }', b"\xff\xfe"):
        r = await client.post(
            "/sync/push", content=body, headers={**headers, "Content-Type": "application/json"}
        )
        assert_error(r, 400, "bad_request")


async def test_unknown_mutation_and_wrong_types(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    cid = str(uuid.uuid4())
    r = await client.post(
        "/sync/push",
        headers=headers,
        json={
            "client_id": cid,
            "mutations": [{"mutation_id": 1, "name": "drop_tables", "args": {}}],
        },
    )
    assert_error(r, 422, "validation_error")
    assert "name" in r.json()["error"]["message"]
    for mutations in (
        [{"mutation_id": "one", "name": "star", "args": {}}],
        [{"mutation_id": 0, "name": "star", "args": {}}],
        [{"mutation_id": 1, "name": "star", "args": []}],
        "not a list",
        [{"mutation_id": 1, "name": "star", "args": {}, "extra": 1}],
    ):
        r = await client.post(
            "/sync/push", headers=headers, json={"client_id": cid, "mutations": mutations}
        )
        assert_error(r, 422, "validation_error")
        assert r.json()["error"]["fields"]
    r = await client.post("/sync/push", headers=headers, json={"client_id": "x", "mutations": []})
    assert_error(r, 422, "validation_error")


async def test_too_many_mutations_in_one_push(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    muts = [
        {"mutation_id": i + 1, "name": "star", "args": {"chat_id": str(uuid.uuid4())}}
        for i in range(MAX_MUTATIONS_PER_PUSH + 1)
    ]
    r = await client.post(
        "/sync/push", headers=headers, json={"client_id": str(uuid.uuid4()), "mutations": muts}
    )
    assert_error(r, 422, "validation_error")


async def test_oversized_bodies(
    client: httpx.AsyncClient, world: World, headers: dict[str, str]
) -> None:
    big = b'{"x": "' + b"a" * (MAX_REQUEST_BYTES + 10) + b'"}'
    r = await client.post(
        "/sync/push", content=big, headers={**headers, "Content-Type": "application/json"}
    )
    assert_error(r, 413, "body_too_large")

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it streams
        for _ in range(MAX_REQUEST_BYTES // 65536 + 2):
            yield b"a" * 65536

    r = await client.post(
        "/customer/chats", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert_error(r, 413, "body_too_large")
    # a message that is too long is a validation error with its field named
    chat = await start_chat(client, world)
    r = await client.post(
        f"/customer/chats/{chat['chat_id']}/messages",
        headers={"Authorization": f"Bearer {chat['token']}"},
        json={"id": str(uuid.uuid4()), "text": "가" * 20_001},
    )
    assert_error(r, 422, "validation_error")
    assert "text" in r.json()["error"]["message"]


async def test_html_is_stored_as_text(
    client: httpx.AsyncClient, world: World, headers: dict[str, str]
) -> None:
    html = '<script>alert(1)</script><b onclick="x()">hi</b>'
    chat = await start_chat(client, world, text=html)
    msgs = (await client.get(f"/chats/{chat['chat_id']}/messages", headers=headers)).json()[
        "messages"
    ]
    assert msgs[0]["blocks"] == [{"type": "text", "text": html}], "kept verbatim; views render text"


async def test_unknown_paths_methods_and_ids(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    assert_error(await client.get("/nope"), 404, "not_found")
    assert_error(await client.delete("/sync/push", headers=headers), 405, "method_not_allowed")
    assert_error(await client.get("/chats/not-a-uuid", headers=headers), 422, "validation_error")
    assert_error(await client.get(f"/chats/{uuid.uuid4()}", headers=headers), 404, "not_found")
    assert_error(
        await client.get("/sync/changes?since=-1", headers=headers), 422, "validation_error"
    )
    # an unknown workspace is answered as a limited one (tests/server/test_abuse.py)
    assert_error(
        await client.post("/customer/chats", json={"workspace_id": str(uuid.uuid4())}),
        429,
        "too_many_attempts",
    )


async def test_server_keeps_serving_after_bad_input(
    client: httpx.AsyncClient, world: World, headers: dict[str, str]
) -> None:
    for _ in range(3):
        await client.post(
            "/sync/push", content=b"{", headers={**headers, "Content-Type": "application/json"}
        )
    assert (await client.get("/health")).json()["status"] == "ok"
    chat = await start_chat(client, world)
    assert (await client.get(f"/chats/{chat['chat_id']}", headers=headers)).status_code == 200
