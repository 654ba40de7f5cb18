"""On the wall: the batch's stories over the posts the wall keeps, mapped onto its live topics.

The wall assigns each post as it arrives and merges what it can every few minutes; the batch
(``newsroom topics``) groups a whole stream into stories with steps the streaming path cannot make
(posts moving to their story, learned joins, gathering, placement). Every :data:`EVERY_S` of stream
time, when posts came in since (any number: a crisis is when the wall matters most), the kept recent posts
(:meth:`TopicClusterer.recent_posts`: those of the last :data:`WINDOW_S`, at most :data:`MOST_POSTS`)
go through the batch's own computation (:func:`~newsroom.analysis.topic_batch.assign_topics`:
clustered afresh, then its story steps), so a pass never builds on what an earlier one joined (fed the
wall's merged topics, the steps joined a little more at every pass, until one topic held every post).
The stories are then mapped onto the wall's ids, so tiles stay stable:

- a story takes the id of the live topic that holds most of its posts (a story without a live topic:
  the retired one that does), one story per id, the stories holding most posts first; a story whose
  topics are all taken gets a new id;
- a topic whose kept posts all go to one story's id is merged into it (live into live: the bigger id
  stays; a live one into a retired story: it goes on under the story's id; a retired one: folded), so
  the store's mentions, counts and alerts follow as in any merge (:meth:`TopicClusterer.drain_merges`);
- other posts move on their own (:meth:`TopicClusterer.move_posts`, :meth:`TopicClusterer.drain_moves`:
  the store's ``set_topics``);
- a live story's tile takes the batch's name of the story (kept while it fits, as any name); a story
  whose id no tile shows gives that id the same name under the same rule, kept for the store (the
  briefing and the history show it: :meth:`TopicClusterer.name_ended`): a retired id (the story ended
  before a pass regrouped it), or a live one the wall hides (a story that ended comes back in a post or
  two: its retired topics fold into their topic, whose tile counts only its own live posts).

A kept post that answers another kept post (``RecentPost.reply_to``, from ``Mention.reply_to``) ends in
its parent's story: the batch keeps threads whole (:mod:`~newsroom.analysis.reply_links`). A reply of no
words ("Echt waar?") is no kept post (no step reads it); after the pass it moves to wherever its parent
went (:func:`~newsroom.analysis.topic_recent.follow_parents`).

Deterministic: posts in their kept order, stories and ids sorted, ties to the lower id.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsroom.analysis import topic_recent, topic_summary, topic_wall_label

if TYPE_CHECKING:
    from newsroom.analysis.topics import RecentPost, TopicClusterer

#: Stream seconds between two passes (a pass runs at a consolidation when posts came in since the last).
EVERY_S = 30 * 60.0
#: In an import (stream time runs as fast as the file is read) and in a restart's replay of the last
#: day, no pass while more posts than this came in since the last try: at crisis volume a pass every
#: EVERY_S of the file's time would slow the import down by a third. The live wall has no such bound:
#: a pass costs ~0.9 s of CPU every EVERY_S of real time, plus the sentence vectors of the kept posts
#: new since the last pass (post_meaning, ~1.7 ms of CPU a post: up to ~7 s over a crisis day's 4,000).
IMPORT_BUSY_POSTS = 500
#: Only the kept posts of this many stream seconds before the newest are taken (older posts stay put).
WINDOW_S = 7 * 24 * 3600.0
#: At most this many of them, the most recent (the batch's cost grows with them).
MOST_POSTS = 4000
#: No pass over fewer posts than this (a story's words and their rarity need a few stories to tell).
MIN_POSTS = 100
#: At most this many single posts move in one pass, the newest first (what the store rewrites in one
#: poll stays bounded; older posts left out move at a later pass).
MOST_MOVES = 1000


@dataclass(frozen=True, slots=True)
class StoryPass:
    """What one pass did: posts it looked at, stories, merges and single moves it made."""

    posts: int
    stories: int
    merges: int
    moves: int


def run_pass(clusterer: TopicClusterer, *, held: bool = False, most_new: int | None = None
             ) -> StoryPass | None:
    """A pass when one is due: a new EVERY_S of stream time began since the last one (:func:`due`; or
    since one was skipped) and posts came in since (at most ``most_new`` of them when given: an import, see
    :data:`IMPORT_BUSY_POSTS`); None when none ran. ``held``: a backlog is being drained (the poll
    already takes long): no pass now, it stays due for the next consolidation."""
    now = clusterer.model.now
    if held or now is None or (clusterer.stories_at is not None and not due(clusterer.stories_at, now)):
        return None
    new = clusterer.recent_count - clusterer.stories_seen
    clusterer.stories_at, clusterer.stories_seen = now, clusterer.recent_count
    if new <= 0 or (most_new is not None and new > most_new):
        return None
    return story_pass(clusterer)


def due(last: float, now: float) -> bool:
    """Whether a pass is due at stream time ``now`` after one at ``last``: passes keep to fixed half
    hours of stream time (one in each EVERY_S from the epoch), so a wall restarted from its store runs
    its passes when the wall that did not restart would have."""
    return math.floor(now / EVERY_S) > math.floor(last / EVERY_S)


def story_pass(clusterer: TopicClusterer) -> StoryPass:
    """The batch's story steps over the kept recent posts, applied to the wall's topics."""
    kept = window(clusterer.recent_posts(), clusterer.model.now)
    if len(kept) < MIN_POSTS:
        return StoryPass(len(kept), 0, 0, 0)
    story, names = stories_of(kept)
    merges, moves, named = apply(clusterer, kept, story)
    moves += topic_recent.follow_parents(clusterer)     # replies of no words follow their parents
    words: dict[int, list[tuple[str, ...]]] = {}
    for (post, _), s in zip(kept, story, strict=True):
        words.setdefault(s, []).append(post.words)
    for tid, s in sorted(named.items()):
        if clusterer.is_live(tid):
            clusterer.name_as(tid, names.get(s, ""), steady=True)
        if not topic_summary.is_shown(clusterer, tid):  # a story that ended before a pass regrouped it,
            clusterer.name_ended(tid, names.get(s, ""), words.get(s, []))   # or a tile the wall hides
    if clusterer.model.now is not None:                 # what the wall remembers stays bounded
        topic_wall_label.forget_ended(clusterer, clusterer.model.now - WINDOW_S)
    return StoryPass(len(kept), len(set(story)), merges, moves)


def window(recent: list[tuple[RecentPost, int]], now: float | None) -> list[tuple[RecentPost, int]]:
    """The kept posts a pass takes: those of the last WINDOW_S, at most MOST_POSTS of the newest."""
    since = -math.inf if now is None else now - WINDOW_S
    kept = [(p, t) for p, t in recent if p.time >= since]
    return kept[-MOST_POSTS:]


def stories_of(kept: Sequence[tuple[RecentPost, int]]) -> tuple[list[int], dict[int, str]]:
    """Each kept post's story and each story's name: ``newsroom topics`` over the kept posts
    (:func:`~newsroom.analysis.topic_batch.assign_topics`: the stream clustered afresh, then the story
    steps), so a pass never starts from what an earlier pass joined. A reply whose parent is kept too
    ends in its parent's story (:mod:`~newsroom.analysis.reply_links`)."""
    from newsroom.analysis import topic_batch  # the batch's module imports the clusterer's

    replies = {p.id: p.reply_to for p, _ in kept if p.reply_to is not None}   # threads kept whole
    done = topic_batch.assign_topics(((p.id, p.text, datetime.fromtimestamp(p.time, UTC), p.lang)
                                      for p, _ in kept), replies=replies, keep_town=False)
    return [a.topic for a in done], {a.topic: a.label for a in done}


def targets(kept: Sequence[tuple[RecentPost, int]], story: Sequence[int],
            live: Callable[[int], bool]) -> dict[int, int]:
    """Each story's wall id: the live topic holding most of its posts (else the retired one), one story
    per id, the pairs holding most posts first (ties: live first, then the lower story and id). A story
    left without one is missing from the answer."""
    held: Counter[tuple[int, int]] = Counter((s, t) for s, (_, t) in zip(story, kept, strict=True))
    order = sorted(held.items(), key=lambda kv: (not live(kv[0][1]), -kv[1], kv[0][0], kv[0][1]))
    out: dict[int, int] = {}
    taken: set[int] = set()
    for (s, t), _ in order:
        if s in out or t in taken:
            continue
        out[s] = t
        taken.add(t)
    return out


def apply(clusterer: TopicClusterer, kept: Sequence[tuple[RecentPost, int]], story: Sequence[int]
          ) -> tuple[int, int, dict[int, int]]:
    """Map the stories onto the wall's ids and make the merges and moves (see the module's docstring);
    returns (merges, single moves, the story of each topic a story took, live or retired)."""
    target = targets(kept, story, clusterer.is_live)
    horizon = (clusterer.model.now or 0.0) - clusterer.retire_after_s
    for s in sorted(set(story) - set(target)):          # a story whose topics all went to others
        times = [p.time for (p, _), t in zip(kept, story, strict=True) if t == s]
        # a new tile only for a story still told (a new id for a story told before would retire at once)
        target[s] = (clusterer.new_topic(datetime.fromtimestamp(min(times), UTC)) if max(times) >= horizon
                     else clusterer.fresh_id())
    goes: dict[int, set[int]] = {}
    for (_, tid), s in zip(kept, story, strict=True):
        goes.setdefault(tid, set()).add(target.get(s, tid))   # a story left without an id stays put
    merges = 0
    for tid in sorted(goes):                            # a topic whose posts all go to one id: merged
        dests = goes[tid]
        if len(dests) != 1:
            continue
        dest = clusterer.resolve(next(iter(dests)))
        src = clusterer.resolve(tid)
        if src == dest:
            continue
        if clusterer.is_live(src) and clusterer.is_live(dest):
            clusterer.merge(src, dest)
        elif clusterer.is_live(src):
            if not clusterer.take_up(src, dest):
                continue
        elif not clusterer.fold(src, dest):
            continue
        merges += 1
    moves: list[tuple[RecentPost, int, int]] = []
    for (post, tid), s in reversed(list(zip(kept, story, strict=True))):   # the newest first
        old, new = clusterer.resolve(tid), clusterer.resolve(target.get(s, tid))
        if old != new and len(moves) < MOST_MOVES:
            moves.append((post, old, new))
    moves.reverse()                                     # in the kept order, as before the cap
    if moves:
        clusterer.move_posts(moves)                     # a topic left without posts: its alert follows
    named = {clusterer.resolve(t): s for s, t in target.items()}
    return merges, len(moves), named
