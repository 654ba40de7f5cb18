"""Tile order with hysteresis: a small difference never swaps tiles, a big one does, a new alert moves
its topic at once, and within a minute of a change nothing moves without such a cause."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from newsroom.domain import Series, Topic
from newsroom.pipeline.ordering import TileOrder, first_order, passes

T0 = datetime(2026, 1, 6, 14, 0, tzinfo=UTC)
NONE: frozenset[str] = frozenset()


def topic(tid: int, per_hour: float, share: float = 0.5, size: int = 50) -> Topic:
    s = Series(T0, 600, ())
    return Topic(id=tid, label=f"T{tid}", terms=(), volume=s, negative=s, size=size, share_negative=share,
                 first_seen=T0, last_seen=T0, per_hour=per_hour)


def ids(topics: tuple[Topic, ...]) -> list[int]:
    return [t.id for t in topics]


def test_the_first_order_is_by_negative_volume_with_alerts_first() -> None:
    topics = [topic(1, 10), topic(2, 40), topic(3, 20, share=0.9), topic(4, 5)]
    assert [t.id for t in first_order(topics, NONE)] == [2, 3, 1, 4]
    assert [t.id for t in first_order(topics, frozenset({"4"}))] == [4, 2, 3, 1]


def test_a_small_difference_does_not_swap_tiles_a_big_one_does() -> None:
    order = TileOrder()
    a, b = topic(1, 40), topic(2, 36)
    assert ids(order.arrange([a, b], NONE, T0, 6)) == [1, 2]
    # b overtakes a by 10 %: not a real difference, also long after the last change
    later = T0 + timedelta(minutes=10)
    assert ids(order.arrange([a, replace(b, per_hour=44)], NONE, later, 6)) == [1, 2]
    # b doubles: it moves up
    assert ids(order.arrange([a, replace(b, per_hour=90)], NONE, later + timedelta(minutes=2), 6)) == [2, 1]
    assert not passes(replace(b, per_hour=44), a, NONE) and passes(replace(b, per_hour=90), a, NONE)


def test_no_change_within_a_minute_without_cause_but_a_new_alert_is_a_cause() -> None:
    order = TileOrder()
    topics = [topic(1, 40), topic(2, 20), topic(3, 10)]
    assert ids(order.arrange(topics, NONE, T0, 6)) == [1, 2, 3]
    surge = [topic(1, 40), topic(2, 20), topic(3, 200)]
    order.arrange([topic(1, 40), topic(2, 90), topic(3, 10)], NONE, T0 + timedelta(minutes=5), 6)
    changed = T0 + timedelta(minutes=5)  # 2 passed 1: the order changed now
    assert ids(order.arrange(surge, NONE, changed + timedelta(seconds=30), 6))[0] == 2  # held
    assert ids(order.arrange(surge, frozenset({"3"}), changed + timedelta(seconds=40), 6))[0] == 3  # alert
    assert ids(order.arrange(surge, frozenset({"3"}), changed + timedelta(seconds=50), 6))[0] == 3


def test_a_new_topic_takes_a_place_only_by_a_clear_margin() -> None:
    order = TileOrder()
    shown = [topic(i, 50 - i * 5) for i in range(1, 4)]  # 45, 40, 35
    assert ids(order.arrange(shown, NONE, T0, 3)) == [1, 2, 3]
    later = T0 + timedelta(minutes=5)
    assert ids(order.arrange([*shown, topic(9, 38)], NONE, later, 3)) == [1, 2, 3]
    assert ids(order.arrange([*shown, topic(9, 100)], NONE, later + timedelta(minutes=5), 3))[0] == 9


def test_a_topic_that_went_away_leaves_its_place_to_the_next_at_once() -> None:
    order = TileOrder()
    assert ids(order.arrange([topic(1, 40), topic(2, 30), topic(3, 20)], NONE, T0, 2)) == [1, 2]
    assert ids(order.arrange([topic(2, 30), topic(3, 20)], NONE, T0 + timedelta(seconds=5), 2)) == [2, 3]


def test_same_input_same_order() -> None:
    topics = [topic(i, float(i % 4) * 10, size=i) for i in range(12)]
    a = TileOrder().arrange(topics, frozenset({"5"}), T0, 6)
    b = TileOrder().arrange(list(reversed(topics)), frozenset({"5"}), T0, 6)
    assert ids(a) == ids(b)
