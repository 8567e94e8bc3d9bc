"""The cache keeps issue 17's wire data as the server sends it: a medium's settings and
the names of its secrets, a profile field's options and position, the workspace's time
zone and business hours; a disconnected medium stays known but leaves the sidebar."""

from __future__ import annotations

from typing import Any

from desktop.sync.cache import Cache
from protocol import schemas as s
from tests.desktop_sync.test_cache import Feed, _id, cache

__all__ = ["cache"]  # the fixture, used by name


def test_admin_entries_are_stored_whole(cache: Cache) -> None:
    feed = Feed()
    line = s.IntegrationOut.model_validate(
        {
            "id": _id(),
            "medium": "line",
            "name": "LINE @sangdam",
            "connected": True,
            "settings": {"channel_id": "1650000000"},
            "secrets_set": ["access_token", "channel_secret"],
        }
    ).model_dump(mode="json")
    plan = s.CustomerFieldOut(
        key="plan", label="Plan", type="select", options=["free", "pro"], position=2
    ).model_dump(mode="json")
    ws: dict[str, Any] = s.WorkspaceOut.model_validate(
        {
            "id": _id(),
            "name": "상담 주식회사",
            "time_zone": "Asia/Seoul",
            "business_hours": {"mon": {"open": "09:00", "close": "18:00"}},
        }
    ).model_dump(mode="json")
    cache.apply_changes(
        [feed("integration", line), feed("customer_field", plan, "plan"), feed("workspace", ws)],
        feed.seq,
    )
    assert cache.reads.reference("integration") == [line]
    assert cache.reads.reference("customer_field") == [plan]
    assert cache.reads.meta("workspace") == ws

    gone = {**line, "connected": False, "secrets_set": []}
    cache.apply_changes([feed("integration", gone), feed("customer_field", None, "plan")], feed.seq)
    assert cache.reads.reference("integration") == [gone]
    assert cache.reads.reference("customer_field") == []
