"""One call of the administration window to the server, and what it says when the call
does not go through: the server's refusal in the agent's words, or that the server
cannot be reached. Shared by the Teams and Managers pages (desktop.controller.admin) and
the workspace's pages (desktop.controller.admin_workspace)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx

from desktop.controller.errors import error_text
from desktop.i18n import translate
from desktop.sync import api
from desktop.sync.chat_calls import CallRefused
from desktop.sync.engine import SyncEngine

log = logging.getLogger(__name__)

Act = Callable[[httpx.AsyncClient, dict[str, str]], Coroutine[Any, Any, Any]]


async def attempt(engine: SyncEngine, act: Act, failed: str) -> str | None:
    """Run `act` with the engine's client: None when it went through, else the sentence
    to show (`failed` is what did not happen, e.g. "The team was not created")."""
    client, headers = engine.http()
    try:
        await act(client, headers)
    except CallRefused as exc:
        return f"{failed}: {error_text(exc.code, exc.message)}"
    except (httpx.TransportError, api.Retryable) as exc:
        log.info("%s: %s", failed, exc)
        return translate("Admin", "{what}: the server cannot be reached now.").format(what=failed)
    return None
