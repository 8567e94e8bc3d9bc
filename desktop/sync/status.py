"""The one line the status bar shows about sync, as plain data the Qt side can render."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Phase(StrEnum):
    STARTING = "starting"
    BOOTSTRAPPING = "bootstrapping"  # loading the inbox: `chats` so far
    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"  # not connected: `retry_in` says when it tries again
    UNAUTHORIZED = "unauthorized"  # log in again
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class Status:
    phase: Phase
    waiting: int = 0  # actions in the outbox not yet acknowledged by the server
    retry_in: float | None = None  # seconds until the next attempt (OFFLINE)
    chats: int = 0  # chats written by the bootstrap so far (BOOTSTRAPPING)
    reason: str | None = None  # why it is offline or stopped
    send_error: str | None = None  # why the last push failed (retried with backoff)

    def describe(self) -> str:
        """English text for logs and tests; the UI translates from the fields."""
        match self.phase:
            case Phase.BOOTSTRAPPING:
                text = f"loading the inbox: {self.chats} chats"
            case Phase.OFFLINE:
                text = "offline"
                if self.retry_in is not None:
                    text += f", reconnecting in {self.retry_in:.0f} s"
            case _:
                text = self.phase.value
        if self.waiting:
            text += f", {self.waiting} waiting to send"
            if self.send_error and self.phase is Phase.ONLINE:
                text += f" (sending failed: {self.send_error})"
        return text
