"""The pipeline end to end on the demo, with an injected clock and a real store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.domain import AlertState, Mention, Polarity, Search, SpikeAlert, WallSnapshot
from newsroom.paths import AppPaths
from newsroom.pipeline.alerting import WallAlerts
from newsroom.pipeline.factory import build_demo_pipeline
from newsroom.pipeline.query_terms import query_terms
from newsroom.store import Store
from tests.clock import Clock


def test_demo_pipeline_builds_a_full_snapshot(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    pipeline = build_demo_pipeline(AppPaths.under(tmp_path), clock=clock)
    try:
        report = pipeline.poll_once()
        assert report.new > 1000 and report.errors == 0
        snap = pipeline.snapshot()
        assert isinstance(snap, WallSnapshot)
        assert snap.demo and snap.wall_name == "Lindeveld"
        assert len(snap.topics) >= 6
        for topic in snap.topics:
            assert len(topic.volume.values) == 144 and len(topic.negative.values) == 144
            assert sum(topic.volume.values) > 0
            assert topic.label and topic.terms
        assert len(snap.latest) == 30
        assert all(m.lang and m.sentiment for m in snap.latest)
        assert snap.latest[0].published >= snap.latest[-1].published
        assert snap.health[0].source == "demo" and snap.health[0].ok
        assert snap.newest_data is not None and snap.newest_data <= clock.now
        clock.now += timedelta(minutes=5)
        assert pipeline.poll_once().new > 0, "the demo keeps moving"
    finally:
        pipeline.close()


def test_a_restart_keeps_topics(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    paths = AppPaths.under(tmp_path)
    pipeline = build_demo_pipeline(paths, clock=clock)
    pipeline.poll_once()
    before = {t.id for t in pipeline.clusterer.topics(clock.now) if t.size >= 10}
    shown = {t.id: t.label for t in pipeline.snapshot().topics}
    store = pipeline.store
    from newsroom.pipeline.runner import Pipeline

    again = Pipeline(pipeline.config, store, pipeline.poller, clock=clock, demo=True,
                     searches=pipeline.searches, wall_name="Lindeveld")
    after = {t.id for t in again.clusterer.topics(clock.now) if t.size >= 10}
    assert len(before) >= 6
    # the rebuild replays only the last 24 h, so older stories may group a little differently; the
    # topics keep their ids (their names are worked out again from the replayed posts)
    assert len(before & after) >= 0.8 * len(before)
    assert len(again.snapshot().topics) >= 6
    # the tiles keep the names they had: the replay names from its own day, the wall shows what it showed
    kept = {t.id: t.label for t in again.snapshot().topics if t.id in shown}
    assert len(kept) >= 5 and kept == {tid: shown[tid] for tid in kept}
    again.close()


def test_topics_telling_one_story_are_consolidated_every_few_minutes(tmp_path: Path) -> None:
    from newsroom.pipeline.runner import CONSOLIDATE_EVERY

    clock = Clock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    pipeline = build_demo_pipeline(AppPaths.under(tmp_path), clock=clock)
    try:
        calls: list[datetime] = []
        consolidate = pipeline.clusterer.consolidate

        def counted(**kwargs: float) -> int:
            calls.append(clock.now)
            return consolidate(**kwargs)

        pipeline.clusterer.consolidate = counted  # type: ignore[method-assign]
        for step in (timedelta(0), timedelta(minutes=1), CONSOLIDATE_EVERY):
            clock.now += step
            pipeline.poll_once()
        assert len(calls) == 2 and calls[1] - calls[0] == CONSOLIDATE_EVERY + timedelta(minutes=1)
        live = {t.id for t in pipeline.clusterer.topics(clock.now, min_size=1)}
        assert {t.id for t in pipeline.snapshot().topics} <= live      # merged ids reached the store
    finally:
        pipeline.close()


def test_ingest_dedupes_and_scores(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    pipeline = build_demo_pipeline(AppPaths.under(tmp_path), clock=clock)
    m = Mention(id="x:1", source="rss", text="Schandalig, de brug is weer kapot", published=clock.now,
                searches=("Lindeveld",))
    assert pipeline.ingest([m, m]) == 1
    assert pipeline.ingest([m]) == 0
    stored = pipeline.store.get_mentions(["x:1"])[0]
    assert stored.lang == "nl"
    assert stored.sentiment is not None and stored.sentiment.label is Polarity.NEGATIVE
    assert stored.topic is not None
    pipeline.close()


def test_query_terms_leave_operators_out() -> None:
    terms = query_terms([Search("K", '"Kanaalweg" OR #lindeveld -voetbal')])
    assert {"kanaalweg", "lindeveld", "#lindeveld", "voetbal"} <= terms
    assert "or" not in terms


class Notifier:
    def __init__(self) -> None:
        self.submitted: list[SpikeAlert] = []
        self.stopped = False

    def submit(self, alert: SpikeAlert) -> bool:
        self.submitted.append(alert)
        return True

    def stop(self, timeout_s: float = 5.0) -> None:
        self.stopped = True


def test_alerts_reach_the_notifier_keep_acknowledgements_and_survive_a_restart(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    paths = AppPaths.under(tmp_path)
    pipeline = build_demo_pipeline(paths, clock=clock)
    notifier = Notifier()
    pipeline.notifier = notifier
    pipeline.poll_once()
    assert notifier.submitted and notifier.submitted[0].state is AlertState.RAISED
    # the storm spreads over several topics, the search and the wall: it is still one alert
    assert len([a for a in notifier.submitted if a.state is AlertState.RAISED]) == 1
    alert = pipeline.snapshot().alerts[0]
    pipeline.acknowledge(alert.id, "Els")  # on the wall, between two detector updates
    clock.now += timedelta(minutes=10)
    pipeline.poll_once()
    after = {a.id: a for a in pipeline.store.active_alerts()}[alert.id]
    assert after.updated > alert.updated and after.acknowledged_by == "Els"
    pipeline.close()
    assert notifier.stopped
    with Store.open(paths.data_dir / "demo.sqlite3") as store:  # a restart: the alert goes on, no new one
        later = clock.now + timedelta(minutes=1)
        topics = pipeline.clusterer.topics(later)  # a restarted pipeline rebuilds the same topics
        changed = WallAlerts(store).update(later, topics, pipeline.searches, "Lindeveld")
        assert all(a.state is not AlertState.RAISED for a in changed), [(a.scope, a.key, a.started, a.id) for a in changed]
        assert alert.id in {a.id for a in store.active_alerts()}


def test_a_damaged_store_becomes_a_notice_on_the_wall(tmp_path: Path) -> None:
    from newsroom.pipeline.factory import build_pipeline

    paths = AppPaths.under(tmp_path)
    paths.data_dir.mkdir(parents=True)
    paths.store_file.write_bytes(b"garbage" * 100)
    config = tmp_path / "config.toml"
    config.write_text("[[searches]]\nname = 'A'\nquery = 'Kanaalweg'\nsources = ['rss']\n", encoding="utf-8")
    pipeline = build_pipeline(paths, config, demo=False)
    try:
        codes = [code for code, _ in pipeline.snapshot().notices]
        assert "store_recovered" in codes
    finally:
        pipeline.close()
