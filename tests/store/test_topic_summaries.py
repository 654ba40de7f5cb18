"""What walls that read the store need: topic summaries, the change counter, acknowledgements that stay."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.domain import AlertScope, AlertState, SpikeAlert, TermWeight, TopicState
from newsroom.store import Store
from newsroom.store.codec import alert_to_json, topic_from_json, topic_to_json

T0 = datetime(2026, 1, 6, 13, 0, tzinfo=UTC)


def topic(tid: int, label: str, size: int = 10) -> TopicState:
    return TopicState(
        id=tid, label=label, size=size, negative=size // 3,
        terms=(TermWeight("Grote Markt", 12.5, -0.25, 0.4), TermWeight("café’s 🌧️", 3.0, 0.5, None),
               TermWeight("brug", 1 / 3, 0.0, 0.0)),
        first_seen=T0 - timedelta(hours=2, microseconds=17), last_seen=T0,
        representative_ids=("rss:1", "mastodon:https://social.example/@a/2"))


def alert(**changes: object) -> SpikeAlert:
    base = SpikeAlert(id="alert-1", scope=AlertScope.TOPIC, key="7", title="Storm", state=AlertState.RAISED,
                      severity=3, started=T0, updated=T0, window_min=30, observed=12, expected=1.0, spread=1.0,
                      score=0.9)
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_topic_survives_its_json_exactly() -> None:
    t = topic(7, "Stormschade in de Kerkstraat")
    assert topic_from_json(topic_to_json(t)) == t
    bare = TopicState(8, "", (), 0, 0, T0, T0)
    assert topic_from_json(topic_to_json(bare)) == bare


def test_the_summaries_are_replaced_as_a_set_in_the_order_given(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite3") as store:
        assert store.topic_summaries() == []
        first = [topic(3, "Brug dicht", 50), topic(9, "Zwembad", 20), topic(1, "Markt", 5)]
        store.save_topic_summaries(first, T0)
        assert store.topic_summaries() == first
        second = [topic(9, "Zwembad weer open", 60), topic(12, "Kermis", 30)]
        store.save_topic_summaries(second, T0 + timedelta(minutes=1))
        assert store.topic_summaries() == second  # topics 3 and 1 went, 9 changed and moved up
        assert store._db.execute("SELECT DISTINCT updated FROM topic_summaries").fetchall() == [
            (int(T0.timestamp()) + 60,)]


def test_the_change_counter_counts_and_wakes_a_reader_of_another_connection(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store.open(path) as writer, Store.open(path) as reader:
        assert reader.change_counter() == 0
        assert writer.bump_change() == 1 and writer.bump_change() == 2
        assert reader.change_counter() == 2
        assert reader.wait_change(1, 5.0) == 2  # differs already: at once
        assert reader.wait_change(2, 0.05) == 2  # nothing new: the counter as it is after the timeout
        woken: list[int] = []
        waiting = threading.Thread(target=lambda: woken.append(reader.wait_change(2, 30.0)))
        waiting.start()
        writer.bump_change()
        waiting.join(30)
        assert woken == [3]


def test_a_collector_update_after_a_wall_ack_of_another_process_keeps_the_ack(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store.open(path) as collector, Store.open(path) as wall:
        collector.save_alert(alert())
        before = wall.change_counter()
        assert wall.acknowledge_alert("alert-1", "crisiskamer", T0 + timedelta(minutes=2)) is not None
        assert collector.change_counter() == before + 1  # every wall redraws
        # the collector's detector still holds its copy without the acknowledgement
        collector.save_alert(alert(state=AlertState.ONGOING, observed=30, updated=T0 + timedelta(minutes=3)))
        stored = wall.active_alerts()[0]
        assert (stored.state, stored.observed) == (AlertState.ONGOING, 30)
        assert (stored.acknowledged_by, stored.acknowledged_at) == ("crisiskamer", T0 + timedelta(minutes=2))
        assert wall.acknowledge_alert("nothing-like-it", "x", T0) is None


def test_a_row_changed_between_read_and_write_is_not_overwritten(tmp_path: Path) -> None:
    """The write only replaces the row it read: a wall's ack that lands in between makes the collector
    read again (and the other way round), on any engine, without a lock."""
    path = tmp_path / "s.sqlite3"
    with Store.open(path) as collector, Store.open(path) as wall:
        collector.save_alert(alert())
        read_by_collector = alert_to_json(alert())
        wall.acknowledge_alert("alert-1", "nieuwsdienst", T0)
        assert not collector._put_alert(alert(observed=40), read_by_collector)
        assert wall.active_alerts()[0].acknowledged_by == "nieuwsdienst"
        assert not collector._put_alert(alert(id="alert-2"), alert_to_json(alert(id="alert-2"))), \
            "a row that is not there is not written as if it were"
        collector.save_alert(alert(observed=40))
        assert [(a.observed, a.acknowledged_by) for a in wall.active_alerts()] == [(40, "nieuwsdienst")]
