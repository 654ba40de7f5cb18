"""Word-cloud widget: pure layout from newsroom.analysis.cloud, measured with Qt font metrics,
words gliding to their new places when the cloud changes."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QVariantAnimation
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QResizeEvent, QStaticText
from PySide6.QtWidgets import QSizePolicy, QWidget

from newsroom.analysis.cloud import CloudLayout, CloudWord, layout_cloud
from newsroom.analysis.time_words import is_time_term
from newsroom.domain import TermWeight
from newsroom.ui import theme

NEGATIVE_AT = -0.2
POSITIVE_AT = 0.2
#: a word is drawn negative when at least this share of its uses are in negative mentions
NEGATIVE_SHARE = 0.5
#: layouts kept (all clouds together): a tile's prepared layout is found again when it is shown
LAYOUTS_KEPT = 64
#: laid-out words kept per cloud (the glyphs of a word at a size are shaped once)
STATIC_KEPT = 300

_LayoutKey = tuple[tuple[CloudWord, ...], float, float, float, float, CloudLayout | None]
_layouts: OrderedDict[_LayoutKey, CloudLayout] = OrderedDict()


def cloud_words(terms: Sequence[TermWeight]) -> tuple[CloudWord, ...]:
    """The words a cloud shows for ``terms``: words that only say when ("uur", "vandaag") left out."""
    return tuple(CloudWord(t.term, t.weight, tone(t)) for t in terms[:40] if not is_time_term(t.term))


def tone(term: TermWeight) -> float:
    """-1 negative, +1 positive, 0 neutral: by the share of negative uses when known (a word that a
    third of the posts use angrily is not an angry word), else by the mean sentiment score."""
    if term.negative_share is not None:
        if term.negative_share >= NEGATIVE_SHARE:
            return -1.0
    elif term.sentiment <= NEGATIVE_AT:
        return -1.0
    return 1.0 if term.sentiment >= POSITIVE_AT else 0.0


class WordCloud(QWidget):
    """Paints a topic's terms: negative words orange, bold and underlined (a cue beyond colour), positive
    words sky blue, the others grey, so the cloud shows the mix."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cloud")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.min_font_px = 27.0
        self.max_font_px = 80.0
        self._words: tuple[CloudWord, ...] = ()
        self._layout: CloudLayout | None = None
        self._from: dict[str, QPointF] = {}
        self._progress = 1.0
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setDuration(400)
        self._anim.valueChanged.connect(self._step)
        self._statics: dict[tuple[str, int, bool], tuple[QFont, QFontMetricsF, QStaticText]] = {}

    @property
    def layout_result(self) -> CloudLayout | None:
        """The current layout (for tests)."""
        return self._layout

    def set_font_range(self, min_px: float, max_px: float) -> None:
        """Smallest and largest word size in pixels."""
        self.min_font_px, self.max_font_px = min_px, max_px

    def restyle(self) -> None:
        """Draw again in the theme's colours."""
        self.update()

    def _static(self, text: str, px: int, negative: bool) -> tuple[QFont, QFontMetricsF, QStaticText]:
        """The word's font, its metrics and its glyphs, made once per size and weight (the glyphs are
        shaped once, not at every paint). The underline is drawn by ``paintEvent`` (a static text
        draws it out of place)."""
        key = (text, px, negative)
        known = self._statics.get(key)
        if known is None:
            if len(self._statics) >= STATIC_KEPT:
                self._statics.clear()
            f = theme.font(px, bold=True)
            if not negative:
                f.setWeight(QFont.Weight.DemiBold)
            static = QStaticText(text)
            static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
            static.prepare(font=f)
            known = self._statics[key] = (f, QFontMetricsF(f), static)
        return known

    def set_terms(self, terms: Sequence[TermWeight], *, animate: bool = True) -> None:
        """Show these terms; words that stay glide from where they were."""
        words = cloud_words(terms)
        if words == self._words and self._layout is not None:
            return
        self._words = words
        self._relayout(animate=animate)

    def prepare(self, terms: Sequence[TermWeight]) -> None:
        """Lay ``terms`` out at the current size ahead of ``set_terms`` (which then finds the layout)."""
        words = cloud_words(terms)
        if words != self._words or self._layout is None:
            self._layout_of(words)

    def _measure(self, text: str, px: float) -> tuple[float, float]:
        fm = QFontMetricsF(theme.font(px, bold=True))
        return fm.horizontalAdvance(text) + px * 0.1, fm.height()

    def _layout_of(self, words: tuple[CloudWord, ...]) -> CloudLayout | None:
        """The layout of ``words`` at the current size, from the current one (remembered: the same
        words, size and starting point give the same layout)."""
        w, h = float(self.width()), float(self.height())
        if w < 20 or h < 20:
            return None
        old = self._layout
        previous = old if old and old.width == w and old.height == h else None
        key = (words, w, h, self.min_font_px, self.max_font_px, previous)
        layout = _layouts.get(key)
        if layout is None:
            layout = layout_cloud(words, w, h, self._measure, min_font_px=self.min_font_px,
                                  max_font_px=self.max_font_px, previous=previous)
            _layouts[key] = layout
            if len(_layouts) > LAYOUTS_KEPT:
                _layouts.popitem(last=False)
        else:
            _layouts.move_to_end(key)
        return layout

    def _relayout(self, *, animate: bool) -> None:
        layout = self._layout_of(self._words)
        if layout is None:
            return
        old = self._layout
        self._from = {p.text: QPointF(p.x, p.y) for p in old.words} if old else {}
        if layout == old:
            return
        self._layout = layout
        if animate and self._from and self.isVisible():
            self._anim.stop()
            self._progress = 0.0
            self._anim.start()
        else:
            self._progress = 1.0
        self.update()

    def _step(self, value: object) -> None:
        self._progress = float(value)  # type: ignore[arg-type]
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Lay out again for the new size."""
        super().resizeEvent(event)
        self._relayout(animate=False)

    def stop(self) -> None:
        """Stop any running animation (shutdown)."""
        self._anim.stop()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the placed words."""
        if self._layout is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        t = self._progress
        pens = {-1: QPen(theme.colour(theme.NEGATIVE)), 1: QPen(theme.colour(theme.POSITIVE)),
                0: QPen(theme.colour(theme.NEUTRAL_WORD))}
        for p in self._layout.words:
            start = self._from.get(p.text, QPointF(p.x, p.y))
            x = start.x() + (p.x - start.x()) * t
            y = start.y() + (p.y - start.y()) * t
            negative = p.sentiment < 0
            f, fm, static = self._static(p.text, max(1, round(p.font_px)), negative)
            painter.setFont(f)
            pen = pens[-1 if negative else 1 if p.sentiment > 0 else 0]
            painter.setPen(pen)
            top = y + (p.height - fm.height()) / 2  # vertically centred in the word's box
            painter.drawStaticText(QPointF(x, top), static)
            if negative:  # the second cue beyond colour: underlined
                under = top + fm.ascent() + fm.underlinePos()
                thick = max(1.0, fm.lineWidth())
                painter.fillRect(QRectF(x, under, static.size().width(), thick), pen.color())
        painter.end()
