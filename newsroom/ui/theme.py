"""Colours (Okabe–Ito, colour-blind safe) and a type scale derived from screen size and distance."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont

BACKGROUND = "#0F1419"
PANEL = "#182029"
PANEL_EDGE = "#263241"
TEXT = "#E8ECF0"
MUTED = "#9AA7B4"
NEGATIVE = "#E69F00"  # orange
ALERT = "#D55E00"  # vermillion
POSITIVE = "#56B4E9"  # sky blue
LIVE = "#009E73"  # bluish green
NEUTRAL_WORD = "#C9D1D9"
BAND = "#34465A"  # the normal band under sparklines: visibly lighter than the panel
BAND_EDGE = "#6D8096"  # its upper edge

FONT_FAMILIES = ["Noto Sans", "DejaVu Sans", "Noto Color Emoji"]


def colour(hex_code: str, alpha: int = 255) -> QColor:
    """A QColor from ``#RRGGBB`` with an optional alpha."""
    c = QColor(hex_code)
    c.setAlpha(alpha)
    return c


@dataclass(frozen=True, slots=True)
class TypeScale:
    """Pixel sizes for one wall: everything scales from the smallest readable size."""

    base: float  # smallest text that must be read at the viewing distance

    @classmethod
    def for_screen(cls, height_px: int, diagonal_in: float = 55.0, distance_m: float = 5.0) -> TypeScale:
        """Cap height (mm) × 0.4 ≈ reading distance (m); caps are ≈ 0.72 of the font's pixel size."""
        picture_height_mm = diagonal_in * 25.4 * 9 / math.hypot(16, 9)
        px_per_mm = height_px / picture_height_mm
        cap_mm = distance_m / 0.4 * 1.0
        return cls(base=max(10.0, cap_mm * px_per_mm / 0.72))

    @property
    def small(self) -> float:
        """Secondary text (sources, times): still readable, never below base."""
        return self.base

    @property
    def body(self) -> float:
        """Post text in the ticker."""
        return self.base * 1.05

    @property
    def title(self) -> float:
        """Tile titles."""
        return self.base * 1.3

    @property
    def headline(self) -> float:
        """Alert banner and town name."""
        return self.base * 1.55

    @property
    def clock(self) -> float:
        """The clock in the top bar."""
        return self.base * 2.0

    @property
    def spacing(self) -> int:
        """Gap between zones."""
        return round(self.base * 0.6)


def font(px: float, *, bold: bool = False) -> QFont:
    """The wall's font at a pixel size, with emoji fallback."""
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPixelSize(max(1, round(px)))
    if bold:
        f.setWeight(QFont.Weight.Bold)
    return f
