"""The cache takes the people entries of issue 17 as the server sends them: a manager's
`deactivated` flag, a team's rota, and a deleted team's tombstone (no server)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from desktop.sync.cache import Cache
from protocol import schemas as s

URL = "http://sangdam.test"


def _id() -> str:
    return str(uuid.uuid4())


def entry(seq: int, entity: str, data: dict[str, Any] | None, ident: str) -> dict[str, Any]:
    op = "upsert" if data is not None else "delete"
    return {"seq": seq, "entity": entity, "id": ident, "op": op, "data": data}


def test_managers_and_teams_keep_their_new_fields_and_a_deleted_team_goes(
    tmp_path: Path,
) -> None:
    me, ana = _id(), _id()
    cache = Cache.for_login(URL, _id(), me, folder=tmp_path)
    try:
        manager = s.ManagerOut(
            id=uuid.UUID(ana), name="Ana", email="ana@example.test", role="manager",
            permissions=[], operator_seat=True, available=True, max_auto_assign=3,
            notify_unassigned=False, avatar_url=None, team_ids=[], deactivated=True,
        ).model_dump(mode="json")  # fmt: skip
        team_id = _id()
        team = s.TeamOut(
            id=uuid.UUID(team_id),
            name="Sales",
            auto_assign=True,
            member_ids=[uuid.UUID(ana), uuid.UUID(me)],
            rota_ids=[uuid.UUID(me)],
        ).model_dump(mode="json")
        cache.apply_changes([entry(1, "manager", manager, ana), entry(2, "team", team, team_id)], 2)
        [kept] = cache.reads.reference("manager")
        assert kept["deactivated"] is True and kept["max_auto_assign"] == 3
        [sales] = cache.reads.reference("team")
        assert sales["rota_ids"] == [me] and sales["member_ids"] == [ana, me]
        cache.apply_changes([entry(3, "team", None, team_id)], 3)
        assert cache.reads.reference("team") == []
    finally:
        cache.close()
