"""A topic as the story steps see it (:class:`Fragment`), and when two are named apart (:func:`apart`).

A fragment is what the clusterer hands to story grouping: its word counts, posts and times. Two
fragments that each mostly name a street or place the other never names tell two stories.
"""

from __future__ import annotations

from dataclasses import dataclass

#: A name in this share of a fragment's posts is what the fragment is about; a fragment with less than
#: ABSENT of it does not mention it.
NAME_SHARE = 0.3
ABSENT = 0.05


@dataclass(frozen=True, slots=True)
class Fragment:
    """A topic as story grouping sees it: word counts (posts counted once), posts, post times (sorted;
    on the wall just the first and the last)."""

    id: int
    posts: float
    words: dict[str, float]
    times: tuple[float, ...]
    #: when its first post was published (POSIX seconds; None: the first of ``times``)
    first: float | None = None


def apart(a_words: dict[str, float], a_posts: float, a_names: frozenset[str], b_words: dict[str, float],
          b_posts: float, b_names: frozenset[str]) -> bool:
    """Each of two topics mostly names a street or place (``*_names``) that the other never names: two
    stories (two streets, two places), whatever else they share. ``*_words``: word counts; ``*_posts``:
    posts counted."""
    if not a_names or not b_names or a_names & b_names:
        return False
    return (not any(b_words.get(w, 0.0) >= ABSENT * b_posts for w in a_names)
            and not any(a_words.get(w, 0.0) >= ABSENT * a_posts for w in b_names))
