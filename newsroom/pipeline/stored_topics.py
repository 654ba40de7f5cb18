"""After a restart's replay, the kept recent posts go back to the topics the store has for them.

The replay clusters the stored mentions afresh; the live wall had also moved posts between topics
(the stories pass every half hour, :mod:`~newsroom.analysis.wall_stories`). Those moves are in the
store, not in a fresh clustering: without this step a restart undid them (the store was rewritten to
the replay's grouping) and the next stories pass started from a different wall.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsroom.domain import Mention

if TYPE_CHECKING:
    from newsroom.analysis.topics import RecentPost, TopicClusterer


def restore_stored_topics(c: TopicClusterer, stored: Sequence[Mention]) -> int:
    """Move each kept recent post whose replayed topic is not its stored one back to the stored topic
    (a stored topic the replay did not make is made again under its id while its posts are recent
    enough to be live). Posts the clusterer no longer keeps stay where the replay put them. Returns
    how many posts moved. Deterministic: posts in the stored order, new topics by their id."""
    kept = {post.id: (post, tid) for post, tid in c.recent_posts()}
    now = c.model.now
    horizon = -float("inf") if now is None else now - c.retire_after_s
    wanted: list[tuple[RecentPost, int, int]] = []
    for m in stored:
        if m.topic is None or m.id not in kept:
            continue
        post, tid = kept[m.id]
        target = c.resolve(m.topic)
        if target != tid:
            wanted.append((post, tid, target))
    latest: dict[int, float] = {}
    first: dict[int, float] = {}
    for post, _, target in wanted:
        latest[target] = max(latest.get(target, post.time), post.time)
        first[target] = min(first.get(target, post.time), post.time)
    made: dict[int, int] = {}
    for target in sorted(latest):     # a live topic of the store the replay did not make: made again
        if not c.is_live(target) and latest[target] >= horizon:
            made[target] = c._new_topic(datetime.fromtimestamp(first[target], UTC), target)
    moves = [(post, tid, c.resolve(made.get(target, target))) for post, tid, target in wanted]
    moves = [(post, tid, target) for post, tid, target in moves if tid != target]
    if moves:
        c.move_posts(moves)   # a replayed topic left without posts goes where most went
    c.drain_moves()   # the store already has these assignments
    return len(moves)
