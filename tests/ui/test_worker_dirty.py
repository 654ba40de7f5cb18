"""The worker builds a snapshot only when something changed: polls that bring nothing build none, an
acknowledgement builds one at once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from newsroom.config import Config
from newsroom.domain import AlertScope, AlertState, SpikeAlert, WallSnapshot, utcnow
from newsroom.pipeline.runner import Pipeline
from newsroom.sources.poller import Poller
from newsroom.store import Store
from newsroom.ui.app import make_app
from newsroom.ui.worker import PipelineWorker

#: only a safety net so that a broken worker fails a test instead of hanging it
NEVER_MS = 60_000
ALERT = SpikeAlert(id="alert:dirty", scope=AlertScope.WALL, key="wall", title="Stormschade",
                   state=AlertState.RAISED, severity=3, started=utcnow() - timedelta(minutes=20),
                   updated=utcnow(), window_min=30, observed=40, expected=3.0, spread=2.0, score=0.97,
                   weekday=1, hour=14)


def test_idle_polls_build_no_snapshot_and_an_acknowledgement_builds_one(qtbot: QtBot, tmp_path: Path) -> None:
    make_app("nl")

    def build() -> Pipeline:  # no source: every poll brings nothing
        store = Store.open(tmp_path / "s.sqlite3")
        store.save_alert(ALERT)
        return Pipeline(Config(), store, Poller([], [], store), demo=True, wall_name="Stil")

    worker = PipelineWorker(build, poll_ms=5, min_snapshot_interval_s=0.0, idle_refresh_s=3600.0)
    snapshots: list[WallSnapshot] = []
    worker.snapshot_ready.connect(snapshots.append)  # direct: a list append is safe from any thread
    try:
        worker.start()
        qtbot.waitUntil(lambda: worker.polls >= 30, timeout=NEVER_MS)
        assert len(snapshots) == 1, "the first poll builds the wall; polls that change nothing build none"
        worker.acknowledge(ALERT.id, "Els")
        qtbot.waitUntil(lambda: len(snapshots) == 2, timeout=NEVER_MS)
        assert snapshots[-1].alerts[0].acknowledged_by == "Els"
        polls = worker.polls
        qtbot.waitUntil(lambda: worker.polls >= polls + 30, timeout=NEVER_MS)
        assert len(snapshots) == 2
    finally:
        assert worker.stop()
