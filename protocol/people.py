"""Wire schemas of running a workspace's people (issue 17): teams, their members and
auto-assignment, managers' invitations, roles, permissions and deactivation.

Only admins and owners call these (O4); the entities they change travel to every app as
`ManagerOut` and `TeamOut` (protocol.schemas) through the change log.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated
from urllib.parse import urlencode
from uuid import UUID

from pydantic import Field, StringConstraints

from protocol.kinds import Permission, Role
from protocol.schemas import Email, ShortText, Wire

# How long an invitation link works: long enough for a week's holiday, short enough
# that a forwarded link goes stale.
INVITATION_LIFETIME = timedelta(days=7)
MaxChats = Annotated[int, Field(ge=0, le=1000)]
PASSWORD_MIN = 8  # the app checks it before asking (the invitation dialog)
Password = Annotated[str, StringConstraints(min_length=PASSWORD_MIN, max_length=1024)]


def invitation_link(server_url: str, token: str) -> str:
    """The link an invited person opens: the app asks their name and a password, then
    accepts it (`POST /invitations/accept`). Like chat links (SPEC H4), a sangdam:// link
    that names its server."""
    return "sangdam://invite?" + urlencode({"server": server_url.rstrip("/"), "token": token})


# ---- teams -------------------------------------------------------------------------------


class TeamCreate(Wire):
    """`POST /teams`: a new team, with its members (all in the rota) if given."""

    name: ShortText
    auto_assign: bool = False
    member_ids: Annotated[list[UUID], Field(max_length=1000)] = Field(default_factory=list)


class TeamUpdate(Wire):
    """`PATCH /teams/{id}`: fields left out stay as they are."""

    name: ShortText | None = None
    auto_assign: bool | None = None


class TeamMemberAdd(Wire):
    """`POST /teams/{id}/members`: `rota` puts the member in the team's auto-assignment."""

    manager_id: UUID
    rota: bool = True


class TeamMemberUpdate(Wire):
    """`PATCH /teams/{id}/members/{manager_id}`: in the rota or not; the member's
    maximum of auto-assigned chats is theirs, in every team (R4)."""

    rota: bool | None = None
    max_auto_assign: MaxChats | None = None


# ---- managers ----------------------------------------------------------------------------


class InvitationCreate(Wire):
    """`POST /managers/invitations`."""

    email: Email
    role: Role = Role.MANAGER
    permissions: Annotated[list[Permission], Field(max_length=10)] = Field(default_factory=list)


class InvitationOut(Wire):
    """A pending invitation; the token is only ever in the answer that creates it."""

    id: UUID
    email: str
    role: Role
    permissions: list[Permission]
    invited_by: UUID | None
    created_at: datetime
    expires_at: datetime


class InvitationCreated(InvitationOut):
    token: str
    link: str


class InvitationAccept(Wire):
    """`POST /invitations/accept` (no bearer token: the invitation's token is the key)."""

    token: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    name: ShortText
    password: Password
    device_name: ShortText | None = None


class RoleUpdate(Wire):
    """`PUT /managers/{id}/role`: a workspace always keeps one active owner."""

    role: Role


class PermissionsUpdate(Wire):
    """`PUT /managers/{id}/permissions`: the whole set, replacing the old one."""

    permissions: Annotated[list[Permission], Field(max_length=10)]
