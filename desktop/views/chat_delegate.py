"""Painting one chat row (SPEC L3, L4): no widget per row, only a painter.

Avatar (with the messenger's mark for Kakao, Instagram, Naver TalkTalk and LINE chats),
customer name, time of the last message, the preview, the unread count, the assignee,
the state and the tags. Every string is drawn as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.i18n import translate
from desktop.models.chat_list import ChatRoles
from desktop.models.directory import Directory
from desktop.models.format import is_external, preview_text, short_time
from desktop.models.row_labels import state_text, unassigned_text
from desktop.sync.items import ChatItem
from desktop.views import theme
from desktop.views.icons import icon
from desktop.views.paint import paint_avatar, paint_pill

Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 76
AVATAR = 40
PAD = 12


@dataclass(frozen=True, slots=True)
class RowTexts:
    """What a row shows, as plain strings (what `paint` draws)."""

    name: str
    preview: str
    time: str
    unread: str  # "" when none; "99+" above 99
    assignee: str
    state: str  # "" for open chats
    tags: tuple[str, ...]
    medium: str
    messenger_mark: bool  # L3
    starred: bool
    mentioned: bool


class ChatDelegate(QStyledItemDelegate):
    def __init__(self, directory: Directory | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._directory = directory
        self.painted_rows = 0  # rows painted so far (the list tells its first rows painted)

    def texts(self, item: ChatItem) -> RowTexts:
        chat = item.chat
        assignee_id = chat.get("assignee_id")
        if assignee_id is None:
            team = self._directory.team_name(chat.get("team_id")) if self._directory else ""
            assignee = unassigned_text(chat, team)
        else:
            name = self._directory.manager_name(assignee_id) if self._directory else ""
            assignee = name or translate("ChatDelegate", "Assigned")
        medium = str(chat.get("medium") or "")
        unread = item.unread_count
        return RowTexts(
            name=item.customer_name or translate("ChatDelegate", "(no name)"),
            preview=preview_text(str(chat.get("last_message_preview") or "")),
            time=short_time(chat.get("last_message_at")),
            unread="" if unread <= 0 else ("99+" if unread > 99 else str(unread)),
            assignee=assignee,
            state=state_text(chat),
            tags=tuple(str(t) for t in chat.get("tags") or ()),
            medium=medium,
            messenger_mark=is_external(medium),
            starred=item.starred,
            mentioned=item.mentioned,
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(max(option.rect.width(), 200), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = index.data(ChatRoles.ITEM)
        if not isinstance(item, ChatItem):
            return
        t = self.texts(item)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        painter.save()
        painter.setClipRect(rect)
        look = theme.colors()
        if selected:
            painter.fillRect(rect, look.color("selected"))
            accent = look.color("accent")
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), accent)
        elif hovered:
            painter.fillRect(rect, look.color("hover"))
        text_color = palette.color(QPalette.ColorRole.Text)
        muted = look.color("muted")

        avatar = QRect(
            rect.left() + PAD, rect.top() + (rect.height() - AVATAR) // 2, AVATAR, AVATAR
        )
        paint_avatar(painter, avatar, t.name, item.chat.get("customer_id") or item.id, t.medium)

        base = QFont(option.font)
        small = QFont(base)
        small.setPointSizeF(max(6.0, base.pointSizeF() - 1.5))
        bold = QFont(base)
        bold.setBold(True)
        fm, fm_small, fm_bold = QFontMetrics(base), QFontMetrics(small), QFontMetrics(bold)
        left = avatar.right() + PAD
        right = rect.right() - PAD
        top = rect.top() + 9

        # line 1: name ... [star] time
        painter.setFont(small)
        painter.setPen(muted)
        time_w = fm_small.horizontalAdvance(t.time)
        painter.drawText(
            QRect(right - time_w, top, time_w, fm_bold.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            t.time,
        )
        name_right = right - time_w - 6
        if t.starred:
            star_w = fm_small.height()
            box = QRect(name_right - star_w, top + (fm_bold.height() - star_w) // 2, star_w, star_w)
            icon("star", color=look.star).paint(painter, box)
            name_right -= star_w + 4
        painter.setFont(bold)
        painter.setPen(text_color)
        name = fm_bold.elidedText(t.name, Qt.TextElideMode.ElideRight, max(0, name_right - left))
        painter.drawText(
            QRect(left, top, max(0, name_right - left), fm_bold.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )

        # line 2: preview ... unread badge
        top2 = top + fm_bold.height() + 3
        preview_right = right
        if t.unread:
            badge_left = paint_pill(
                painter,
                right,
                top2 + fm.height() // 2,
                t.unread,
                look.color("badge"),
                look.color("badge_text"),
                small,
                min_width=fm_small.height() + 2,
            )
            preview_right = badge_left - 6
        if t.mentioned:
            painter.setFont(bold)
            painter.setPen(look.color("badge"))
            at_w = fm_bold.horizontalAdvance("@")
            painter.drawText(
                QRect(preview_right - at_w, top2, at_w, fm.height()),
                Qt.AlignmentFlag.AlignVCenter,
                "@",
            )
            preview_right -= at_w + 4
        painter.setFont(base)
        painter.setPen(muted if not t.unread else text_color)
        preview = fm.elidedText(
            t.preview, Qt.TextElideMode.ElideRight, max(0, preview_right - left)
        )
        painter.drawText(
            QRect(left, top2, max(0, preview_right - left), fm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            preview,
        )

        # line 3: assignee · state · tags
        top3 = top2 + fm.height() + 4
        x = left
        painter.setFont(small)
        painter.setPen(muted)
        who = "→ " + t.assignee if item.chat.get("assignee_id") else t.assignee
        who_w = min(fm_small.horizontalAdvance(who) + 3, max(0, (right - left) // 2))
        painter.drawText(
            QRect(x, top3, who_w, fm_small.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm_small.elidedText(who, Qt.TextElideMode.ElideRight, who_w),
        )
        x += who_w + 8
        chips: list[tuple[str, QColor, QColor]] = []
        if t.state:
            chips.append((t.state, look.color("chip"), look.color("chip_text")))
        for tag in t.tags:
            color = self._directory.tag_color(tag) if self._directory else None
            bg = QColor(color) if color else look.color("accent")
            bg.setAlpha(90 if look.dark else 60)
            chips.append(("#" + tag, bg, QColor(text_color)))
        for text, bg, fg in chips:
            w = fm_small.horizontalAdvance(text) + 12
            if x + w > right:
                break
            paint_pill(painter, x + w, top3 + fm_small.height() // 2, text, bg, fg, small)
            x += w + 4

        painter.setPen(QColor(text_color.red(), text_color.green(), text_color.blue(), 24))
        painter.drawLine(left, rect.bottom(), rect.right(), rect.bottom())
        painter.restore()
        self.painted_rows += 1
