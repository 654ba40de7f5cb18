"""What the wall shows of a live topic: its name, its strongest words, its most typical posts, and the
words never in a name (the town's own, what most posts say), cached per topic version."""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping
from datetime import datetime
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING

from newsroom.analysis.topic_names import first_words, name_topic
from newsroom.analysis.words import STEMMERS
from newsroom.domain import TermWeight, TopicState

if TYPE_CHECKING:
    from newsroom.analysis.topic_records import TopicMeta
    from newsroom.analysis.topics import TopicClusterer

#: Words shown per topic (its cloud).
TOP_TERMS = 12
#: A topic is named again when it has grown by this factor.
RENAME_GROWTH = 1.1
#: On the wall, words in more than this share of the recently observed mentions are not in a name.
NAME_BACKGROUND = 0.1
#: On the wall, such a word may name a topic that uses it this many times as often as the stream does.
OWN_FACTOR = 3.0
#: On the wall the common words are worked out again every COMMON_EARLY_STEP observed mentions while
#: fewer than COMMON_EARLY were observed, then every COMMON_STEP.
COMMON_EARLY = 1000
COMMON_EARLY_STEP = 50
COMMON_STEP = 500
#: On the wall: from this many observed mentions on (also the background words' threshold).
BACKGROUND_MIN_LIVE = 50

Summary = tuple[int, str, list[tuple[str, float]], tuple[str, ...]]


def summary(c: TopicClusterer, tid: int) -> Summary:
    """(version, label, top terms in stored units, representative ids), cached per topic version."""
    meta = c._meta[tid]
    if meta.cached is not None and meta.cached[0] == meta.version:
        return meta.cached
    cluster = c.model.clusters[tid]
    shown = meta.shown
    counted = chain(cluster.words.items(), shown.items()) if shown else cluster.words.items()
    top = heapq.nlargest(TOP_TERMS, counted, key=itemgetter(1))  # ties: first seen
    label = name_of(c, meta)
    reps = representatives(c, tid)
    meta.cached = (meta.version, label, top, reps)
    return meta.cached


def name_of(c: TopicClusterer, meta: TopicMeta) -> str:
    """The topic's name (:func:`name_topic`) from its recent posts; named again as it grows by a
    tenth (and while small, at every post), keeping its name while that still fits. A topic whose posts
    hold no word to name it by is called by its first post's first words (:func:`first_words`): a tile
    never shows an empty title."""
    if meta.label and meta.size < max(meta.label_size * RENAME_GROWTH, meta.label_size + 1):
        return meta.label
    name = name_topic(list(meta.texts), c.words, c.idf,
                      frozenset(meta.shown) | c.background | common_words(c, meta.id)
                      | c._searched[1], meta.label, keep_town=False) or first_words(t for t, _ in meta.texts)
    if not (meta.label and meta.label == meta.given and same_story_name(c, meta.label, name)):
        meta.label = name   # a name a stories pass gave stays while the fresh one names the story alike
    meta.label_size = meta.size
    return meta.label


#: a word at least this long that starts another is its compound's head ("storm" in "stormschade")
COMPOUND_HEAD = 4


def label_keys(c: TopicClusterer, label: str) -> set[str]:
    """The model keys of a label's words, in every language."""
    out: set[str] = set()
    for word in label.split():
        for lang in (None, *sorted(STEMMERS)):
            hit = c.words.key_of(word.strip(".,:;!?\"'()"), lang)
            if hit is not None:
                out.add(hit[0])
    return out


def same_story_name(c: TopicClusterer, name: str, new: str) -> bool:
    """Whether ``new`` names a story alike to ``name``, so a tile keeps ``name``. Where one says all the
    other says (each word, or its compound: "storm" in "stormschade"), the one that says more stays
    ("Wateroverlast Wervel" for "Water" is taken, not the reverse); two that say as much are alike
    ("Storm in Lindeveld-Noord" and "Stormschade in Lindeveld-Noord"); otherwise they are alike when
    they share a word that says what happened (not a name or place: a word in lower case, or the
    first): "Veerpont Heerewaarden" for "Afgelast Heerewaarden" is taken, a place alone is no story."""
    if name == new:
        return True
    old_keys, new_keys = label_keys(c, name), label_keys(c, new)
    says_old, says_new = _covers(new_keys, old_keys), _covers(old_keys, new_keys)
    if says_old or says_new:
        return says_old
    return _covers(_subject_keys(c, new), _subject_keys(c, name), any_one=True)


def _covers(keys: set[str], within: set[str], *, any_one: bool = False) -> bool:
    """Whether every key of ``keys`` (``any_one``: at least one) is in ``within`` or starts, or is
    started by, one of them (a Dutch compound and its head)."""
    def related(a: str) -> bool:
        return any(a == b or (min(len(a), len(b)) >= COMPOUND_HEAD and (a.startswith(b) or b.startswith(a)))
                   for b in within)
    return any(map(related, keys)) if any_one else all(map(related, keys))


def _subject_keys(c: TopicClusterer, label: str) -> set[str]:
    """The keys of a label's words that are no name or place: its first word and those in lower case."""
    words = label.split()
    return label_keys(c, " ".join(w for k, w in enumerate(words) if k == 0 or w[:1].islower()))


def common_words(c: TopicClusterer, tid: int | None = None) -> frozenset[str]:
    """On the wall: words in more than NAME_BACKGROUND of the recently observed mentions (the town's
    name), never in a topic's name (worked out again every COMMON_EARLY_STEP observed mentions at
    first, then every COMMON_STEP: worked out once before the 50th and kept until the 500th, there
    were none on a new wall's first 500 mentions, and the town was in names); with ``tid``, except
    the words that topic uses OWN_FACTOR times as often as the stream (a big story's own words,
    "brug" and "Kanaalweg" in the bridge's topic)."""
    step = COMMON_EARLY_STEP if c._seen < COMMON_EARLY else COMMON_STEP
    stamp = int(c._seen) // step + (0 if step == COMMON_EARLY_STEP else COMMON_EARLY)
    if c._common[0] != stamp:
        limit = NAME_BACKGROUND * c._seen
        c._common = (stamp, frozenset(w for w, n in c._spread.items() if n > limit)
                     if c._seen >= BACKGROUND_MIN_LIVE else frozenset())
    common = c._common[1]
    cluster = c.model.clusters.get(tid) if tid is not None else None
    if cluster is None:
        return common
    return all_but_own(c, common, cluster.words, cluster.docs)


def all_but_own(c: TopicClusterer, common: frozenset[str], used: Mapping[str, float], docs: float
                ) -> frozenset[str]:
    """The ``common`` words except a story's own: those its ``docs`` posts use (``used``: in how many)
    OWN_FACTOR times as often as the stream ("brug" and "Kanaalweg" in the bridge's story)."""
    if not common or docs <= 0.0 or c._seen <= 0.0:
        return common
    spread, seen = c._spread, c._seen
    return frozenset(w for w in common if used.get(w, 0.0) / docs < OWN_FACTOR * spread.get(w, 0.0) / seen)


def is_shown(c: TopicClusterer, tid: int) -> bool:
    """On the wall: whether ``tid`` is a tile the wall lists now (:func:`topic_states` at the stream's
    time): live, of the tiles' size, not silent too long."""
    meta = c._meta.get(tid)
    now = c.model.now
    return meta is not None and now is not None and _listed(c, meta, now, c.min_size)


def _listed(c: TopicClusterer, meta: TopicMeta, now: float, floor: int) -> bool:
    """Whether a live topic is a tile at stream time ``now``: ``floor`` posts at least, not silent
    longer than ``retire_after_s``."""
    return meta.size >= floor and now - meta.last.timestamp() <= c.retire_after_s


def representatives(c: TopicClusterer, tid: int, k: int = 3) -> tuple[str, ...]:
    """Ids of the kept sample mentions most typical of the topic (highest mean word probability)."""
    cluster = c.model.clusters[tid]
    total = cluster.words_total + c.model.beta * max(len(cluster.words), 1)
    scored = []
    for mid, items in c._meta[tid].sample:
        n = sum(times for _, times in items)
        score = sum(times * math.log((cluster.words.get(w, 0.0) + c.model.beta) / total)
                    for w, times in items) / n
        scored.append((score, mid))
    scored.sort(key=lambda s: -s[0])
    out: list[str] = []
    for _, mid in scored:
        if mid not in out:
            out.append(mid)
        if len(out) == k:
            break
    return tuple(out)


def topic_states(c: TopicClusterer, now: datetime, min_size: int | None = None) -> list[TopicState]:
    """Live topics, biggest first (topics below ``min_size`` mentions or silent too long hidden)."""
    floor = c.min_size if min_size is None else min_size
    unit = c.model.unit
    out = []
    for tid, meta in c._meta.items():
        if not _listed(c, meta, now.timestamp(), floor):
            continue
        _, label, top, reps = summary(c, tid)
        meta.title = label
        if tid in c.ended_names:        # a name kept while no tile showed it: the title is the wall's now
            del c.ended_names[tid]
            c.ended_seen.pop(tid, None)
        terms = tuple(TermWeight(c.words.written(w), v * unit,
                                 meta.sentiment.get(w, 0.0) / v if v else 0.0,
                                 min(1.0, max(0.0, meta.negwords.get(w, 0.0) / v)) if v else 0.0)
                      for w, v in top)
        out.append(TopicState(tid, label, terms, meta.size, meta.negative, meta.first, meta.last, reps))
    return sorted(out, key=lambda t: (-t.size, t.id))
