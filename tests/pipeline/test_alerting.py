"""Wall alerts over a real store: one flood-like burst is one alert whose numbers are the stored counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.domain import AlertScope, AlertState, Mention, Polarity, Search, Sentiment
from newsroom.pipeline.alerting import WallAlerts
from newsroom.store import Store

START = datetime(2026, 3, 9, 0, 0, tzinfo=UTC)  # a Monday
NEG = Sentiment(Polarity.NEGATIVE, -0.8)
NEUTRAL = Sentiment(Polarity.NEUTRAL, 0.0)
SEARCH = Search("Lindeveld", "Lindeveld", ("rss",))


def mention(n: int, at: datetime, negative: bool) -> Mention:
    return Mention(id=f"t:{n}", source="rss", text=f"bericht {n}", published=at, searches=("Lindeveld",),
                   sentiment=NEG if negative else NEUTRAL)


def test_a_burst_is_one_alert_with_the_stored_numbers(tmp_path: Path) -> None:
    items = []
    n = 0
    for minute in range(0, 26 * 60, 5):  # a quiet day: a post every 5 min, one in four negative
        at = START + timedelta(minutes=minute)
        items.append(mention(n, at, negative=minute % 20 == 0))
        n += 1
    burst_start = START + timedelta(hours=26)
    for i in range(90):  # then 90 negative posts in 15 minutes
        items.append(mention(n, burst_start + timedelta(seconds=10 * i), negative=True))
        n += 1
    with Store.open(tmp_path / "s.sqlite3") as store:
        store.add_mentions(items)
        alerts = WallAlerts(store)
        changed = []
        now = burst_start - timedelta(hours=2)
        while now <= burst_start + timedelta(hours=3):
            changed += alerts.update(now, [], [SEARCH], "Lindeveld")
            now += timedelta(minutes=1)
        raised = [a for a in changed if a.state is AlertState.RAISED]
        assert len(raised) == 1, [(a.scope, a.started) for a in raised]  # search or wall, never both
        alert = raised[0]
        assert alert.scope in (AlertScope.SEARCH, AlertScope.WALL)
        assert burst_start <= alert.started <= burst_start + timedelta(minutes=3)  # early
        window_start = alert.started - timedelta(minutes=alert.window_min - 1)
        stored = sum(1 for m in items if m.sentiment is NEG and window_start <= m.published.replace(
            second=0) <= alert.started)
        assert alert.observed == stored
        assert alert.expected < 5 and alert.severity >= 3
        assert any(a.state is AlertState.RESOLVED and a.id == alert.id for a in changed)


def test_an_alert_whose_subject_is_gone_is_resolved_not_kept_forever(tmp_path: Path) -> None:
    from newsroom.domain import SpikeAlert

    old = SpikeAlert(id="alert:old", scope=AlertScope.TOPIC, key="99", title="verdwenen", state=AlertState.ONGOING,
                     severity=3, started=START, updated=START, window_min=30, observed=40, expected=2.0,
                     spread=1.0, score=0.9)
    with Store.open(tmp_path / "s.sqlite3") as store:
        store.save_alert(old)
        changed = WallAlerts(store).update(START + timedelta(hours=3), [], [SEARCH], "Lindeveld")
        assert [(a.id, a.state) for a in changed] == [("alert:old", AlertState.RESOLVED)]
        assert store.active_alerts() == []


def test_an_alert_follows_its_topic_into_a_merge(tmp_path: Path) -> None:
    """A topic that alerted is merged into another while the event goes on: the alert carries on under
    the surviving topic (same id, never resolved in between), and no second alert is raised."""
    from dataclasses import replace

    from newsroom.domain import TopicState

    items = []
    for n, minute in enumerate(range(0, 26 * 60, 5)):          # topic 2: a quiet story all day
        items.append(replace(mention(n, START + timedelta(minutes=minute), minute % 20 == 0), topic=2))
    burst = START + timedelta(hours=26)
    for i in range(90):                                          # topic 1: a burst of anger...
        items.append(replace(mention(1000 + i, burst + timedelta(seconds=10 * i), True), topic=1))
    for i in range(150):                                         # ...that goes on for hours
        items.append(replace(mention(2000 + i, burst + timedelta(minutes=15 + i), True), topic=1))

    def state(tid: int, first: datetime) -> TopicState:
        return TopicState(tid, f"onderwerp {tid}", (), 100, 90, first, burst + timedelta(hours=3))

    with Store.open(tmp_path / "s.sqlite3") as store:
        store.add_mentions(items)
        alerts = WallAlerts(store)
        changed = []
        now = burst - timedelta(hours=2)
        merged_at = burst + timedelta(minutes=20)
        while now <= burst + timedelta(hours=2, minutes=30):
            topics = [state(2, START)] if now > merged_at else [state(1, burst), state(2, START)]
            changed += alerts.update(now, topics, [], "Lindeveld")
            if now == merged_at:
                raised = [a for a in changed if a.state is AlertState.RAISED]
                assert [(a.scope, a.key) for a in raised] == [(AlertScope.TOPIC, "1")]
                store.merge_topics(1, 2)
                alerts.merge_topics(1, 2)
            now += timedelta(minutes=1)
        raised = [a for a in changed if a.state is AlertState.RAISED]
        assert len(raised) == 1
        after = [a for a in changed if a.updated > merged_at]
        assert after and all(a.id == raised[0].id and a.key == "2" for a in after)
        assert all(a.state is not AlertState.RESOLVED for a in after)
        (active,) = store.active_alerts()
        assert active.id == raised[0].id and active.key == "2"


def test_obvious_excess_is_count_aware() -> None:
    from newsroom.pipeline.alerting import obvious

    assert obvious(13, 1.5, 1.2, "balanced")  # a quiet town's flood
    assert not obvious(9, 3.0, 2.0, "balanced")  # 3 -> 9 is noise for small counts
    assert not obvious(130, 100.0, 12.0, "balanced")  # busy, but not a multiple of normal
    assert not obvious(500, 100.0, 12.0, "balanced")  # five times normal: a retweet storm, no flood yet
    assert obvious(650, 100.0, 12.0, "balanced")
    assert obvious(9, 1.0, 1.0, "more") and not obvious(9, 1.0, 1.0, "fewer")


def test_the_wall_and_newsroom_spikes_make_the_same_decision(tmp_path: Path) -> None:
    """The wall's detector and `newsroom spikes` on the same minutes of negative counts (read back
    from the store) alert at the same minute: one decision, in one place."""
    import subprocess
    import sys

    items = []
    n = 0
    for minute in range(0, 3 * 24 * 60, 5):  # three quiet days: talk every 5 min, now and then anger
        items.append(mention(n, START + timedelta(minutes=minute), negative=minute % 40 == 0))
        n += 1
    burst = START + timedelta(days=3, hours=14, minutes=7)
    for i in range(70):  # a flood: 12 angry posts in its first minute, then more for a quarter hour
        at = burst + timedelta(seconds=5 * i) if i < 12 else burst + timedelta(seconds=60 + 13 * (i - 12))
        items.append(mention(n, at, negative=True))
        n += 1
    first = burst - timedelta(hours=1)
    with Store.open(tmp_path / "s.sqlite3") as store:
        store.add_mentions(items)
        alerts = WallAlerts(store)
        changed = []
        now = first
        while now <= burst + timedelta(hours=1):
            changed += alerts.update(now, [], [SEARCH], "Lindeveld")
            now += timedelta(minutes=1)
        raised = [a for a in changed if a.state is AlertState.RAISED]
        _, negative = store.counts("search", "Lindeveld", first - timedelta(hours=48), now, 60)
    rows = ["timestamp,value"] + [
        f"{(negative.start + timedelta(minutes=i)).strftime('%Y-%m-%d %H:%M:%S')},{int(v)}"
        for i, v in enumerate(negative.values)]
    proc = subprocess.run([sys.executable, "-m", "newsroom", "spikes", "--timezone", "Europe/Brussels"],
                          input="\n".join(rows) + "\n", capture_output=True, text=True, check=True)
    cli = [line.split(",")[0] for line in proc.stdout.splitlines()[1:] if line.endswith(",1")]
    assert [a.scope for a in raised] == [AlertScope.SEARCH]
    assert cli == [raised[0].started.strftime("%Y-%m-%d %H:%M:%S")]
    assert burst.replace(second=0) <= raised[0].started <= burst + timedelta(minutes=2)


def test_a_retired_topic_takes_its_detector_with_it(tmp_path: Path) -> None:
    """Months of uptime: a detector per topic ever seen would grow without end (the soak found it)."""
    from newsroom.domain import TopicState

    items = [Mention(id=f"r:{i}", source="rss", text=f"bericht {i}", published=START + timedelta(minutes=i),
                     searches=("Lindeveld",), sentiment=NEUTRAL, topic=1 + i % 3) for i in range(120)]
    topics = [TopicState(id=t, label=f"onderwerp {t}", terms=(), size=40, negative=0, first_seen=START,
                         last_seen=START + timedelta(hours=2)) for t in (1, 2, 3)]
    with Store.open(tmp_path / "s.sqlite3") as store:
        store.add_mentions(items)
        alerts = WallAlerts(store)
        now = START + timedelta(hours=2)
        alerts.update(now, topics, [SEARCH], "Lindeveld")
        assert alerts.watched == 5  # three topics, the search, the wall
        alerts.update(now + timedelta(minutes=1), topics[:1], [SEARCH], "Lindeveld")
        assert alerts.watched == 5, "a topic missing for a minute keeps its detector"
        alerts.update(now + timedelta(hours=2), topics[:1], [SEARCH], "Lindeveld")
        assert alerts.watched == 3  # topics 2 and 3 retired
        alerts.update(now + timedelta(hours=2, minutes=1), topics, [SEARCH], "Lindeveld")
        assert alerts.watched == 5  # one that comes back is watched again
