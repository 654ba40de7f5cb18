"""One topic tile: label (two lines reserved, so figures align across tiles), alert badge, key figures,
word cloud, sparkline with its time marks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from newsroom.domain import Topic
from newsroom.ui import messages, theme
from newsroom.ui.widgets.cloud import WordCloud
from newsroom.ui.widgets.figure_line import FigureLine
from newsroom.ui.widgets.sparkline import SparkAxis, Sparkline
from newsroom.ui.widgets.text import ElidedLine, ElidedText
from newsroom.ui.widgets.tile_panel import panel_picture


def align_titles(tiles: Sequence[TopicTile]) -> int:
    """Give the titles of the visible tiles the same number of lines (one when every label fits on one
    line, else two), so that figures, clouds and sparklines line up across tiles."""
    shown = [t for t in tiles if t.topic_id is not None]
    lines = max((t.title_lines_needed() for t in shown), default=1)
    lines = min([lines, *(t.title_cap for t in tiles)])  # a short tile has room for one line only
    for t in tiles:
        t.set_title_lines(lines)
    return lines


#: the tiles being fitted to new heights in this call, in order (``TopicTile._fit_in_turn``)
_FITTING: list[TopicTile] = []
#: the cloud's smallest useful room, in rows of its smallest words: below it the other parts give way
CLOUD_ROWS = 2
#: the sparkline's height in base sizes: full, and the least it shrinks to on a short tile
SPARK_FULL = 2.5
SPARK_LEAST = 1.6
#: the dense variant's sparkline (``TopicTile.set_compact``)
SPARK_COMPACT = 1.3


class TopicTile(QFrame):
    """A tile that is reused across snapshots; ``set_topic`` only changes what changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        # the tile paints its panel itself, corners included (no style sheet): nothing under it is
        # painted first (at 4K twelve tiles painted in half the time)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._panel: tuple[str, str, str, int] = ("", "", "", 0)
        self.topic_id: int | None = None
        self.alerted = False
        #: the topic's alert was acknowledged (a small mark instead of the badge)
        self.seen = False
        self.title = ElidedText(self, max_lines=2)
        self.title.setObjectName("tileTitle")
        self.badge = ElidedLine(self, hint_chars=10)
        self.badge.setObjectName("tileBadge")
        self.badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.badge.setVisible(False)
        self.figures = FigureLine(self)
        self.cloud = WordCloud(self)
        self.spark = Sparkline(self)
        #: an event's other sub-stories (newsroom.analysis.events), hidden for a plain topic
        self.substories = ElidedText(self, max_lines=2)
        self.substories.setObjectName("tileSubstories")
        self.substories.setVisible(False)
        self.axis = SparkAxis(self)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        self._head = head
        box = QVBoxLayout(self)
        box.addLayout(head)
        box.addWidget(self.figures)
        box.addWidget(self.substories)
        box.addWidget(self.cloud, 1)
        box.addWidget(self.spark)
        box.addWidget(self.axis)
        self._box = box
        #: the tiles whose titles line up with this one's (the wall's tiles; by default just this one)
        self.peers: Sequence[TopicTile] = (self,)
        self._title_lines = 2
        #: the dense variant (``set_compact``)
        self.compact = False
        #: the most lines the title may take at this tile's height (see ``fit_height``)
        self.title_cap = 2
        self._label = ""
        #: (topic, alerted, seen, theme) as shown: the same again changes nothing
        self._shown: tuple[Topic, bool, bool, str] | None = None
        self._scale = theme.TypeScale(27.0)
        self.apply_scale(self._scale)

    def set_compact(self, compact: bool) -> None:
        """The dense variant for a grid of more than six tiles (twelve under a banner at 1080p): the
        title one line at the smallest readable size, the same in every tile (no tile shrinks its own),
        smaller gaps, cloud words all at the smallest size (two rows fit in what is left; the biggest
        words still come first, at the top), a lower sparkline without time marks."""
        if compact != self.compact:
            self.compact = compact
            self._title_lines = 1 if compact else 2
            self.apply_scale(self._scale)

    def _title_px(self) -> float:
        return self._scale.base if self.compact else self._scale.title

    def apply_scale(self, scale: theme.TypeScale) -> None:
        """Sizes from the wall's type scale."""
        self._scale = scale
        pad = round(scale.base * (0.4 if self.compact else 0.5))
        self._box.setContentsMargins(pad, pad, pad, round(pad * 0.6))
        self._box.setSpacing(round(scale.base * (0.2 if self.compact else 0.25)))
        self._head.setSpacing(round(scale.base * 0.4))
        title_font = theme.font(self._title_px(), bold=True)
        self.title.set_style(title_font, theme.TEXT)
        self.title.shrink_to_fit(scale.base, self._title_px())
        self._size_title()
        self.figures.set_style(theme.font(scale.small, bold=True), scale.base * 0.7)
        self.cloud.set_font_range(scale.base, scale.base * (1.0 if self.compact else 2.1))
        self.spark.setFixedHeight(round(scale.base * (SPARK_COMPACT if self.compact else SPARK_FULL)))
        self.substories.set_style(theme.font(scale.small), theme.TEXT)
        self.spark.set_line_width(scale.base / 12)
        self.axis.apply_scale(scale)
        self._restyle()
        self.fit_height()

    def _size_title(self) -> None:
        title_font = theme.font(self._title_px(), bold=True)
        self.title.max_lines = self._title_lines
        self.title.shrink_to_fit(self._scale.base, self._title_px())
        self.title.setFixedHeight(int(QFontMetricsF(title_font).lineSpacing() * self._title_lines + 2))

    def title_lines_needed(self) -> int:
        """1 when the label fits on one line at four fifths of the title size or more (the title shrinks
        a little rather than take a second line from the cloud), else 2."""
        pad = round(self._scale.base * 0.5)
        width = self.width() - 2 * pad
        if self.badge.isVisible():
            width -= self.badge.width() + self._head.spacing()
        if self.compact:
            return 1
        smallest = max(self._scale.base, self._scale.title * 0.8)
        fm = QFontMetricsF(theme.font(smallest, bold=True))
        return 1 if fm.horizontalAdvance(self._label) <= width else 2

    def set_title_lines(self, lines: int) -> None:
        """Reserve ``lines`` lines for the title."""
        if lines != self._title_lines:
            self._title_lines = lines
            self._size_title()
            self.fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the parts to the new height; line the titles up again for the new width. A tile resized
        while another one is being fitted waits for it (``_FITTING``)."""
        super().resizeEvent(event)
        if event.size().height() != event.oldSize().height():
            self._fit_in_turn()
        if event.size().width() != event.oldSize().width() or self._title_lines > self.title_cap:
            align_titles(self.peers)

    def _fit_in_turn(self) -> None:
        """``fit_height`` now, or after the fit running now. A part shown while fitting makes Qt lay out
        every ancestor at once (QWidget.setVisible activates their layouts), which resizes the other
        tiles, which fitted themselves inside that call, and so on: a window resize nested twenty
        tiles' fits deep. Now each tile fits once, one after the other."""
        if _FITTING:
            if self not in _FITTING:
                _FITTING.append(self)
            return
        _FITTING.append(self)
        try:
            i = 0
            while i < len(_FITTING):
                tile = _FITTING[i]
                if shiboken6.isValid(tile):
                    tile.fit_height()
                i += 1
        finally:
            _FITTING.clear()

    def fit_height(self) -> None:
        """Make the parts fit the tile's height, never overlapping (twelve tiles at 1080p, six under a
        banner at 720p): the cloud keeps room for two rows of words while the others give way in this
        order: the sub-stories to one line, the sparkline to its least height, the title to one line
        (the same for every tile of a row: it depends only on the height), the time marks; a cloud
        with less than one row of room is hidden; on a very short tile the sub-stories and the
        sparkline go too."""
        height = self.height()
        if height <= 0:
            return
        room = self._room(height)
        plan = self._plan(room)
        self._show_plan(plan, room(*plan) >= room.row)

    def _room(self, height: int) -> _TileRoom:
        """What the cloud would have left of ``height`` with each choice of parts."""
        scale = self._scale
        margins = self._box.contentsMargins()
        return _TileRoom(
            height=height, margins=margins.top() + margins.bottom(), gap=self._box.spacing(),
            title_line=QFontMetricsF(theme.font(self._title_px(), bold=True)).lineSpacing(),
            sub_line=QFontMetricsF(theme.font(scale.small)).lineSpacing(),
            row=QFontMetricsF(theme.font(scale.base, bold=True)).height() * 1.1,
            figures=self.figures.sizeHint().height(), axis=self.axis.sizeHint().height())

    def _plan(self, room: _TileRoom) -> tuple[int, int, int, bool]:
        """(title lines, sub-story lines, sparkline height, time marks) that leave the cloud its rows; sets
        ``title_cap``."""
        scale = self._scale
        least = round(scale.base * (SPARK_COMPACT if self.compact else SPARK_LEAST))
        full = least if self.compact else round(scale.base * SPARK_FULL)
        has_subs = bool(self.substories.text())
        row = room.row
        # the title's cap depends on the height alone, so every tile of a row decides the same
        self.title_cap = 2 if room(2, 0, least, True) >= CLOUD_ROWS * row and not self.compact else 1
        title = min(self._title_lines, self.title_cap)
        plan = (title, (1 if self.compact else 2) if has_subs else 0, full, not self.compact)
        marks = not self.compact
        steps = [(title, 1 if has_subs else 0, full, marks), (title, 1 if has_subs else 0, least, marks),
                 (title, 1 if has_subs else 0, least, False)]
        for step in steps:
            if room(*plan) >= CLOUD_ROWS * row:
                break
            plan = step
        if room(*plan) < row:  # not one row of words: no cloud; a very short tile also loses these
            for step in ((plan[0], 1 if has_subs else 0, least, False), (plan[0], 0, least, False),
                         (plan[0], 0, 0, False)):
                if room(*step) - room.gap >= 0:
                    plan = step
                    break
                plan = step
        return plan

    def _show_plan(self, plan: tuple[int, int, int, bool], cloud: bool) -> None:
        """Show the parts ``plan`` keeps (and the cloud when ``cloud``), touching only what changes: every
        change makes the layout run again."""
        _, subs, spark, marks = plan
        if self.substories.max_lines != max(1, subs):
            self.substories.max_lines = max(1, subs)
            self.substories.updateGeometry()
        if self.substories.isVisibleTo(self) != bool(subs):
            self.substories.setVisible(bool(subs))
        if self.spark.isVisibleTo(self) != bool(spark):
            self.spark.setVisible(bool(spark))
        if spark and self.spark.height() != spark:
            self.spark.setFixedHeight(spark)
        if self.axis.isVisibleTo(self) != (marks and bool(spark)):
            self.axis.setVisible(marks and bool(spark))
        if self.cloud.isVisibleTo(self) != cloud:
            self.cloud.setVisible(cloud)

    def panel(self) -> tuple[str, str, str, int]:
        """(wall background, panel, edge colour, edge width) as the tile paints itself."""
        return self._panel

    def _restyle(self) -> None:
        scale = self._scale
        edge = theme.ALERT if self.alerted else theme.PANEL
        width = max(3, round(scale.base / 6))  # the same in every tile: contents line up
        panel = (theme.BACKGROUND, theme.PANEL, edge, width)
        if panel != self._panel:
            self._panel = panel
            if self.contentsMargins().left() != width:
                self.setContentsMargins(width, width, width, width)  # the edge's room (as a border had)
            self.update()
        if self.alerted and not self.seen:
            self.badge.set_text(messages.spike_badge())
            self.badge.set_style(theme.font(scale.small, bold=True), theme.ON_ALERT, background=theme.ALERT)
        elif self.alerted:
            self.badge.set_text(messages.seen_badge())
            self.badge.set_style(theme.font(scale.small, bold=True), theme.TEXT, background=theme.PANEL_EDGE)
        if self.badge.size() != self.badge.sizeHint():
            self.badge.setFixedSize(self.badge.sizeHint())
        if self.badge.isVisibleTo(self) != self.alerted:
            self.badge.setVisible(self.alerted)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The panel: a rounded rectangle with its edge (vermillion when alerted) on the wall's colour,
        copied from a picture drawn once per size and colours (the tiles of a grid share it)."""
        painter = QPainter(self)
        picture = panel_picture(self.width(), self.height(), self.devicePixelRatioF(), self._panel)
        painter.drawPixmap(0, 0, picture)
        painter.end()

    def prepare(self, topic: Topic) -> None:
        """Do the costly part of showing ``topic`` ahead, changing nothing visible: the cloud's layout
        and the sparkline's picture at their current sizes (``set_topic`` then finds them)."""
        if self._shown is not None and self._shown[0] == topic:
            return
        self.cloud.prepare(topic.terms)
        self.spark.prepare(topic)

    def catch_up(self) -> None:
        """After a new shape was laid out (the wall held its picture meanwhile): the cloud's layout and the
        sparkline's picture at their new sizes, ahead of the paint."""
        if not self.isHidden():
            self.cloud.catch_up()
            self.spark.catch_up()

    def shape(self) -> tuple[object, ...]:
        """What decides the sizes inside the tile (for the wall: a change means a new layout)."""
        return (self.isHidden(), self._title_lines, self.badge.isVisibleTo(self),
                self.substories.isVisibleTo(self), self.substories.max_lines, self.spark.isVisibleTo(self),
                self.cloud.isVisibleTo(self))

    def set_topic(self, topic: Topic, *, alerted: bool = False, seen: bool = False) -> None:
        """Show a topic; the cloud glides when the same topic changes. ``alerted``: an active alert on
        this topic (badge and border); ``seen``: that alert was acknowledged (a small mark instead).
        The same topic shown the same way again changes nothing (no restyle, no layout, no paint)."""
        shown = (topic, alerted, seen, theme.current().name)
        if shown == self._shown and self.topic_id == topic.id:
            return
        self._shown = shown
        same = topic.id == self.topic_id
        self.topic_id = topic.id
        self.title.set_text(topic.label)
        self._label = topic.label
        self.figures.set_parts([
            (messages.per_hour(topic.per_hour), theme.TEXT),
            (messages.share_negative(topic.share_negative),
             theme.NEGATIVE if topic.share_negative >= 0.5 else theme.MUTED),
            (messages.trend(topic.trend), theme.MUTED),
        ])
        if (alerted, seen) != (self.alerted, self.seen):
            self.alerted, self.seen = alerted, seen
            self._restyle()
        self.cloud.set_terms(topic.terms, animate=same)
        self.spark.set_topic(topic)
        others = [s for s in topic.substories if s.topic_id != topic.id]
        self.substories.set_text(messages.substories(others) if others else "")
        if self.substories.isVisibleTo(self) != bool(others):
            self.substories.setVisible(bool(others))
        self.fit_height()
        align_titles(self.peers)

    def title_fits(self) -> bool:
        """True when the whole label is visible (not elided)."""
        fm = QFontMetricsF(self.title.font_used())
        lines = self.title.visible_lines()
        return bool(lines) and not lines[-1].endswith("…") and all(
            fm.horizontalAdvance(line) <= self.title.width() + 1 for line in lines)

    def clear(self) -> None:
        """An empty tile (fewer topics than tiles)."""
        self.topic_id = None
        self._label = ""
        self._shown = None
        self.setVisible(False)

    def stop(self) -> None:
        """Stop animations."""
        self.cloud.stop()


@dataclass(frozen=True)
class _TileRoom:
    """A tile's height and its parts' sizes: what is left for the cloud with a choice of parts."""

    height: float
    margins: float
    gap: float
    title_line: float
    sub_line: float
    row: float  # one row of the cloud's words
    figures: float
    axis: float

    def __call__(self, title: int, subs: int, spark: int, marks: bool) -> float:
        """What is left for the cloud with ``title`` title lines, ``subs`` sub-story lines, a sparkline of
        ``spark`` pixels and the time marks when ``marks``."""
        parts = [title * self.title_line + 2, self.figures]
        if subs:
            parts.append(subs * self.sub_line + 2)
        if spark:
            parts.append(spark)
        if marks:
            parts.append(self.axis)
        return self.height - (self.margins + sum(parts) + self.gap * len(parts))
