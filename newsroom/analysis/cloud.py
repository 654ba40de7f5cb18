"""PLACEHOLDER (replaced by the topics & clouds work): word-cloud layout.

Measuring text is injected: ``measure(text, font_px) -> (width, height)`` so Qt can supply metrics.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Measure = Callable[[str, float], tuple[float, float]]


@dataclass(frozen=True, slots=True)
class CloudWord:
    """A word or phrase to place, with its weight and sentiment in [-1, 1]."""

    text: str
    weight: float
    sentiment: float = 0.0


@dataclass(frozen=True, slots=True)
class PlacedWord:
    """A placed word: top-left corner, box size and font size in pixels."""

    text: str
    x: float
    y: float
    width: float
    height: float
    font_px: float
    weight: float
    sentiment: float = 0.0


@dataclass(frozen=True, slots=True)
class CloudLayout:
    """A finished layout in a width × height rectangle."""

    width: float
    height: float
    words: tuple[PlacedWord, ...]


def layout_cloud(words: Sequence[CloudWord], width: float, height: float, measure: Measure, *,
                 min_font_px: float = 12.0, max_font_px: float = 64.0,
                 previous: CloudLayout | None = None) -> CloudLayout:
    """Place words in rows, biggest first (placeholder: no stability, simple flow)."""
    ordered = sorted(words, key=lambda w: -w.weight)
    if not ordered:
        return CloudLayout(width, height, ())
    top = ordered[0].weight or 1.0
    placed: list[PlacedWord] = []
    x = y = row_h = 0.0
    for w in ordered:
        px = max(min_font_px, max_font_px * (w.weight / top) ** 0.5)
        tw, th = measure(w.text, px)
        if x + tw > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        if y + th > height or tw > width:
            continue
        placed.append(PlacedWord(w.text, x, y, tw, th, px, w.weight, w.sentiment))
        x += tw + px * 0.4
        row_h = max(row_h, th)
    return CloudLayout(width, height, tuple(placed))
