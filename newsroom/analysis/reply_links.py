"""Reply links as evidence of a story: a reply goes where the post it answers went.

A source says which post a reply answers (Mastodon ``in_reply_to_id``, a Bluesky reply's parent, X
``replied_to``): :attr:`Mention.reply_to`, or ``reply_to`` in ``newsroom topics`` input. "Klopt", "Mooi
zo", "Hoe lang nog?" carry none of the story's words; the link does. Here:

- which links count (:func:`usable_links`): a parent that is an earlier post of the same input;
  another one (a parent we never saw, a later post, the post itself) is ignored;
- the topic a new reply joins as it arrives (:func:`parent_topic`): its parent's, while that topic
  lives and has words (a thread of "Top", "Ja echt" and emojis is no tile of its own);
- after the batch's story steps, threads kept whole (:func:`keep_threads`): each reply, parents first,
  moves to its parent's final topic, so no step tears a thread apart;
- the posts a topic is named from (:func:`naming_posts`): those that answer no one, when it has one
  (a reply says "Klopt", the post it answers says what the story is).

Deterministic: links in input order; nothing iterates a set or a dict of sets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsroom.analysis.topics import KeptPost, TopicClusterer


def usable_links(ids: Sequence[str], replies: Mapping[str, str]) -> dict[str, str]:
    """The links of ``replies`` (reply id -> parent id) whose parent comes earlier in ``ids`` (the input
    order), in that order; a parent not in ``ids``, a later one or the post itself is left out."""
    seen: set[str] = set()
    out: dict[str, str] = {}
    for mention_id in ids:
        parent = replies.get(mention_id)
        if parent is not None and parent in seen:
            out[mention_id] = parent
        seen.add(mention_id)
    return out


def parent_topic(c: TopicClusterer, reply_to: str | None) -> int | None:
    """The live topic a new reply joins: its parent's (followed through merges); None when there is no
    parent, it was never assigned (or is no longer tracked), its topic is not live (retired) or has no
    words (its posts had none: the reply is placed as any post)."""
    if reply_to is None:
        return None
    tid = c._assign.get(reply_to)
    if tid is None:
        return None
    tid = c.resolve(tid)
    return tid if c.is_live(tid) and _has_words(c, tid) else None


def keep_threads(c: TopicClusterer, links: Mapping[str, str]) -> int:
    """Batch: every reply of ``links`` (in its order, parents before their replies) moves to its
    parent's topic, live or retired, so the thread ends whole where its first post ended (not into a
    topic of no words); returns the moves."""
    if not links:
        return 0
    docs: dict[str, KeptPost] = {doc.id: doc for doc in c.kept}
    topic: dict[str, int] = {mid: c.resolve(doc.topic) for mid, doc in docs.items()}
    moves: list[tuple[KeptPost, int, int]] = []
    for child, parent in links.items():
        if child not in docs or parent not in topic:
            continue
        old, new = topic[child], topic[parent]
        if old != new and c.is_live(new) and _has_words(c, new):
            topic[child] = new
            moves.append((docs[child], old, new))
    if moves:
        c.move(moves)
    return len(moves)


def _has_words(c: TopicClusterer, tid: int) -> bool:
    """Whether a live topic's posts have model words (a topic of wordless posts has none)."""
    return c.model.clusters[tid].words_total > 0.0


def naming_posts(posts: Sequence[tuple[str, str, str | None]], links: Mapping[str, str]
                 ) -> list[tuple[str, str | None]]:
    """The (text, language) a topic is named from, of its posts (id, text, language): those that are
    no reply of ``links`` when there is one, else all."""
    starters = [(text, lang) for mid, text, lang in posts if mid not in links]
    return starters or [(text, lang) for _, text, lang in posts]
