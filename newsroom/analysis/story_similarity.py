"""How alike two fragments are, and the bar they must pass to join: idf-weighted words (cosine) times
their closeness in time; names that keep them apart, subject words, size and onset that lower or
raise the bar.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence

from newsroom.analysis.story_fragment import ABSENT, apart
from newsroom.analysis.story_group import Group

#: A fragment of at most SMALL posts joins a story from a lower similarity (``small_similarity``).
SMALL = 2
#: Similarity is weighed by time closeness: (1 - CLOSE_WEIGHT) + CLOSE_WEIGHT * closeness, where
#: closeness is the mean exp(-gap / CLOSE_SCALE_S) of a post to the other fragment's nearest post.
CLOSE_WEIGHT = 0.7
CLOSE_SCALE_S = 3 * 3600.0
CLOSE_SAMPLE = 40
#: With an onset window: two fragments born together that each use one word in SUBJECT_SHARE
#: (``story_group``) of their posts (SUBJECT_POSTS posts at least: "storm" in the storm's damage, its
#: alert and its English posts) tell one story from this similarity on.
SUBJECT_POSTS = 5
ONSET_SUBJECT = 0.05


def cosine(a: Group, b: Group) -> float:
    """The cosine of two fragments' vectors (0 when one is empty)."""
    if a.norm <= 0.0 or b.norm <= 0.0:
        return 0.0
    x, y = a.vector, b.vector
    shared = x.keys() & y.keys()
    if not shared:
        return 0.0
    dot = math.fsum([x[w] * y[w] for w in shared])   # exactly rounded: the same whatever the hash seed
    return dot / (a.norm * b.norm)


def _near(times: list[float], t: float) -> float:
    i = bisect_left(times, t)
    gap = min((abs(times[j] - t) for j in (i - 1, i) if 0 <= j < len(times)), default=math.inf)
    return math.exp(-gap / CLOSE_SCALE_S) if gap < math.inf else 0.0


def closeness(a: Sequence[float], b: list[float]) -> float:
    """Mean time closeness of the posts at times ``a`` to the nearest of the sorted times ``b`` (over
    at most CLOSE_SAMPLE of ``a``, evenly spread)."""
    if len(a) > CLOSE_SAMPLE:
        step = len(a) / CLOSE_SAMPLE
        a = [a[int(i * step)] for i in range(CLOSE_SAMPLE)]
    return sum(_near(b, t) for t in a) / len(a) if a else 0.0


def join_score(a: Group, b: Group, floor: float = 0.0, subject: bool = False,
               onset_s: float | None = None) -> float:
    """The similarity that must pass the threshold (0 when names keep the fragments apart, unless
    they were born within ``onset_s`` and share a subject word: one story breaking names many things;
    0 as well when the words alone stay below ``floor``: time closeness can only lower them; with
    ``subject``, 0 unless the smaller one's subject is in the other's own posts, see
    :func:`shares_subject`)."""
    if apart(a.words, a.posts, a.names, b.words, b.posts, b.names) and not (
            onset_s is not None and abs(a.first - b.first) <= onset_s and same_subject(a, b)):
        return 0.0
    if subject and not shares_subject(a, b):   # the cheaper test first
        return 0.0
    sim = cosine(a, b)
    if sim <= 0.0 or sim < floor:
        return 0.0
    small, big = (a, b) if len(a.times) <= len(b.times) else (b, a)
    return sim * (1.0 - CLOSE_WEIGHT + CLOSE_WEIGHT * closeness(small.times, big.times))


def too_big(a: Group, b: Group, largest: float | None, onset_s: float | None) -> bool:
    """Whether two fragments are each too big to join (``largest``: the smaller one holds more posts),
    unless they began within ``onset_s`` of each other and share their subject word: a crisis breaks in
    many fragments at once, each soon big, and they are one story (the demo's storm: split, its alert
    came 11 minutes later)."""
    if largest is None or min(a.posts, b.posts) <= largest:
        return False
    return onset_s is None or abs(a.first - b.first) > onset_s or not same_subject(a, b)


def threshold(a: Group, b: Group, similarity: float, small_similarity: float,
              onset_s: float | None = None) -> float:
    """The similarity two fragments need: less for a small one, and (``onset_s``) for two that began
    within ``onset_s`` of each other (the fragments of a story that breaks are born together)."""
    if min(a.posts, b.posts) <= SMALL:
        return small_similarity
    if onset_s is not None and abs(a.first - b.first) <= onset_s:
        return ONSET_SUBJECT if same_subject(a, b) else small_similarity
    return similarity


def lowest_threshold(similarity: float, small_similarity: float, onset_s: float | None = None) -> float:
    """The lowest bar :func:`threshold` can set with these settings."""
    return min(similarity, small_similarity, *((ONSET_SUBJECT,) if onset_s is not None else ()))


def shares_subject(a: Group, b: Group) -> bool:
    """A word in SUBJECT_SHARE of the smaller fragment's posts is in ABSENT of the bigger one's own
    posts (not only among the words its words are used with): a story grown from many fragments does
    not take in every new story whose words its vocabulary happens to be linked to."""
    small, big = (a, b) if (a.posts, a.id) <= (b.posts, b.id) else (b, a)
    floor, get = ABSENT * big.posts, big.words.get
    return any(get(w, 0.0) >= floor for w in small.subjects)


def same_subject(a: Group, b: Group) -> bool:
    """Both fragments (of SUBJECT_POSTS posts at least) use one word in SUBJECT_SHARE of their posts."""
    if min(a.posts, b.posts) < SUBJECT_POSTS:
        return False
    return not a.subjects.isdisjoint(b.subjects)
