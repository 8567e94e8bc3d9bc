"""Server settings, read from the environment (SANGDAM_*) or given by the CLI and tests."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy.engine import make_url

from protocol.limits import UPLOAD_DEADLINE


def default_database_url() -> str:
    url = os.environ.get("SANGDAM_DATABASE_URL")
    if url:
        return url
    folder = Path(user_data_dir("sangdam-server", "Sangdam"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite+aiosqlite:///{folder / 'sangdam.db'}"


def default_files_dir(database_url: str) -> Path:
    """Where uploaded bytes live unless SANGDAM_FILES_DIR says: beside a SQLite file (so
    a throwaway database gets throwaway files), else in the server's data folder."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database:
        db = Path(url.database)
        return db.with_name(f"{db.stem}-files")
    return Path(user_data_dir("sangdam-server", "Sangdam")) / "files"


def default_cursor_key_path(database_url: str) -> Path:
    """Where the customer-cursor key is kept unless SANGDAM_CURSOR_SECRET gives it: beside
    a SQLite file (a throwaway database gets a throwaway key), else in the server's data
    folder (shared by the workers of one machine)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database:
        db = Path(url.database)
        return db.with_name(f"{db.stem}-cursor.key")
    return Path(user_data_dir("sangdam-server", "Sangdam")) / "cursor.key"


def load_or_create_key(path: Path) -> bytes:
    """32 random bytes made once per deployment at `path` (owner-only): the first worker
    to need it writes it whole under a temporary name and links it in place, so
    concurrent workers all read the same key."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{secrets.token_hex(6)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(32))
            with contextlib.suppress(FileExistsError):  # another worker was first
                os.link(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    return path.read_bytes()


class MediaKeyError(RuntimeError):
    """SANGDAM_MEDIA_KEY is missing or malformed: the server cannot seal secrets."""


def parse_media_key(text: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        key = b""
    if len(key) != 32:
        raise MediaKeyError(
            "SANGDAM_MEDIA_KEY must be 32 bytes in URL-safe base64 (44 characters); "
            "make one with `sangdam-server medium new-key`."
        )
    return key


def new_media_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")


def _seconds(name: str, default: float) -> timedelta:
    return timedelta(seconds=float(os.environ.get(name, default)))


@dataclass
class Settings:
    database_url: str = field(default_factory=default_database_url)
    # "memory" (one process), "postgres" (LISTEN/NOTIFY) or "redis"
    doorbell: str = field(default_factory=lambda: os.environ.get("SANGDAM_DOORBELL", "memory"))
    redis_url: str = field(
        default_factory=lambda: os.environ.get("SANGDAM_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    token_lifetime: timedelta = field(
        default_factory=lambda: _seconds("SANGDAM_TOKEN_LIFETIME_S", 30 * 86400)
    )
    ping_interval: timedelta = field(
        default_factory=lambda: _seconds("SANGDAM_PING_INTERVAL_S", 20)
    )
    # How often a realtime hub re-reads the head even without a doorbell: a lost ring
    # only delays delivery by this much.
    head_poll_interval: timedelta = field(
        default_factory=lambda: _seconds("SANGDAM_HEAD_POLL_S", 2)
    )
    # How often a worker re-checks the sessions its sockets belong to: a session ended
    # on another worker, or expired, closes its sockets within this long.
    session_check_interval: timedelta = field(
        default_factory=lambda: _seconds("SANGDAM_SESSION_CHECK_S", 2)
    )
    # The realtime hub's buffer of recent entries, all workspaces of a worker together;
    # a socket behind what it holds pages from the database.
    hub_buffer_bytes: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_HUB_BUFFER_BYTES", 64 * 1024 * 1024))
    )
    # How often background jobs (snooze expiry) look for work.
    job_interval: timedelta = field(default_factory=lambda: _seconds("SANGDAM_JOB_INTERVAL_S", 15))
    # Change-log entries kept; older cursors get 410 and re-bootstrap.
    retain_changes: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_RETAIN_CHANGES", 1_000_000))
    )
    # Website visitors (U2) who never chatted are forgotten after this long unseen.
    visitor_idle: timedelta = field(
        default_factory=lambda: _seconds("SANGDAM_VISITOR_IDLE_S", 90 * 24 * 3600)
    )
    # argon2 cost; tests lower it to keep the suite fast. Production keeps the default.
    argon2_memory_kib: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_ARGON2_MEMORY_KIB", 65536))
    )
    argon2_time_cost: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_ARGON2_TIME_COST", 3))
    )
    # How long a worker trusts a token lookup (logout on the same worker is immediate).
    auth_cache_seconds: float = field(
        default_factory=lambda: float(os.environ.get("SANGDAM_AUTH_CACHE_S", 5))
    )
    # Login attempts (counted before the password is checked) allowed per window, per
    # account and per client address; over either, 429 with Retry-After.
    login_account_attempts: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_LOGIN_ACCOUNT_ATTEMPTS", 10))
    )
    login_address_attempts: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_LOGIN_ADDRESS_ATTEMPTS", 50))
    )
    login_window: timedelta = field(default_factory=lambda: _seconds("SANGDAM_LOGIN_WINDOW_S", 600))
    # Password checks waiting for (or in) a worker's hashing threads beyond which a login
    # is refused at once (429, Retry-After: 1); 0: two per hashing CPU (server/auth/secrets).
    login_hash_waiting: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_LOGIN_HASH_WAITING", 0))
    )
    # Public endpoints (/customer): requests allowed per window per client address, and
    # chats started per window per workspace; over either, 429 with Retry-After.
    public_address_requests: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_PUBLIC_ADDRESS_REQUESTS", 120))
    )
    public_address_chats: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_PUBLIC_ADDRESS_CHATS", 10))
    )
    public_workspace_chats: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_PUBLIC_WORKSPACE_CHATS", 300))
    )
    public_window: timedelta = field(
        default_factory=lambda: _seconds("SANGDAM_PUBLIC_WINDOW_S", 60)
    )
    # Website visitors (the snippet's first call on a browser, U2) made per window per
    # client address and per workspace; over either, the same 429.
    public_address_visitors: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_PUBLIC_ADDRESS_VISITORS", 20))
    )
    public_workspace_visitors: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_PUBLIC_WORKSPACE_VISITORS", 3000))
    )
    # GET /demo/site: a fake company website with the snippet (U2), for trying it out.
    # Off unless asked for (`sangdam-server serve --demo-site`, SANGDAM_DEMO_SITE=1).
    demo_site: bool = field(
        default_factory=lambda: os.environ.get("SANGDAM_DEMO_SITE", "") in ("1", "true", "yes")
    )
    # External media (U3): where each medium's API is (tests point them at a local fake),
    # how many times a reply is tried and the first wait between tries (doubling after).
    line_api_base: str = field(
        default_factory=lambda: os.environ.get("SANGDAM_LINE_API_BASE", "https://api.line.me")
    )
    # Where LINE keeps the files its users send (fetched with the channel's token).
    line_data_api_base: str = field(
        default_factory=lambda: os.environ.get(
            "SANGDAM_LINE_DATA_API_BASE", "https://api-data.line.me"
        )
    )
    instagram_api_base: str = field(
        default_factory=lambda: os.environ.get(
            "SANGDAM_INSTAGRAM_API_BASE", "https://graph.facebook.com/v19.0"
        )
    )
    kakao_api_base: str = field(
        default_factory=lambda: os.environ.get(
            "SANGDAM_KAKAO_API_BASE", "https://bizmsg-web.kakaoenterprise.com"
        )
    )
    naver_api_base: str = field(
        default_factory=lambda: os.environ.get(
            "SANGDAM_NAVER_API_BASE", "https://gw.talk.naver.com"
        )
    )
    outbound_interval: timedelta = field(
        default_factory=lambda: _seconds("SANGDAM_OUTBOUND_INTERVAL_S", 2)
    )
    outbound_attempts: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_OUTBOUND_ATTEMPTS", 6))
    )
    outbound_backoff: timedelta = field(
        default_factory=lambda: _seconds("SANGDAM_OUTBOUND_BACKOFF_S", 5)
    )
    # Webhooks taken per window per workspace and medium, and how old a signed
    # timestamp of our own format may be.
    public_workspace_hooks: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_PUBLIC_WORKSPACE_HOOKS", 3000))
    )
    hook_window: timedelta = field(default_factory=lambda: _seconds("SANGDAM_HOOK_WINDOW_S", 300))
    # Mails taken by the SMTP listener per window (`public_window`) per sending server's
    # address and per workspace; over either, RCPT answers 451 and the sender tries later.
    mail_address_mails: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_MAIL_ADDRESS_MAILS", 120))
    )
    mail_workspace_mails: int = field(
        default_factory=lambda: int(os.environ.get("SANGDAM_MAIL_WORKSPACE_MAILS", 3000))
    )
    db_pool_size: int = field(default_factory=lambda: int(os.environ.get("SANGDAM_DB_POOL", 20)))
    # Uploads (M1): where their bytes go (None: default_files_dir), and how long one may
    # take from its creation before it fails and its bytes are removed.
    files_dir: Path | None = field(
        default_factory=lambda: Path(p) if (p := os.environ.get("SANGDAM_FILES_DIR")) else None
    )
    upload_deadline: timedelta = field(
        default_factory=lambda: _seconds(
            "SANGDAM_UPLOAD_DEADLINE_S", UPLOAD_DEADLINE.total_seconds()
        )
    )

    # A finished upload that joins no message within this long is removed.
    unsent_upload_keep: timedelta = field(
        default_factory=lambda: _seconds("SANGDAM_UNSENT_UPLOAD_KEEP_S", 86400)
    )

    # The key of the customer API's opaque cursors (server/customers/cursors.py): any
    # string, the same for every worker and host of a deployment. Unset, a random key is
    # made once and kept in a file (default_cursor_key_path): fine for one machine;
    # several hosts must set it. Changing it makes customers reload their chats.
    cursor_secret: str | None = field(
        default_factory=lambda: os.environ.get("SANGDAM_CURSOR_SECRET") or None
    )

    # The key that seals media secrets at rest (server/media/secrets.py): 32 bytes in
    # URL-safe base64 (`sangdam-server medium new-key` makes one), the same for every
    # worker and host. Unset: on SQLite (one machine), one is made and kept beside the
    # database; on PostgreSQL the server refuses to start. Lost, the media's secrets
    # must be entered again.
    media_key: str | None = field(
        default_factory=lambda: os.environ.get("SANGDAM_MEDIA_KEY") or None
    )

    def media_key_bytes(self) -> bytes:
        """The sealing key; MediaKeyError says clearly what is wrong with it."""
        if self.media_key:
            return parse_media_key(self.media_key)
        url = make_url(self.database_url)
        if url.get_backend_name() == "sqlite" and url.database:
            db = Path(url.database)
            return load_or_create_key(db.with_name(f"{db.stem}-media.key"))
        raise MediaKeyError(
            "SANGDAM_MEDIA_KEY is not set: a server on PostgreSQL needs it to seal the "
            "media's secrets. Make one with `sangdam-server medium new-key` and give the "
            "same value to every worker and host."
        )

    def cursor_key(self) -> bytes:
        if self.cursor_secret:
            return hashlib.sha256(self.cursor_secret.encode()).digest()
        return load_or_create_key(default_cursor_key_path(self.database_url))

    def files_path(self) -> Path:
        return self.files_dir or default_files_dir(self.database_url)
