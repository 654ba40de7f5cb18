"""The crisis view: one event fills the screen below the top bar.

What is going on (title, the alert's explanation), how long (time since the spike started), is it
getting worse (a large volume chart from a few hours before the start against its normal band, the
negative part stacked), where the anger is (share negative, sub-stories with counts, top phrases, the
newest negative mentions in larger plain text). Renders ``CrisisDetail``; never does I/O.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QMargins, QObject, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from newsroom.domain import CrisisDetail
from newsroom.ui import messages, theme
from newsroom.ui.widgets.crisis_chart import CrisisChart
from newsroom.ui.widgets.text import ElidedText, plain_label
from newsroom.ui.widgets.ticker import Ticker

SUBSTORY_ROWS = 6
#: the least share of the view's height the chart keeps
CHART_SHARE = 0.32
#: the feed's text is this much larger than the overview's (at 4K for a 55" screen at 5 m it stays just
#: under 64 px, above which Qt's raster engine draws glyphs as paths: four times slower to paint)
FEED_SCALE = 1.1


class _Panel(QFrame):
    """A rounded panel with a heading."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crisisPanel")
        self.heading = plain_label(heading, self, object_name="crisisPanelHeading")
        self.box = QVBoxLayout(self)
        self.box.addWidget(self.heading)
        self.restyle()

    def restyle(self) -> None:
        """The theme's colours."""
        self.setStyleSheet(f"#crisisPanel {{ background: {theme.PANEL}; border-radius: 10px; }}"
                           f" #crisisPanelHeading {{ color: {theme.MUTED}; }}")

    def apply_scale(self, scale: theme.TypeScale) -> None:
        pad = round(scale.base * 0.5)
        self.box.setContentsMargins(pad, round(pad * 0.7), pad, pad)
        self.box.setSpacing(round(scale.base * 0.25))
        self.heading.setFont(theme.font(scale.small, bold=True))


class CrisisView(QFrame):
    """Reused across snapshots; ``set_detail`` updates every part in place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crisisView")
        self.setAutoFillBackground(True)
        # it paints its whole background itself (``paintEvent``): the overview under it is not painted
        # (with the style sheet's background alone Qt painted all six tiles and the feed beneath: at 4K
        # the paint that opened the view cost 78 ms)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.topic_id: int | None = None
        self._parts: list[tuple[str, int]] = []
        self.alert_id = ""
        self._make_headline()
        self.chart = CrisisChart(self)
        #: what the chart's parts mean: each entry in the colour and with the shape that draws it
        self.legend = [plain_label(text, self, object_name="crisisLegend")
                       for text in messages.crisis_legend(5)]
        self._make_substories()
        self._make_phrases()
        self.feed = Ticker(self)
        self.feed.header.setText(messages.tr("Newest negative mentions"))
        self._lay_out()
        self._badge_alert: bool | None = None
        self._style()
        self.apply_scale(theme.TypeScale(27.0))

    def _make_headline(self) -> None:
        """The badge, title and start time; the explanation; the figures line and its key hint."""
        self.badge = plain_label("", self, object_name="crisisBadge")
        self.title = ElidedText(self, max_lines=1)
        self.title.setObjectName("crisisTitle")
        self.since = plain_label("", self, object_name="crisisSince")
        self.since.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.explanation = ElidedText(self, max_lines=2)
        self.per_hour = plain_label("", self, object_name="crisisPerHour")
        self.negative = plain_label("", self, object_name="crisisNegative")
        self.size_label = plain_label("", self, object_name="crisisSize")
        self.hint = plain_label(messages.tr("C = overview"), self, object_name="crisisHint")

    def _make_substories(self) -> None:
        """The sub-stories panel: SUBSTORY_ROWS rows of a name and its count."""
        self.substories = _Panel(messages.tr("Sub-stories"), self)
        self._rows: list[tuple[ElidedText, QLabel]] = []
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i in range(SUBSTORY_ROWS):
            name = ElidedText(self.substories, max_lines=1)
            count = plain_label("", self.substories, object_name="crisisCount")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, i, 0)
            grid.addWidget(count, i, 1)
            self._rows.append((name, count))
        grid.setColumnStretch(0, 1)
        self.substories.box.addLayout(grid)
        self.substories.box.addStretch(1)

    def _make_phrases(self) -> None:
        """The panel of the words most used."""
        self.phrases_panel = _Panel(messages.tr("Most used words"), self)
        self.phrases = ElidedText(self.phrases_panel, max_lines=4)
        self.phrases_panel.box.addWidget(self.phrases)
        self.phrases_panel.box.addStretch(1)

    def _lay_out(self) -> None:
        """The headline and figures above the chart, its legend and the two panels, beside the feed."""
        header = QHBoxLayout()
        header.addWidget(self.badge)
        header.addWidget(self.title, 1)
        header.addWidget(self.since)
        figures = QHBoxLayout()
        figures.addWidget(self.per_hour)
        figures.addWidget(self.negative)
        figures.addWidget(self.size_label)
        figures.addStretch(1)
        figures.addWidget(self.hint)
        lower = QHBoxLayout()
        lower.addWidget(self.substories, 3)
        lower.addWidget(self.phrases_panel, 2)
        left = QVBoxLayout()
        left.addWidget(self.chart, 1)
        legend = QHBoxLayout()
        for label in self.legend:
            legend.addWidget(label)
        legend.addStretch(1)
        left.addLayout(legend)
        left.addLayout(lower)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addWidget(self.feed, 1)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addLayout(header)
        root.addWidget(self.explanation)
        root.addLayout(figures)
        root.addLayout(body, 1)
        self._layouts = (header, figures, lower, left, body, root, legend)

    def restyle(self) -> None:
        """The theme's colours, on every part."""
        self._style()
        for panel in (self.substories, self.phrases_panel):
            panel.restyle()
        self.chart.restyle()
        self._badge_alert = None

    def _style(self) -> None:
        self.setStyleSheet(f"#crisisView {{ background: {theme.BACKGROUND}; }}")
        self.badge.setStyleSheet(f"#crisisBadge {{ background: {theme.ALERT}; color: {theme.ON_ALERT}; "
                                 "border-radius: 8px; padding: 2px 12px; }")
        self.since.setStyleSheet(f"color: {theme.TEXT};")
        self.per_hour.setStyleSheet(f"color: {theme.TEXT};")
        self.negative.setStyleSheet(f"color: {theme.NEGATIVE};")
        self.size_label.setStyleSheet(f"color: {theme.MUTED};")
        self.hint.setStyleSheet(f"color: {theme.MUTED};")
        for label, colour in zip(self.legend, (theme.TEXT, theme.NEGATIVE, theme.MUTED, theme.ALERT),
                                 strict=True):
            label.setStyleSheet(f"color: {colour};")

    def apply_scale(self, scale: theme.TypeScale) -> None:
        """Sizes from the wall's type scale; the feed's text is a step larger than the overview's."""
        gap = scale.spacing
        for layout in self._layouts:
            layout.setSpacing(gap)
        self.badge.setFont(theme.font(scale.headline, bold=True))
        self.title.set_style(theme.font(scale.headline * 1.25, bold=True), theme.TEXT)
        self.since.setFont(theme.font(scale.headline, bold=True))
        self.explanation.set_style(theme.font(scale.body), theme.TEXT)
        for label in (self.per_hour, self.negative):
            label.setFont(theme.font(scale.title, bold=True))
        self.size_label.setFont(theme.font(scale.title))
        self.hint.setFont(theme.font(scale.small))
        for label in self.legend:
            label.setFont(theme.font(scale.small))
        self.chart.apply_scale(scale)
        for panel in (self.substories, self.phrases_panel):
            panel.apply_scale(scale)
        for name, count in self._rows:
            name.set_style(theme.font(scale.body), theme.TEXT)
            count.setFont(theme.font(scale.body, bold=True))
            count.setStyleSheet(f"color: {theme.TEXT};")
        self.phrases.set_style(theme.font(scale.body), theme.NEUTRAL_WORD)
        self.feed.apply_scale(theme.TypeScale(scale.base * FEED_SCALE))
        self._scale = scale

    def set_detail(self, detail: CrisisDetail, now: datetime) -> None:
        """Show one event at ``now``."""
        self.topic_id = detail.topic_id
        alert = detail.alert
        self.alert_id = alert.id if alert is not None else ""
        # an alert: a vermillion badge with a word and an icon; a topic shown by hand: a quiet one
        self.badge.setText("⚠ " + messages.tr("CRISIS") if alert is not None else messages.tr("TOPIC"))
        if self._badge_alert is not (alert is not None):  # a style sheet only when the kind changes
            self._badge_alert = alert is not None
            self.badge.setStyleSheet(
                f"#crisisBadge {{ background: {theme.ALERT if alert else theme.PANEL_EDGE}; "
                f"color: {theme.ON_ALERT if alert else theme.TEXT}; "
                "border-radius: 8px; padding: 2px 12px; }")
        keys = [messages.acknowledge_hint(alert.acknowledged_by)] if alert is not None else []
        self.hint.setText(" · ".join([*keys, messages.tr("C = overview")]))
        self.title.set_text(detail.title)
        self.since.setText(messages.since_start((now - detail.started).total_seconds()) if alert else "")
        for label, text in zip(self.legend, messages.crisis_legend(detail.volume.step_s // 60), strict=True):
            label.setText(text)
        self.legend[3].setVisible(alert is not None)
        self.explanation.set_text(messages.alert_detail(alert) if alert is not None
                                  else messages.tr("No active alert for this topic."))
        self.per_hour.setText(messages.per_hour(detail.per_hour))
        self.negative.setText(messages.share_negative(detail.share_negative))
        self.size_label.setText(messages.mentions_count(detail.size))
        self.chart.set_detail(detail)
        self._parts = [(s.label, s.size) for s in detail.substories] or [(detail.title, detail.size)]
        self.phrases.set_text(" · ".join(t.term for t in detail.phrases))
        self.feed.set_mentions(detail.negative_mentions, now, detail.reply_parents)
        self._fit()

    def _fit(self) -> None:
        """The chart keeps at least ``CHART_SHARE`` of the height: the sub-stories and words below it
        show as many lines as the rest leaves (a big type size on a small screen shows fewer)."""
        height = self.height()
        self.chart.setMinimumHeight(round(height * CHART_SHARE))
        line = QFontMetricsF(theme.font(self._scale.body)).lineSpacing() + self._scale.base * 0.25
        used = sum(w.sizeHint().height() for w in (self.badge, self.per_hour, self.legend[0]))
        used += self.explanation.heightForWidth(max(self.width(), 1)) + 6 * self._scale.spacing
        room = height - used - height * CHART_SHARE - self.substories.heading.sizeHint().height()
        lines = max(2, min(SUBSTORY_ROWS, int(room // line)))
        if self.phrases.max_lines != lines:
            self.phrases.max_lines = lines
            self.phrases.updateGeometry()
            self.phrases.update()
        parts = list(self._parts)
        if len(parts) > lines:  # the last row that fits says how many more there are, and their count
            rest = parts[lines - 1:]
            parts = [*parts[:lines - 1], (messages.more_substories(len(rest)), sum(n for _, n in rest))]
        for i, (name, count) in enumerate(self._rows):
            visible = i < len(parts)
            name.setVisible(visible)
            count.setVisible(visible)
            if visible:
                name.set_text(parts[i][0])
                count.setText(str(parts[i][1]))

    def paintEvent(self, event: QPaintEvent) -> None:
        """The wall's background colour, then the frame as usual."""
        painter = QPainter(self)
        painter.fillRect(event.rect(), theme.colour(theme.BACKGROUND))
        painter.end()
        super().paintEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the parts to the new height."""
        super().resizeEvent(event)
        self._fit()

    # --- placement: an overlay below the wall's top bar -------------------------------------

    def follow(self, topbar: QWidget) -> None:
        """Cover the parent below ``topbar``; re-placed whenever the parent or the top bar resizes."""
        self._topbar = topbar
        self.setVisible(False)
        topbar.installEventFilter(self)
        parent = self.parentWidget()
        if parent is not None:
            parent.installEventFilter(self)

    def place(self) -> None:
        """Set the geometry from the parent's layout margins and the top bar's bottom edge."""
        parent = self.parentWidget()
        topbar = getattr(self, "_topbar", None)
        if parent is None or topbar is None:
            return
        layout = parent.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        spacing = layout.spacing() if layout is not None else 0
        top = topbar.geometry().bottom() + 1 + max(spacing, 0)
        self.setGeometry(margins.left(), top, parent.width() - margins.left() - margins.right(),
                         max(0, parent.height() - top - margins.bottom()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow resizes of the wall and of its top bar."""
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and self.isVisible():
            self.place()
        return False
