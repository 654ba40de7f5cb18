"""Colours (Okabe–Ito, colour-blind safe) and a type scale derived from screen size and distance."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont


@dataclass(frozen=True, slots=True)
class Palette:
    """The wall's colours. Every text colour keeps a contrast of at least 4.5:1 against the panel and
    the background it is drawn on; negative and positive are an orange and a blue (told apart under
    every common colour blindness), never red against green."""

    name: str
    background: str
    panel: str
    panel_edge: str
    text: str
    muted: str
    negative: str  # orange
    alert: str  # vermillion: the alert's banner and badge (white text on it)
    positive: str  # blue
    live: str  # bluish green
    neutral_word: str
    band: str  # the normal band under sparklines: visibly apart from the panel
    band_edge: str  # its upper edge
    on_alert: str = "#FFFFFF"  # text on the alert colour


#: today's wall: dark, for a dim newsroom (Okabe–Ito hues)
DARK = Palette("donker", background="#0F1419", panel="#182029", panel_edge="#263241", text="#E8ECF0",
               muted="#9AA7B4", negative="#E69F00", alert="#D55E00", positive="#56B4E9", live="#009E73",
               neutral_word="#C9D1D9", band="#34465A", band_edge="#6D8096")
#: a bright room: dark text on white; the orange and blue darkened to keep 4.5:1 on white (Okabe–Ito's
#: orange is ~2:1 there), the alert a deep vermillion that white text still reads on
LIGHT = Palette("licht", background="#E9EDF1", panel="#FFFFFF", panel_edge="#C5CED8", text="#111820",
                muted="#4A5663", negative="#A3480A", alert="#8F2500", positive="#0062A8", live="#00704F",
                neutral_word="#2B3540", band="#DCE3EA", band_edge="#8A99A8")
#: high contrast: black, white and the brightest orange and blue (every text ≥ 7:1)
HIGH_CONTRAST = Palette("hoog contrast", background="#000000", panel="#1A1A1A", panel_edge="#5A5A5A",
                        text="#FFFFFF", muted="#D8DEE4", negative="#FFB000", alert="#C43C00",
                        positive="#7CC8FF", live="#3DDC97", neutral_word="#FFFFFF", band="#3A3A3A",
                        band_edge="#BDBDBD")
PALETTES: dict[str, Palette] = {p.name: p for p in (DARK, LIGHT, HIGH_CONTRAST)}
#: ``display.theme``'s values, in the order the settings offer them
THEMES: tuple[str, ...] = tuple(PALETTES)

_current = [DARK]


def current() -> Palette:
    """The palette the wall draws with now."""
    return _current[0]


def use(name: str) -> Palette:
    """Draw with the palette ``name`` (an unknown name: the dark one) from now on; the module's colour
    names (``theme.TEXT`` …) follow. Widgets take the new colours when restyled
    (``WallWindow.apply_theme``)."""
    palette = PALETTES.get(name, DARK)
    _current[0] = palette
    globals().update(BACKGROUND=palette.background, PANEL=palette.panel, PANEL_EDGE=palette.panel_edge,
                     TEXT=palette.text, MUTED=palette.muted, NEGATIVE=palette.negative, ALERT=palette.alert,
                     POSITIVE=palette.positive, LIVE=palette.live, NEUTRAL_WORD=palette.neutral_word,
                     BAND=palette.band, ON_ALERT=palette.on_alert)
    return palette


BACKGROUND = DARK.background
PANEL = DARK.panel
PANEL_EDGE = DARK.panel_edge
TEXT = DARK.text
MUTED = DARK.muted
NEGATIVE = DARK.negative  # orange
ALERT = DARK.alert  # vermillion
POSITIVE = DARK.positive  # sky blue
LIVE = DARK.live  # bluish green
NEUTRAL_WORD = DARK.neutral_word
BAND = DARK.band  # the normal band under sparklines: visibly lighter than the panel
ON_ALERT = DARK.on_alert


def luminance(hex_code: str) -> float:
    """Relative luminance (WCAG 2) of ``#RRGGBB``."""
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_code[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


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
