"""On the wall: the record of the most recent posts (their model words, time and text, and in which
topic's model counts each is), and single posts moved from one topic to another (the batch's stories
every half hour, :mod:`~newsroom.analysis.wall_stories`), the model's counts following them. Replies of
no words ("Echt waar?") are kept apart: no step reads them, they follow their parents."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsroom.analysis.topic_ids import most_held
from newsroom.analysis.topic_records import Counts, KeptPost, RecentPost, meta_add, meta_remove

if TYPE_CHECKING:
    from newsroom.analysis.topics import TopicClusterer


def keep_recent(c: TopicClusterer, post: RecentPost, counts: Counts) -> None:
    """Keep a recent post (the oldest one goes), and in which topic's counts the model holds its words."""
    _keep(c, c._recent, post, counts)
    c.recent_count += 1


def keep_wordless_reply(c: TopicClusterer, post: RecentPost, counts: Counts) -> None:
    """Keep a recent reply of no words (the oldest one goes) and in which topic's counts it is."""
    _keep(c, c._wordless, post, counts)


def _keep(c: TopicClusterer, kept: deque[RecentPost], post: RecentPost, counts: Counts) -> None:
    """``post`` at the end of ``kept`` (its oldest post forgotten when full) and its topic's counts."""
    if len(kept) == kept.maxlen:
        c._counted.pop(kept[0].id, None)
    kept.append(post)
    c._counted[post.id] = counts


def follow_parents(c: TopicClusterer) -> int:
    """Each kept reply of no words whose parent is now in another topic moves to it (a stories pass
    moved the parent: the reply would stay behind, since no step reads a post of no words), a reply to
    such a reply with it; returns how many moved. A reply whose parent is no longer tracked stays."""
    assign, resolve = c._assign, c._resolve
    moves: list[tuple[RecentPost, int, int]] = []
    going: dict[str, int] = {}              # a reply to a reply follows where its parent goes (oldest first)
    for post in c._wordless:
        tid, parent = assign.get(post.id), post.reply_to or ""
        there = going.get(parent, resolve(assign[parent]) if parent in assign else None)
        if tid is not None and there is not None and resolve(tid) != there:
            moves.append((post, resolve(tid), there))
            going[post.id] = there
    move_posts(c, moves)
    return len(moves)


def recent_posts(c: TopicClusterer) -> list[tuple[RecentPost, int]]:
    """The kept recent posts, oldest first, each with the topic it is in now (live or retired; a post
    whose assignment is no longer tracked is left out)."""
    out: list[tuple[RecentPost, int]] = []
    assign, resolve = c._assign, c._resolve
    for post in c._recent:
        tid = assign.get(post.id)
        if tid is not None:
            out.append((post, resolve(tid)))
    return out


def move_posts(c: TopicClusterer, moves: Sequence[tuple[RecentPost, int, int]]) -> list[int]:
    """Recent posts move from one topic to another (live or retired); a live topic's counts, posts and
    times follow (each word counted once, at the post's weight). A live topic that lost every post is
    folded into the topic most of them went to (its alert follows them); returns those topics."""
    emptied: list[int] = []
    model = c.model
    for post, old, new in moves:
        published = datetime.fromtimestamp(post.time, UTC)
        items = [(w, 1) for w in post.words]
        doc = KeptPost(post.id, list(post.words), items, len(items), model.weight_at(post.time), new,
                       published, post.sentiment, post.negative, post.text, post.lang)
        counted = c._counted.get(post.id)
        if new in c._meta:
            model.add(new, items, doc.length, doc.weight)
            meta_add(c._meta[new], doc, c.max_ids)
            c._lru.setdefault(new, None)
            c._counted[post.id] = c._meta[new].counts
        else:
            c._counted.pop(post.id, None)
        if old in c._meta and counted is not None and counted.root() is c._meta[old].counts:
            if model.remove(old, items, doc.length, doc.weight):
                c._meta.pop(old)
                c._lru.pop(old, None)
                emptied.append(old)
            else:
                meta_remove(c._meta[old], doc)
        c._assign[post.id] = new
        c._moves[post.id] = new
    for gone in emptied:
        c.fold(gone, most_held(Counter(new for _, old, new in moves if old == gone)))
    return emptied
