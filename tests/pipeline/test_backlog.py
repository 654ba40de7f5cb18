"""Back-pressure with the child collector: a poll that brings more than the collector analyses in about a
second publishes its backlog into the store before the ingest starts, a reading wall's snapshot says so
meanwhile, and once the mentions are stored the notice goes; nothing is dropped and the counts stay
exact. A backlog left by a collector that died is cleared by the next one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.config import Config
from newsroom.domain import FetchResult, Mention, Search, SourceHealth
from newsroom.pipeline import runner
from newsroom.pipeline.reader import BACKLOG_NOTICE, SnapshotReader
from newsroom.pipeline.runner import Pipeline
from newsroom.store import Store

NOW = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
SEARCH = Search("Lindeveld", "Lindeveld", ("burst",), ("nl",))
STREETS = ("Kanaalweg", "Stationsstraat", "Marktplein", "Kerkstraat", "Molenlaan")
#: from how many mentions a poll is a backlog, small here to keep the test quick (runner.BACKLOG_FROM)
BACKLOG_FROM = 100


class Burst:
    """A poller whose first poll brings ``n`` mentions at once (a crisis feed after a pause), then
    nothing."""

    def __init__(self, n: int) -> None:
        self.pending = [Mention(id=f"burst:{i}", source="burst", text=(
            f"Weer een ongeval op de {STREETS[i % 5]}, de brandweer is ter plaatse ({i})"),
            url=f"https://krant.example/{i}", canonical_url=f"https://krant.example/{i}",
            published=NOW - timedelta(seconds=3 * i), searches=("Lindeveld",)) for i in range(n)]

    def poll_due(self, now: datetime | None = None) -> list[FetchResult]:
        found, self.pending = tuple(self.pending), []
        return [FetchResult("burst", "Lindeveld", found, fetched_at=now or NOW)] if found else []

    def health(self, now: datetime | None = None) -> list[SourceHealth]:
        return [SourceHealth("burst", "Burst", last_success=NOW)]

    def close(self) -> None:
        pass


def pipeline_on(path: Path, n: int) -> Pipeline:
    return Pipeline(Config(), Store.open(path), Burst(n), clock=lambda: NOW, searches=(SEARCH,),
                    wall_name="Lindeveld")


def test_a_large_poll_publishes_its_backlog_until_it_is_stored_and_loses_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "BACKLOG_FROM", BACKLOG_FROM)
    n = 2 * BACKLOG_FROM + 50
    pipeline = pipeline_on(tmp_path / "s.sqlite3", n)
    reader = SnapshotReader(Store.open(tmp_path / "s.sqlite3"), wall_name="Lindeveld", clock=lambda: NOW)
    seen: list[tuple[int, tuple[tuple[str, str], ...]]] = []
    ingest = pipeline.ingest

    def ingest_while_a_wall_looks(mentions: list[Mention], now: datetime | None = None) -> int:
        seen.append((reader.store.mention_count(), reader.snapshot().notices))  # the wall, meanwhile
        return ingest(mentions, now)

    pipeline.ingest = ingest_while_a_wall_looks  # type: ignore[method-assign]
    try:
        changes = reader.store.change_counter()
        report = pipeline.poll_once()
        assert report.fetched == n and report.new == n
        assert seen == [(0, ((BACKLOG_NOTICE, str(n)),))], "said before the first mention is stored"
        assert reader.store.change_counter() > changes + 1, "reading walls were woken to show it"
        assert BACKLOG_NOTICE not in dict(reader.snapshot().notices), "caught up: the notice goes at once"
        assert reader.store.backlog() == 0
        stored = reader.store.mentions_since(NOW - timedelta(days=1))
        assert len(stored) == n  # nothing dropped
        rows = reader.store.count_rows("wall", "wall", 0, 2**31)
        assert sum(total for _, total, _ in rows) == sum(1 for m in stored if not m.duplicate_of)
    finally:
        reader.close()
        pipeline.close()


def test_a_small_poll_has_no_backlog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "BACKLOG_FROM", BACKLOG_FROM)
    pipeline = pipeline_on(tmp_path / "s.sqlite3", BACKLOG_FROM)
    during: list[int] = []
    ingest = pipeline.ingest

    def ingest_and_look(mentions: list[Mention], now: datetime | None = None) -> int:
        during.append(pipeline.store.backlog())
        return ingest(mentions, now)

    pipeline.ingest = ingest_and_look  # type: ignore[method-assign]
    try:
        assert pipeline.poll_once().new == BACKLOG_FROM
        assert during == [0]  # about a second's work or less: no notice flashing on the wall
        reader = SnapshotReader(pipeline.store, wall_name="Lindeveld", clock=lambda: NOW)
        assert BACKLOG_NOTICE not in dict(reader.snapshot().notices)
    finally:
        pipeline.close()


def test_a_backlog_left_by_a_collector_that_died_is_cleared_by_the_next(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store.open(path) as store:
        store.set_backlog(12_000)  # killed while catching up
        reader = SnapshotReader(store, wall_name="Lindeveld", clock=lambda: NOW)
        assert (BACKLOG_NOTICE, "12000") in reader.snapshot().notices
    pipeline = pipeline_on(path, 0)
    try:
        pipeline.poll_once()
        assert pipeline.store.backlog() == 0
    finally:
        pipeline.close()
