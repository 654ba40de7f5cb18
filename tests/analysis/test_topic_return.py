"""On the wall a story that comes back after hours of silence goes on under its old id
(topic_merges.revive_returning): the store keeps the story's posts together, and other stories apart."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.analysis.topics import RECENT_POSTS, TopicClusterer
from newsroom.config import Config
from newsroom.domain import Mention, Search
from newsroom.pipeline.runner import Pipeline
from newsroom.pipeline.stored import StoredHealth
from newsroom.store import Store

T0 = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
NEXT_DAY = T0 + timedelta(hours=26)

BAKERY = [
    "Bakkerij Verhaegen in de Dorpsstraat sluit eind deze maand de deuren",
    "Zonde dat bakker Verhaegen stopt, beste sandwiches van het dorp",
    "Verhaegen sluit na veertig jaar, geen opvolger gevonden voor de bakkerij",
    "Wij gaan onze zondagse koffiekoeken bij Verhaegen missen",
    "Bakkerij Verhaegen stopt: de gemeente zoekt een nieuwe bakker voor de Dorpsstraat",
    "Laatste maand bij Verhaegen, haal nog snel je taart",
]
BAKERY_BACK = [
    "Laatste dag bij bakkerij Verhaegen, de rij staat tot aan de kerk",
    "Afscheid van bakker Verhaegen, hele Dorpsstraat kwam langs",
    "Verhaegen sluit vandaag echt, bedankt voor al die jaren",
]
FIRE = [
    "Brand in een woning in de Nieuwstraat, brandweer ter plaatse",
    "Grote rookwolk boven de Nieuwstraat, ramen dicht houden",
    "Brand in de Nieuwstraat onder controle, niemand gewond",
    "Buren van de Nieuwstraat opgevangen na de brand",
]
FIRE_ELSEWHERE = [
    "Brand in een schuur aan de Molenweg, brandweer blust",
    "Rookwolk boven de Molenweg, schuur brandt volledig uit",
    "Brand aan de Molenweg geblust, paarden in veiligheid",
]
CHATTER = ["Iemand een goede kapper aanraden?", "Fijne zondag allemaal", "Wat een mooie zonsondergang"]


def _stream() -> list[tuple[str, str, datetime]]:
    """Day one: the bakery closing and a fire in the Nieuwstraat, with chatter; the next day the bakery
    comes back and another fire breaks out in another street."""
    out: list[tuple[str, str, datetime]] = []
    for n, text in enumerate(BAKERY):
        out.append((f"b{n}", text, T0 + timedelta(minutes=9 * n)))
    for n, text in enumerate(FIRE):
        out.append((f"f{n}", text, T0 + timedelta(minutes=5 + 9 * n)))
    for n, text in enumerate(CHATTER):
        out.append((f"c{n}", text, T0 + timedelta(minutes=7 + 13 * n)))
    for n, text in enumerate(BAKERY_BACK):
        out.append((f"bb{n}", text, NEXT_DAY + timedelta(minutes=11 * n)))
    for n, text in enumerate(FIRE_ELSEWHERE):
        out.append((f"fe{n}", text, NEXT_DAY + timedelta(minutes=4 + 10 * n)))
    return sorted(out, key=lambda p: p[2])


def _wall(posts: list[tuple[str, str, datetime]]) -> TopicClusterer:
    """The posts through a wall clusterer, consolidated every five minutes of stream time."""
    c = TopicClusterer()
    for _, text, _ in posts:
        c.observe(text, "nl")
    last = posts[0][2]
    for mid, text, published in posts:
        if published - last >= timedelta(minutes=5):
            c.consolidate_stories()
            last = published
        c.add(mid, text, "nl", published)
    c.consolidate_stories()
    return c


def test_a_story_that_comes_back_the_next_day_keeps_its_id_and_another_fire_stays_apart() -> None:
    c = _wall(_stream())
    got = c.assignments()
    bakery = {got[f"b{n}"] for n in range(len(BAKERY))}
    assert len(bakery) == 1
    (story,) = bakery
    assert not c.is_live(got["b0"]) or c.size_of(story) == len(BAKERY_BACK)  # its counts: the return's
    assert {got[f"bb{n}"] for n in range(len(BAKERY_BACK))} == {story}
    assert c.is_live(story)
    assert "verhaegen" in c.label(story).lower()
    fire, elsewhere = {got[f"f{n}"] for n in range(len(FIRE))}, {got[f"fe{n}"] for n in range(len(FIRE_ELSEWHERE))}
    assert len(fire) == 1 and len(elsewhere) == 1 and fire != elsewhere   # two fires in two streets
    merges = c.drain_merges()
    assert any(into == story and c.resolve(gone) == story and gone > story for gone, into in merges)


def test_without_the_returned_story_the_next_days_posts_were_a_topic_of_their_own() -> None:
    # the same stream with nothing of the first day: the return is a new topic (what the wall did before)
    posts = [p for p in _stream() if p[2] >= NEXT_DAY]
    got = _wall(posts).assignments()
    assert len({got[f"bb{n}"] for n in range(len(BAKERY_BACK))}) == 1
    full = _wall(_stream()).assignments()
    assert full["bb0"] == full["b0"] != full["f0"]


def test_the_recent_posts_kept_are_bounded() -> None:
    c = TopicClusterer()
    for n in range(RECENT_POSTS + 50):
        c.add(f"p{n}", f"woord{n % 97} ander{n % 13}", "nl", T0 + timedelta(seconds=n))
    recent = c.recent_posts()
    assert len(recent) == RECENT_POSTS
    assert recent[0][0].id == "p50" and recent[-1][0].id == f"p{RECENT_POSTS + 49}"


def test_the_store_puts_the_returned_storys_posts_under_one_topic(tmp_path: Path) -> None:
    posts = _stream()
    mentions = [Mention(id=mid, source="import", text=text, published=published, lang="nl",
                        url=f"https://example.invalid/{mid}", canonical_url=f"https://example.invalid/{mid}",
                        searches=("Dorp",)) for mid, text, published in posts]
    pipeline = Pipeline(Config(), Store.open(tmp_path / "wall.sqlite3"), StoredHealth([]),
                        searches=(Search("Dorp", "Dorp"),), clock=lambda: NEXT_DAY + timedelta(hours=1))
    pipeline.consolidate_by_data = True
    try:
        for m in mentions:
            pipeline.ingest([m])
        stored = {m.id: m.topic for m in pipeline.store.mentions_since(T0 - timedelta(hours=1))}
        shown = {t.id: t.size for t in pipeline.clusterer.topics(NEXT_DAY + timedelta(hours=1))}
    finally:
        pipeline.close()
    assert stored["b0"] is not None
    assert {stored[m.id] for m in mentions if m.id.startswith("b")} == {stored["b0"]}
    assert stored["fe0"] != stored["f0"]
    assert shown.get(stored["b0"]) == len(BAKERY_BACK)   # the tile counts what came back


def test_the_return_is_the_same_whatever_the_hash_seed() -> None:
    code = ("from tests.analysis.test_topic_return import _stream, _wall\n"
            "c = _wall(_stream())\n"
            "print(sorted(c.assignments().items()), sorted((t, c.label(t)) for t in c.live_ids()))\n")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                             cwd=Path(__file__).resolve().parents[2])
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_only_a_live_topic_takes_up_a_retired_ones_id() -> None:
    c = _wall(_stream())
    got = c.assignments()
    story, fire = got["b0"], got["f0"]
    assert not c.take_up(fire, story)          # the story is live again: nothing done
    assert not c.take_up(10_000, 20_000)       # no such live topic
    assert c.assignments() == got
