"""The login token in the operating system's keyring (SPEC Y4), never in a file.

Service "sangdam", username "<server url>|<email>". Where the system offers no keyring
(no Secret Service on a bare Linux, a locked or broken one), the token is kept in memory
for this run only and `problem` says why, for the window to tell the agent that the
login cannot be remembered.
"""

from __future__ import annotations

import logging

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import fail

from desktop.sync.paths import normal_url

log = logging.getLogger(__name__)

SERVICE = "sangdam"


def username(server_url: str, email: str) -> str:
    return f"{normal_url(server_url)}|{email.strip().lower()}"


class TokenStore:
    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend if backend is not None else keyring.get_keyring()
        self._memory: dict[str, str] = {}
        self.problem: str | None = None  # why logins are not remembered (None: they are)
        if isinstance(self._backend, fail.Keyring):
            self.problem = "no keyring (password store) is available on this system"

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        return self._backend

    @property
    def remembers(self) -> bool:
        return self.problem is None

    def get(self, server_url: str, email: str) -> str | None:
        user = username(server_url, email)
        if user in self._memory:
            return self._memory[user]
        if self.problem is not None:
            return None
        try:
            return self._backend.get_password(SERVICE, user)
        except Exception as exc:  # any backend failure: keep working without it
            self._give_up(exc)
            return None

    def set(self, server_url: str, email: str, token: str) -> bool:
        """Store the token; False: kept for this run only (see `problem`)."""
        user = username(server_url, email)
        if self.problem is None:
            try:
                self._backend.set_password(SERVICE, user, token)
                self._memory.pop(user, None)
                return True
            except Exception as exc:
                self._give_up(exc)
        self._memory[user] = token
        return False

    def delete(self, server_url: str, email: str) -> None:
        user = username(server_url, email)
        self._memory.pop(user, None)
        if self.problem is not None:
            return
        try:
            self._backend.delete_password(SERVICE, user)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored
        except Exception as exc:
            log.warning("could not delete the token from the keyring: %s", exc)

    def _give_up(self, exc: Exception) -> None:
        log.warning("the keyring does not work (%s): logins are kept for this run only", exc)
        self.problem = f"the system keyring does not work ({type(exc).__name__})"
