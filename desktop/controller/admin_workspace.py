"""The administration window's Media, Macros, Profile fields and Workspace pages (issue
17 item 3; SPEC S9, M3, P4): built here, fed from the cache, their requests sent.

The pages show what the cache holds and are refreshed whenever the feed changes it (so
a change made in another app, or by the CLI, shows at once). Their requests go to the
server there and then (`desktop.sync.workspace_calls`); a refusal is said on the page in
the server's words, a success too; the feed then brings the change to the cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop.controller.admin_calls import attempt
from desktop.i18n import translate
from desktop.sync import api, workspace_calls
from desktop.views.admin.fields_page import FieldsPage
from desktop.views.admin.macros_page import MacrosPage
from desktop.views.admin.media_page import MediaPage
from desktop.views.admin.workspace_page import WorkspacePage

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from desktop.controller.session import SessionController
    from desktop.sync.changed import ChangedIds
    from desktop.sync.reads import CacheReader


WATCHED = {"integration", "customer_field", "macro", "workspace"}


class AdminWorkspace(QObject):
    """Owns the four pages' wiring; kept alive by its parent."""

    def __init__(
        self,
        reader: CacheReader,
        session: SessionController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._session = session
        self.media = MediaPage()
        self.fields = FieldsPage()
        self.workspace = WorkspacePage()
        self.macros = MacrosPage()
        if parent is None:
            self.setParent(self.media)
        self.media.connectRequested.connect(self.connect_medium)
        self.media.disconnectRequested.connect(self.disconnect_medium)
        self.fields.saveRequested.connect(self.save_field)
        self.fields.deleteRequested.connect(self.delete_field)
        self.fields.reorderRequested.connect(self.reorder_fields)
        self.workspace.saveRequested.connect(self.save_workspace)
        self.macros.saveRequested.connect(self.save_macro)
        self.macros.deleteRequested.connect(self.delete_macro)
        session.changed.connect(self.apply_changes)
        self.refresh(WATCHED)

    def pages(self) -> list[tuple[str, str, str, QWidget]]:
        return [
            ("media", translate("Admin", "Media"), "power-plug-outline", self.media),
            ("macros", translate("Admin", "Macros"), "lightning-bolt-outline", self.macros),
            ("fields", translate("Admin", "Profile fields"), "form-textbox", self.fields),
            (
                "workspace",
                translate("Admin", "Workspace"),
                "office-building-outline",
                self.workspace,
            ),
        ]

    # ---- the cache -> the pages ----

    def apply_changes(self, changed: ChangedIds) -> None:
        self.refresh(WATCHED if changed.reset else changed.reference & WATCHED)

    def refresh(self, what: set[str]) -> None:
        if "integration" in what:
            self.media.show_media(self._reader.reference("integration"))
        if "customer_field" in what:
            self.fields.show_fields(self._reader.reference("customer_field"))
        if "macro" in what:
            self.macros.show_macros(self._reader.reference("macro"))
        if "workspace" in what:
            workspace = self._reader.meta("workspace")
            self.workspace.show_workspace(
                workspace if isinstance(workspace, dict) else {}, force=False
            )

    # ---- media (S9) ----

    def connect_medium(
        self, medium: str, settings: dict[str, Any], secrets: dict[str, str]
    ) -> None:
        async def go(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
            await workspace_calls.connect_medium(client, headers, medium, settings, secrets)
            self.media.saved(medium)

        self._call(go, translate("Admin", "The medium was not saved"), self.media.refused)

    def disconnect_medium(self, medium: str) -> None:
        async def go(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
            await workspace_calls.disconnect_medium(client, headers, medium)
            self.media.disconnected(medium)

        self._call(go, translate("Admin", "The medium was not disconnected"), self.media.refused)

    # ---- profile fields (P4) ----

    def save_field(self, key: str, values: dict[str, Any]) -> None:
        async def go(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
            if key:
                row = await workspace_calls.edit_field(client, headers, key, values)
            else:
                row = await workspace_calls.create_field(client, headers, values)
            self.fields.saved(str(row.get("key") or key))

        self._call(go, translate("Admin", "The field was not saved"), self.fields.refused)

    def delete_field(self, key: str) -> None:
        async def go(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
            await workspace_calls.delete_field(client, headers, key)
            self.fields.done(translate("Admin", "Deleted; the customers' values are kept."))

        self._call(go, translate("Admin", "The field was not deleted"), self.fields.refused)

    def reorder_fields(self, keys: list[str]) -> None:
        """Positions 0, 1, 2... in the new order; only the fields that moved are sent."""
        held = {str(f.get("key")): f.get("position") for f in self.fields.fields}
        moved = [(k, i) for i, k in enumerate(keys) if held.get(k) != i]

        async def go(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
            for k, position in moved:
                await workspace_calls.edit_field(client, headers, k, {"position": position})
            self.fields.done(translate("Admin", "Order saved."))

        self._call(go, translate("Admin", "The order was not saved"), self.fields.refused)

    # ---- the workspace ----

    def save_workspace(self, change: dict[str, Any]) -> None:
        async def go(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
            row = await workspace_calls.update_workspace(client, headers, change)
            self.workspace.saved(row)

        self._call(go, translate("Admin", "The workspace was not saved"), self.workspace.refused)

    # ---- macros (M3) ----

    def save_macro(self, macro_id: str, name: str, body: str) -> None:
        async def go(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
            row = await workspace_calls.save_macro(client, headers, macro_id or None, name, body)
            self.macros.saved(row)

        self._call(go, translate("Admin", "The macro was not saved"), self.macros.refused)

    def delete_macro(self, macro_id: str) -> None:
        async def go(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
            await workspace_calls.delete_macro(client, headers, macro_id)
            self.macros.deleted()

        self._call(go, translate("Admin", "The macro was not deleted"), self.macros.refused)

    # ---- running a call ----

    def _call(
        self,
        act: Callable[[httpx.AsyncClient, dict[str, str]], Coroutine[Any, Any, None]],
        failed: str,
        refused: Callable[[str], None],
    ) -> None:
        engine = self._session.engine
        if engine is None:
            refused(translate("Admin", "{what}: not connected yet.").format(what=failed))
            return

        async def run() -> None:
            try:
                said = await attempt(engine, act, failed)
            except api.Unauthorized:
                said = translate("Admin", "{what}: you are no longer logged in.").format(
                    what=failed
                )
            if said is not None:
                refused(said)

        self._session.spawn(run(), failed)


def workspace_pages(
    reader: CacheReader, session_controller: SessionController, parent: QObject | None
) -> list[tuple[str, str, str, QWidget]]:
    """The four pages for the administration window: (key, title, icon name, page)."""
    return AdminWorkspace(reader, session_controller, parent).pages()
