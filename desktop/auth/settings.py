"""What the app remembers between runs besides its cache: the last login's server,
email, workspace and manager (to open the right cache at once, before the network), the
demo's identity, and until when notifications are paused. Never a token: tokens live in
the OS keyring (`tokens`).

A small JSON file in the platform's config folder, written atomically.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from desktop.sync.paths import APP_AUTHOR, APP_NAME

log = logging.getLogger(__name__)


def default_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def config_dir_from_env() -> Path:
    """SANGDAM_CONFIG_DIR moves the settings (portable installs, tests)."""
    folder = os.environ.get("SANGDAM_CONFIG_DIR")
    return Path(folder) if folder else default_config_dir()


@dataclass(frozen=True, slots=True)
class LastLogin:
    server_url: str
    email: str
    workspace_id: str = ""
    manager_id: str = ""

    @property
    def complete(self) -> bool:
        return bool(self.server_url and self.email and self.workspace_id and self.manager_id)


class Settings:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "settings.json"

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("ignoring an unreadable settings file %s", self.path)
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.path)

    def _login(self, key: str) -> LastLogin | None:
        raw = self._read().get(key)
        if not isinstance(raw, dict):
            return None
        try:
            return LastLogin(
                server_url=str(raw["server_url"]),
                email=str(raw["email"]),
                workspace_id=str(raw.get("workspace_id") or ""),
                manager_id=str(raw.get("manager_id") or ""),
            )
        except KeyError:
            return None

    def last(self) -> LastLogin | None:
        return self._login("last_login")

    def remember(self, login: LastLogin) -> None:
        data = self._read()
        data["last_login"] = asdict(login)
        self._write(data)

    def demo(self) -> LastLogin | None:
        return self._login("demo")

    def remember_demo(self, login: LastLogin) -> None:
        data = self._read()
        data["demo"] = asdict(login)
        self._write(data)

    def paused_until(self) -> datetime | None:
        """Until when notifications are paused (a pause outlives a restart), if later
        than now."""
        raw = self._read().get("notifications_paused_until")
        try:
            until = datetime.fromisoformat(str(raw)) if raw else None
        except ValueError:
            return None
        if until is None or until.tzinfo is None or until <= datetime.now().astimezone():
            return None
        return until

    def remember_pause(self, until: datetime | None) -> None:
        data = self._read()
        data["notifications_paused_until"] = until.isoformat() if until is not None else None
        self._write(data)

    # ---- preferences (the settings dialog) -----------------------------------------------

    def language(self) -> str:
        """The UI language the agent chose: "system" (the default: follow the OS), or a
        language code with a translation in resources/translations ("ko", "en")."""
        raw = self._read().get("language")
        return raw if isinstance(raw, str) and raw else "system"

    def set_language(self, code: str) -> None:
        data = self._read()
        data["language"] = code
        self._write(data)

    def notification_sound(self) -> bool:
        """Whether notifications play the system's sound (on by default)."""
        raw = self._read().get("notification_sound")
        return raw if isinstance(raw, bool) else True

    def set_notification_sound(self, on: bool) -> None:
        data = self._read()
        data["notification_sound"] = on
        self._write(data)
