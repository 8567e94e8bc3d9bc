"""A bulk action's outcome (SPEC L2): what the triage controller reports and the bulk
bar's report panel shows. Plain values, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Failure:
    chat_id: str
    name: str  # the customer's name (plain text)
    reason: str  # translated where the code says it all


@dataclass(slots=True)
class BulkReport:
    """One bulk action's outcome so far: `done` chats changed (or already so), the
    refused ones with their reasons, and how many wait for the server."""

    what: str  # the action, in words ("Close")
    total: int
    done: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def waiting(self) -> int:
        return self.total - self.done - len(self.failures)

    @property
    def finished(self) -> bool:
        return self.waiting == 0
