"""A message's one-line preview: what each kind of block becomes, the length cut, an
internal note's mark; and the server and the desktop make it with this one function."""

from __future__ import annotations

from protocol.preview import PREVIEW_CHARS, preview


def test_each_kind_of_block_becomes_part_of_one_line() -> None:
    blocks = [
        {"type": "text", "text": "  배송은\n언제\t되나요?  "},
        {"type": "files", "files": [{"name": "receipt.pdf"}, {"name": "photo.jpg"}]},
        {"type": "button", "text": "Track order"},
        {"type": "form", "fields": [{"label": "Order no."}, {"label": "Email"}]},
        {"type": "unknown-later", "text": "ignored"},
    ]
    assert preview(blocks) == (
        "배송은 언제 되나요? 📎 receipt.pdf, photo.jpg [Track order] 📝 Order no., Email"
    )
    assert preview([]) == ""


def test_a_long_message_is_cut_with_an_ellipsis() -> None:
    exact = "a" * PREVIEW_CHARS
    assert preview([{"type": "text", "text": exact}]) == exact
    long = preview([{"type": "text", "text": "b" * (PREVIEW_CHARS + 50)}])
    assert len(long) == PREVIEW_CHARS and long == "b" * (PREVIEW_CHARS - 1) + "…"


def test_an_internal_note_is_marked_and_still_fits() -> None:
    assert (
        preview([{"type": "text", "text": "call back at 3"}], note=True) == "(note) call back at 3"
    )
    long = preview([{"type": "text", "text": "c" * 500}], note=True)
    assert long.startswith("(note) ccc") and len(long) == PREVIEW_CHARS


def test_the_server_and_the_desktop_use_this_one_function() -> None:
    from desktop.sync import effects
    from server import seed
    from server.inbox import chats

    assert chats.preview is preview and seed.preview is preview and effects.preview is preview
