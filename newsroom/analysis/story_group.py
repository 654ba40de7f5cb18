"""A fragment as the grouping holds it while fragments join (:class:`Group`): its words, posts,
times, vector, names and subject words, built from a :class:`~newsroom.analysis.story_fragment.Fragment`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsroom.analysis.story_fragment import NAME_SHARE, Fragment
from newsroom.analysis.story_words import Links, fragment_vector

#: A word in this share of a fragment's posts is its subject (see ``story_similarity.SUBJECT_POSTS``).
SUBJECT_SHARE = 0.2


@dataclass(slots=True)
class Group:
    """One fragment, or fragments joined so far: words summed, times sorted, vector recomputed."""

    id: int
    posts: float
    words: dict[str, float]
    times: list[float]
    vector: dict[str, float]
    norm: float
    names: frozenset[str]
    first: float
    #: words in SUBJECT_SHARE of its posts
    subjects: frozenset[str] = frozenset()


def names_of(words: dict[str, float], posts: float, is_name: Callable[[str], bool]) -> frozenset[str]:
    """The names in NAME_SHARE of the posts: what the fragment is about."""
    return frozenset(w for w, c in words.items() if c >= NAME_SHARE * posts and is_name(w))


def new_group(f: Fragment, idf: Callable[[str], float], is_name: Callable[[str], bool],
              links: Links | None) -> Group:
    """A fragment as the grouping holds it."""
    vec, norm = fragment_vector(f.words, f.posts, idf, links)
    times = sorted(f.times)
    first = f.first if f.first is not None else (times[0] if times else 0.0)
    return Group(f.id, f.posts, dict(f.words), times, vec, norm, names_of(f.words, f.posts, is_name), first,
                 subjects_of(f.words, f.posts))


def subjects_of(words: dict[str, float], posts: float) -> frozenset[str]:
    """The words in SUBJECT_SHARE of the posts."""
    return frozenset(w for w, c in words.items() if c >= SUBJECT_SHARE * posts)
