"""What the composer's popups offer (SPEC M2-M4): `@` managers and teams, `#` macros,
`:` emoji; and what follows from a choice: the mentions a message carries, a macro's
variables filled in.

`CompletionModel` is the one list model every popup shows, narrowed as the agent types
(`set_query`). `CompletionSource` builds its rows from the directory (managers, teams)
and the cache's macros, and keeps them current with the engine's news. Emoji come from
the `emoji` package (English and Korean names, aliases) plus a short table of everyday
Korean words (`KOREAN_WORDS`), built once per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.models.directory import Directory
from desktop.sync.changed import ChangedIds
from desktop.sync.reads import CacheReader

Index = QModelIndex | QPersistentModelIndex

MENTION, MACRO, EMOJI = "@", "#", ":"
TRIGGERS = (MENTION, MACRO, EMOJI)
MAX_ROWS = 100  # a popup never lists more: the agent narrows it by typing


@dataclass(frozen=True, slots=True)
class Completion:
    kind: str  # "manager", "team", "macro", "emoji"
    key: str  # the id (managers, teams, macros) or the emoji itself
    label: str  # what the row shows first: a name, or the emoji and its name
    detail: str = ""  # quieter, after it: an email, a macro's first line, a Korean name
    insert: str = ""  # what replaces the trigger and the query
    search: str = ""  # lower-case words the query is matched against


class CompletionRoles(IntEnum):
    KIND = Qt.ItemDataRole.UserRole + 1
    DETAIL = Qt.ItemDataRole.UserRole + 2
    COMPLETION = Qt.ItemDataRole.UserRole + 3


def containing(items: Sequence[Completion], q: str) -> list[Completion]:
    """Every item whose words contain `q` (lower-case), in their order."""
    return [item for item in items if q in item.search]


def matches(items: Sequence[Completion], query: str, limit: int = MAX_ROWS) -> list[Completion]:
    """The items whose first word starts with the query (shorter names first), then
    those with another word starting with it, then those that merely contain it;
    case-insensitive; at most `limit`."""
    q = query.strip().lower()
    if not q:
        return list(items[:limit])
    first: list[Completion] = []
    word: list[Completion] = []
    inside: list[Completion] = []
    for item in items:
        at = item.search.find(q)
        if at < 0:
            continue
        if at == 0:
            first.append(item)
        elif item.search[at - 1] in " _:":
            word.append(item)
        elif len(inside) < limit:
            inside.append(item)
    first.sort(key=lambda c: len(c.label))
    return (first + word + inside)[:limit]


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_KIND = int(CompletionRoles.KIND)
_DETAIL = int(CompletionRoles.DETAIL)
_COMPLETION = int(CompletionRoles.COMPLETION)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class CompletionModel(QAbstractListModel):
    """The rows a popup shows: `set_items` gives everything it may offer, `set_query`
    narrows them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: Sequence[Completion] = ()
        self._rows: list[Completion] = []
        self._query = ""
        self._pool: list[Completion] = []  # every item the query in force matches
        self._pool_query = ""

    def set_items(self, items: Sequence[Completion], query: str | None = None) -> None:
        """Everything to offer, narrowed by `query` (by default the one in force)."""
        self._all = items
        self.set_query(self._query if query is None else query, force=True)

    def set_query(self, query: str, *, force: bool = False) -> None:
        if query == self._query and not force:
            return
        q = query.strip().lower()
        # typing on narrows what the last query found: search only those again
        narrower = not force and self._pool_query and q.startswith(self._pool_query)
        pool = self._pool if narrower else self._all
        self._pool = containing(pool, q) if q else list(self._all)
        self._pool_query = q
        self._query = query
        rows = matches(self._pool, query)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    @property
    def query(self) -> str:
        return self._query

    def completion(self, row: int) -> Completion | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not 0 <= row < len(self._rows) or not index.isValid():
            return None
        c = self._rows[row]
        role = int(role)
        if role == _COMPLETION:
            return c
        if role in (_DISPLAY, _ACCESSIBLE):
            return f"{c.key} {c.label}" if c.kind == "emoji" else c.label
        if role == _TOOLTIP:
            return c.detail or None
        if role == _KIND:
            return c.kind
        if role == _DETAIL:
            return c.detail
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names[CompletionRoles.KIND] = QByteArray(b"kind")
        names[CompletionRoles.DETAIL] = QByteArray(b"detail")
        names[CompletionRoles.COMPLETION] = QByteArray(b"completion")
        return names


# ---- emoji (M4) -------------------------------------------------------------------------

# Everyday Korean words agents type, and the emoji they mean (the package's Korean names
# are long descriptions: "활짝_웃는_얼굴").
KOREAN_WORDS: dict[str, str] = {
    "좋아요": "👍",
    "최고": "👍",
    "감사": "🙏",
    "부탁": "🙏",
    "하트": "❤️",
    "사랑": "🥰",
    "웃음": "😄",
    "미소": "🙂",
    "행복": "😊",
    "윙크": "😉",
    "눈물": "😢",
    "슬픔": "😭",
    "화남": "😠",
    "놀람": "😮",
    "생각": "🤔",
    "박수": "👏",
    "축하": "🎉",
    "선물": "🎁",
    "확인": "✅",
    "체크": "✔️",
    "엑스": "❌",
    "경고": "⚠️",
    "불": "🔥",
    "별": "⭐",
    "반짝": "✨",
    "꽃": "🌸",
    "커피": "☕",
    "시계": "⏰",
    "전화": "📞",
    "메일": "📧",
    "택배": "📦",
    "배송": "🚚",
    "돈": "💰",
    "카드": "💳",
    "인사": "👋",
    "안녕": "👋",
    "죄송": "🙇",
    "사과": "🙇",
    "오케이": "👌",
    "파이팅": "💪",
    "힘내": "💪",
    "로켓": "🚀",
    "집": "🏠",
    "열쇠": "🔑",
    "자물쇠": "🔒",
    "링크": "🔗",
    "메모": "📝",
    "달력": "📅",
}


def _words(name: str) -> str:
    return name.strip(":").replace("_", " ")


@cache
def emoji_items() -> tuple[Completion, ...]:
    """Every fully qualified emoji, by its English name, aliases and Korean name; the
    Korean everyday words first."""
    import emoji

    emoji.config.load_language("ko")
    fully = emoji.STATUS["fully_qualified"]
    items = [Completion("emoji", char, word, "", char, word) for word, char in KOREAN_WORDS.items()]
    for char, data in emoji.EMOJI_DATA.items():
        if data.get("status") != fully:
            continue
        en = _words(str(data.get("en", "")))
        ko = _words(str(data.get("ko", "")))
        aliases = " ".join(_words(a) for a in data.get("alias", ()))
        search = " ".join(w for w in (en, aliases, ko) if w).lower()
        items.append(Completion("emoji", char, en, ko, char, search))
    return tuple(items)


# ---- macros: variables (M3) ------------------------------------------------------------

VARIABLE = re.compile(r"\{([a-z_]+\.[a-z_]+)\}")


def fill_variables(body: str, values: Mapping[str, str]) -> str:
    """A macro's text with {customer.name}, {manager.name}, ... replaced by their values;
    a variable without a value (unknown, or empty) stays as written, for the agent to
    see and fill in."""
    return VARIABLE.sub(lambda m: values.get(m.group(1)) or m.group(0), body)


def first_line(text: str, limit: int = 80) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


# ---- where the rows come from ------------------------------------------------------------


class CompletionSource(QObject):
    """The managers, teams and macros the popups offer, kept current; the values of a
    macro's variables for a chat; the mentions a text makes."""

    changed = Signal()

    def __init__(
        self, reader: CacheReader, directory: Directory, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._directory = directory
        self.people: tuple[Completion, ...] = ()
        self.macros: tuple[Completion, ...] = ()
        self.reload()

    def reload(self) -> None:
        people = [
            Completion(
                "manager",
                mid,
                str(m.get("name") or ""),
                str(m.get("email") or ""),
                f"@{m.get('name') or ''}",
                f"{m.get('name') or ''} {m.get('email') or ''}".lower(),
            )
            for mid, m in self._directory.managers.items()
            if m.get("name") and not m.get("deactivated")  # issue 17: not offered
        ]
        people.sort(key=lambda c: c.label.lower())
        teams = [
            Completion(
                "team",
                tid,
                str(t.get("name") or ""),
                "",
                f"@{t.get('name') or ''}",
                str(t.get("name") or "").lower(),
            )
            for tid, t in self._directory.teams.items()
            if t.get("name")
        ]
        teams.sort(key=lambda c: c.label.lower())
        self.people = tuple(teams + people)
        self.macros = tuple(
            Completion(
                "macro",
                str(row["id"]),
                str(row.get("name") or ""),
                first_line(str(row.get("body") or "")),
                str(row.get("body") or ""),
                f"{row.get('name') or ''} {row.get('body') or ''}".lower(),
            )
            for row in self._reader.reference("macro")
        )

    def apply_changes(self, changed: ChangedIds) -> None:
        if changed.reset or changed.reference:
            self.reload()
            self.changed.emit()

    def items(self, trigger: str) -> Sequence[Completion]:
        if trigger == MENTION:
            return self.people
        if trigger == MACRO:
            return self.macros
        return emoji_items()

    def macro(self, macro_id: str) -> dict[str, Any] | None:
        return next(
            (dict(r) for r in self._reader.reference("macro") if str(r["id"]) == macro_id), None
        )

    def profile_fields(self) -> list[dict[str, Any]]:
        """The workspace's customer profile fields (a form's answers may fill them)."""
        return [dict(r) for r in self._reader.reference("customer_field")]

    def can_manage_macros(self) -> bool:
        me = self._directory.managers.get(self._directory.me) or {}
        return "manage_macros" in (me.get("permissions") or [])

    def variables(self, chat_id: str | None) -> dict[str, str]:
        """{customer.name}, {manager.name}, {manager.email}, {team.name} for this chat."""
        me = self._directory.managers.get(self._directory.me) or {}
        values = {
            "manager.name": str(me.get("name") or ""),
            "manager.email": str(me.get("email") or ""),
        }
        chat = self._reader.chat(chat_id) if chat_id else None
        if chat:
            customer = self._reader.customer(str(chat.get("customer_id") or "")) or {}
            values["customer.name"] = str(customer.get("name") or "")
            values["team.name"] = self._directory.team_name(chat.get("team_id"))
        return values

    def mentions_in(self, text: str) -> dict[str, list[str]] | None:
        """The managers and teams the text names as "@Name" (M2); None if none."""
        return mentions_in(text, self.people)


def mentions_in(text: str, people: Iterable[Completion]) -> dict[str, list[str]] | None:
    """Longer names first, so "@Kim Minji" is not also "@Kim"; a name counts where it
    starts a word and ends at a word's end (not "mail@Ana.kr")."""
    if "@" not in text:
        return None
    managers: list[str] = []
    teams: list[str] = []
    rest = text
    for c in sorted(people, key=lambda c: -len(c.insert)):
        pattern = r"(?<![\w@])" + re.escape(c.insert) + r"(?![\w])"
        if c.insert in rest and re.search(pattern, rest):
            rest = re.sub(pattern, " ", rest)
            (teams if c.kind == "team" else managers).append(c.key)
    if not managers and not teams:
        return None
    return {"manager_ids": managers[:100], "team_ids": teams[:20]}
