"""The login token in the operating system's keyring (SPEC Y4), never in a file.

Service "sangdam", username "<server url>|<email>". Where the system offers no keyring
(no Secret Service on a bare Linux, a locked or broken one), the token is kept in memory
for this run only and `problem` says why, for the window to tell the agent that the
login cannot be remembered.

Every keyring call (finding the system's keyring included: on Linux that talks to
D-Bus) runs in a daemon thread and is given `timeout` seconds: a Secret Service that
shows a prompt or never answers must not freeze the window, and a thread it holds must
not keep the app from quitting. A call that times out counts as no keyring for the rest
of the run (`timed_out`).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import TypeVar

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import fail

from desktop.sync.paths import normal_url

log = logging.getLogger(__name__)

SERVICE = "sangdam"
TIMEOUT = 5.0  # seconds a keyring call may take before the app goes on without it

T = TypeVar("T")


class KeyringTimeout(Exception):
    """The keyring did not answer in time."""


def username(server_url: str, email: str) -> str:
    return f"{normal_url(server_url)}|{email.strip().lower()}"


class TokenStore:
    def __init__(
        self, backend: keyring.backend.KeyringBackend | None = None, *, timeout: float = TIMEOUT
    ) -> None:
        self._backend = backend  # None: the system's, found on first use (off the GUI thread)
        self.timeout = timeout
        self._memory: dict[str, str] = {}
        self.problem: str | None = None  # why logins are not remembered (None: they are)
        self.timed_out = False  # the keyring did not answer within `timeout`
        if isinstance(backend, fail.Keyring):
            self.problem = "no keyring (password store) is available on this system"

    @property
    def remembers(self) -> bool:
        return self.problem is None

    async def get(self, server_url: str, email: str) -> str | None:
        user = username(server_url, email)
        if user in self._memory:
            return self._memory[user]
        if self.problem is not None:
            return None
        try:
            return await self._call(lambda b: b.get_password(SERVICE, user))
        except Exception as exc:  # any backend failure: keep working without it
            self._give_up(exc)
            return None

    async def set(self, server_url: str, email: str, token: str) -> bool:
        """Store the token; False: kept for this run only (see `problem`)."""
        user = username(server_url, email)
        if self.problem is None:
            try:
                await self._call(lambda b: b.set_password(SERVICE, user, token))
                self._memory.pop(user, None)
                return True
            except Exception as exc:
                self._give_up(exc)
        self._memory[user] = token
        return False

    async def delete(self, server_url: str, email: str) -> None:
        user = username(server_url, email)
        self._memory.pop(user, None)
        if self.problem is not None:
            return
        try:
            await self._call(lambda b: b.delete_password(SERVICE, user))
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored
        except KeyringTimeout as exc:
            self._give_up(exc)
        except Exception as exc:
            log.warning("could not delete the token from the keyring: %s", exc)

    async def _call(self, fn: Callable[[keyring.backend.KeyringBackend], T]) -> T:
        """`fn(backend)` in a daemon thread; KeyringTimeout after `timeout` seconds (the
        thread is left to finish or hang on its own)."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[T] = loop.create_future()

        def settle(result: T | None, error: BaseException | None) -> None:
            if answer.done():  # given up on already
                return
            if error is not None:
                answer.set_exception(error)
            else:
                answer.set_result(result)  # type: ignore[arg-type]

        def work() -> None:
            try:
                result = fn(self._resolve())
            except BaseException as exc:
                loop.call_soon_threadsafe(settle, None, exc)
            else:
                loop.call_soon_threadsafe(settle, result, None)

        threading.Thread(target=work, name="sangdam-keyring", daemon=True).start()
        try:
            return await asyncio.wait_for(answer, self.timeout)
        except TimeoutError:
            raise KeyringTimeout(f"no answer within {self.timeout:g} s") from None

    def _resolve(self) -> keyring.backend.KeyringBackend:
        if self._backend is None:
            self._backend = keyring.get_keyring()
        if isinstance(self._backend, fail.Keyring):
            raise keyring.errors.NoKeyringError("no keyring (password store) is available")
        return self._backend

    def _give_up(self, exc: Exception) -> None:
        log.warning("the keyring does not work (%s): logins are kept for this run only", exc)
        if isinstance(exc, KeyringTimeout):
            self.timed_out = True
            self.problem = f"the system keyring did not answer ({exc})"
        elif isinstance(exc, keyring.errors.NoKeyringError):
            self.problem = "no keyring (password store) is available on this system"
        else:
            self.problem = f"the system keyring does not work ({type(exc).__name__})"
