"""Pydantic v2 wire schemas: what travels between server, desktop and customer page."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, model_validator

from protocol.errors import ErrorCode
from protocol.kinds import (
    AuthorKind,
    ChatState,
    Entity,
    EventAction,
    FieldType,
    Medium,
    MessageKind,
    MutationName,
    Op,
    Role,
)
from protocol.limits import (
    MAX_FILES_PER_MESSAGE,
    MAX_MUTATIONS_PER_PUSH,
    MAX_TEXT_CHARS,
)

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)]
Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, to_lower=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$"
    ),
]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]


class Wire(BaseModel):
    """Base for every schema: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


# ---- errors -------------------------------------------------------------------------


class ErrorDetail(Wire):
    code: ErrorCode
    message: str
    current: Any = None  # the server's current value when a compare-and-set failed
    fields: list[dict[str, Any]] | None = None


class ErrorBody(Wire):
    error: ErrorDetail


# ---- auth ---------------------------------------------------------------------------


class LoginRequest(Wire):
    email: Email
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]
    device_name: ShortText | None = None


class LoginResponse(Wire):
    token: str
    expires_at: datetime
    manager_id: UUID
    workspace_id: UUID


# ---- message blocks -------------------------------------------------------------------


class TextBlock(Wire):
    type: Literal["text"] = "text"
    text: Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS)]


class FileRef(Wire):
    id: UUID
    name: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    size: Annotated[int, Field(ge=0)]
    content_type: Annotated[str, StringConstraints(max_length=255)] = "application/octet-stream"


class FilesBlock(Wire):
    type: Literal["files"] = "files"
    files: Annotated[list[FileRef], Field(min_length=1, max_length=MAX_FILES_PER_MESSAGE)]


class ButtonBlock(Wire):
    type: Literal["button"] = "button"
    text: ShortText
    url: HttpUrl
    color: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] = "#3d7bf7"


class FormField(Wire):
    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
    label: ShortText
    type: FieldType = FieldType.STRING
    profile_key: str | None = None  # answers may be saved to the customer's profile (M6)


class FormBlock(Wire):
    type: Literal["form"] = "form"
    fields: Annotated[list[FormField], Field(min_length=1, max_length=20)]
    answers: dict[str, Any] | None = None


Block = Annotated[TextBlock | FilesBlock | ButtonBlock | FormBlock, Field(discriminator="type")]


class EventBlock(Wire):
    """A system event's facts (kind "event", written by the server only): who did what,
    to whom. The desktop words it in the agent's language."""

    type: Literal["event"] = "event"
    action: EventAction
    actor_id: UUID | None = None  # the manager who did it; None: the system
    manager_id: UUID | None = None
    team_id: UUID | None = None
    tag: str | None = None
    until: datetime | None = None


# What a stored message may hold: a manager sends `Block`s, the server adds events.
AnyBlock = Annotated[
    TextBlock | FilesBlock | ButtonBlock | FormBlock | EventBlock, Field(discriminator="type")
]


# ---- entities as they appear in bootstrap and in the change log ------------------------


class ManagerOut(Wire):
    id: UUID
    name: str
    email: str
    role: Role
    permissions: list[str]
    operator_seat: bool
    available: bool
    max_auto_assign: int
    notify_unassigned: bool
    avatar_url: str | None
    team_ids: list[UUID]


class ManagerSettings(Wire):
    """What PATCH /managers/{id} may change; fields left out stay as they are."""

    operator_seat: bool | None = None
    available: bool | None = None
    max_auto_assign: Annotated[int, Field(ge=0, le=1000)] | None = None
    notify_unassigned: bool | None = None
    permissions: list[Literal["delete_chats", "manage_macros"]] | None = None


class TeamOut(Wire):
    id: UUID
    name: str
    auto_assign: bool
    member_ids: list[UUID]


class TagOut(Wire):
    id: UUID
    name: str
    color: str


class MacroOut(Wire):
    id: UUID
    name: str
    body: str


class MacroIn(Wire):
    """`POST /macros`, `PUT /macros/{id}` (M3): a saved reply. The body may name
    variables the composer fills in when inserting it: {customer.name}, {manager.name}."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
    body: Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS)]


class IntegrationOut(Wire):
    id: UUID
    medium: Medium
    name: str
    connected: bool


class CustomerFieldOut(Wire):
    key: str
    label: str
    type: FieldType


class Identity(Wire):
    medium: Medium
    external_id: str


class CustomerOut(Wire):
    id: UUID
    name: str
    avatar_url: str | None
    profile: dict[str, Any]
    identities: list[Identity]


class PageVisitOut(Wire):
    """A page of the company's website a customer saw (P5)."""

    id: UUID
    customer_id: UUID
    chat_id: UUID | None
    url: str
    title: str | None
    referrer: str | None = None
    visited_at: datetime


class PageVisitRequest(Wire):
    """The website's snippet (U2) telling that the customer saw a page (the time is the
    server's: a visitor's clock is not trusted)."""

    url: Annotated[str, StringConstraints(min_length=1, max_length=2_000)]
    title: Annotated[str, StringConstraints(max_length=500)] | None = None
    referrer: Annotated[str, StringConstraints(max_length=2_000)] | None = None


class NewVisitorRequest(Wire):
    """The website snippet's first call on a site (U2): a visitor of this workspace."""

    workspace_id: UUID


class NewVisitorResponse(Wire):
    """`token`: the visitor's key (shown once; the server keeps its hash). It records
    this customer's visits and starts their chats, and opens nothing else."""

    customer_id: UUID
    token: str


class ChatOut(Wire):
    id: UUID
    customer_id: UUID
    medium: Medium
    state: ChatState
    snooze_until: datetime | None
    team_id: UUID | None
    assignee_id: UUID | None
    follower_ids: list[UUID]
    tags: list[str]
    description: str
    source_kind: str | None
    source_name: str | None
    goal: str | None
    goal_reached: bool
    queued_since: datetime | None
    page_url: str | None
    last_message_at: datetime | None
    last_message_seq: int
    last_message_preview: str
    created_at: datetime


class MessageOut(Wire):
    id: UUID
    chat_id: UUID
    seq: int
    author_kind: AuthorKind
    author_id: UUID | None
    kind: MessageKind
    blocks: list[AnyBlock]
    created_at: datetime
    customer_read_at: datetime | None
    delivered_at: datetime | None


class ChatStateOut(Wire):
    chat_id: UUID
    manager_id: UUID
    starred: bool
    read_seq: int
    unread_count: int
    mentioned: bool
    in_sessions: bool


# ---- change log, catch-up and realtime ----------------------------------------------


class Change(Wire):
    seq: int
    entity: Entity
    id: str
    op: Op
    data: dict[str, Any] | None
    client_id: UUID | None = None
    mutation_id: int | None = None


class ChangesPage(Wire):
    """`GET /sync/changes`: `changes` in (since, to]; `to` may pass entries hidden from you."""

    since: int
    to: int
    head: int
    changes: list[Change]
    more: bool


class Frame(Wire):
    """One realtime frame. `from` must equal the client's cursor, else it has a gap."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    type: Literal["changes"] = "changes"
    from_: int = Field(alias="from")
    to: int
    head: int
    changes: list[Change]


class PingFrame(Wire):
    type: Literal["ping"] = "ping"
    head: int


PresenceWhat = Literal["viewing", "typing", "left"]


class PresenceIn(Wire):
    """Client to server, on the realtime socket: I view (or type in, or left) this chat.
    Not logged: fanned out at once to the workspace's other managers (issue 15 item 5)."""

    type: Literal["presence"] = "presence"
    chat_id: UUID
    what: PresenceWhat


class PresenceFrame(Wire):
    """Server to the other managers: `manager_id` views or types in `chat_id`; forget it
    after `ttl` seconds unless refreshed."""

    type: Literal["presence"] = "presence"
    chat_id: UUID
    manager_id: UUID
    what: PresenceWhat
    ttl: float


# ---- push ---------------------------------------------------------------------------


class Mutation(Wire):
    mutation_id: Annotated[int, Field(ge=1, le=2**62)]
    name: MutationName
    args: dict[str, Any]


class PushRequest(Wire):
    client_id: UUID
    mutations: Annotated[list[Mutation], Field(max_length=MAX_MUTATIONS_PER_PUSH)]


class MutationResult(Wire):
    mutation_id: int
    status: Literal["applied", "refused"]
    seq: int | None = None  # the feed position at which the effect is visible
    error: ErrorDetail | None = None
    duplicate: bool = False


class PushResponse(Wire):
    """Results of the mutations processed, in order. If the server met a gap in the
    client's sequence it stops there and says which id it expects next."""

    results: list[MutationResult]
    last_mutation_id: int
    expected_mutation_id: int | None = None


# ---- mutation arguments -----------------------------------------------------------


class Mentions(Wire):
    """Who the composer's @mentions name (M2): managers, and teams (their members)."""

    manager_ids: Annotated[list[UUID], Field(max_length=100)] = []
    team_ids: Annotated[list[UUID], Field(max_length=20)] = []


class SendMessageArgs(Wire):
    chat_id: UUID
    message_id: UUID
    kind: MessageKind = MessageKind.REPLY
    blocks: Annotated[list[Block], Field(min_length=1, max_length=MAX_FILES_PER_MESSAGE + 2)]
    mentions: Mentions | None = None


class StarArgs(Wire):
    chat_id: UUID
    starred: bool = True


class MarkReadArgs(Wire):
    chat_id: UUID
    read_seq: Annotated[int, Field(ge=0)] | None = None  # default: up to the last message


class MarkUnreadArgs(Wire):
    """My view of the chat becomes unread (its badge shows at least 1) until mark_read."""

    chat_id: UUID


class AssignArgs(Wire):
    chat_id: UUID
    assignee_id: UUID | None
    expected_assignee_id: UUID | None


class SetTeamArgs(Wire):
    chat_id: UUID
    team_id: UUID | None
    expected_team_id: UUID | None


class FollowArgs(Wire):
    chat_id: UUID
    manager_id: UUID | None = None  # default: me


class SetStateArgs(Wire):
    chat_id: UUID
    state: ChatState
    expected_state: ChatState
    snooze_until: datetime | None = None


class TagArgs(Wire):
    chat_id: UUID
    tag: Annotated[str, StringConstraints(min_length=1, max_length=40, strip_whitespace=True)]


class SetDescriptionArgs(Wire):
    chat_id: UUID
    description: Annotated[str, StringConstraints(max_length=4_000)]


class SetProfileFieldArgs(Wire):
    customer_id: UUID
    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
    value: str | float | bool | None


MUTATION_ARGS: dict[MutationName, type[Wire]] = {
    MutationName.SEND_MESSAGE: SendMessageArgs,
    MutationName.STAR: StarArgs,
    MutationName.MARK_READ: MarkReadArgs,
    MutationName.MARK_UNREAD: MarkUnreadArgs,
    MutationName.ASSIGN: AssignArgs,
    MutationName.SET_TEAM: SetTeamArgs,
    MutationName.FOLLOW: FollowArgs,
    MutationName.UNFOLLOW: FollowArgs,
    MutationName.SET_STATE: SetStateArgs,
    MutationName.ADD_TAG: TagArgs,
    MutationName.REMOVE_TAG: TagArgs,
    MutationName.SET_DESCRIPTION: SetDescriptionArgs,
    MutationName.SET_PROFILE_FIELD: SetProfileFieldArgs,
}
assert set(MUTATION_ARGS) == set(MutationName)


# ---- bulk actions (L2) ---------------------------------------------------------------


class BulkAction(Wire):
    """A mutation without its chat: `{"name": "set_state", "args": {"state": "closed"}}`.
    Expected values (assignee, team, state) are filled from each chat: bulk overwrites."""

    name: Literal[
        MutationName.ASSIGN,
        MutationName.SET_TEAM,
        MutationName.SET_STATE,
        MutationName.ADD_TAG,
        MutationName.REMOVE_TAG,
        MutationName.MARK_READ,
        MutationName.MARK_UNREAD,
        MutationName.STAR,
        MutationName.FOLLOW,
        MutationName.UNFOLLOW,
    ]
    args: dict[str, Any] = {}


class BulkFilter(Wire):
    """Every chat of a section in a state: the header checkbox, on a list or a search."""

    section: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    state: ChatState = ChatState.OPEN


class BulkRequest(Wire):
    chat_ids: Annotated[list[UUID], Field(min_length=1, max_length=10_000)] | None = None
    filter: BulkFilter | None = None
    action: BulkAction

    @model_validator(mode="after")
    def _one_target(self) -> BulkRequest:
        if (self.chat_ids is None) == (self.filter is None):
            raise ValueError("give either chat_ids or filter")
        return self


class BulkResult(Wire):
    """One chat's outcome of a bulk action: `error` says why it was refused."""

    chat_id: UUID
    status: Literal["applied", "refused"]
    error: ErrorDetail | None = None


class BulkResponse(Wire):
    results: list[BulkResult]


class ChatIds(Wire):
    """`GET /inbox/ids?section=<key>&state=<state>`: every chat id of a section in a state
    that I may see, newest first, for "all N chats that match". At most `MAX_CHAT_IDS` (10,000) ids;
    `truncated` says more matched, `total` counts them all."""

    ids: list[UUID]
    total: int
    truncated: bool


# ---- search (L5) -----------------------------------------------------------------------

SearchState = Literal["open", "snoozed", "closed", "all"]


class SearchMatch(Wire):
    """Where the query was found. `text` is a short plain-text excerpt (customer text is
    never markup); `spans` are [start, end) character offsets of the query in `text`."""

    field: Literal["name", "message", "tag"]
    text: str
    spans: list[tuple[int, int]]
    message_id: UUID | None = None


class SearchHit(Wire):
    chat: ChatOut  # the same shape the inbox pages carry
    matches: list[SearchMatch]


class SearchPage(Wire):
    """`GET /search?q=&state=all&section=&cursor=&limit=50`: hits newest first (by last
    message); pass `next_cursor` back as `cursor` for the next page; None at the end."""

    hits: list[SearchHit]
    next_cursor: str | None


class LinksOut(Wire):
    manager_url: str
    app_url: str


class CustomerLinkOut(Wire):
    url: str
    token: str


# ---- customer side -------------------------------------------------------------------


class StartChatRequest(Wire):
    workspace_id: UUID
    medium: Medium = Medium.WEB  # ignored unless a manager's token comes with it
    team_id: UUID | None = None
    page_url: Annotated[str, StringConstraints(max_length=2_000)] | None = None
    name: ShortText | None = None
    text: Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS)] | None = None


class StartChatResponse(Wire):
    chat_id: UUID
    customer_id: UUID
    token: str


class CustomerMessageRequest(Wire):
    """Text, files (ids of the customer's finished uploads to this chat), or both."""

    id: UUID
    text: Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS)] | None = None
    files: Annotated[list[UUID], Field(max_length=MAX_FILES_PER_MESSAGE)] = []

    @model_validator(mode="after")
    def _something(self) -> CustomerMessageRequest:
        if self.text is None and not self.files:
            raise ValueError("a message needs text or files")
        return self


class FormAnswersRequest(Wire):
    """`POST /customer/chats/{chat_id}/messages/{message_id}/answers` (M6): the customer's
    answers to a form, by field key. A form is answered once; a second answer is refused
    (409 stale_value, `current` holds the answers kept)."""

    answers: Annotated[dict[str, bool | int | float | str | None], Field(max_length=20)]


class CustomerReadRequest(Wire):
    """C3: the customer has read the team's replies up to this message (inclusive)."""

    message_id: UUID


# The customer API shows no workspace seq: its cursors are opaque strings
# (server/customers/cursors.py), bound to the chat, and its messages have no `seq`.


class CustomerMessageOut(Wire):
    """A message as its chat's customer sees it: no seq (order is the list's)."""

    id: UUID
    chat_id: UUID
    author_kind: AuthorKind
    author_id: UUID | None
    kind: MessageKind
    blocks: list[Block]
    created_at: datetime
    customer_read_at: datetime | None
    delivered_at: datetime | None


class CustomerMessagesPage(Wire):
    """`GET /customer/chats/{id}/messages`: oldest first; pass `before` for older ones."""

    messages: list[CustomerMessageOut]
    more: bool
    before: str | None


class CustomerChatOut(CustomerMessagesPage):
    """What a customer may see of their own chat: no team, assignee or notes; `head` is
    the cursor to follow its changes from."""

    id: UUID
    state: ChatState
    medium: Medium
    head: str


class CustomerChange(Wire):
    entity: Entity
    id: str
    op: Op
    data: dict[str, Any] | None  # a message (CustomerMessageOut's fields) or null


class CustomerChangesPage(Wire):
    """`GET /customer/chats/{id}/changes`: the chat's messages changed in (since, to],
    cursors all; follow from `to` while `more`."""

    since: str
    to: str
    head: str
    changes: list[CustomerChange]
    more: bool
