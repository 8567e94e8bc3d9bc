"""Sending the outbox: `POST /sync/push`, in order, in batches, until it is empty.

The server applies each (client id, mutation id) once and stores its answer, so
resending is always safe: after a timeout, a lost response, or a kill between send and
commit, the pusher simply sends what is still pending and gets the stored results. It
never drops a row on a network error; it waits (full-jitter backoff) and tries again,
or sooner when kicked (a new action, the feed reconnecting).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable, Sequence

import httpx

from desktop.sync import api
from desktop.sync.cache import Cache
from desktop.sync.changed import ChangedIds
from desktop.sync.effects import Pending
from desktop.sync.follower import Backoff
from protocol import schemas as s

log = logging.getLogger(__name__)

BATCH = 50  # mutations per push (the server takes up to 100)
MAX_BATCH_BYTES = 512 * 1024  # the server refuses bodies over 1 MiB

OnRefused = Callable[[Pending, s.ErrorDetail], None]
OnResults = Callable[[Sequence[s.MutationResult]], None]
OnRenumbered = Callable[[dict[int, int]], None]


class Pusher:
    """Drains the outbox whenever kicked; one per engine, run as one task."""

    def __init__(
        self,
        cache: Cache,
        client: httpx.AsyncClient,
        headers: dict[str, str],
        *,
        announce: Callable[[ChangedIds], None],
        on_refused: OnRefused,
        on_unauthorized: Callable[[], None],
        on_failing: Callable[[str | None, float | None], None] = lambda reason, delay: None,
        on_results: OnResults = lambda results: None,
        on_renumbered: OnRenumbered = lambda renumbered: None,
        backoff: Backoff | None = None,
        batch: int = BATCH,
        timeout: float = 30.0,
    ) -> None:
        self._cache = cache
        self._client = client
        self._headers = headers
        self._announce = announce
        self._on_refused = on_refused
        self._on_unauthorized = on_unauthorized
        self._on_failing = on_failing
        self._on_results = on_results
        self._on_renumbered = on_renumbered
        self._backoff = backoff or Backoff()
        self._batch = batch
        self._timeout = timeout
        self._wake = asyncio.Event()
        self._refetch: set[str] = set()
        self.pushes = 0  # requests made (diagnostics, tests)

    def kick(self) -> None:
        """Try now (a new action; the connection came back)."""
        self._wake.set()

    async def run(self) -> None:
        """Until cancelled or unauthorized."""
        attempt = 0
        while True:
            self._wake.clear()
            try:
                await self._refresh_chats()
                await self.drain()
            except api.Unauthorized as exc:
                log.warning("push refused the token: %s", exc)
                self._on_unauthorized()
                return
            except Exception as exc:  # the network, the server, or (loudly) a bug
                delay = self._backoff.delay(attempt)
                attempt += 1
                if isinstance(exc, httpx.TransportError | api.Retryable):
                    log.info("push failed (%s); retrying in %.1f s", exc, delay)
                else:  # a bug or a broken disk: say so loudly, keep the outbox, retry
                    log.exception("push failed unexpectedly; retrying in %.1f s", delay)
                self._on_failing(str(exc) or type(exc).__name__, delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), delay)
                continue
            if attempt:
                attempt = 0
                self._on_failing(None, None)
            await self._wake.wait()

    async def drain(self) -> None:
        """Push until nothing is pending; raises on the first failure."""
        while True:
            batch = self._next_batch()
            if not batch:
                return
            body = {
                "client_id": self._cache.client_id,
                "mutations": [
                    {"mutation_id": p.mutation_id, "name": p.name, "args": p.args} for p in batch
                ],
            }
            r = await self._client.post(
                "/sync/push", json=body, headers=self._headers, timeout=self._timeout
            )
            self.pushes += 1
            api.check(r)
            resp = s.PushResponse.model_validate(r.json())
            outcome, changed = await asyncio.to_thread(self._cache.record_results, resp.results)
            self._announce(changed)
            try:
                self._on_results(resp.results)
            except Exception:
                log.exception("on_results failed")
            for p, error in outcome.refused:
                log.info("mutation %d (%s) refused: %s", p.mutation_id, p.name, error.message)
                try:
                    self._on_refused(p, error)
                except Exception:
                    log.exception("on_refused failed")
            self._refetch |= outcome.refetch
            await self._refresh_chats()
            if resp.expected_mutation_id is not None:
                await self._resend_from(resp.expected_mutation_id)
            elif not resp.results:
                raise api.Retryable("the server processed none of the batch")

    def _next_batch(self) -> list[Pending]:
        batch: list[Pending] = []
        size = 0
        for p in self._cache.outbox_pending(self._batch):
            size += len(json.dumps(p.args, ensure_ascii=False)) + 80
            if batch and size > MAX_BATCH_BYTES:
                break
            batch.append(p)
        return batch

    async def _resend_from(self, expected: int) -> None:
        """The server stopped at a gap: it expects `expected` next. If we still hold it,
        the next batch starts there anyway (what it had is answered from its store); if
        not, the server lost what we no longer have, and only a new client id helps."""
        held = {p.mutation_id: p for p in self._cache.outbox()}
        if expected in held:
            if held[expected].status != "pending":
                self._announce(await asyncio.to_thread(self._cache.resend_from, expected))
            return
        log.error("the server expects mutation %d, which is gone: new client id", expected)
        renumbered, changed = await asyncio.to_thread(self._cache.rotate_client)
        self._announce(changed)
        self._on_renumbered(renumbered)

    async def _refresh_chats(self) -> None:
        """Re-read refused mutations' chats from the server (kept for later if offline)."""
        for chat_id in sorted(self._refetch):
            changed = await api.refresh_chat(self._client, self._headers, self._cache, chat_id)
            self._refetch.discard(chat_id)
            self._announce(changed)
