"""On the wall: a live topic takes the name the stories pass found for it (:mod:`wall_stories`),
unless the name holds a word the wall never names with (the searches' terms, the town's name,
background words), in any language's key."""

from __future__ import annotations

from typing import TYPE_CHECKING

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


def _names_with_excluded(c: TopicClusterer, tid: int, label: str) -> bool:
    """Whether a word of ``label``, in any language's key, is one the wall's own names leave out."""
    excluded = c.background | c._common_words(tid) | c._searched[1]
    for word in label.split():
        for lang in (None, *sorted(STEMMERS)):
            hit = c.words.key_of(word.strip(".,:;!?\"'()"), lang)
            if hit is not None and hit[0] in excluded:
                return True
    return False
