"""Fixtures shared by every test: databases on both backends, the app, a live server."""

from __future__ import annotations

import os

# Cheap argon2 in tests; production keeps the library's defaults.
os.environ.setdefault("SANGDAM_ARGON2_MEMORY_KIB", "1024")
os.environ.setdefault("SANGDAM_ARGON2_TIME_COST", "1")
# Every test calls from 127.0.0.1: limits per address stay out of the way unless a test
# lowers them (tests/server/test_abuse.py).
os.environ.setdefault("SANGDAM_LOGIN_ADDRESS_ATTEMPTS", "1000000")
os.environ.setdefault("SANGDAM_PUBLIC_ADDRESS_REQUESTS", "1000000")
os.environ.setdefault("SANGDAM_PUBLIC_ADDRESS_CHATS", "1000000")
os.environ.setdefault("SANGDAM_PUBLIC_WORKSPACE_CHATS", "1000000")
# The customer cursors' key: given, so no test server writes a key file in the home
# folder (tests/server/test_customer_cursors.py checks the file on its own).
os.environ.setdefault("SANGDAM_CURSOR_SECRET", "sangdam-tests")
# The media secrets' sealing key (32 bytes, URL-safe base64): given, so a server on
# PostgreSQL starts and no key file is written (tests/server/test_media.py checks both).
os.environ.setdefault("SANGDAM_MEDIA_KEY", "c2FuZ2RhbS10ZXN0cy1tZWRpYS1rZXktMzItYnl0ZXM=")

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from server.app import create_app
from server.config import Settings
from server.db.database import Database
from server.services import Services
from tests.support.databases import PostgresTemplates, SqliteTemplates
from tests.support.world import World, make_world


@pytest.fixture(scope="session")
def _pg_templates() -> Iterator[PostgresTemplates]:
    templates = PostgresTemplates()
    yield templates
    templates.drop_all()


@pytest.fixture(scope="session")
def _sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplates:
    return SqliteTemplates(tmp_path_factory.mktemp("sqlite"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(
    request: pytest.FixtureRequest,
    _pg_templates: PostgresTemplates,
    _sqlite_templates: SqliteTemplates,
) -> str:
    """A fresh migrated database; every test using it runs on SQLite and PostgreSQL."""
    if request.param == "postgres":
        return _pg_templates.new_database()
    return _sqlite_templates.new_database()


@pytest.fixture
def sqlite_url(_sqlite_templates: SqliteTemplates) -> str:
    return _sqlite_templates.new_database()


@pytest.fixture
def postgres_url(_pg_templates: PostgresTemplates) -> str:
    return _pg_templates.new_database()


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    # The outbox's job stays out of the way: the tests that need it run it themselves
    # (a job cancelled mid-write at a short test's end finished after its loop closed).
    return Settings(
        database_url=db_url,
        doorbell="memory",
        files_dir=tmp_path / "files",
        outbound_interval=timedelta(hours=1),
    )


@pytest.fixture
async def services(settings: Settings) -> AsyncIterator[Services]:
    app = create_app(settings)
    svc: Services = app.state.services
    svc.app = app  # type: ignore[attr-defined]
    await svc.start()
    yield svc
    await svc.stop()


@pytest.fixture
async def db(services: Services) -> Database:
    return services.db


@pytest.fixture
async def world(db: Database) -> World:
    return await make_world(db)


@pytest.fixture
async def client(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=services.app)  # type: ignore[attr-defined]
    async with httpx.AsyncClient(transport=transport, base_url="http://sangdam.test") as c:
        yield c


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parents[1]


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[object]:
    """A factory: `live_server(db_url, doorbell="memory")` -> a started LiveServer."""
    from tests.support.live import LiveServer

    servers: list[LiveServer] = []

    def start(database_url: str, doorbell: str = "memory", **env: str) -> LiveServer:
        env.setdefault("SANGDAM_FILES_DIR", str(tmp_path / f"files{len(servers)}"))
        server = LiveServer(
            database_url, doorbell, env=env, log_path=tmp_path / f"server{len(servers)}.log"
        )
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()
