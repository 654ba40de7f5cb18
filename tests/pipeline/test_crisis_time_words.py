"""The crisis view's words never include words that only say when ("uur", "vandaag", "14u"); a phrase
with a time word in it ("uur wachten") and numbers such as 112 stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.analysis.time_words import is_time_term
from newsroom.domain import Series, TermWeight, Topic
from newsroom.pipeline.crisis import crisis_detail
from newsroom.store import Store

NOW = datetime(2026, 1, 6, 14, 2, tzinfo=UTC)


def test_time_words_are_left_out_of_the_crisis_words(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite3")
    empty = Series(NOW - timedelta(hours=24), 600, tuple(0.0 for _ in range(144)))
    words = ["storm", "uur", "bomen", "vandaag", "14u", "Brandweer", "uur wachten", "112", "Maandag",
             "l'heure", "dakpannen", "minuten", "takken", "noodnummer", "straat", "gemeente"]
    terms = tuple(TermWeight(w, float(30 - i), -0.5) for i, w in enumerate(words))
    topic = Topic(id=1, label="Stormschade", terms=terms, volume=empty, negative=empty, size=40,
                  share_negative=0.8, first_seen=NOW - timedelta(hours=3), last_seen=NOW, per_hour=32.0)
    detail = crisis_detail(store, topic, None, NOW)
    shown = [t.term for t in detail.phrases]
    assert shown == ["storm", "bomen", "Brandweer", "uur wachten", "112", "dakpannen", "takken", "noodnummer",
                     "straat", "gemeente"]  # ten words, in weight order, none that only says when
    store.close()


def test_what_counts_as_a_time_term() -> None:
    for term in ("uur", "Uur", "uren", "vandaag 14u", "14:05", "14u30", "5min", "gisteren", "Zondag", "hours",
                 "aujourd'hui", "l’heure"):
        assert is_time_term(term), term
    for term in ("uur wachten", "112", "2026", "storm", "Stationsstraat", "", "brug dicht"):
        assert not is_time_term(term), term
