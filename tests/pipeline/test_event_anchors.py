"""Which topic an event is anchored on: a topic alert's own topic; for a wall or search alert alone,
the topic with the most negative mentions since it started."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from newsroom.domain import AlertScope, AlertState, Series, SpikeAlert, Topic
from newsroom.pipeline.snapshot import anchor_wide_alert, event_anchors, find_topic

NOW = datetime(2026, 1, 6, 14, 0, tzinfo=UTC)
START = NOW - timedelta(hours=24)


def topic(tid: int, label: str, negative_after: float) -> Topic:
    neg = tuple(0.0 if i < 138 else negative_after for i in range(144))
    return Topic(id=tid, label=label, terms=(), volume=Series(START, 600, neg), negative=Series(START, 600, neg),
                 size=int(sum(neg)), share_negative=1.0, first_seen=START, last_seen=NOW)


def alert(scope: AlertScope, key: str, severity: int = 4, state: AlertState = AlertState.ONGOING) -> SpikeAlert:
    return SpikeAlert(id=f"alert:{scope}:{key}", scope=scope, key=key, title=key, state=state, severity=severity,
                      started=NOW - timedelta(minutes=50), updated=NOW, window_min=30, observed=40,
                      expected=2.0, spread=1.0, score=0.99)


TOPICS = [topic(1, "Fietsers boos", 1.0), topic(2, "Gaslek Stationsplein", 6.0), topic(3, "Markt", 0.0)]


def test_a_wall_alert_alone_is_shown_on_the_most_negative_topic_and_kept_in_the_snapshot_as_is() -> None:
    wall = alert(AlertScope.WALL, "wall")
    events = anchor_wide_alert((wall,), TOPICS)
    assert events[0] is wall
    anchors = event_anchors(events)
    assert [(a.topic_id, a.alert.id if a.alert else "") for a in anchors] == [(2, wall.id)]


def test_a_topic_alert_is_its_own_anchor_and_wide_alerts_are_then_left_alone() -> None:
    alerts = (alert(AlertScope.WALL, "wall", severity=5), alert(AlertScope.TOPIC, "1", severity=3))
    assert anchor_wide_alert(alerts, TOPICS) == alerts
    assert [a.topic_id for a in event_anchors(alerts)] == [1]


def test_resolved_or_quiet_alerts_anchor_nothing() -> None:
    resolved = alert(AlertScope.SEARCH, "Lindeveld", state=AlertState.RESOLVED)
    assert event_anchors(anchor_wide_alert((resolved,), TOPICS)) == []
    quiet = [replace(t, negative=Series(START, 600, tuple(0.0 for _ in range(144)))) for t in TOPICS]
    assert event_anchors(anchor_wide_alert((alert(AlertScope.WALL, "wall"),), quiet)) == []


def test_find_topic_by_id_or_words() -> None:
    assert find_topic("2", TOPICS) is TOPICS[1]
    assert find_topic("gaslek station", TOPICS) is TOPICS[1]
    assert find_topic("GASLEK", TOPICS) is TOPICS[1]
    assert find_topic("brand", TOPICS) is None
    assert find_topic("", TOPICS) is None
