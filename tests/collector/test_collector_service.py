"""The collector's loop in one process: two collectors on one store (one works, the other stands by and
takes over when the first stops), a pipeline that cannot start gives the lock up and is tried again,
and an active alert no channel heard of before a take-over is told once, never twice."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.alerts.dispatcher import AlertDispatcher, Policy
from newsroom.alerts.explain import Explanation
from newsroom.collector.service import Collector, Timing
from newsroom.config import Config
from newsroom.domain import AlertScope, AlertState, FetchResult, Mention, Search, SpikeAlert
from newsroom.pipeline.runner import Pipeline
from newsroom.sources.base import SourceState
from newsroom.sources.poller import Poller
from newsroom.store import Store
from newsroom.store.deliveries import DeliveryLog
from newsroom.store.leadership import Leadership
from tests.processes import wait_until

SEARCH = Search("Lindeveld", "Lindeveld", ("town",), ("nl",))
FAST = Timing(standby_every_s=0.05, poll_every_s=0.05, build_retry_s=(0.05,))


class TownSource:
    """A source without network: one new mention per fetch, numbered across every collector (the
    number lives in the store's source state, as a real feed's position would)."""

    name = "town"
    title = "Town"
    interval_s = 0.01
    needs_network = False

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        n = int(state.values.get("n", 0)) + 1
        m = Mention(id=f"town:{n}", source="town", text=f"Lindeveld bericht nummer {n}", published=now,
                    searches=(search.name,))
        return FetchResult(self.name, search.name, (m,), fetched_at=now), SourceState({"n": n}, now)


class Recorder:
    name, external = "webhook", True

    def __init__(self) -> None:
        self.sent: list[tuple[str, int]] = []

    def send(self, explanation: Explanation, alert: SpikeAlert) -> None:
        self.sent.append((alert.id, alert.severity))


def pipeline_on(path: Path, channel: Recorder | None = None) -> Pipeline:
    store = Store.open(path)
    notifier = None
    if channel is not None:
        notifier = AlertDispatcher([channel], Policy(min_severity=1), delivery_log=DeliveryLog.open(path))
        notifier.start()
    return Pipeline(Config(), store, Poller([TownSource()], [SEARCH], store), searches=(SEARCH,),
                    notifier=notifier)


class Run:
    """A collector's ``run`` on a thread, with what it said."""

    def __init__(self, path: Path, build: Callable[[], Pipeline]) -> None:
        self.said: list[str] = []
        self.collector = Collector(Leadership(path), build, store_name="the store", timing=FAST,
                                   say=self.said.append)
        self.code: int | None = None
        self.thread = threading.Thread(target=self._run)
        self.thread.start()

    def _run(self) -> None:
        self.code = self.collector.run()

    def stop(self) -> int | None:
        self.collector.request_stop()
        self.thread.join(30)
        assert not self.thread.is_alive()
        return self.code


def stored(path: Path) -> list[str]:
    with Store.open(path) as store:
        return sorted(m.id for m in store.mentions_since(datetime(2000, 1, 1, tzinfo=UTC)))


def collect_once(path: Path) -> list[tuple[str, int]]:
    """A collector with a webhook works on the store for two polls; what the webhook heard."""
    channel = Recorder()
    run = Run(path, lambda: pipeline_on(path, channel))
    wait_until(lambda: run.collector.polls >= 2, "polling", timeout_s=30)
    assert run.stop() == 0
    return channel.sent


def test_one_works_the_other_stands_by_and_takes_over(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.sqlite3"
    first = Run(path, lambda: pipeline_on(path))
    wait_until(lambda: first.collector.polls >= 3, "the first collector polling", timeout_s=30)
    second = Run(path, lambda: pipeline_on(path))
    wait_until(lambda: bool(second.said), "the second collector's first line", timeout_s=30)
    assert first.said == ["collector active on the store"]
    assert second.said == ["standing by: another collector holds the store"]
    assert second.collector.polls == 0
    assert first.stop() == 0
    wait_until(lambda: second.collector.polls >= 3, "the take-over", timeout_s=30)
    assert second.said[-1] == "collector active on the store (took over)" and second.collector.took_over
    assert second.stop() == 0
    ids = stored(path)  # the numbering carried on from the store: nothing twice, nothing skipped
    assert ids == sorted(f"town:{n}" for n in range(1, len(ids) + 1))
    probe = Leadership(path)
    assert probe.try_acquire()  # both gave it up
    probe.release()


def test_a_pipeline_that_cannot_start_gives_the_lock_up_and_is_tried_again(tmp_path: Path,
                                                                           caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "newsroom.sqlite3"
    attempts: list[bool] = []

    def build() -> Pipeline:
        attempts.append(True)
        if len(attempts) < 3:
            raise PermissionError(13, "Permission denied", str(tmp_path))
        return pipeline_on(path)

    run = Run(path, build)
    wait_until(lambda: run.collector.polls >= 1, "a start after two failed ones", timeout_s=30)
    assert not Leadership(path).try_acquire()  # held again now that it works
    assert run.stop() == 0
    assert len(attempts) == 3
    assert caplog.text.count("the pipeline cannot start (data_unwritable") == 2
    assert caplog.text.count("gave the leadership up meanwhile") == 2
    assert run.said == ["the collector cannot start on the store (details in the log); trying again in "
                        "0.05 s"] * 2 + ["collector active on the store"]


def test_an_alert_nobody_heard_of_is_told_once_after_a_take_over(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.sqlite3"
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    alert = SpikeAlert(id="alert:storm", scope=AlertScope.WALL, key="wall", title="Lindeveld",
                       state=AlertState.RAISED, severity=3, started=now, updated=now, window_min=30,
                       observed=40, expected=2.0, spread=1.0, score=0.9, first_seen=now - timedelta(minutes=30))
    with Store.open(path) as store:  # raised and stored by a collector killed before it could send it
        store.save_alert(alert)
    assert collect_once(path) == [("alert:storm", 3)]
    assert collect_once(path) == []  # a second take-over: told already
    with Store.open(path) as store:
        assert [a.id for a in store.active_alerts()] == ["alert:storm"]
        store.save_alert(replace(alert, state=AlertState.ONGOING, severity=4))
    assert collect_once(path) == [("alert:storm", 4)]  # a rise the dead collector stored but never told


class _Unreachable(Leadership):
    """A lock that cannot be asked for twice (the server down), then can."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.failures = 2

    def try_acquire(self) -> bool:
        if self.failures:
            self.failures -= 1
            raise OSError("connection refused")
        return super().try_acquire()


def test_a_store_that_cannot_be_reached_is_said_as_such_not_as_another_collector(tmp_path: Path) -> None:
    """Standing by means another collector works; a lock nobody could be asked for says why, once."""
    path = tmp_path / "newsroom.sqlite3"
    said: list[str] = []
    collector = Collector(_Unreachable(path), lambda: pipeline_on(path), store_name="the store", timing=FAST,
                          say=said.append)
    thread = threading.Thread(target=collector.run)
    thread.start()
    try:
        wait_until(lambda: collector.polls >= 1, "work once the lock can be asked for", timeout_s=30)
    finally:
        collector.request_stop()
        thread.join(30)
    assert said == ["the collector cannot reach the store to take the lead (connection refused); trying again "
                    "every 0.05 s", "collector active on the store"]
