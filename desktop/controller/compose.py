"""The composer's part of the controller (SPEC M2-M6): what its popups offer, the
mentions a message carries, link buttons and forms sent as messages, macros saved and
deleted on the server."""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject

from desktop.controller.session import SessionController
from desktop.i18n import translate
from desktop.models.completions import CompletionSource, emoji_items
from desktop.models.directory import Directory
from desktop.sync.reads import CacheReader
from desktop.views.composer import Composer

log = logging.getLogger(__name__)


class ComposeController(QObject):
    def __init__(
        self,
        reader: CacheReader,
        directory: Directory,
        composer: Composer,
        controller: SessionController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.source = CompletionSource(reader, directory, self)
        controller.changed.connect(self.source.apply_changes)
        composer.set_source(self.source)
        controller.mentions_in = self.source.mentions_in
        composer.blocksRequested.connect(self.send_blocks)
        composer.macroSaveRequested.connect(self.save_macro)
        composer.macroDeleteRequested.connect(self.delete_macro)
        # the emoji list (some 4,000 names in two languages) takes a second to build:
        # in a thread now, not on the first ":" typed
        threading.Thread(target=emoji_items, name="emoji-list", daemon=True).start()

    def send_blocks(self, chat_id: str, blocks: list[dict[str, Any]]) -> None:
        """A link button or a form: a reply of its own, through the outbox."""
        engine = self.controller.engine_needed()
        if engine is not None:
            self.controller.spawn(
                engine.send_message(chat_id, blocks=blocks, kind="reply"),
                translate("Controller", "Your message was not sent"),
            )

    def save_macro(self, macro_id: str, name: str, body: str) -> None:
        engine = self.controller.engine_needed()
        if engine is not None:
            self.controller.spawn(
                engine.save_macro(macro_id or None, name, body),
                translate("Controller", "The macro was not saved"),
            )

    def delete_macro(self, macro_id: str) -> None:
        engine = self.controller.engine_needed()
        if engine is not None:
            self.controller.spawn(
                engine.delete_macro(macro_id),
                translate("Controller", "The macro was not deleted"),
            )
