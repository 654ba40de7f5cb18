"""The wall's fonts made ready before its first topics: each size and weight it draws with is loaded and
its common glyphs rasterised into Qt's glyph cache, one font per step, run in slices while the window
shows its waiting state (the first paint of a new font cost 1-7 ms a font, the colour emoji font ~7 ms:
together they made the first frame with topics a long turn)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QImage, QPainter

from newsroom.ui import theme
from newsroom.ui.widgets.cloud import BIG_PX

#: the glyphs the wall draws most: Dutch, French and English text, figures, the wall's symbols
SAMPLE = ("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,:;!?'\"()/%+-–·…@#& "
          "áàâäçéèêëïîôöüûñ €✕✓●○▲▼")
#: emoji common in posts (the bundled colour font is loaded on the first one drawn)
EMOJI = "🌧️🌪️🚒🚓🚑⚠️😡😢😂👍🙏❤️🔥💧⚡"


def font_sizes(scale: theme.TypeScale) -> list[float]:
    """The pixel sizes the wall's text is drawn at for this scale (tiles, compact tiles, feed, top bar,
    banner, time marks), smallest first."""
    sizes = {scale.small, scale.base, scale.body, scale.title, scale.headline, scale.clock, scale.base * 0.75}
    return sorted(round(px) for px in sizes)


def _draw(canvas: QImage, font: QFont, text: str) -> None:
    painter = QPainter(canvas)
    painter.setFont(font)
    painter.drawText(QPointF(0, canvas.height() * 0.8), text)
    painter.end()


def warm_steps(scale: theme.TypeScale) -> list[Callable[[], None]]:
    """One step per font (regular, bold, the cloud's demibold) at each size of ``scale``, then one for
    the emoji: each draws the sample once into a scratch image. Sizes above the glyph cache's limit
    (``BIG_PX``: Qt draws those as paths every time) only load the font."""
    canvas = QImage(2000, 200, QImage.Format.Format_ARGB32_Premultiplied)
    steps: list[Callable[[], None]] = []
    for px in font_sizes(scale):
        text = SAMPLE if px <= BIG_PX else "a"
        for weight in (QFont.Weight.Normal, QFont.Weight.DemiBold, QFont.Weight.Bold):
            f = theme.font(px)
            f.setWeight(weight)
            steps.append(partial(_draw, canvas, f, text))
    steps.append(partial(_draw, canvas, theme.font(round(scale.body)), EMOJI))
    return steps
