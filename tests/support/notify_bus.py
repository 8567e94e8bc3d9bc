"""A real native-notification stack for tests and benchmarks on Linux (no Qt in here).

`NotificationBus` starts, under a temp folder:

* a private X display (Xvfb, which picks a free display number itself: `-displayfd`),
* a private D-Bus session bus (dbus-daemon, with no service activation, so nothing
  on it is ever started by the bus: no second notification daemon, nothing on the
  user's display),
* dunst, the notification daemon, on that display and bus, configured so that
  notifications never expire (they stay displayed and clickable),
* a monitor: a dbus_fast connection in a background thread (its own asyncio loop)
  that became a bus monitor (`org.freedesktop.DBus.Monitoring.BecomeMonitor`) and
  records every `org.freedesktop.Notifications.Notify` call with the time it was seen,
  the id dunst returned for it, and dunst's `ActionInvoked`/`NotificationClosed`
  signals.

Nothing global is changed: callers point their clients at the bus with `env()`
(e.g. `monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.address)`).

Clicking. dunst 1.9's `dunstctl action N` (`NotificationAction(N)`) invokes the
default action of the N-th *displayed* notification in dunst's own order, which is
by urgency (critical first), then by id, *oldest first*; and it refuses any N greater
than the number of *waiting* (not displayed) notifications, so in practice only
`action 0`, the oldest, works. `click()` therefore goes through dunst's context menu
instead: `dunstctl context` makes dunst run its "dmenu" command (here a script of
ours) with one line per action of every displayed notification,
`#<label> (<summary>) [<id>,<action key>]`; the script picks the line we asked
for and dunst invokes that action (`ActionInvoked(id, key)` to the sender), exactly
as for a menu choice by a user. `action()` is the plain `dunstctl action N`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import select
import shlex
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import pytest

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"

# binary -> the Debian/Ubuntu package that installs it
BINARIES: dict[str, str] = {
    "Xvfb": "xvfb",
    "dbus-daemon": "dbus-daemon",
    "dunst": "dunst",
    "dunstctl": "dunst",
    "dbus-send": "dbus-bin",  # dunstctl is a shell script around dbus-send
}

START_TIMEOUT = 15.0


class NotifyUnavailable(Exception):
    """A binary the notification stack needs is not installed."""

    def __init__(self, missing: dict[str, str]) -> None:
        self.missing = missing
        names = ", ".join(missing)
        packages = " ".join(sorted(set(missing.values())))
        super().__init__(f"{names} not installed (apt-get install {packages})")


@dataclass(frozen=True)
class NotifyCall:
    """One `org.freedesktop.Notifications.Notify` call as seen on the bus."""

    at: float  # time.time() when the monitor saw the call on the bus
    app_name: str
    replaces_id: int
    app_icon: str
    summary: str
    body: str
    actions: list[str]  # flat, as sent: [key, label, key, label, ...]
    hints: dict[str, object]  # plain Python values (Variants unwrapped)
    expire_timeout: int
    id: int | None  # what the daemon returned; None if its reply was not seen (yet)
    sender: str = ""  # the caller's unique bus name
    serial: int = 0  # the call's serial on the caller's connection
    replied_at: float | None = None  # time.time() when the monitor saw the reply

    @property
    def action_keys(self) -> list[str]:
        return self.actions[0::2]


@dataclass(frozen=True)
class NotifySignal:
    """A signal dunst sent: `ActionInvoked` (value: the action key) or
    `NotificationClosed` (value: the reason, 1 expired, 2 dismissed, 3 closed by a
    CloseNotification call, 4 undefined)."""

    at: float
    name: str
    id: int
    value: object
    destination: str = ""


def missing_binaries() -> dict[str, str]:
    return {b: pkg for b, pkg in BINARIES.items() if shutil.which(b) is None}


def unwrap(value: Any) -> object:
    """dbus_fast values to plain Python: Variants unwrapped, recursively."""
    from dbus_fast.signature import Variant

    if isinstance(value, Variant):
        return unwrap(value.value)
    if isinstance(value, dict):
        return {unwrap(k): unwrap(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [unwrap(v) for v in value]
    return value


DUNSTRC = """\
# Written by tests/support/notify_bus.py
[global]
    monitor = 0
    follow = none
    width = 300
    height = 100
    origin = top-right
    offset = 10x10
    # no limit: every notification is displayed (none waits)
    notification_limit = 0
    indicate_hidden = no
    # never treat the (virtual) user as idle
    idle_threshold = 0
    sticky_history = yes
    history_length = 1000
    show_indicators = no
    icon_position = off
    font = Monospace 8
    markup = no
    format = "%s\\n%b"
    stack_duplicates = false
    ignore_dbusclose = false
    dmenu = {dmenu}
    browser = /bin/true
    mouse_left_click = do_action, close_current
    mouse_middle_click = close_current
    mouse_right_click = close_all

[urgency_low]
    timeout = 0

[urgency_normal]
    timeout = 0

[urgency_critical]
    timeout = 0

# Never expire, whatever expire_timeout a client sends (in a rule, "timeout" only
# applies when the client sent none; override_dbus_timeout wins over the client's).
[sangdam_never_expire]
    appname = "*"
    timeout = 0
    override_dbus_timeout = 0
"""

# dunst's "dmenu": reads the context menu on stdin, answers the line asked for in
# request.json, and writes what it saw and chose to result.json.
DMENU_SCRIPT = r"""
import json, os, re, sys

root = sys.argv[1]
menu = sys.stdin.read()
with open(os.path.join(root, "request.json")) as f:
    req = json.load(f)
entries = []
for line in menu.splitlines():
    m = re.search(r"\[(\d+),([^\]]*)\]\s*$", line)
    if line.startswith("#") and m:
        entries.append((int(m.group(1)), m.group(2), line))
chosen, error = None, None
ids = sorted({e[0] for e in entries}, reverse=True)
target = req.get("id")
if target is None:
    pos = req["position"]
    if 0 <= pos < len(ids):
        target = ids[pos]
    else:
        error = f"no displayed notification with actions at position {pos} (newest first)"
if target is not None:
    mine = [e for e in entries if e[0] == target]
    key = req.get("action")
    if not mine:
        error = f"notification {target} is not displayed or has no actions"
    elif key is not None:
        chosen = next((e for e in mine if e[1] == key), None)
        if chosen is None:
            error = f"notification {target} has no action {key!r}"
    else:
        # what dunst's own do_action does: "default", else the only action
        chosen = next((e for e in mine if e[1] == "default"), None)
        if chosen is None and len(mine) == 1:
            chosen = mine[0]
        if chosen is None:
            error = f"notification {target} has no 'default' action and several others"
result = {
    "token": req["token"],
    "menu": menu.splitlines(),
    "id": chosen[0] if chosen else None,
    "action": chosen[1] if chosen else None,
    "error": error,
}
tmp = os.path.join(root, "result.json.tmp")
with open(tmp, "w") as f:
    json.dump(result, f)
os.replace(tmp, os.path.join(root, "result.json"))
if chosen:
    sys.stdout.write(chosen[2] + "\n")
"""


@dataclass
class _Record:
    calls: list[NotifyCall] = field(default_factory=list)
    signals: list[NotifySignal] = field(default_factory=list)
    by_serial: dict[tuple[str, int], int] = field(default_factory=dict)  # -> index in calls


def _end(proc: subprocess.Popen[bytes]) -> None:
    """Terminate a child and reap it (kill it if it does not go in 5 s)."""
    try:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
    finally:
        if proc.stdout is not None:
            proc.stdout.close()


class _Monitor(threading.Thread):
    """A dbus_fast connection on its own asyncio loop: waits until dunst owns
    org.freedesktop.Notifications, then becomes a monitor of its traffic."""

    def __init__(self, address: str, bus: NotificationBus) -> None:
        super().__init__(name="notify-bus-monitor", daemon=True)
        self.address = address
        self.owner = bus
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.dunst_name = ""
        self._abort = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None

    def run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main())
        except BaseException as exc:
            self.error = exc
        finally:
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
            self.ready.set()  # never leave start() waiting

    async def _main(self) -> None:
        from dbus_fast import Message, MessageType
        from dbus_fast.aio import MessageBus

        self._stop_event = asyncio.Event()
        bus = await MessageBus(bus_address=self.address).connect()
        try:
            # 1. wait until dunst owns the name (start() watches dunst itself)
            while True:
                if self._abort.is_set():
                    return
                reply = await bus.call(
                    Message(
                        destination="org.freedesktop.DBus",
                        path="/org/freedesktop/DBus",
                        interface="org.freedesktop.DBus",
                        member="GetNameOwner",
                        signature="s",
                        body=[NOTIFICATIONS],
                    )
                )
                if reply is not None and reply.message_type == MessageType.METHOD_RETURN:
                    self.dunst_name = str(reply.body[0])
                    break
                await asyncio.sleep(0.01)

            # 2. become a monitor. Every message from now on is for us to record; the
            # handler says "handled" so that dbus_fast never answers a monitored call
            # (a monitor that sends anything is disconnected by the bus). Only the
            # bus's own messages to us (the BecomeMonitor reply) go to dbus_fast.
            me = bus.unique_name

            def handler(msg: Message) -> bool:
                if msg.sender == "org.freedesktop.DBus" and msg.destination == me:
                    return False
                try:
                    self.owner._seen(msg)
                except Exception as exc:  # never let dbus_fast answer for us
                    self.owner.monitor_errors.append(f"{exc!r} on {msg!r}")
                return True

            bus.add_message_handler(handler)
            dunst = self.dunst_name
            rules = [
                f"type='method_call',path='{NOTIFICATIONS_PATH}',member='Notify'",
                f"type='method_return',sender='{dunst}'",
                f"type='error',sender='{dunst}'",
                f"type='signal',sender='{dunst}',interface='{NOTIFICATIONS}'",
            ]
            reply = await bus.call(
                Message(
                    destination="org.freedesktop.DBus",
                    path="/org/freedesktop/DBus",
                    interface="org.freedesktop.DBus.Monitoring",
                    member="BecomeMonitor",
                    signature="asu",
                    body=[rules, 0],
                )
            )
            if reply is None or reply.message_type != MessageType.METHOD_RETURN:
                detail = reply.body if reply is not None else "no reply"
                raise RuntimeError(f"BecomeMonitor failed: {detail}")
            self.ready.set()

            # 3. until stop() or the bus goes away
            stop = asyncio.ensure_future(self._stop_event.wait())
            gone = asyncio.ensure_future(bus.wait_for_disconnect())  # type: ignore[no-untyped-call]
            await asyncio.wait({stop, gone}, return_when=asyncio.FIRST_COMPLETED)
            for fut in (stop, gone):
                if not fut.done():
                    fut.cancel()
                with contextlib.suppress(BaseException):
                    await fut
        finally:
            if bus.connected:
                bus.disconnect()
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(bus.wait_for_disconnect(), 2)  # type: ignore[no-untyped-call]

    def shutdown(self) -> None:
        self._abort.set()
        loop, stop = self._loop, self._stop_event
        if loop is not None and stop is not None:
            with contextlib.suppress(RuntimeError):  # loop already closed
                loop.call_soon_threadsafe(stop.set)
        if self.is_alive():
            self.join(5)


class NotificationBus:
    """Xvfb + a private session bus + dunst + a monitor of the Notify calls."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.address = ""
        self.display = ""
        self.startup_seconds: float | None = None
        self._xvfb: subprocess.Popen[bytes] | None = None
        self._dbus: subprocess.Popen[bytes] | None = None
        self._dunst: subprocess.Popen[bytes] | None = None
        self._monitor: _Monitor | None = None
        self._logs: list[Any] = []
        self._cond = threading.Condition()
        self._rec = _Record()
        self._click_lock = threading.Lock()
        self.monitor_errors: list[str] = []  # messages the monitor could not record

    # -- start / stop --------------------------------------------------------------

    def start(self) -> None:
        missing = missing_binaries()
        if missing:
            raise NotifyUnavailable(missing)
        t0 = time.monotonic()
        for sub in ("home", "config", "cache", "data", "menu"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        (self.root / "run").mkdir(mode=0o700, exist_ok=True)
        try:
            self._start_xvfb()
            self._start_dbus()
            self._start_dunst()
            self._start_monitor()
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - t0

    def _log(self, name: str) -> Any:
        f = open(self.root / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop()
        self._logs.append(f)
        return f

    def _read_log(self, name: str) -> str:
        with contextlib.suppress(OSError):
            return (self.root / f"{name}.log").read_text(errors="replace")[-4000:]
        return ""

    def _start_xvfb(self) -> None:
        r, w = os.pipe()
        try:
            self._xvfb = subprocess.Popen(
                ["Xvfb", "-displayfd", str(w), "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
                pass_fds=[w],
                stdin=subprocess.DEVNULL,
                stdout=self._log("xvfb"),
                stderr=subprocess.STDOUT,
            )
            os.close(w)
            w = -1
            # Xvfb writes the display number once it accepts connections.
            number = self._read_line(r, self._xvfb, "Xvfb", "xvfb")
        finally:
            os.close(r)
            if w != -1:
                os.close(w)
        self.display = f":{number}"

    def _read_line(self, fd: int, proc: subprocess.Popen[bytes], what: str, log: str) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        data = b""
        while b"\n" not in data:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(
                    f"{what} did not start in {START_TIMEOUT}s: {self._read_log(log)}"
                )
            ready, _, _ = select.select([fd], [], [], min(left, 0.1))
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    proc.wait(2)
                    raise RuntimeError(
                        f"{what} exited ({proc.returncode}) at start: {self._read_log(log)}"
                    )
                data += chunk
        return data.split(b"\n", 1)[0].decode().strip()

    def _start_dbus(self) -> None:
        # Like `dbus-daemon --session`, but without service activation: with the
        # session config, a Notify call while dunst is not (yet/any more) there
        # would make the bus start /usr/bin/dunst itself, outside our control.
        # --nofork keeps it our child, so stop() can wait for it.
        conf = self.root / "bus.conf"
        conf.write_text(
            '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"\n'
            ' "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">\n'
            "<busconfig>\n"
            "  <type>session</type>\n"
            "  <keep_umask/>\n"
            "  <listen>unix:tmpdir=/tmp</listen>\n"
            "  <auth>EXTERNAL</auth>\n"
            '  <policy context="default">\n'
            '    <allow send_destination="*" eavesdrop="true"/>\n'
            '    <allow eavesdrop="true"/>\n'
            '    <allow own="*"/>\n'
            "  </policy>\n"
            "</busconfig>\n"
        )
        self._dbus = subprocess.Popen(
            ["dbus-daemon", f"--config-file={conf}", "--nofork", "--nosyslog", "--print-address=1"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._log("dbus"),
            env=self._child_env(with_bus=False),
        )
        assert self._dbus.stdout is not None
        self.address = self._read_line(
            self._dbus.stdout.fileno(), self._dbus, "dbus-daemon", "dbus"
        )

    def _start_dunst(self) -> None:
        wrapper = self.root / "menu" / "dmenu.sh"
        script = self.root / "menu" / "dmenu.py"
        script.write_text(DMENU_SCRIPT)
        wrapper.write_text(
            "#!/bin/sh\n"
            f"exec {shlex.quote(sys.executable)} -I -S {shlex.quote(str(script))} "
            f"{shlex.quote(str(self.root / 'menu'))}\n"
        )
        wrapper.chmod(0o755)
        rc = self.root / "dunstrc"
        rc.write_text(DUNSTRC.replace("{dmenu}", shlex.quote(str(wrapper))))
        self._dunst = subprocess.Popen(
            ["dunst", "-config", str(rc)],
            stdin=subprocess.DEVNULL,
            stdout=self._log("dunst"),
            stderr=subprocess.STDOUT,
            env=self._child_env(),
        )

    def _start_monitor(self) -> None:
        assert self._dunst is not None
        self._monitor = _Monitor(self.address, self)
        self._monitor.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._monitor.ready.wait(0.02):
            if self._dunst.poll() is not None:
                raise RuntimeError(
                    f"dunst exited ({self._dunst.returncode}) at start: {self._read_log('dunst')}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"dunst did not take {NOTIFICATIONS} in {START_TIMEOUT}s: "
                    f"{self._read_log('dunst')}"
                )
        if self._monitor.error is not None:
            raise RuntimeError(f"the bus monitor failed: {self._monitor.error!r}")

    def stop(self) -> None:
        """Everything down; safe to call twice or after a failed start()."""
        monitor, self._monitor = self._monitor, None
        try:
            if monitor is not None:
                monitor.shutdown()
        finally:
            for attr in ("_dunst", "_dbus", "_xvfb"):
                proc: subprocess.Popen[bytes] | None = getattr(self, attr)
                setattr(self, attr, None)
                if proc is not None:
                    _end(proc)
            for f in self._logs:
                f.close()
            self._logs.clear()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- environment ---------------------------------------------------------------

    def env(self) -> dict[str, str]:
        """What a client needs to talk to this bus and display."""
        return {"DBUS_SESSION_BUS_ADDRESS": self.address, "DISPLAY": self.display}

    def _child_env(self, with_bus: bool = True) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("WAYLAND_DISPLAY", "XAUTHORITY", "DBUS_SESSION_BUS_ADDRESS")
        }
        env.update(
            DISPLAY=self.display,
            HOME=str(self.root / "home"),
            XDG_RUNTIME_DIR=str(self.root / "run"),
            XDG_CONFIG_HOME=str(self.root / "config"),
            XDG_CACHE_HOME=str(self.root / "cache"),
            XDG_DATA_HOME=str(self.root / "data"),
        )
        if with_bus:
            env["DBUS_SESSION_BUS_ADDRESS"] = self.address
        return env

    # -- what the monitor saw ------------------------------------------------------

    def _seen(self, msg: Any) -> None:
        """Called on the monitor's thread for every monitored message."""
        from dbus_fast import MessageType

        now = time.time()
        with self._cond:
            rec = self._rec
            if msg.message_type == MessageType.METHOD_CALL:
                if msg.member != "Notify" or msg.interface not in (None, NOTIFICATIONS):
                    return
                if len(msg.body) != 8:
                    return
                app, rid, icon, summary, body, actions, hints, timeout = msg.body
                call = NotifyCall(
                    at=now,
                    app_name=str(app),
                    replaces_id=int(rid),
                    app_icon=str(icon),
                    summary=str(summary),
                    body=str(body),
                    actions=[str(a) for a in actions],
                    hints={str(k): unwrap(v) for k, v in dict(hints).items()},
                    expire_timeout=int(timeout),
                    id=None,
                    sender=str(msg.sender),
                    serial=int(msg.serial),
                )
                rec.by_serial[(call.sender, call.serial)] = len(rec.calls)
                rec.calls.append(call)
            elif msg.message_type in (MessageType.METHOD_RETURN, MessageType.ERROR):
                index = rec.by_serial.pop((str(msg.destination), int(msg.reply_serial)), None)
                if index is None:
                    return
                if msg.message_type == MessageType.METHOD_RETURN and msg.body:
                    nid: int | None = int(msg.body[0])
                else:
                    nid = None
                rec.calls[index] = replace(rec.calls[index], id=nid, replied_at=now)
            elif msg.message_type == MessageType.SIGNAL:
                if msg.member not in ("ActionInvoked", "NotificationClosed") or len(msg.body) < 2:
                    return
                rec.signals.append(
                    NotifySignal(
                        at=now,
                        name=str(msg.member),
                        id=int(msg.body[0]),
                        value=unwrap(msg.body[1]),
                        destination=str(msg.destination or ""),
                    )
                )
            else:
                return
            self._cond.notify_all()

    def calls(self) -> list[NotifyCall]:
        """The Notify calls seen so far, oldest first (ids filled in where known)."""
        with self._cond:
            return list(self._rec.calls)

    def signals(self) -> list[NotifySignal]:
        """dunst's ActionInvoked / NotificationClosed signals seen so far, oldest first."""
        with self._cond:
            return list(self._rec.signals)

    def clear(self) -> None:
        """Forget the recorded calls and signals."""
        with self._cond:
            self._rec = _Record()

    def wait_for(
        self, predicate: Callable[[list[NotifyCall]], bool], timeout: float = 10.0
    ) -> list[NotifyCall]:
        """Block until predicate(calls) holds; return those calls. Does not run any
        asyncio loop: from async code use `await wait_for_async(...)`."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                calls = list(self._rec.calls)
                if predicate(calls):
                    return calls
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(self._timeout_message(timeout, calls))
                self._cond.wait(left)

    async def wait_for_async(
        self,
        predicate: Callable[[list[NotifyCall]], bool],
        timeout: float = 10.0,  # noqa: ASYNC109 - as wait_for(); it polls, cancel-safe
    ) -> list[NotifyCall]:
        """As wait_for, polling with asyncio.sleep so the caller's loop keeps running."""
        deadline = time.monotonic() + timeout
        while True:
            calls = self.calls()
            if predicate(calls):
                return calls
            if time.monotonic() > deadline:
                raise TimeoutError(self._timeout_message(timeout, calls))
            await asyncio.sleep(0.005)

    def _timeout_message(self, timeout: float, calls: list[NotifyCall]) -> str:
        lines = [f"  {c!r}" for c in calls] or ["  (none)"]
        sigs = [f"  {s!r}" for s in self.signals()] or ["  (none)"]
        errors = [f"  {e}" for e in self.monitor_errors]
        return "\n".join(
            [
                f"not seen within {timeout}s; Notify calls seen:",
                *lines,
                "signals:",
                *sigs,
                *(["monitor errors:", *errors] if errors else []),
            ]
        )

    # -- dunst ---------------------------------------------------------------------

    def dunstctl(self, *args: str) -> str:
        """Run dunstctl on this bus and display; its stdout."""
        out = subprocess.run(
            ["dunstctl", *args],
            env=self._child_env(),
            capture_output=True,
            text=True,
            timeout=10,
        )
        if out.returncode != 0:
            raise RuntimeError(f"dunstctl {' '.join(args)} failed: {out.stderr.strip()}")
        return out.stdout

    def click(self, position: int = 0, *, timeout: float = 5.0) -> int:
        """Invoke the default action of a displayed notification, as a click on it does
        (its "default" action, else its only action): position 0 is the newest (highest
        id) displayed notification that has actions, 1 the one before, and so on.

        Returns once dunst has sent ActionInvoked(id, key) to the notification's
        sender, with the id clicked. The notification stays displayed. Raises
        LookupError if there is no such notification."""
        return self._menu_choice({"position": position}, timeout)

    def click_id(
        self, notification_id: int, action: str | None = None, *, timeout: float = 5.0
    ) -> int:
        """As click(), for the displayed notification with this daemon id; `action`
        picks another action key than the default one (a button)."""
        return self._menu_choice({"id": notification_id, "action": action}, timeout)

    def _menu_choice(self, request: dict[str, object], timeout: float) -> int:
        menu = self.root / "menu"
        result_file = menu / "result.json"
        token = uuid.uuid4().hex
        deadline = time.monotonic() + timeout
        with self._click_lock:
            result_file.unlink(missing_ok=True)
            tmp = menu / "request.json.tmp"
            tmp.write_text(json.dumps({**request, "token": token}))
            os.replace(tmp, menu / "request.json")
            with self._cond:
                seen_before = len(self._rec.signals)
            result: dict[str, Any] | None = None
            while result is None:
                # dunst refuses a menu while the last one is not dispatched yet
                # (it dispatches 50 ms after the menu answered): then ask again.
                self.dunstctl("context")
                retry_at = min(deadline, time.monotonic() + 0.5)
                while result is None and time.monotonic() < retry_at:
                    with contextlib.suppress(FileNotFoundError, ValueError):
                        found = json.loads(result_file.read_text())
                        if found.get("token") == token:
                            result = found
                            break
                    time.sleep(0.002)
                if result is None and time.monotonic() >= deadline:
                    # dunst runs the menu only if a displayed notification has actions
                    raise LookupError(
                        f"dunst opened no menu for {request} within {timeout}s "
                        f"({self.displayed()} notification(s) displayed, none with actions?)"
                    )
            if result["error"]:
                time.sleep(0.1)  # let dunst close the (empty) menu before the next one
                menu_lines = "\n".join(f"  {line}" for line in result["menu"])
                raise LookupError(f"{result['error']}; dunst's menu was:\n{menu_lines}")
            nid, key = int(result["id"]), str(result["action"])

            def invoked() -> bool:
                return any(
                    s.name == "ActionInvoked" and s.id == nid and s.value == key
                    for s in self._rec.signals[seen_before:]
                )

            with self._cond:
                if not self._cond.wait_for(invoked, max(0.5, deadline - time.monotonic())):
                    raise TimeoutError(f"dunst did not send ActionInvoked({nid}, {key!r})")
            return nid

    def action(self, position: int = 0) -> None:
        """Plain `dunstctl action <position>`. dunst 1.9 counts positions in its own
        displayed order (urgency, then oldest first) and refuses position > 0 unless
        that many notifications are waiting: see the module docstring."""
        self.dunstctl("action", str(position))

    def close_all(self) -> None:
        """dunstctl close-all: every displayed notification to history; dunst sends
        NotificationClosed(id, 2 = dismissed by the user) for each."""
        self.dunstctl("close-all")

    def displayed(self) -> int:
        """How many notifications dunst displays now."""
        return int(self.dunstctl("count", "displayed").strip())

    def history(self) -> int:
        return int(self.dunstctl("count", "history").strip())


REQUIRED_ENV = "SANGDAM_REQUIRE_SERVICES"


@pytest.fixture
def notification_bus(tmp_path: Path) -> Iterator[NotificationBus]:
    """A started NotificationBus for this test. It does not change the environment:
    point clients at it, e.g. monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.address).
    Skips if a binary is missing, fails instead when SANGDAM_REQUIRE_SERVICES=1."""
    bus = NotificationBus(tmp_path / "notify")
    try:
        bus.start()
    except NotifyUnavailable as exc:
        if os.environ.get(REQUIRED_ENV) == "1":
            pytest.fail(f"native notifications are required ({REQUIRED_ENV}=1): {exc}")
        pytest.skip(str(exc))
    try:
        yield bus
    finally:
        bus.stop()
