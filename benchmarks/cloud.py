"""Word-cloud layout: ours against the ``wordcloud`` package on the same 150 weighted words.

Both measure text with the same font (Noto Sans, bundled) through Pillow. Prints, for an 800×400 and a
1920×1080 canvas: time per layout for both and the ratio, words placed, overlaps (must be 0), and
stability: the mean displacement of persisting words between two consecutive updates with 10 % of the
weights changed, as a share of the canvas diagonal (ours with the previous layout, ours fresh, and
wordcloud).

    python benchmarks/cloud.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont
from wordcloud import WordCloud

from newsroom.analysis.cloud import CloudLayout, CloudWord, layout_cloud
from newsroom.analysis.text import content_terms

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources" / "fonts" / "NotoSans-Regular.ttf"
SIZES = ((800, 400), (1920, 1080))
MIN_PX = 12


def demo_words(n: int = 150) -> dict[str, float]:
    """The n most frequent content words of the embedded demo scenario, with their counts."""
    counts: Counter[str] = Counter()
    with gzip.open(ROOT / "resources" / "demo" / "scenario.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            counts.update(set(content_terms(str(item.get("text", "")), item.get("lang"))))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]  # ties broken by the word
    return {w: float(c) for w, c in ranked}


@lru_cache(maxsize=64)
def _font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), px)


@lru_cache(maxsize=200_000)
def measure(text: str, px: float) -> tuple[float, float]:
    """Advance width and line height of ``text`` at ``px`` in Noto Sans (what Qt's font metrics give)."""
    font = _font(max(1, round(px)))
    ascent, descent = font.getmetrics()
    return float(font.getlength(text)), float(ascent + descent)


def ours(freqs: dict[str, float], w: int, h: int, previous: CloudLayout | None = None) -> CloudLayout:
    measure.cache_clear()  # text measurement is part of the layout's cost (wordcloud measures too)
    words = [CloudWord(t, f) for t, f in freqs.items()]
    return layout_cloud(words, w, h, measure, min_font_px=MIN_PX, max_font_px=h * 0.3, previous=previous)


def theirs(freqs: dict[str, float], w: int, h: int) -> WordCloud:
    cloud = WordCloud(width=w, height=h, font_path=str(FONT), max_words=150, prefer_horizontal=1.0,
                      random_state=1, min_font_size=MIN_PX, max_font_size=int(h * 0.3), margin=2)
    return cloud.generate_from_frequencies(freqs)


def overlaps(layout: CloudLayout) -> int:
    boxes = [(p.x, p.y, p.width, p.height) for p in layout.words]
    return sum(1 for i, (x, y, a, b) in enumerate(boxes) for (u, v, c, d) in boxes[i + 1:]
               if x < u + c and u < x + a and y < v + d and v < y + b)


def centres_ours(layout: CloudLayout) -> dict[str, tuple[float, float]]:
    return {p.text: (p.x + p.width / 2, p.y + p.height / 2) for p in layout.words}


def centres_theirs(cloud: WordCloud) -> dict[str, tuple[float, float]]:
    out = {}
    for (word, _), px, (row, col), _, _ in cloud.layout_:
        width, height = measure(word, px)
        out[word] = (col + width / 2, row + height / 2)
    return out


def displacement(a: dict[str, tuple[float, float]], b: dict[str, tuple[float, float]], diag: float) -> float:
    common = set(a) & set(b)
    if not common:
        return float("nan")
    return statistics.fmean(math.dist(a[k], b[k]) for k in common) / diag


def changed(freqs: dict[str, float], share: float = 0.1, seed: int = 7) -> dict[str, float]:
    rng = random.Random(seed)
    out = dict(freqs)
    for word in rng.sample(sorted(out), int(len(out) * share)):
        out[word] *= rng.choice((0.5, 0.7, 1.4, 2.0))
    return out


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, result = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    freqs = demo_words()
    update = changed(freqs)
    print(f"{len(freqs)} words from the demo scenario; font {FONT.name}; best of {args.repeat}")
    print(f"{'canvas':>10} {'ours ms':>8} {'wordcloud ms':>12} {'ratio':>6} {'placed':>7} {'theirs':>7} "
          f"{'overlaps':>8} {'moved ours':>10} {'ours fresh':>10} {'wordcloud':>9}")
    for w, h in SIZES:
        measure(next(iter(freqs)), 20)  # font loading is not layout time
        t_ours, first = timed(lambda: ours(freqs, w, h), args.repeat)  # noqa: B023
        t_theirs, cloud = timed(lambda: theirs(freqs, w, h), args.repeat)  # noqa: B023
        assert isinstance(first, CloudLayout)
        assert isinstance(cloud, WordCloud)
        second = ours(update, w, h, previous=first)
        fresh = ours(update, w, h)
        cloud2 = theirs(update, w, h)
        diag = math.hypot(w, h)
        moved = displacement(centres_ours(first), centres_ours(second), diag)
        moved_fresh = displacement(centres_ours(first), centres_ours(fresh), diag)
        moved_theirs = displacement(centres_theirs(cloud), centres_theirs(cloud2), diag)
        print(f"{w}x{h:>5} {t_ours * 1000:8.1f} {t_theirs * 1000:12.1f} {t_theirs / t_ours:6.1f} "
              f"{len(first.words):7d} {len(cloud.layout_):7d} {overlaps(first) + overlaps(second):8d} "
              f"{moved:10.2%} {moved_fresh:10.2%} {moved_theirs:9.2%}")


if __name__ == "__main__":
    main()
