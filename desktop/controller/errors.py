"""The server's refusals in the agent's language.

The server explains a refusal in English (`message`) and names its rule (`code`). Where
the code says it all, the agent reads our translated sentence; where only the server's
words say what was wrong (an invalid value, a limit with its number), they are kept.
"""

from __future__ import annotations

from desktop.i18n import translate
from protocol.errors import ErrorCode


def error_text(code: str, message: str) -> str:
    match code:
        case ErrorCode.STALE_VALUE:
            return translate("Errors", "It was changed by someone else meanwhile.")
        case ErrorCode.OPERATOR_SEAT_REQUIRED:
            return translate(
                "Errors",
                "Turn your operator seat on to change a chat's state, tags or description.",
            )
        case ErrorCode.ASSIGNEE_SEAT_OFF:
            return translate("Errors", "Only managers with their operator seat on can be assigned.")
        case ErrorCode.PERMISSION_REQUIRED:
            return translate("Errors", "You do not have the permission this needs.")
        case ErrorCode.ADMIN_REQUIRED:
            return translate("Errors", "Only an admin or the owner can do this.")
        case ErrorCode.OWNER_REQUIRED:
            return translate("Errors", "Only an owner can make or unmake an owner.")
        case ErrorCode.LAST_OWNER:
            return translate(
                "Errors",
                "The workspace's last owner stays an owner: make someone else an owner first.",
            )
        case ErrorCode.INVITATION_INVALID:
            return translate("Errors", "This invitation link is not valid. Ask for a new one.")
        case ErrorCode.INVITATION_USED:
            return translate(
                "Errors",
                "This invitation was already used or withdrawn. Log in, or ask for a new one.",
            )
        case ErrorCode.INVITATION_EXPIRED:
            return translate("Errors", "This invitation has expired. Ask for a new one.")
        case ErrorCode.FORBIDDEN:
            return translate("Errors", "You may not do this.")
        case ErrorCode.NOT_FOUND:
            return translate("Errors", "It is no longer there (deleted meanwhile?).")
    return message
