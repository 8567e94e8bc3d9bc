"""What each user action looks like before the server has answered (optimistic effects).

An effect is what the server will most likely do, written into the cache at once so the
agent sees it: a pending message at the bottom of the conversation, a star, a new
assignee. Every effect here is idempotent (it sets values, adds or removes set members,
inserts a row only if absent), because it is re-applied ("replayed") on top of the
server's rows whenever those change while the mutation is still in the outbox; see
`overlay`. `touched` names the rows an effect may change: those are the rows whose
server version is kept aside while the mutation is pending, for the rollback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.sync import rows
from desktop.sync.rows import Row, Tx
from protocol.kinds import ChatState, MessageKind, MutationName
from protocol.limits import MAX_TAGS_PER_CHAT
from protocol.preview import preview

Key = tuple[str, str]  # (entity, id): ("chat", id), ("message", id), ("chat_state", chat id)


@dataclass(frozen=True, slots=True)
class Pending:
    """One outbox row: a mutation written locally and not yet seen in the feed."""

    mutation_id: int
    name: str
    args: dict[str, Any]
    created_at: str
    status: str = "pending"  # pending: not acknowledged; sent: applied, feed not there yet
    server_seq: int | None = None


def touched(p: Pending) -> list[Key]:
    a = p.args
    match p.name:
        case MutationName.SEND_MESSAGE:
            chat_id = str(a["chat_id"])
            return [("chat", chat_id), ("message", str(a["message_id"])), ("chat_state", chat_id)]
        case MutationName.STAR | MutationName.MARK_READ | MutationName.MARK_UNREAD:
            return [("chat_state", str(a["chat_id"]))]
        case MutationName.SET_PROFILE_FIELD:
            return [("customer", str(a["customer_id"]))]
        case MutationName.ASSIGN | MutationName.FOLLOW:  # may put it in My sessions
            chat_id = str(a["chat_id"])
            return [("chat", chat_id), ("chat_state", chat_id)]
        case _:
            return [("chat", str(a["chat_id"]))]


def apply(tx: Tx, p: Pending) -> None:
    _EFFECTS[MutationName(p.name)](tx, p)


def pending_message(p: Pending, me: str) -> Row:
    """The message row a send_message shows before the server numbers it."""
    a = p.args
    return {
        "id": str(a["message_id"]),
        "chat_id": str(a["chat_id"]),
        "seq": None,
        "author_kind": "manager",
        "author_id": me,
        "kind": a.get("kind") or MessageKind.REPLY.value,
        "blocks": a["blocks"],
        "created_at": p.created_at,
        "customer_read_at": None,
        "delivered_at": None,
    }


# ---- editing rows ---------------------------------------------------------------------


def _edit_chat(tx: Tx, chat_id: str, edit: Callable[[Row], None]) -> None:
    chat = rows.chat_row(tx.conn, chat_id)
    if chat is None:  # not in the cache (yet): replayed when its row arrives
        return
    new = dict(chat)
    edit(new)
    if new != chat:
        rows.put_chats(tx, [new], truth=False)


def _edit_state(tx: Tx, chat_id: str, edit: Callable[[Row], None]) -> None:
    state = rows.state_row(tx.conn, chat_id) or {
        "chat_id": chat_id,
        "manager_id": tx.me,
        "starred": False,
        "read_seq": 0,
        "unread_count": 0,
        "mentioned": False,
        "in_sessions": False,
    }
    new = dict(state)
    edit(new)
    if new != state:
        rows.put_states(tx, [new])


# ---- the effects ----------------------------------------------------------------------


def _send_message(tx: Tx, p: Pending) -> None:
    chat_id = str(p.args["chat_id"])
    chat = rows.chat_row(tx.conn, chat_id)
    if chat is None:
        return
    msg = pending_message(p, tx.me)
    rows.put_local_message(tx, msg, mutation_id=p.mutation_id)
    if rows.micros(p.created_at) >= rows.micros(chat.get("last_message_at")):
        text = preview(msg["blocks"], note=msg["kind"] == MessageKind.NOTE.value)

        def newest(c: Row) -> None:
            c["last_message_at"] = p.created_at
            c["last_message_preview"] = text

        _edit_chat(tx, chat_id, newest)

    def read(s: Row) -> None:
        s["unread_count"] = 0

    _edit_state(tx, chat_id, read)


def _star(tx: Tx, p: Pending) -> None:
    starred = bool(p.args.get("starred", True))

    def edit(s: Row) -> None:
        s["starred"] = starred

    _edit_state(tx, str(p.args["chat_id"]), edit)


def _mark_read(tx: Tx, p: Pending) -> None:
    chat_id = str(p.args["chat_id"])
    chat = rows.chat_row(tx.conn, chat_id)
    last = int(chat["last_message_seq"]) if chat else 0
    upto = p.args.get("read_seq")

    def edit(s: Row) -> None:
        s["read_seq"] = max(int(s["read_seq"]), last if upto is None else min(int(upto), last))
        if upto is None or int(upto) >= last:
            s["unread_count"] = 0
        s["mentioned"] = False

    _edit_state(tx, chat_id, edit)


def _mark_unread(tx: Tx, p: Pending) -> None:
    def edit(s: Row) -> None:
        s["unread_count"] = max(1, int(s["unread_count"]))

    _edit_state(tx, str(p.args["chat_id"]), edit)


def _assign(tx: Tx, p: Pending) -> None:
    who = p.args.get("assignee_id")

    def edit(c: Row) -> None:
        c["assignee_id"] = who
        if who is not None:
            c["queued_since"] = None
            if who not in c["follower_ids"]:
                c["follower_ids"] = [*c["follower_ids"], who]  # P1: the assignee follows

    _edit_chat(tx, str(p.args["chat_id"]), edit)
    if who == tx.me:
        _joins_my_sessions(tx, str(p.args["chat_id"]))


def _set_team(tx: Tx, p: Pending) -> None:
    def edit(c: Row) -> None:
        c["team_id"] = p.args.get("team_id")

    _edit_chat(tx, str(p.args["chat_id"]), edit)


def _follow(tx: Tx, p: Pending) -> None:
    who = p.args.get("manager_id") or tx.me
    on = p.name == MutationName.FOLLOW

    def edit(c: Row) -> None:
        others = [f for f in c["follower_ids"] if f != who]
        c["follower_ids"] = [*others, who] if on else others

    _edit_chat(tx, str(p.args["chat_id"]), edit)
    if on and who == tx.me:
        _joins_my_sessions(tx, str(p.args["chat_id"]))


def _joins_my_sessions(tx: Tx, chat_id: str) -> None:
    """S5: a chat assigned to me or that I follow notifies me, so it is in My sessions
    at once. Leaving is the server's call (a mention of me may keep it there)."""
    if rows.chat_row(tx.conn, chat_id) is None:
        return

    def edit(s: Row) -> None:
        s["in_sessions"] = True

    _edit_state(tx, chat_id, edit)


def _set_state(tx: Tx, p: Pending) -> None:
    state = p.args["state"]

    def edit(c: Row) -> None:
        c["state"] = state
        c["snooze_until"] = p.args.get("snooze_until") if state == ChatState.SNOOZED else None

    _edit_chat(tx, str(p.args["chat_id"]), edit)


def _tag(tx: Tx, p: Pending) -> None:
    tag = str(p.args["tag"]).strip()
    add = p.name == MutationName.ADD_TAG

    def edit(c: Row) -> None:
        tags = set(c["tags"])
        if add and tag not in tags and len(tags) < MAX_TAGS_PER_CHAT:
            tags.add(tag)
        elif not add:
            tags.discard(tag)
        c["tags"] = sorted(tags)

    _edit_chat(tx, str(p.args["chat_id"]), edit)


def _set_description(tx: Tx, p: Pending) -> None:
    def edit(c: Row) -> None:
        c["description"] = p.args["description"]

    _edit_chat(tx, str(p.args["chat_id"]), edit)


def _set_profile_field(tx: Tx, p: Pending) -> None:
    customer = rows.customer_row(tx.conn, str(p.args["customer_id"]))
    if customer is None:
        return
    profile = dict(customer.get("profile") or {})
    key, value = str(p.args["key"]), p.args.get("value")
    if value is None:
        profile.pop(key, None)
    else:
        profile[key] = value
    if profile != customer.get("profile"):
        rows.put_customers(tx, [{**customer, "profile": profile}])


_EFFECTS: dict[MutationName, Callable[[Tx, Pending], None]] = {
    MutationName.SEND_MESSAGE: _send_message,
    MutationName.STAR: _star,
    MutationName.MARK_READ: _mark_read,
    MutationName.MARK_UNREAD: _mark_unread,
    MutationName.ASSIGN: _assign,
    MutationName.SET_TEAM: _set_team,
    MutationName.FOLLOW: _follow,
    MutationName.UNFOLLOW: _follow,
    MutationName.SET_STATE: _set_state,
    MutationName.ADD_TAG: _tag,
    MutationName.REMOVE_TAG: _tag,
    MutationName.SET_DESCRIPTION: _set_description,
    MutationName.SET_PROFILE_FIELD: _set_profile_field,
}
assert set(_EFFECTS) == set(MutationName)
