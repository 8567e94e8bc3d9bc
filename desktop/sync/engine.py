"""The sync engine: cache, bootstrap, feed, outbox and pusher as one object for the app.

SPEC Y1-Y3. Start-up never waits for the network: with a cursor in the cache the engine
follows the feed from it at once (the UI already shows the cache); without one it
bootstraps, announcing each page as it lands. Every user action goes through the
outbox. The engine tells the UI what changed (`on_changed(ChangedIds)`), how sync is
doing (`on_status(Status)`), what the server refused (`on_refused(mutation, error)`)
and when the login is no longer accepted (`on_unauthorized()`): plain callables, which
the Qt layer adapts into signals. No Qt here.

All cache writes run in worker threads (`asyncio.to_thread`), big feed batches in
chunks of FEED_CHUNK, so the event loop (the GUI's, under qasync) is never held up by
the disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx

from desktop.sync import api, downloads
from desktop.sync.bootstrap import bootstrap
from desktop.sync.bulk import BulkResult, BulkTracker, mutation_args
from desktop.sync.bulk import check as check_bulk
from desktop.sync.cache import Cache
from desktop.sync.changed import ChangedIds
from desktop.sync.effects import Pending
from desktop.sync.file_check import FileCheck, LocalFile, check_files
from desktop.sync.follower import Backoff, FeedFollower, FollowerState
from desktop.sync.follower import Phase as FeedPhase
from desktop.sync.items import ChatItem, Draft, SearchResult, UploadItem
from desktop.sync.presence import PresenceBook
from desktop.sync.pusher import OnRefused, Pusher
from desktop.sync.rows import micros
from desktop.sync.status import Phase, Status
from desktop.sync.tus import Progress, TusClient
from desktop.sync.uploader import OnUploadProgress, Uploader
from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import MessageKind, MutationName
from protocol.limits import MAX_CHAT_IDS, MAX_SEARCH_PAGE

log = logging.getLogger(__name__)

FEED_CHUNK = 500  # feed entries per cache transaction
_CURRENT: Any = object()  # "what the cache shows now" for compare-and-set arguments


async def apply_feed(
    cache: Cache,
    changes: Sequence[Mapping[str, Any]],
    cursor: int,
    *,
    announce: Callable[[ChangedIds], None] = lambda changed: None,
    chunk: int = FEED_CHUNK,
) -> None:
    """The feed's apply path: chunks of `chunk` entries, each written with the cursor it
    reaches in one transaction in a worker thread, and announced as it commits. Stopping
    between chunks is safe: the stored cursor covers exactly what was written."""
    if not changes:
        announce(await asyncio.to_thread(cache.apply_changes, [], cursor))
        return
    for i in range(0, len(changes), chunk):
        part = changes[i : i + chunk]
        upto = cursor if i + chunk >= len(changes) else int(part[-1]["seq"])
        announce(await asyncio.to_thread(cache.apply_changes, part, upto))


class SyncEngine:
    """One login's sync. `await start()` returns at once; `await stop()` at the end."""

    def __init__(
        self,
        cache: Cache,
        token: str,
        *,
        server_url: str | None = None,
        client: httpx.AsyncClient | None = None,
        on_changed: Callable[[ChangedIds], None] | None = None,
        on_status: Callable[[Status], None] | None = None,
        on_refused: OnRefused | None = None,
        on_unauthorized: Callable[[], None] | None = None,
        on_upload_progress: OnUploadProgress | None = None,
        page_size: int = 200,
        ping_interval: float = 20.0,
        backoff: Backoff | None = None,
        autopush: bool = True,
        timeout: float = 30.0,
        owns_cache: bool = False,
        upload_concurrency: int = 3,
    ) -> None:
        """`client` is the app's one long-lived client (base_url set); without one the
        engine makes its own from `server_url` and closes it on stop. `ping_interval`
        must match the server's. `autopush=False` holds the outbox until `push_now()`
        (uploads still run). `on_upload_progress(upload_id, Progress)` hears every
        file being sent, ~10 times a second at most (more listeners: `watch_uploads`)."""
        if client is None:
            if server_url is None:
                raise ValueError("give server_url or client")
            client = httpx.AsyncClient(base_url=server_url, timeout=timeout)
            self._owns_client = True
        else:
            self._owns_client = False
        self.cache = cache
        self._client = client
        self._headers = {"Authorization": f"Bearer {token}"}
        self._token = token
        self._on_changed = on_changed
        self._on_status = on_status
        self._on_refused = on_refused
        self._on_unauthorized_cb = on_unauthorized
        self._page_size = page_size
        self._ping_interval = ping_interval
        self._backoff = backoff or Backoff()
        self._autopush = autopush
        self._owns_cache = owns_cache
        self._status = Status(Phase.STARTING)
        self._follower: FeedFollower | None = None
        self._main: asyncio.Task[None] | None = None
        self._push_task: asyncio.Task[None] | None = None
        self._stopping = False
        self._resync = False
        self._unauthorized = False
        self._bulk = BulkTracker()
        self.pusher = Pusher(
            cache,
            client,
            self._headers,
            announce=self._announce,
            on_refused=self._refused,
            on_unauthorized=self._unauthorized_now,
            on_failing=lambda reason, delay: self._set_status(send_error=reason),
            on_results=self._bulk.answered,
            on_renumbered=self._bulk.renumbered,
            backoff=self._backoff,
            timeout=timeout,
        )
        self.uploader = Uploader(
            cache,
            TusClient(client, self._headers, backoff=self._backoff, timeout=max(timeout, 60.0)),
            announce=self._announce,
            kick=self.pusher.kick,
            on_unauthorized=self._unauthorized_now,
            concurrency=upload_concurrency,
        )
        if on_upload_progress is not None:
            self.uploader.watch(on_upload_progress)
        self._files = downloads.FileCache(cache.path.with_name(cache.path.name + ".files"))
        self.presence = PresenceBook()  # who else views or types in a chat (issue 15)

    @classmethod
    def for_login(
        cls,
        server_url: str,
        token: str,
        workspace_id: str,
        manager_id: str,
        *,
        folder: Path | None = None,
        **options: Any,
    ) -> SyncEngine:
        """The engine of one login, on its cache in the platform's data folder; it
        closes the cache on stop."""
        cache = Cache.for_login(server_url, workspace_id, manager_id, folder=folder)
        return cls(cache, token, server_url=server_url, owns_cache=True, **options)

    # ---- lifecycle ---------------------------------------------------------------------

    @property
    def status(self) -> Status:
        return self._status

    @property
    def follower(self) -> FeedFollower | None:
        return self._follower

    async def start(self) -> None:
        """Begin syncing in the background; the cache is readable before and after."""
        if self._main is not None:
            raise RuntimeError("this engine has been started already")
        self._set_status(waiting=self.cache.reads.waiting())
        self._main = asyncio.create_task(self._run(), name="sangdam-sync")
        if self._autopush:
            self.push_now()
        await self.uploader.resume_all()  # a restarted app goes on with its files

    def push_now(self) -> None:
        """Send the outbox now (and from now on, if autopush was off)."""
        if self._push_task is None and not self._stopping and not self._unauthorized:
            self._push_task = asyncio.create_task(self.pusher.run(), name="sangdam-push")
        self.pusher.kick()

    async def stop(self) -> None:
        """Stop syncing. Whatever was written stays; whatever was not sent is sent by the
        next engine on this cache."""
        self._stopping = True
        if self._follower is not None:
            self._follower.stop()
        main = self._main
        following = (
            self._follower is not None and self._follower.state.phase is not FeedPhase.STOPPED
        )
        if main is not None and following:
            # The follower lets a batch being written finish, then returns by itself.
            with contextlib.suppress(TimeoutError, Exception):
                await asyncio.wait_for(asyncio.shield(main), 5)
        await self.uploader.stop()  # the rows stay: the next start resumes them
        for task in (self._push_task, main):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        if self._owns_client:
            await self._client.aclose()
        if self._owns_cache:
            await asyncio.to_thread(self.cache.close)
        if self._status.phase is not Phase.UNAUTHORIZED:
            self._set_status(phase=Phase.STOPPED, retry_in=None)

    async def _run(self) -> None:
        attempt = 0
        while not self._stopping:
            if not self.cache.get_meta().bootstrap_done:
                try:
                    await self._bootstrap()
                    attempt = 0
                except api.Unauthorized:
                    self._unauthorized_now()
                    return
                except Exception as exc:  # the network, the server, or (loudly) a bug
                    delay = self._backoff.delay(attempt)
                    attempt += 1
                    if isinstance(exc, httpx.TransportError | api.Retryable):
                        log.info("bootstrap failed (%s); retrying in %.1f s", exc, delay)
                    else:
                        log.exception("bootstrap failed; retrying in %.1f s", delay)
                    self._set_status(phase=Phase.OFFLINE, retry_in=delay, reason=str(exc))
                    await asyncio.sleep(delay)
                    continue
            cursor = self.cache.get_meta().cursor
            assert cursor is not None
            self._resync = False
            self._follower = FeedFollower(
                self._client,
                self._token,
                cursor=cursor,
                on_changes=self._on_changes,
                on_resync_required=self._on_resync,
                on_unauthorized=self._on_follower_unauthorized,
                on_state=self._on_follower_state,
                ping_interval=self._ping_interval,
                backoff=self._backoff,
                on_presence=self.presence.heard,
            )
            await self._follower.run()
            if self._stopping or self._unauthorized:
                return
            if self._resync:
                log.warning("the feed no longer reaches cursor %d: bootstrapping again", cursor)
                await asyncio.to_thread(self.cache.start_resync)
                continue
            return

    async def _bootstrap(self) -> None:
        def progress(chats: int) -> None:
            self._set_status(phase=Phase.BOOTSTRAPPING, chats=chats, retry_in=None, reason=None)

        await bootstrap(
            self.cache,
            self._client,
            self._headers,
            page_size=self._page_size,
            announce=self._announce,
            progress=progress,
        )

    # ---- the feed -------------------------------------------------------------------------

    async def _on_changes(self, changes: list[dict[str, Any]], cursor: int) -> None:
        live_from = self._follower.live_from if self._follower is not None else None
        missed = {
            str(c["id"])
            for c in changes
            if c["entity"] == "notification" and (live_from is None or c["seq"] <= live_from)
        }
        if not missed:
            await apply_feed(self.cache, changes, cursor, announce=self._announce)
            return

        def announce(changed: ChangedIds) -> None:
            changed.missed = missed.intersection(changed.notifications)
            self._announce(changed)

        await apply_feed(self.cache, changes, cursor, announce=announce)

    async def _on_resync(self) -> None:
        self._resync = True

    async def _on_follower_unauthorized(self) -> None:
        self._unauthorized_now()

    def _on_follower_state(self, state: FollowerState) -> None:
        match state.phase:
            case FeedPhase.CONNECTING:
                self._set_status(phase=Phase.CONNECTING, retry_in=None, reason=None)
            case FeedPhase.ONLINE:
                self._set_status(phase=Phase.ONLINE, retry_in=None, reason=None)
                self.pusher.kick()  # the server is back: do not wait out the push backoff
            case FeedPhase.RECONNECTING:
                self._set_status(phase=Phase.OFFLINE, retry_in=state.retry_in, reason=state.reason)
            case FeedPhase.STOPPED:
                pass  # _run decides what comes next

    # ---- user actions ---------------------------------------------------------------------

    async def mutate(
        self, name: str, args: Mapping[str, Any], *, drop_draft: str | None = None
    ) -> Pending:
        """Any mutation of `protocol.schemas.MUTATION_ARGS`: stored in the outbox
        with its effect (one transaction, with `drop_draft`: that chat's draft removed
        in it), announced, then sent."""
        pending, changed = await asyncio.to_thread(
            self.cache.enqueue, name, args, drop_draft=drop_draft
        )
        self._announce(changed)
        self.pusher.kick()
        return pending

    async def send_message(
        self,
        chat_id: str,
        text: str | None = None,
        *,
        blocks: list[dict[str, Any]] | None = None,
        kind: MessageKind | str = MessageKind.REPLY,
        mentions: Mapping[str, Any] | None = None,
        message_id: str | None = None,
        from_draft: bool = False,
    ) -> str:
        """A reply (or an internal note: kind="note"); returns the new message's id.
        `from_draft`: the composer's text, so the chat's stored draft goes with the same
        commit that stores the message. If files were attached to `message_id`
        (`attach_files`), they go with it: the message shows as pending with its files
        at once and goes to the outbox when the last one is up (`text` only, no
        `blocks`; raises uploads.UploadRefused if it was sent already)."""
        if message_id is not None and self.cache.reads.uploads(message_id):
            if blocks is not None:
                raise ValueError("a message with files takes text, not blocks")
            pending, changed = await asyncio.to_thread(
                self.cache.send_with_files,
                chat_id,
                message_id,
                text=text,
                kind=str(kind),
                mentions=mentions,
                drop_draft=from_draft,
            )
            self._announce(changed)
            if pending is not None:
                self.pusher.kick()
            return message_id
        mid = message_id or str(uuid.uuid4())
        args: dict[str, Any] = {
            "chat_id": chat_id,
            "message_id": mid,
            "kind": str(kind),
            "blocks": blocks or [{"type": "text", "text": text or ""}],
        }
        if mentions is not None:
            args["mentions"] = dict(mentions)
        await self.mutate(
            MutationName.SEND_MESSAGE, args, drop_draft=chat_id if from_draft else None
        )
        return mid

    async def announce(self, chat_id: str, what: str) -> bool:
        """Tell the other managers I view (or type in, or left) this chat: on the
        realtime socket, not the log; False offline (nothing is queued)."""
        follower = self._follower
        if follower is None:
            return False
        return await follower.send({"type": "presence", "chat_id": chat_id, "what": what})

    def http(self) -> tuple[httpx.AsyncClient, dict[str, str]]:
        """The session's client and headers, for the few calls outside the outbox
        (the chat's links, a permanent delete: `desktop.sync.chat_calls`)."""
        return self._client, self._headers

    async def save_draft(self, draft: Draft) -> None:
        """Store a chat's draft (SPEC M7) in a worker thread."""
        await asyncio.to_thread(self.cache.save_draft, draft)

    async def star(self, chat_id: str, starred: bool = True) -> Pending:
        return await self.mutate(MutationName.STAR, {"chat_id": chat_id, "starred": starred})

    async def mark_read(self, chat_id: str, read_seq: int | None = None) -> Pending:
        return await self.mutate(MutationName.MARK_READ, {"chat_id": chat_id, "read_seq": read_seq})

    async def assign(
        self, chat_id: str, assignee_id: str | None, *, expected: str | None = _CURRENT
    ) -> Pending:
        """Compare-and-set: `expected` defaults to the assignee the cache shows."""
        if expected is _CURRENT:
            expected = self._shown(chat_id, "assignee_id")
        args = {"chat_id": chat_id, "assignee_id": assignee_id, "expected_assignee_id": expected}
        return await self.mutate(MutationName.ASSIGN, args)

    async def set_team(
        self, chat_id: str, team_id: str | None, *, expected: str | None = _CURRENT
    ) -> Pending:
        if expected is _CURRENT:
            expected = self._shown(chat_id, "team_id")
        args = {"chat_id": chat_id, "team_id": team_id, "expected_team_id": expected}
        return await self.mutate(MutationName.SET_TEAM, args)

    async def set_state(
        self,
        chat_id: str,
        state: str,
        *,
        expected: str = _CURRENT,
        snooze_until: str | None = None,
    ) -> Pending:
        if expected is _CURRENT:
            expected = self._shown(chat_id, "state")
        args = {
            "chat_id": chat_id,
            "state": state,
            "expected_state": expected,
            "snooze_until": snooze_until,
        }
        return await self.mutate(MutationName.SET_STATE, args)

    async def follow(self, chat_id: str, manager_id: str | None = None) -> Pending:
        return await self.mutate(
            MutationName.FOLLOW, {"chat_id": chat_id, "manager_id": manager_id}
        )

    async def unfollow(self, chat_id: str, manager_id: str | None = None) -> Pending:
        args = {"chat_id": chat_id, "manager_id": manager_id}
        return await self.mutate(MutationName.UNFOLLOW, args)

    async def add_tag(self, chat_id: str, tag: str) -> Pending:
        return await self.mutate(MutationName.ADD_TAG, {"chat_id": chat_id, "tag": tag})

    async def remove_tag(self, chat_id: str, tag: str) -> Pending:
        return await self.mutate(MutationName.REMOVE_TAG, {"chat_id": chat_id, "tag": tag})

    async def set_description(self, chat_id: str, description: str) -> Pending:
        args = {"chat_id": chat_id, "description": description}
        return await self.mutate(MutationName.SET_DESCRIPTION, args)

    async def set_profile_field(self, customer_id: str, key: str, value: Any) -> Pending:
        args = {"customer_id": customer_id, "key": key, "value": value}
        return await self.mutate(MutationName.SET_PROFILE_FIELD, args)

    async def retry_failed(self, message_id: str) -> None:
        """Send a failed message again."""
        _, changed = await asyncio.to_thread(self.cache.retry_failed, message_id)
        self._announce(changed)
        self.pusher.kick()

    async def discard_failed(self, message_id: str) -> None:
        self._announce(await asyncio.to_thread(self.cache.discard_failed, message_id))

    async def load_messages(
        self, chat_id: str, before_seq: int | None = None, limit: int = 50
    ) -> bool:
        """Fetch a page of a chat's messages into the cache (C4: older ones as the agent
        scrolls up); returns whether older ones remain. Raises on network errors."""
        changed, more = await api.load_messages(
            self._client, self._headers, self.cache, chat_id, before=before_seq, limit=limit
        )
        self._announce(changed)
        return more

    async def fetch_chat(self, chat_id: str) -> bool:
        """Read one chat and its newest messages from the server into the cache (a
        `sangdam://` link to a chat the cache does not hold); returns whether the server
        has it for me (False: no such chat, or not in my workspace). Raises on network
        errors (httpx.HTTPError, api.Retryable, api.Unauthorized)."""
        self._announce(await api.refresh_chat(self._client, self._headers, self.cache, chat_id))
        return self.cache.reads.chat(chat_id) is not None

    async def mark_unread(self, chat_id: str) -> Pending:
        """My view of the chat becomes unread (in Unread, its badge at least 1) until
        it is read again."""
        return await self.mutate(MutationName.MARK_UNREAD, {"chat_id": chat_id})

    async def update_my_settings(self, **settings: Any) -> dict[str, Any]:
        """Change my own manager settings on the server, now: `operator_seat` (O2, O3),
        `available` (away or not, R1), `notify_unassigned` (S11), `max_auto_assign`.
        Not through the outbox: a switch that shows "on" while the server still routes
        nothing would mislead, so offline it fails and says so. The server's answer
        (my manager row) is written to the cache at once and announced (reference
        "manager"); the feed brings the same row later. Raises pydantic's
        ValidationError for an unknown setting or value (nothing sent),
        api.Unauthorized, api.Retryable or httpx.HTTPError."""
        body = s.ManagerSettings.model_validate(settings).model_dump(exclude_unset=True)
        r = await self._client.patch(f"/managers/{self.cache.me}", json=body, headers=self._headers)
        api.check(r)
        data: dict[str, Any] = r.json()
        self._announce(await asyncio.to_thread(self.cache.write_manager, data))
        return data

    async def save_macro(self, macro_id: str | None, name: str, body: str) -> dict[str, Any]:
        """Create (`macro_id` None) or change a macro of the workspace (M3), now: not
        through the outbox (the server checks the "manage macros" permission, and a
        refusal is said at once). The feed brings the row to every app. Raises
        api.Refused-like Retryable or httpx.HTTPError; pydantic's ValidationError for a
        bad name or body (nothing sent)."""
        payload = s.MacroIn(name=name, body=body).model_dump(mode="json")
        if macro_id:
            r = await self._client.put(f"/macros/{macro_id}", json=payload, headers=self._headers)
        else:
            r = await self._client.post("/macros", json=payload, headers=self._headers)
        if r.status_code == 403:
            raise PermissionError(api.error_message(r))
        api.check(r, 200, 201)
        data: dict[str, Any] = r.json()
        return data

    async def delete_macro(self, macro_id: str) -> None:
        r = await self._client.delete(f"/macros/{macro_id}", headers=self._headers)
        if r.status_code == 403:
            raise PermissionError(api.error_message(r))
        api.check(r, 204, 404)

    def me(self) -> dict[str, Any] | None:
        """My manager row as the cache holds it (seat, availability, switches)."""
        return next(
            (m for m in self.cache.reads.reference("manager") if m.get("id") == self.cache.me), None
        )

    # ---- triage (issue 14): search, bulk actions, "all N chats" ---------------------------

    def search(
        self,
        query: str,
        *,
        state: str | None = None,
        section: str | None = None,
        limit: int = 50,
    ) -> list[SearchResult]:
        """Chats whose customer name, tags or message text hold the query (L5), from
        the cache, newest first: a quick read, fine on the GUI thread as the agent
        types (see `search` for what matches). `state` None: any; `section` None: all.
        Messages the cache never loaded are for `search_server`."""
        return self.cache.reads.search(query, state=state, section=section, limit=limit)

    async def search_server(
        self,
        query: str,
        *,
        state: str | None = None,
        section: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> tuple[list[SearchResult], str | None]:
        """A page of the server's search (`GET /search`), which also sees messages the
        cache does not hold; pass the returned cursor back for the next page (None: no
        more). Chats found that the cache lacks are added to it, so they can be opened.
        Raises api.Unauthorized, api.Retryable or httpx.HTTPError (offline)."""
        params: dict[str, Any] = {
            "q": query,
            "state": state or "all",
            "limit": max(1, min(limit, MAX_SEARCH_PAGE)),
        }
        if section:
            params["section"] = section
        if cursor:
            params["cursor"] = cursor
        r = await self._client.get("/search", params=params, headers=self._headers)
        api.check(r)
        body = r.json()
        page = s.SearchPage.model_validate(body)
        raw = [dict(hit["chat"]) for hit in body["hits"]]  # stored as the server wrote it
        if raw:
            self._announce(await asyncio.to_thread(self.cache.add_found_chats, raw))
        held = self.cache.reads.chats_by_id("all", None, [str(c["id"]) for c in raw])
        results: list[SearchResult] = []
        for hit, chat in zip(page.hits, raw, strict=True):
            item = held.get(str(chat["id"])) or _item_of(chat)
            if not hit.matches:
                results.append(SearchResult(item, "message", "", (), source="server"))
                continue
            m = hit.matches[0]
            spans = tuple((int(a), int(b)) for a, b in m.spans)
            mid = str(m.message_id) if m.message_id is not None else None
            results.append(SearchResult(item, m.field, m.text, spans, mid, source="server"))
        return results, page.next_cursor

    async def all_matching_ids(
        self, section: str, state: str = "open"
    ) -> tuple[list[str], int, bool]:
        """Every chat of a section in a state, newest first, for "all N chats that
        match" (L2): (ids, total, truncated), at most MAX_CHAT_IDS ids. From the server
        (`GET /inbox/ids`); offline, from the cache. Raises api.Unauthorized."""
        params = {"section": section, "state": state}
        try:
            r = await self._client.get("/inbox/ids", params=params, headers=self._headers)
            api.check(r)
            page = s.ChatIds.model_validate(r.json())
            return [str(i) for i in page.ids], page.total, page.truncated
        except (httpx.TransportError, api.Retryable) as exc:
            log.info("chat ids from the cache (%s)", exc)
        reads = self.cache.reads
        ids = reads.chat_ids(section, state, limit=MAX_CHAT_IDS)
        total = reads.chat_count(section, state) if len(ids) == MAX_CHAT_IDS else len(ids)
        return ids, total, total > len(ids)

    async def bulk(self, action: str, chat_ids: Sequence[str], **args: Any) -> BulkResult:
        """One action on many chats (L2): assign (assignee_id), set_team (team_id),
        follow / unfollow (manager_id, default me), set_state (state, snooze_until),
        add_tag / remove_tag (tag), star (starred), mark_read, mark_unread. One outbox
        mutation per chat, all stored with their optimistic effects in one commit, so
        the list shows them at once, offline too; a chat the server refuses is rolled
        back alone. Compare-and-set actions expect what the cache shows for each chat.
        Returns at once with a `BulkResult` that hears, per chat, done or refused with
        the server's reason. Raises ValueError (unknown action or argument) or
        pydantic's ValidationError (a bad value): then nothing is stored."""
        check_bulk(action, args)
        result = BulkResult(action, chat_ids)
        mutations: list[tuple[str, dict[str, Any]]] = []
        targets: list[str] = []
        missing: list[str] = []
        held = await asyncio.to_thread(self.cache.reads.chats_by_id, "all", None, result.chat_ids)
        for chat_id in result.chat_ids:
            line = held.get(chat_id)
            try:
                shown = None if line is None else line.chat
                mutations.append((action, mutation_args(action, chat_id, shown, args)))
                targets.append(chat_id)
            except KeyError:
                missing.append(chat_id)
        for chat_id in missing:  # not in the cache: read it, if the server answers
            shown = None
            with contextlib.suppress(httpx.HTTPError, api.Retryable):
                if await self.fetch_chat(chat_id):
                    shown = self.cache.reads.chat(chat_id)
            if shown is None:
                error = s.ErrorDetail(
                    code=ErrorCode.NOT_FOUND,
                    message="This chat could not be read (deleted, or the app is offline).",
                )
                result.settle(chat_id, "refused", error)
                continue
            mutations.append((action, mutation_args(action, chat_id, shown, args)))
            targets.append(chat_id)
        if mutations:
            pending, changed = await asyncio.to_thread(self.cache.enqueue_many, mutations)
            for p, chat_id in zip(pending, targets, strict=True):
                result.track(p.mutation_id, chat_id)
            self._bulk.add(result)
            self._announce(changed)
            self.pusher.kick()
        return result

    # ---- files (issue 13) -----------------------------------------------------------------

    def check_files(self, paths: Sequence[Path | str], message_id: str | None = None) -> FileCheck:
        """Everything checked before a byte is sent (`file_check`), counting the files
        already attached to `message_id`. Pure and fast (no network)."""
        already = len(self.cache.reads.uploads(message_id)) if message_id else 0
        return check_files(paths, already=already)

    async def attach_files(
        self,
        chat_id: str,
        files: Sequence[LocalFile] | FileCheck,
        *,
        message_id: str | None = None,
    ) -> list[UploadItem]:
        """Attach checked files to the message `message_id` (a new one if None: read it
        from the items) and start sending them at once; persisted, so a restart resumes.
        Send the message with `send_message(chat_id, text, message_id=...)`. Raises
        uploads.UploadRefused past 10 files or for a message already sent."""
        if isinstance(files, FileCheck):
            files = files.accepted
        mid = message_id or str(uuid.uuid4())
        added, changed = await asyncio.to_thread(self.cache.add_uploads, chat_id, mid, files)
        self._announce(changed)
        self.uploader.start(added)
        return added

    def uploads(self, message_id: str) -> list[UploadItem]:
        """A message's files (being written or waiting), in order (a fast read)."""
        return self.cache.reads.uploads(message_id)

    def upload_progress(self, upload_id: str) -> Progress | None:
        """Where a file being sent is (memory; None when it is not running)."""
        return self.uploader.progress(upload_id)

    def watch_uploads(self, listener: OnUploadProgress) -> Callable[[], None]:
        """Hear `(upload_id, Progress)` for every file sent, ~10/s at most; returns
        the way to stop. State changes (done, failed) come as `on_changed` with
        `ChangedIds.uploads` (message ids): re-read `uploads(message_id)` then."""
        return self.uploader.watch(listener)

    async def cancel_upload(self, upload_id: str) -> None:
        """Stop a file and remove its bytes from the server; it stays, cancelled, for a
        retry or a remove (its message waits)."""
        await self.uploader.cancel(upload_id)

    async def retry_upload(self, upload_id: str) -> UploadItem | None:
        """Send a failed (e.g. upload_expired) or cancelled file again, as a new upload."""
        return await self.uploader.retry(upload_id)

    async def remove_upload(self, upload_id: str) -> None:
        """Take a file off its message; a sent message then goes without it (or, with
        no text and no other file, is dropped)."""
        await self.uploader.remove(upload_id)

    async def download_files(
        self,
        files: Sequence[str | Mapping[str, Any]],
        folder: Path,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> list[Path]:
        """Download files (FileRef dicts of a FilesBlock, or bare ids) into `folder`,
        under safe names, never overwriting ("name (2).ext"); progress over them all.
        Raises downloads.DownloadError (with `.done`), api.Unauthorized."""
        return await downloads.download_files(
            self._client, self._headers, files, folder, on_progress, backoff=self._backoff
        )

    def cached_file(self, file_id: str) -> Path | None:
        """A shown file already on disk (no network): for painting at once."""
        return self._files.cached(file_id)

    async def fetch_file(
        self, file_id: str, *, name: str | None = None, max_bytes: int = downloads.FETCH_MAX
    ) -> Path:
        """A file to show (a thumbnail's image, the viewer), fetched once into the
        login's data folder (size-capped, least recently used go first). Raises
        downloads.DownloadError (too_large over `max_bytes`, not_found, ...)."""
        return await self._files.get(
            self._client, self._headers, file_id, name=name, max_bytes=max_bytes
        )

    def _shown(self, chat_id: str, field: str) -> Any:
        chat = self.cache.reads.chat(chat_id)
        if chat is None:
            raise KeyError(f"chat {chat_id} is not in the cache: pass `expected`")
        return chat.get(field)

    # ---- telling the UI ----------------------------------------------------------------

    def _announce(self, changed: ChangedIds) -> None:
        if changed.outbox:
            self._set_status(waiting=self.cache.reads.waiting())
        if changed and self._on_changed is not None:
            try:
                self._on_changed(changed)
            except Exception:  # a UI bug must not stop sync
                log.exception("on_changed failed")

    def _refused(self, mutation: Pending, error: s.ErrorDetail) -> None:
        if self._on_refused is not None:
            self._on_refused(mutation, error)

    def _unauthorized_now(self) -> None:
        if self._unauthorized:
            return
        self._unauthorized = True
        self._set_status(phase=Phase.UNAUTHORIZED, retry_in=None, reason="log in again")
        if self._follower is not None:
            self._follower.stop()
        if self._push_task is not None and self._push_task is not asyncio.current_task():
            self._push_task.cancel()
        if self._on_unauthorized_cb is not None:
            try:
                self._on_unauthorized_cb()
            except Exception:
                log.exception("on_unauthorized failed")

    def _set_status(self, **changes: Any) -> None:
        if (
            self._unauthorized
            and changes.get("phase", Phase.UNAUTHORIZED) is not Phase.UNAUTHORIZED
        ):
            changes.pop("phase")
        new = dataclasses.replace(self._status, **changes)
        if new == self._status:
            return
        self._status = new
        if self._on_status is not None:
            try:
                self._on_status(new)
            except Exception:
                log.exception("on_status failed")


def _item_of(chat: Mapping[str, Any]) -> ChatItem:
    """A list line for a chat the cache does not hold (no customer or state yet)."""
    return ChatItem(
        id=str(chat["id"]),
        sort_us=micros(chat.get("last_message_at")),
        chat=dict(chat),
        customer_name="",
        customer_avatar=None,
        starred=False,
        unread_count=0,
        mentioned=False,
    )
