"""A restart keeps the wall's stories as they were: the stories passes' moves stay (the store's topics
win over the replay's fresh clustering), the posts the passes read over their whole window come back,
and the passes keep to the half hours the wall that did not restart keeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.analysis import wall_stories
from newsroom.paths import AppPaths
from newsroom.pipeline.factory import build_demo_pipeline
from newsroom.pipeline.runner import Pipeline
from newsroom.store import Store
from tests.clock import Clock
from tests.pipeline.test_restart import FIRE, PARK, T0, story, wall


def test_posts_a_stories_pass_moved_stay_where_it_put_them_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.sqlite3"
    clock = Clock(T0 + timedelta(minutes=40))
    with Store.open(path) as store:
        wall(store, clock).ingest(story("fire", FIRE, T0, 40, 1) + story("park", PARK, T0, 40, 2))
        topics = {m.id: m.topic for m in store.mentions_since(T0)}
        fire, park = topics["fire0"], topics["park0"]
        assert fire is not None and park is not None and fire != park
        moved = {f"fire{i}": park for i in range(30, 40)}   # as a pass moves posts it finds elsewhere
        store.set_topics(moved)
    with Store.open(path) as store:
        restarted = wall(store, clock)
        after = {m.id: m.topic for m in store.mentions_since(T0)}
        assigned = restarted.clusterer.assignments()
    assert all(after[i] == park and assigned[i] == park for i in moved)
    assert all(after[f"fire{i}"] == fire for i in range(30))


def test_the_replay_keeps_the_posts_the_stories_pass_reads_beyond_the_last_day(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.sqlite3"
    clock = Clock(T0 + timedelta(days=3))
    with Store.open(path) as store:
        live = wall(store, clock)
        old, new = story("park", PARK, T0, 40, 2), story("fire", FIRE, T0 + timedelta(days=3), 40, 1)
        clock.now = T0 + timedelta(minutes=40)
        live.ingest(old)
        clock.now = T0 + timedelta(days=3, minutes=40)
        live.ingest(new)
        kept_live = [p.id for p, _ in live.clusterer.recent_posts()]
    with Store.open(path) as store:
        kept = [p.id for p, _ in wall(store, clock).clusterer.recent_posts()]
    assert kept == kept_live
    assert "park0" in kept   # three days old: in the stories pass's window, not in the replayed day


def test_stories_passes_keep_to_the_half_hours_of_stream_time() -> None:
    half = wall_stories.EVERY_S
    assert not wall_stories.due(10 * half + 60, 10 * half + half - 1)
    assert wall_stories.due(10 * half + half - 60, 11 * half + 1)   # two minutes apart, across the half hour


def shown_after(restart: bool, tmp: Path) -> list[list[tuple[int, str, int]]]:
    clock = Clock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    p = build_demo_pipeline(AppPaths.under(tmp), clock=clock)
    p.poll_once()
    if restart:   # a new wall on the same store and sources: its topics come from the store's replay
        p = Pipeline(p.config, p.store, p.poller, clock=clock, demo=True, searches=p.searches,
                     wall_name=p.wall_name)
    out = []
    for _ in range(4):
        clock.now += timedelta(minutes=15)
        p.poll_once()
        out.append([(t.id, t.label, t.size) for t in p.snapshot().topics[:3]])
    p.close()
    return out


def test_the_demos_crisis_tile_keeps_its_posts_and_title_for_an_hour_after_a_restart(tmp_path: Path) -> None:
    straight, restarted = shown_after(False, tmp_path / "a"), shown_after(True, tmp_path / "b")
    for before, after in zip(straight, restarted, strict=True):
        (tid, label, size), (tid2, label2, size2) = before[0], after[0]
        assert (tid2, label2) == (tid, label)
        assert abs(size2 - size) <= 0.03 * size
