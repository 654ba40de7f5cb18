"""On the wall: a topic takes the name the stories pass found for it (:mod:`wall_stories`), unless the
name holds a word the wall never names with (the searches' terms, the town's name, background words), in
any language's key. A shown topic's name is its tile's title; the name of a topic no tile shows (ended,
or live but hidden: below the tiles' size, silent too long) is kept for the store
(:attr:`TopicClusterer.ended_names`: the briefing and the history name it so), and so is a tile's last
title when its topic ends (:func:`keep_title`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsroom.analysis.topic_summary import all_but_own, is_shown, label_keys, same_story_name

if TYPE_CHECKING:
    from newsroom.analysis.topics import TopicClusterer


def name_as(c: TopicClusterer, tid: int, label: str, *, steady: bool = False) -> bool:
    """On the wall: a live topic takes ``label`` as its name (kept while it fits, see
    :func:`topic_summary.name_of`), unless the label holds a word the wall never names with (the
    searches' terms, the town's name, background words: "Ritten in Lindeveld" on Lindeveld's wall
    says no more than "Ritten"); returns whether it did. ``steady`` (a stories pass): a tile still
    showing the name given before keeps it while the new one names the story alike
    (:func:`~topic_summary.same_story_name`): a story named afresh every half hour was "Stormschade in
    Lindeveld-Noord", then "Storm in Lindeveld-Noord", then the first again; a tile's own name (a weaker
    one, given as it grew) gives way."""
    meta = c._meta.get(tid)
    if meta is None or not label or _holds_excluded(c, label, c._common_words(tid)):
        return False
    if steady and meta.label and meta.label == meta.given and same_story_name(c, meta.label, label):
        return False
    meta.label, meta.label_size, meta.cached, meta.given = label, meta.size, None, label
    return True


def name_ended(c: TopicClusterer, tid: int, label: str, posts: Sequence[Sequence[str]] = ()) -> bool:
    """On the wall: a topic no tile shows (retired, or live but hidden: :func:`~topic_summary.is_shown`)
    that a story maps onto takes ``label`` as its name, under the live tiles' rule (the words its story's
    kept ``posts`` use :data:`~topic_summary.OWN_FACTOR` times as often as the stream are its own, as a
    tile's are: a retired topic has no model counts, a hidden one few); a name it has keeps while it
    still fits (it shares a word with ``label``, in any language's key). Returns whether the name
    changed (then it waits in ``c.ended_new`` for the store)."""
    if not label or is_shown(c, tid):
        return False
    changed = _rename_ended(c, tid, label, posts)
    if tid in c.ended_names and c.model.now is not None:
        c.ended_seen[tid] = c.model.now                 # still (or now) a story's id: not forgotten yet
    return changed


def _rename_ended(c: TopicClusterer, tid: int, label: str, posts: Sequence[Sequence[str]]) -> bool:
    """Give the unshown topic ``tid`` the name ``label`` unless a story word is excluded or its name
    still fits; returns whether it did."""
    used = Counter(w for words in posts for w in set(words))
    if _holds_excluded(c, label, all_but_own(c, c._common_words(None), used, len(posts))):
        return False
    old = c.ended_names.get(tid)
    if old is not None and (old == label or label_keys(c, old) & label_keys(c, label)):
        return False
    c.ended_names[tid] = c.ended_new[tid] = label
    return True


def keep_title(c: TopicClusterer, tid: int) -> bool:
    """On the wall: a live topic that ends (retires) leaves the title its tile was last listed with to
    the store (``c.ended_new``), if the title still fits (the live tiles' rule, with the topic's counts
    as they are before they go) and no pass named the topic since (hidden: its name is newer); returns
    whether it did. Not one of ``c.ended_names``: a later pass's name of the story replaces it as the
    batch's name replaces a live tile's own (kept there, a weaker title that shares a word with the
    batch's name would stay)."""
    meta = c._meta.get(tid)
    title = meta.title if meta is not None else ""
    if not title or tid in c.ended_names or _holds_excluded(c, title, c._common_words(tid)):
        return False
    c.ended_new[tid] = title
    return True


def forget_ended(c: TopicClusterer, before: float) -> int:
    """Forget the names of ended topics no pass mapped a story onto since stream time ``before`` (the
    store keeps them; a pass only sees the posts of its window, so such a topic is rarely a story's id
    again, and then it is named afresh): a wall that runs for months keeps a window's worth of names,
    not every name it ever gave. Names still waiting for the store stay in ``c.ended_new``. Returns how
    many were forgotten."""
    old = sorted(tid for tid, at in c.ended_seen.items() if at < before)
    for tid in old:
        del c.ended_seen[tid]
        c.ended_names.pop(tid, None)
    return len(old)


def _holds_excluded(c: TopicClusterer, label: str, common: frozenset[str]) -> bool:
    """Whether a word of ``label``, in any language's key, is one the wall's own names leave out: the
    searches' terms, background words and the ``common`` words the topic does not make its own."""
    return bool(label_keys(c, label) & (c.background | common | c._searched[1]))
