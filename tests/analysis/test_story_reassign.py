"""The story reassignment leaves out the candidate topics that could not be chosen (a bound on their
score from their time span and cosine): the moves are exactly those of scoring every candidate, and
the stream here is one where a wrong bound gives other moves."""

from __future__ import annotations

import random

import pytest

from newsroom.analysis import story_reassign as sr
from newsroom.analysis.story_reassign import story_reassign

DAY = 86400.0


def _idf(word: str) -> float:
    return 1.0 + sum(map(ord, word)) % 7 / 2.0


def _stream(seed: int) -> tuple[list[list[str]], list[float], list[int]]:
    """Posts over twelve days: a story told again days later (the same words, so a far topic can fit
    best), exact copies in several topics (cosines that tie), and random posts from a skewed vocabulary."""
    rng = random.Random(seed)
    words: list[list[str]] = []
    times: list[float] = []
    topics: list[int] = []
    story = ["brug", "dicht", "kaai", "omleiding", "bus"]
    for day in (0, 4, 9):                      # one story three times, days apart, each its own topic
        for k in range(6):
            words.append([*story[:3 + k % 3], f"dag{day}"])
            times.append(day * DAY + k * 600.0)
            topics.append(100 + day)
    for k in range(5):                         # lone posts of the story in topics of their own
        words.append(list(story))
        times.append((2 + 2 * k) * DAY)
        topics.append(200 + k)
    for k in range(4):                         # exact copies in four topics at one time: ties
        words.append(["markt", "kermis", "zondag"])
        times.append(5 * DAY)
        topics.append(300 + k)
    for _ in range(300):
        n = rng.randint(2, 7)
        words.append([f"w{int(rng.random() ** 2 * 50)}" for _ in range(n)])
        times.append(rng.random() * 12 * DAY)
        topics.append(rng.randrange(40))
    return words, times, topics


def _both(seed: int) -> tuple[list[int], list[int], int, int]:
    words, times, topics = _stream(seed)
    fast, plain = list(topics), list(topics)
    return fast, plain, story_reassign(words, times, fast, _idf), story_reassign(words, times, plain, _idf,
                                                                                  bound=False)


@pytest.mark.parametrize("seed", range(6))
def test_the_bounded_reassignment_moves_as_the_plain_one(seed: int) -> None:
    fast, plain, fast_moves, plain_moves = _both(seed)
    assert fast == plain
    assert fast_moves == plain_moves > 0


def test_a_far_topic_is_still_chosen_when_it_fits_best() -> None:
    words, times, topics = _stream(0)
    before = list(topics)
    story_reassign(words, times, topics, _idf)
    # the lone posts of the story (days from any other of its posts) join one of its topics
    lone = [n for n, tid in enumerate(before) if 200 <= tid < 205]
    assert all(topics[n] != before[n] for n in lone)
    gaps = [min(abs(times[n] - times[m]) for m in range(len(times)) if m != n and topics[m] == topics[n])
            for n in lone]
    assert max(gaps) > DAY


def test_the_bound_leaves_candidates_out() -> None:
    words, times, topics = _stream(1)
    vec = {w: 1.0 / len(set(words[0])) ** 0.5 for w in dict.fromkeys(words[0])}
    centroid: dict[int, dict[str, float]] = {}
    square: dict[int, float] = {}
    stamps: dict[int, list[float]] = {}
    for ws, t, tid in zip(words, times, topics, strict=True):
        unit = {w: 1.0 / len(set(ws)) ** 0.5 for w in dict.fromkeys(ws)}
        c = centroid.setdefault(tid, {})
        for w, v in unit.items():
            c[w] = c.get(w, 0.0) + v
        stamps.setdefault(tid, []).append(t)
    for tid, c in centroid.items():
        square[tid] = sum(v * v for v in c.values())
        stamps[tid].sort()
    others = {tid for tid, c in centroid.items() if "brug" in c and tid != topics[0]}
    bounded = sr._fits(vec, times[0], topics[0], others, centroid, square, stamps)
    every = sr._fits(vec, times[0], topics[0], others, centroid, square, stamps, bound=False)
    assert len(bounded) < len(every)
    best = max(every, key=lambda f: (f[1], -f[2]))
    assert best in bounded


def test_a_wrong_bound_would_be_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    # a bound that drops every topic a day away: the stream's moves are no longer the plain ones
    monkeypatch.setattr(sr, "_farthest", lambda bar: DAY)
    fast, plain, _, _ = _both(0)
    assert fast != plain


@pytest.mark.parametrize("offset", [0, -1000, 10**9])
def test_topic_ids_of_any_range_give_the_plain_moves(offset: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # ids that index an array take the array step, others (below 0, far above the posts) do without
    steps: list[int] = []
    within = sr._within

    def counted(*args: object, **kwargs: object) -> list[int]:
        steps.append(1)
        return within(*args, **kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(sr, "_within", counted)
    words, times, topics = _stream(2)
    topics = [tid + offset for tid in topics]
    fast, plain = list(topics), list(topics)
    story_reassign(words, times, fast, _idf)
    story_reassign(words, times, plain, _idf, bound=False)
    assert fast == plain
    assert bool(steps) == (offset == 0)
