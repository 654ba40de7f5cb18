"""The crisis view's data from a real store: the event's series over its sub-stories, the share
negative since the start, the newest negative mentions (copies left out)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.domain import (
    AlertScope,
    AlertState,
    Mention,
    Polarity,
    Sentiment,
    Series,
    SpikeAlert,
    SubStory,
    Topic,
)
from newsroom.pipeline.crisis import crisis_detail
from newsroom.store import Store

NOW = datetime(2026, 1, 6, 14, 2, tzinfo=UTC)
STARTED = datetime(2026, 1, 6, 13, 30, tzinfo=UTC)


def mention(i: int, topic: int, at: datetime, negative: bool, copy_of: str | None = None) -> Mention:
    label = Polarity.NEGATIVE if negative else Polarity.NEUTRAL
    return Mention(id=f"t:{i}", source="mastodon", text=f"bericht {i}", published=at, topic=topic,
                   sentiment=Sentiment(label, -0.6 if negative else 0.0), duplicate_of=copy_of)


def test_the_event_series_share_and_feed(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite3")
    quiet = [mention(i, 1, NOW - timedelta(hours=2, minutes=i), negative=False) for i in range(10)]
    storm = [mention(100 + i, 1 + i % 2, STARTED + timedelta(minutes=i), negative=i % 4 != 0)
             for i in range(32)]
    copy = mention(999, 2, NOW - timedelta(seconds=5), negative=True, copy_of="t:100")
    other = mention(500, 3, NOW - timedelta(minutes=1), negative=True)  # another story: not the event's
    store.add_mentions([*quiet, *storm, copy, other])
    empty = Series(NOW - timedelta(hours=24), 600, tuple(0.0 for _ in range(144)))
    topic = Topic(id=1, label="Stormschade", terms=(), volume=empty, negative=empty, size=42,
                  share_negative=0.5, first_seen=NOW - timedelta(hours=3), last_seen=NOW, per_hour=32.0,
                  substories=(SubStory(1, "Stormschade", 26, 16.0, 0.5), SubStory(2, "Dak", 16, 16.0, 0.8)))
    alert = SpikeAlert(id="a:1", scope=AlertScope.TOPIC, key="1", title="Stormschade", state=AlertState.ONGOING,
                       severity=4, started=STARTED, updated=NOW, window_min=30, observed=24, expected=1.0,
                       spread=1.0, score=0.99)
    detail = crisis_detail(store, topic, alert, NOW)
    assert detail.volume.step_s == 300
    assert detail.volume.start == STARTED - timedelta(hours=3)
    assert detail.volume.end == datetime(2026, 1, 6, 14, 5, tzinfo=UTC)
    assert sum(detail.volume.values) == 10 + 32  # both sub-stories, not the copy, not topic 3
    assert sum(detail.negative.values) == 24
    assert abs(detail.share_negative - 24 / 32) < 1e-9  # since the spike started, not over the day
    assert len(detail.baseline_high) == len(detail.volume.values)
    ids = [m.id for m in detail.negative_mentions]
    assert len(ids) == 12 and ids[0] == "t:131" and "t:999" not in ids and "t:500" not in ids
    assert all(m.is_negative for m in detail.negative_mentions)
    assert [m.published for m in detail.negative_mentions] == sorted(
        (m.published for m in detail.negative_mentions), reverse=True)
    store.close()
