"""Restarts keep topic identities: ids are never reused (the 48-hour reproduction of issue 12), replayed
topics keep the ids their stored mentions had, and housekeeping forgets sources no longer configured."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.config import Config
from newsroom.domain import Mention, Polarity, Search, Sentiment, SourceHealth
from newsroom.pipeline.runner import Pipeline
from newsroom.pipeline.stored_ids import keep_stored_ids
from newsroom.sources.base import SourceState
from newsroom.sources.poller import Poller
from newsroom.store import Store
from tests.clock import Clock

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
SEARCH = Search("Lindeveld", "Lindeveld", ("rss",), ("nl",))
NEG = Sentiment(Polarity.NEGATIVE, -0.7, 0.9)
FIRE = ("brand", "loods", "rookwolk", "brandweer", "vlammen", "industrieterrein", "ramen", "sluiten")
PARK = ("speeltuin", "park", "geopend", "kinderen", "schommels", "glijbaan", "zandbak", "buurt")


def story(prefix: str, words: tuple[str, ...], start: datetime, n: int, seed: int,
          sentiment: Sentiment = NEG) -> list[Mention]:
    rng = random.Random(seed)
    return [Mention(id=f"{prefix}{i}", source="rss", text=f"Lindeveld {' '.join(rng.sample(words, 5))}",
                    published=start + timedelta(minutes=i), lang="nl", searches=("Lindeveld",),
                    author=f"a{prefix}{i}", sentiment=sentiment) for i in range(n)]


def wall(store: Store, clock: Clock) -> Pipeline:
    return Pipeline(Config(), store, Poller([], [SEARCH], store, clock=clock), clock=clock,
                    searches=(SEARCH,))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "newsroom.sqlite3"


def topic_total(store: Store, topic: int, since: datetime, until: datetime) -> float:
    total, _ = store.counts("topic", str(topic), since, until)
    return sum(total.values)


def test_a_restart_48_hours_later_never_reuses_a_topic_id(path: Path) -> None:
    clock = Clock(T0 + timedelta(minutes=40))
    with Store.open(path) as store:
        wall(store, clock).ingest(story("fire", FIRE, T0, 40, 1))
        fire_ids = {m.topic for m in store.mentions_since(T0)}
    later = T0 + timedelta(hours=48)
    clock.now = later + timedelta(minutes=40)
    with Store.open(path) as store:
        wall(store, clock).ingest(story("park", PARK, later, 40, 2))
        park = store.mentions_since(later)
        park_ids = {m.topic for m in park}
        assert len(park) == 40 and not park_ids & fire_ids
        fire = store.mentions_since(T0)[:40]
        assert all(m.id.startswith("fire") and m.topic in fire_ids for m in fire)  # untouched
        span = (T0 - timedelta(hours=1), clock.now)
        assert sum(topic_total(store, t, *span) for t in fire_ids) == 40
        assert sum(topic_total(store, t, *span) for t in park_ids) == 40


def test_replayed_topics_keep_their_ids_and_new_mentions_join_them(path: Path) -> None:
    clock = Clock(T0 + timedelta(minutes=40))
    with Store.open(path) as store:
        first = wall(store, clock)
        first.ingest(story("fire", FIRE, T0, 30, 1) + story("park", PARK, T0, 30, 2))
        before = {m.id: m.topic for m in store.mentions_since(T0)}
        live_before = {t.id for t in first.clusterer.topics(clock.now)}
    clock.now += timedelta(hours=1)
    with Store.open(path) as store:
        again = wall(store, clock)
        assert {m.id: m.topic for m in store.mentions_since(T0)} == before  # nothing moved
        assert {t.id for t in again.clusterer.topics(clock.now)} == live_before
        again.ingest(story("more", FIRE, clock.now - timedelta(minutes=10), 5, 3))
        joined = {m.topic for m in store.get_mentions([f"more{i}" for i in range(5)])}
        assert joined == {before["fire0"]}


def test_keep_stored_ids_is_greedy_and_deterministic() -> None:
    def m(i: int, topic: int | None) -> Mention:
        return Mention(id=f"m{i}", source="rss", text="x", published=T0, topic=topic)

    stored = [m(0, 7), m(1, 7), m(2, 7), m(3, 9), m(4, 7), m(5, 7), m(6, None), m(7, 9)]
    # replayed: 101 holds three of 7; 102 holds two of 7 and one of 9; 103 holds one of 9 and a new one
    assigned = {"m0": 101, "m1": 101, "m2": 101, "m3": 102, "m4": 102, "m5": 102, "m6": 103, "m7": 103}
    assert keep_stored_ids(stored, assigned) == {101: 7, 102: 9}  # 103 keeps its fresh id
    assert keep_stored_ids(list(reversed(stored)), dict(reversed(assigned.items()))) == {101: 7, 102: 9}


def test_retention_forgets_sources_and_searches_no_longer_configured(path: Path) -> None:
    clock = Clock(T0)
    with Store.open(path) as store:
        for source in ("rss", "gnews"):
            store.save_health(SourceHealth(source, source.upper(), last_success=T0))
            for search in ("Lindeveld", "Oud"):
                store.save_source_state(source, search, SourceState({"etag": "x"}, T0))
        wall(store, clock).poll_once()  # retention runs on the first poll
        assert [h.source for h in store.load_health()] == ["rss"]
        assert store.load_source_state("rss", "Lindeveld").values == {"etag": "x"}
        for source, search in (("rss", "Oud"), ("gnews", "Lindeveld"), ("gnews", "Oud")):
            assert store.load_source_state(source, search) == SourceState()


def test_a_split_an_earlier_run_made_stays_after_a_restart_with_its_alert(path: Path) -> None:
    """The store's topics win over the replay's fresh grouping (an earlier run's stories pass split
    them): the split stays, its alert with it, and follows it where the wall later takes it (before
    the twentieth pass's restart work the replay itself joined them again)."""
    from newsroom.domain import AlertScope, AlertState, SpikeAlert

    clock = Clock(T0 + timedelta(minutes=40))
    fire = story("fire", FIRE, T0, 30, 1, Sentiment(Polarity.NEUTRAL, 0.0, 0.9))  # no alert of its own
    with Store.open(path) as store:
        wall(store, clock).ingest(fire)
        assert store.active_alerts() == []
        topic = store.get_mentions(["fire0"])[0].topic
        assert topic is not None
        # as if an earlier run had split the story: a third of it under a topic of its own, with an alert
        split = {m.id: 9000 for m in fire[::3]}
        store.set_topics(split)
        store.save_alert(SpikeAlert(id="a-split", scope=AlertScope.TOPIC, key="9000", title="brand",
                                    state=AlertState.ONGOING, severity=3, started=T0, updated=clock.now,
                                    window_min=30, observed=12, expected=1.0, spread=1.0, score=0.9))
    with Store.open(path) as store:
        again = wall(store, clock)
        assert {m.id: m.topic for m in store.mentions_since(T0)} == {m.id: split.get(m.id, topic) for m in fire}
        assert again.clusterer.is_live(9000)
        clock.now += timedelta(minutes=1)
        again.ingest([])
        (alert,) = store.active_alerts()   # where the split went (a consolidation may join it then)
        assert (alert.id, alert.key) == ("a-split", str(store.get_mentions(["fire0"])[0].topic))
