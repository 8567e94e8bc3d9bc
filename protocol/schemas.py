"""Pydantic v2 wire schemas: what travels between server, desktop and customer page."""

from __future__ import annotations

import functools
import re
import zoneinfo
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    field_validator,
    model_validator,
)

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
    Permission,
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


FieldKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]


class FormField(Wire):
    key: FieldKey
    label: ShortText
    type: FieldType = FieldType.STRING
    profile_key: str | None = None  # answers may be saved to the customer's profile (M6)

    @field_validator("type")
    @classmethod
    def _no_select(cls, v: FieldType) -> FieldType:
        if v is FieldType.SELECT:
            raise ValueError("a form field cannot be a select (it has no options)")
        return v


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
    # Deactivated (issue 17): cannot log in or be assigned; their history stays theirs.
    deactivated: bool = False


class ManagerSettings(Wire):
    """What PATCH /managers/{id} may change; fields left out stay as they are."""

    operator_seat: bool | None = None
    available: bool | None = None
    max_auto_assign: Annotated[int, Field(ge=0, le=1000)] | None = None
    notify_unassigned: bool | None = None
    permissions: list[Permission] | None = None


class TeamOut(Wire):
    id: UUID
    name: str
    auto_assign: bool
    member_ids: list[UUID]
    # The members in the team's auto-assignment rota (R1); each one's maximum is their
    # own `max_auto_assign` (R4: per person, one number whatever the team).
    rota_ids: list[UUID] = []


class TagOut(Wire):
    id: UUID
    name: str
    color: str


class MacroOut(Wire):
    id: UUID
    name: str
    body: str


# M3: what a macro's body may name; the composer fills them in when inserting it.
MACRO_VARIABLES = ("customer.name", "manager.name", "manager.email", "team.name")
# Anything shaped like a variable ({word.word}); other braces are plain text.
_VARIABLE = re.compile(r"\{\s*([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)+)\s*\}")


def unknown_variables(body: str) -> list[str]:
    """The variable-shaped names in `body` the composer would not fill in."""
    seen = [re.sub(r"\s+", "", v) for v in _VARIABLE.findall(body)]
    return sorted({v for v in seen if v not in MACRO_VARIABLES})


class MacroIn(Wire):
    """`POST /macros`, `PUT /macros/{id}` (M3): a saved reply. The body may name
    variables the composer fills in when inserting it (MACRO_VARIABLES); a misspelt one
    is refused rather than sent to a customer as braces."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
    body: Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS)]

    @field_validator("body")
    @classmethod
    def _known_variables(cls, v: str) -> str:
        if unknown := unknown_variables(v):
            known = ", ".join("{" + k + "}" for k in MACRO_VARIABLES)
            raise ValueError(f"unknown variable {{{unknown[0]}}}: use {known}")
        return v


class IntegrationOut(Wire):
    """A medium (S9). `settings` are its plain settings (protocol.media); `secrets_set`
    names the secrets the server holds for it, never their values."""

    id: UUID
    medium: Medium
    name: str
    connected: bool
    settings: dict[str, Any] = Field(default_factory=dict)
    secrets_set: list[str] = Field(default_factory=list)


SecretValue = Annotated[str, StringConstraints(min_length=1, max_length=4_096)]


class IntegrationConnect(Wire):
    """`PUT /integrations/{medium}`: connect a medium, or change a connected one's
    settings. `settings` and `secrets` are checked against protocol.media's models for
    the medium; secrets left out keep the ones already held."""

    name: ShortText | None = None
    settings: dict[str, Any] = Field(default_factory=dict)
    secrets: dict[str, SecretValue] = Field(default_factory=dict)


OptionText = Annotated[str, StringConstraints(min_length=1, max_length=100, strip_whitespace=True)]


class CustomerFieldOut(Wire):
    """One field of the customers' profile schema (P4), in `position` order."""

    key: str
    label: str
    type: FieldType
    options: list[str] = Field(default_factory=list)  # a select's choices
    position: int = 0


def check_options(ftype: FieldType, options: list[str] | None) -> None:
    """A select has distinct options; other types have none."""
    if ftype is FieldType.SELECT:
        if not options:
            raise ValueError("a select field needs at least one option")
        if len(set(options)) != len(options):
            raise ValueError("a select field's options must differ")
    elif options:
        raise ValueError(f"only a select field has options, not a {ftype.value} field")


class CustomerFieldIn(Wire):
    """`POST /customer-fields`: a new profile field."""

    key: FieldKey
    label: ShortText
    type: FieldType = FieldType.STRING
    options: Annotated[list[OptionText], Field(max_length=100)] | None = None
    position: Annotated[int, Field(ge=0, le=10_000)] | None = None  # None: after the last

    @model_validator(mode="after")
    def _options_fit(self) -> CustomerFieldIn:
        check_options(self.type, self.options)
        return self


class CustomerFieldEdit(Wire):
    """`PATCH /customer-fields/{key}`: fields left out stay as they are. A new type or
    fewer options must still fit every customer's value (checked on the server)."""

    label: ShortText | None = None
    type: FieldType | None = None
    options: Annotated[list[OptionText], Field(max_length=100)] | None = None
    position: Annotated[int, Field(ge=0, le=10_000)] | None = None


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Clock = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")]


class DayHours(Wire):
    """One weekday's opening hours, local to the workspace's time zone."""

    open: Clock
    close: Clock

    @model_validator(mode="after")
    def _opens_before_closing(self) -> DayHours:
        if self.open == "24:00" or self.open >= self.close:
            raise ValueError(f"opens at {self.open} but closes at {self.close}: open first")
        return self


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_time_zone(name: str) -> str:
    if name not in _zones():
        raise ValueError(f"unknown time zone {name!r}: use an IANA name such as Asia/Seoul")
    return name


class WorkspaceOut(Wire):
    """The workspace: its name, time zone (IANA) and business hours; a weekday left out
    of `business_hours` is closed."""

    id: UUID
    name: str
    time_zone: str = "Asia/Seoul"
    business_hours: dict[Weekday, DayHours] = Field(default_factory=dict)

    @field_validator("business_hours")
    @classmethod
    def _in_week_order(cls, v: dict[Weekday, DayHours]) -> dict[Weekday, DayHours]:
        """Monday first, whatever order the database kept them in (JSONB does not)."""
        return {day: v[day] for day in WEEKDAYS if day in v}


class WorkspaceSettings(Wire):
    """`PATCH /workspace`: fields left out stay; `business_hours` replaces the week (a
    weekday left out or null is closed)."""

    name: ShortText | None = None
    time_zone: Annotated[str, StringConstraints(max_length=64)] | None = None
    business_hours: dict[Weekday, DayHours | None] | None = None

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, v: str | None) -> str | None:
        return None if v is None else check_time_zone(v)


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
    # A reply to an external medium that could not be delivered: why (U3).
    delivery_error: str | None = None


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


class CustomerWorkspaceOut(Wire):
    name: str


class CustomerAgentOut(Wire):
    """A manager who replied in the chat, as its customer sees them: a name and a face."""

    id: UUID
    name: str
    avatar_url: str | None


class CustomerPeopleOut(Wire):
    """`GET /customer/chats/{id}/people`: whom the customer is talking to (only the
    managers who wrote a reply in this chat)."""

    workspace: CustomerWorkspaceOut
    managers: list[CustomerAgentOut]
