"""A topic split by place: a topic whose posts mostly name two places rarely named together tells two
stories (:func:`split_by_names`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence

#: A topic whose posts name two or more places (each in SPLIT_SHARE of its posts, and SPLIT_POSTS posts
#: at least) that are rarely named together (in less than SPLIT_TOGETHER of the smaller one's posts) is
#: that many stories ("wegenwerken" in two streets).
SPLIT_SHARE = 0.3
SPLIT_POSTS = 3
SPLIT_TOGETHER = 0.1


def split_by_names(posts: Sequence[tuple[frozenset[str], float]],
                   is_name: Callable[[str], bool]) -> list[int]:
    """The part of every post of one topic when it tells stories in different places, else all 0.

    ``posts``: (words, time) of the topic's posts. Each name in SPLIT_SHARE of the posts, rarely named
    with the others, makes a part (the most used first); a post joins the part it names, a post that
    names none of them joins the part of its nearest post in time that does.
    """
    n = len(posts)
    counts: dict[str, int] = {}
    for words, _ in posts:
        for w in words:
            if is_name(w):
                counts[w] = counts.get(w, 0) + 1
    floor = max(SPLIT_SHARE * n, SPLIT_POSTS)
    names = sorted((w for w, k in counts.items() if k >= floor), key=lambda w: (-counts[w], w))
    parts: list[str] = []
    for w in names:
        if all(sum(1 for words, _ in posts if w in words and p in words)
               < SPLIT_TOGETHER * min(counts[w], counts[p]) for p in parts):
            parts.append(w)
    if len(parts) < 2:
        return [0] * n
    out = [-1] * n
    for i, (words, _) in enumerate(posts):
        named = [k for k, p in enumerate(parts) if p in words]
        if len(named) == 1:
            out[i] = named[0]
    anchored = sorted((t, out[i]) for i, (_, t) in enumerate(posts) if out[i] >= 0)
    times = [t for t, _ in anchored]
    for i, (_, t) in enumerate(posts):
        if out[i] < 0:
            j = bisect_left(times, t)
            near = [k for k in (j - 1, j) if 0 <= k < len(times)]
            out[i] = anchored[min(near, key=lambda k: (abs(times[k] - t), k))][1]
    return out
