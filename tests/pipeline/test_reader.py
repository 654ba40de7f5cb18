"""A wall's snapshot from the store alone equals the one the collecting Pipeline builds in its process."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.domain import AlertScope
from newsroom.paths import AppPaths
from newsroom.pipeline.factory import build_demo_pipeline
from newsroom.pipeline.reader import SnapshotReader
from newsroom.store import Store
from tests.clock import Clock


def test_the_reader_s_snapshot_is_the_pipeline_s(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    pipeline = build_demo_pipeline(AppPaths.under(tmp_path), clock=clock, at="crisis")
    wall = Store.open(pipeline.store.path)  # another connection, as a wall process has
    reader = SnapshotReader(wall, wall_name=pipeline.wall_name, max_topics=6,  # "demo" as the store says
                            searches=[s.name for s in pipeline.searches], clock=clock)
    try:
        for _ in range(3):
            assert pipeline.poll_once().new > 0
            pipeline.publish(force=True)
            expected = pipeline.snapshot()
            got = reader.snapshot()
            assert len(expected.topics) == 6 and expected.alerts and expected.crises
            assert [(t.id, t.label) for t in got.topics] == [(t.id, t.label) for t in expected.topics]
            assert [t.volume for t in got.topics] == [t.volume for t in expected.topics]
            assert got.alerts == expected.alerts and got.crises == expected.crises
            assert got == expected
            clock.now += timedelta(minutes=3)
        # phrases were applied by the collector: the stored labels are the ones shown
        shown = {t.id: t.label for t in pipeline.shown_topics(clock.now)}
        assert {t.id: t.label for t in wall.topic_summaries()} == shown
        assert any(" " in t.term for s in wall.topic_summaries() for t in s.terms), "no phrase in any cloud"
        # an acknowledgement on the wall reaches the collector's next snapshot
        first = next(a for a in got.alerts if a.scope is AlertScope.TOPIC)
        reader.acknowledge(first.id, "crisiskamer")
        seen = {a.id: a.acknowledged_by for a in pipeline.snapshot().alerts}
        assert seen[first.id] == "crisiskamer"
    finally:
        reader.close()
        pipeline.close()


def test_a_topic_an_alert_names_is_kept_beyond_the_pool(tmp_path: Path) -> None:
    from newsroom.domain import AlertState, SpikeAlert, TopicState
    from newsroom.pipeline.summaries import live_summaries

    t0 = datetime(2026, 1, 6, 13, 0, tzinfo=UTC)
    topics = [TopicState(i, f"t{i}", (), 100 - i, 0, t0, t0) for i in range(1, 11)]

    def alert(key: str, state: AlertState) -> SpikeAlert:
        return SpikeAlert(id=f"a{key}", scope=AlertScope.TOPIC, key=key, title="x", state=state, severity=3,
                          started=t0, updated=t0, window_min=30, observed=9, expected=1.0, spread=1.0, score=0.9)

    alerts = [alert("9", AlertState.ONGOING), alert("10", AlertState.RESOLVED)]
    assert [t.id for t in live_summaries(topics, alerts, None, pool=3)] == [1, 2, 3, 9]


def test_the_reader_loads_none_of_the_analysis() -> None:
    code = ("import sys\nimport newsroom.pipeline.reader\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'nltk', 'scipy', 'numpy', 'PySide6', "
            "'snowballstemmer'}))\n"
            "print(sorted(m for m in sys.modules if m.startswith('newsroom.analysis.') and m not in "
            "('newsroom.analysis.events',)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "[]"], out.stdout



def test_the_collector_publishes_when_something_changed_or_a_minute_went_by(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsroom.config import Config
    from newsroom.domain import Mention, Search
    from newsroom.pipeline import runner
    from newsroom.pipeline.stored import StoredHealth

    monkeypatch.setattr(runner, "PUBLISH_EVERY_S", 0.0)
    clock = Clock(datetime(2026, 1, 6, 13, 0, tzinfo=UTC))
    store = Store.open(tmp_path / "s.sqlite3")
    pipeline = runner.Pipeline(Config(), store, StoredHealth([]), searches=(Search("Lindeveld", "Lindeveld"),),
                               wall_name="Lindeveld", clock=clock)
    try:
        assert pipeline.publish() and store.change_counter() == 1  # at the start
        assert not pipeline.publish() and store.change_counter() == 1
        pipeline.poll_once()  # nothing came, and no minute went by
        assert store.change_counter() == 1
        stories = [Mention(id=f"m:{i}", source="rss", published=clock.now - timedelta(minutes=i),
                           text=f"De brug aan de Kanaalweg is weer dicht voor fietsers ({i})") for i in range(12)]
        assert pipeline.ingest(stories) == 12
        assert store.change_counter() == 2
        assert [t.id for t in store.topic_summaries()] == [t.id for t in pipeline.shown_topics(clock.now)] != []
        monkeypatch.setattr(runner, "REPUBLISH_S", 0.0)  # as if a minute went by: topics fade with the clock
        pipeline.poll_once()
        assert store.change_counter() == 3
    finally:
        pipeline.close()


def test_topics_as_shown_are_worked_out_again_only_when_they_change() -> None:
    from dataclasses import replace

    from newsroom.analysis.words import PhraseFinder, content_words
    from newsroom.domain import TermWeight, TopicState
    from newsroom.pipeline.summaries import ShownCache

    phrases = PhraseFinder()
    for i in range(30):
        phrases.observe(content_words(f"Kermis op de Grote Markt, dag {i}", "nl", frozenset()))
    t0 = datetime(2026, 1, 6, 13, 0, tzinfo=UTC)
    topic = TopicState(1, "Grote markt", (TermWeight("grote", 5.0), TermWeight("markt", 4.0)), 9, 1, t0, t0)
    other = TopicState(2, "Kermis", (TermWeight("kermis", 3.0),), 5, 0, t0, t0)
    cache = ShownCache()
    first = cache.of([topic, other], phrases)
    assert [len(t.terms) for t in first] == [1, 1], "the phrase joined the two words"
    again = cache.of([replace(topic), other], phrases)
    assert again[0] is first[0] and again[1] is first[1]  # equal topics: nothing worked out again
    grown = cache.of([replace(topic, size=10)], phrases)
    assert grown[0] is not first[0] and grown[0].size == 10 and grown[0].terms == first[0].terms
    assert cache.of([other], phrases)[0] is not first[1], "only the topics of the last call are kept"
    stale = ShownCache(max_age_s=0.0)
    assert stale.of([other], phrases)[0] is not stale.of([other], phrases)[0]
