"""How the daily briefing prints: the A4 page's geometry in points, the print colours, the bundled
font, and its texts (translated in the wall's context; remote text made printable)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from newsroom.briefing.redact import redact_handles

CTX = "Wall"

#: A4 in points; all drawing is in points (1/72 inch)
PAGE_W, PAGE_H = 595.0, 842.0
MARGIN = 40.0
HEADER_H = 30.0
FOOTER_H = 24.0
BODY_X = MARGIN
BODY_W = PAGE_W - 2 * MARGIN
BODY_TOP = MARGIN + HEADER_H
BODY_BOTTOM = PAGE_H - MARGIN - FOOTER_H
#: the PDF's own resolution (device units per inch); drawing is scaled from points
PDF_DPI = 1200

INK = "#1B1F23"
MUTED = "#5B6670"
RULE = "#C9D0D6"
SOFT = "#F1F3F5"
NEGATIVE = "#B34F00"  # dark vermillion: 4.9:1 on white, underlined or hatched as the second cue
NEGATIVE_FILL = "#E07B39"
POSITIVE = "#0067A5"  # Okabe-Ito blue, darkened for print
NEUTRAL = "#8A949C"
#: the bundled font only (embedded in the PDF); texts are cleaned of what it lacks (emoji)
FAMILIES = ["Noto Sans"]

#: emoji and pictographs: not in the printed font, left out rather than printed as boxes
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D\u2B50\u2B55\u231A-\u23FF]")


def tr(text: str) -> str:
    """Translate a source string (the wall's context; Dutch table in resources/i18n/nl_briefing.py)."""
    return QCoreApplication.translate(CTX, text)


def fill(text: str, *values: object) -> str:
    """``tr(text)`` with %1, %2, … replaced by ``values``."""
    out = tr(text)
    for i in range(len(values), 0, -1):
        out = out.replace(f"%{i}", str(values[i - 1]))
    return out


def printable(text: str) -> str:
    """Remote text as it is printed: plain, handles masked (also in names, clouds and alert texts),
    without emoji the printed font does not have."""
    return re.sub(r"\s{2,}", " ", _EMOJI.sub("", redact_handles(text))).strip()


def font(size: float, *, bold: bool = False, italic: bool = False, underline: bool = False) -> QFont:
    """Noto Sans at ``size`` points (whole points: the painter is scaled to points)."""
    f = QFont()
    f.setFamilies(FAMILIES)
    f.setPixelSize(max(1, int(size)))
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    if bold:
        f.setWeight(QFont.Weight.Bold)
    f.setItalic(italic)
    f.setUnderline(underline)
    return f


def colour(code: str) -> QColor:
    """A QColor from #RRGGBB."""
    return QColor(code)


WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


def text_height(text: str, f: QFont, width: float) -> float:
    """Height of ``text`` wrapped to ``width``."""
    return QFontMetricsF(f).boundingRect(QRectF(0, 0, width, 1e6), WRAP, text).height()
