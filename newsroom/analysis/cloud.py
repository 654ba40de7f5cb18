"""Word-cloud layout: biggest words near the centre, no overlaps, stable across updates.

Pure: measuring text is injected (``measure(text, font_px) -> (width, height)``) so Qt can supply
its font metrics. Words are placed largest first along a spiral around the centre (stretched to
the rectangle's aspect ratio); a word that was in the previous layout first tries its old centre,
so persisting words stay put and the cloud can animate instead of reshuffling.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Measure = Callable[[str, float], tuple[float, float]]

MAX_WORDS = 150
SPIRAL_STEPS = 1500
GAP = 0.08  # free space around a word, as a share of its font size


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


def font_size(weight: float, top: float, min_px: float, max_px: float) -> float:
    """Font size from weight: square-root scale between the readable floor and the maximum."""
    if top <= 0:
        return min_px
    return min_px + (max_px - min_px) * math.sqrt(max(weight, 0.0) / top)


Box = tuple[float, float, float, float]


def _overlaps(box: Box, placed: list[Box]) -> bool:
    x, y, w, h = box
    return any(x < px + pw and px < x + w and y < py + ph and py < y + h for px, py, pw, ph in placed)


def _spiral(cx: float, cy: float, width: float, height: float) -> list[tuple[float, float]]:
    """Candidate centres on an Archimedean spiral stretched to the rectangle's aspect ratio."""
    aspect = width / max(height, 1.0)
    reach = math.hypot(width, height) / 2
    points = [(cx, cy)]
    for i in range(1, SPIRAL_STEPS):
        t = i * 0.35
        r = reach * i / SPIRAL_STEPS
        points.append((cx + r * math.cos(t) * aspect ** 0.5, cy + r * math.sin(t) / aspect ** 0.5))
    return points


def _find_spot(text: str, px: float, measure: Measure, width: float, height: float,
               previous_centre: tuple[float, float] | None, spiral: list[tuple[float, float]],
               boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float] | None:
    """The first free box for ``text`` at ``px``: its old centre if free, else along the spiral."""
    w, h = measure(text, px)
    if w > width or h > height:
        return None
    gap = px * GAP
    candidates = ([previous_centre] if previous_centre else []) + spiral
    for cx, cy in candidates:
        x, y = cx - w / 2, cy - h / 2
        if x < 0 or y < 0 or x + w > width or y + h > height:
            continue
        if not _overlaps((x - gap, y - gap, w + 2 * gap, h + 2 * gap), boxes):
            return x, y, w, h
    return None


def layout_cloud(words: Sequence[CloudWord], width: float, height: float, measure: Measure, *,
                 min_font_px: float = 12.0, max_font_px: float = 64.0,
                 previous: CloudLayout | None = None) -> CloudLayout:
    """Place up to 150 words in width × height; words that do not fit at their size are left out."""
    ordered = sorted(words, key=lambda w: (-w.weight, w.text))[:MAX_WORDS]
    if not ordered or width <= 0 or height <= 0:
        return CloudLayout(width, height, ())
    top = ordered[0].weight
    max_font_px = max(min_font_px, min(max_font_px, height * 0.4))
    old = {p.text: (p.x + p.width / 2, p.y + p.height / 2) for p in previous.words} if previous else {}
    spiral = _spiral(width / 2, height / 2, width, height)
    old_px = {p.text: p.font_px for p in previous.words} if previous else {}
    boxes: list[tuple[float, float, float, float]] = []
    placed: list[PlacedWord] = []

    def put(word: CloudWord, px: float, spot: tuple[float, float, float, float]) -> None:
        x, y, w, h = spot
        gap = px * GAP
        boxes.append((x - gap, y - gap, w + 2 * gap, h + 2 * gap))
        placed.append(PlacedWord(word.text, x, y, w, h, px, word.weight, word.sentiment))

    # First pass: words of the previous layout keep their centre (at the new size, or the old one).
    rest: list[CloudWord] = []
    for word in ordered:
        centre = old.get(word.text)
        spot = None
        if centre is not None:
            for px in (font_size(word.weight, top, min_font_px, max_font_px), old_px[word.text]):
                spot = _find_spot(word.text, px, measure, width, height, None, [centre], boxes)
                if spot is not None:
                    put(word, px, spot)
                    break
        if spot is None:
            rest.append(word)
    # Second pass: new words (and those that no longer fit) along the spiral, shrinking if needed.
    for word in rest:
        px = font_size(word.weight, top, min_font_px, max_font_px)
        while True:
            spot = _find_spot(word.text, px, measure, width, height, None, spiral, boxes)
            if spot is not None:
                put(word, px, spot)
                break
            if px <= min_font_px:
                break
            px = max(min_font_px, px * 0.85)
    placed.sort(key=lambda p: (-p.weight, p.text))
    return CloudLayout(width, height, tuple(placed))
