"""Topic ids from outside (the store's never-reused ids) and renumbering live and retired topics, as a
restart does to give replayed topics the ids their stored mentions had."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta

import pytest

from newsroom.analysis.topics import TopicClusterer

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
FIRE = ("brand", "loods", "rookwolk", "brandweer", "vlammen", "industrieterrein", "ramen", "sluiten")
PARK = ("speeltuin", "park", "geopend", "kinderen", "schommels", "glijbaan", "zandbak", "buurt")


def feed(c: TopicClusterer, prefix: str, words: tuple[str, ...], start: datetime, n: int = 12) -> None:
    rng = random.Random(prefix)
    for i in range(n):
        c.add(f"{prefix}{i}", " ".join(rng.sample(words, 5)), "nl", start + timedelta(minutes=i))


def test_new_topics_take_their_ids_from_the_allocator() -> None:
    given = itertools.count(1000, 7)
    c = TopicClusterer(new_id=lambda: next(given))
    feed(c, "fire", FIRE, T0)
    feed(c, "park", PARK, T0 + timedelta(minutes=20))
    ids = set(c.assignments().values())
    assert len(ids) >= 2 and all(t >= 1000 and (t - 1000) % 7 == 0 for t in ids)


def test_renumber_renames_live_topics_and_what_points_at_them() -> None:
    c = TopicClusterer()
    feed(c, "fire", FIRE, T0)
    feed(c, "park", PARK, T0 + timedelta(minutes=20))
    now = T0 + timedelta(hours=1)
    fire, park = c.assignments()["fire0"], c.assignments()["park0"]
    labels = {t.id: t.label for t in c.topics(now)}
    c.renumber({fire: 41, park: fire})  # a swap-like chain is fine while no two end on one id
    assert {t.id: t.label for t in c.topics(now)} == {41: labels[fire], fire: labels[park]}
    assert c.assignments()["fire3"] == 41 and c.assignments()["park3"] == fire
    assert c.add("fire-late", "brand loods rookwolk brandweer vlammen", "nl", now) == 41
    with pytest.raises(ValueError, match="one id"):
        c.renumber({41: fire})  # fire (the park now) keeps its id


def test_renumber_moves_the_assignments_of_a_retired_topic() -> None:
    c = TopicClusterer(retire_after_s=3600)
    feed(c, "fire", FIRE, T0)
    old = c.assignments()["fire0"]
    feed(c, "park", PARK, T0 + timedelta(hours=5))  # the fire topic retires meanwhile
    assert old not in {t.id for t in c.topics(T0 + timedelta(hours=5))}
    c.renumber({old: 7})
    assert {c.assignments()[f"fire{i}"] for i in range(12)} == {7}
