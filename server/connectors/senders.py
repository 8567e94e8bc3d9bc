"""The messengers' senders (U3): one HTTP call each, to a base address from the settings
(SANGDAM_<MEDIUM>_API_BASE), so tests point them at a local fake.

- LINE: POST {base}/v2/bot/message/push, `Authorization: Bearer <access_token>`.
- Instagram: POST {base}/{page_id}/messages, `Authorization: Bearer <page_token>`.
- Kakao: POST {base}/v2/send/kakao, `Authorization: KakaoAK <rest_api_key>`, the
  channel's sender key in the body.
- Naver TalkTalk: POST {base}/chatbot/v1/event, `Authorization: <authorization>`.
"""

from __future__ import annotations

from typing import Any

import httpx

from protocol.kinds import Medium
from server.config import Settings
from server.connectors.base import OutboundJob, Permanent, Registry, Retryable

TIMEOUT = httpx.Timeout(10.0)


async def post(url: str, headers: dict[str, str], body: dict[str, Any]) -> None:
    """POST `body`; a 2xx is delivered, 408/429/5xx or no answer may pass, the rest won't."""
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            r = await client.post(url, headers=headers, json=body)
    except httpx.HTTPError as exc:
        raise Retryable(f"no answer: {type(exc).__name__}") from None
    if 200 <= r.status_code < 300:
        return
    reason = f"HTTP {r.status_code}: {r.text[:200]}"
    if r.status_code in (408, 429) or r.status_code >= 500:
        raise Retryable(reason)
    raise Permanent(reason)


class LineSender:
    medium = Medium.LINE

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    async def deliver(self, job: OutboundJob) -> None:
        await post(
            f"{self.base}/v2/bot/message/push",
            {
                "Authorization": f"Bearer {job.secrets['access_token']}",
                "X-Line-Retry-Key": str(job.id),  # LINE drops a retried push it has sent
            },
            {"to": job.recipient, "messages": [{"type": "text", "text": job.text}]},
        )


class InstagramSender:
    medium = Medium.INSTAGRAM

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    async def deliver(self, job: OutboundJob) -> None:
        await post(
            f"{self.base}/{job.settings['page_id']}/messages",
            {"Authorization": f"Bearer {job.secrets['page_token']}"},
            {
                "recipient": {"id": job.recipient},
                "messaging_type": "RESPONSE",
                "message": {"text": job.text},
            },
        )


class KakaoSender:
    medium = Medium.KAKAO

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    async def deliver(self, job: OutboundJob) -> None:
        await post(
            f"{self.base}/v2/send/kakao",
            {"Authorization": f"KakaoAK {job.secrets['rest_api_key']}"},
            {
                "sender_key": job.secrets["sender_key"],
                "user_key": job.recipient,
                "message_type": "TX",
                "message": job.text,
                "cid": str(job.id),
            },
        )


class NaverSender:
    medium = Medium.NAVER

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    async def deliver(self, job: OutboundJob) -> None:
        await post(
            f"{self.base}/chatbot/v1/event",
            {"Authorization": job.secrets["authorization"]},
            {"event": "send", "user": job.recipient, "textContent": {"text": job.text}},
        )


def default_registry(settings: Settings) -> Registry:
    registry = Registry()
    registry.register(LineSender(settings.line_api_base))
    registry.register(InstagramSender(settings.instagram_api_base))
    registry.register(KakaoSender(settings.kakao_api_base))
    registry.register(NaverSender(settings.naver_api_base))
    return registry
