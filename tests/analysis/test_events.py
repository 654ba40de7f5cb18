"""One event, one place: fragments that burst with an alerted topic become its sub-stories."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from newsroom.analysis.events import EventAnchor, belongs, group_events
from newsroom.domain import Series, TermWeight, Topic

NOW = datetime(2026, 1, 6, 14, 0, tzinfo=UTC)
START = NOW - timedelta(hours=24)
SPIKE = NOW - timedelta(minutes=50)  # the alert's start: the last 5 ten-minute buckets and a bit


def series(before: float, after: float, *, since: datetime = SPIKE) -> tuple[float, ...]:
    """144 ten-minute buckets: ``before`` per bucket until ``since``, ``after`` per bucket from then."""
    cut = int((since - START).total_seconds() // 600)
    return tuple(before if i < cut else after for i in range(144))


def topic(tid: int, label: str, words: list[str], before: float, after: float, *,
          negative: float = 0.8) -> Topic:
    volume = series(before, after)
    return Topic(id=tid, label=label, terms=tuple(TermWeight(w, 10.0 - k, -0.5) for k, w in enumerate(words)),
                 volume=Series(START, 600, volume),
                 negative=Series(START, 600, tuple(v * negative for v in volume)),
                 size=int(sum(volume)), share_negative=negative, first_seen=START, last_seen=NOW,
                 baseline_low=tuple(0.0 for _ in volume), baseline_high=tuple(1.0 for _ in volume),
                 per_hour=after * 6)


STORM = topic(1, "Stormschade Lindeveld-Noord", ["stormschade", "storm", "bomen"], 0, 20)
ROOF = topic(2, "Dak van de buren", ["dakpannen", "storm", "tuin"], 0, 4)  # shares 'storm'
FIRE = topic(3, "Brandweer", ["brandweer", "hulp", "buren"], 0, 3, negative=0.9)  # no shared word, negative
BRIDGE = topic(4, "Brug Kanaalweg", ["brug", "kanaalweg", "storm"], 1, 1)  # steady all day: not the event
CONCERT = topic(5, "Concert op de markt", ["concert", "markt"], 0, 3, negative=0.1)  # new, happy, unrelated
TINY = topic(6, "Stormhoed", ["storm"], 0, 0.5)  # too few since the start
ANCHOR = EventAnchor(1, SPIKE)


def test_fragments_of_the_storm_join_its_tile_and_the_day_keeps_its_stories() -> None:
    shown = group_events([STORM, ROOF, FIRE, BRIDGE, CONCERT, TINY], [ANCHOR])
    assert [t.id for t in shown] == [1, 4, 5, 6]
    event = shown[0]
    assert [s.topic_id for s in event.substories] == [1, 2, 3]  # the anchor first, then by size
    assert event.size == STORM.size + ROOF.size + FIRE.size
    assert event.per_hour == STORM.per_hour + ROOF.per_hour + FIRE.per_hour
    assert event.volume.values[-1] == 20 + 4 + 3
    assert event.label == STORM.label
    assert {t.term for t in event.terms} >= {"stormschade", "dakpannen", "brandweer"}
    negative = (STORM.size * 0.8 + ROOF.size * 0.8 + FIRE.size * 0.9) / event.size
    assert abs(event.share_negative - negative) < 1e-9
    assert shown[1] is BRIDGE and shown[1].substories == ()


def test_why_each_one_belongs_or_not() -> None:
    assert belongs(ROOF, STORM, SPIKE)  # born with it, shares a word
    assert belongs(FIRE, STORM, SPIKE)  # born with it, almost all negative
    assert not belongs(BRIDGE, STORM, SPIKE)  # most of its day came before the spike
    assert not belongs(CONCERT, STORM, SPIKE)  # born with it but neither a shared word nor negative
    assert not belongs(TINY, STORM, SPIKE)  # too few mentions since the start


def test_without_an_alert_nothing_is_grouped() -> None:
    topics = [STORM, ROOF, FIRE, BRIDGE]
    assert group_events(topics, []) == topics


def test_same_result_whatever_the_input_order() -> None:
    topics = [STORM, ROOF, FIRE, BRIDGE, CONCERT, TINY]
    expected = {t.id: t for t in group_events(topics, [ANCHOR])}
    for seed in range(5):
        shuffled = topics[:]
        random.Random(seed).shuffle(shuffled)
        got = {t.id: t for t in group_events(shuffled, [ANCHOR])}
        assert got == expected


def test_a_topic_joins_only_the_most_severe_event_and_anchors_never_merge() -> None:
    other = topic(7, "Stormweer aan de kust", ["storm", "kust"], 0, 10)
    shown = group_events([other, STORM, ROOF], [ANCHOR, EventAnchor(7, SPIKE)])
    by_id = {t.id: t for t in shown}
    assert set(by_id) == {1, 7}
    assert [s.topic_id for s in by_id[1].substories] == [1, 2]
    assert by_id[7].substories == ()


def test_a_member_stays_in_its_event_while_the_alert_lasts() -> None:
    fading = topic(8, "Dak van de kerk", ["dakpannen", "kerk"], 0, 3)
    fading = replace(fading, volume=Series(START, 600, series(2, 3)))  # now most of its day is before
    assert not belongs(fading, STORM, SPIKE)
    assert [t.id for t in group_events([STORM, fading], [ANCHOR])] == [1, 8]
    kept = group_events([STORM, fading, BRIDGE], [ANCHOR], {1: {8}})
    assert [t.id for t in kept] == [1, 4]
    assert [s.topic_id for s in kept[0].substories] == [1, 8]
    # the memory never makes an anchor a member, nor a topic of another event
    both = group_events([STORM, fading], [ANCHOR, EventAnchor(8, SPIKE)], {1: {8}})
    assert [t.id for t in both] == [1, 8] and both[0].substories == ()
