"""Helpers for the desktop (Qt) tests: a world on a real server, the HTTP calls of other
people (customers, other managers) as plain blocking calls, a synthetic cache, and
driving the app's flow from a `def` test."""

from __future__ import annotations

import asyncio
import concurrent.futures
import random
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from desktop.controller.flow import AppFlow, Config
from desktop.sync.follower import Backoff
from desktop.sync.status import Phase
from server.db.database import Database
from tests.support.live import LiveServer
from tests.support.world import PASSWORD, World, make_world

LiveFactory = Callable[..., LiveServer]
WAIT_MS = 15_000
FAST = Backoff(base=0.05, cap=0.5)


def in_thread[T](coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end on a fresh loop in another thread (the test's own
    thread may be inside a qasync loop)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def world_on(url: str) -> World:
    async def make() -> World:
        db = Database(url)
        try:
            return await make_world(db)
        finally:
            await db.dispose()

    return in_thread(make())


@dataclass
class Who:
    token: str
    manager_id: str
    workspace_id: str
    email: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def login(server: LiveServer, name: str) -> Who:
    r = httpx.post(
        server.url + "/auth/login",
        json={"email": World.email(name), "password": PASSWORD},
        timeout=10,
    )
    assert r.status_code == 200, r.text
    b = r.json()
    return Who(b["token"], b["manager_id"], b["workspace_id"], World.email(name))


def start_chat(server: LiveServer, world: World, text: str, **extra: Any) -> dict[str, str]:
    # A medium other than web needs a verified sender (U3): a manager's token stands in.
    web = extra.get("medium", "web") == "web"
    headers = {} if web else login(server, next(iter(world.managers))).headers
    r = httpx.post(
        server.url + "/customer/chats",
        json={"workspace_id": str(world.workspace_id), "text": text, **extra},
        headers=headers,
        timeout=10,
    )
    assert r.status_code == 201, r.text
    body: dict[str, str] = r.json()
    return body


def customer_says(server: LiveServer, chat: dict[str, str], text: str) -> None:
    r = httpx.post(
        f"{server.url}/customer/chats/{chat['chat_id']}/messages",
        json={"id": str(uuid.uuid4()), "text": text},
        headers={"Authorization": f"Bearer {chat['token']}"},
        timeout=10,
    )
    assert r.status_code == 201, r.text


def push_as(server: LiveServer, who: Who, name: str, **args: Any) -> dict[str, Any]:
    """Another manager's app: one mutation under a fresh client id."""
    r = httpx.post(
        server.url + "/sync/push",
        headers=who.headers,
        json={
            "client_id": str(uuid.uuid4()),
            "mutations": [{"mutation_id": 1, "name": name, "args": args}],
        },
        timeout=10,
    )
    assert r.status_code == 200, r.text
    [result] = r.json()["results"]
    return dict(result)


def server_messages(server: LiveServer, who: Who, chat_id: str) -> list[dict[str, Any]]:
    r = httpx.get(
        f"{server.url}/chats/{chat_id}/messages",
        params={"limit": 200},
        headers=who.headers,
        timeout=10,
    )
    assert r.status_code == 200, r.text
    return list(r.json()["messages"])


def config(tmp: Path, keyring: Any = None, **options: Any) -> Config:
    from keyring.backends import fail

    return Config(
        config_dir=tmp / "config",
        cache_dir=tmp / "cache",
        demo_dir=tmp / "demo",
        keyring=keyring if keyring is not None else fail.Keyring(),
        engine_options={"backoff": FAST, **options},
    )


def run_flow(aio: asyncio.AbstractEventLoop, flow: AppFlow) -> asyncio.Task[int]:
    return aio.create_task(flow.run())


def finish(qtbot: Any, flow: AppFlow, task: asyncio.Task[int]) -> None:
    """Close the app as the agent would, and wait for everything it started to stop."""
    if flow.ui is not None:
        flow.ui.window.close()
    flow.quit()
    try:
        qtbot.waitUntil(task.done, timeout=WAIT_MS)
    except Exception:
        dump_loop(task.get_loop())
        raise
    assert task.result() == 0


def dump_loop(loop: asyncio.AbstractEventLoop) -> None:
    """What the loop was doing when an app would not stop: every task's stack, the
    qasync timers still waiting, every thread's stack (to stderr, kept by pytest)."""
    import faulthandler
    import sys
    import time

    print(f"--- loop at {time.monotonic():.3f}, running={loop.is_running()}", file=sys.stderr)
    for t in asyncio.all_tasks(loop):
        print(f"--- task {t.get_name()} done={t.done()}", file=sys.stderr)
        t.print_stack(file=sys.stderr)
    timer = getattr(loop, "_timer", None)
    callbacks = getattr(timer, "_SimpleTimer__callbacks", {})
    print(
        f"--- {len(callbacks)} qasync timers, stopped={getattr(timer, '_stopped', None)}",
        file=sys.stderr,
    )
    for timer_id, handle in list(callbacks.items())[:50]:
        when = getattr(handle, "_when", None)
        print(f"    timer {timer_id}: {handle!r} when={when}", file=sys.stderr)
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)


def seed_cache(path: Path, chats: int, *, me: str | None = None, seed: int = 1) -> dict[str, Any]:
    """A cache file written as a bootstrap writes it: reference data (managers, teams,
    tags, integrations, counts), `chats` chats over every medium, state, assignee and
    tag, my state of some of them, and a few messages for the newest."""
    from desktop.sync.cache import Cache

    rng = random.Random(seed)
    ws, me = str(uuid.uuid4()), me or str(uuid.uuid4())
    ana, ben = str(uuid.uuid4()), str(uuid.uuid4())
    team_a, team_b = str(uuid.uuid4()), str(uuid.uuid4())

    def manager(mid: str, name: str, limit: int) -> dict[str, Any]:
        return {
            "id": mid,
            "name": name,
            "email": f"{name.lower()}@example.test",
            "role": "manager",
            "permissions": [],
            "operator_seat": True,
            "available": True,
            "max_auto_assign": limit,
            "notify_unassigned": True,
            "avatar_url": None,
            "team_ids": [team_a],
        }

    managers = [manager(me, "Me", 3), manager(ana, "Ana", 100), manager(ben, "Ben", 1)]
    media = ["web", "email", "kakao", "instagram", "naver", "line", "phone"]
    start = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    rows, customers, states = [], [], []
    for i in range(chats):
        cid, cust = str(uuid.uuid4()), str(uuid.uuid4())
        at = (start - timedelta(minutes=i, seconds=rng.randint(0, 50))).isoformat()
        assignee = rng.choice([None, None, me, ana, ben])
        queued = assignee is None and i % 9 == 0
        rows.append(
            {
                "id": cid,
                "customer_id": cust,
                "medium": media[i % len(media)],
                "state": rng.choice(["open", "open", "open", "snoozed", "closed"]),
                "snooze_until": None,
                "team_id": rng.choice([None, team_a, team_b]) if not queued else team_b,
                "assignee_id": assignee,
                "follower_ids": [],
                "tags": sorted(rng.sample(["vip", "refund", "환불", "bug"], rng.randint(0, 2))),
                "description": "",
                "source_kind": None,
                "source_name": None,
                "goal": None,
                "goal_reached": False,
                "queued_since": at if queued else None,
                "page_url": None,
                "last_message_at": at,
                "last_message_seq": i + 1,
                "last_message_preview": f"message {i}",
                "created_at": at,
            }
        )
        customers.append(
            {
                "id": cust,
                "name": f"Customer {i}",
                "avatar_url": None,
                "profile": {},
                "identities": [],
            }
        )
        if i % 3 == 0:
            states.append(
                {
                    "chat_id": cid,
                    "manager_id": me,
                    "starred": i % 2 == 0,
                    "read_seq": 0,
                    "unread_count": i % 4,
                    "mentioned": i % 5 == 0,
                    "in_sessions": i % 6 == 0,
                }
            )
    counts: dict[tuple[str, str, str], int] = {}

    def bump(scope: str, key: str, state: str) -> None:
        counts[(scope, key, state)] = counts.get((scope, key, state), 0) + 1

    by_id = {c["id"]: c for c in rows}
    for c in rows:
        st = c["state"]
        bump("", "all", st)
        bump("", f"medium:{c['medium']}", st)
        if c["assignee_id"]:
            bump("", f"assignee:{c['assignee_id']}", st)
        elif c["queued_since"]:
            bump("", f"queue:{c['team_id']}", st)
        else:
            bump("", "unassigned", st)
            if c["team_id"]:
                bump("", f"unassigned_team:{c['team_id']}", st)
        for tag in c["tags"]:
            bump("", f"tag:{tag}", st)
    for s in states:
        st = by_id[s["chat_id"]]["state"]
        if s["unread_count"]:
            bump(me, "unread", st)
        if s["starred"]:
            bump(me, "starred", st)
        if s["in_sessions"]:
            bump(me, "sessions", st)
    cache = Cache.open(path, server_url="http://seed.invalid", workspace_id=ws, manager_id=me)
    try:
        cache.begin_bootstrap(0)
        cache.write_reference(
            {
                "type": "reference",
                "workspace": {"id": ws, "name": "Seed"},
                "me": managers[0],
                "managers": managers,
                "teams": [
                    {"id": team_a, "name": "Alpha", "auto_assign": False, "member_ids": [me]},
                    {"id": team_b, "name": "Beta", "auto_assign": True, "member_ids": []},
                ],
                "tags": [
                    {"id": str(uuid.uuid4()), "name": "vip", "color": "#f59e0b"},
                    {"id": str(uuid.uuid4()), "name": "환불", "color": "#10b981"},
                ],
                "macros": [],
                "integrations": [
                    {"id": str(uuid.uuid4()), "medium": m, "name": m.title(), "connected": True}
                    for m in ("line", "kakao", "email")
                ],
                "customer_fields": [],
                "counts": [
                    {"scope": s, "key": k, "state": st, "count": n}
                    for (s, k, st), n in counts.items()
                ],
            }
        )
        for i in range(0, chats, 200):
            part = rows[i : i + 200]
            ids = {c["id"] for c in part}
            cache.write_chat_page(
                {
                    "type": "chats",
                    "chats": part,
                    "customers": customers[i : i + 200],
                    "states": [s for s in states if s["chat_id"] in ids],
                }
            )
        cache.finish_bootstrap(chats + 10)
    finally:
        cache.close()
    return {"me": me, "ana": ana, "ben": ben, "teams": (team_a, team_b), "chats": rows}


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict: the OS keyring's stand-in for tests
    about something else (the real Secret Service has its own tests)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


def remember_login(cfg: Config, server: LiveServer, who: Who) -> None:
    """As if `who` had logged in before: the settings file and the keyring entry."""
    from desktop.auth.settings import LastLogin, Settings
    from desktop.auth.tokens import SERVICE, username

    Settings(cfg.config_dir).remember(
        LastLogin(server.url, who.email, who.workspace_id, who.manager_id)
    )
    assert cfg.keyring is not None
    cfg.keyring.set_password(SERVICE, username(server.url, who.email), who.token)


# ---- the app against a live server ----------------------------------------------------


def started(
    qtbot: Any,
    aio: asyncio.AbstractEventLoop,
    tmp_path: Path,
    server: Any,
    who: Any,
    **options: Any,
) -> tuple[AppFlow, asyncio.Task[int]]:
    """The app, logged in silently as `who` (token in the keyring), online."""
    cfg = config(tmp_path, MemoryKeyring(), **options)
    remember_login(cfg, server, who)
    flow = AppFlow(cfg)
    task = run_flow(aio, flow)
    try:
        qtbot.waitUntil(
            lambda: task.done() or (flow.ui is not None and online(flow)), timeout=WAIT_MS
        )
    except Exception:
        status = flow.ui.window.status_line.text() if flow.ui is not None else "no window"
        raise AssertionError(f"not online: {status}") from None
    if task.done():
        task.result()  # raises what stopped the app
        raise AssertionError("the app ended early")
    return flow, task


def online(flow: AppFlow) -> bool:
    ui = flow.ui
    status = ui.window.status_line.status if ui is not None else None
    return status is not None and status.phase is Phase.ONLINE


def ui_of(flow: AppFlow) -> Any:
    assert flow.ui is not None
    return flow.ui


def open_chat(qtbot: Any, flow: AppFlow, chat_id: str) -> None:
    ui = ui_of(flow)
    qtbot.waitUntil(lambda: ui.chats.row_of(chat_id) is not None, timeout=WAIT_MS)
    ui.window.chat_list.select_chat(chat_id)
    qtbot.waitUntil(lambda: ui.messages.chat_id == chat_id, timeout=WAIT_MS)
