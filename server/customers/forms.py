"""A customer answers a form a manager sent (SPEC M6).

`POST /customer/chats/{chat_id}/messages/{message_id}/answers` with `{"answers": {key:
value}}`: every field of the form must be answered, each value of its field's type
(string: non-empty text, number, boolean, date: YYYY-MM-DD). The answers are stored in
the form block's `answers`, once: a form is answered a single time, and a second answer
is refused (409 stale_value, `current` carrying the answers kept), so what the agents
saw answered never changes under them. A field with a `profile_key` naming one of the
workspace's customer fields also writes its answer to the customer's profile (a string
field takes any answer as text; other types only the same type). The message and the
customer go through the change log, so the agents' apps show both at once.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import AuthorKind, Entity, FieldType, MessageKind
from server import wire
from server.auth.service import CustomerPrincipal
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell
from server.sync.mutations import coerce_field, profile_value


def checked_answers(fields: list[dict[str, Any]], answers: dict[str, Any]) -> dict[str, Any]:
    """The answers in the form's field order, each checked against its field's type."""
    keys = [str(f["key"]) for f in fields]
    unknown = sorted(set(answers) - set(keys))
    if unknown:
        raise ServiceError(ErrorCode.INVALID_VALUE, f"This form has no field {unknown[0]!r}.")
    out: dict[str, Any] = {}
    for f in fields:
        key, ftype = str(f["key"]), FieldType(f.get("type") or FieldType.STRING)
        value = answers.get(key)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            raise ServiceError(
                ErrorCode.INVALID_VALUE,
                f"Answer every field: {f.get('label') or key!r} is empty.",
                current={"key": key, "problem": "missing"},
            )
        try:
            out[key] = coerce_field(ftype, value)
        except ServiceError as exc:
            raise ServiceError(
                ErrorCode.INVALID_VALUE,
                f"{f.get('label') or key!r} takes a {ftype.value}.",
                current={"key": key, "problem": "type", "type": ftype.value},
            ) from exc
    return out


def _profile_value(ftype: FieldType, options: list[str], value: Any) -> Any:
    """An answer as the profile field's type takes it, or None (not written)."""
    if ftype is FieldType.STRING:
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)
    try:
        return profile_value(ftype, options, value)
    except ServiceError:
        return None


async def answer_form(
    db: Database,
    doorbell: Doorbell,
    who: CustomerPrincipal,
    message_id: uuid.UUID,
    req: s.FormAnswersRequest,
) -> dict[str, Any]:
    """Store the answers (once) and write the profile fields; returns the message."""
    async with db.write() as conn:
        await lock_workspace(conn, who.workspace_id)
        msg = (
            await conn.execute(
                select(m.Message).where(
                    m.Message.id == message_id,
                    m.Message.chat_id == who.chat_id,
                    m.Message.workspace_id == who.workspace_id,
                )
            )
        ).first()
        if (
            msg is None
            or msg.author_kind != AuthorKind.MANAGER.value
            or msg.kind != MessageKind.REPLY.value  # a note never reaches the customer
        ):
            raise ServiceError(ErrorCode.NOT_FOUND, f"No message {message_id} in this chat.")
        blocks = [dict(b) for b in msg.blocks]
        at = next((i for i, b in enumerate(blocks) if b.get("type") == "form"), None)
        if at is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "This message has no form.")
        form = blocks[at]
        if form.get("answers") is not None:
            raise ServiceError(
                ErrorCode.STALE_VALUE, "This form was answered already.", current=form["answers"]
            )
        answers = checked_answers(list(form["fields"]), dict(req.answers))
        blocks[at] = {**form, "answers": answers}
        await conn.execute(update(m.Message).where(m.Message.id == msg.id).values(blocks=blocks))
        w = ChangeWriter(conn, who.workspace_id)
        row = (await conn.execute(select(m.Message).where(m.Message.id == msg.id))).one()
        data = wire.message(row)
        w.emit(Entity.MESSAGE, msg.id, data, chat_id=who.chat_id)
        wanted = {
            str(f["profile_key"]): answers[str(f["key"])]
            for f in form["fields"]
            if f.get("profile_key")
        }
        if wanted:
            types = {
                str(k): (FieldType(t), list(o or []))
                for k, t, o in await conn.execute(
                    select(
                        m.CustomerField.key, m.CustomerField.type, m.CustomerField.options
                    ).where(
                        m.CustomerField.workspace_id == who.workspace_id,
                        m.CustomerField.key.in_(list(wanted)),
                    )
                )
            }
            customer = (
                await conn.execute(select(m.Customer).where(m.Customer.id == who.customer_id))
            ).one()
            profile = dict(customer.profile)
            for key, value in wanted.items():
                if key in types and (v := _profile_value(*types[key], value)) is not None:
                    profile[key] = v
            if profile != customer.profile:
                await conn.execute(
                    update(m.Customer).where(m.Customer.id == customer.id).values(profile=profile)
                )
                [cdata] = await wire.customers(conn, [customer.id])
                w.emit(Entity.CUSTOMER, customer.id, cdata)
        head = await w.flush()
    if head is not None:
        doorbell.ring(who.workspace_id, head)
    return data
