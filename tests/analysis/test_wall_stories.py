"""On the wall the consolidation runs the batch's stories over the kept recent posts every half hour of
stream time and maps them onto the live topics (newsroom.analysis.wall_stories): stories told over days
come together in the store, tiles keep their ids, the model's counts follow moved posts, and the result
is the same whatever the hash seed."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.analysis import topics as topics_module
from newsroom.analysis import wall_stories
from newsroom.analysis.topics import RecentPost, TopicClusterer
from newsroom.briefing import data as briefing
from newsroom.config import Config
from newsroom.domain import Mention, Search
from newsroom.pipeline.runner import Pipeline
from newsroom.pipeline.stored import StoredHealth
from newsroom.store import Store

T0 = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)

#: three stories, each told in several voices that share few words, over three days
STORIES = {
    "bridge": (["Kanaalbrug", "brug", "dicht", "omleiding", "fietsers", "herstelling", "pijlers"],
               ["De Kanaalbrug blijft dicht tot vrijdag", "Omleiding voor fietsers aan de Kanaalbrug",
                "Herstelling van de pijlers van de brug loopt vertraging op"]),
    "bakery": (["Verhaegen", "bakkerij", "sluit", "bakker", "Dorpsstraat", "opvolger", "koffiekoeken"],
               ["Bakkerij Verhaegen sluit eind deze maand", "Geen opvolger voor bakker Verhaegen",
                "Wij gaan de koffiekoeken van Verhaegen missen"]),
    "flood": (["wateroverlast", "Beekloop", "zandzakjes", "kelder", "pomp", "brandweer", "overstroming"],
              ["Wateroverlast langs de Beekloop, zandzakjes aan de sporthal",
               "Onze kelder staat onder water, brandweer pompt", "Overstroming van de Beekloop dreigt"]),
}
CHATTER = ["Iemand een goede kapper aanraden?", "Fijne zondag allemaal", "Wat een mooie zonsondergang",
           "Wie weet waar de kerstmarkt dit jaar staat?", "Lekker weertje vandaag", "Goeiemorgen iedereen"]


def _stream(seed: int = 3) -> list[tuple[str, str, datetime, str]]:
    """~150 posts over three days: each story in bursts with nights of silence between them (the wall
    retires a topic after 6 h), its posts from its headlines or its words; chatter between. (id, text,
    published, story)."""
    rng = random.Random(seed)
    out: list[tuple[str, str, datetime, str]] = []
    for s, (words, lines) in STORIES.items():
        for day in range(3):
            start = T0 + timedelta(days=day, hours=rng.randrange(0, 8))
            for k in range(14):
                if rng.random() < 0.4:
                    text = rng.choice(lines)
                else:
                    text = " ".join(rng.sample(words, 4)).capitalize()
                out.append((f"{s}{day}-{k}", text, start + timedelta(minutes=6 * k + rng.randrange(5)), s))
    for n in range(24):
        out.append((f"chat{n}", rng.choice(CHATTER), T0 + timedelta(hours=3 * n, minutes=17), "-"))
    return sorted(out, key=lambda p: (p[2], p[0]))


def _wall(posts: list[tuple[str, str, datetime, str]], links: dict[str, str] | None = None) -> TopicClusterer:
    """The posts through a wall clusterer, consolidated every five minutes of stream time; ``links``:
    reply id -> the id of the post it answers."""
    c = TopicClusterer()
    for _, text, _, _ in posts:
        c.observe(text, "nl")
    last = posts[0][2]
    for mid, text, published, _ in posts:
        if published - last >= timedelta(minutes=5):
            c.consolidate_stories()
            last = published
        c.add(mid, text, "nl", published, reply_to=(links or {}).get(mid))
    c.stories_at = None            # the last consolidation runs a pass (as after half an hour)
    c.consolidate_stories()
    return c


def _mentions(posts: list[tuple[str, str, datetime, str]], replies: dict[str, str] | None = None) -> list[Mention]:
    """The posts as mentions an import brings, found by the search "Dorp" (``replies``: reply id -> the
    id of the post it answers)."""
    return [Mention(id=mid, source="import", text=text, published=published, lang="nl",
                    url=f"https://example.invalid/{mid}", canonical_url=f"https://example.invalid/{mid}",
                    searches=("Dorp",), reply_to=(replies or {}).get(mid)) for mid, text, published, _ in posts]


def _wall_pipeline(store_file: Path, clock: Callable[[], datetime]) -> Pipeline:
    """A wall's pipeline over a real SQLite store for the search "Dorp", consolidating by the data's time."""
    pipeline = Pipeline(Config(), Store.open(store_file), StoredHealth([]), searches=(Search("Dorp", "Dorp"),),
                        clock=clock)
    pipeline.consolidate_by_data = True
    return pipeline


def _largest_share(assigned: dict[str, int], posts: list[tuple[str, str, datetime, str]]) -> dict[str, float]:
    """Per story: the share of its posts in its largest topic."""
    out = {}
    for s in STORIES:
        mine = Counter(assigned[mid] for mid, _, _, story in posts if story == s)
        out[s] = max(mine.values()) / sum(mine.values())
    return out


def test_stories_told_over_three_days_come_together(monkeypatch: pytest.MonkeyPatch) -> None:
    posts = _stream()
    with_pass = _largest_share(_wall(posts).assignments(), posts)
    monkeypatch.setattr(topics_module, "WALL_STORIES", False)
    without = _largest_share(_wall(posts).assignments(), posts)
    assert all(share >= 0.9 for share in with_pass.values()), with_pass
    assert min(without.values()) < 0.9, without    # the streaming path alone leaves a story in pieces


def test_the_model_and_the_tiles_follow_the_moved_posts() -> None:
    c = _wall(_stream())
    assigned = c.assignments()
    for tid in c.live_ids():
        held = sum(1 for t in assigned.values() if t == tid)
        assert c.model.clusters[tid].count <= held   # never counts a post it does not hold
        assert c.size_of(tid) == c.model.clusters[tid].count
    moved = c.drain_moves()
    assert moved and all(assigned[mid] == tid for mid, tid in moved.items())
    assert c.drain_moves() == {}


def test_a_story_takes_the_id_of_the_live_topic_holding_most_of_its_posts() -> None:
    t0 = T0.timestamp()
    kept = [(RecentPost(f"p{n}", t0, ("brug",), "x"), tid) for n, tid in enumerate((5, 5, 7, 9, 9))]
    live = {7, 9}.__contains__
    # story 1 holds most in 5 (retired), but 7 is live: 7; stories 2 and 3 both hold one post in 9 only:
    # the lower story takes it, the other is left without an id (it gets a new one when posts move)
    assert wall_stories.targets(kept, [1, 1, 1, 2, 3], live) == {1: 7, 2: 9}
    assert wall_stories.targets(kept[:3], [1, 1, 2], lambda t: False) == {1: 5, 2: 7}   # none live


def test_a_pass_runs_at_any_volume_but_not_while_a_backlog_or_a_busy_import_is_drained() -> None:
    def busy() -> TopicClusterer:
        c = TopicClusterer()
        for n in range(wall_stories.IMPORT_BUSY_POSTS + 10):
            c.add(f"p{n}", f"woord{n % 37} ander{n % 11} derde{n % 7}", "nl", T0 + timedelta(seconds=3 * n))
        return c

    assert wall_stories.run_pass(busy(), most_new=wall_stories.IMPORT_BUSY_POSTS) is None  # an import
    c = busy()
    assert wall_stories.run_pass(c, held=True) is None                  # a backlog: none, still due
    done = wall_stories.run_pass(c)                                     # live: a pass at any volume
    assert done is not None and done.posts == wall_stories.IMPORT_BUSY_POSTS + 10
    c.add("late", "woord1 ander1", "nl", T0 + timedelta(minutes=20))
    assert wall_stories.run_pass(c) is None                             # not again within half an hour


STORM = ["storm", "stormschade", "omgewaaid", "rukwinden", "windstoten", "stroompanne"]
#: what a storm's posts say besides it: streets, trees, roofs, cars (each in few posts)
DETAILS = [f"{name}{kind}" for name in ("Linden", "Populieren", "Molen", "Kerk", "Beuken", "Kastanje",
                                        "Eiken", "Wilgen", "Berken", "Esdoorn")
           for kind in ("laan", "straat", "dreef", "plein", "wijk", "hof")] + [
    "dakpannen", "schoorsteen", "tuinhuis", "trampoline", "carport", "zonnepanelen", "auto", "fietsenstalling",
    "schutting", "hoogspanningskabel", "bushokje", "verkeerslicht", "dakgoot", "serre", "boomkruin"]


def _crisis(seed: int = 5) -> list[tuple[str, str, datetime, str]]:
    """The three-day stream, and on its last morning a storm: 1,200 posts in one hour (600 in every
    half hour, more than an import's bound), each with two of the storm's words and two details."""
    rng = random.Random(seed)
    start = T0 + timedelta(days=2, hours=9)
    storm = [(f"storm-{k}", " ".join([*rng.sample(STORM, 2), *rng.sample(DETAILS, 2)]).capitalize(),
              start + timedelta(seconds=3 * k), "storm") for k in range(1200)]
    return sorted(_stream() + storm, key=lambda p: (p[2], p[0]))


def test_at_crisis_volume_the_pass_runs_and_keeps_the_crisis_one_tile(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    posts = _crisis()
    mentions = _mentions(posts)
    passes: list[wall_stories.StoryPass] = []
    story_pass = wall_stories.story_pass

    def counted(clusterer: TopicClusterer) -> wall_stories.StoryPass:
        passes.append(story_pass(clusterer))
        return passes[-1]

    monkeypatch.setattr(wall_stories, "story_pass", counted)
    now = [posts[0][2]]
    pipeline = Pipeline(Config(), Store.open(tmp_path / "wall.sqlite3"), StoredHealth([]),
                        searches=(Search("Dorp", "Dorp"),), clock=lambda: now[0])
    try:
        pos = 0
        end = max(p[2] for p in posts if p[3] == "storm") + timedelta(minutes=30)
        while now[0] < end:                       # a poll every five minutes, as the live wall
            now[0] += timedelta(minutes=5)
            batch = [m for m in mentions[pos:] if m.published <= now[0]]
            pos += len(batch)
            pipeline.ingest(batch, now[0])
        stored = {m.id: m.topic for m in pipeline.store.mentions_since(T0 - timedelta(hours=1))
                  if not m.duplicate_of}          # copies are stored, never counted
        live = {t.id for t in pipeline.clusterer.topics(now[0])}
    finally:
        pipeline.close()
    assert any(p.posts >= 700 for p in passes)        # passes ran in the storm (600 posts a half hour)
    storm = Counter(stored[mid] for mid, _, _, s in posts if s == "storm" and mid in stored)
    tile, held = storm.most_common(1)[0]
    assert held / sum(storm.values()) >= 0.95 and tile in live         # one live tile holds the storm
    others = {s for mid, _, _, s in posts if stored.get(mid) == tile}
    assert others <= {"storm", "-"}, others                             # glued to no other story


def test_the_store_follows_the_stories(tmp_path: Path) -> None:
    posts = _stream()
    mentions = _mentions(posts)
    end = posts[-1][2] + timedelta(hours=1)
    pipeline = _wall_pipeline(tmp_path / "wall.sqlite3", lambda: end)
    try:
        for m in mentions:
            pipeline.ingest([m])
        stored = {m.id: m.topic for m in pipeline.store.mentions_since(T0 - timedelta(hours=1))}
        assigned = pipeline.clusterer.assignments()
        counted = pipeline.store.counts("topic", str(stored["bridge2-0"]), T0, end)[0]
    finally:
        pipeline.close()
    assert stored == {m.id: assigned[m.id] for m in mentions}
    assert all(share >= 0.9 for share in _largest_share({k: v or 0 for k, v in stored.items()}, posts).values())
    bridge = sum(1 for mid, _, _, s in posts if s == "bridge" and stored[mid] == stored["bridge2-0"])
    assert sum(counted.values) == bridge                     # the minute counts followed the moves


def test_the_passes_are_the_same_whatever_the_hash_seed() -> None:
    code = ("from tests.analysis.test_wall_stories import _stream, _wall\n"
            "c = _wall(_stream())\n"
            "print(sorted(c.assignments().items()), sorted((t, c.label(t)) for t in c.live_ids()))\n")
    outputs = set()
    root = Path(__file__).resolve().parents[2]
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                              check=True, cwd=root)
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_a_restart_keeps_the_stories_the_passes_made(tmp_path: Path) -> None:
    posts = _stream()
    mentions = _mentions(posts)
    end = posts[-1][2] + timedelta(minutes=10)
    store_file = tmp_path / "wall.sqlite3"
    pipeline = Pipeline(Config(), Store.open(store_file), StoredHealth([]), searches=(Search("Dorp", "Dorp"),),
                        clock=lambda: end)
    pipeline.consolidate_by_data = True
    for m in mentions:
        pipeline.ingest([m])
    pipeline.close()
    again = Pipeline(Config(), Store.open(store_file), StoredHealth([]), searches=(Search("Dorp", "Dorp"),),
                     clock=lambda: end)     # the last day replayed under the stored ids
    try:
        stored = {m.id: m.topic or 0 for m in again.store.mentions_since(T0 - timedelta(hours=1))}
        assigned = again.clusterer.assignments()
    finally:
        again.close()
    assert all(share >= 0.9 for share in _largest_share(stored, posts).values())
    assert all(stored[mid] == tid for mid, tid in assigned.items())     # the store has what the wall has


def test_a_batch_name_holding_a_searched_word_is_not_taken() -> None:
    c = TopicClusterer()
    posts = [(f"b{k}", f"De Kanaalbrug in Lindeveld blijft dicht, dag {k}", T0 + timedelta(minutes=k), "b")
             for k in range(6)]
    for _, text, _, _ in posts:
        c.observe(text, "nl", exclude_terms=("Lindeveld",))
    for mid, text, published, _ in posts:
        c.add(mid, text, "nl", published, exclude_terms=("Lindeveld",))
    tid = c.live_ids()[0]
    own = c.label(tid)
    assert not c.name_as(tid, "Kanaalbrug in Lindeveld")     # the town the wall searches for says nothing
    assert c.label(tid) == own
    assert c.name_as(tid, "Kanaalbrug blijft dicht")
    assert c.label(tid) == "Kanaalbrug blijft dicht"


def _storm_topic(texts: list[str]) -> tuple[TopicClusterer, int]:
    c = TopicClusterer()
    for k, text in enumerate(texts):
        c.observe(text, "nl")
        c.add(f"s{k}", text, "nl", T0 + timedelta(minutes=k))
    return c, c.live_ids()[0]


STORM = [f"Stormschade in Lindeveld-Noord, dak {k} kapot" for k in range(6)]


def test_a_pass_name_stays_while_the_next_pass_names_the_story_alike() -> None:
    c, tid = _storm_topic(STORM)
    assert c.name_as(tid, "Stormschade in Lindeveld-Noord", steady=True)   # the tile's own name gives way
    assert not c.name_as(tid, "Storm in Lindeveld-Noord", steady=True)     # the same story, named alike
    assert c.label(tid) == "Stormschade in Lindeveld-Noord"
    assert c.name_as(tid, "Brandweer rukt uit", steady=True)               # named otherwise: it changed
    assert c.label(tid) == "Brandweer rukt uit"
    assert c.name_as(tid, "Dak kapot", steady=False)                       # not a pass: always taken


def test_a_pass_name_stays_as_the_topic_grows_while_its_fresh_name_names_the_story_alike() -> None:
    more = [f"Vallende takken in Lindeveld-Noord, de storm raast, straat {k}" for k in range(3)]
    c, tid = _storm_topic(STORM)
    c.name_as(tid, "Storm in Lindeveld-Noord", steady=True)     # the batch's name, not written so
    for k, text in enumerate(more):                              # named afresh (a tenth more posts):
        c.observe(text, "nl")                                    # "Stormschade in Lindeveld-Noord"
        c.add(f"m{k}", text, "nl", T0 + timedelta(minutes=6 + k))
    assert c.label(tid) == "Storm in Lindeveld-Noord"


def test_a_name_that_says_more_than_the_tiles_is_taken() -> None:
    c, tid = _storm_topic(STORM)
    assert c.name_as(tid, "Lindeveld-Noord", steady=True)
    assert c.name_as(tid, "Stormschade in Lindeveld-Noord", steady=True)
    assert not c.name_as(tid, "Lindeveld-Noord", steady=True)


def test_a_story_that_ended_before_a_pass_gets_its_name_in_the_store_and_the_briefing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    posts = _stream()
    late = posts[-1][2] + timedelta(hours=8)          # every story's topic retired (6 h of silence)
    pipeline = _wall_pipeline(tmp_path / "wall.sqlite3", lambda: late)
    try:
        monkeypatch.setattr(wall_stories, "EVERY_S", 1e9)     # no pass while the stories are told
        for m in _mentions(posts):
            pipeline.ingest([m])
        monkeypatch.setattr(wall_stories, "EVERY_S", 30 * 60.0)
        pipeline.ingest(_mentions([("late", "Goeiemorgen iedereen", late, "-")]))   # then one runs
        stored = {m.id: m.topic or 0 for m in pipeline.store.mentions_since(T0 - timedelta(hours=1))}
        largest = {s: Counter(stored[mid] for mid, _, _, story in posts if story == s).most_common(1)[0][0]
                   for s in STORIES}
        assert not any(pipeline.clusterer.is_live(tid) for tid in largest.values())
        names = pipeline.store.topic_names(largest.values())
        data = briefing.gather(pipeline.store, T0 - timedelta(hours=1), late + timedelta(minutes=1),
                               wall_name="Dorp", created=late)
    finally:
        pipeline.close()
    words = {s: {w.lower() for w in STORIES[s][0]} for s in STORIES}
    for s, tid in largest.items():          # each story's name says what it is, never the searched town
        assert set(names[tid].lower().split()) & words[s] and "dorp" not in names[tid].lower(), (s, names)
    shown = {t.id: t.label for t in data.topics}
    assert all(shown[tid] == names[tid] for tid in largest.values())


def test_a_wall_that_runs_for_weeks_forgets_old_ended_names_and_the_store_keeps_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The three stories told again every ten days, each time ended before a pass names them: the
    clusterer keeps only the last window's names (it kept every name it ever gave), the store all."""
    clock = [T0]
    pipeline = _wall_pipeline(tmp_path / "wall.sqlite3", lambda: clock[0])
    given: list[set[int]] = []
    try:
        for n in range(3):
            posts = [(f"{mid}-{n}", text, at + timedelta(days=10 * n), s) for mid, text, at, s in _stream()]
            late = posts[-1][2] + timedelta(hours=8)          # every story's topic retired
            clock[0] = late
            monkeypatch.setattr(wall_stories, "EVERY_S", 1e9)     # no pass while the stories are told
            for m in _mentions(posts):
                pipeline.ingest([m])
            monkeypatch.setattr(wall_stories, "EVERY_S", 30 * 60.0)
            before = dict(pipeline.clusterer.ended_names)
            pipeline.ingest(_mentions([(f"late{n}", "Goeiemorgen iedereen", late, "-")]))   # a pass
            given.append({tid for tid, name in pipeline.clusterer.ended_names.items()
                          if before.get(tid) != name})
        held = dict(pipeline.clusterer.ended_names)
        stored = pipeline.store.topic_names(sorted(set().union(*given)))
    finally:
        pipeline.close()
    assert all(len(ids) >= 2 for ids in given)              # each time the ended stories were named
    assert set(held) == given[-1]                           # only the last window's names are held
    assert set(stored) == set().union(*given)               # the store keeps every one


def test_a_story_that_comes_back_in_a_tile_too_small_to_show_gets_its_name_in_the_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stories end (their topics retire) before any pass; hours later one post of the bridge comes:
    the pass puts the bridge's posts under that post's live topic, a tile of one post the wall does not
    show. Its name goes to the store as an ended topic's would (it went nowhere before)."""
    posts = _stream()
    late = posts[-1][2] + timedelta(hours=8)
    pipeline = _wall_pipeline(tmp_path / "wall.sqlite3", lambda: late)
    try:
        monkeypatch.setattr(wall_stories, "EVERY_S", 1e9)     # no pass while the stories are told
        for m in _mentions(posts):
            pipeline.ingest([m])
        monkeypatch.setattr(wall_stories, "EVERY_S", 30 * 60.0)
        pipeline.ingest(_mentions([("again", "De Kanaalbrug blijft dicht tot vrijdag", late, "bridge")]))
        stored = {m.id: m.topic or 0 for m in pipeline.store.mentions_since(T0 - timedelta(hours=1))}
        bridge = Counter(stored[mid] for mid, _, _, story in posts if story == "bridge").most_common(1)[0][0]
        hidden = pipeline.clusterer.is_live(bridge) and bridge not in {t.id for t in pipeline.clusterer.topics(late)}
        names = pipeline.store.topic_names([bridge])
    finally:
        pipeline.close()
    assert stored["again"] == bridge and hidden        # the story's posts went to the new post's tile
    assert set(names[bridge].lower().split()) & {w.lower() for w in STORIES["bridge"][0]}, names


def test_a_tile_that_ends_keeps_its_last_title_in_the_store(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """No pass runs: each story's tile is shown, then retires after 6 h of silence; the store keeps a
    title the tile was shown with (it kept nothing: the briefing worked out a name of its own)."""
    posts = _stream()
    clock = [T0]
    pipeline = _wall_pipeline(tmp_path / "wall.sqlite3", lambda: clock[0])
    monkeypatch.setattr(wall_stories, "EVERY_S", 1e9)
    titles: dict[int, set[str]] = {}
    try:
        for m in _mentions(posts):
            clock[0] = m.published
            pipeline.ingest([m])
            for t in pipeline.clusterer.topics(m.published):
                titles.setdefault(t.id, set()).add(t.label)
        late = posts[-1][2] + timedelta(hours=8)
        clock[0] = late
        pipeline.ingest(_mentions([("late", "Goeiemorgen iedereen", late, "-")]))   # every tile retires
        stored = {m.id: m.topic or 0 for m in pipeline.store.mentions_since(T0 - timedelta(hours=1))}
        largest = {s: Counter(stored[mid] for mid, _, _, story in posts if story == s).most_common(1)[0][0]
                   for s in STORIES}
        live = [tid for tid in largest.values() if pipeline.clusterer.is_live(tid)]
        names = pipeline.store.topic_names(sorted(titles))
    finally:
        pipeline.close()
    assert not live
    for s, tid in largest.items():          # each story's last tile has its title in the store
        assert set(names[tid].lower().split()) & {w.lower() for w in STORIES[s][0]}, (s, names)
    assert all(name in titles[tid] and "dorp" not in name.lower() for tid, name in names.items())
