"""``newsroom import`` streams in batches into a real store: the same file gives the same rows in two
fresh stores, a bad line after several batches' worth of good ones still imports nothing, and retention
really deletes every old row."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.cli import main
from newsroom.commands import import_
from newsroom.domain import AlertScope, AlertState, Mention, Polarity, Sentiment, SpikeAlert
from newsroom.store import Store
from newsroom.store.deliveries import DeliveryLog, DeliveryRecord, Outcome

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
SAYS = ["De brug aan de Kanaalweg is weer dicht, schandalig", "Chapeau voor de brandweer na de storm",
        "Wegenwerken in de Stationsstraat: file tot aan de markt", "La passerelle du canal est fermée",
        "Nieuwe parkeerzone rond het station, bewoners boos", "Bus 21 rijdt vandaag niet tot Lindeveld"]


def write_stream(path: Path, n: int, *, bad_at: int | None = None) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            if i == bad_at:
                out.write('{"id": "x", "text": 5}\n')
                continue
            record = {"id": f"s:{i % 1100}", "text": f"{SAYS[i % len(SAYS)]} ({i % 97})",
                      "published": (T0 + timedelta(seconds=7 * i)).isoformat().replace("+00:00", "Z"),
                      "url": f"https://krant.be/{i}", "searches": ["Lindeveld"]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def rows(store_file: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite3.connect(f"file:{store_file}?mode=ro", uri=True)
    try:
        return {"mentions": db.execute("SELECT * FROM mentions ORDER BY id").fetchall(),
                "counts": db.execute("SELECT * FROM counts ORDER BY scope, key, minute").fetchall()}
    finally:
        db.close()


def test_the_same_file_gives_the_same_store_and_is_read_in_batches(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "crisis.jsonl"
    write_stream(data, 1200)  # the last 100 repeat an earlier id: 1,100 are new
    monkeypatch.setattr(import_, "BATCH", 250)
    for base in ("a", "b"):
        assert main(["import", str(data), "--basedir", str(tmp_path / base)]) == 0
        assert capsys.readouterr().err.endswith(": 1,100 new, 100 already known\n")
    first, second = (rows(tmp_path / base / "data" / "newsroom.sqlite3") for base in ("a", "b"))
    assert len(first["mentions"]) == 1100 and first["counts"]
    assert first == second


def test_a_bad_line_after_many_batches_imports_nothing(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "crisis.jsonl"
    write_stream(data, 3000, bad_at=2999)
    assert main(["import", str(data), "--basedir", str(tmp_path)]) == 2
    assert "line 3000: text must be a string" in capsys.readouterr().err
    assert not (tmp_path / "data" / "newsroom.sqlite3").exists()  # checked before the store is opened


def test_the_check_keeps_no_record(tmp_path: Path) -> None:
    data = tmp_path / "crisis.jsonl"
    write_stream(data, 1050)
    assert import_.check_file(data) == 1050
    stream = import_.iter_mentions(data)
    assert next(stream).id == "s:0" and not isinstance(stream, list | tuple)


def test_retention_leaves_no_old_row_in_any_table(tmp_path: Path) -> None:
    neg = Sentiment(Polarity.NEGATIVE, -0.6, 0.9)
    path = tmp_path / "s.sqlite3"
    now = T0 + timedelta(days=100)
    with Store.open(path) as store, DeliveryLog.open(path) as log:
        for day in range(0, 100, 3):
            at = T0 + timedelta(days=day)
            store.add_mentions([Mention(id=f"d{day}:{i}", source="rss", text="x" * 500, published=at,
                                        searches=("Lindeveld",), sentiment=neg, topic=day + 1,
                                        canonical_url=f"https://krant.be/{day}/{i}") for i in range(40)])
            alert = SpikeAlert(id=f"a{day}", scope=AlertScope.WALL, key="wall", title="Storm",
                               state=AlertState.RESOLVED, severity=2, started=at, updated=at, window_min=30,
                               observed=9, expected=1.0, spread=1.0, score=0.9)
            store.save_alert(alert)
            log.record(DeliveryRecord(alert.id, "webhook", 2, "resolved", at, Outcome.SENT))
        before = path.stat().st_size + Path(f"{path}-wal").stat().st_size
        assert store.apply_retention(now, days=30) > 0
        cutoff = int((now - timedelta(days=30)).timestamp())
        db = store._db
        for table, column in (("mentions", "published"), ("counts", "minute"), ("alerts", "updated"),
                              ("deliveries", "at")):
            assert db.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} < ?", (cutoff,)).fetchone()[0] == 0
            assert db.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} >= ?", (cutoff,)).fetchone()[0] > 0
        assert store.mention_count() == 40 * 10  # days 72, 75, ..., 99
        assert store.maintain(now)
    assert path.stat().st_size < before / 2  # the freed pages went back to the disk
