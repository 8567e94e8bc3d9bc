"""Customers who open chats and write, in Korean and English, at a human pace."""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from dataclasses import dataclass, field

import httpx

log = logging.getLogger(__name__)

OPENERS = [
    ("web", "안녕하세요, 주문한 상품이 아직 도착하지 않았어요."),
    ("kakao", "환불 요청드립니다. 주문번호 2024-118832 입니다."),
    ("web", "Hi, I can't log in to my account since this morning."),
    ("naver", "배송지 변경이 가능할까요?"),
    ("email", "Hello, I was charged twice for my subscription."),
    ("line", "쿠폰이 적용되지 않아요 ㅠㅠ"),
    ("instagram", "Do you ship to Busan? 부산도 배송되나요?"),
    ("phone", "전화 상담 요청: 결제 오류가 발생했습니다."),
    ("web", "The invoice PDF shows the wrong company name."),
]
FOLLOW_UPS = [
    "혹시 확인 가능하실까요?",
    "Any update on this?",
    "감사합니다!",
    "주문번호는 2024-0917 입니다.",
    "I tried again and it still fails.",
    "오늘 안에 답변 부탁드려요.",
    "Thanks, that worked 👍",
    "사진 첨부가 안 되네요.",
]


@dataclass
class CustomerSimulator:
    """Opens a new chat every `new_chat_every` seconds (on average) and writes follow-ups
    to its open chats every `message_every` seconds (on average)."""

    server_url: str
    workspace_id: uuid.UUID
    new_chat_every: float = 45.0
    message_every: float = 12.0
    rng: random.Random = field(default_factory=random.Random)
    # A manager's bearer token: the server takes a medium other than web only from a
    # verified sender (U3; the messengers' signed inbound endpoints are not built yet),
    # so the demo's messenger customers come with it. Without one they arrive as web.
    manager_token: str | None = None
    chats: list[tuple[str, str]] = field(default_factory=list)  # (chat id, customer token)
    sent: int = 0

    async def run(self) -> None:
        async with httpx.AsyncClient(base_url=self.server_url, timeout=10) as http:
            await self.open_chat(http)
            while True:
                wait_new = self.rng.expovariate(1 / self.new_chat_every)
                wait_msg = self.rng.expovariate(1 / self.message_every)
                await asyncio.sleep(min(wait_new, wait_msg))
                try:
                    if wait_new < wait_msg or not self.chats:
                        await self.open_chat(http)
                    else:
                        await self.follow_up(http)
                except httpx.HTTPError as exc:  # the server may be restarting: try later
                    log.info("customer simulator: %s", exc)

    async def open_chat(self, http: httpx.AsyncClient) -> None:
        medium, text = self.rng.choice(OPENERS)
        verified = medium != "web" and self.manager_token is not None
        r = await http.post(
            "/customer/chats",
            json={"workspace_id": str(self.workspace_id), "medium": medium, "text": text},
            headers={"Authorization": f"Bearer {self.manager_token}"} if verified else None,
        )
        r.raise_for_status()
        body = r.json()
        self.chats.append((body["chat_id"], body["token"]))
        self.chats = self.chats[-20:]
        self.sent += 1

    async def follow_up(self, http: httpx.AsyncClient) -> None:
        chat_id, token = self.rng.choice(self.chats)
        r = await http.post(
            f"/customer/chats/{chat_id}/messages",
            headers={"Authorization": f"Bearer {token}"},
            json={"id": str(uuid.uuid4()), "text": self.rng.choice(FOLLOW_UPS)},
        )
        r.raise_for_status()
        self.sent += 1
