"""The engine's "changed" news, coalesced for the GUI thread.

A catch-up writes the feed in chunks of hundreds of entries, each announced as it
commits; re-reading the models and repainting for every chunk costs the GUI thread (and,
through the GIL, the writer) far more than doing it once for several. So, as Nheko and
NeoChat do: a small change (one live message, one of the agent's own actions) is told at
once, as before; a big one right after a quiet spell too (the first chunk shows at once);
big ones arriving within INTERVAL_MS of the last telling are merged and told together
when the interval is up. Nothing is dropped: the merged ChangedIds names every row any of
them named, and the models re-read those rows from the cache, which already holds the
newest data, so one telling of the merge leaves them as a telling of each would.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer

from desktop.sync.changed import ChangedIds

INTERVAL_MS = 50  # at most one telling of big changes per this long (below what one notices)
SMALL = 16  # ids: at most this many is one event or action, told at once


def size(changed: ChangedIds) -> int:
    """How many rows the change names (a reset counts as big)."""
    if changed.reset:
        return SMALL + 1
    return (
        len(changed.chats)
        + len(changed.deleted_chats)
        + sum(len(ids) for ids in changed.messages.values())
        + len(changed.chat_states)
        + len(changed.customers)
        + len(changed.reference)
        + len(changed.counts)
        + len(changed.notifications)
    )


class ChangeCoalescer(QObject):
    """Calls `deliver` with the changes given to `add`, merging big ones that come faster
    than one per `interval_ms`."""

    def __init__(
        self,
        deliver: Callable[[ChangedIds], None],
        *,
        interval_ms: int = INTERVAL_MS,
        small: int = SMALL,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._deliver = deliver
        self._interval = interval_ms / 1000
        self._small = small
        self._pending: ChangedIds | None = None
        self._last = float("-inf")  # when the last telling ended (time.monotonic)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        """Whether changes are waiting to be told."""
        return self._pending is not None

    def add(self, changed: ChangedIds) -> None:
        if self._pending is not None:
            self._pending.merge(changed)
            if size(changed) <= self._small:
                self.flush()  # the agent's own action shows now, with what was waiting
            return
        wait = self._last + self._interval - time.monotonic()
        if size(changed) <= self._small or wait <= 0:
            self._tell(changed)
            return
        self._pending = ChangedIds()
        self._pending.merge(changed)  # a copy: the caller's object stays as it was
        self._timer.start(max(1, round(wait * 1000)))

    def flush(self) -> None:
        """Tell what is waiting now."""
        self._timer.stop()
        changed, self._pending = self._pending, None
        if changed is not None:
            self._tell(changed)

    def discard(self) -> None:
        """Forget what waits (the window is closing: nothing is left to tell)."""
        self._timer.stop()
        self._pending = None

    def _tell(self, changed: ChangedIds) -> None:
        try:
            self._deliver(changed)
        finally:
            self._last = time.monotonic()
