"""Where a cache file lives (SPEC Y4): the platform's data folder, one file per login.

One file per (server, workspace, manager) keeps two accounts on one machine, or one
account on two servers, from ever reading each other's rows or outbox. The name is
readable (the host) and unique (a hash of all three), and safe on every file system.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

APP_NAME = "sangdam"
APP_AUTHOR = "Sangdam"


def data_dir_from_env() -> Path:
    """The app's data folder (caches, the demo): SANGDAM_DATA_DIR moves it (portable
    installs, tests), else the platform's."""
    folder = os.environ.get("SANGDAM_DATA_DIR")
    return Path(folder) if folder else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_folder() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "cache"


def cache_path(
    server_url: str,
    workspace_id: str,
    manager_id: str,
    *,
    folder: Path | None = None,
) -> Path:
    """The cache file of one login; `folder` replaces the platform's (tests, portable use)."""
    identity = "\n".join([normal_url(server_url), str(workspace_id), str(manager_id)])
    digest = hashlib.sha256(identity.encode()).hexdigest()[:20]
    host = urlsplit(normal_url(server_url)).netloc or "server"
    slug = re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-")[:40] or "server"
    return (folder or default_folder()) / f"{slug}-{digest}.sqlite3"


def normal_url(url: str) -> str:
    """`HTTP://Host:80/` and `http://host:80` are one server."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}"
