"""`sangdam://` links as the desktop reads them (desktop.links): the chat, its server and
workspace, and a precise reason for every link that is not one."""

from __future__ import annotations

import uuid

import pytest

from desktop.links import (
    ChatLink,
    InviteLink,
    LinkError,
    Problem,
    is_invite,
    parse,
    parse_invite,
    same_server,
)

CHAT = "0b7f1f6e-3c1e-4f43-9a55-4a1e1d2f7c10"
WS = "5c2a8d7e-1111-4a2b-8c3d-9e8f7a6b5c4d"


def test_a_chat_link_names_the_chat_and_its_server() -> None:
    link = parse(f"sangdam://chat/{CHAT}?server=https%3A%2F%2FInbox.Example.com%2F")
    assert link == ChatLink(CHAT, "https://inbox.example.com", None)


def test_the_workspace_and_an_upper_case_id_are_read_too() -> None:
    link = parse(f"  sangdam://chat/{CHAT.upper()}?server=http://127.0.0.1:8750&workspace={WS}\n")
    assert link == ChatLink(CHAT, "http://127.0.0.1:8750", WS)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", Problem.NOT_A_LINK),
        ("hello", Problem.NOT_A_LINK),
        (f"https://inbox.example.com/m/chats/{CHAT}", Problem.NOT_A_LINK),
        (f"sangdam://chat/{CHAT}?server=http://a\x00b", Problem.NOT_A_LINK),
        ("sangdam://chat/" + "a" * 3000, Problem.NOT_A_LINK),
        (f"sangdam://customer/{CHAT}?server=http://a", Problem.UNKNOWN_KIND),
        ("sangdam://chat/not-a-uuid?server=http://a", Problem.BAD_CHAT_ID),
        ("sangdam://chat/?server=http://a", Problem.BAD_CHAT_ID),
        (f"sangdam://chat/{CHAT}/extra?server=http://a", Problem.BAD_CHAT_ID),
        (f"sangdam://chat/{CHAT}", Problem.NO_SERVER),
        (f"sangdam://chat/{CHAT}?server=", Problem.NO_SERVER),
        (f"sangdam://chat/{CHAT}?server=ftp://a", Problem.BAD_SERVER),
        (f"sangdam://chat/{CHAT}?server=inbox.example.com", Problem.BAD_SERVER),
        (f"sangdam://chat/{CHAT}?server=http://a:port", Problem.BAD_SERVER),
        (f"sangdam://chat/{CHAT}?server=http://a&workspace=nope", Problem.BAD_WORKSPACE),
    ],
)
def test_every_malformed_link_says_what_is_wrong(text: str, problem: Problem) -> None:
    with pytest.raises(LinkError) as info:
        parse(text)
    assert info.value.problem is problem
    assert info.value.link == text


def test_one_server_written_many_ways() -> None:
    assert same_server("https://inbox.example.com:443/", "HTTPS://inbox.example.com")
    assert same_server("http://127.0.0.1:80", "http://127.0.0.1")
    assert same_server("http://[::1]:8750/", "http://[::1]:8750")
    assert not same_server("http://127.0.0.1:8750", "http://127.0.0.1:8751")
    assert not same_server("http://inbox.example.com", "https://inbox.example.com")
    assert not same_server("https://a.example.com", "https://b.example.com")


def test_any_uuid_round_trips() -> None:
    chat = uuid.uuid4()
    assert parse(f"sangdam://chat/{chat}?server=http://x").chat_id == str(chat)


def test_an_invitation_link_names_its_server_and_token_and_never_logs_the_token() -> None:
    text = "sangdam://invite?server=https%3A%2F%2FInbox.Example.com%2F&token=sdi_abc"
    assert is_invite(text) and not is_invite(f"sangdam://chat/{CHAT}?server=http://a")
    link = parse_invite(text)
    assert link == InviteLink("https://inbox.example.com", "sdi_abc")
    assert "sdi_abc" not in repr(link)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("sangdam://invite?token=sdi_x", Problem.NO_SERVER),
        ("sangdam://invite?server=ftp://a&token=sdi_x", Problem.BAD_SERVER),
        ("sangdam://invite?server=http://a", Problem.BAD_TOKEN),
        ("sangdam://invite?server=http://a&token=", Problem.BAD_TOKEN),
        ("sangdam://invite?server=http://a&token=" + "x" * 201, Problem.BAD_TOKEN),
    ],
)
def test_every_malformed_invitation_link_says_what_is_wrong(text: str, problem: Problem) -> None:
    with pytest.raises(LinkError) as caught:
        parse_invite(text)
    assert caught.value.problem is problem
