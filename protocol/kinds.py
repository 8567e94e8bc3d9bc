"""The closed sets of words both sides use: media, states, roles, change-log entities."""

from enum import StrEnum


class Medium(StrEnum):
    WEB = "web"
    PHONE = "phone"
    EMAIL = "email"
    KAKAO = "kakao"
    INSTAGRAM = "instagram"
    NAVER = "naver"
    LINE = "line"


# S9: integrations are always listed in this order.
INTEGRATION_ORDER: tuple[Medium, ...] = (
    Medium.PHONE,
    Medium.EMAIL,
    Medium.KAKAO,
    Medium.INSTAGRAM,
    Medium.NAVER,
    Medium.LINE,
)
# L3, C3: messengers whose chats show their icon and only a "delivered" mark.
EXTERNAL_MESSENGERS: frozenset[Medium] = frozenset(
    {Medium.KAKAO, Medium.INSTAGRAM, Medium.NAVER, Medium.LINE}
)


class ChatState(StrEnum):
    OPEN = "open"
    SNOOZED = "snoozed"
    CLOSED = "closed"


class Role(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    MANAGER = "manager"


class Permission(StrEnum):
    DELETE_CHATS = "delete_chats"
    MANAGE_MACROS = "manage_macros"  # M3: create, edit and delete the saved replies
    MANAGE_WORKSPACE = "manage_workspace"  # the workspace's name, hours, media, fields


class AuthorKind(StrEnum):
    CUSTOMER = "customer"
    MANAGER = "manager"
    BOT = "bot"
    SYSTEM = "system"


class MessageKind(StrEnum):
    REPLY = "reply"
    NOTE = "note"  # internal: managers only, never sent to a customer
    EVENT = "event"  # a system line (who did what): managers only, never unread or a preview


class EventAction(StrEnum):
    """What an event message records (its `event` block's `action`)."""

    ASSIGNED = "assigned"  # manager_id: the new assignee
    UNASSIGNED = "unassigned"
    TEAM_SET = "team_set"  # team_id
    TEAM_CLEARED = "team_cleared"
    SNOOZED = "snoozed"  # until
    CLOSED = "closed"
    REOPENED = "reopened"
    TAGGED = "tagged"  # tag
    UNTAGGED = "untagged"  # tag


class SourceKind(StrEnum):
    CAMPAIGN = "campaign"
    WORKFLOW = "workflow"


class FieldType(StrEnum):
    STRING = "string"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    SELECT = "select"  # one of the field's options (P4); profile fields only, not forms


class Entity(StrEnum):
    """What a change-log entry describes."""

    WORKSPACE = "workspace"
    MANAGER = "manager"
    TEAM = "team"
    TAG = "tag"
    MACRO = "macro"
    INTEGRATION = "integration"
    CUSTOMER_FIELD = "customer_field"
    CUSTOMER = "customer"
    CHAT = "chat"
    MESSAGE = "message"
    CHAT_STATE = "chat_state"  # one manager's view of one chat: starred, read, unread
    COUNT = "count"  # one sidebar count: {scope, key, state, count}
    NOTIFICATION = "notification"  # someone is to be told (private to that manager)
    PAGE_VISIT = "page_visit"  # a page of the website a customer saw (P5)


class Op(StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"  # a tombstone: data is null


class MutationName(StrEnum):
    SEND_MESSAGE = "send_message"
    STAR = "star"
    MARK_READ = "mark_read"
    MARK_UNREAD = "mark_unread"  # args {chat_id}: my view of the chat becomes unread
    ASSIGN = "assign"
    SET_TEAM = "set_team"
    FOLLOW = "follow"
    UNFOLLOW = "unfollow"
    SET_STATE = "set_state"
    ADD_TAG = "add_tag"
    REMOVE_TAG = "remove_tag"
    SET_DESCRIPTION = "set_description"
    SET_PROFILE_FIELD = "set_profile_field"
