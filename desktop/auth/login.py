"""The server's login calls, and what their failures mean for the agent.

Every failure is a `LoginError` with a `kind` the UI turns into a sentence: a wrong
password, a server that cannot be reached, too many attempts, a login the server no
longer accepts (expired or revoked), or anything else the server said.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx

from desktop.sync.paths import normal_url

TIMEOUT = 10.0
BUSY_TRIES = 6  # a server busy checking other passwords (a morning's rush) is asked again
BUSY_WAIT_MAX = 5  # seconds: a longer Retry-After is said to the agent instead


class Failure(StrEnum):
    BAD_CREDENTIALS = "bad_credentials"
    UNREACHABLE = "unreachable"
    BAD_ADDRESS = "bad_address"
    THROTTLED = "too_many_attempts"
    BUSY = "login_busy"  # the server checks too many passwords at once: not the agent's fault
    EXPIRED = "token_expired"
    REVOKED = "token_revoked"
    REFUSED = "unauthenticated"  # the token is unknown to the server
    INVALID = "invalid"  # the server did not accept the form (e.g. not an email)
    SERVER = "server"  # anything else the server answered


class LoginError(Exception):
    def __init__(self, kind: Failure, detail: str = "", retry_after: int | None = None) -> None:
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Login:
    """A logged-in manager: who, where, and the bearer token."""

    server_url: str  # the login's identity (keyring entry, cache file)
    email: str
    token: str
    workspace_id: str
    manager_id: str
    api_url: str | None = None  # where to connect, if not server_url (the demo)

    @property
    def url(self) -> str:
        return self.api_url or self.server_url


def clean_url(text: str) -> str:
    """What the agent typed as a server address, as a base URL."""
    text = text.strip()
    if not text:
        raise LoginError(Failure.BAD_ADDRESS, "no address")
    if "://" not in text:
        host = text.split("/", 1)[0].split(":", 1)[0]
        local = host in {"localhost", "127.0.0.1", "::1"} or host.endswith(".local")
        text = ("http://" if local else "https://") + text
    url = normal_url(text)
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise LoginError(Failure.BAD_ADDRESS, str(exc)) from exc
    if parsed.scheme not in {"http", "https"} or not parsed.host:
        raise LoginError(Failure.BAD_ADDRESS, url)
    return url


def _error(r: httpx.Response) -> tuple[str, str]:
    try:
        body: Any = r.json()
        return str(body["error"]["code"]), str(body["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return "", r.reason_phrase or f"HTTP {r.status_code}"


def _failure(r: httpx.Response) -> LoginError:
    code, message = _error(r)
    if r.status_code == 429 and code == "login_busy":
        return LoginError(Failure.BUSY, message)
    if r.status_code == 429:
        try:
            wait = int(r.headers.get("Retry-After", "0"))
        except ValueError:
            wait = 0
        return LoginError(Failure.THROTTLED, message, retry_after=wait or None)
    kinds = {
        "bad_credentials": Failure.BAD_CREDENTIALS,
        "token_expired": Failure.EXPIRED,
        "token_revoked": Failure.REVOKED,
        "unauthenticated": Failure.REFUSED,
        "validation_error": Failure.INVALID,
    }
    return LoginError(kinds.get(code, Failure.SERVER), message)


async def login(
    server_url: str,
    email: str,
    password: str,
    *,
    device_name: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> Login:
    """`POST /auth/login`; raises LoginError."""
    url = clean_url(server_url)
    body: dict[str, Any] = {"email": email.strip(), "password": password}
    if device_name:
        body["device_name"] = device_name[:100]
    for _ in range(BUSY_TRIES):
        r = await _call("POST", url, "/auth/login", client=client, json=body)
        wait = _busy_wait(r)
        if wait is None:
            break
        await asyncio.sleep(wait)  # not the agent's fault: wait and ask again
    if r.status_code != 200:
        raise _failure(r)
    data = r.json()
    return Login(
        server_url=url,
        email=email.strip(),
        token=str(data["token"]),
        workspace_id=str(uuid.UUID(str(data["workspace_id"]))),
        manager_id=str(uuid.UUID(str(data["manager_id"]))),
    )


def _busy_wait(r: httpx.Response) -> float | None:
    """How long to wait before asking again when every password check was busy (429
    `login_busy`), or None: an answer to give (a short wait only)."""
    if r.status_code != 429 or _error(r)[0] != "login_busy":
        return None
    try:
        wait = float(r.headers.get("Retry-After", "1"))
    except ValueError:
        wait = 1.0
    return wait if 0 <= wait <= BUSY_WAIT_MAX else None


async def check(login: Login, *, client: httpx.AsyncClient | None = None) -> None:
    """`GET /auth/me`: returns if the token is accepted, raises LoginError if not."""
    r = await _call(
        "GET",
        login.url,
        "/auth/me",
        client=client,
        headers={"Authorization": f"Bearer {login.token}"},
    )
    if r.status_code != 200:
        raise _failure(r)


async def logout(login: Login, *, client: httpx.AsyncClient | None = None) -> None:
    """`POST /auth/logout`: the server forgets the token (best effort)."""
    r = await _call(
        "POST",
        login.url,
        "/auth/logout",
        client=client,
        headers={"Authorization": f"Bearer {login.token}"},
        seconds=3.0,
    )
    if r.status_code not in (204, 401):
        raise _failure(r)


async def _call(
    method: str,
    base_url: str,
    path: str,
    *,
    client: httpx.AsyncClient | None,
    seconds: float = TIMEOUT,
    **kwargs: Any,
) -> httpx.Response:
    try:
        if client is not None:
            return await client.request(method, base_url + path, timeout=seconds, **kwargs)
        async with httpx.AsyncClient(timeout=seconds) as own:
            return await own.request(method, base_url + path, **kwargs)
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        raise LoginError(Failure.UNREACHABLE, str(exc) or type(exc).__name__) from exc
    except httpx.UnsupportedProtocol as exc:
        raise LoginError(Failure.BAD_ADDRESS, str(exc)) from exc
    except httpx.TransportError as exc:
        raise LoginError(Failure.UNREACHABLE, str(exc) or type(exc).__name__) from exc
