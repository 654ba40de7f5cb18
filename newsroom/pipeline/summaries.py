"""The live topics as walls show them, for the store's topic summaries (the collecting side).

Walls that only read the store (``newsroom.pipeline.reader``) have no clusterer and no phrase statistics:
the collector writes what they need after each change, the labels and cloud terms with the phrases
people wrote applied ("Grote Markt"), bounded to what a wall could show.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from newsroom.analysis.cloud_terms import phrase_label, with_phrases
from newsroom.analysis.words import PhraseFinder
from newsroom.domain import AlertScope, AlertState, SpikeAlert, TopicState
from newsroom.pipeline.snapshot import PAGE_POOL


def as_shown(topic: TopicState, phrases: PhraseFinder | None) -> TopicState:
    """``topic`` with its label and terms as the wall shows them (phrases applied)."""
    if phrases is None:
        return topic
    return replace(topic, label=phrase_label(topic.label, phrases), terms=with_phrases(topic.terms, phrases))


def live_summaries(topics: Sequence[TopicState], alerts: Sequence[SpikeAlert],
                   phrases: PhraseFinder | None, pool: int = PAGE_POOL,
                   shown: ShownCache | None = None) -> list[TopicState]:
    """What a wall may show of ``topics`` (biggest first): the first ``pool`` (the overview's candidates
    and the searches' pages look no further), plus any later topic an active alert names; as shown
    (through ``shown`` when given)."""
    named = {int(a.key) for a in alerts
             if a.scope is AlertScope.TOPIC and a.state is not AlertState.RESOLVED and a.key.isdigit()}
    chosen = list(topics[:pool]) + [t for t in topics[pool:] if t.id in named]
    if shown is None:
        return [as_shown(t, phrases) for t in chosen]
    return shown.of(chosen, phrases)


class ShownCache:
    """Topics as shown, kept while a topic does not change: applying phrases to 200 topics costs ~15 ms,
    and most topics are the same from one snapshot to the next. Everything is worked out again every
    ``max_age_s`` (phrases people write also change for a topic that does not)."""

    def __init__(self, max_age_s: float = 60.0) -> None:
        self.max_age_s = max_age_s
        self._shown: dict[TopicState, TopicState] = {}
        self._since = time.monotonic()

    def of(self, topics: Sequence[TopicState], phrases: PhraseFinder | None) -> list[TopicState]:
        """``topics`` as shown; only these are kept for the next call."""
        if time.monotonic() - self._since >= self.max_age_s:
            self._shown, self._since = {}, time.monotonic()
        known = self._shown
        self._shown = {t: known.get(t) or as_shown(t, phrases) for t in topics}
        return list(self._shown.values())
