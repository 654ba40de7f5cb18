"""Word-cloud layout: biggest words near the centre, no overlaps, stable across updates.

Pure: measuring text is injected (``measure(text, font_px) -> (width, height)``) so Qt can supply
its font metrics. The canvas is an occupancy grid with a summed-area table: for each word, every
free position is known at once and the one nearest its target is taken exactly (the centre, stretched
to the rectangle's aspect ratio, for new words; the old centre for words of the previous layout), so
persisting words stay put and the cloud can animate instead of reshuffling.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Measure = Callable[[str, float], tuple[float, float]]

MAX_WORDS = 150
GAP = 0.08  # free space around a word, as a share of its font size
REF_PX = 100.0  # words are measured once at this size
WINDOW = 12  # cells around the target searched first (then 3×, 9×, … until found)
SMALL_GRID = 40_000  # below this many cells one search of the whole canvas is cheaper
HIERARCHY = 1.6
FILL = 0.42  # share of the canvas the words' boxes may cover (the rest is breathing room)
NEAR = 0.03  # a word pushed out of its old box first looks this far (share of the diagonal) for room


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


def scaled(measure: Measure) -> Measure:
    """Measure each text once at a reference size and scale linearly (outline fonts scale; hinting
    adds a little at small sizes, covered by a margin of 4 % plus one pixel)."""
    ref: dict[str, tuple[float, float]] = {}

    def at(text: str, px: float) -> tuple[float, float]:
        size = ref.get(text)
        if size is None:
            size = ref[text] = measure(text, REF_PX)
        k = px / REF_PX
        return size[0] * k * 1.04 + 1, size[1] * k * 1.04 + 1

    return at


def fit_max_font(words: Sequence[CloudWord], width: float, height: float, measure: Measure,
                 min_px: float, max_px: float) -> float:
    """The largest font size at which all words together cover at most FILL of the canvas, so that the
    cloud holds many words instead of a few giant ones (never below ``min_px``)."""
    top = words[0].weight
    budget = FILL * width * height
    # a word's box at size px is px² · c (its size at REF_PX scaled, plus the gap), and px grows
    # linearly with the limit: the area is a quadratic in (limit - min_px), its three sums made once
    # (plain floats: numpy's per-call cost was most of a layout's time for a few dozen words)
    a = b = c = 0.0
    for w in words:
        rw, rh = measure(w.text, REF_PX)
        box = (rw / REF_PX + GAP) * (rh / REF_PX + GAP)
        root = math.sqrt(max(w.weight, 0.0) / top)
        a += box * root * root
        b += box * root
        c += box

    def area(limit: float) -> float:
        t = limit - min_px
        return a * t * t + 2 * min_px * b * t + min_px * min_px * c

    if area(max_px) <= budget:
        return max_px
    low, high = min_px, max_px
    for _ in range(10):
        mid = (low + high) / 2
        low, high = (mid, high) if area(mid) <= budget else (low, mid)
    return low


class _Grid:
    """Occupancy of the canvas in square cells, with a summed-area table so that "is this box free"
    is answered for every position at once (numpy), and the free spot nearest a target is exact."""

    def __init__(self, width: float, height: float, cell: float) -> None:
        self.cell = cell
        self.nx, self.ny = max(1, int(width // cell)), max(1, int(height // cell))
        self.sat = np.zeros((self.ny + 1, self.nx + 1), dtype=np.int32)
        self._ramp_x = np.arange(self.nx + 1, dtype=np.float64)
        self._ramp_y = np.arange(self.ny + 1, dtype=np.float64)
        # aspect-stretched distance, as a spiral stretched to the rectangle would be
        aspect = width / max(height, 1.0)
        self.sx, self.sy = 1 / math.sqrt(aspect), math.sqrt(aspect)

    def find(self, bw: int, bh: int, tx: float, ty: float) -> tuple[int, int] | None:
        """Top-left cell of the free bw × bh block nearest to (tx, ty) (cells), or None.

        Looks in a window around the target first; a spot found there that is nearer than the
        window's edge is the nearest of all, so the whole canvas is searched only when needed.
        """
        if bw > self.nx or bh > self.ny:
            return None
        reach = WINDOW if self.nx * self.ny > SMALL_GRID else max(self.nx, self.ny)
        while reach < max(self.nx, self.ny):
            x_lo, y_lo = max(0, int(tx) - reach), max(0, int(ty) - reach)
            x_hi, y_hi = min(self.nx - bw, int(tx) + reach), min(self.ny - bh, int(ty) + reach)
            if x_lo <= x_hi and y_lo <= y_hi:
                found = self._nearest(bw, bh, tx, ty, x_lo, y_lo, x_hi, y_hi)
                if found is not None and found[2] <= ((reach - 1) * min(self.sx, self.sy)) ** 2:
                    return found[0], found[1]
            reach *= 3
        found = self._nearest(bw, bh, tx, ty, 0, 0, self.nx - bw, self.ny - bh)
        return None if found is None else (found[0], found[1])

    def _nearest(self, bw: int, bh: int, tx: float, ty: float, x_lo: int, y_lo: int, x_hi: int,
                 y_hi: int) -> tuple[int, int, float] | None:
        """Nearest free top-left cell with x in [x_lo, x_hi] and y in [y_lo, y_hi], and its distance²."""
        s = self.sat
        ys, xs = slice(y_lo, y_hi + 1), slice(x_lo, x_hi + 1)
        ye, xe = slice(y_lo + bh, y_hi + bh + 1), slice(x_lo + bw, x_hi + bw + 1)
        used = s[ye, xe] - s[ys, xe] - s[ye, xs] + s[ys, xs]
        ny, nx = used.shape
        dy = ((self._ramp_y[y_lo:y_lo + ny] - ty) * self.sy) ** 2
        dx = ((self._ramp_x[x_lo:x_lo + nx] - tx) * self.sx) ** 2
        dist = dy[:, None] + dx[None, :]
        dist[used != 0] = np.inf
        flat = int(np.argmin(dist))
        y, x = divmod(flat, nx)
        best = float(dist[y, x])
        return None if math.isinf(best) else (x + x_lo, y + y_lo, best)

    def at(self, bw: int, bh: int, x0: int, y0: int) -> tuple[int, int] | None:
        """(x0, y0) when the bw × bh block there is inside and free, else None."""
        if x0 < 0 or y0 < 0 or x0 + bw > self.nx or y0 + bh > self.ny:
            return None
        s = self.sat
        used = s[y0 + bh, x0 + bw] - s[y0, x0 + bw] - s[y0 + bh, x0] + s[y0, x0]
        return (x0, y0) if used == 0 else None

    def fill(self, x0: int, y0: int, bw: int, bh: int) -> None:
        """Mark a block as used: the summed-area table grows by the block's ramp, in place."""
        rows = np.minimum(self._ramp_y[1:self.ny + 1 - y0], bh).astype(np.int32)
        cols = np.minimum(self._ramp_x[1:self.nx + 1 - x0], bw).astype(np.int32)
        self.sat[y0 + 1:, x0 + 1:] += rows[:, None] * cols[None, :]


def layout_cloud(words: Sequence[CloudWord], width: float, height: float, measure: Measure, *,
                 min_font_px: float = 12.0, max_font_px: float = 64.0,
                 previous: CloudLayout | None = None) -> CloudLayout:
    """Place up to 150 words in width × height; words that do not fit even at the floor are left out.

    Words of ``previous`` go first and take the free spot nearest their old centre; then the others,
    largest first, the free spot nearest the centre, shrinking (never below ``min_font_px``) when
    nothing is free.
    """
    ordered = sorted(words, key=lambda w: (-w.weight, w.text))[:MAX_WORDS]
    if not ordered or width <= 0 or height <= 0:
        return CloudLayout(width, height, ())
    measure = scaled(measure)
    top = ordered[0].weight
    max_font_px = _largest_font(ordered, width, height, measure, min_font_px, max_font_px)
    cell = max(2.0, min_font_px / 3, math.hypot(width, height) / 400)
    placer = _Placer(_Grid(width, height, cell), cell, measure, min_font_px)
    size = {w.text: font_size(w.weight, top, min_font_px, max_font_px) for w in ordered}
    middle = _new_words_centre(ordered[0].text, size[ordered[0].text], width, height, measure, min_font_px)
    old = {p.text for p in previous.words} if previous else set()
    if previous:
        _place_persisting(placer, [w for w in ordered if w.text in old], size, previous,
                          NEAR * math.hypot(width, height))
    for word in (w for w in ordered if w.text not in old):
        placer.place(word, middle, placer.shrinking(size[word.text]))
    placed = placer.placed
    placed.sort(key=lambda p: (-p.weight, p.text))
    return CloudLayout(width, height, tuple(placed))


def _largest_font(ordered: Sequence[CloudWord], width: float, height: float, measure: Measure,
                  min_font_px: float, max_font_px: float) -> float:
    """The top word's font size: as large as lets many words fit, but at least 1.6 × the floor (on a
    small canvas the weakest words are left out rather than all words shrinking to one size)."""
    ceiling = max(min_font_px, min(max_font_px, height * 0.4))
    fitted = fit_max_font(ordered, width, height, measure, min_font_px, ceiling)
    return min(ceiling, max(fitted, min_font_px * HIERARCHY))


def _new_words_centre(top_text: str, top_px: float, width: float, height: float, measure: Measure,
                      min_font_px: float) -> tuple[float, float]:
    """Where new words gather: the middle; on a low canvas, where the biggest word centred would leave
    too little above and below it for a row of the smallest words, from the top down instead (a short
    tile showed its one big word and nothing else)."""
    floor_h = measure(top_text, min_font_px)[1] * (1 + 2 * GAP)
    top_h = measure(top_text, top_px)[1] * (1 + 2 * GAP)
    if height < top_h + 2 * floor_h:
        return (width / 2, min(height / 2, top_h / 2))
    return (width / 2, height / 2)


def _place_persisting(placer: _Placer, persisting: Sequence[CloudWord], size: dict[str, float],
                      previous: CloudLayout, near: float) -> None:
    """Place the words of the previous layout around their old centres: those that keep or lose size
    exactly where they were, those that grow in place if there is room (else at their old size), and
    those pushed out of their old box nearby (within ``near``) at their size or a smaller one rather
    than far away at full size (a cloud that jumps is harder to read than one whose words breathe)."""
    old = {p.text: (p.x + p.width / 2, p.y + p.height / 2) for p in previous.words}
    old_px = {p.text: p.font_px for p in previous.words}
    steady = [w for w in persisting if size[w.text] <= old_px[w.text] + 0.5]
    growing = [w for w in persisting if size[w.text] > old_px[w.text] + 0.5]
    moved: list[CloudWord] = []
    for word in steady:
        if not placer.place(word, old[word.text], [size[word.text]], exact=True):
            moved.append(word)
    for word in growing:
        if not placer.place(word, old[word.text], [size[word.text], old_px[word.text]], exact=True):
            moved.append(word)
    for word in moved:
        px = size[word.text]
        sizes = placer.shrinking(min(px, old_px[word.text]))
        if not placer.place(word, old[word.text], [px, *sizes], within=near):
            placer.place(word, old[word.text], placer.shrinking(px))


class _Placer:
    """Puts words on the grid one by one and keeps what was placed."""

    def __init__(self, grid: _Grid, cell: float, measure: Measure, min_font_px: float) -> None:
        self.grid = grid
        self.cell = cell
        self.measure = measure
        self.min_font_px = min_font_px
        self.placed: list[PlacedWord] = []

    def place(self, word: CloudWord, centre: tuple[float, float], sizes: Sequence[float],
              exact: bool = False, within: float | None = None) -> bool:
        """Place at the first size that fits (exactly at ``centre``, or at the nearest free spot, no
        farther than ``within`` when given)."""
        grid, cell = self.grid, self.cell
        for px in sizes:
            w, h = self.measure(word.text, px)
            gap = px * GAP / 2
            bw, bh = math.ceil((w + 2 * gap) / cell), math.ceil((h + 2 * gap) / cell)
            tx, ty = centre[0] / cell - bw / 2, centre[1] / cell - bh / 2
            spot = grid.at(bw, bh, round(tx), round(ty)) if exact else grid.find(bw, bh, tx, ty)
            if spot is None or (within is not None and math.dist(spot, (tx, ty)) * cell > within):
                continue
            x0, y0 = spot
            grid.fill(x0, y0, bw, bh)
            x = x0 * cell + (bw * cell - w) / 2
            y = y0 * cell + (bh * cell - h) / 2
            self.placed.append(PlacedWord(word.text, x, y, w, h, px, word.weight, word.sentiment))
            return True
        return False

    def shrinking(self, px: float) -> list[float]:
        """``px`` and smaller sizes, 15 % less each, down to the floor."""
        sizes = [px]
        while sizes[-1] > self.min_font_px:
            sizes.append(max(self.min_font_px, sizes[-1] * 0.85))
        return sizes
