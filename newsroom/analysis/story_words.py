"""A fragment's words as story grouping weighs them: idf looked up once (:func:`memo`), the words each
word is used with in the stream (:func:`word_links`), and the fragment's vector widened with them
(:func:`fragment_vector`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import chain

#: Weight of the words a fragment's words are used with elsewhere in the stream ("zandzakjes" and
#: "wateroverlast" in one post of the city's tie the fragments that use only one of them).
LINK_WEIGHT = 1.0
#: Words kept per word in the links, and per fragment in its vector (bounded cost on big streams).
LINKS_KEPT = 20
VECTOR_KEPT = 60


Links = dict[str, dict[str, float]]


def heaviest(weights: dict[str, float], n: int) -> list[str]:
    """The ``n`` heaviest words, heaviest first, ties by the word (highest first): the order of
    ``sorted(zip(weights, words), reverse=True)`` (as ``heapq.nlargest``), from two sorts in C without
    a tuple per word (by the word, then stably by the weight)."""
    words = sorted(weights, reverse=True)
    words.sort(key=weights.__getitem__, reverse=True)
    del words[n:]
    return words


def top_items(weights: dict[str, float], n: int) -> list[tuple[str, float]]:
    """The ``n`` heaviest (word, weight) pairs, in the order of :func:`heaviest`."""
    return [(w, weights[w]) for w in heaviest(weights, n)]


def memo(idf: Callable[[str], float]) -> Callable[[str], float]:
    """``idf`` looked up once per word (a pure function for the length of one grouping)."""
    cache: dict[str, float] = {}

    def weight(w: str) -> float:
        v = cache.get(w)
        if v is None:
            v = cache[w] = idf(w)
        return v

    return weight


def word_links(posts: Sequence[Sequence[str]], idf: Callable[[str], float], *,
               max_words: int = 30) -> Links:
    """For every word, the words used in the same posts (idf-weighted, unit length): what a story's
    other words are. Posts of more than ``max_words`` distinct words (long articles) are left out."""
    weight = {w: idf(w) for w in dict.fromkeys(chain.from_iterable(posts))}
    raw: dict[str, dict[str, float]] = {}
    row_of = raw.get
    for ws in posts:
        distinct = sorted(set(ws))
        if len(distinct) < 2 or len(distinct) > max_words:
            continue
        pairs = [(w, weight[w]) for w in distinct]
        for w in distinct:      # the word itself too (dropped below: a row's order never counts)
            row = row_of(w)
            if row is None:
                row = raw[w] = {}
            get = row.get
            for v, x in pairs:
                row[v] = get(v, 0.0) + x
    out: Links = {}
    for w, row in raw.items():
        del row[w]
        top = heaviest(row, LINKS_KEPT)
        values = list(map(row.__getitem__, top))
        norm = math.sqrt(sum([x * x for x in values]))
        out[w] = dict(zip(top, [x / norm for x in values], strict=True))
    return out


def fragment_vector(words: dict[str, float], posts: float, idf: Callable[[str], float],
                    links: Links | None) -> tuple[dict[str, float], float]:
    """A fragment's words, idf-weighted per post, widened with the words they are used with
    (``links``, LINK_WEIGHT of the whole) and cut to its VECTOR_KEPT heaviest; and its length."""
    vec = {w: c / posts * idf(w) for w, c in words.items()}
    norm = math.sqrt(sum([v * v for v in vec.values()]))
    if links and norm > 0.0:
        spread: dict[str, float] = {}
        get, row_of = spread.get, links.get
        for w, v in vec.items():
            row = row_of(w)
            if row:
                for u, x in row.items():
                    spread[u] = get(u, 0.0) + v * x
        s_norm = math.sqrt(sum([v * v for v in spread.values()]))
        if s_norm > 0.0:
            k = LINK_WEIGHT / s_norm
            vec = {w: v / norm for w, v in vec.items()}
            old = vec.get
            for u, x in spread.items():
                vec[u] = old(u, 0.0) + k * x
    if len(vec) > VECTOR_KEPT:
        kept = heaviest(vec, VECTOR_KEPT)
        vec = dict(zip(kept, map(vec.__getitem__, kept), strict=True))
    norm = math.sqrt(sum([v * v for v in vec.values()]))
    return vec, norm
