"""One topic tile: label, key figures, word cloud, 24 h sparkline."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from newsroom.domain import Topic
from newsroom.ui import messages, theme
from newsroom.ui.widgets.cloud import WordCloud
from newsroom.ui.widgets.sparkline import Sparkline
from newsroom.ui.widgets.text import ElidedText, plain_label


class TopicTile(QFrame):
    """A tile that is reused across snapshots; ``set_topic`` only changes what changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.topic_id: int | None = None
        self.alerted = False
        self.title = ElidedText(self, max_lines=2)
        self.title.setObjectName("tileTitle")
        self.per_hour = plain_label("", self, object_name="tilePerHour")
        self.negative = plain_label("", self, object_name="tileNegative")
        self.trend = plain_label("", self, object_name="tileTrend")
        self.cloud = WordCloud(self)
        self.spark = Sparkline(self)
        #: an event's other sub-stories (newsroom.analysis.events), hidden for a plain topic
        self.substories = ElidedText(self, max_lines=2)
        self.substories.setObjectName("tileSubstories")
        self.substories.setVisible(False)
        figures = QHBoxLayout()
        figures.setContentsMargins(0, 0, 0, 0)
        figures.addWidget(self.per_hour)
        figures.addWidget(self.negative)
        figures.addStretch(1)
        figures.addWidget(self.trend)
        self._figures = figures
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addLayout(figures)
        box.addWidget(self.substories)
        box.addWidget(self.cloud, 1)
        box.addWidget(self.spark)
        self._box = box
        self.apply_scale(theme.TypeScale(27.0))

    def apply_scale(self, scale: theme.TypeScale) -> None:
        """Sizes from the wall's type scale."""
        pad = round(scale.base * 0.5)
        self._box.setContentsMargins(pad, pad, pad, round(pad * 0.6))
        self._box.setSpacing(round(scale.base * 0.25))
        self._figures.setSpacing(round(scale.base * 0.8))
        self.title.set_style(theme.font(scale.title, bold=True), theme.TEXT)
        self.title.shrink_to_fit(scale.base, scale.title)
        for label in (self.per_hour, self.negative, self.trend):
            label.setFont(theme.font(scale.small, bold=True))
        self.substories.set_style(theme.font(scale.small), theme.TEXT)
        self.cloud.set_font_range(scale.base, scale.base * 2.6)
        self.spark.setFixedHeight(round(scale.base * 2.6))
        self.spark.set_line_width(scale.base / 12)
        self._scale = scale
        self._restyle()

    def _restyle(self) -> None:
        edge = theme.ALERT if self.alerted else theme.PANEL
        width = max(2, round(self._scale.base / 8)) if self.alerted else 1
        self.setStyleSheet(
            f"#tile {{ background: {theme.PANEL}; border: {width}px solid {edge}; border-radius: 10px; }}"
            f"#tilePerHour {{ color: {theme.MUTED}; }}"
            f"#tileNegative {{ color: {theme.NEGATIVE}; }}"
            f"#tileTrend {{ color: {theme.MUTED}; }}"
        )

    def set_topic(self, topic: Topic, *, alerted: bool = False) -> None:
        """Show a topic; the cloud glides when the same topic changes."""
        same = topic.id == self.topic_id
        self.topic_id = topic.id
        self.title.set_text(topic.label)
        self.per_hour.setText(messages.per_hour(topic.per_hour))
        self.negative.setText(messages.share_negative(topic.share_negative))
        self.trend.setText(messages.trend(topic.trend))
        if alerted != self.alerted:
            self.alerted = alerted
            self._restyle()
        self.cloud.set_terms(topic.terms, animate=same)
        self.spark.set_topic(topic)
        others = [s for s in topic.substories if s.topic_id != topic.id]
        self.substories.set_text(messages.substories(others) if others else "")
        self.substories.setVisible(bool(others))

    def title_fits(self) -> bool:
        """True when the whole label is visible (not elided)."""
        fm = QFontMetricsF(self.title.font_used())
        lines = self.title.visible_lines()
        return bool(lines) and not lines[-1].endswith("…") and all(
            fm.horizontalAdvance(line) <= self.title.width() + 1 for line in lines)

    def clear(self) -> None:
        """An empty tile (fewer topics than tiles)."""
        self.topic_id = None
        self.setVisible(False)

    def stop(self) -> None:
        """Stop animations."""
        self.cloud.stop()

