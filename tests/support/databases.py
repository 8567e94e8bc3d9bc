"""Fresh, migrated databases for tests: SQLite files and PostgreSQL databases.

Each backend is migrated once per session into a template; each test gets a copy
(a file copy, or CREATE DATABASE ... TEMPLATE), which is much faster than migrating.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from pathlib import Path

import pytest

from server.db import throwaway
from server.db.migrate import upgrade

PG_ADMIN_DSN = os.environ.get("SANGDAM_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("SANGDAM_TEST_REDIS", "redis://127.0.0.1:6379/15")
# CI sets this: a missing PostgreSQL or Redis is then a failure, never a skip.
REQUIRED = os.environ.get("SANGDAM_REQUIRE_SERVICES") == "1"


def _unavailable(what: str, why: object) -> None:
    if REQUIRED:
        pytest.fail(f"{what} is required (SANGDAM_REQUIRE_SERVICES=1) but unreachable: {why}")
    pytest.skip(f"{what} is not running here: {why}")


class PostgresTemplates:
    def __init__(self) -> None:
        self.template: str | None = None
        self.error: object = None
        self.created: list[str] = []

    def new_database(self) -> str:
        if self.error is not None:
            _unavailable("PostgreSQL", self.error)
        if self.template is None:
            name = f"sangdam_tpl_{os.getpid()}"
            try:
                url = asyncio.run(throwaway.create(PG_ADMIN_DSN, name, replace=True))
            except Exception as exc:
                self.error = exc
                _unavailable("PostgreSQL", exc)
            upgrade(url)
            self.template = name
        name = throwaway.new_name("sangdam_t")
        url = asyncio.run(throwaway.create(PG_ADMIN_DSN, name, template=self.template))
        self.created.append(name)
        return url

    def drop_all(self) -> None:
        names = [*self.created, *([self.template] if self.template else [])]
        asyncio.run(throwaway.drop(PG_ADMIN_DSN, names))


class SqliteTemplates:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.template: Path | None = None

    def new_database(self) -> str:
        if self.template is None:
            self.template = self.root / "template.db"
            upgrade(f"sqlite+aiosqlite:///{self.template}")
        path = self.root / f"{uuid.uuid4().hex[:12]}.db"
        shutil.copyfile(self.template, path)
        return f"sqlite+aiosqlite:///{path}"


def redis_or_skip() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except Exception as exc:
        _unavailable("Redis", exc)
    return REDIS_URL
