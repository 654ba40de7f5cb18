"""Word-cloud widget: pure layout from newsroom.analysis.cloud, measured with Qt font metrics,
words gliding to their new places when the cloud changes."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QStaticText,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from newsroom.analysis.cloud import CloudLayout, CloudWord, layout_cloud
from newsroom.analysis.cloud_filter import shown_in_cloud
from newsroom.domain import TermWeight
from newsroom.ui import theme
from newsroom.ui.hold import held
from newsroom.ui.later import later

NEGATIVE_AT = -0.2
POSITIVE_AT = 0.2
#: a word is drawn negative when at least this share of its uses are in negative mentions
NEGATIVE_SHARE = 0.5
#: frames a cloud's glide to its new layout is painted in (400 ms: 25 a second)
GLIDE_FRAMES = 10
#: layouts kept (all clouds together): a tile's prepared layout is found again when it is shown
LAYOUTS_KEPT = 64
#: laid-out words kept per cloud (the glyphs of a word at a size are shaped once), the least recently
#: drawn dropped first: twice the words a cloud shows (300, emptied when full, filled for a week in the
#: soak, each entry holding its font's engine and glyph cache: a few KB)
STATIC_KEPT = 80
#: above this pixel size Qt's raster engine draws glyphs as paths (no glyph cache: ~1 ms a word at 4K);
#: such words are drawn once into a picture, at a size rounded down to a multiple of BIG_STEP
BIG_PX = 64
BIG_STEP = 4
#: bytes of word pictures kept (all clouds together), the least recently used dropped first
PICTURE_BYTES = 48 * 1024 * 1024

_PictureKey = tuple[str, int, int, float, str]
_pictures: OrderedDict[_PictureKey, QPixmap] = OrderedDict()
_picture_bytes = [0]


def word_picture(text: str, px: int, tone: int, ratio: float) -> QPixmap:
    """A big word drawn once: its glyphs in the tone's colour (-1 negative, bold and underlined; 0
    neutral; 1 positive) at ``px`` for a screen of pixel ratio ``ratio``, in the current theme."""
    key = (text, px, tone, ratio, theme.current().name)
    picture = _pictures.get(key)
    if picture is not None:
        _pictures.move_to_end(key)
        return picture
    f = word_font(px, negative=tone < 0)
    fm = QFontMetricsF(f)
    w, h = fm.horizontalAdvance(text) + 2, fm.height() + 1
    picture = QPixmap(max(1, round(w * ratio)), max(1, round(h * ratio)))
    picture.setDevicePixelRatio(ratio)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(f)
    colour = theme.colour(TONE_COLOURS[tone]())
    painter.setPen(QPen(colour))
    painter.drawText(QPointF(0, fm.ascent()), text)
    if tone < 0:
        painter.fillRect(QRectF(0, fm.ascent() + fm.underlinePos(), w - 2, max(1.0, fm.lineWidth())), colour)
    painter.end()
    _pictures[key] = picture
    _picture_bytes[0] += picture.width() * picture.height() * 4
    while _picture_bytes[0] > PICTURE_BYTES and len(_pictures) > 1:
        _, old = _pictures.popitem(last=False)
        _picture_bytes[0] -= old.width() * old.height() * 4
    return picture


#: the colour of each tone, read from the theme when drawn
TONE_COLOURS: dict[int, Callable[[], str]] = {
    -1: lambda: theme.NEGATIVE, 0: lambda: theme.NEUTRAL_WORD, 1: lambda: theme.POSITIVE}


def word_font(px: int, *, negative: bool) -> QFont:
    """A cloud word's font: bold when negative (with the underline drawn beside it), demibold else."""
    f = theme.font(px, bold=True)
    if not negative:
        f.setWeight(QFont.Weight.DemiBold)
    return f


def drawn_px(font_px: float) -> int:
    """The pixel size a word is drawn at: big words rounded down to a multiple of BIG_STEP (at most a few
    per cent smaller, so that a word whose weight moves a little keeps its picture)."""
    px = max(1, round(font_px))
    return px - px % BIG_STEP if px > BIG_PX else px

_LayoutKey = tuple[tuple[CloudWord, ...], float, float, float, float, CloudLayout | None]
_layouts: OrderedDict[_LayoutKey, CloudLayout] = OrderedDict()


@lru_cache(maxsize=4096)
def _measured(text: str, px: float) -> tuple[float, float]:
    """A word's box at a size (the same for every cloud: one font family; remembered, as every layout
    measures its words again)."""
    fm = QFontMetricsF(theme.font(px, bold=True))
    return fm.horizontalAdvance(text) + px * 0.1, fm.height()


def _tone(sentiment: float) -> int:
    return -1 if sentiment < 0 else 1 if sentiment > 0 else 0


def cloud_words(terms: Sequence[TermWeight]) -> tuple[CloudWord, ...]:
    """The words a cloud shows for ``terms``: words that only say when ("uur", "vandaag"), elided stop
    words ("n'est") and set phrases' words ("hand") left out (newsroom.analysis.cloud_filter)."""
    return tuple(CloudWord(t.term, t.weight, tone(t)) for t in terms[:40] if shown_in_cloud(t.term))


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
        # it fills its own rectangle in the panel's colour: the tile's panel under it is not painted
        # first (at 4K a copy of most of twelve panels at every new snapshot)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
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
        #: resized while the wall held its picture: laid out again by ``catch_up`` (or the next paint)
        self.stale = False
        #: the layout last painted: a resize paints it scaled until the new one is made (``later``)
        self._shown_layout: CloudLayout | None = None

    @property
    def layout_result(self) -> CloudLayout | None:
        """The current layout (for tests)."""
        return self._layout

    @property
    def shown_layout(self) -> CloudLayout | None:
        """The layout last painted (for tests)."""
        return self._shown_layout

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
        known = self._statics.pop(key, None)  # put back last: the dict's order is the use order
        if known is None:
            while len(self._statics) >= STATIC_KEPT:
                del self._statics[next(iter(self._statics))]
            f = word_font(px, negative=negative)
            static = QStaticText(text)
            static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
            static.prepare(font=f)
            known = (f, QFontMetricsF(f), static)
        self._statics[key] = known
        return known

    def set_terms(self, terms: Sequence[TermWeight], *, animate: bool = True) -> None:
        """Show these terms; words that stay glide from where they were."""
        words = cloud_words(terms)
        if words == self._words and self._layout is not None:
            return
        self._words = words
        if held(self) and not self._laid_out(words):
            self.stale = True  # the wall holds its picture (a new shape?): laid out at its new size later
        else:
            self._relayout(animate=animate)

    def prepare(self, terms: Sequence[TermWeight]) -> None:
        """Lay ``terms`` out at the current size ahead of ``set_terms`` (which then finds the layout)."""
        words = cloud_words(terms)
        if words != self._words or self._layout is None:
            layout = self._layout_of(words)
            ratio = self.devicePixelRatioF()
            for p in layout.words if layout is not None else ():  # the big words' pictures too
                if round(p.font_px) > BIG_PX:
                    word_picture(p.text, drawn_px(p.font_px), _tone(p.sentiment), ratio)

    def _measure(self, text: str, px: float) -> tuple[float, float]:
        return _measured(text, px)

    def _key(self, words: tuple[CloudWord, ...]) -> _LayoutKey:
        w, h = float(self.width()), float(self.height())
        old = self._layout
        previous = old if old and old.width == w and old.height == h else None
        return (words, w, h, self.min_font_px, self.max_font_px, previous)

    def _laid_out(self, words: tuple[CloudWord, ...]) -> bool:
        """The layout of ``words`` at the current size is ready (``prepare`` made it)."""
        return self._key(words) in _layouts

    def _layout_of(self, words: tuple[CloudWord, ...]) -> CloudLayout | None:
        """The layout of ``words`` at the current size, from the current one (remembered: the same
        words, size and starting point give the same layout)."""
        w, h = float(self.width()), float(self.height())
        if w < 20 or h < 20:
            return None
        key = self._key(words)
        layout = _layouts.get(key)
        if layout is None:
            layout = layout_cloud(words, w, h, self._measure, min_font_px=self.min_font_px,
                                  max_font_px=self.max_font_px, previous=key[5])
            _layouts[key] = layout
            if len(_layouts) > LAYOUTS_KEPT:
                _layouts.popitem(last=False)
        else:
            _layouts.move_to_end(key)
        return layout

    def _relayout(self, *, animate: bool) -> None:
        self.stale = False
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
        """A frame of the glide: painted at most GLIDE_FRAMES times (the animation ticks at 60 Hz; at 4K
        twelve clouds repainted at every tick cost more CPU per snapshot than showing it)."""
        progress = float(value)  # type: ignore[arg-type]
        if progress < 1.0 and progress - self._progress < 1.0 / GLIDE_FRAMES:
            return
        self._progress = progress
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Lay out again for the new size: while the wall holds its picture (a new shape being laid out,
        newsroom.ui.hold) later, in a slice of its own (``catch_up``); after a window resize also later
        (newsroom.ui.later: a few clouds per turn, the old layout painted scaled meanwhile); at once
        for a cloud that has no layout yet."""
        super().resizeEvent(event)
        if held(self) or (self._shown_layout is not None and later(self, self.catch_up)):
            self.stale = True
        else:
            self._relayout(animate=False)

    def catch_up(self) -> None:
        """The layout for the current size, if a resize left it for later, and its big words' pictures."""
        if self.stale:
            self.stale = False
            self._relayout(animate=False)
        ratio = self.devicePixelRatioF()
        for p in self._layout.words if self._layout is not None else ():
            if round(p.font_px) > BIG_PX:
                word_picture(p.text, drawn_px(p.font_px), _tone(p.sentiment), ratio)

    def stop(self) -> None:
        """Stop any running animation (shutdown)."""
        self._anim.stop()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the placed words (a layout for another size, while its new one waits for a slice: at
        their sizes, their places scaled to this size)."""
        layout = self._layout
        if self.stale and not (layout is not None and layout is self._shown_layout
                               and (held(self) or later(self, self.catch_up))):
            self.catch_up()
            layout = self._layout
        painter = QPainter(self)
        painter.fillRect(event.rect(), theme.colour(theme.PANEL))
        if layout is None:
            painter.end()
            return
        self._shown_layout = layout
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        t = self._progress
        sx = self.width() / layout.width if layout.width else 1.0
        sy = self.height() / layout.height if layout.height else 1.0
        pens = {tone: QPen(theme.colour(colour())) for tone, colour in TONE_COLOURS.items()}
        ratio = self.devicePixelRatioF()
        for p in layout.words:
            start = self._from.get(p.text, QPointF(p.x, p.y))
            x = (start.x() + (p.x - start.x()) * t) * sx
            y = (start.y() + (p.y - start.y()) * t) * sy
            negative = p.sentiment < 0
            px = drawn_px(p.font_px)
            if px > BIG_PX:  # one copy of the word's picture, centred in its box
                picture = word_picture(p.text, px, _tone(p.sentiment), ratio)
                ph = picture.height() / ratio
                painter.drawPixmap(QPointF(x, y + (p.height - ph) / 2), picture)
                continue
            f, fm, static = self._static(p.text, px, negative)
            painter.setFont(f)
            pen = pens[_tone(p.sentiment)]
            painter.setPen(pen)
            top = y + (p.height - fm.height()) / 2  # vertically centred in the word's box
            painter.drawStaticText(QPointF(x, top), static)
            if negative:  # the second cue beyond colour: underlined
                under = top + fm.ascent() + fm.underlinePos()
                thick = max(1.0, fm.lineWidth())
                painter.fillRect(QRectF(x, under, static.size().width(), thick), pen.color())
        painter.end()
