"""Running a workspace through the API (issue 17): media with sealed secrets (S9),
the customers' profile schema (P4), the workspace's settings, macro variables (M3).
Admins and the owner only, enforced on the server (O4); every change in the change log.
"""

# covers: S9, P4, O4

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from protocol.kinds import Medium, Role
from server import admin
from server.config import MediaKeyError, Settings, new_media_key, parse_media_key
from server.db import models as m
from server.db.database import Database
from server.media.secrets import Sealer, SecretsUnreadable, open_secrets
from server.services import Services
from tests.support.pusher import Pusher
from tests.support.world import _HASH, World, login, start_chat

# Every medium with good settings and secrets; each secret is a distinct marker that
# must never come back out.
MEDIA: dict[str, tuple[dict[str, Any], dict[str, str]]] = {
    "phone": ({"number": "+8215881234"}, {"webhook_secret": "PHONE-SECRET-9f2a71c0"}),
    "email": (
        {
            "inbound_address": "help@example.test",
            "smtp_host": "smtp.example.test",
            "smtp_port": 465,
            "smtp_user": "help",
        },
        {"smtp_password": "EMAIL-SECRET-pass-4412"},
    ),
    "kakao": (
        {"channel_id": "@sangdam"},
        {"rest_api_key": "KAKAO-SECRET-rest-8812", "sender_key": "KAKAO-SECRET-sender-771"},
    ),
    "instagram": (
        {"page_id": "1234567890"},
        {
            "app_secret": "INSTA-SECRET-app-55aa",
            "page_token": "INSTA-SECRET-token-66bb",
            "verify_token": "INSTA-SECRET-verify-77cc",
        },
    ),
    "naver": ({"partner_id": "w4xyz1"}, {"authorization": "NAVER-SECRET-auth-0099"}),
    "line": (
        {"channel_id": "1650000000"},
        {
            "channel_secret": "0123456789abcdef0123456789abcdef",
            "access_token": "LINE-SECRET-token-77cc",
        },
    ),
}
SECRETS = [v for _, secrets in MEDIA.values() for v in secrets.values()]


async def make_admin(db: Database, world: World) -> None:
    """An admin (not the owner), so both admin roles are exercised."""
    world.managers["ada"] = await admin.create_manager(
        db,
        world.workspace_id,
        email=World.email("ada"),
        name="Ada",
        password_hash=_HASH,
        role=Role.ADMIN,
    )


async def change_log(db: Database, world: World) -> list[Any]:
    async with db.read() as conn:
        return list(
            await conn.execute(
                select(m.ChangeLog)
                .where(m.ChangeLog.workspace_id == world.workspace_id)
                .order_by(m.ChangeLog.seq)
            )
        )


def none_leaked(text: str) -> None:
    leaked = [s for s in SECRETS if s in text]
    assert not leaked, f"secrets leaked: {leaked}"


# ---- who may ----------------------------------------------------------------------------

ENDPOINTS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/integrations", None),
    ("PUT", "/integrations/line", {"settings": MEDIA["line"][0], "secrets": MEDIA["line"][1]}),
    ("DELETE", "/integrations/line", None),
    ("GET", "/customer-fields", None),
    ("POST", "/customer-fields", {"key": "plan", "label": "Plan"}),
    ("PATCH", "/customer-fields/plan", {"label": "Plan 2"}),
    ("DELETE", "/customer-fields/plan", None),
    ("GET", "/workspace", None),
    ("PATCH", "/workspace", {"name": "Renamed"}),
]


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
async def test_every_endpoint_refuses_a_manager_and_a_customer(
    client: httpx.AsyncClient, world: World, method: str, path: str, body: dict[str, Any] | None
) -> None:
    ana = await login(client, "ana")
    r = await client.request(method, path, json=body, headers=ana)
    assert r.status_code == 403, r.text
    assert r.json()["error"]["code"] == "admin_required"
    chat = await start_chat(client, world)
    customer = {"Authorization": f"Bearer {chat['token']}"}
    r = await client.request(method, path, json=body, headers=customer)
    assert r.status_code == 401, r.text
    r = await client.request(method, path, json=body)
    assert r.status_code == 401, r.text
    # nothing was changed by the refusals
    owner = await login(client, "owner")
    assert (await client.get("/integrations", headers=owner)).json() == []
    assert (await client.get("/customer-fields", headers=owner)).json() == []
    assert (await client.get("/workspace", headers=owner)).json()["name"] == "Test Co"


MACRO_ENDPOINTS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("POST", "/macros", {"name": "인사", "body": "안녕하세요"}),
    ("PUT", f"/macros/{uuid.uuid4()}", {"name": "인사", "body": "안녕하세요"}),
    ("DELETE", f"/macros/{uuid.uuid4()}", None),
]


@pytest.mark.parametrize(("method", "path", "body"), MACRO_ENDPOINTS)
async def test_macro_endpoints_refuse_without_the_permission_and_customers(
    client: httpx.AsyncClient, world: World, method: str, path: str, body: dict[str, Any] | None
) -> None:
    ana = await login(client, "ana")
    r = await client.request(method, path, json=body, headers=ana)
    assert r.status_code == 403 and r.json()["error"]["code"] == "permission_required"
    chat = await start_chat(client, world)
    r = await client.request(
        method, path, json=body, headers={"Authorization": f"Bearer {chat['token']}"}
    )
    assert r.status_code == 401, r.text


async def test_an_admin_runs_the_workspace_like_the_owner(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    await make_admin(db, world)
    ada = await login(client, "ada")
    r = await client.put(
        "/integrations/phone",
        json={"settings": MEDIA["phone"][0], "secrets": MEDIA["phone"][1]},
        headers=ada,
    )
    assert r.status_code == 200, r.text
    r = await client.post("/customer-fields", json={"key": "plan", "label": "Plan"}, headers=ada)
    assert r.status_code == 201, r.text
    r = await client.patch("/workspace", json={"name": "상담 주식회사"}, headers=ada)
    assert r.status_code == 200 and r.json()["name"] == "상담 주식회사"


async def test_the_manage_workspace_permission_sets_it_up_but_not_its_people(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    async with db.write() as conn:
        await conn.execute(
            update(m.Manager)
            .where(m.Manager.id == world.managers["ana"])
            .values(permissions=["manage_workspace"])
        )
    ana = await login(client, "ana")
    r = await client.patch("/workspace", json={"name": "상담 주식회사"}, headers=ana)
    assert r.status_code == 200, r.text
    r = await client.post("/customer-fields", json={"key": "plan", "label": "Plan"}, headers=ana)
    assert r.status_code == 201, r.text
    r = await client.post("/teams", json={"name": "Billing"}, headers=ana)
    assert r.status_code == 403 and r.json()["error"]["code"] == "admin_required"


# ---- media (S9) ---------------------------------------------------------------------------


async def test_connected_secrets_never_leave_the_server(
    client: httpx.AsyncClient,
    services: Services,
    db: Database,
    world: World,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    owner, ana = await login(client, "owner"), await login(client, "ana")
    answers: list[str] = []
    for medium, (settings, secrets) in MEDIA.items():
        r = await client.put(
            f"/integrations/{medium}",
            json={"settings": settings, "secrets": secrets},
            headers=owner,
        )
        assert r.status_code == 200, r.text
        answers.append(r.text)
        got = r.json()
        assert got["connected"] is True and got["medium"] == medium
        assert got["secrets_set"] == sorted(secrets)
        assert got["settings"]["channel_id" if "channel_id" in settings else next(iter(settings))]
    # listed in the sidebar's order (S9), settings shown, secrets only named
    r = await client.get("/integrations", headers=owner)
    answers.append(r.text)
    assert [i["medium"] for i in r.json()] == list(MEDIA)
    # a secret left out keeps the one held; a new name changes only the name
    r = await client.put(
        "/integrations/line",
        json={"name": "LINE @sangdam", "secrets": {"access_token": "LINE-SECRET-token-77cc"}},
        headers=owner,
    )
    assert r.status_code == 200, r.text
    answers.append(r.text)
    assert r.json()["name"] == "LINE @sangdam"
    assert r.json()["settings"] == {"channel_id": "1650000000"}
    # a refused secret is named, never echoed
    bad = "LINE-SECRET-not-hex-but-long-enough"
    r = await client.put(
        "/integrations/line", json={"secrets": {"channel_secret": bad}}, headers=owner
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error"
    assert "secrets.channel_secret" in r.json()["error"]["message"]
    assert bad not in r.text
    SECRETS.append(bad)
    # every app learns of the media live: from the feed and the bootstrap
    feed = await client.get("/sync/changes?since=0&limit=1000", headers=ana)
    boot = await client.get("/sync/bootstrap", headers=ana)
    answers += [feed.text, boot.text]
    reference = next(
        json.loads(line)
        for line in boot.text.splitlines()
        if json.loads(line).get("type") == "reference"
    )
    assert [i["medium"] for i in reference["integrations"]] == list(MEDIA)
    assert any(c["entity"] == "integration" for c in feed.json()["changes"])

    # the change log, the answers and every log line are free of them
    rows = await change_log(db, world)
    none_leaked(json.dumps([[str(v) for v in r._asdict().values()] for r in rows]))
    none_leaked("\n".join(answers))
    none_leaked(caplog.text + "".join(str(r.args) for r in caplog.records))

    # sealed at rest: not in the row in clear, opened with the key, not with another
    async with db.read() as conn:
        row = (
            await conn.execute(select(m.Integration).where(m.Integration.medium == "line"))
        ).one()
        none_leaked(repr(row._asdict()))
        opened = await open_secrets(conn, services.media.sealer, world.workspace_id, Medium.LINE)
    assert opened == MEDIA["line"][1]
    assert await services.media.secrets(world.workspace_id, Medium.LINE) == MEDIA["line"][1]
    wrong = Sealer(parse_media_key(new_media_key()))
    with pytest.raises(SecretsUnreadable):
        wrong.open(world.workspace_id, Medium.LINE, bytes(row.sealed_secrets))
    # bound to its row: the same value does not open as another medium's
    with pytest.raises(SecretsUnreadable):
        services.media.sealer.open(world.workspace_id, Medium.KAKAO, bytes(row.sealed_secrets))

    # disconnecting wipes the secrets and hides the medium; connecting again needs them
    r = await client.delete("/integrations/line", headers=owner)
    assert r.status_code == 200 and r.json()["connected"] is False
    assert r.json()["secrets_set"] == []
    assert await services.media.secrets(world.workspace_id, Medium.LINE) is None
    r = await client.delete("/integrations/line", headers=owner)
    assert r.status_code == 404
    r = await client.put("/integrations/line", json={}, headers=owner)
    assert r.status_code == 422 and "secrets." in r.json()["error"]["message"]


@pytest.mark.parametrize(
    ("medium", "body", "where"),
    [
        ("line", {"settings": {"channel_id": "abc"}}, "settings.channel_id"),
        ("email", {"settings": {**MEDIA["email"][0], "smtp_port": 70000}}, "settings.smtp_port"),
        ("phone", {"settings": {"number": "1588-1234"}}, "settings.number"),
        ("kakao", {"settings": {"channel_id": "@x", "surprise": 1}}, "settings.surprise"),
        (
            "naver",
            {"settings": MEDIA["naver"][0], "secrets": {"authorization": "short"}},
            "secrets",
        ),
        ("web", {"settings": {}}, None),
    ],
)
async def test_bad_medium_settings_are_refused_clearly(
    client: httpx.AsyncClient, world: World, medium: str, body: dict[str, Any], where: str | None
) -> None:
    owner = await login(client, "owner")
    r = await client.put(f"/integrations/{medium}", json=body, headers=owner)
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    if where is None:
        assert err["code"] == "invalid_value" and "phone" in err["message"]
    else:
        assert err["code"] == "validation_error" and err["message"].startswith(where)
    assert (await client.get("/integrations", headers=owner)).json() == []


def test_the_media_key_is_required_on_postgres_and_checked(tmp_path: Any) -> None:
    pg = "postgresql+asyncpg://postgres@127.0.0.1/none"
    with pytest.raises(MediaKeyError, match="SANGDAM_MEDIA_KEY is not set"):
        Settings(database_url=pg, media_key=None).media_key_bytes()
    with pytest.raises(MediaKeyError, match="32 bytes"):
        Settings(database_url=pg, media_key="too-short").media_key_bytes()
    # the server refuses to start without it (before touching the database)
    from server.app import create_app

    with pytest.raises(MediaKeyError):
        create_app(Settings(database_url=pg, media_key=None))
    # on SQLite (one machine) a key is made once beside the database and kept
    url = f"sqlite+aiosqlite:///{tmp_path / 'one.db'}"
    first = Settings(database_url=url, media_key=None).media_key_bytes()
    assert len(first) == 32 and (tmp_path / "one-media.key").exists()
    assert Settings(database_url=url, media_key=None).media_key_bytes() == first
    key = new_media_key()
    assert Settings(database_url=pg, media_key=key).media_key_bytes() == parse_media_key(key)
    assert "key" not in repr(Sealer(first)).replace("<key hidden>", "")


# ---- profile fields (P4) -------------------------------------------------------------------


async def customer_of(db: Database, chat_id: str) -> uuid.UUID:
    async with db.read() as conn:
        cid = await conn.scalar(select(m.Chat.customer_id).where(m.Chat.id == uuid.UUID(chat_id)))
    assert cid is not None
    return cid


async def test_profile_fields_keep_every_customer_value_valid(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    owner, ana = await login(client, "owner"), await login(client, "ana")
    plan = {"key": "plan", "label": "요금제", "type": "select", "options": ["free", "pro"]}
    r = await client.post("/customer-fields", json=plan, headers=owner)
    assert r.status_code == 201, r.text
    assert r.json() == {**plan, "position": 0}
    r = await client.post(
        "/customer-fields",
        json={"key": "orders", "label": "Orders", "type": "number"},
        headers=owner,
    )
    assert r.json()["position"] == 1
    r = await client.post(
        "/customer-fields",
        json={"key": "vip", "label": "VIP", "type": "boolean", "position": 0},
        headers=owner,
    )
    assert r.status_code == 201
    listed = (await client.get("/customer-fields", headers=owner)).json()
    assert [f["key"] for f in listed] == ["plan", "vip", "orders"]  # position, then key

    # the refusals: clear codes, nothing written
    for body, status, code in (
        ({**plan}, 409, "duplicate_id"),
        ({"key": "tier", "label": "Tier", "type": "select"}, 422, "validation_error"),
        ({"key": "x", "label": "X", "options": ["a"]}, 422, "validation_error"),
        ({"key": "Bad Key", "label": "X"}, 422, "validation_error"),
        ({"key": "tier", "label": "Tier", "type": "colour"}, 422, "validation_error"),
    ):
        r = await client.post("/customer-fields", json=body, headers=owner)
        assert (r.status_code, r.json()["error"]["code"]) == (status, code), r.text
    assert len((await client.get("/customer-fields", headers=owner)).json()) == 3

    # a select takes only its options (set through the app's mutation)
    chat = await start_chat(client, world)
    customer = await customer_of(db, chat["chat_id"])
    pusher = Pusher(client, ana)
    done = await pusher.do("set_profile_field", customer_id=customer, key="plan", value="gold")
    assert done["status"] == "refused" and done["error"]["code"] == "invalid_value"
    done = await pusher.do("set_profile_field", customer_id=customer, key="plan", value="pro")
    assert done["status"] == "applied", done

    # an edit that a customer's value would no longer fit is refused, naming how many
    r = await client.patch("/customer-fields/plan", json={"options": ["free"]}, headers=owner)
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_value"
    assert r.json()["error"]["current"]["customers"] == 1
    r = await client.patch("/customer-fields/plan", json={"type": "number"}, headers=owner)
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_value"
    r = await client.patch("/customer-fields/plan", json={"type": "boolean"}, headers=owner)
    assert r.status_code == 422
    # one that fits goes through; a select left as one keeps its options
    r = await client.patch(
        "/customer-fields/plan",
        json={"label": "Plan", "options": ["free", "pro", "team"], "position": 5},
        headers=owner,
    )
    assert r.status_code == 200, r.text
    assert r.json()["options"] == ["free", "pro", "team"] and r.json()["position"] == 5
    r = await client.patch("/customer-fields/plan", json={"type": "string"}, headers=owner)
    assert r.status_code == 200 and r.json()["options"] == []
    r = await client.patch("/customer-fields/nope", json={"label": "x"}, headers=owner)
    assert r.status_code == 404

    # every app sees the schema change live, the deletion too
    r = await client.delete("/customer-fields/plan", headers=owner)
    assert r.status_code == 204
    feed = (await client.get("/sync/changes?since=0&limit=1000", headers=ana)).json()["changes"]
    fields = [c for c in feed if c["entity"] == "customer_field"]
    assert fields[-1]["op"] == "delete" and fields[-1]["id"] == "plan"
    assert any(c["data"] and c["data"]["key"] == "vip" for c in fields)
    # the customer's value is kept (nothing lost); a field made again must fit it
    async with db.read() as conn:
        profile = await conn.scalar(select(m.Customer.profile).where(m.Customer.id == customer))
    assert profile == {"plan": "pro"}
    r = await client.post(
        "/customer-fields", json={"key": "plan", "label": "Plan", "type": "number"}, headers=owner
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_value"


# ---- the workspace's settings ---------------------------------------------------------------


async def test_workspace_settings_are_checked_and_reach_every_app(
    client: httpx.AsyncClient, world: World
) -> None:
    owner, ana = await login(client, "owner"), await login(client, "ana")
    shown = (await client.get("/workspace", headers=owner)).json()
    assert shown == {
        "id": str(world.workspace_id),
        "name": "Test Co",
        "time_zone": "Asia/Seoul",
        "business_hours": {},
    }
    for body, where in (
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"time_zone": "../etc/passwd"}, "time_zone"),
        ({"business_hours": {"mon": {"open": "18:00", "close": "09:00"}}}, "business_hours"),
        ({"business_hours": {"mon": {"open": "9am", "close": "18:00"}}}, "business_hours"),
        ({"business_hours": {"someday": {"open": "09:00", "close": "18:00"}}}, "business_hours"),
        ({"name": "  "}, "name"),
    ):
        r = await client.patch("/workspace", json=body, headers=owner)
        assert r.status_code == 422, r.text
        assert r.json()["error"]["code"] == "validation_error"
        assert where in r.json()["error"]["message"]
    assert (
        "IANA"
        in (await client.patch("/workspace", json={"time_zone": "Nowhere"}, headers=owner)).json()[
            "error"
        ]["message"]
    )
    week = {d: {"open": "09:00", "close": "18:00"} for d in ("mon", "tue", "wed", "thu", "fri")}
    r = await client.patch(
        "/workspace",
        json={
            "name": "상담 주식회사",
            "time_zone": "Europe/Berlin",
            "business_hours": {**week, "sat": {"open": "10:00", "close": "24:00"}, "sun": None},
        },
        headers=owner,
    )
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["time_zone"] == "Europe/Berlin"
    assert list(got["business_hours"]) == ["mon", "tue", "wed", "thu", "fri", "sat"]
    # a partial change leaves the rest
    r = await client.patch("/workspace", json={"name": "Renamed"}, headers=owner)
    assert r.json()["business_hours"] == got["business_hours"]
    feed = (await client.get("/sync/changes?since=0&limit=1000", headers=ana)).json()["changes"]
    last = [c for c in feed if c["entity"] == "workspace"][-1]
    assert last["data"]["name"] == "Renamed" and last["data"]["time_zone"] == "Europe/Berlin"
    boot = await client.get("/sync/bootstrap", headers=ana)
    reference = next(
        json.loads(x) for x in boot.text.splitlines() if json.loads(x).get("type") == "reference"
    )
    assert reference["workspace"]["name"] == "Renamed"


# ---- macros (M3) ------------------------------------------------------------------------------


async def test_macro_variables_are_checked(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    async with db.write() as conn:
        await conn.execute(
            update(m.Manager)
            .where(m.Manager.id == world.managers["owner"])
            .values(permissions=["manage_macros"])
        )
    owner = await login(client, "owner")
    r = await client.post(
        "/macros", json={"name": "인사", "body": "{customer.nmae}님 안녕하세요"}, headers=owner
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error"
    assert "{customer.nmae}" in r.json()["error"]["message"]
    assert "{customer.name}" in r.json()["error"]["message"]  # says which are known
    body = "{customer.name}님, {manager.name} ({team.name}) 입니다. {braces} stay {1.2}"
    r = await client.post("/macros", json={"name": "인사", "body": body}, headers=owner)
    assert r.status_code == 201, r.text


async def test_a_form_answer_fills_a_select_only_with_one_of_its_options(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    owner_headers = await login(client, "owner")
    plan = {"key": "plan", "label": "Plan", "type": "select", "options": ["free", "pro"]}
    assert (await client.post("/customer-fields", json=plan, headers=owner_headers)).is_success
    owner = Pusher(client, owner_headers)
    form = {
        "type": "form",
        "fields": [{"key": "plan", "label": "Plan", "type": "string", "profile_key": "plan"}],
    }
    for answer, kept in (("gold", None), ("pro", "pro")):
        chat = await start_chat(client, world)
        mid = str(uuid.uuid4())
        done = await owner.do(
            "send_message", chat_id=chat["chat_id"], message_id=mid, blocks=[form]
        )
        assert done["status"] == "applied", done
        r = await client.post(
            f"/customer/chats/{chat['chat_id']}/messages/{mid}/answers",
            json={"answers": {"plan": answer}},
            headers={"Authorization": f"Bearer {chat['token']}"},
        )
        assert r.status_code == 200, r.text
        async with db.read() as conn:
            profile = await conn.scalar(
                select(m.Customer.profile).where(
                    m.Customer.id == await customer_of(db, chat["chat_id"])
                )
            )
        assert profile.get("plan") == kept
    # a form field cannot itself be a select (it has no options to offer)
    bad = {**form, "fields": [{**form["fields"][0], "type": "select"}]}
    chat = await start_chat(client, world)
    r = await owner.send(
        owner.mutation(
            "send_message", chat_id=chat["chat_id"], message_id=uuid.uuid4(), blocks=[bad]
        )
    )
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "refused"
