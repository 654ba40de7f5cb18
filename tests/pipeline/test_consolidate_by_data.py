"""An import consolidates its topics by the data's own time: the same file gives the same topics on a
fast machine and a slow one (the clock between two batches does not matter)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsroom.config import Config
from newsroom.domain import Mention, Search
from newsroom.pipeline.runner import Pipeline
from newsroom.pipeline.stored import StoredHealth
from newsroom.store import Store
from tests.pipeline.test_prepare import records

START = datetime(2026, 3, 22, 7, 0, tzinfo=UTC)


def _clock(step: timedelta) -> Callable[[], datetime]:
    """A clock that moves ``step`` every time it is read (a machine that slow)."""
    at = [START]

    def now() -> datetime:
        at[0] += step
        return at[0]
    return now


def _run(tmp: Path, name: str, clock: Callable[[], datetime], by_data: bool) -> tuple[list[object], int]:
    mentions = [Mention(id=str(r["id"]), source="import", text=str(r["text"]),
                        published=datetime.fromisoformat(str(r["published"])),
                        searches=tuple(r["searches"]))  # type: ignore[arg-type]
                for r in records(900, START)]
    pipeline = Pipeline(Config(), Store.open(tmp / f"{name}.sqlite3"), StoredHealth([]),
                        searches=(Search("Lindeveld", "Lindeveld OR Kanaalweg"),), clock=clock)
    pipeline.consolidate_by_data = by_data
    calls = [0]
    consolidate = pipeline.clusterer.consolidate_stories

    def counted(**how: Any) -> int:
        calls[0] += 1
        return consolidate(**how)
    pipeline.clusterer.consolidate_stories = counted  # type: ignore[method-assign]
    try:
        for i in range(0, len(mentions), 100):
            pipeline.ingest(mentions[i:i + 100])
        stored = sorted((m.id, m.topic) for m in pipeline.store.mentions_since(START))
    finally:
        pipeline.close()
    return stored, calls[0]  # type: ignore[return-value]


def test_an_import_s_topics_do_not_depend_on_the_machine_s_speed(tmp_path: Path) -> None:
    fast, fast_calls = _run(tmp_path, "fast", _clock(timedelta(seconds=1)), by_data=True)
    slow, slow_calls = _run(tmp_path, "slow", _clock(timedelta(minutes=10)), by_data=True)
    assert fast == slow
    assert fast_calls == slow_calls >= 2  # 900 posts 7 s apart: 105 min of data, a consolidation each 5 min


def test_by_the_clock_a_slow_machine_consolidates_more_often(tmp_path: Path) -> None:
    """What the data's time is for: by the clock, how often topics are consolidated follows the speed."""
    _, fast_calls = _run(tmp_path, "fast", _clock(timedelta(seconds=1)), by_data=False)
    _, slow_calls = _run(tmp_path, "slow", _clock(timedelta(minutes=10)), by_data=False)
    assert slow_calls > fast_calls
