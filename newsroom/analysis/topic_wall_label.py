"""On the wall: a topic takes the name the stories pass found for it (:mod:`wall_stories`), unless the
name holds a word the wall never names with (the searches' terms, the town's name, background words), in
any language's key. A live topic's name is its tile's title; an ended (retired) topic's is kept for the
store (:attr:`TopicClusterer.ended_names`: the briefing and the history name it so)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsroom.analysis.topic_summary import OWN_FACTOR
from newsroom.analysis.words import STEMMERS

if TYPE_CHECKING:
    from newsroom.analysis.topics import TopicClusterer


def name_as(c: TopicClusterer, tid: int, label: str) -> bool:
    """On the wall: a live topic takes ``label`` as its name (kept while it fits, see
    :func:`topic_summary.name_of`), unless the label holds a word the wall never names with (the
    searches' terms, the town's name, background words: "Ritten in Lindeveld" on Lindeveld's wall
    says no more than "Ritten"); returns whether it did."""
    meta = c._meta.get(tid)
    if meta is None or not label or _names_with_excluded(c, tid, label):
        return False
    meta.label, meta.label_size, meta.cached = label, meta.size, None
    return True


def name_ended(c: TopicClusterer, tid: int, label: str, posts: Sequence[Sequence[str]] = ()) -> bool:
    """On the wall: a retired topic a story maps onto takes ``label`` as its name, under the live tiles'
    rule (a retired topic has no model counts: the words its story's kept ``posts`` use OWN_FACTOR
    times as often as the stream are its own, as a live topic's are); a name it has keeps while it still
    fits (it shares a word with ``label``, in any language's key). Returns whether the name changed
    (then it waits in ``c.ended_new`` for the store)."""
    if not label or c.is_live(tid):
        return False
    excluded = c.background | _common_but_own(c, posts) | c._searched[1]
    if _keys(c, label) & excluded:
        return False
    old = c.ended_names.get(tid)
    if old is not None and (old == label or _keys(c, old) & _keys(c, label)):
        return False
    c.ended_names[tid] = c.ended_new[tid] = label
    return True


def _common_but_own(c: TopicClusterer, posts: Sequence[Sequence[str]]) -> frozenset[str]:
    """The wall's common words (:func:`topic_summary.common_words`) except the story's own: those its
    posts use OWN_FACTOR times as often as the stream."""
    common = c._common_words(None)
    if not common or not posts or c._seen <= 0.0:
        return common
    used = Counter(w for words in posts for w in set(words))
    return frozenset(w for w in common
                     if used[w] / len(posts) < OWN_FACTOR * c._spread.get(w, 0.0) / c._seen)


def _keys(c: TopicClusterer, label: str) -> set[str]:
    """The model keys of a label's words, in every language."""
    out: set[str] = set()
    for word in label.split():
        for lang in (None, *sorted(STEMMERS)):
            hit = c.words.key_of(word.strip(".,:;!?\"'()"), lang)
            if hit is not None:
                out.add(hit[0])
    return out


def _names_with_excluded(c: TopicClusterer, tid: int, label: str) -> bool:
    """Whether a word of ``label``, in any language's key, is one the wall's own names leave out."""
    excluded = c.background | c._common_words(tid) | c._searched[1]
    return bool(_keys(c, label) & excluded)
