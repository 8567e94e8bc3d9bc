"""`sangdam --demo` as a whole: the demo server started and seeded, logged in without a
dialog, customers writing in, and everything stopped when the window closes."""

# covers: D4

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from desktop.controller.flow import AppFlow
from desktop.sync.status import Phase
from tests.desktop.support import config, finish, run_flow

pytestmark = pytest.mark.timeout(240)


def test_the_demo_runs_its_own_server_and_customers_and_stops_them(
    qtbot: Any, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    cfg = config(tmp_path)
    cfg.demo_new_chat_every = 0.4
    cfg.demo_message_every = 0.3
    flow = AppFlow(cfg, demo=True)
    task = run_flow(aio, flow)
    dialogs: list[object] = []

    def online() -> bool:
        dialogs.append(flow.dialog)
        ui = flow.ui
        status = ui.window.status_line.status if ui is not None else None
        return status is not None and status.phase is Phase.ONLINE

    qtbot.waitUntil(online, timeout=120_000)
    assert all(d is None for d in dialogs), "the demo logs in by itself"
    ui = flow.ui
    assert ui is not None and ui.window.windowTitle() == "Sangdam"
    server, simulator = flow.demo_server, flow.simulator_task
    assert server is not None and server.proc is not None and simulator is not None
    assert server.folder == tmp_path / "demo"
    qtbot.waitUntil(lambda: ui.chats.rowCount() >= 50, timeout=60_000)
    before = ui.sidebar.count_of("all") or 0
    assert before >= 50
    qtbot.waitUntil(lambda: (ui.sidebar.count_of("all") or 0) > before, timeout=30_000)

    finish(qtbot, flow, task)
    assert server.proc.poll() is not None, "the demo server was stopped"
    assert simulator.done(), "the customers were stopped"
    assert flow.demo_server is None
