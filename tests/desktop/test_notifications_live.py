"""Native notifications for real: the app against a live server, its notifications sent
over a private D-Bus session bus to the real notification daemon (dunst on Xvfb), each
Notify call seen on the bus, and a click made with `dunstctl action`.

One test per rule N1-N7, including what must not notify. A "must not" is shown with a
sentinel: something that must notify is made to happen after it, in another chat; the
feed keeps order, so once the sentinel's notification is on the bus the other one
would have been there already.
"""

# covers: N1, N2, N3, N4, N5, N6, N7, S5, S11

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt

from desktop import resources
from desktop.controller.flow import AppFlow
from tests.desktop.support import (
    WAIT_MS,
    LiveFactory,
    Who,
    customer_says,
    finish,
    login,
    push_as,
    run_flow,
    start_chat,
    started,
    ui_of,
    world_on,
)
from tests.support.notify_bus import NotificationBus, NotifyCall, notification_bus  # noqa: F401
from tests.support.world import World

pytestmark = pytest.mark.timeout(120)

SHORT = 10.0  # seconds: how long a notification may take to reach the bus here


@pytest.fixture
def bus(
    notification_bus: NotificationBus,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> NotificationBus:
    """The app's session bus is the private one with dunst on it."""
    monkeypatch.setenv(
        "DBUS_SESSION_BUS_ADDRESS", notification_bus.env()["DBUS_SESSION_BUS_ADDRESS"]
    )
    return notification_bus


class Desk:
    """A workspace on a live server, its people, and Ana's app watching it."""

    def __init__(self, server: Any, world: World) -> None:
        self.server = server
        self.world = world
        self.ana = login(server, "ana")
        self.ben = login(server, "ben")
        self.owner = login(server, "owner")

    def chat(self, text: str, name: str = "김민지", **extra: Any) -> dict[str, str]:
        return start_chat(self.server, self.world, text, name=name, **extra)

    def assign(self, chat: dict[str, str], who: Who, *, by: Who | None = None) -> None:
        self.act(
            by or self.ben,
            "assign",
            chat_id=chat["chat_id"],
            assignee_id=who.manager_id,
            expected_assignee_id=None,
        )

    def act(self, who: Who, name: str, **args: Any) -> None:
        """A mutation by another manager's app (or Ana's own, on another device)."""
        r = push_as(self.server, who, name, **args)
        assert r["status"] == "applied", r

    def write(self, who: Who, chat: dict[str, str], text: str, **extra: Any) -> None:
        self.act(
            who,
            "send_message",
            chat_id=chat["chat_id"],
            message_id=str(uuid.uuid4()),
            blocks=[{"type": "text", "text": text}],
            **extra,
        )

    def team(self, name: str, *, auto_assign: bool, url: str) -> str:
        """A team of Ana and Ben, made by the operator's CLI path (no endpoint makes one)."""
        from server import admin
        from server.db.database import Database
        from tests.desktop.support import in_thread

        async def make() -> str:
            db = Database(url)
            try:
                members = [self.world.managers["ana"], self.world.managers["ben"]]
                tid = await admin.create_team(
                    db, self.world.workspace_id, name, members, auto_assign=auto_assign
                )
                return str(tid)
            finally:
                await db.dispose()

        return in_thread(make())

    def settings(self, who: Who, **values: Any) -> None:
        r = httpx.patch(
            f"{self.server.url}/managers/{who.manager_id}",
            json=values,
            headers=self.owner.headers,
            timeout=10,
        )
        assert r.status_code == 200, r.text


def about(calls: list[NotifyCall], text: str) -> list[NotifyCall]:
    return [c for c in calls if text in c.body or text in c.summary]


def assert_silent(
    qtbot: Any, bus: NotificationBus, text: str, desk: Desk, sentinel: dict[str, str]
) -> None:
    """Nothing about `text` was notified: a message in `sentinel` (a chat that notifies),
    sent after it, has been, and the feed keeps order."""
    mark = f"sentinel {uuid.uuid4().hex[:8]}"
    customer_says(desk.server, sentinel, mark)
    wait_call(qtbot, bus, mark)
    assert about(bus.calls(), text) == []


def wait_call(qtbot: Any, bus: NotificationBus, text: str, timeout: float = SHORT) -> NotifyCall:
    """The newest Notify call that mentions `text`, once there is one (Qt's loop, and the
    app with it, runs meanwhile)."""
    try:
        qtbot.waitUntil(lambda: bool(about(bus.calls(), text)), timeout=int(timeout * 1000))
    except Exception:
        seen = "\n".join(f"  {c.summary!r}: {c.body!r}" for c in bus.calls()) or "  (none)"
        raise AssertionError(f"no notification about {text!r}; seen:\n{seen}") from None
    return about(bus.calls(), text)[-1]


@pytest.fixture
def desk(live_server: LiveFactory, sqlite_url: str) -> Desk:
    world = world_on(sqlite_url)
    return Desk(live_server(sqlite_url, SANGDAM_JOB_INTERVAL_S="0.3"), world)


def app(qtbot: Any, aio: asyncio.AbstractEventLoop, tmp_path: Path, desk: Desk) -> Any:
    flow, task = started(qtbot, aio, tmp_path, desk.server, desk.ana)
    return flow, task


# ---- N1 ----------------------------------------------------------------------------------


def test_n1_a_message_in_my_chat_or_one_i_follow_notifies_me_but_never_my_own(
    qtbot: Any,
    bus: NotificationBus,
    desk: Desk,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,  # last: the database fixtures run their own loops
) -> None:
    mine = desk.chat("첫 문의")
    followed = desk.chat("another question", name="Sam Lee", medium="kakao")
    desk.assign(mine, desk.ana)
    desk.assign(followed, desk.ben)
    desk.act(desk.ana, "follow", chat_id=followed["chat_id"])
    flow, task = app(qtbot, aio, tmp_path, desk)
    bus.clear()

    customer_says(desk.server, mine, "배송이 언제 오나요?")
    call = wait_call(qtbot, bus, "배송이 언제 오나요?")
    assert call.summary == "김민지 · Web chat"
    assert "default" in call.actions  # a click opens it (N6)

    customer_says(desk.server, followed, "still waiting")
    call = wait_call(qtbot, bus, "still waiting")
    assert call.summary == "Sam Lee · Kakao"

    # my own reply notifies nobody, me included; the sentinel comes after it
    desk.write(desk.ana, mine, "곧 도착합니다")
    assert_silent(qtbot, bus, "곧 도착합니다", desk, followed)
    finish(qtbot, flow, task)


# ---- N2, S11, S5 -------------------------------------------------------------------------


def test_n2_the_unassigned_switch_in_the_sidebar_changes_what_the_server_sends_at_once(
    qtbot: Any,
    bus: NotificationBus,
    desk: Desk,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    mine = desk.chat("sentinel chat")
    desk.assign(mine, desk.ana)
    flow, task = app(qtbot, aio, tmp_path, desk)
    ui = ui_of(flow)
    switch = ui.window.notify_unassigned
    assert not switch.isChecked()  # S11 is off by default

    quiet = desk.chat("nobody is told about me")  # no team, no assignee: Unassigned
    qtbot.waitUntil(lambda: quiet["chat_id"] in ui.chats.ids(), timeout=WAIT_MS)
    assert_silent(qtbot, bus, "nobody is told about me", desk, mine)

    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    # the box shows what the server has, once the feed brings it back
    qtbot.waitUntil(switch.isChecked, timeout=WAIT_MS)
    assert ui.window.notify_unassigned_action.isChecked()
    fresh = desk.chat("새 고객 문의입니다", name="박서준")
    call = wait_call(qtbot, bus, "새 고객 문의입니다")
    assert call.summary == "박서준 · Web chat"
    assert call.body == "New chat, no assignee\n새 고객 문의입니다"
    customer_says(desk.server, quiet, "now I am heard")  # an old unassigned chat, too
    assert wait_call(qtbot, bus, "now I am heard").body.startswith("New message, no assignee")
    # S5: the chats that notified me are in My sessions
    qtbot.waitUntil(
        lambda: {fresh["chat_id"], quiet["chat_id"]} <= _ids(ui, "sessions"), timeout=WAIT_MS
    )

    switch.click()  # off again
    qtbot.waitUntil(lambda: not switch.isChecked(), timeout=WAIT_MS)
    desk.chat("silence again")
    assert_silent(qtbot, bus, "silence again", desk, mine)
    finish(qtbot, flow, task)


def _ids(ui: Any, section: str) -> set[str]:
    return {item.id for item in ui.reader.chat_rows(section, None, limit=200)}


# ---- N3 ----------------------------------------------------------------------------------


def test_n3_a_queued_chat_notifies_nobody_until_it_is_assigned_to_me(
    qtbot: Any,
    bus: NotificationBus,
    desk: Desk,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    team = desk.team("Returns", auto_assign=True, url=sqlite_url)
    for who in (desk.ana, desk.ben):
        desk.settings(who, max_auto_assign=0)  # no room anywhere: new team chats wait
    desk.settings(desk.ana, notify_unassigned=True)  # even so, a waiting chat is silent
    sentinel = desk.chat("sentinel four")
    desk.assign(sentinel, desk.ana)
    flow, task = app(qtbot, aio, tmp_path, desk)
    ui = ui_of(flow)

    waiting = desk.chat("환불 요청합니다", name="이하늘", team_id=team)
    qtbot.waitUntil(lambda: waiting["chat_id"] in _ids(ui, "all"), timeout=WAIT_MS)
    chat = ui.reader.chat(waiting["chat_id"])
    assert chat is not None and chat["queued_since"] is not None  # R2: it waits
    customer_says(desk.server, waiting, "아직 기다리고 있어요")
    assert_silent(qtbot, bus, "환불", desk, sentinel)
    assert about(bus.calls(), "기다리고") == []

    desk.assign(waiting, desk.ana)  # by hand, by Ben
    call = wait_call(qtbot, bus, "Assigned to you")
    assert call.summary == "이하늘 · Web chat · Returns"
    assert "아직 기다리고 있어요" in call.body  # with the chat's last message
    finish(qtbot, flow, task)


# ---- N4 ----------------------------------------------------------------------------------


def test_n4_a_snooze_that_ends_notifies_the_assignee(
    qtbot: Any,
    bus: NotificationBus,
    desk: Desk,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    chat = desk.chat("다음 주에 다시 연락 주세요", name="최유나")
    desk.assign(chat, desk.ana)
    flow, task = app(qtbot, aio, tmp_path, desk)
    until = datetime.now(UTC) + timedelta(seconds=2)
    desk.act(
        desk.ben,
        "set_state",
        chat_id=chat["chat_id"],
        state="snoozed",
        expected_state="open",
        snooze_until=until.isoformat(),
    )
    call = wait_call(qtbot, bus, "Snooze ended", timeout=15)
    assert call.summary == "최유나 · Web chat"
    assert call.at >= until.timestamp()  # not before it ended
    finish(qtbot, flow, task)


# ---- N5 ----------------------------------------------------------------------------------


def test_n5_a_mention_notifies_at_once_but_not_in_a_closed_chat(
    qtbot: Any,
    bus: NotificationBus,
    desk: Desk,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    bens = desk.chat("Ben's customer", name="Jo Park")
    closed = desk.chat("a closed matter", name="Kim Closed")
    sentinel = desk.chat("sentinel chat")
    for chat in (bens, closed):
        desk.assign(chat, desk.ben)
    desk.assign(sentinel, desk.ana)
    desk.act(
        desk.ben, "set_state", chat_id=closed["chat_id"], state="closed", expected_state="open"
    )
    flow, task = app(qtbot, aio, tmp_path, desk)

    def note(chat: dict[str, str], text: str) -> None:
        mentions = {"manager_ids": [desk.ana.manager_id]}
        desk.write(desk.ben, chat, text, kind="note", mentions=mentions)

    note(bens, "@Ana 이 고객 환불 건 봐 주세요")
    call = wait_call(qtbot, bus, "You were mentioned")
    assert call.summary == "Jo Park · Web chat"
    assert "Internal note: @Ana 이 고객 환불 건 봐 주세요" in call.body  # a note says so

    note(closed, "@Ana closed but mentioned")  # C5: closed chats' notes notify nobody
    assert_silent(qtbot, bus, "closed but mentioned", desk, sentinel)
    finish(qtbot, flow, task)


# ---- N6 ----------------------------------------------------------------------------------


def test_n6_clicking_a_notification_brings_the_app_up_on_that_chat_and_marks_it_read(
    qtbot: Any,
    bus: NotificationBus,
    desk: Desk,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    from PySide6.QtWidgets import QLineEdit

    first = desk.chat("first chat")
    second = desk.chat("second chat", name="정다은")
    for chat in (first, second):
        desk.assign(chat, desk.ana)
    flow, task = app(qtbot, aio, tmp_path, desk)
    ui = ui_of(flow)
    window = ui.window
    window.show_section("starred")  # a section that does not list the chat
    other = QLineEdit()  # another application has the focus
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow(), timeout=WAIT_MS)
    window.showMinimized()

    customer_says(desk.server, second, "확인 부탁드립니다")
    wait_call(qtbot, bus, "확인 부탁드립니다")
    qtbot.waitUntil(lambda: about(bus.calls(), "확인 부탁드립니다")[-1].id is not None)
    qtbot.waitUntil(
        lambda: int((ui.reader.chat_state(second["chat_id"]) or {}).get("unread_count") or 0) > 0,
        timeout=WAIT_MS,
    )
    assert bus.displayed() == 1
    bus.action(0)  # `dunstctl action 0`: the default action of the one shown
    qtbot.waitUntil(
        lambda: (
            window.isActiveWindow()
            and not window.isMinimized()
            and window.conversation.chat is not None
            and window.conversation.chat.id == second["chat_id"]
        ),
        timeout=WAIT_MS,
    )
    assert window.chat_list.chat_id == second["chat_id"]  # selected in the list too
    assert second["chat_id"] in ui.chats.ids()
    qtbot.waitUntil(  # and read: on the server, so on every device
        lambda: int((ui.reader.chat_state(second["chat_id"]) or {}).get("unread_count") or 0) == 0,
        timeout=WAIT_MS,
    )
    other.close()
    finish(qtbot, flow, task)


# ---- N7 ----------------------------------------------------------------------------------


def test_n7_a_notification_names_customer_chat_and_preview_and_the_tray_counts_unread(
    qtbot: Any,
    bus: NotificationBus,
    desk: Desk,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    kakao = desk.chat("카카오 문의", name="한지민", medium="kakao")
    web = desk.chat("web question", name="<b>Bold</b> Name")
    for chat in (kakao, web):
        desk.assign(chat, desk.ana)
    flow, task = app(qtbot, aio, tmp_path, desk)
    tray = flow.tray
    assert tray is not None
    qtbot.waitUntil(lambda: tray.count == 0, timeout=WAIT_MS)  # assigning is not a message

    customer_says(desk.server, kakao, "사진 보내드렸어요")
    call = wait_call(qtbot, bus, "사진 보내드렸어요")
    assert call.summary == "한지민 · Kakao"
    assert call.body == "사진 보내드렸어요"
    assert call.app_name == "Sangdam"
    assert call.app_icon == resources.icon_file(256).as_uri()  # our mark, not Python's

    # customer text full of HTML reaches the daemon escaped: shown as written
    customer_says(desk.server, web, '<a href="http://evil.test">click</a> & <i>me</i>')
    call = wait_call(qtbot, bus, "evil.test")
    assert call.summary == "&lt;b&gt;Bold&lt;/b&gt; Name · Web chat"
    assert (
        call.body == '&lt;a href="http://evil.test"&gt;click&lt;/a&gt; &amp; &lt;i&gt;me&lt;/i&gt;'
    )

    qtbot.waitUntil(lambda: tray.count == 2, timeout=WAIT_MS)  # two chats with unread
    assert "2 unread chats" in tray.icon.toolTip()
    assert not tray.icon.icon().isNull()
    ui_of(flow).window.show_chat(kakao["chat_id"])  # reading one
    qtbot.waitUntil(lambda: tray.count == 1, timeout=WAIT_MS)
    assert "1 unread chat" in tray.icon.toolTip()
    finish(qtbot, flow, task)


# ---- bursts, the open chat, pausing, a time away -----------------------------------------


def test_a_burst_of_twenty_messages_in_two_seconds_is_one_notification_updated(
    qtbot: Any,
    bus: NotificationBus,
    desk: Desk,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    chat = desk.chat("hello", name="Burst Kim")
    desk.assign(chat, desk.ben)
    desk.act(desk.ana, "follow", chat_id=chat["chat_id"])
    flow, task = app(qtbot, aio, tmp_path, desk)
    bus.clear()
    began = time.monotonic()
    for i in range(1, 21):
        customer_says(desk.server, chat, f"burst message {i}")
        time.sleep(max(0.0, began + i * 0.1 - time.monotonic()))
    # Two seconds on a quiet machine; a busy one takes longer to post twenty messages,
    # and during a long burst an update is owed every max_wait (3 s): allow those.
    took = time.monotonic() - began
    assert took < 15.0  # still one burst: a group stays fresh for 20 s
    call = wait_call(qtbot, bus, "burst message 20")
    assert call.body == "20 new messages\nburst message 20"
    qtbot.wait(1500)  # nothing more comes
    calls = about(bus.calls(), "burst message")
    most = 3 + int(took // 3.0)  # shown, updated at the end, and once per 3 s meanwhile
    assert 2 <= len(calls) <= most, [c.body for c in calls]  # not 20
    assert calls[0].body == "burst message 1"  # the first one at once
    assert bus.displayed() == 1  # the update replaced it: one on screen
    finish(qtbot, flow, task)


def test_the_chat_open_in_a_focused_window_is_not_notified_and_pausing_silences_all(
    qtbot: Any,
    bus: NotificationBus,
    desk: Desk,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    looking = desk.chat("I am on screen")
    elsewhere = desk.chat("another chat", name="Other Lee")
    for chat in (looking, elsewhere):
        desk.assign(chat, desk.ana)
    flow, task = app(qtbot, aio, tmp_path, desk)
    ui = ui_of(flow)
    ui.window.bring_to_front()
    ui.window.show_chat(looking["chat_id"])
    qtbot.waitUntil(ui.window.isActiveWindow, timeout=WAIT_MS)

    customer_says(desk.server, looking, "you can see me already")
    assert_silent(qtbot, bus, "you can see me already", desk, elsewhere)

    tray = flow.tray
    assert tray is not None
    tray.pause_hour_action.trigger()  # the tray's menu: pause for 1 hour
    assert ui.window.paused_label.isVisible() or not ui.window.isVisible()
    assert "paused until" in tray.icon.toolTip()
    customer_says(desk.server, elsewhere, "while paused")
    qtbot.waitUntil(
        lambda: (
            (ui.reader.chat(elsewhere["chat_id"]) or {}).get("last_message_preview")
            == "while paused"
        ),
        timeout=WAIT_MS,
    )
    qtbot.wait(800)
    assert about(bus.calls(), "while paused") == []
    qtbot.waitUntil(lambda: tray.count >= 1, timeout=WAIT_MS)  # still counted

    # a pause outlives a restart
    cfg = flow.config
    finish(qtbot, flow, task)
    flow, task = started(qtbot, aio, tmp_path, desk.server, desk.ana)
    tray = flow.tray
    assert tray is not None and tray.paused_until is not None
    assert ui_of(flow).window.resume_action.isVisible()
    assert flow.config.config_dir == cfg.config_dir

    tray.resume_action.trigger()
    customer_says(desk.server, elsewhere, "after the pause")
    wait_call(qtbot, bus, "after the pause")
    finish(qtbot, flow, task)


def test_a_pause_ends_by_itself(qtbot: Any) -> None:
    from desktop.notify.notifier import Notifier
    from desktop.notify.sink import DesktopSink

    class NoReader:
        def notifications(self, ids: Any) -> list[Any]:
            return []

    notifier = Notifier(NoReader(), DesktopSink())  # type: ignore[arg-type]
    seen: list[Any] = []
    notifier.pausedChanged.connect(seen.append)
    notifier.pause(datetime.now().astimezone() + timedelta(milliseconds=300))
    assert notifier.paused_until is not None
    qtbot.waitUntil(lambda: seen[-1:] == [None], timeout=3000)
    assert notifier.paused_until is None


def test_what_came_while_the_app_was_away_is_one_summary_and_its_click_opens_the_app(
    qtbot: Any,
    bus: NotificationBus,
    desk: Desk,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    chats = [desk.chat(f"chat {i}", name=f"Customer {i}") for i in range(3)]
    for chat in chats:
        desk.assign(chat, desk.ana)
    flow, task = app(qtbot, aio, tmp_path, desk)
    cfg = flow.config
    finish(qtbot, flow, task)  # the agent is away: the app is closed

    for n, chat in enumerate([chats[0], chats[0], chats[1], chats[1], chats[2]]):
        customer_says(desk.server, chat, f"away message {n}")
    bus.clear()
    flow = AppFlow(cfg)
    assert flow.show_from_cache()
    task = run_flow(aio, flow)
    call = wait_call(qtbot, bus, "5 new messages in 3 chats")
    assert call.summary == "While you were away"
    qtbot.wait(1500)
    assert len(bus.calls()) == 1, [c.body for c in bus.calls()]  # one, not five

    ui = ui_of(flow)
    ui.window.showMinimized()
    bus.click(0)
    qtbot.waitUntil(
        lambda: ui.window.isActiveWindow() and ui.window.sidebar.key == "sessions",
        timeout=WAIT_MS,
    )
    assert {c["chat_id"] for c in chats} <= set(ui.chats.ids())

    # live again: the next message is told on its own
    customer_says(desk.server, chats[2], "back to normal")
    call = wait_call(qtbot, bus, "back to normal")
    assert call.summary == "Customer 2 · Web chat"
    finish(qtbot, flow, task)


def test_with_no_notification_service_the_window_says_so_and_loses_nothing(
    qtbot: Any,
    desk: Desk,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # no `bus`: the app's session bus does not exist (tests/desktop/conftest.py)
    caplog.set_level(logging.DEBUG)
    chat, other = desk.chat("hello"), desk.chat("other")
    desk.assign(chat, desk.ana)
    desk.assign(other, desk.ana)
    flow, task = app(qtbot, aio, tmp_path, desk)
    ui = ui_of(flow)
    customer_says(desk.server, chat, "is anyone there?")
    qtbot.waitUntil(lambda: "cannot show notifications" in ui.window.notice.text(), timeout=WAIT_MS)
    assert "no notification service answered" in ui.window.notice.text()
    customer_says(desk.server, other, "still waiting")  # more notifications that fail
    customer_says(desk.server, chat, "hello??")
    qtbot.waitUntil(lambda: not_shown(caplog) >= 2, timeout=WAIT_MS)
    item = ui.chats.lookup(chat["chat_id"])
    assert item is not None and item.chat["last_message_preview"] == "hello??"
    assert flow.tray is not None and flow.tray.count == 2  # still counted
    why = flow.sink.problem
    assert why is not None and why in ui.window.notice.text()
    # the agent reads a sentence; the library's technical words go to the log only
    assert "Error" not in ui.window.notice.text()
    finish(qtbot, flow, task)
    # one warning for the outage, and no traceback (desktop-notifier logs one per send)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    told = [r.getMessage() for r in warnings if "otification" in r.getMessage()]
    assert len(told) == 1 and told[0].startswith(f"native notifications cannot be shown: {why}")

    assert [r.getMessage() for r in caplog.records if r.exc_info] == []


def not_shown(caplog: pytest.LogCaptureFixture) -> int:
    """Sends that failed after the first (logged at debug level only)."""
    return sum("a notification was not shown" in r.getMessage() for r in caplog.records)


def test_a_new_chat_routed_to_me_is_one_notification_with_its_first_message(
    qtbot: Any,
    bus: NotificationBus,
    desk: Desk,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    team = desk.team("Orders", auto_assign=True, url=sqlite_url)
    desk.settings(desk.ben, available=False)  # only Ana can take it
    flow, task = app(qtbot, aio, tmp_path, desk)
    bus.clear()
    desk.chat("주문 취소하고 싶어요", name="윤도현", team_id=team)
    call = wait_call(qtbot, bus, "주문 취소하고 싶어요")
    assert call.summary == "윤도현 · Web chat · Orders"
    assert call.body == "Assigned to you\n주문 취소하고 싶어요"
    qtbot.wait(1200)  # no update follows: it already said everything
    assert len(bus.calls()) == 1, [c.body for c in bus.calls()]
    finish(qtbot, flow, task)


def test_the_tray_menu_opens_the_window_and_quits_the_app(
    qtbot: Any,
    desk: Desk,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    flow, task = app(qtbot, aio, tmp_path, desk)
    tray = flow.tray
    assert tray is not None
    assert [a.text() for a in tray.menu.actions() if not a.isSeparator()] == [
        "Open Sangdam",
        "Pause notifications for 1 hour",
        "Pause notifications until tomorrow",
        "Resume notifications",
        "Settings…",
        "Quit Sangdam",
    ]
    window = ui_of(flow).window
    window.showMinimized()
    tray.open_action.trigger()
    qtbot.waitUntil(lambda: window.isActiveWindow() and not window.isMinimized(), timeout=WAIT_MS)
    tray.quit_action.trigger()
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    assert task.result() == 0 and flow.tray is None  # gone with the app


def test_any_notification_still_shown_opens_its_own_chat(
    qtbot: Any,
    bus: NotificationBus,
    desk: Desk,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    chats = [desk.chat(f"opening {i}", name=f"Person {i}") for i in range(3)]
    for chat in chats:
        desk.assign(chat, desk.ana)
    flow, task = app(qtbot, aio, tmp_path, desk)
    window = ui_of(flow).window
    for i, chat in enumerate(chats):
        customer_says(desk.server, chat, f"question {i}")
        wait_call(qtbot, bus, f"question {i}")
    qtbot.waitUntil(lambda: bus.displayed() == 3, timeout=WAIT_MS)
    # 0 is the newest; dunst keeps a clicked notification on screen, so positions hold
    for position, chat in ((1, chats[1]), (2, chats[0]), (0, chats[2])):
        window.showMinimized()
        bus.click(position)
        qtbot.waitUntil(
            lambda chat=chat: (
                window.isActiveWindow()
                and window.conversation.chat is not None
                and window.conversation.chat.id == chat["chat_id"]
            ),
            timeout=WAIT_MS,
        )
    finish(qtbot, flow, task)
