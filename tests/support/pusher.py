"""A test client for /sync/push that numbers its mutations like the desktop outbox."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx


@dataclass
class Pusher:
    client: httpx.AsyncClient
    headers: dict[str, str]
    client_id: uuid.UUID = field(default_factory=uuid.uuid4)
    next_id: int = 1

    def mutation(self, name: str, **args: Any) -> dict[str, Any]:
        mut = {"mutation_id": self.next_id, "name": name, "args": _jsonable(args)}
        self.next_id += 1
        return mut

    async def send(self, *mutations: dict[str, Any]) -> httpx.Response:
        return await self.client.post(
            "/sync/push",
            headers=self.headers,
            json={"client_id": str(self.client_id), "mutations": list(mutations)},
        )

    async def do(self, name: str, **args: Any) -> dict[str, Any]:
        """Push one mutation and return its result."""
        r = await self.send(self.mutation(name, **args))
        assert r.status_code == 200, r.text
        [result] = r.json()["results"]
        return dict(result)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def text(t: str) -> list[dict[str, str]]:
    return [{"type": "text", "text": t}]
