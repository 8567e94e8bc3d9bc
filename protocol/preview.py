"""A message's one-line preview: the chat list's last line and a notification's text.

The server stores it on the chat (`last_message_preview`) when a message is added; the
desktop makes the same line for a message it has only just sent (an optimistic effect),
so nothing in the list jumps when the server's row replaces its own. One function, so
the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

PREVIEW_CHARS: Final = 120
NOTE_PREFIX: Final = "(note) "  # an internal note's preview, for the managers who see it


def preview(blocks: Sequence[Mapping[str, Any]], *, note: bool = False) -> str:
    """The blocks as one line of at most PREVIEW_CHARS: text with its whitespace folded,
    files and form fields by name, buttons in brackets; `note`: an internal note's."""
    parts: list[str] = []
    for b in blocks:
        match b.get("type"):
            case "text":
                parts.append(" ".join(str(b["text"]).split()))
            case "files":
                parts.append("📎 " + ", ".join(str(f["name"]) for f in b["files"]))
            case "button":
                parts.append(f"[{b['text']}]")
            case "form":
                parts.append("📝 " + ", ".join(str(f["label"]) for f in b["fields"]))
    text = " ".join(parts)
    if len(text) > PREVIEW_CHARS:
        text = text[: PREVIEW_CHARS - 1] + "…"
    return f"{NOTE_PREFIX}{text}"[:PREVIEW_CHARS] if note else text


def search_text(blocks: Sequence[Mapping[str, Any]]) -> str:
    """What search (L5) looks in: the message's text blocks, one per line, as written."""
    return "\n".join(str(b["text"]) for b in blocks if b.get("type") == "text")
