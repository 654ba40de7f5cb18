"""The newest mentions: source · time ago · sentiment word, then up to three lines of plain text.

Copies of one post on several networks take one slot: the newest is shown, the others are counted
("+1 on Mastodon"). A reply whose parent the snapshot carries shows one muted line between the two,
what it answers ("↳ replying to: “…”"): "Schandalig!" alone says nothing on a wall."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from PySide6.QtGui import QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from newsroom.domain import Mention, Polarity
from newsroom.ui import messages, theme
from newsroom.ui.later import later
from newsroom.ui.widgets.text import ElidedLine, ElidedText, plain_label

#: lines of a post's text in the feed
BODY_LINES = 3
#: pixels a post takes beyond its two parts (the spacing between them, rounding): without it the
#: layout squeezed the last post's third line
SLACK = 4

SOURCE_TITLES = {"gnews": "Google News", "rss": "RSS", "gdelt": "GDELT", "mastodon": "Mastodon",
                 "bluesky": "Bluesky", "youtube": "YouTube", "bing": "Bing News", "x": "X", "demo": "Demo"}


def _source_title(m: Mention) -> str:
    if m.source in ("rss", "gnews") and m.author and not m.author.startswith("@"):
        return m.author  # the publisher's name
    if m.author.startswith("@"):  # privacy mode off (with it on, the wall never gets an author here)
        return f"{SOURCE_TITLES.get(m.source, m.source)} · {m.author}"
    return SOURCE_TITLES.get(m.source, m.source)


def _copy_key(m: Mention) -> str:
    """What copies of one post share: their words, ignoring case, links, handles and spacing."""
    text = m.text if not m.title or m.title == m.text else m.title
    words = [w for w in text.lower().split() if not w.startswith(("http://", "https://", "@", "#"))]
    return " ".join(words)[:200]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One post in the feed and the copies of it found elsewhere (newest first)."""

    mention: Mention
    copies: tuple[Mention, ...] = ()

    def copies_text(self) -> str:
        """'+1 on Mastodon' (networks in the order the copies came), or ''."""
        if not self.copies:
            return ""
        networks: list[str] = []
        for c in self.copies:
            name = SOURCE_TITLES.get(c.source, c.source)
            if name not in networks:
                networks.append(name)
        return messages.copies_on(len(self.copies), networks)


def group_copies(mentions: Sequence[Mention]) -> list[FeedEntry]:
    """Mentions in order, copies of an earlier one (same near-duplicate group, or the same words)
    folded into it: each post counts once."""
    entries: list[tuple[Mention, list[Mention]]] = []
    by_group: dict[str, int] = {}
    by_words: dict[str, int] = {}
    for m in mentions:
        group = m.duplicate_of or m.id
        words = _copy_key(m)
        at = by_group.get(group)
        if at is None and len(words) >= 20:
            at = by_words.get(words)
        if at is None:
            for key in {m.id, group}:
                by_group[key] = len(entries)
            if len(words) >= 20:
                by_words[words] = len(entries)
            entries.append((m, []))
        else:
            entries[at][1].append(m)
            by_group.setdefault(m.id, at)
    return [FeedEntry(m, tuple(copies)) for m, copies in entries]


@dataclass(slots=True)
class _Fill:
    """How far filling the column got: its room (set by the first item), the room used, full."""

    available: int | None = None
    used: int = 0
    full: bool = False


class MentionItem(QFrame):
    """One mention, reused between snapshots."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mentionItem")
        self.bar = QFrame(self)
        self.bar.setObjectName("mentionBar")
        self.meta = plain_label("", self, object_name="mentionMeta")
        self.meta.setWordWrap(True)  # a long source line wraps instead of widening the column
        #: what a reply answers, one muted line (hidden for a post that answers nothing known)
        self.context = ElidedLine(self, hint_chars=12)
        self.context.setObjectName("mentionReplyTo")
        self.context.setVisible(False)
        self.body = ElidedText(self, max_lines=BODY_LINES)
        self.body.setObjectName("mentionText")
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.meta)
        column.addWidget(self.context)
        column.addWidget(self.body)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar)
        row.addLayout(column, 1)
        self._row = row
        self.mention_id = ""
        #: (bar colour, meta colour) as styled: the same again sets no style sheet
        self._colours = ("", "")

    def apply_scale(self, scale: theme.TypeScale) -> None:
        """Sizes from the wall's type scale."""
        self.meta.setFont(theme.font(scale.small))
        self.body.set_style(theme.font(scale.body), theme.TEXT)
        context = theme.font(scale.small)
        context.setItalic(True)  # secondary by its slant and the arrow, not by its colour alone
        self.context.set_style(context, theme.MUTED)
        self.bar.setFixedWidth(max(4, round(scale.base / 5)))
        self._row.setSpacing(round(scale.base * 0.4))
        self._colours = ("", "")  # the theme may have changed: the next mention styles again

    def set_mention(self, m: Mention, now: datetime, copies: str = "", answers: str = "") -> None:
        """Show one mention; ``copies``: where copies of it were seen ('+1 on Mastodon'); ``answers``:
        the text of the post it replies to, cut short ('' for none: no line)."""
        self.mention_id = m.id
        label = m.sentiment.label if m.sentiment else Polarity.NEUTRAL
        word = {Polarity.NEGATIVE: messages.tr("negative"), Polarity.POSITIVE: messages.tr("positive")}
        parts = [_source_title(m), messages.short_ago((now - m.published).total_seconds())]
        if label in word:
            parts.append(word[label])
        if copies:
            parts.append(copies)
        meta = " · ".join(parts)
        if meta != self.meta.text():
            self.meta.setText(meta)
        text = m.text if not m.title or m.title == m.text else m.title
        self.body.set_text(text)
        self.context.set_text(messages.replying_to(answers) if answers else "")
        if self.context.isHidden() == bool(answers):
            self.context.setVisible(bool(answers))
        bar = {Polarity.NEGATIVE: theme.NEGATIVE, Polarity.POSITIVE: theme.POSITIVE}.get(label, theme.MUTED)
        colours = (bar, theme.NEGATIVE if label is Polarity.NEGATIVE else theme.MUTED)
        if colours != self._colours:  # a style sheet set re-polishes the widget, even an identical one
            self._colours = colours
            self.bar.setStyleSheet(f"background: {colours[0]}; border-radius: 2px;")
            self.meta.setStyleSheet(f"color: {colours[1]};")


class Ticker(QFrame):
    """The column of newest mentions; shows as many as fit."""

    def __init__(self, parent: QWidget | None = None, *, slots: int = 8) -> None:
        super().__init__(parent)
        self.setObjectName("ticker")
        self.header = plain_label(messages.tr("Newest mentions"), self, object_name="tickerHeader")
        self.items = [MentionItem(self) for _ in range(slots)]
        box = QVBoxLayout(self)
        box.addWidget(self.header)
        for item in self.items:
            box.addWidget(item)
        box.addStretch(1)
        self._box = box
        self._entries: list[FeedEntry] = []
        self._parents: dict[str, str] = {}
        self._now: datetime | None = None
        #: the fill whose steps are running (``fill_steps``) or done last (``_fill``)
        self._filling: _Fill | None = None

    def apply_scale(self, scale: theme.TypeScale) -> None:
        """Sizes from the wall's type scale."""
        pad = round(scale.base * 0.5)
        self._box.setContentsMargins(pad, pad, pad, pad)
        self._box.setSpacing(round(scale.base * 0.55))
        self.header.setFont(theme.font(scale.title, bold=True))
        sheet = (f"#ticker {{ background: {theme.PANEL}; border-radius: 10px; }}"
                 f" #tickerHeader {{ color: {theme.TEXT}; }}")
        if sheet != self.styleSheet():  # the same sheet again polishes every item again (a resize's turn)
            self.setStyleSheet(sheet)
        for item in self.items:
            item.apply_scale(scale)
        self._scale = scale

    def set_mentions(self, mentions: Sequence[Mention], now: datetime,
                     parents: Sequence[tuple[str, str]] = ()) -> None:
        """Show the newest mentions that fit in the column, copies of one post once; ``parents``: (reply
        id, what it answers) from the snapshot."""
        for step in self.fill_steps(mentions, now, parents):
            step()

    def fill_steps(self, mentions: Sequence[Mention], now: datetime,
                   parents: Sequence[tuple[str, str]] = ()) -> list[Callable[[], None]]:
        """``set_mentions`` in steps to run in order: the copies grouped, then one item each (its text
        set and laid out at the column's width). A wall runs them a few per event-loop turn on a held
        picture (newsroom.ui.hold): the old feed shows until the new one is painted whole."""

        fill = _Fill()

        def begin() -> None:
            self._entries = group_copies(mentions)
            self._parents = dict(parents)
            self._now = now
            self._filling = fill

        return [begin, *(partial(self._fill_item, i, fill) for i in range(len(self.items)))]

    def _fill(self) -> None:
        """Every item at once (a resize: its steps wait for a slice, ``later``); steps of a fill still
        pending then have nothing left to do."""
        fill = _Fill()
        self._filling = fill
        for i in range(len(self.items)):
            self._fill_item(i, fill)

    def _fill_item(self, i: int, fill: _Fill) -> None:
        """Item ``i`` shows its entry if it fits below the items before it (``fill``: the room they
        used), else it and every item after it hide (the feed stays newest first). A step of a fill
        that a newer one replaced does nothing."""
        if self._now is None or fill is not self._filling:
            return
        if fill.available is None:  # the first item: the column's room as it is now
            fill.available = (self.height() - self.header.sizeHint().height()
                              - 2 * self._box.contentsMargins().top())
        item = self.items[i]
        if fill.full or i >= len(self._entries):
            item.setVisible(False)
            return
        available, used = fill.available, fill.used
        entry = self._entries[i]
        item.set_mention(entry.mention, self._now, entry.copies_text(),
                         self._parents.get(entry.mention.id, ""))
        lines_before = item.body.max_lines
        item.body.max_lines = BODY_LINES
        width = max(self.width() - 2 * self._box.contentsMargins().left() - item.bar.width() - 12, 100)
        # the source line's height at the width it will have (a hidden label's own hint is for
        # whatever width it had last, and took a third post's room for nothing)
        meta = item.meta.heightForWidth(width) if item.meta.wordWrap() else item.meta.sizeHint().height()
        if not item.context.isHidden():  # the reply's context line and the column's spacing above it
            meta += item.context.sizeHint().height() + 2
        need = meta + item.body.heightForWidth(width) + self._box.spacing() + SLACK
        fits = used + need <= available or i == 0
        if not fits and used < available:  # the last post shows as many lines as are left
            line = QFontMetricsF(item.body.font_used()).lineSpacing()
            lines = int((available - used - meta - self._box.spacing() - SLACK) // line)
            if lines >= 1:
                item.body.max_lines = min(lines, BODY_LINES)
                need = meta + item.body.heightForWidth(width) + self._box.spacing() + SLACK
                fits = True
        item.setVisible(fits)
        if item.body.max_lines != lines_before:
            item.body.updateGeometry()
        if fits:
            fill.used += need
        else:  # nothing after a post that did not fit
            fill.full = True

    def visible_items(self) -> list[MentionItem]:
        """Items currently shown."""
        return [i for i in self.items if i.isVisible()]

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-fit the items to the new height: after a window resize in a slice of its own
        (newsroom.ui.later), not in the resize's turn."""
        super().resizeEvent(event)
        if not later(self, self._fill):
            self._fill()
