"""The server's part of a search (L5): what the cache does not hold.

The results model asks (`serverWanted`) as soon as a query is shown and as the agent
scrolls to the end; asking on every keystroke would flood the server with queries the
agent has typed past, so a first page waits until typing pauses (DEBOUNCE_MS), a later
page (scrolling) goes at once. Offline, the cache's results stay and the model is told
the server could not be asked.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop.models.search_results import SearchResultsModel

if TYPE_CHECKING:
    from desktop.controller.session import SessionController

log = logging.getLogger(__name__)

DEBOUNCE_MS = 300


class SearchController(QObject):
    def __init__(
        self,
        model: SearchResultsModel,
        session: SessionController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._session = session
        self._wanted: tuple[str, str, str | None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._ask)
        self._tasks: set[asyncio.Task[None]] = set()
        model.serverWanted.connect(self.wanted)

    def wanted(self, query: str, state: str, cursor: object) -> None:
        self._wanted = (query, state, cursor if isinstance(cursor, str) else None)
        if cursor is None:
            self._timer.start()  # a first page: when typing pauses
        else:
            self._timer.stop()
            self._ask()

    def _ask(self) -> None:
        if self._wanted is None:
            return
        query, state, cursor = self._wanted
        self._wanted = None
        if query != self._model.query or state != self._model.state:
            return  # typed past it
        engine = self._session.engine
        if engine is None:
            self._model.server_failed_for(query, state)
            return

        async def ask() -> None:
            try:
                results, next_cursor = await engine.search_server(
                    query, state=state, cursor=cursor, limit=SearchResultsModel.PAGE
                )
            except Exception as exc:  # offline, refused: the cache's results stay
                log.info("server search failed: %s", exc)
                self._model.server_failed_for(query, state)
                return
            self._model.add_server(query, state, results, next_cursor)

        task = asyncio.ensure_future(ask())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
