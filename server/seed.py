"""`sangdam-server seed`: a believable demo workspace, the same rows for the same seed.

Every id comes from `random.Random(seed)` and every timestamp is an offset from a fixed
anchor, so two databases seeded alike hold identical rows, on SQLite and PostgreSQL alike
(except manager.password_hash, whose argon2 salt is random by design, and
change_log.created_at, the time of writing). Every row goes through the change log as the
services would log it (a chat's entry before its messages, then its managers' chat
states), so a client bootstrapping the workspace or replaying its log sees the same thing.

At scale (100,000 chats: about 700,000 log entries) the rows are built in Python and
written per chunk of a few thousand chats, one transaction each: COPY on PostgreSQL, one
executemany per table on SQLite. With more than one chunk a worker process builds the
next chunk while this one writes the last, so building and writing each have a core.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import itertools
import os
import pickle
import random
import subprocess
import sys
import traceback
import uuid
from collections.abc import AsyncGenerator, Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Dialect, Insert, Table, Uuid, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import (
    EXTERNAL_MESSENGERS,
    AuthorKind,
    ChatState,
    Entity,
    FieldType,
    Medium,
    MessageKind,
    Permission,
    Role,
    SourceKind,
)
from protocol.limits import MAX_TAGS_PER_CHAT
from protocol.preview import preview, search_text
from server import wire
from server.auth.secrets import Passwords
from server.config import Settings
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from server.inbox import counts as sidebar_counts
from server.inbox import loads
from server.inbox.chats import hashtags
from server.sync.changelog import ChangeWriter, Entry

ANCHOR = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
WORKSPACE_NAME = "Sangdam Demo"
OWNER_EMAIL = "demo@sangdam.app"
DEFAULT_PASSWORD = "sangdam-demo"
CHUNK_CHATS = 2500  # chats per transaction
SQLITE_CACHE_KIB = 128 * 1024  # while seeding
SHOP = "https://shop.sangdam.app"

_V4_MASK = ~((0xF000 << 64) | (0xC000 << 48)) & (1 << 128) - 1
_V4_BITS = (0x4000 << 64) | (0x8000 << 48)


def _uuid4(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID from the rng: what uuid.UUID(int=..., version=4) makes, faster."""
    return uuid.UUID(int=rng.getrandbits(128) & _V4_MASK | _V4_BITS)


# ---- the cast -------------------------------------------------------------------------


@dataclass(frozen=True)
class _ManagerSpec:
    name: str
    email: str
    role: Role
    operator_seat: bool
    available: bool
    max_auto_assign: int
    notify_unassigned: bool


MANAGERS: tuple[_ManagerSpec, ...] = (
    _ManagerSpec("김지은", OWNER_EMAIL, Role.OWNER, True, True, 12, True),
    _ManagerSpec("이서준", "seojun.lee@sangdam.app", Role.ADMIN, True, True, 10, True),
    _ManagerSpec("박하은", "haeun.park@sangdam.app", Role.MANAGER, True, True, 8, False),
    _ManagerSpec("최도윤", "doyun.choi@sangdam.app", Role.MANAGER, True, False, 10, False),
    _ManagerSpec("정수아", "sua.jung@sangdam.app", Role.MANAGER, True, True, 15, True),
    _ManagerSpec("Emily Carter", "emily.carter@sangdam.app", Role.MANAGER, True, True, 10, False),
    _ManagerSpec("James Park", "james.park@sangdam.app", Role.MANAGER, False, True, 5, False),
    _ManagerSpec("한지호", "jiho.han@sangdam.app", Role.MANAGER, True, True, 6, False),
    _ManagerSpec("Olivia Brown", "olivia.brown@sangdam.app", Role.MANAGER, True, True, 10, True),
    _ManagerSpec("윤서연", "seoyeon.yoon@sangdam.app", Role.MANAGER, False, False, 3, False),
)


@dataclass(frozen=True)
class _TeamSpec:
    name: str
    auto_assign: bool
    members: tuple[int, ...]  # indexes into MANAGERS
    out_of_rota: tuple[int, ...] = ()  # members who are not auto-assigned


TEAMS: tuple[_TeamSpec, ...] = (
    _TeamSpec("고객지원팀 Support", True, (0, 2, 3, 4, 5, 7, 8), out_of_rota=(0,)),
    _TeamSpec("결제팀 Billing", False, (1, 4, 6, 9)),
    _TeamSpec("기술지원팀 Tech", True, (1, 5, 7, 8), out_of_rota=(1,)),
    _TeamSpec("VIP 전담팀 VIP Care", False, (0, 1, 4)),
)
SUPPORT, BILLING, TECH, VIP_CARE = range(4)

TAGS: tuple[tuple[str, str], ...] = (
    ("환불", "#e5484d"),
    ("배송", "#f76b15"),
    ("결제", "#ffb224"),
    ("VIP", "#8e4ec6"),
    ("bug", "#e54666"),
    ("문의", "#3e63dd"),
    ("교환", "#12a594"),
    ("로그인", "#0090ff"),
    ("긴급", "#dc3e42"),
    ("재문의", "#ad7f58"),
    ("칭찬", "#30a46c"),
    ("feature-request", "#46a758"),
    ("feedback", "#0d74ce"),
    ("urgent", "#ce2c31"),
)
EXTRA_TAGS = ("긴급", "재문의", "칭찬", "feedback", "urgent", "feature-request", "VIP")

MACROS: tuple[tuple[str, str], ...] = (
    ("인사", "안녕하세요, 상담 고객센터입니다 😊 무엇을 도와드릴까요?"),
    (
        "배송 조회 안내",
        "주문하신 상품은 출고 후 1~2일 내 도착합니다. 배송 조회는 마이페이지 > 주문내역에서 "
        "확인하실 수 있어요.",
    ),
    (
        "환불 규정",
        "상품 수령 후 7일 이내 반품 신청 시 전액 환불됩니다. 단순 변심의 경우 왕복 배송비 "
        "6,000원이 차감됩니다.",
    ),
    ("상담 종료", "문의해 주셔서 감사합니다. 더 궁금한 점이 있으시면 언제든 말씀해 주세요!"),
    ("Greeting", "Hi there! Thanks for reaching out to Sangdam support. How can I help?"),
    (
        "Refund policy",
        "You can return any item within 30 days for a full refund. Refunds reach your card "
        "in 3-5 business days.",
    ),
    (
        "Password reset",
        "You can reset your password at https://app.sangdam.app/reset: the link is valid "
        "for 30 minutes.",
    ),
    ("Closing", "Glad I could help! If anything else comes up, just reply to this chat."),
)

# Inserted in this (deliberately not S9) order: bootstrap must sort them itself.
INTEGRATIONS: tuple[tuple[Medium, str, dict[str, Any]], ...] = (
    (Medium.KAKAO, "카카오톡 채널 @상담데모", {"channel_id": "@상담데모"}),
    (
        Medium.EMAIL,
        "support@sangdam.app",
        {
            "inbound_address": "support@sangdam.app",
            "smtp_host": "smtp.sangdam.app",
            "smtp_port": 587,
            "smtp_user": "support@sangdam.app",
            "smtp_starttls": True,
        },
    ),
    (Medium.LINE, "LINE 공식계정 @sangdam", {"channel_id": "1650000000"}),
    (Medium.PHONE, "대표번호 1588-1234", {"number": "+8215881234"}),
    (Medium.NAVER, "네이버 톡톡 상담데모", {"partner_id": "sangdam-demo"}),
    (
        Medium.INSTAGRAM,
        "Instagram @sangdam.demo",
        {"page_id": "100000000000001", "account": "sangdam.demo"},
    ),
)  # plain settings as protocol.media checks them; the demo holds no secrets

CUSTOMER_FIELDS: tuple[tuple[str, str, FieldType], ...] = (
    ("plan", "요금제 Plan", FieldType.STRING),
    ("company", "회사 Company", FieldType.STRING),
    ("orders", "주문 수 Orders", FieldType.NUMBER),
    ("vip", "VIP", FieldType.BOOLEAN),
    ("birthday", "생일 Birthday", FieldType.DATE),
)


class _Choice[T]:
    """A weighted pick, its cumulative weights computed once (random.choices redoes it)."""

    def __init__(self, options: Sequence[tuple[T, int]]) -> None:
        self.values = [value for value, _ in options]
        self.cum = list(itertools.accumulate(weight for _, weight in options))

    def __call__(self, rng: random.Random) -> T:
        return self.values[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


MEDIA: tuple[Medium, ...] = tuple(Medium)
STATES: tuple[ChatState, ...] = (ChatState.OPEN, ChatState.SNOOZED, ChatState.CLOSED)
HOME_MEDIUM = _Choice(
    [
        (Medium.WEB, 30),
        (Medium.PHONE, 10),
        (Medium.EMAIL, 12),
        (Medium.KAKAO, 20),
        (Medium.INSTAGRAM, 9),
        (Medium.NAVER, 11),
        (Medium.LINE, 8),
    ]
)
STATE = _Choice([(ChatState.OPEN, 45), (ChatState.SNOOZED, 10), (ChatState.CLOSED, 45)])
LANGS = _Choice([("ko", 65), ("en", 35)])
CHATS_PER_CUSTOMER = _Choice([(1, 70), (2, 20), (3, 10)])
EXTRA_FOLLOWERS = _Choice([(0, 60), (1, 30), (2, 10)])
EXTRA_TAG_COUNT = _Choice([(0, 70), (1, 22), (2, 8)])
_SECOND_MEDIA = (Medium.WEB, Medium.EMAIL)  # where a customer comes back from elsewhere

KO_SURNAMES = (
    ("김", "kim"), ("이", "lee"), ("박", "park"), ("최", "choi"), ("정", "jung"),
    ("강", "kang"), ("조", "cho"), ("윤", "yoon"), ("장", "jang"), ("임", "lim"),
    ("한", "han"), ("오", "oh"), ("서", "seo"), ("신", "shin"), ("권", "kwon"),
    ("황", "hwang"), ("안", "ahn"), ("송", "song"), ("류", "ryu"), ("홍", "hong"),
)  # fmt: skip
KO_GIVEN = (
    ("민준", "minjun"), ("서연", "seoyeon"), ("지우", "jiwoo"), ("하준", "hajun"),
    ("서윤", "seoyun"), ("도윤", "doyun"), ("지민", "jimin"), ("예준", "yejun"),
    ("하은", "haeun"), ("수아", "sua"), ("시우", "siwoo"), ("지호", "jiho"),
    ("유진", "yujin"), ("채원", "chaewon"), ("현우", "hyunwoo"), ("다은", "daeun"),
    ("준서", "junseo"), ("소율", "soyul"), ("건우", "gunwoo"), ("예린", "yerin"),
)  # fmt: skip
EN_FIRST = (
    "Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Sophia", "Mason", "Mia", "Lucas",
    "Chloe", "Daniel", "Grace", "Ryan", "Hannah", "Jack", "Lily", "Henry", "Zoe", "Sam",
)  # fmt: skip
EN_LAST = (
    "Smith", "Johnson", "Lee", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Taylor",
    "Anderson", "Thomas", "Moore", "Martin", "Clark", "Lewis", "Walker",
)  # fmt: skip
MAIL_DOMAINS = ("gmail.com", "naver.com", "daum.net", "kakao.com", "outlook.com", "icloud.com")
COMPANIES = ("상담커머스", "한빛상사", "Bluebird Labs", "Northwind", "미래테크", "Acme Korea")
PLANS = ("Free", "Basic", "Pro", "Business", "Enterprise")

# ---- what people say ----------------------------------------------------------------


@dataclass(frozen=True)
class _Topic:
    team: int
    tags: tuple[str, ...]
    ko: tuple[str, ...]  # alternating: customer, manager, customer, ...
    en: tuple[str, ...]
    button: tuple[str, str, str] | None = None  # (ko text, en text, url) a manager may send
    form: bool = False  # a manager may ask for details with a form


TOPICS: tuple[_Topic, ...] = (
    _Topic(
        SUPPORT,
        ("배송", "문의"),
        (
            "안녕하세요, 지난주에 주문한 상품이 아직 도착하지 않았어요. 주문번호는 {order}입니다.",
            "안녕하세요 {name}님, 상담 고객센터 {agent}입니다. 주문번호 {order} 배송 상태 바로 "
            "확인해 드릴게요.",
            "네 부탁드려요. 선물용이라 이번 주 안에 받아야 하거든요 😥",
            "확인해 보니 택배사 물류센터에서 출고 대기 중입니다. 내일 중으로 출발 예정이에요.",
            "그럼 금요일까지는 받을 수 있을까요?",
            "네, 목요일이나 금요일 도착 예정입니다. 출발하면 알림톡으로 송장번호 보내드릴게요.",
            "감사합니다! 기다려 볼게요.",
            "불편을 드려 죄송합니다. 다른 문의 있으시면 언제든 말씀해 주세요 🙂",
        ),
        (
            "Hi, my order {order} still hasn't arrived. The tracking page hasn't changed in "
            "4 days.",
            "Hi {name}, this is {agent} from Sangdam support. Sorry about the wait, let me "
            "check order {order} for you.",
            "Thanks. It was supposed to arrive on Monday.",
            "The parcel is held at the regional hub because of a labeling issue. I've asked the "
            "carrier to re-route it today.",
            "OK. Will I get a new tracking number?",
            "Yes, you'll get an email with the new tracking link within a few hours.",
            "Great, thank you for the quick help!",
            "You're welcome! I'll keep an eye on it until it's delivered.",
        ),
        button=("배송 조회하기", "Track my parcel", SHOP + "/orders/{order}"),
    ),
    _Topic(
        BILLING,
        ("환불", "결제"),
        (
            "환불 요청드립니다. 사이즈가 맞지 않아서 반품하고 싶어요.",
            "안녕하세요 {name}님, {agent}입니다. 주문번호 알려주시면 환불 접수 도와드릴게요.",
            "{order}입니다. 택은 아직 떼지 않았어요.",
            "확인되었습니다. 수거 요청 등록해 드렸고, 1~2일 내 기사님이 방문하실 예정입니다.",
            "환불은 언제쯤 되나요?",
            "상품 회수 후 검수가 끝나면 영업일 기준 3일 이내 카드 승인 취소됩니다.",
            "알겠습니다. 빠른 처리 부탁드려요.",
            "네, 처리되면 문자로 안내드리겠습니다. 감사합니다!",
        ),
        (
            "I'd like a refund for order {order}. The item arrived damaged.",
            "I'm so sorry to hear that, {name}. Could you send a photo of the damage?",
            "Sure, I just emailed it to support. The box was crushed too.",
            "Got it, thank you. I've approved a full refund, no need to send the item back.",
            "How long will the refund take?",
            "It usually shows up on your card within 3-5 business days.",
            "Perfect, thanks a lot.",
            "Anytime! Sorry again for the trouble.",
        ),
    ),
    _Topic(
        BILLING,
        ("결제",),
        (
            "이번 달 결제가 두 번 된 것 같아요. 카드 내역에 같은 금액이 두 건 있습니다.",
            "안녕하세요, 결제팀 {agent}입니다. 불편을 드려 죄송합니다. 결제일과 카드 끝 4자리 "
            "알려주시겠어요?",
            "11월 1일이고 끝자리 4821입니다.",
            "확인해 보니 PG사 오류로 중복 승인되었습니다. 한 건은 오늘 중 취소 처리하겠습니다.",
            "취소되면 바로 확인할 수 있나요?",
            "카드사에 따라 영업일 기준 2~3일 정도 걸릴 수 있습니다.",
            "네 알겠습니다.",
            "취소가 끝나면 메일로 영수증 보내드릴게요. 감사합니다.",
        ),
        (
            "Hi, I was charged twice for my Pro plan this month.",
            "Hi {name}, {agent} from Billing here. Sorry about that! Can you share the last 4 "
            "digits of the card?",
            "It's 4821. Both charges were on the 1st.",
            "Thanks, I can see the duplicate. I've refunded the second charge just now.",
            "Can you also switch me to yearly billing?",
            "Done! Your next invoice will be yearly with the 20% discount applied.",
            "Awesome, thanks.",
            "You're welcome. Have a great day!",
        ),
    ),
    _Topic(
        TECH,
        ("로그인", "문의"),
        (
            "로그인이 안 돼요. 비밀번호를 맞게 입력해도 계속 오류가 나요.",
            "안녕하세요 {name}님, 기술지원팀 {agent}입니다. 어떤 오류 메시지가 보이시나요?",
            '"인증에 실패했습니다"라고 나와요. 앱이랑 웹 둘 다요.',
            "계정이 로그인 시도 초과로 잠겨 있었네요. 방금 잠금 해제해 드렸습니다.",
            "아 다시 해볼게요... 됐어요!",
            "다행입니다 🙂 보안을 위해 비밀번호 변경을 권장드려요.",
            "네 바로 바꿀게요. 감사합니다.",
            "좋은 하루 보내세요!",
        ),
        (
            "I can't log in. It says my password is wrong but I just reset it.",
            "Hi {name}, {agent} from Tech support. Which email address is on the account?",
            "The one I'm writing from. I tried on Chrome and Safari.",
            "Thanks. The reset link was used twice, so the first password was overwritten. "
            "I've sent you a fresh link.",
            "Got it, logged in now. Is there a way to turn on 2FA?",
            "Yes: Settings > Security > Two-factor authentication. It takes a minute.",
            "Done. Thanks for the help!",
            "Glad it's sorted. Have a good one!",
        ),
        form=True,
    ),
    _Topic(
        TECH,
        ("bug",),
        (
            "앱에서 장바구니 버튼을 누르면 화면이 하얗게 멈춰요.",
            "불편을 드려 죄송합니다. 사용 중인 기기와 앱 버전을 알려주시겠어요?",
            "갤럭시 S23이고 앱 버전은 4.2.1이에요.",
            "확인 감사합니다. 같은 증상이 재현되어 개발팀에 전달했습니다.",
            "언제쯤 고쳐질까요?",
            "이번 주 업데이트(4.2.2)에 수정될 예정입니다. 그동안은 웹에서 주문 가능하세요.",
            "알겠습니다.",
            "업데이트되면 알려드릴게요. 감사합니다!",
        ),
        (
            "The checkout page shows a blank screen after I enter my card details.",
            "Thanks for reporting, {name}. Which browser and device are you using?",
            "Firefox 132 on Windows 11.",
            "I could reproduce it: it's a bug in our payment form. I've filed it with the dev "
            "team.",
            "Is there a workaround?",
            "Chrome or Edge work fine for now. A fix ships this week.",
            "OK, I'll use Chrome.",
            "Thanks for your patience! I'll follow up once it's fixed.",
        ),
    ),
    _Topic(
        SUPPORT,
        ("교환", "배송"),
        (
            "교환 신청하고 싶어요. 색상을 블랙에서 네이비로 바꾸고 싶습니다.",
            "안녕하세요 {name}님! 네이비 색상 재고 확인해 드릴게요.",
            "사이즈는 M 그대로요.",
            "네이비 M 재고 있습니다. 교환 접수해 드렸어요. 왕복 배송비는 무료로 처리해 드릴게요.",
            "와 감사합니다!",
            "회수 기사님 방문 후 새 상품이 바로 출고됩니다.",
            "네 기다릴게요.",
            "감사합니다. 좋은 하루 되세요!",
        ),
        (
            "Can I exchange my sneakers for a bigger size? They're a bit tight.",
            "Of course, {name}! Which size would you like instead?",
            "US 10 please, same color.",
            "US 10 is in stock. I've created the exchange and a prepaid return label is in "
            "your inbox.",
            "Do I need the original box?",
            "It helps, but any sturdy box is fine.",
            "OK thanks!",
            "You're welcome. The new pair ships as soon as we scan the return.",
        ),
    ),
    _Topic(
        SUPPORT,
        ("문의",),
        (
            "이 제품 세탁기에 돌려도 되나요?",
            "안녕하세요 {name}님, 찬물 울 코스로 세탁 가능합니다. 건조기는 피해 주세요.",
            "혹시 재입고 예정도 있나요? 그레이 색상이요.",
            "그레이는 다음 주 수요일 재입고 예정입니다. 재입고 알림 신청해 드릴까요?",
            "네 부탁드려요!",
            "알림 신청 완료했습니다 🙂",
            "감사합니다~",
            "또 궁금하신 점 있으면 편하게 문의 주세요.",
        ),
        (
            "Does the travel backpack fit a 16-inch laptop?",
            "Hi {name}! Yes, the laptop sleeve fits up to 16 inches.",
            "Is it waterproof?",
            "It's water-resistant (PU coated), but not fully waterproof.",
            "Do you ship to Canada?",
            "We do: shipping to Canada takes 7-10 days.",
            "Great, I'll order one.",
            "Enjoy your trip! Let me know if you need anything else.",
        ),
        button=("상품 보러 가기", "See the product", SHOP + "/products/{product}"),
    ),
    _Topic(
        VIP_CARE,
        ("VIP", "문의"),
        (
            "VIP 등급 혜택이 적용이 안 된 것 같아요. 쿠폰이 안 보여요.",
            "안녕하세요 {name}님, VIP 전담 {agent}입니다. 바로 확인해 드릴게요.",
            "지난달에 VIP 됐다고 문자 받았어요.",
            "등급 반영이 누락되어 있었습니다. 지금 반영했고 15% 쿠폰도 발급해 드렸어요.",
            "확인했어요! 감사합니다.",
            "불편 드려 죄송합니다. 이번 달 무료배송 쿠폰도 추가로 넣어드렸어요 🎁",
            "우와 최고예요 👍",
            "항상 이용해 주셔서 감사합니다!",
        ),
        (
            "Hi, I need to change the email on my account and add my colleague as a user.",
            "Hi {name}, happy to help. What's the new email address?",
            "Please use my work address, same domain as my company.",
            "Updated. For the new user, can you share their name and email?",
            "I'll send it in a moment. Can they have admin rights?",
            "Sure, on the Business plan you can have up to 3 admins.",
            "Perfect, sending now.",
            "Got it, the invite is on its way.",
        ),
        form=True,
    ),
)

NOTES_KO = (
    "환불 승인 필요합니다. 결제팀 확인 부탁드려요 @{mention}",
    "VIP 고객입니다. 응대할 때 쿠폰 안내 꼭 해주세요.",
    "같은 문의 세 번째입니다. 재문의 태그 달았어요.",
    "택배사에 확인 요청해 두었어요. 답 오면 이어서 안내 부탁드립니다 @{mention}",
)
NOTES_EN = (
    "Customer is on the Enterprise plan: loop in @{mention} if it escalates.",
    "Checked the logs: payment gateway timeout at 14:02. Filed as a bug.",
    "Please don't close until the carrier confirms delivery.",
    "@{mention} can you double-check the refund amount before we confirm?",
)
FOLLOW_UPS_KO = ("네 감사합니다!", "확인 부탁드려요.", "혹시 진행 상황 알 수 있을까요?")
FOLLOW_UPS_EN = ("Thanks!", "Any update on this?", "Just checking in on my request.")

CAMPAIGNS = (
    ("11월 블랙프라이데이 쿠폰", "쿠폰 사용"),
    ("신규 가입 웰컴 메시지", "첫 구매"),
    ("장바구니 리마인드", "결제 완료"),
    ("Holiday Sale 2026", "Purchase"),
    ("Win-back email", "Reactivation"),
)
WORKFLOWS = (
    ("주문 상담 봇", "상담원 연결"),
    ("배송 문의 자동응답", "FAQ 해결"),
    ("Support triage bot", "Routed to team"),
    ("After-hours assistant", None),
)
BOT_GREETING = {
    "ko": "안녕하세요! 상담 봇입니다 🤖 문의 유형을 골라 주세요: 배송 / 환불 / 결제 / 기타",
    "en": "Hi! I'm the Sangdam assistant 🤖 What can we help with? Delivery / Refund / "
    "Billing / Other",
}
CAMPAIGN_TEXT = {
    "ko": ("🎁 {campaign}: 전 상품 20% 할인 쿠폰이 도착했어요!", "쿠폰 받기"),
    "en": ("🎁 {campaign}: 20% off everything this week, just for you.", "Get the deal"),
}
DESCRIPTIONS_KO = (
    "재구매 고객 #VIP #재방문",
    "주문번호 {order} 배송 지연 건 #배송지연",
    "환불 처리 대기 중 #환불 #결제팀확인",
    "앱 4.2.1 오류 재현됨 #bug #android",
    "전화 요청하심, 오후 2시 이후 연락 #콜백",
)
DESCRIPTIONS_EN = (
    "Escalated to billing #refund #priority",
    "Repeat contact about login #login #followup",
    "Wholesale inquiry, send the catalog #b2b #sales",
    "Waiting on a carrier update #shipping",
)
PAGES = (
    ("/", "상담 쇼핑몰 | 홈"),
    ("/products/{product}", "Travel Backpack 30L | 상담 쇼핑몰"),
    ("/products/{product}", "울 니트 가디건 | 상담 쇼핑몰"),
    ("/cart", "장바구니 | Cart"),
    ("/orders/{order}", "주문 상세 | Order details"),
    ("/help/refund", "환불 안내 | Help Center"),
    ("/events/black-friday", "블랙프라이데이 | Black Friday"),
)
FORMS = {
    "ko": [
        {"key": "email", "label": "이메일", "type": "string", "profile_key": None},
        {"key": "birthday", "label": "생일", "type": "date", "profile_key": "birthday"},
    ],
    "en": [
        {"key": "company", "label": "Company", "type": "string", "profile_key": "company"},
        {"key": "orders", "label": "Orders this year", "type": "number", "profile_key": "orders"},
    ],
}
FORM_INTRO = {
    "ko": "확인을 위해 아래 정보를 입력해 주세요.",
    "en": "Could you fill in a few details so I can look this up?",
}

# ---- building rows ----------------------------------------------------------------------


@dataclass
class _Manager:
    id: uuid.UUID
    index: int
    spec: _ManagerSpec


@dataclass
class _Team:
    id: uuid.UUID
    spec: _TeamSpec
    members: list[_Manager]
    seated: list[_Manager]  # members with their operator seat on: assignable (O1)


@dataclass
class _PendingEntry:
    entity: Entity
    entity_id: str
    data: dict[str, Any]
    seq: int
    manager_id: str | None = None
    chat_id: str | None = None
    internal: bool = False


@dataclass
class _Chunk:
    """One transaction's rows and log entries, entries in seq order."""

    first_seq: int
    customers: list[dict[str, Any]] = field(default_factory=list)
    identities: list[dict[str, Any]] = field(default_factory=list)
    chats: list[dict[str, Any]] = field(default_factory=list)
    followers: list[dict[str, Any]] = field(default_factory=list)
    chat_tags: list[dict[str, Any]] = field(default_factory=list)
    hashtags: list[dict[str, Any]] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    states: list[dict[str, Any]] = field(default_factory=list)
    visits: list[dict[str, Any]] = field(default_factory=list)
    entries: list[_PendingEntry] = field(default_factory=list)

    def next_seq(self) -> int:
        return self.first_seq + len(self.entries)


@dataclass
class _Counts:
    customers: int = 0
    chats: int = 0
    messages: int = 0
    notes: int = 0
    states: int = 0
    visits: int = 0


# ---- wire dicts at scale -----------------------------------------------------------------
#
# `server.wire` defines what a row looks like on the wire; validating every one of
# several hundred thousand rows through pydantic would be most of the seed's time. These
# build the same dicts directly for the four entities a seed has many of, and
# `_Builder.wired` checks them against the wire serializers at every 500th row (the tests
# compare every entry with its stored row).


def _iso(t: datetime | None) -> str | None:
    """A UTC time as pydantic writes it in JSON mode: ISO 8601 with a Z."""
    return None if t is None else t.isoformat().replace("+00:00", "Z")


def _str(u: uuid.UUID | None, sids: dict[uuid.UUID, str]) -> str | None:
    """str(u), looked up for the ids in use over and over (str of a UUID is slow)."""
    return None if u is None else sids.get(u) or str(u)


def _wire_message(r: dict[str, Any], sids: dict[uuid.UUID, str]) -> dict[str, Any]:
    return {
        "id": str(r["id"]),
        "chat_id": _str(r["chat_id"], sids),
        "seq": r["seq"],
        "author_kind": r["author_kind"],
        "author_id": _str(r["author_id"], sids),
        "kind": r["kind"],
        "blocks": r["blocks"],  # built in their wire form already
        "created_at": _iso(r["created_at"]),
        "customer_read_at": _iso(r["customer_read_at"]),
        "delivered_at": _iso(r["delivered_at"]),
        "delivery_error": r.get("delivery_error"),
    }


def _wire_chat(r: dict[str, Any], sids: dict[uuid.UUID, str]) -> dict[str, Any]:
    return {
        "id": _str(r["id"], sids),
        "customer_id": _str(r["customer_id"], sids),
        "medium": r["medium"],
        "state": r["state"],
        "snooze_until": _iso(r["snooze_until"]),
        "team_id": _str(r["team_id"], sids),
        "assignee_id": _str(r["assignee_id"], sids),
        "follower_ids": r["follower_ids"],
        "tags": r["tags"],
        "description": r["description"],
        "source_kind": r["source_kind"],
        "source_name": r["source_name"],
        "goal": r["goal"],
        "goal_reached": r["goal_reached"],
        "queued_since": _iso(r["queued_since"]),
        "page_url": r["page_url"],
        "last_message_at": _iso(r["last_message_at"]),
        "last_message_seq": r["last_message_seq"],
        "last_message_preview": r["last_message_preview"],
        "created_at": _iso(r["created_at"]),
    }


def _wire_chat_state(r: dict[str, Any], sids: dict[uuid.UUID, str]) -> dict[str, Any]:
    return {
        "chat_id": _str(r["chat_id"], sids),
        "manager_id": _str(r["manager_id"], sids),
        "starred": r["starred"],
        "read_seq": r["read_seq"],
        "unread_count": r["unread_count"],
        "mentioned": r["mentioned"],
        "in_sessions": r["in_sessions"],
    }


def _wire_customer(r: dict[str, Any], sids: dict[uuid.UUID, str]) -> dict[str, Any]:
    return {
        "id": _str(r["id"], sids),
        "name": r["name"],
        "avatar_url": r["avatar_url"],
        "profile": r["profile"],
        "identities": r["identities"],
    }


def _customer_out(r: dict[str, Any]) -> dict[str, Any]:
    """What wire.customers makes of a customer row with its identities."""
    return wire.dump(s.CustomerOut, r)


WIRE_CHECK_EVERY = 500


@dataclass
class _Customer:
    id: uuid.UUID
    index: int
    name: str
    handle: str  # "minjun.kim": the local part of their email, their Instagram name
    lang: str  # "ko" or "en"
    vip: bool


@dataclass
class _Turn:
    author_kind: AuthorKind
    author: _Manager | None  # the manager who wrote it, if one did
    kind: MessageKind
    blocks: list[dict[str, Any]]


@dataclass
class _Plan:
    """What a chat is about and who handles it, decided before its messages."""

    id: uuid.UUID
    customer: _Customer
    medium: Medium
    state: ChatState
    lang: str
    topic: _Topic
    order: str
    product: int
    team: _Team | None
    assignee: _Manager | None
    followers: list[_Manager]  # the assignee first (P1)
    source_kind: str | None = None
    source_name: str | None = None
    goal: str | None = None
    goal_reached: bool = False
    tags: list[str] = field(default_factory=list)
    description: str = ""
    page_url: str | None = None

    def fmt(self, text: str) -> str:
        agent = self.assignee.spec.name if self.assignee is not None else MANAGERS[0].name
        return text.format(
            order=self.order, product=self.product, name=self.customer.name, agent=agent
        )


def _text(text: str) -> list[dict[str, Any]]:
    return [{"type": "text", "text": text}]


# How long before the anchor a chat's last message was, by state.
RECENCY: dict[ChatState, tuple[timedelta, timedelta]] = {
    ChatState.OPEN: (timedelta(minutes=3), timedelta(days=4)),
    ChatState.SNOOZED: (timedelta(hours=1), timedelta(days=12)),
    ChatState.CLOSED: (timedelta(hours=2), timedelta(days=150)),
}
P_ASSIGNED: dict[ChatState, float] = {
    ChatState.OPEN: 0.65,
    ChatState.SNOOZED: 0.95,
    ChatState.CLOSED: 0.9,
}


class _Builder:
    """Turns the rng into rows and log entries; knows nothing of the database."""

    def __init__(
        self,
        rng: random.Random,
        anchor: datetime,
        workspace_id: uuid.UUID,
        managers: list[_Manager],
        teams: list[_Team],
        tag_ids: dict[str, uuid.UUID],
    ) -> None:
        self.rng = rng
        self.anchor = anchor
        self.ws = workspace_id
        self.managers = managers
        self.seated = [x for x in managers if x.spec.operator_seat]
        self.teams = teams
        self.tag_ids = tag_ids
        self.owner = managers[0]
        self.customer_index = 0
        self.chat_index = 0
        self.phone_offset = rng.randrange(100_000_000)
        self.counts = _Counts()
        self.wired_rows = 0
        # The string form of the ids in use: managers and teams always, a customer and
        # a chat while they are being built.
        self.sids: dict[uuid.UUID, str] = {x.id: str(x.id) for x in managers}
        self.sids.update((t.id, str(t.id)) for t in teams)

    def uid(self) -> uuid.UUID:
        return _uuid4(self.rng)

    def wired(
        self,
        fast: Callable[[dict[str, Any], dict[uuid.UUID, str]], dict[str, Any]],
        checked: Callable[[dict[str, Any]], dict[str, Any]],
        row: dict[str, Any],
    ) -> dict[str, Any]:
        """The row's wire dict, compared with the wire serializer's now and then."""
        data = fast(row, self.sids)
        self.wired_rows += 1
        if self.wired_rows % WIRE_CHECK_EVERY == 1 and data != checked(row):
            raise RuntimeError(f"{fast.__name__} no longer matches {checked.__name__}: {row}")
        return data

    def fill(self, chunk: _Chunk, total_chats: int, chunk_chats: int) -> None:
        """Add whole customers (with all their chats) until the chunk has enough chats."""
        start = self.chat_index
        while self.chat_index < total_chats and self.chat_index - start < chunk_chats:
            self.customer(chunk, total_chats - self.chat_index)

    # -- customers --

    def customer(self, chunk: _Chunk, room: int) -> None:
        rng = self.rng
        k = self.customer_index
        self.customer_index += 1
        forced = k < len(MEDIA)  # the first customers cover every medium and state
        lang = "ko" if k == 0 else "en" if k == 1 else LANGS(rng)
        if lang == "ko":
            (sur, sur_r), (given, given_r) = rng.choice(KO_SURNAMES), rng.choice(KO_GIVEN)
            name, handle = sur + given, f"{given_r}.{sur_r}"
        else:
            first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
            name, handle = f"{first} {last}", f"{first}.{last}".lower()
        who = _Customer(self.uid(), k, name, handle, lang, vip=rng.random() < 0.12)
        home = MEDIA[k] if forced else HOME_MEDIUM(rng)
        n_chats = 1 if forced else min(room, CHATS_PER_CUSTOMER(rng))
        profile = self.profile(who)
        identities: dict[Medium, str] = {}
        self.identify(who, home, identities)
        if rng.random() < 0.3:
            self.identify(who, Medium.EMAIL, identities)

        self.sids[who.id] = str(who.id)
        entry = _PendingEntry(Entity.CUSTOMER, self.sids[who.id], {}, chunk.next_seq())
        chunk.entries.append(entry)  # its data is known once its chats are
        first_at = self.anchor
        for j in range(n_chats):
            medium = home if j == 0 or rng.random() < 0.7 else rng.choice(_SECOND_MEDIA)
            self.identify(who, medium, identities)
            state = STATES[k % len(STATES)] if forced else STATE(rng)
            first_at = min(first_at, self.chat(chunk, who, medium, state))
        row = {
            "id": who.id,
            "workspace_id": self.ws,
            "name": name,
            "avatar_url": None,
            "profile": profile,
            "created_at": first_at - timedelta(seconds=rng.randrange(30 * 86400)),
        }
        ids = [{"medium": md.value, "external_id": ext} for md, ext in identities.items()]
        chunk.customers.append(row)
        chunk.identities.extend(
            {"id": self.uid(), "workspace_id": self.ws, "customer_id": who.id, **i} for i in ids
        )
        entry.data = self.wired(_wire_customer, _customer_out, {**row, "identities": ids})
        self.counts.customers += 1
        del self.sids[who.id]

    def profile(self, who: _Customer) -> dict[str, Any]:
        rng = self.rng
        profile: dict[str, Any] = {"plan": rng.choice(PLANS), "orders": rng.randrange(0, 40)}
        if rng.random() < 0.35:
            profile["company"] = rng.choice(COMPANIES)
        if who.vip:
            profile["vip"] = True
        elif rng.random() < 0.3:
            profile["vip"] = False
        if rng.random() < 0.4:
            born = date(1965, 1, 1) + timedelta(days=rng.randrange(365 * 40))
            profile["birthday"] = born.isoformat()
        return profile

    def identify(self, who: _Customer, md: Medium, identities: dict[Medium, str]) -> None:
        """How the customer is known on this medium; the index keeps each one unique."""
        if md in identities or md is Medium.WEB:
            return
        rng, k = self.rng, who.index
        match md:
            case Medium.PHONE:  # a bijection of k: no two customers share a number
                n = (k * 7_654_321 + self.phone_offset) % 100_000_000
                identities[md] = f"+8210{n:08d}"
            case Medium.EMAIL:
                identities[md] = f"{who.handle}{k}@{rng.choice(MAIL_DOMAINS)}"
            case Medium.KAKAO:
                identities[md] = f"{rng.getrandbits(48):012x}{k:06x}"
            case Medium.INSTAGRAM:
                identities[md] = f"{who.handle.replace('.', '_')}_{k}"
            case Medium.NAVER:
                identities[md] = f"nv{rng.getrandbits(40):010x}{k:06x}"
            case Medium.LINE:
                identities[md] = f"U{rng.getrandbits(104):026x}{k:06x}"

    # -- chats --

    def plan(self, who: _Customer, medium: Medium, state: ChatState) -> _Plan:
        rng = self.rng
        lang = who.lang if rng.random() < 0.92 else ("en" if who.lang == "ko" else "ko")
        topic = rng.choice(TOPICS)
        r = rng.random()
        if who.vip and r < 0.5:
            team: _Team | None = self.teams[VIP_CARE]
        elif r < 0.78:
            team = self.teams[topic.team]
        elif r < 0.88:
            team = rng.choice(self.teams)
        else:
            team = None
        assignee = None
        followers: list[_Manager] = []
        if rng.random() < P_ASSIGNED[state]:
            # O1: only a seated manager can be assigned; the owner gets a demo-sized share.
            pool = team.seated if team is not None and team.seated else self.seated
            assignee = self.owner if rng.random() < 0.25 else rng.choice(pool)
            followers.append(assignee)  # P1: the assignee follows
            for _ in range(EXTRA_FOLLOWERS(rng)):
                extra = rng.choice(self.managers)
                if extra not in followers:
                    followers.append(extra)
        plan = _Plan(
            id=self.uid(),
            customer=who,
            medium=medium,
            state=state,
            lang=lang,
            topic=topic,
            order=str(rng.randrange(20_260_000_000, 20_269_999_999)),
            product=rng.randrange(1000, 9999),
            team=team,
            assignee=assignee,
            followers=followers,
        )
        r = rng.random()
        if r < 0.12:
            plan.source_kind = SourceKind.CAMPAIGN.value
            plan.source_name, plan.goal = rng.choice(CAMPAIGNS)
            plan.goal_reached = rng.random() < 0.4
        elif r < 0.22:
            plan.source_kind = SourceKind.WORKFLOW.value
            plan.source_name, plan.goal = rng.choice(WORKFLOWS)
            plan.goal_reached = plan.goal is not None and rng.random() < 0.5
        tags: list[str] = []
        if rng.random() < 0.7:
            tags.extend(topic.tags[: rng.randint(1, len(topic.tags))])
            for _ in range(EXTRA_TAG_COUNT(rng)):
                extra_tag = rng.choice(EXTRA_TAGS)
                if extra_tag not in tags:
                    tags.append(extra_tag)
        if who.vip and "VIP" not in tags and rng.random() < 0.6:
            tags.append("VIP")
        plan.tags = sorted(tags)[:MAX_TAGS_PER_CHAT]  # P2; sorted, as chats.add_tag keeps them
        if rng.random() < 0.3:  # P3: a description with #hashtags
            plan.description = plan.fmt(
                rng.choice(DESCRIPTIONS_KO if lang == "ko" else DESCRIPTIONS_EN)
            )
        if medium is Medium.WEB:
            plan.page_url = SHOP + plan.fmt(rng.choice(PAGES)[0])
        return plan

    def conversation(self, plan: _Plan) -> list[_Turn]:
        """Who says what, in order: a bot opener, then customer and manager taking turns."""
        rng, lang, topic = self.rng, plan.lang, plan.topic
        script = topic.ko if lang == "ko" else topic.en
        turns: list[_Turn] = []
        if plan.source_kind == SourceKind.CAMPAIGN.value:
            text, label = CAMPAIGN_TEXT[lang]
            button = {
                "type": "button",
                "text": label,
                "url": f"{SHOP}/events/coupon-{plan.product}",
                "color": "#e5484d",
            }
            turns.append(
                _Turn(
                    AuthorKind.BOT,
                    None,
                    MessageKind.REPLY,
                    [
                        *_text(text.format(campaign=plan.source_name)),
                        button,
                    ],
                )
            )
        elif plan.source_kind == SourceKind.WORKFLOW.value:
            turns.append(_Turn(AuthorKind.BOT, None, MessageKind.REPLY, _text(BOT_GREETING[lang])))
        if plan.assignee is None:  # nobody has answered yet
            for line in range(0, rng.choice((1, 1, 3)), 2):
                turns.append(
                    _Turn(
                        AuthorKind.CUSTOMER, None, MessageKind.REPLY, _text(plan.fmt(script[line]))
                    )
                )
            return turns
        n = rng.randint(1, 8)
        line = 0
        while len(turns) < n:
            if line < len(script):
                text = plan.fmt(script[line])
            else:
                text = rng.choice(FOLLOW_UPS_KO if lang == "ko" else FOLLOW_UPS_EN)
            if line % 2 == 0:
                turns.append(_Turn(AuthorKind.CUSTOMER, None, MessageKind.REPLY, _text(text)))
            else:
                author = plan.assignee if rng.random() < 0.85 else rng.choice(plan.followers)
                blocks = _text(text)
                roll = rng.random()
                if topic.button is not None and roll < 0.12:  # M5: a link button
                    ko_label, en_label, url = topic.button
                    blocks.append(
                        {
                            "type": "button",
                            "text": ko_label if lang == "ko" else en_label,
                            "url": plan.fmt(url),
                            "color": "#3d7bf7",
                        }
                    )
                elif topic.form and roll < 0.12:  # M6: a form
                    blocks = [
                        *_text(FORM_INTRO[lang]),
                        {"type": "form", "fields": FORMS[lang], "answers": None},
                    ]
                turns.append(_Turn(AuthorKind.MANAGER, author, MessageKind.REPLY, blocks))
            line += 1
        if 3 <= len(turns) < 8 and rng.random() < 0.25:  # C1: an internal note
            author = rng.choice(plan.followers)
            mention = rng.choice([x for x in self.managers if x is not author])
            note = rng.choice(NOTES_KO if lang == "ko" else NOTES_EN)
            turns.insert(
                rng.randrange(1, len(turns)),
                _Turn(
                    AuthorKind.MANAGER,
                    author,
                    MessageKind.NOTE,
                    _text(note.format(mention=mention.spec.name)),
                ),
            )
        return turns

    def gaps(self, turns: Sequence[_Turn]) -> list[int]:
        """Seconds before each message: quick bots and notes, slower people."""
        rng = self.rng
        gaps = [0]
        for prev, cur in itertools.pairwise(turns):
            if cur.kind is MessageKind.NOTE:
                gaps.append(rng.randrange(30, 600))
            elif AuthorKind.BOT in (prev.author_kind, cur.author_kind):
                gaps.append(rng.randrange(2, 30))
            elif cur.author_kind is AuthorKind.CUSTOMER:
                gaps.append(rng.randrange(60, 3 * 3600))
            else:
                gaps.append(rng.randrange(30, 45 * 60))
        return gaps

    def chat(self, chunk: _Chunk, who: _Customer, medium: Medium, state: ChatState) -> datetime:
        """One chat with its messages, followers, tags, visits and states; returns its start."""
        rng = self.rng
        self.chat_index += 1
        plan = self.plan(who, medium, state)
        sid = self.sids[plan.id] = str(plan.id)
        turns = self.conversation(plan)
        gaps = self.gaps(turns)
        lo, hi = RECENCY[state]
        end = self.anchor - lo - timedelta(seconds=rng.randrange(int((hi - lo).total_seconds())))
        at = end - timedelta(seconds=sum(gaps))
        created_at = at - timedelta(seconds=rng.randrange(1, 20))

        chat_entry = _PendingEntry(Entity.CHAT, sid, {}, chunk.next_seq(), chat_id=sid)
        chunk.entries.append(chat_entry)  # first, so a replaying client knows the chat
        msgs: list[dict[str, Any]] = []
        for turn, gap in zip(turns, gaps, strict=True):
            at += timedelta(seconds=gap)
            msgs.append(self.message(chunk, plan, turn, at))
        self.answer_forms(chunk, plan, msgs)
        chunk.messages.extend(msgs)
        self.counts.messages += len(msgs)

        last = msgs[-1]
        text = preview(last["blocks"], note=last["kind"] == MessageKind.NOTE.value)
        queued = (
            state is ChatState.OPEN
            and plan.assignee is None
            and plan.team is not None
            and plan.team.spec.auto_assign
        )
        snooze_until = None
        if state is ChatState.SNOOZED:  # H3: ends in the future, well within 180 days
            snooze_until = self.anchor + timedelta(minutes=rng.randrange(60, 14 * 24 * 60, 15))
        chat = {
            "id": plan.id,
            "workspace_id": self.ws,
            "customer_id": who.id,
            "medium": medium.value,
            "state": state.value,
            "snooze_until": snooze_until,
            "team_id": plan.team.id if plan.team is not None else None,
            "assignee_id": plan.assignee.id if plan.assignee is not None else None,
            "tags": plan.tags,
            "follower_ids": [str(f.id) for f in plan.followers],
            "description": plan.description,
            "source_kind": plan.source_kind,
            "source_name": plan.source_name,
            "goal": plan.goal,
            "goal_reached": plan.goal_reached,
            "queued_since": created_at if queued else None,  # R2: waits in its team's queue
            "page_url": plan.page_url,
            "last_message_at": last["created_at"],
            "last_message_seq": last["seq"],
            "last_message_preview": text,
            "created_at": created_at,
        }
        chat_entry.data = self.wired(_wire_chat, wire.chat, chat)
        chunk.chats.append(chat)
        chunk.followers.extend(  # P1: the assignee's follow came with the assignment
            {"chat_id": plan.id, "manager_id": f.id, "auto": f is plan.assignee}
            for f in plan.followers
        )
        chunk.chat_tags.extend({"chat_id": plan.id, "tag_id": self.tag_ids[t]} for t in plan.tags)
        chunk.hashtags.extend({"chat_id": plan.id, "tag": t} for t in hashtags(plan.description))
        self.counts.chats += 1
        if medium is Medium.WEB:
            self.visits(chunk, plan, created_at)
        self.chat_states(chunk, plan, msgs, unassigned=plan.assignee is None and not queued)
        del self.sids[plan.id]
        return created_at

    def message(self, chunk: _Chunk, plan: _Plan, turn: _Turn, at: datetime) -> dict[str, Any]:
        rng = self.rng
        seq = chunk.next_seq()
        if turn.author_kind is AuthorKind.CUSTOMER:
            author_id: uuid.UUID | None = plan.customer.id
        else:
            author_id = turn.author.id if turn.author is not None else None
        msg: dict[str, Any] = {
            "id": self.uid(),  # client-made in this schema: from the rng here
            "workspace_id": self.ws,
            "chat_id": plan.id,
            "seq": seq,
            "author_kind": turn.author_kind.value,
            "author_id": author_id,
            "kind": turn.kind.value,
            "blocks": turn.blocks,
            "text": search_text(turn.blocks),
            "created_at": at,
            "customer_read_at": None,
            "delivered_at": None,
        }
        if turn.author_kind is not AuthorKind.CUSTOMER and turn.kind is MessageKind.REPLY:
            if plan.medium in EXTERNAL_MESSENGERS:  # C3: messengers only say "delivered"
                msg["delivered_at"] = at + timedelta(seconds=rng.randrange(1, 5))
            elif plan.medium is Medium.WEB and rng.random() < 0.8:
                msg["customer_read_at"] = at + timedelta(seconds=rng.randrange(5, 900))
        internal = turn.kind is MessageKind.NOTE
        data = self.wired(_wire_message, wire.message, msg)
        chunk.entries.append(
            _PendingEntry(
                Entity.MESSAGE,
                data["id"],
                data,
                seq,
                chat_id=data["chat_id"],
                internal=internal,
            )
        )
        self.counts.notes += internal
        return msg

    def answer_forms(self, chunk: _Chunk, plan: _Plan, msgs: list[dict[str, Any]]) -> None:
        """A form followed by a customer message was filled in by then."""
        for msg, after in itertools.pairwise(msgs):
            form = next((b for b in msg["blocks"] if b["type"] == "form"), None)
            if form is None or after["author_kind"] != AuthorKind.CUSTOMER.value:
                continue
            answers: dict[str, Any]
            if plan.lang == "ko":
                answers = {"email": f"{plan.customer.handle}@example.com", "birthday": "1991-04-17"}
            else:
                answers = {"company": self.rng.choice(COMPANIES), "orders": 3}
            msg["blocks"] = [{**b, "answers": answers} if b is form else b for b in msg["blocks"]]
            data = self.wired(_wire_message, wire.message, msg)
            chunk.entries[msg["seq"] - chunk.first_seq].data = data

    def visits(self, chunk: _Chunk, plan: _Plan, started: datetime) -> None:
        """P5: the pages the customer saw before the chat, the last one where it started."""
        rng = self.rng
        titles = {SHOP + plan.fmt(path): title for path, title in PAGES}
        urls = [plan.page_url or SHOP + "/"]
        urls.extend(SHOP + plan.fmt(rng.choice(PAGES)[0]) for _ in range(rng.randint(0, 4)))
        at = started - timedelta(seconds=rng.randrange(10, 120))
        rows: list[dict[str, Any]] = []
        for i, url in enumerate(urls):
            rows.append(
                {
                    "id": self.uid(),
                    "workspace_id": self.ws,
                    "customer_id": plan.customer.id,
                    "chat_id": plan.id if i == 0 else None,
                    "url": url,
                    "title": titles.get(url),
                    "visited_at": at,
                }
            )
            at -= timedelta(seconds=rng.randrange(20, 900))
        rows.reverse()
        chunk.visits.extend(rows)
        self.counts.visits += len(rows)

    def chat_states(
        self, chunk: _Chunk, plan: _Plan, msgs: list[dict[str, Any]], *, unassigned: bool
    ) -> None:
        """Each participant's own view, as add_message and mark_read would leave it."""
        rng = self.rng
        readers = list(plan.followers)
        watchers = [x for x in self.managers if x.spec.notify_unassigned] if unassigned else []
        mentioned: list[uuid.UUID] = []
        for msg in msgs:
            if msg["kind"] == MessageKind.NOTE.value:
                for x in self.managers:
                    if f"@{x.spec.name}" in msg["blocks"][0]["text"]:
                        mentioned.append(x.id)
                        if x not in readers:
                            readers.append(x)
        starred_by_owner = rng.random() < 0.06
        if starred_by_owner and self.owner not in readers:
            readers.append(self.owner)
        last = len(msgs) - 1
        for r in readers:
            # A manager has read at least up to their own last message (add_message).
            own = [i for i, x in enumerate(msgs) if x["author_id"] == r.id]
            floor = own[-1] if own else -1
            if plan.state is ChatState.CLOSED or floor == last or rng.random() < 0.6:
                read = last
            else:
                read = rng.randrange(floor, last)
            unread = sum(1 for x in msgs[read + 1 :] if x["author_id"] != r.id)  # count_unread
            is_mentioned = r.id in mentioned and unread > 0
            was_mentioned = r.id in mentioned
            row = {
                "manager_id": r.id,
                "chat_id": plan.id,
                "starred": (r is self.owner and starred_by_owner) or rng.random() < 0.08,
                "read_seq": msgs[read]["seq"] if read >= 0 else 0,
                "unread_count": unread,
                "mentioned": is_mentioned,
                "in_sessions": r in plan.followers or was_mentioned or r in watchers,  # S5
                "was_mentioned": was_mentioned,
            }
            self.chat_state(chunk, row)
        # S5, S11: an unassigned chat is in its watchers' sessions (read: no rng drawn,
        # so the rest of the seed stays what it was)
        for x in watchers:
            if x not in readers:
                row = {
                    "manager_id": x.id,
                    "chat_id": plan.id,
                    "starred": False,
                    "read_seq": msgs[last]["seq"],
                    "unread_count": 0,
                    "mentioned": False,
                    "in_sessions": True,
                    "was_mentioned": False,
                }
                self.chat_state(chunk, row)

    def chat_state(self, chunk: _Chunk, row: dict[str, Any]) -> None:
        chunk.states.append(row)
        chat, manager = self.sids[row["chat_id"]], self.sids[row["manager_id"]]
        chunk.entries.append(
            _PendingEntry(
                Entity.CHAT_STATE,
                f"{chat}:{manager}",
                self.wired(_wire_chat_state, wire.chat_state, row),
                chunk.next_seq(),
                manager_id=manager,
                chat_id=chat,
            )
        )
        self.counts.states += 1


# ---- converting rows for the driver ---------------------------------------------------

_MISSING = object()


def _memoized(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`process`, run once per distinct object: the workspace id, a chat's id, a flush's
    timestamp recur thousands of times in a column. Keyed by identity, which holds while
    the values are alive: within one call of `_records`."""
    cache: dict[int, Any] = {}

    def run(value: Any) -> Any:
        out = cache.get(id(value), _MISSING)
        if out is _MISSING:
            out = cache[id(value)] = process(value)
        return out

    return run


def _uuid_text(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


@dataclass
class _Records:
    """One table's rows as the driver takes them: values in `names` order."""

    table: str
    names: list[str]
    records: list[tuple[Any, ...]]


def _records(dialect: Dialect, model: type[m.Base], rows: Sequence[dict[str, Any]]) -> _Records:
    """Convert rows with each column's own SQLAlchemy bind processor (UTC check, UUID and
    JSON encoding), so what is stored is what `conn.execute(insert(model), rows)` would
    store, without SQLAlchemy's per-row statement overhead. (asyncpg gets UUIDs as text,
    which it parses: text is much cheaper to pass between processes.)"""
    table = model.__table__
    assert isinstance(table, Table)
    names = list(rows[0]) if rows else []
    columns = []
    for name in names:
        column_type = table.c[name].type
        process = column_type.dialect_impl(dialect).bind_processor(dialect)
        if process is None and dialect.name == "postgresql" and isinstance(column_type, Uuid):
            process = _uuid_text
        values = [row[name] for row in rows]
        columns.append(values if process is None else list(map(_memoized(process), values)))
    return _Records(table.name, names, list(zip(*columns, strict=True)))


async def _write(conn: AsyncConnection, r: _Records) -> None:
    """COPY on PostgreSQL, one executemany on SQLite."""
    if not r.records:
        return
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection
    if conn.dialect.name == "postgresql":
        await driver.copy_records_to_table(r.table, records=r.records, columns=r.names)
        return
    table = m.Base.metadata.tables[r.table]
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=r.names)
    records = r.records
    if compiled.positiontup != r.names:
        order = [r.names.index(n) for n in compiled.positiontup or ()]
        records = [tuple(rec[i] for i in order) for rec in records]
    await driver.executemany(str(compiled), records)


async def _insert(
    conn: AsyncConnection, model: type[m.Base], rows: Sequence[dict[str, Any]]
) -> None:
    await _write(conn, _records(conn.dialect, model, rows))


class _BulkConnection:
    """Lets a ChangeWriter write its change-log rows through `_insert`.

    ChangeWriter numbers and lays out the entries as always; only its final executemany
    of change_log rows takes the fast path. Everything else goes to the connection.
    """

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def scalar(self, statement: Any, *args: Any, **kw: Any) -> Any:
        return await self.conn.scalar(statement, *args, **kw)

    async def execute(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        if (
            isinstance(statement, Insert)
            and getattr(statement.table, "name", None) == m.ChangeLog.__tablename__
            and isinstance(parameters, list)
        ):
            await _insert(self.conn, m.ChangeLog, parameters)
            return None
        return await self.conn.execute(statement, parameters, **kw)


# An entry on its way to the ChangeWriter, in plain values (cheap to pass between
# processes): entity, entity id, data, seq, manager id, chat id, internal.
_EntryTuple = tuple[str, str, dict[str, Any], int, str | None, str | None, bool]


@dataclass
class _Ready:
    """A built chunk, converted for the driver: tables in foreign-key order, then the
    log entries in seq order; with the running counts for the summary."""

    first_seq: int
    next_seq: int
    tables: list[_Records]
    entries: list[_EntryTuple]
    counts: _Counts


_CHUNK_TABLES: tuple[tuple[type[m.Base], str], ...] = (
    (m.Customer, "customers"),
    (m.CustomerIdentity, "identities"),
    (m.Chat, "chats"),
    (m.ChatFollower, "followers"),
    (m.ChatTag, "chat_tags"),
    (m.ChatHashtag, "hashtags"),
    (m.Message, "messages"),
    (m.ChatState, "states"),
    (m.PageVisit, "visits"),
)


# ---- building: in this process for one chunk, else in a worker process ------------------


@dataclass(frozen=True)
class _Job:
    """What a builder needs to go on from where the setup left the rng."""

    url: str
    rng_state: tuple[Any, ...]
    anchor: datetime
    workspace_id: uuid.UUID
    manager_ids: tuple[uuid.UUID, ...]
    team_ids: tuple[uuid.UUID, ...]
    tag_ids: dict[str, uuid.UUID]
    chats: int
    chunk_chats: int
    first_seq: int


def _cast(
    ids: Sequence[uuid.UUID], team_ids: Sequence[uuid.UUID]
) -> tuple[list[_Manager], list[_Team]]:
    managers = [
        _Manager(mid, i, spec) for i, (mid, spec) in enumerate(zip(ids, MANAGERS, strict=True))
    ]
    teams = [
        _Team(
            tid,
            spec,
            [managers[i] for i in spec.members],
            [managers[i] for i in spec.members if MANAGERS[i].operator_seat],
        )
        for tid, spec in zip(team_ids, TEAMS, strict=True)
    ]
    return managers, teams


def _build(job: _Job) -> Iterator[_Ready]:
    """The chunks, in order, each numbered on from the one before."""
    rng = random.Random()
    rng.setstate(job.rng_state)
    managers, teams = _cast(job.manager_ids, job.team_ids)
    builder = _Builder(rng, job.anchor, job.workspace_id, managers, teams, job.tag_ids)
    dialect = make_url(job.url).get_dialect()()
    seq = job.first_seq
    while builder.chat_index < job.chats:
        chunk = _Chunk(seq)
        builder.fill(chunk, job.chats, job.chunk_chats)
        tables = [_records(dialect, model, getattr(chunk, rows)) for model, rows in _CHUNK_TABLES]
        entries: list[_EntryTuple] = [
            (e.entity.value, e.entity_id, e.data, e.seq, e.manager_id, e.chat_id, e.internal)
            for e in chunk.entries
        ]
        seq = chunk.next_seq()
        yield _Ready(chunk.first_seq, seq, tables, entries, replace(builder.counts))


def _worker_main() -> None:
    """The builder process: reads a _Job on stdin, writes each chunk pickled on stdout,
    then None (or the error that stopped it). Started with `python -c`, so nothing of
    the parent's main script runs again (as multiprocessing's spawn would do)."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not break the stream
    try:
        job = pickle.load(sys.stdin.buffer)
        for ready in _build(job):
            pickle.dump(ready, out, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(None, out)
    except Exception:  # handed to the parent, which raises it
        error = RuntimeError("building the seed failed:\n" + traceback.format_exc())
        pickle.dump(error, out)
    except KeyboardInterrupt:  # Ctrl-C reached the parent too: it stops, say nothing
        return
    out.flush()


def _receive(worker: subprocess.Popen[bytes]) -> _Ready | None:
    assert worker.stdout is not None
    try:
        message = pickle.load(worker.stdout)
    except EOFError:
        code = worker.wait()
        raise RuntimeError(
            f"the seed's builder process ended without a result (exit code {code})"
        ) from None
    if isinstance(message, BaseException):
        raise message
    ready: _Ready | None = message
    return ready


def _start_worker(job: _Job) -> subprocess.Popen[bytes]:
    worker = subprocess.Popen(
        [sys.executable, "-c", "from server.seed import _worker_main; _worker_main()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
    )
    assert worker.stdin is not None
    with worker.stdin:
        worker.stdin.write(pickle.dumps(job))
    return worker


async def _chunks_from_worker(job: _Job) -> AsyncGenerator[_Ready]:
    """The chunks, built in another process while this one writes the chunk before:
    building and writing each take one core."""
    worker = await asyncio.to_thread(_start_worker, job)
    receiving = asyncio.ensure_future(asyncio.to_thread(_receive, worker))
    finished = False
    try:
        while (ready := await receiving) is not None:
            receiving = asyncio.ensure_future(asyncio.to_thread(_receive, worker))
            yield ready
        finished = True
    finally:
        if not finished:
            worker.kill()  # its end of the pipe closes: a waiting receive ends too
        await asyncio.wait([receiving])
        if not receiving.cancelled():
            receiving.exception()  # retrieved: the error that matters is already raised
        await asyncio.to_thread(worker.wait)
        if worker.stdout is not None:
            worker.stdout.close()


async def _chunks(job: _Job) -> AsyncGenerator[_Ready]:
    # One chunk is not worth a process; a frozen app (PyInstaller) would start itself.
    if job.chats <= job.chunk_chats or getattr(sys, "frozen", False):
        for ready in _build(job):
            yield ready
    else:
        async for ready in _chunks_from_worker(job):
            yield ready


# ---- writing ----------------------------------------------------------------------------


async def _locked_last_seq(conn: AsyncConnection, workspace_id: uuid.UUID) -> int:
    """The workspace's log head, its row locked (PostgreSQL) until this transaction ends."""
    last = await conn.scalar(
        select(m.Workspace.last_seq).where(m.Workspace.id == workspace_id).with_for_update()
    )
    if last is None:
        raise LookupError(f"workspace {workspace_id} does not exist")
    return int(last)


async def _write_chunk(
    db: Database, workspace_id: uuid.UUID, chunk: _Ready, known: dict[str, uuid.UUID]
) -> None:
    """One transaction: the chunk's rows, then its log entries under the seqs they were
    built with (a chunk is built before its transaction, so the head is checked first)."""
    ids = dict(known)  # a chat's entries share one UUID object: converted once (_memoized)

    def uid(value: str | None) -> uuid.UUID | None:
        if value is None:
            return None
        found = ids.get(value)
        if found is None:
            found = ids[value] = uuid.UUID(value)
        return found

    async with db.write() as conn:
        if await _locked_last_seq(conn, workspace_id) != chunk.first_seq - 1:
            raise RuntimeError("the workspace's change log moved while seeding it")
        if db.is_sqlite:  # the indexes outgrow SQLite's 2 MiB page cache: re-reads cost
            await conn.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        for table in chunk.tables:
            await _write(conn, table)
        if not chunk.entries:
            return
        w = ChangeWriter(cast(AsyncConnection, _BulkConnection(conn)), workspace_id)
        await w.reserve(len(chunk.entries))
        emitted: list[Entry] = [
            w.emit(
                Entity(entity),
                entity_id,
                data,
                manager_id=uid(manager_id),
                chat_id=uid(chat_id),
                internal=internal,
            )
            for entity, entity_id, data, _, manager_id, chat_id, internal in chunk.entries
        ]
        await w.flush()  # numbers them in order with the reserved seqs
        if any(e.seq != want[3] for e, want in zip(emitted, chunk.entries, strict=True)):
            raise RuntimeError("change-log seqs differ from the seqs the rows store")


async def _refuse_if_seeded(conn: AsyncConnection) -> None:
    if await conn.scalar(select(m.Manager.id).where(m.Manager.email == OWNER_EMAIL)) is not None:
        raise ServiceError(
            ErrorCode.INVALID_VALUE,
            f"This database already has a demo workspace ({OWNER_EMAIL} exists): seed builds "
            "a workspace once; use a fresh database.",
        )


async def seed(
    db: Database,
    *,
    chats: int,
    seed: int,
    password: str | None = None,
    anchor: datetime | None = None,
) -> str:
    """Build the demo workspace; returns a one-line summary. Same seed, same rows."""
    if chats < 0:
        raise ServiceError(ErrorCode.INVALID_VALUE, "The number of chats must be 0 or more.")
    anchor = anchor or ANCHOR
    if anchor.tzinfo is None:
        raise ValueError("anchor must be timezone-aware")
    anchor = anchor.astimezone(UTC)
    password = password or DEFAULT_PASSWORD
    async with db.read() as conn:
        await _refuse_if_seeded(conn)
    settings = Settings(database_url=db.url)
    # One hash for every seeded manager: argon2 is slow by design.
    password_hash = Passwords(
        memory_kib=settings.argon2_memory_kib, time_cost=settings.argon2_time_cost
    ).hash(password)

    rng = random.Random(seed)

    def uid() -> uuid.UUID:
        return _uuid4(rng)

    wid = uid()
    managers, teams = _cast([uid() for _ in MANAGERS], [uid() for _ in TEAMS])
    tag_ids = {name: uid() for name, _ in TAGS}

    async with db.write() as conn:
        await _refuse_if_seeded(conn)
        await conn.execute(
            insert(m.Workspace).values(
                id=wid,
                name=WORKSPACE_NAME,
                last_seq=0,
                pruned_seq=0,
                created_at=anchor - timedelta(days=400),
            )
        )
        w = ChangeWriter(conn, wid)
        manager_rows: list[dict[str, Any]] = [
            {
                "id": x.id,
                "workspace_id": wid,
                "email": x.spec.email,
                "name": x.spec.name,
                "password_hash": password_hash,
                "role": x.spec.role.value,
                "permissions": [Permission.DELETE_CHATS.value] if x.spec.role is Role.OWNER else [],
                "operator_seat": x.spec.operator_seat,
                "available": x.spec.available,
                "max_auto_assign": x.spec.max_auto_assign,
                "notify_unassigned": x.spec.notify_unassigned,
                "avatar_url": None,
                "last_assigned_at": (
                    anchor - timedelta(seconds=rng.randrange(60, 3 * 86400))
                    if x.spec.operator_seat
                    else None
                ),
                "created_at": anchor - timedelta(days=400 - 9 * x.index),
            }
            for x in managers
        ]
        await _insert(conn, m.Manager, manager_rows)
        team_rows: list[dict[str, Any]] = [
            {
                "id": t.id,
                "workspace_id": wid,
                "name": t.spec.name,
                "auto_assign": t.spec.auto_assign,
                "created_at": anchor - timedelta(days=390 - i),
            }
            for i, t in enumerate(teams)
        ]
        await _insert(conn, m.Team, team_rows)
        await _insert(
            conn,
            m.TeamMember,
            [
                {
                    "team_id": t.id,
                    "manager_id": x.id,
                    "auto_assign": x.index not in t.spec.out_of_rota,
                }
                for t in teams
                for x in t.members
            ],
        )
        tag_rows: list[dict[str, Any]] = [
            {"id": tag_ids[name], "workspace_id": wid, "name": name, "color": color}
            for name, color in TAGS
        ]
        macro_rows: list[dict[str, Any]] = [
            {"id": uid(), "workspace_id": wid, "name": name, "body": body} for name, body in MACROS
        ]
        integration_rows: list[dict[str, Any]] = [
            {
                "id": uid(),
                "workspace_id": wid,
                "medium": md.value,
                "name": name,
                "connected": True,
                "secret_hash": None,
                "config": config,
                "sealed_secrets": None,
                "secret_names": [],
            }
            for md, name, config in INTEGRATIONS
        ]
        field_rows: list[dict[str, Any]] = [
            {
                "workspace_id": wid,
                "key": key,
                "label": label,
                "type": ftype.value,
                "options": [],
                "position": i,
            }
            for i, (key, label, ftype) in enumerate(CUSTOMER_FIELDS)
        ]
        await _insert(conn, m.Tag, tag_rows)
        await _insert(conn, m.Macro, macro_rows)
        await _insert(conn, m.Integration, integration_rows)
        await _insert(conn, m.CustomerField, field_rows)
        # As wire.managers and wire.teams make them, their lists in the seed's order (the
        # database's order differs between backends).
        for x, row in zip(managers, manager_rows, strict=True):
            team_ids = [t.id for t in teams if x in t.members]
            w.emit(Entity.MANAGER, x.id, wire.dump(s.ManagerOut, {**row, "team_ids": team_ids}))
        for t, row in zip(teams, team_rows, strict=True):
            member_ids = [x.id for x in t.members]
            rota_ids = [x.id for x in t.members if x.index not in t.spec.out_of_rota]
            team = {**row, "member_ids": member_ids, "rota_ids": rota_ids}
            w.emit(Entity.TEAM, t.id, wire.dump(s.TeamOut, team))
        for row in tag_rows:
            w.emit(Entity.TAG, row["id"], wire.tag(row))
        for row in macro_rows:
            w.emit(Entity.MACRO, row["id"], wire.macro(row))
        for row in integration_rows:
            w.emit(Entity.INTEGRATION, row["id"], wire.integration(row))
        for row in field_rows:
            w.emit(Entity.CUSTOMER_FIELD, row["key"], wire.customer_field(row))
        setup_head = await w.flush() or 0

    job = _Job(
        url=db.url,
        rng_state=rng.getstate(),
        anchor=anchor,
        workspace_id=wid,
        manager_ids=tuple(x.id for x in managers),
        team_ids=tuple(t.id for t in teams),
        tag_ids=tag_ids,
        chats=chats,
        chunk_chats=CHUNK_CHATS,
        first_seq=setup_head + 1,
    )
    known = {str(x.id): x.id for x in managers}
    counts = _Counts()
    cache_size = None
    if db.is_sqlite:
        async with db.read() as conn:
            cache_size = await conn.scalar(text("PRAGMA cache_size"))
    try:
        async with contextlib.aclosing(_chunks(job)) as chunks:
            async for ready in chunks:
                await _write_chunk(db, wid, ready, known)
                counts = ready.counts
    finally:
        if cache_size is not None:  # give the connection its usual cache back
            async with db.read() as conn:
                await conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache_size)}")

    await _write_sidebar_counts(db, wid)
    async with db.read() as conn:
        head = await conn.scalar(select(m.Workspace.last_seq).where(m.Workspace.id == wid))
    c = counts
    return (
        f"seeded workspace {wid} ({WORKSPACE_NAME}): owner {OWNER_EMAIL} password {password}; "
        f"{len(managers)} managers, {len(teams)} teams, {len(TAGS)} tags, {len(MACROS)} macros, "
        f"{len(INTEGRATIONS)} integrations, {c.customers} customers, {c.chats} chats, "
        f"{c.messages} messages ({c.notes} notes), {c.states} chat states, "
        f"{c.visits} page visits, {head} change-log entries"
    )


async def _write_sidebar_counts(db: Database, workspace_id: uuid.UUID) -> None:
    """The rows went in by bulk, past the services: count the sidebar once, and log each
    count as the services would, so bootstrap and replay agree."""
    async with db.write() as conn:
        totals = await sidebar_counts.recount(conn, workspace_id)
        await loads.recount(conn, workspace_id)  # routing's loads too (R1)
        w = ChangeWriter(conn, workspace_id)
        for (scope, key, state), n in sorted(totals.items()):
            w.emit(
                Entity.COUNT,
                f"{scope}|{key}|{state}",
                {"scope": scope, "key": key, "state": state, "count": n},
                manager_id=uuid.UUID(scope) if scope else None,
            )
        await w.flush()
