"""The side panel's controller (SPEC P1-P8): its data, its requests, its preferences.

Every change the panel asks for is an outbox mutation through the engine (the triage
controller's for assignee, team and tags): shown at once, sent when the server is
reachable, rolled back with the server's reason if refused (the window's alert says
it, `SessionController.refused`). The panel's preferences (the profile fields shown,
the folded sections, its width: P4) are the manager's own: kept in a small JSON file
beside the login's cache file, which is per server, workspace and manager, and which
survives restarts and cache rebuilds (the cache file is rebuilt in place; this file is
not touched).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer

from desktop.i18n import translate
from desktop.models.choices import open_counts
from desktop.models.files import FileRef
from desktop.models.panel import PanelData
from desktop.sync.reads import CacheReader

if TYPE_CHECKING:
    from desktop.controller.session import SessionController
    from desktop.controller.triage import TriageController
    from desktop.views.main_window import MainWindow

log = logging.getLogger(__name__)


class PanelPrefs:
    """One manager's panel preferences, as JSON beside their cache file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def beside(cls, cache_path: Path) -> PanelPrefs:
        return cls(cache_path.with_name(cache_path.name + ".panel.json"))

    def load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("ignoring unreadable panel preferences %s", self.path)
            return {}
        return data if isinstance(data, dict) else {}

    def save(self, prefs: dict[str, Any]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(prefs, ensure_ascii=False, indent=2), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("could not save the panel preferences: %s", exc)


class PanelController(QObject):
    def __init__(
        self,
        reader: CacheReader,
        window: MainWindow,
        session: SessionController,
        triage: TriageController,
        prefs: PanelPrefs,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.triage = triage
        self.prefs = prefs
        self.data = PanelData(reader, window)
        pane = window.conversation
        panel = self.panel = pane.panel
        panel.open_counts = lambda: open_counts(reader.counts("open"))
        panel.set_data(self.data)
        session.changed.connect(self.data.apply_changes)
        window.directory.changed.connect(self._seat)
        self._seat()

        panel.assignRequested.connect(lambda c, m: triage.assign([c], m))
        panel.teamRequested.connect(lambda c, t: triage.set_team([c], t))
        panel.tagRequested.connect(lambda c, tag, add: triage.tag([c], tag, add))
        panel.followRequested.connect(self.follow)
        panel.descriptionRequested.connect(self.set_description)
        panel.profileRequested.connect(self.set_profile_field)
        panel.chatWanted.connect(window.show_chat)
        panel.fileWanted.connect(self.open_file)

        stored = prefs.load()
        panel.apply_prefs(stored)
        width = stored.get("width")
        self._width = width if isinstance(width, int) and width > 0 else None
        self._fit_width()
        panel.installEventFilter(self)  # hidden now (a narrow window): its width when shown
        self._save_later = QTimer(self)  # a drag moves the splitter many times a second
        self._save_later.setSingleShot(True)
        self._save_later.setInterval(400)
        self._save_later.timeout.connect(self.save_prefs)
        panel.prefsChanged.connect(self._save_later.start)
        pane.splitter.splitterMoved.connect(lambda *_: self._save_later.start())
        window.closed.connect(self.flush)  # a change made just before quitting is kept

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.panel and event.type() == QEvent.Type.Show:
            QTimer.singleShot(0, self._fit_width)
        return False

    def _fit_width(self) -> None:
        """The remembered width, once the panel is shown (a hidden one has no size)."""
        splitter = self.window.conversation.splitter
        if self._width is None or not self.panel.isVisible():
            return
        total = sum(splitter.sizes())
        if total > 0:
            splitter.setSizes([max(1, total - self._width), self._width])
            self._width = None

    def flush(self) -> None:
        if self._save_later.isActive():
            self._save_later.stop()
            self.save_prefs()

    def save_prefs(self) -> None:
        prefs = self.panel.prefs()
        sizes = self.window.conversation.splitter.sizes()
        if len(sizes) == 2 and sizes[1] > 0:
            prefs["width"] = sizes[1]
        else:
            prefs.pop("width", None)
            old = self.prefs.load().get("width")
            if isinstance(old, int):
                prefs["width"] = old  # hidden now: keep the width it had
        self.prefs.save(prefs)

    def _seat(self) -> None:
        me = self.window.directory.managers.get(self.window.directory.me) or {}
        self.panel.set_seat(bool(me.get("operator_seat", True)))

    # ---- the panel's requests ------------------------------------------------------------

    def follow(self, chat_id: str, manager_id: str, on: bool) -> None:
        engine = self.session.engine_needed()
        if engine is None:
            return
        if on:
            self.session.spawn(engine.follow(chat_id, manager_id))
        else:
            self.session.spawn(engine.unfollow(chat_id, manager_id))

    def set_description(self, chat_id: str, text: str) -> None:
        engine = self.session.engine_needed()
        if engine is not None:
            self.session.spawn(
                engine.set_description(chat_id, text),
                translate("Panel", "The description could not be saved"),
            )

    def set_profile_field(self, customer_id: str, key: str, value: object) -> None:
        engine = self.session.engine_needed()
        if engine is not None:
            self.session.spawn(
                engine.set_profile_field(customer_id, key, value),
                translate("Panel", "The profile could not be changed"),
            )

    def open_file(self, ref: object) -> None:
        if not isinstance(ref, dict):
            return
        file = FileRef(
            str(ref.get("id")),
            str(ref.get("name") or ""),
            int(ref.get("size") or 0),
            str(ref.get("content_type") or "application/octet-stream"),
        )
        self.window.conversation.file_clicked(file)


def attach_panel(
    reader: CacheReader,
    window: MainWindow,
    session: SessionController,
    triage: TriageController,
) -> PanelController:
    return PanelController(reader, window, session, triage, PanelPrefs.beside(reader.path))
