"""Property-based requests from our own /openapi.json against a real server: no 5xx.

A bounded number of examples per operation keeps this to seconds. It runs as the owner
(a real token) so it reaches past authentication into every handler.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from server.db.database import Database
from tests.support.live import LiveServer
from tests.support.world import PASSWORD, World, make_world


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, dict[str, str]]]:
    from tests.support.databases import SqliteTemplates

    url = SqliteTemplates(tmp_path_factory.mktemp("schemathesis")).new_database()

    async def setup() -> World:
        db = Database(url)
        try:
            return await make_world(db)
        finally:
            await db.dispose()

    world = asyncio.run(setup())
    server = LiveServer(url, log_path=tmp_path_factory.mktemp("log") / "server.log").start()
    token = httpx.post(
        server.url + "/auth/login", json={"email": World.email("owner"), "password": PASSWORD}
    ).json()["token"]
    # one real chat, so customer endpoints have something to find
    httpx.post(
        server.url + "/customer/chats", json={"workspace_id": str(world.workspace_id), "text": "hi"}
    )
    yield server, {"Authorization": f"Bearer {token}"}
    server.stop()
    assert "Traceback" not in (server.log_path.read_text() if server.log_path else "")


def test_no_server_errors(live: tuple[LiveServer, dict[str, str]]) -> None:
    # schemathesis' own pytest plugin does not load on pytest 9 yet: drive hypothesis here.
    server, headers = live
    api = schemathesis.openapi.from_url(server.url + "/openapi.json")
    tried: list[str] = []
    for result in api.get_all_operations():
        operation = result.ok()
        if operation.path == "/auth/logout":
            continue  # would revoke the token the other cases use; covered in test_auth
        tried.append(f"{operation.method.upper()} {operation.path}")

        @given(case=operation.as_strategy())
        @settings(
            max_examples=40,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: Any) -> None:
            response = case.call(base_url=server.url, headers=headers)
            case.validate_response(response, checks=[not_a_server_error])
            assert response.status_code < 500, (case.method, case.path, response.text)
            ctype = str(response.headers.get("content-type", [""])[0])
            if response.status_code >= 400 and ctype.startswith("application/json"):
                assert "error" in response.json(), "every error has our error body"

        run()
    assert len(tried) >= 10, tried
