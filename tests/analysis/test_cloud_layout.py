"""Cloud layout properties: inside bounds, no overlaps, biggest central, deterministic, stable."""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.analysis.cloud import CloudLayout, CloudWord, layout_cloud


def measure(text: str, px: float) -> tuple[float, float]:
    return len(text) * px * 0.55, px * 1.25


words_strategy = st.lists(
    st.tuples(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=14),
              st.floats(min_value=0.1, max_value=100)),
    min_size=1, max_size=60, unique_by=lambda t: t[0])


def cloud(items: list[tuple[str, float]], w: float = 800, h: float = 400, previous: CloudLayout | None = None,
          ) -> CloudLayout:
    return layout_cloud([CloudWord(t, wt) for t, wt in items], w, h, measure, min_font_px=12, max_font_px=60,
                        previous=previous)


@settings(max_examples=60, deadline=None)
@given(words_strategy, st.floats(min_value=200, max_value=1920), st.floats(min_value=150, max_value=1080))
def test_inside_bounds_and_no_overlap(items: list[tuple[str, float]], w: float, h: float) -> None:
    layout = cloud(items, w, h)
    boxes = [(p.x, p.y, p.width, p.height) for p in layout.words]
    for x, y, bw, bh in boxes:
        assert x >= 0 and y >= 0 and x + bw <= w + 1e-6 and y + bh <= h + 1e-6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3])
    assert all(p.font_px >= 12 for p in layout.words)


@settings(max_examples=30, deadline=None)
@given(words_strategy)
def test_deterministic(items: list[tuple[str, float]]) -> None:
    assert cloud(items) == cloud(items)


def test_biggest_word_is_central() -> None:
    items = [("wegenwerken", 50.0)] + [(f"woord{i}", 5.0) for i in range(20)]
    first = cloud(items).words[0]
    cx, cy = first.x + first.width / 2, first.y + first.height / 2
    assert first.text == "wegenwerken"
    assert math.hypot(cx - 400, cy - 200) < 40


def test_persisting_words_stay_put_on_a_modest_update() -> None:
    items = [(f"woord{i}", float(40 - i)) for i in range(30)]
    before = cloud(items)
    changed = [(t, wt * (1.1 if i % 10 == 0 else 1.0)) for i, (t, wt) in enumerate(items)]
    changed.append(("nieuw", 12.0))
    after = cloud(changed, previous=before)
    old = {p.text: p for p in before.words}
    moves = [math.hypot(p.x + p.width / 2 - old[p.text].x - old[p.text].width / 2,
                        p.y + p.height / 2 - old[p.text].y - old[p.text].height / 2)
             for p in after.words if p.text in old]
    assert moves
    assert sum(moves) / len(moves) < 0.05 * math.hypot(800, 400)


@settings(max_examples=40, deadline=None)
@given(words_strategy, st.floats(min_value=300, max_value=1920), st.floats(min_value=200, max_value=1080))
def test_an_unchanged_update_moves_nothing(items: list[tuple[str, float]], w: float, h: float) -> None:
    before = cloud(items, w, h)
    after = cloud(items, w, h, previous=before)
    assert {p.text: (p.x, p.y) for p in after.words} == {p.text: (p.x, p.y) for p in before.words}


@settings(max_examples=40, deadline=None)
@given(words_strategy, st.randoms(use_true_random=False))
def test_a_modest_update_moves_persisting_words_little(items: list[tuple[str, float]], rnd: random.Random) -> None:
    before = cloud(items)
    changed = [(t, wt * rnd.choice((0.7, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.4))) for t, wt in items]
    after = cloud(changed, previous=before)
    old = {p.text: (p.x + p.width / 2, p.y + p.height / 2) for p in before.words}
    moves = [math.dist(old[p.text], (p.x + p.width / 2, p.y + p.height / 2)) for p in after.words
             if p.text in old]
    assert moves  # the biggest word always fits, so something persists
    assert sum(moves) / len(moves) < 0.05 * math.hypot(800, 400)


def test_a_low_canvas_holds_more_than_its_biggest_word() -> None:
    # a tile's cloud of 130 x 420 px at 1080p (27 px floor): the top word centred left no row free
    words = [CloudWord("zwembad terug", 30.0), CloudWord("dicht", 9.0), CloudWord("lek", 8.0),
             CloudWord("kinderen", 6.0), CloudWord("jaar", 5.0)]
    layout = layout_cloud(words, 420, 130, measure, min_font_px=27, max_font_px=57)
    assert layout.words[0].text == "zwembad terug"
    assert len(layout.words) >= 3
    for p in layout.words:
        assert p.y >= 0 and p.y + p.height <= 130 and p.x >= 0 and p.x + p.width <= 420
