"""The administration window's controller (issue 17; SPEC O3, O4, R1-R4).

The menu item shows only while my own manager row (the cache's) says admin or owner,
and follows my role live. One window, brought to front when opened again. Each page's
requests become `people_calls` (not queued: the server says yes or no there and then);
the change feed brings every result back through the directory, and a refusal is shown
in the window with the server's reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.i18n import translate

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine
    from typing import Any

    from PySide6.QtWidgets import QWidget

    from desktop.controller.session import SessionController
    from desktop.models.directory import Directory
    from desktop.sync.engine import SyncEngine
    from desktop.views.admin.managers_page import ManagersPage
    from desktop.views.admin.teams_page import TeamsPage
    from desktop.views.admin.window import AdminWindow
    from desktop.views.main_window import MainWindow


ADMIN_ROLES = ("admin", "owner")


class AdminController(QObject):
    done = Signal(str)  # what was asked, after the server said yes (tests wait on it)
    failed = Signal(str)  # the sentence shown

    def __init__(
        self,
        session: SessionController,
        directory: Directory,
        window: MainWindow,
        parent: QObject | None = None,
        more_pages: Callable[[QObject], list[tuple[str, str, str, QWidget]]] | None = None,
    ) -> None:
        """`more_pages(window)`: the workspace's own pages (media, macros, profile fields,
        its settings: desktop.controller.admin_workspace), added after Teams and Managers."""
        super().__init__(parent)
        self._more_pages = more_pages
        self._session = session
        self._directory = directory
        self._main = window
        self.window: AdminWindow | None = None
        self.teams: TeamsPage | None = None
        self.managers: ManagersPage | None = None
        self._people = len(directory.managers)
        window.admin_action.triggered.connect(self.open)
        directory.changed.connect(self._directory_changed)
        self._role_changed()

    def _directory_changed(self) -> None:
        self._role_changed()
        # Someone joined (an invitation accepted, here or in another admin's app): the
        # pending invitations shown are read again, since they are not in the change feed.
        people = len(self._directory.managers)
        if people != self._people:
            self._people = people
            if self.managers is not None and self.managers.isVisible():
                self.managers.invitationsWanted.emit()

    # ---- who may ---------------------------------------------------------------------------

    @property
    def allowed(self) -> bool:
        me = self._directory.managers.get(self._directory.me)
        return me is not None and str(me.get("role")) in ADMIN_ROLES

    def _role_changed(self) -> None:
        allowed = self.allowed
        self._main.admin_action.setVisible(allowed)
        self._main.admin_action.setEnabled(allowed)
        if not allowed and self.window is not None and self.window.isVisible():
            self.window.close()

    # ---- the window ------------------------------------------------------------------------

    def open(self) -> AdminWindow | None:
        if not self.allowed:
            return None
        if self.window is None:
            self.window = self._build()
        self.window.bring_to_front()
        return self.window

    def _build(self) -> AdminWindow:
        from desktop.views.admin.managers_page import ManagersPage
        from desktop.views.admin.teams_page import TeamsPage
        from desktop.views.admin.window import AdminWindow

        window = AdminWindow(parent=self._main)
        teams = TeamsPage(self._directory, window)
        managers = ManagersPage(self._directory, window)
        window.add_page("teams", translate("Admin", "Teams"), "account-group", teams)
        window.add_page("managers", translate("Admin", "Managers"), "account-cog", managers)
        self.teams, self.managers = teams, managers
        self._wire_teams(teams)
        self._wire_managers(managers)
        for key, title, icon_name, page in self._more_pages(window) if self._more_pages else []:
            window.add_page(key, title, icon_name, page)
        return window

    def _wire_teams(self, page: TeamsPage) -> None:
        from desktop.sync import people_calls as c

        def create(name: str) -> None:
            async def go(client: Any, h: dict[str, str]) -> None:
                team_id = await c.create_team(client, h, name, [])
                page.select(team_id)

            self._call("create_team", go, translate("Admin", "The team was not created"))

        page.createRequested.connect(create)
        page.renameRequested.connect(
            lambda t, name: self._call(
                "rename_team",
                lambda cl, h: c.update_team(cl, h, t, name=name),
                translate("Admin", "The team was not renamed"),
            )
        )
        page.deleteRequested.connect(
            lambda t: self._call(
                "delete_team",
                lambda cl, h: c.delete_team(cl, h, t),
                translate("Admin", "The team was not deleted"),
            )
        )
        page.autoAssignRequested.connect(
            lambda t, on: self._call(
                "auto_assign",
                lambda cl, h: c.update_team(cl, h, t, auto_assign=on),
                translate("Admin", "Automatic assignment was not changed"),
            )
        )
        page.memberAddRequested.connect(
            lambda t, m: self._call(
                "add_member",
                lambda cl, h: c.add_member(cl, h, t, m),
                translate("Admin", "The member was not added"),
            )
        )
        page.memberRemoveRequested.connect(
            lambda t, m: self._call(
                "remove_member",
                lambda cl, h: c.remove_member(cl, h, t, m),
                translate("Admin", "The member was not removed"),
            )
        )
        page.rotaRequested.connect(
            lambda t, m, on: self._call(
                "rota",
                lambda cl, h: c.update_member(cl, h, t, m, rota=on),
                translate("Admin", "The rota was not changed"),
            )
        )
        page.maxChatsRequested.connect(
            lambda t, m, n: self._call(
                "max_chats",
                lambda cl, h: c.update_member(cl, h, t, m, max_auto_assign=n),
                translate("Admin", "The maximum of chats was not changed"),
            )
        )

    def _wire_managers(self, page: ManagersPage) -> None:
        from desktop.sync import people_calls as c

        page.roleRequested.connect(
            lambda m, role: self._call(
                "role",
                lambda cl, h: c.set_role(cl, h, m, role),
                translate("Admin", "The role was not changed"),
            )
        )
        page.permissionsRequested.connect(
            lambda m, perms: self._call(
                "permissions",
                lambda cl, h: c.set_permissions(cl, h, m, list(perms)),
                translate("Admin", "The permissions were not changed"),
            )
        )
        page.seatRequested.connect(
            lambda m, on: self._call(
                "seat",
                lambda cl, h: c.set_seat(cl, h, m, on),
                translate("Admin", "The operator seat was not changed"),
            )
        )
        page.deactivateRequested.connect(
            lambda m: self._call(
                "deactivate",
                lambda cl, h: c.deactivate(cl, h, m),
                translate("Admin", "The manager was not deactivated"),
            )
        )
        page.reactivateRequested.connect(
            lambda m: self._call(
                "reactivate",
                lambda cl, h: c.reactivate(cl, h, m),
                translate("Admin", "The manager was not reactivated"),
            )
        )

        def invite(email: str, role: str) -> None:
            async def go(client: Any, h: dict[str, str]) -> None:
                made = await c.invite(client, h, email, role)
                page.show_invitation(made.email, made.link)
                page.set_invitations(await c.invitations(client, h))

            self._call("invite", go, translate("Admin", "The invitation was not made"))

        def pending() -> None:
            async def go(client: Any, h: dict[str, str]) -> None:
                page.set_invitations(await c.invitations(client, h))

            self._call("invitations", go, translate("Admin", "The invitations could not be read"))

        def withdraw(invitation_id: str) -> None:
            async def go(client: Any, h: dict[str, str]) -> None:
                await c.withdraw(client, h, invitation_id)
                page.set_invitations(await c.invitations(client, h))

            self._call("withdraw", go, translate("Admin", "The invitation was not withdrawn"))

        page.inviteRequested.connect(invite)
        page.invitationsWanted.connect(pending)
        page.withdrawRequested.connect(withdraw)

    # ---- calling -------------------------------------------------------------------------

    def _call(
        self,
        what: str,
        act: Callable[[Any, dict[str, str]], Coroutine[Any, Any, Any]],
        failed: str,
    ) -> None:
        engine = self._session.engine
        if engine is None:
            self._say(
                translate("Admin", "{what}: not connected to the server yet.").format(what=failed)
            )
            return
        if self.window is not None:
            self.window.clear_banner()

        async def run(engine: SyncEngine) -> None:
            from desktop.controller.admin_calls import attempt  # the network, when asked

            said = await attempt(engine, act, failed)
            if said is not None:
                self._say(said)
                self._roll_back()
                return
            self.done.emit(what)

        self._session.spawn(run(engine), failed)

    def _roll_back(self) -> None:
        """What the pages show goes back to the server's (the directory's) state."""
        for page in (self.teams, self.managers):
            if page is not None:
                page.refresh()

    def _say(self, text: str) -> None:
        self.failed.emit(text)
        if self.window is not None:
            self.window.show_alert(text)
        else:
            self._main.show_alert(text)
