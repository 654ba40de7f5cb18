"""The live topics as walls show them, for the store's topic summaries (the collecting side).

Walls that only read the store (``newsroom.pipeline.reader``) have no clusterer and no phrase statistics:
the collector writes what they need after each change, the labels and cloud terms with the phrases
people wrote applied ("Grote Markt"), bounded to what a wall could show.
"""

from __future__ import annotations

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
                   phrases: PhraseFinder | None, pool: int = PAGE_POOL) -> list[TopicState]:
    """What a wall may show of ``topics`` (biggest first): the first ``pool`` (the overview's candidates
    and the searches' pages look no further), plus any later topic an active alert names; as shown."""
    named = {int(a.key) for a in alerts
             if a.scope is AlertScope.TOPIC and a.state is not AlertState.RESOLVED and a.key.isdigit()}
    chosen = list(topics[:pool]) + [t for t in topics[pool:] if t.id in named]
    return [as_shown(t, phrases) for t in chosen]
