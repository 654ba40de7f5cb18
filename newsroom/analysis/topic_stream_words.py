"""Which words the stream uses: every coming mention's words counted before it is added (how many
recent mentions use each word, how rare it is), the words every story uses on the wall (background:
the town's name, "gemeente"), and the searches' own terms as model keys (never in a name)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from newsroom.analysis.topic_summary import COMMON_EARLY, COMMON_EARLY_STEP
from newsroom.analysis.topic_words import background_words
from newsroom.analysis.words import STEMMERS

if TYPE_CHECKING:
    from newsroom.analysis.topics import TopicClusterer

#: On the wall: the words' counts are over a window of about this many recent mentions (older counts
#: are halved).
BACKGROUND_WINDOW = 5000
#: observed mentions whose words are kept for their add (a batch; beyond, they are read again)
SCANS_KEPT = 4096
#: On the wall: the words of this many recently observed mentions, in which the batch's rule finds the
#: words every story uses (:func:`background_words`: the town's name in a fifth of the posts, spread
#: over them), worked out again every COMMON_EARLY_STEP observed mentions while fewer than
#: COMMON_EARLY were observed, then every BACKGROUND_STEP (~25 ms each at crisis volume)
BACKGROUND_DOCS = 1000
BACKGROUND_STEP = 2000


def observe(c: TopicClusterer, text: str, lang: str | None, exclude_terms: Iterable[str]) -> None:
    """Count which words a coming mention uses, before it is added (see
    :meth:`TopicClusterer.observe`); its words are kept for its add."""
    if lang not in STEMMERS:
        lang = c.usual_language
    spread = c._spread
    scans = c._scans
    if len(scans) >= SCANS_KEPT:
        scans.clear()
    scan = c.words.scan(text, lang, exclude_terms)
    scans[(text, lang)] = (exclude_terms, scan)
    words = frozenset(scan[0])
    for t in words:
        spread[t] = spread.get(t, 0.0) + 1.0
    c._seen += 1.0
    c._window.append(words)
    if c._seen > 2 * BACKGROUND_WINDOW:  # a window of recent mentions: halve the old counts
        c._seen /= 2
        c._spread = {w: n / 2 for w, n in spread.items() if n >= 2.0}


def wall_background(c: TopicClusterer) -> frozenset[str]:
    """On the wall: the words every story uses in the recently observed mentions (the batch's
    :func:`background_words`), worked out again every COMMON_EARLY_STEP observed mentions at first,
    then every BACKGROUND_STEP."""
    if not c._window:
        return c._wall_words
    step = COMMON_EARLY_STEP if c._seen < COMMON_EARLY else BACKGROUND_STEP
    stamp = int(c._seen) // step + (0 if step == COMMON_EARLY_STEP else COMMON_EARLY)
    if stamp != c._background_at:
        c._background_at = stamp
        c._wall_words = background_words(list(c._window))
    return c._wall_words


def remember_searched(c: TopicClusterer, exclude_terms: Iterable[str]) -> None:
    """The searches' own terms as model keys in every language (worked out again when they change)."""
    terms = tuple(exclude_terms)
    if terms == c._searched[0]:
        return
    keys = set()
    for term in terms:
        for word in term.lstrip("#").split():
            for lang in (None, *sorted(STEMMERS)):
                hit = c.words.key_of(word, lang)
                if hit is not None:
                    keys.add(hit[0])
    c._searched = (terms, frozenset(keys))


def count_spread(c: TopicClusterer, documents: Sequence[frozenset[str]]) -> None:
    """Batch mode: how many documents use each word, from the whole input at once."""
    spread: dict[str, float] = {}
    for doc in documents:
        for w in doc:
            spread[w] = spread.get(w, 0.0) + 1.0
    c._spread, c._seen = spread, float(len(documents))
