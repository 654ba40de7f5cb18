"""The cosine screen of story grouping: its cosines are the exact ones, and a fragment whose vector
changed (a join) is screened with its new vector, so screening never loses a merge."""

from __future__ import annotations

import random

import pytest

from newsroom.analysis import topic_stories
from newsroom.analysis.story_fragment import Fragment
from newsroom.analysis.story_group import new_group
from newsroom.analysis.story_screen import CosineScreen
from newsroom.analysis.story_similarity import cosine
from newsroom.analysis.topic_stories import story_merges


def _flat(_: str) -> float:
    return 1.0


def _never(_: str) -> bool:
    return False


def _fragments(seed: int, n: int = 60) -> list[Fragment]:
    rng = random.Random(seed)
    words = [f"w{k}" for k in range(40)]
    out = []
    for i in range(n):
        posts = rng.randint(1, 6)
        own = {w: float(rng.randint(1, posts)) for w in rng.sample(words, rng.randint(2, 6))}
        times = tuple(sorted(1000.0 * rng.randint(0, 40) for _ in range(posts)))
        out.append(Fragment(i + 1, float(posts), own, times, times[0]))
    return out


def test_screened_cosines_are_the_exact_ones() -> None:
    groups = {f.id: new_group(f, _flat, _never, None) for f in _fragments(1)}
    screen = CosineScreen(lambda gid: (groups[gid].vector, groups[gid].norm))
    others = sorted(groups)[1:]
    got = screen.cosines(1, others)
    assert got == pytest.approx([cosine(groups[1], groups[b]) for b in others], abs=1e-12)
    assert max(got) > 0.0


def test_a_joined_fragment_is_screened_with_its_new_vector(monkeypatch: pytest.MonkeyPatch) -> None:
    # A and B join first (most alike); C shares only "r" with B, and then clears the bar with A+B.
    # Screened with A's vector from before the join, C shares nothing with it and would be left out.
    monkeypatch.setattr(topic_stories, "SCREEN_FROM", 1)
    same = (0.0, 0.0, 0.0)
    fragments = [Fragment(1, 3.0, {"p": 3.0, "q": 3.0}, same, 0.0),
                 Fragment(2, 3.0, {"p": 3.0, "q": 3.0, "r": 3.0}, same, 0.0),
                 Fragment(3, 3.0, {"r": 3.0}, same, 0.0)]
    assert story_merges(fragments, _flat, _never) == [(1, 2), (1, 3)]


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_screening_changes_no_merge(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    fragments = _fragments(seed)
    monkeypatch.setattr(topic_stories, "SCREEN_FROM", 10**9)
    exact = story_merges(fragments, _flat, _never, largest=4.0)
    monkeypatch.setattr(topic_stories, "SCREEN_FROM", 1)
    screened = story_merges(fragments, _flat, _never, largest=4.0)
    assert len(exact) > 5
    assert screened == exact
