"""Replies by time: a small fragment inside a burst one story dominates joins that story
(:func:`time_absorptions`).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.analysis.topic_ids import most_held

#: A fragment of at most ABSORB_MAX posts that no story's words claim joins the story that dominates
#: the time around its posts: at least ABSORB_SHARE of the other posts within ABSORB_WINDOW_S, in a
#: story of at least ABSORB_STORY posts ("Wie weet hoe lang nog?" in the middle of a flood).
ABSORB_MAX = 5
ABSORB_SHARE = 0.5
ABSORB_WINDOW_S = 2 * 3600.0
ABSORB_STORY = 8


def time_absorptions(posts: Sequence[tuple[float, int]], *, max_posts: int = ABSORB_MAX,
                     share: float = ABSORB_SHARE, window_s: float = ABSORB_WINDOW_S,
                     story_posts: int = ABSORB_STORY) -> list[tuple[int, int]]:
    """(fragment, story) merges for small fragments inside a time where one story dominates.

    ``posts``: (time, topic) of every post, in time order. A fragment's posts vote with the topics of
    the other posts within ``window_s``; the winner takes it when it holds ``share`` of those votes.
    """
    sizes: dict[int, int] = {}
    for _, tid in posts:
        sizes[tid] = sizes.get(tid, 0) + 1
    times = [t for t, _ in posts]
    votes: dict[int, dict[int, int]] = {}
    lo = hi = 0
    for i, (t, tid) in enumerate(posts):
        if sizes[tid] > max_posts:
            continue
        while times[lo] < t - window_s:
            lo += 1
        hi = max(hi, i)
        while hi + 1 < len(posts) and times[hi + 1] <= t + window_s:
            hi += 1
        mine = votes.setdefault(tid, {})
        for _, other in posts[lo:hi + 1]:
            if other != tid and sizes[other] >= story_posts:
                mine[other] = mine.get(other, 0) + 1
        mine[-1] = mine.get(-1, 0) + sum(1 for _, o in posts[lo:hi + 1] if o != tid)
    out = []
    for tid in sorted(votes):
        mine = votes[tid]
        total = mine.pop(-1, 0)
        if not mine or not total:
            continue
        best = most_held(mine)
        if mine[best] >= share * total:
            out.append((tid, best))
    return out
