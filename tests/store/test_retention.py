"""Retention in slices on both engines (a real SQLite file, a real PostgreSQL database): the end state
equals a one-shot deletion, also with another connection writing between the slices and after a
process killed half-way (SIGKILL) is run again; what a half-done run leaves is consistent for every
reader (no count of a kept minute lost, nothing kept published before a deleted one)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.domain import AlertScope, AlertState, Mention, Polarity, Sentiment, SpikeAlert
from newsroom.store import Store, open_store, retention
from newsroom.store.deliveries import DeliveryLog, DeliveryRecord, Outcome
from tests.pg_cluster import Cluster

NOW = datetime(2026, 3, 20, 12, 0, 30, tzinfo=UTC)
DAYS = 5
CUTOFF = NOW - timedelta(days=DAYS)
#: what retention keeps: from the cutoff's whole minute on
EDGE = int(CUTOFF.timestamp()) // 60 * 60
NEG = Sentiment(Polarity.NEGATIVE, -0.7, 0.9)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=("sqlite", "postgresql"))
def locations(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str | Path, str | Path]]:
    """Two new stores' locations on one engine (the one under test, the one-shot reference)."""
    if request.param == "sqlite":
        yield tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    names = [cluster.create_database(), cluster.create_database()]
    yield cluster.url(names[0]), cluster.url(names[1])
    for name in names:
        with contextlib.suppress(Exception):
            cluster.drop_database(name)


def mentions(first: int, n: int, start: datetime, step: timedelta, prefix: str = "m") -> list[Mention]:
    """``n`` mentions from ``start`` on, every ``step``: three searches, a few topics, every third
    negative, every seventh a near-duplicate copy."""
    return [Mention(id=f"{prefix}:{i}", source="rss", text=f"bericht {i}", published=start + step * (i - first),
                    url=f"https://krant.be/{prefix}/{i}", canonical_url=f"https://krant.be/{prefix}/{i}",
                    searches=(("Kanaalweg", "Lindeveld", "Markt")[i % 3],), topic=1 + i % 4,
                    sentiment=NEG if i % 3 == 0 else None,
                    duplicate_of=f"{prefix}:{i - 1}" if i % 7 == 0 and i > first else None)
            for i in range(first, first + n)]


def alert(aid: str, state: AlertState, updated: datetime) -> SpikeAlert:
    return SpikeAlert(id=aid, scope=AlertScope.TOPIC, key="1", title="brug", state=state, severity=2,
                      started=updated - timedelta(hours=1), updated=updated, window_min=30, observed=20,
                      expected=3.0, spread=1.0, score=0.9)


def populate(location: str | Path) -> None:
    """Eight days of mentions (some before the cutoff, in the cutoff's own minute and after it), their
    counts, alerts and deliveries on both sides of the cutoff."""
    with open_store(location) as store:
        store.add_mentions(mentions(0, 230, NOW - timedelta(days=8), timedelta(minutes=47)))
        store.add_mentions(mentions(1000, 12, CUTOFF - timedelta(seconds=50), timedelta(seconds=10)))
        store.set_topics({f"m:{i}": 9 for i in range(0, 230, 5)})  # a merge moved some counts
        for aid, state, at in (("old-resolved", AlertState.RESOLVED, CUTOFF - timedelta(hours=3)),
                               ("old-active", AlertState.ONGOING, CUTOFF - timedelta(hours=2)),
                               ("new-resolved", AlertState.RESOLVED, NOW - timedelta(hours=1))):
            store.save_alert(alert(aid, state, at))
        log = DeliveryLog(store._db, "seq" if store.engine == "postgresql" else "rowid")
        for k in range(30):
            log.record(DeliveryRecord("old-resolved", "email", 2, "raised",
                                      NOW - timedelta(days=8) + timedelta(hours=7 * k), Outcome.SENT))


def contents(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table retention touches (without engine-made row numbers), sorted."""
    tables = {
        "mentions": "id, published, topic, searches, sentiment_label, duplicate_of",
        "counts": "scope, key, minute, total, negative",
        "alerts": "id, state, updated",
        "deliveries": "alert_id, channel, at, outcome",
    }
    return {t: sorted(tuple(r) for r in store._db.execute(f"SELECT {cols} FROM {t}"))
            for t, cols in tables.items()}


def recounted(store: Store) -> list[tuple[object, ...]]:
    """The counts the remaining mentions make (as add_mentions counts them), sorted."""
    rows = []
    for scope, key in (("'wall'", "'wall'"), ("'search'", "searches"), ("'topic'", "CAST(topic AS TEXT)")):
        rows += store._db.execute(
            f"SELECT {scope}, {key}, published - published % 60, COUNT(*), "
            "SUM(CASE WHEN sentiment_label = 'negative' THEN 1 ELSE 0 END) FROM mentions "
            "WHERE duplicate_of IS NULL GROUP BY 2, 3").fetchall()
    return sorted((str(s), str(k), int(m), int(t), int(n)) for s, k, m, t, n in rows)


def one_shot(location: str | Path) -> dict[str, list[tuple[object, ...]]]:
    populate(location)
    with open_store(location) as store:
        store.apply_retention(NOW, DAYS, slice_rows=10**9)
        assert store.last_retention is not None and store.last_retention.slices == 4  # one per table
        return contents(store)


def test_slices_with_a_writer_between_them_end_as_a_one_shot_deletion(
        locations: tuple[str | Path, str | Path], monkeypatch: pytest.MonkeyPatch) -> None:
    here, reference = locations
    expected = one_shot(reference)
    assert len(expected["mentions"]) < 242 and expected["mentions"]  # some go, some stay
    populate(here)
    store = open_store(here)
    before = contents(store)
    writer = store.reopen()  # another connection: a collector or an import
    written: list[Mention] = []

    def write_between(seconds: float) -> None:
        batch = mentions(5000 + len(written), 3, NOW - timedelta(minutes=30), timedelta(minutes=1), "w")
        assert writer.add_mentions(batch) == 3  # never waits for a whole deletion
        written.extend(batch)

    monkeypatch.setattr(retention, "pause_between_slices", write_between)
    try:
        deleted = store.apply_retention(NOW, DAYS, slice_rows=7)
        run = store.last_retention
        assert run is not None and run.done and run.slices > 20
        assert len(written) >= 3 * 15  # the writer wrote between the slices
        got = contents(store)
        ours = {m.id for m in written}
        assert [r for r in got["mentions"] if r[0] not in ours] == expected["mentions"]
        assert {r[0] for r in got["mentions"]} >= ours
        assert got["alerts"] == expected["alerts"] and got["deliveries"] == expected["deliveries"]
        assert min(r[2] for r in got["counts"]) >= EDGE  # no count of a deleted minute left
        assert got["counts"] == recounted(store)  # and every one left counts exactly what is left
        assert deleted == sum(len(before[t]) - len(expected[t]) for t in expected)
    finally:
        writer.close()
        store.close()


CHILD = """
import sys
from datetime import datetime
from newsroom.store import open_store, retention

def stop_after_a_slice(seconds):
    print("slice", flush=True)
    sys.stdin.readline()  # waits here until killed

retention.pause_between_slices = stop_after_a_slice
store = open_store(sys.argv[1] if sys.argv[1].startswith("postgresql") else __import__("pathlib").Path(sys.argv[1]))
store.apply_retention(datetime.fromisoformat(sys.argv[2]), int(sys.argv[3]), slice_rows=4)
print("done", flush=True)
"""


def test_a_run_killed_half_way_leaves_a_readable_store_and_the_next_run_finishes_it(
        locations: tuple[str | Path, str | Path]) -> None:
    here, reference = locations
    expected = one_shot(reference)
    populate(here)
    with open_store(here) as store:
        before = contents(store)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen([sys.executable, "-c", CHILD, str(here), NOW.isoformat(), str(DAYS)],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
                          cwd=ROOT) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "slice"  # one slice committed, the next not begun
            child.send_signal(signal.SIGKILL)
        finally:
            if child.poll() is None:
                child.kill()
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    with open_store(here) as store:
        half = contents(store)
        # one slice of 4 of the oldest mentions went; nothing else changed
        assert half["mentions"] == sorted(sorted(before["mentions"], key=lambda r: r[1])[4:])
        assert half["counts"] == before["counts"] and half["alerts"] == before["alerts"]
        assert [r for r in half["mentions"] if r[1] >= EDGE] == expected["mentions"]  # all a wall reads
        store.apply_retention(NOW, DAYS, slice_rows=4)
        assert contents(store) == expected


def test_a_budget_stops_between_slices_and_the_collector_goes_on_at_its_next_polls(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsroom.config import Config
    from newsroom.domain import Search
    from newsroom.pipeline import runner
    from newsroom.sources.poller import Poller

    expected = one_shot(tmp_path / "reference.sqlite3")
    populate(tmp_path / "store.sqlite3")
    monkeypatch.setattr(runner, "RETENTION_BUDGET_S", 0.0)  # one slice a poll
    monkeypatch.setattr(retention, "SLICE_ROWS", 20)
    search = Search("Kanaalweg", "Kanaalweg", ("rss",), ("nl",))
    config = Config({"store.retention_days": DAYS})
    with Store.open(tmp_path / "store.sqlite3") as store:
        pipeline = runner.Pipeline(config, store, Poller([], [search], store, clock=lambda: NOW),
                                   clock=lambda: NOW, searches=(search,))
        polls = 0
        while True:  # the clock stands still: only a deletion left over brings retention back
            pipeline.poll_once()
            polls += 1
            assert store.last_retention is not None and store.last_retention.slices <= 4
            if not store.retention_pending:
                break
        assert polls > 4  # a poll each slice of 20
        got = contents(store)  # the pipeline's own replay may have moved mentions between topics
        assert [r[0] for r in got["mentions"]] == [r[0] for r in expected["mentions"]]
        assert [r for r in got["counts"] if r[0] != "topic"] == [r for r in expected["counts"] if r[0] != "topic"]
        assert got["counts"] == recounted(store)
        assert [r[0] for r in got["alerts"]] == [r[0] for r in expected["alerts"]]  # (it resolves too)
        assert got["deliveries"] == expected["deliveries"]
        done = store.last_retention
        pipeline.poll_once()
        assert store.last_retention is done  # done for this hour
