"""What each medium needs to be connected (S9): its plain settings and its secrets.

Settings travel to every app (the sidebar names the medium by them); secrets go to the
server once, are sealed there, and never come back: answers only say which are set.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from protocol.kinds import Medium

Name = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Host = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,
        max_length=253,
        pattern=r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
    ),
]
Address = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, to_lower=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
    ),
]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+[1-9][0-9]{6,14}$")]
Ident = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^@?[\w.\-]{1,100}$")]
Secret = Annotated[str, StringConstraints(min_length=8, max_length=4_096, pattern=r"^\S+$")]
Password = Annotated[str, StringConstraints(min_length=1, max_length=1_024)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---- settings: plain, shown to every manager ------------------------------------------


class PhoneSettings(_Strict):
    number: Phone  # E.164, e.g. +8215881234


class EmailSettings(_Strict):
    inbound_address: Address  # where customers write
    smtp_host: Host
    smtp_port: Annotated[int, Field(ge=1, le=65_535)] = 587
    smtp_user: Annotated[str, StringConstraints(min_length=1, max_length=254)]
    smtp_starttls: bool = True


class KakaoSettings(_Strict):
    channel_id: Ident  # the Kakao channel's search id, e.g. @sangdam


class InstagramSettings(_Strict):
    page_id: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,30}$")]
    account: Ident | None = None


class NaverSettings(_Strict):
    partner_id: Ident  # the TalkTalk partner id


class LineSettings(_Strict):
    channel_id: Annotated[str, StringConstraints(pattern=r"^[0-9]{6,20}$")]


# ---- secrets: sealed at rest, never answered -------------------------------------------


class PhoneSecrets(_Strict):
    webhook_secret: Secret


class EmailSecrets(_Strict):
    smtp_password: Password


class KakaoSecrets(_Strict):
    rest_api_key: Secret
    sender_key: Secret
    # Signs the webhooks Kakao's relay sends us (our signed format, docs/architecture.md).
    webhook_secret: Secret | None = None


class InstagramSecrets(_Strict):
    app_secret: Secret
    page_token: Secret
    # The word the admin also types into Meta's webhook settings: Meta's subscription
    # check (GET with hub.verify_token) is answered only when it matches.
    verify_token: Secret | None = None


class NaverSecrets(_Strict):
    authorization: Secret
    # Signs TalkTalk's webhooks to us (our signed format, docs/architecture.md).
    webhook_secret: Secret | None = None


class LineSecrets(_Strict):
    channel_secret: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{32}$")]
    access_token: Secret


SETTINGS: dict[Medium, type[_Strict]] = {
    Medium.PHONE: PhoneSettings,
    Medium.EMAIL: EmailSettings,
    Medium.KAKAO: KakaoSettings,
    Medium.INSTAGRAM: InstagramSettings,
    Medium.NAVER: NaverSettings,
    Medium.LINE: LineSettings,
}
SECRETS: dict[Medium, type[_Strict]] = {
    Medium.PHONE: PhoneSecrets,
    Medium.EMAIL: EmailSecrets,
    Medium.KAKAO: KakaoSecrets,
    Medium.INSTAGRAM: InstagramSecrets,
    Medium.NAVER: NaverSecrets,
    Medium.LINE: LineSecrets,
}


def secret_names(medium: Medium) -> tuple[str, ...]:
    return tuple(SECRETS[medium].model_fields)
