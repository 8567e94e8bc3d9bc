"""A small workspace every server test can start from."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import httpx

from protocol.kinds import Permission, Role
from server import admin
from server.auth.secrets import Passwords
from server.db.database import Database

PASSWORD = "correct horse battery staple"
_passwords = Passwords(memory_kib=1024, time_cost=1)
_HASH = _passwords.hash(PASSWORD)


@dataclass
class World:
    workspace_id: uuid.UUID
    managers: dict[str, uuid.UUID] = field(default_factory=dict)  # name -> id
    teams: dict[str, uuid.UUID] = field(default_factory=dict)

    @staticmethod
    def email(name: str) -> str:
        return f"{name}@example.test"


async def make_world(db: Database, names: tuple[str, ...] = ("owner", "ana", "ben")) -> World:
    world = World(await admin.create_workspace(db, "Test Co"))
    for i, name in enumerate(names):
        world.managers[name] = await admin.create_manager(
            db,
            world.workspace_id,
            email=World.email(name),
            name=name.title(),
            password_hash=_HASH,
            role=Role.OWNER if i == 0 else Role.MANAGER,
            permissions=[Permission.DELETE_CHATS.value] if i == 0 else [],
        )
    world.teams["support"] = await admin.create_team(
        db, world.workspace_id, "Support", list(world.managers.values())[1:]
    )
    return world


async def login(client: httpx.AsyncClient, name: str) -> dict[str, str]:
    r = await client.post("/auth/login", json={"email": World.email(name), "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def _first(world: World) -> str:
    return next(iter(world.managers))


async def start_chat(
    client: httpx.AsyncClient,
    world: World,
    text: str = "안녕하세요, 주문 문의드려요",
    **extra: object,
) -> dict[str, str]:
    # A medium other than web needs a verified sender (U3): a manager's token stands in.
    headers = {} if extra.get("medium", "web") == "web" else await login(client, _first(world))
    r = await client.post(
        "/customer/chats",
        json={"workspace_id": str(world.workspace_id), "text": text, **extra},
        headers=headers,
    )
    assert r.status_code == 201, r.text
    body: dict[str, str] = r.json()
    return body
