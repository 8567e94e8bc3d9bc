"""The object graph one worker builds at start-up; routers reach it through `request.app`."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from server import jobs
from server.auth.service import AuthService
from server.config import Settings
from server.connectors.outbox import Outbox
from server.connectors.outbox import run_forever as run_outbox
from server.connectors.senders import default_registry
from server.connectors.service import ConnectorService
from server.customers.cursors import Cursors
from server.customers.limits import PublicLimits
from server.customers.service import CustomerService
from server.db.database import Database
from server.inbox.service import InboxService
from server.macros.service import MacroService
from server.mail.replies import MailReplySender
from server.managers.people import PeopleService
from server.managers.service import ManagerService
from server.media.secrets import Sealer
from server.media.service import MediaService
from server.ratelimit import Windows, make_windows
from server.sync.doorbell import Doorbell, make_doorbell
from server.sync.push import PushService
from server.sync.realtime import Hub
from server.sync.retention import prune_forever
from server.teams.service import TeamService
from server.uploads.service import UploadService
from server.uploads.storage import LocalStorage
from server.workspace.fields import FieldService
from server.workspace.settings import WorkspaceService


@dataclass
class Services:
    settings: Settings
    db: Database
    doorbell: Doorbell
    hub: Hub
    auth: AuthService
    push: PushService
    customers: CustomerService
    managers: ManagerService
    people: PeopleService  # admins: invitations, roles, deactivation (issue 17)
    teams: TeamService
    macros: MacroService
    media: MediaService
    fields: FieldService
    workspace: WorkspaceService
    inbox: InboxService
    uploads: UploadService
    connectors: ConnectorService  # external media's webhooks in (U3)
    outbox: Outbox  # replies out to external media (U3)
    windows: Windows  # rate-limit counts: Redis (shared) or this worker's memory
    _jobs: list[asyncio.Task[None]] = field(default_factory=list)

    @classmethod
    def build(cls, settings: Settings) -> Services:
        # First: a server on PostgreSQL without its media key stops here, saying so.
        sealer = Sealer(settings.media_key_bytes())
        db = Database(settings.database_url, pool_size=settings.db_pool_size)
        doorbell = make_doorbell(settings.doorbell, settings.database_url, settings.redis_url)
        hub = Hub(
            db,
            ping_interval=settings.ping_interval.total_seconds(),
            head_poll=settings.head_poll_interval.total_seconds(),
            buffer_bytes=settings.hub_buffer_bytes,
        )
        doorbell.listen(hub.ring)
        windows = make_windows(settings.doorbell, settings.redis_url)
        # Login attempts: with Redis, or on SQLite (one writer: a row per attempt would
        # queue every push of the worker behind a login flood), in `windows`; on
        # PostgreSQL without Redis, in the database its workers share.
        shared = settings.doorbell == "redis" or db.engine.dialect.name == "sqlite"
        auth = AuthService(db, settings, windows if shared else None)
        uploads = UploadService(
            db,
            LocalStorage(settings.files_path()),
            settings.upload_deadline,
            settings.unsent_upload_keep,
        )
        limits = PublicLimits(settings, windows)
        senders = default_registry(settings)  # replies out to external media (U3)
        senders.register(MailReplySender(db, sealer, uploads))
        return cls(
            settings=settings,
            db=db,
            doorbell=doorbell,
            hub=hub,
            auth=auth,
            push=PushService(db, doorbell),
            customers=CustomerService(db, auth, doorbell, limits, Cursors(settings.cursor_key())),
            managers=ManagerService(db, doorbell),
            people=PeopleService(db, doorbell, auth),
            teams=TeamService(db, doorbell),
            macros=MacroService(db, doorbell),
            media=MediaService(db, doorbell, sealer),
            fields=FieldService(db, doorbell),
            workspace=WorkspaceService(db, doorbell),
            inbox=InboxService(db, auth, doorbell, uploads),
            uploads=uploads,
            connectors=ConnectorService(db, doorbell, sealer, limits, settings, uploads.storage),
            outbox=Outbox(
                db,
                doorbell,
                sealer,
                senders,
                attempts=settings.outbound_attempts,
                backoff=settings.outbound_backoff,
            ),
            windows=windows,
        )

    async def start(self) -> None:
        await self.doorbell.start()
        every = self.settings.job_interval.total_seconds()
        self._jobs += [
            asyncio.create_task(
                prune_forever(
                    self.db,
                    self.settings.retain_changes,
                    every=600.0,
                    visitor_idle=self.settings.visitor_idle,
                )
            ),
            asyncio.create_task(
                jobs.run_forever(self.db, self.doorbell, self.uploads, every=every)
            ),
            asyncio.create_task(
                run_outbox(self.outbox, every=self.settings.outbound_interval.total_seconds())
            ),
            asyncio.create_task(
                self.auth.watch_sessions(self.settings.session_check_interval.total_seconds())
            ),
        ]

    async def stop(self) -> None:
        for job in self._jobs:
            job.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await job
        await self.hub.close()
        await self.doorbell.stop()
        await self.windows.close()
        await self.db.dispose()
