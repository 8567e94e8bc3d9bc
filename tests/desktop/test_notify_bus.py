"""Smoke tests of the native-notification harness (tests/support/notify_bus.py), with
desktop-notifier talking to a real dunst on a private bus. No Qt here: each test runs
its own `asyncio.run`.

What these pin down about desktop-notifier 6.2 on Linux (its D-Bus backend):

* every Notify call has replaces_id 0: it cannot update a notification in place.
  Sending a `Notification(identifier=<one already shown>)` shows a second, separate
  notification and logs "Notification failed" (its id map is a bidict that refuses a
  second daemon id for the same identifier), so the new one's callbacks never run.
  What works: `await notifier.clear(identifier)` (CloseNotification) and send again.
* a click is the "default" action: desktop-notifier adds ["default", ""] to the
  actions when the server is not xfce4-notifyd, and runs `on_clicked` when the
  daemon sends ActionInvoked(id, "default"); that needs its asyncio loop running.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable
from typing import Any

import pytest
from desktop_notifier import DesktopNotifier, Notification

from tests.support.notify_bus import NotificationBus, NotifyCall
from tests.support.notify_bus import notification_bus as notification_bus  # the fixture

APP = "Sangdam test"


@pytest.fixture
def bus(notification_bus: NotificationBus, monkeypatch: pytest.MonkeyPatch) -> NotificationBus:
    """The harness, with this test's session bus pointed at it."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", notification_bus.address)
    monkeypatch.setenv("DISPLAY", notification_bus.display)
    return notification_bus


def _disconnect(notifier: DesktopNotifier) -> None:
    """desktop-notifier never closes its D-Bus connection; do it before the loop ends."""
    connection = getattr(notifier._backend, "bus", None)
    if connection is not None:
        connection.disconnect()


async def _until(condition: Callable[[], bool], within: float = 5.0) -> None:
    """Poll while the loop keeps running (so desktop-notifier gets its signals)."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.01)


def _with(summary: str) -> Callable[[list[NotifyCall]], bool]:
    return lambda calls: any(c.summary == summary and c.id is not None for c in calls)


def _one(calls: list[NotifyCall], summary: str) -> NotifyCall:
    [call] = [c for c in calls if c.summary == summary]
    return call


def test_notify_is_recorded_and_a_click_runs_on_clicked(bus: NotificationBus) -> None:
    clicked: list[float] = []

    async def main() -> None:
        notifier = DesktopNotifier(app_name=APP)
        try:
            sent_at = time.time()
            identifier = await notifier.send(
                title="New message from Mina",
                message="Is my order on its way?",
                on_clicked=lambda: clicked.append(time.time()),
            )
            call = _one(
                await bus.wait_for_async(_with("New message from Mina")), "New message from Mina"
            )
            assert call.app_name == APP
            assert call.body == "Is my order on its way?"
            assert call.replaces_id == 0
            assert "default" in call.action_keys
            assert call.actions[:2] == ["default", ""]
            assert call.hints["urgency"] == 1
            assert call.id is not None and call.id > 0
            assert sent_at - 1 < call.at < time.time()
            assert await notifier.get_current_notifications() == [identifier]
            assert bus.displayed() == 1

            # click() blocks until dunst has sent ActionInvoked; run it off the loop
            assert await asyncio.to_thread(bus.click, 0) == call.id
            await _until(lambda: bool(clicked))
            assert [(s.name, s.id, s.value) for s in bus.signals()] == [
                ("ActionInvoked", call.id, "default")
            ]
            # desktop-notifier forgets a notification once acted on; dunst still shows it
            assert await notifier.get_current_notifications() == []
            assert bus.displayed() == 1
        finally:
            _disconnect(notifier)

    asyncio.run(main())
    assert len(clicked) == 1


def test_click_picks_the_newest_and_dunstctl_action_0_the_oldest(bus: NotificationBus) -> None:
    clicked: list[str] = []

    async def main() -> None:
        notifier = DesktopNotifier(app_name=APP)
        try:
            for name in ("first", "second", "third"):
                await notifier.send(
                    title=name, message="body", on_clicked=functools.partial(clicked.append, name)
                )
            calls = await bus.wait_for_async(lambda cs: sum(c.id is not None for c in cs) == 3)
            ids = {c.summary: c.id for c in calls}
            assert bus.displayed() == 3

            assert await asyncio.to_thread(bus.click, 0) == ids["third"]
            await _until(lambda: clicked == ["third"])
            assert await asyncio.to_thread(bus.click, 1) == ids["second"]
            await _until(lambda: clicked == ["third", "second"])

            # plain `dunstctl action 0`: dunst's first displayed one, the oldest
            await asyncio.to_thread(bus.action, 0)
            await _until(lambda: clicked == ["third", "second", "first"])

            with pytest.raises(LookupError, match="position 3"):
                await asyncio.to_thread(bus.click, 3)
        finally:
            _disconnect(notifier)

    asyncio.run(main())


def test_same_identifier_is_a_second_notification_not_a_replacement(
    bus: NotificationBus, caplog: pytest.LogCaptureFixture
) -> None:
    clicked: list[str] = []

    async def main() -> None:
        notifier = DesktopNotifier(app_name=APP)
        try:
            first = Notification("Chat 7", "1 new message", on_clicked=lambda: clicked.append("1"))
            await notifier.send_notification(first)
            update = Notification(
                "Chat 7",
                "2 new messages",
                identifier=first.identifier,
                on_clicked=lambda: clicked.append("2"),
            )
            with caplog.at_level(logging.WARNING, logger="desktop_notifier"):
                await notifier.send_notification(update)

            calls = await bus.wait_for_async(lambda cs: sum(c.id is not None for c in cs) == 2)
            assert [(c.body, c.replaces_id) for c in calls] == [
                ("1 new message", 0),
                ("2 new messages", 0),
            ]
            old_id, new_id = calls[0].id, calls[1].id
            assert old_id is not None and new_id is not None and old_id != new_id
            assert bus.displayed() == 2
            assert "Notification failed" in caplog.text

            # the update's click reaches nobody: desktop-notifier did not keep its id
            assert await asyncio.to_thread(bus.click_id, new_id) == new_id
            await asyncio.sleep(0.2)
            assert clicked == []
            # the first one still runs the first callback
            await asyncio.to_thread(bus.click_id, old_id)
            await _until(lambda: clicked == ["1"])
        finally:
            _disconnect(notifier)

    asyncio.run(main())


def test_clear_then_send_updates_a_notification(bus: NotificationBus) -> None:
    clicked: list[str] = []

    async def main() -> None:
        notifier = DesktopNotifier(app_name=APP)
        try:
            first = Notification("Chat 7", "1 new message", on_clicked=lambda: clicked.append("1"))
            await notifier.send_notification(first)
            [old] = await bus.wait_for_async(_with("Chat 7"))

            await notifier.clear(first.identifier)
            await notifier.send_notification(
                Notification(
                    "Chat 7",
                    "2 new messages",
                    identifier=first.identifier,
                    on_clicked=lambda: clicked.append("2"),
                )
            )
            calls = await bus.wait_for_async(lambda cs: sum(c.id is not None for c in cs) == 2)
            new = calls[1]
            assert (new.body, new.replaces_id) == ("2 new messages", 0)
            assert new.id != old.id
            await _until(
                lambda: any(
                    (s.name, s.id, s.value) == ("NotificationClosed", old.id, 3)
                    for s in bus.signals()
                )
            )
            assert bus.displayed() == 1
            assert await notifier.get_current_notifications() == [first.identifier]

            assert await asyncio.to_thread(bus.click, 0) == new.id
            await _until(lambda: clicked == ["2"])
        finally:
            _disconnect(notifier)

    asyncio.run(main())


def test_replaces_id_is_recorded(bus: NotificationBus) -> None:
    """A client that does replace in place (a raw Notify with replaces_id, here through
    desktop-notifier's own proxy: it has no API for it) is seen as such."""
    clicked: list[str] = []

    async def main() -> None:
        notifier = DesktopNotifier(app_name=APP)
        try:
            await notifier.send("Chat 9", "1 new message", on_clicked=lambda: clicked.append("1"))
            [old] = await bus.wait_for_async(_with("Chat 9"))
            assert old.id is not None
            interface: Any = notifier._backend.interface  # type: ignore[attr-defined]
            returned = await interface.call_notify(
                APP, old.id, "", "Chat 9", "2 new messages", ["default", ""], {}, -1
            )
            calls = await bus.wait_for_async(lambda cs: sum(c.id is not None for c in cs) == 2)
            assert (calls[1].replaces_id, calls[1].id, returned) == (old.id, old.id, old.id)
            assert bus.displayed() == 1

            # same daemon id, so the click lands on the first notification's callback
            assert await asyncio.to_thread(bus.click, 0) == old.id
            await _until(lambda: clicked == ["1"])
        finally:
            _disconnect(notifier)

    asyncio.run(main())


def test_wait_for_times_out_with_what_it_saw(bus: NotificationBus) -> None:
    async def main() -> None:
        notifier = DesktopNotifier(app_name=APP)
        try:
            await notifier.send("Seen", "body")
            await bus.wait_for_async(_with("Seen"))
        finally:
            _disconnect(notifier)

    asyncio.run(main())
    with pytest.raises(TimeoutError, match="summary='Seen'"):
        bus.wait_for(_with("Never sent"), timeout=0.2)
    bus.clear()
    assert bus.calls() == [] and bus.signals() == []
    bus.close_all()
    assert bus.displayed() == 0


def test_notifications_never_expire(bus: NotificationBus) -> None:
    """dunst here ignores expire_timeout: what was shown stays clickable."""

    async def main() -> None:
        notifier = DesktopNotifier(app_name=APP)
        try:
            await notifier.send("Short-lived", "body", timeout=1)
            [call] = await bus.wait_for_async(_with("Short-lived"))
            assert call.expire_timeout == 1000
            await asyncio.sleep(1.3)
        finally:
            _disconnect(notifier)

    asyncio.run(main())
    assert bus.displayed() == 1
    assert bus.signals() == []
