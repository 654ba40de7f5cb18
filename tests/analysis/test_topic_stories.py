"""Topics that are stories on raw posts: replies without the keyword, stories that share their words,
names that say what the story is, the same output under every hash seed, ids from one place."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from newsroom.analysis.story_fragment import Fragment
from newsroom.analysis.story_time_absorb import time_absorptions
from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topic_ids import TopicIds
from newsroom.analysis.topic_names import name_topic
from newsroom.analysis.topic_stories import story_merges
from newsroom.analysis.topic_words import WordReader
from newsroom.analysis.topics import TopicClusterer

T0 = datetime(2026, 3, 14, 6, 0, tzinfo=UTC)

# Day 1, morning: the flood, told by the city, the local paper, residents and their replies.
FLOOD = [
    "De Gete is buiten haar oevers getreden. Zandzakjes liggen klaar aan de werf in de Molenstraat.",
    "Overstroming in Lindeveld: Gete treedt buiten haar oevers https://lindeveldnieuws.be/1",
    "Kelder vol water, alles kapot. De Gete staat tot aan de voordeur 😱",
    "Hier ook al 3 dagen niks 😡",
    "Brandweer pompt de kelders leeg langs de Gete",
    "Wie weet hoe lang nog?",
    "Zandzakjes gehaald aan de werf, wachtrij van een uur #overstroming",
    "Overstroming weer, derde keer in vijf jaar. Wanneer doet de stad iets aan die Gete?",
    "Sterkte aan iedereen in de buurt",
    "Wateroverlast langs de Gete: kelders lopen onder, brandweer ter plaatse",
    "ons straat is ne rivier geworden door de gete, da's toch ni normaal",
    "Water van de Gete zakt langzaam, de kelders staan nog vol",
]
# Day 1, afternoon and evening: roadworks in two streets, the same words but for the street.
STATION = [
    "Wegenwerken in de Stationsstraat: vanaf maandag omleiding via de Kerkstraat",
    "Weeral wegenwerken in de Stationsstraat 🙄",
    "Hoe lang duren die werken in de Stationsstraat nog?",
    "Handelaars in de Stationsstraat klagen over de wegenwerken",
    "Kraan staat al een week stil in de Stationsstraat, niemand aan het werk",
    "Omleiding door de werken in de Stationsstraat is een doolhof",
]
CANAL = [
    "Wegenwerken in de Kanaalweg: zes maanden omleiding",
    "Da's hier al maanden opgebroken in de Kanaalweg, zot wordt ge ervan",
    "Fietsers moeten afstappen aan de werken in de Kanaalweg",
    "Nieuwe riolering in de Kanaalweg: straat volledig dicht door de wegenwerken",
    "Als handelaar in de Kanaalweg zie ik geen klant meer sinds de werken",
    "Hoe lang blijven die wegenwerken in de Kanaalweg nog duren?",
]
# Day 2: a fire, and the fire brigade's open day (shares "brandweer" with it).
FIRE = [
    "Zware brand in een woning in de Beekstraat, vermijd de buurt",
    "Enorme rookwolk boven De Hoek, wat brandt daar? Brand in de Beekstraat",
    "Brand Beekstraat: gezin dakloos, de bewoners worden opgevangen",
    "Brandweer met drie wagens in de Beekstraat 🚒 brand in een woning",
    "Oorzaak brand Beekstraat wellicht defecte elektriciteit",
]
OPEN_DAY = [
    "Zondag opendeurdag bij de brandweer! Demo's en een springkasteel voor de kinderen",
    "Met de kinderen naar de opendeurdag van de brandweer, ze mochten in de ladderwagen 😍",
    "Opendeurdag brandweer was top, mooie demo",
    "Duizend bezoekers op opendeurdag brandweer Lindeveld",
    "Onze kleine wil nu brandweerman worden na de opendeurdag 😂",
]
CHATTER = [
    "Iemand een goede bakker aan te raden?",
    "Te koop: kinderfiets, zo goed als nieuw",
    "Fijne avond iedereen",
]


def _stream() -> list[tuple[str, str, str, datetime]]:
    """(id, story, text, published): the stories in their own hours, chatter in between."""
    posts: list[tuple[str, str, str, datetime]] = []
    for story, texts, start, step in (("flood", FLOOD, 0, 9), ("station", STATION, 7 * 60, 15),
                                      ("canal", CANAL, 7 * 60 + 7, 15), ("fire", FIRE, 28 * 60, 12),
                                      ("open", OPEN_DAY, 30 * 60, 20), ("chat", CHATTER, 16 * 60, 200)):
        for k, text in enumerate(texts):
            posts.append((f"{story}-{k}", story, text, T0 + timedelta(minutes=start + k * step)))
    return sorted(posts, key=lambda p: (p[3], p[0]))


@lru_cache(maxsize=1)
def _batch() -> tuple[dict[str, int], dict[str, str], dict[str, Counter[int]]]:
    """The final topic of every post, the name of every topic, and each story's topics (computed once)."""
    posts = _stream()
    out = assign_topics([(mid, text, when, "nl") for mid, _, text, when in posts])
    topic = {a.id: a.topic for a in out}
    label = {a.topic: a.label for a in out}
    by_story: dict[str, Counter[int]] = {}
    for mid, story, _, _ in posts:
        by_story.setdefault(story, Counter())[topic[mid]] += 1
    return topic, label, by_story


def test_replies_without_the_keyword_join_the_story_they_answer() -> None:
    topic, _, by_story = _batch()
    flood = by_story["flood"].most_common(1)[0][0]
    for k, text in enumerate(FLOOD):
        if "Gete" not in text and "gete" not in text:            # "Wie weet hoe lang nog?"
            assert topic[f"flood-{k}"] == flood, text
    assert by_story["flood"][flood] == len(FLOOD)


def test_stories_that_share_their_words_stay_apart() -> None:
    _, _, by_story = _batch()
    main = {story: counts.most_common(1)[0] for story, counts in by_story.items() if story != "chat"}
    assert main["station"][0] != main["canal"][0]                # two streets, two roadworks
    assert main["fire"][0] != main["open"][0]                    # a fire is not the open day
    assert len({tid for tid, _ in main.values()}) == len(main)
    for story, (_, n) in main.items():                           # and each is (nearly) whole
        assert n >= len(by_story[story].keys()) and n >= 0.8 * sum(by_story[story].values()), story


def test_names_are_phrases_with_their_subject_and_proper_capitals() -> None:
    _, label, by_story = _batch()
    name = {story: label[counts.most_common(1)[0][0]] for story, counts in by_story.items()}
    assert "Stationsstraat" in name["station"] and "werk" in name["station"].lower()
    assert "Kanaalweg" in name["canal"]
    assert "Gete" in name["flood"] or "overstroming" in name["flood"].lower()
    assert "Beekstraat" in name["fire"] or "brand" in name["fire"].lower()
    assert "opendeurdag" in name["open"].lower()
    for text in name.values():
        assert text[:1].isupper() and "Lindeveld" not in text    # a capital first; the town is background
        assert len(text.split()) <= 6


def test_the_command_line_gives_the_same_output_under_every_hash_seed() -> None:
    lines = "\n".join(json.dumps({"id": mid, "text": text, "published": when.isoformat()})
                      for mid, _, text, when in _stream())
    outputs = set()
    for seed in ("0", "77"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "newsroom", "topics"], input=lines, text=True,
                              capture_output=True, env=env, check=True, timeout=120)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert len(next(iter(outputs)).splitlines()) == len(_stream())


def test_a_name_is_what_people_wrote_with_the_place_it_happened() -> None:
    reader = WordReader()
    texts = ["Het dak van de buren ligt in onze tuin", "Dak van de buren ligt in de tuin na de storm!",
             "Wie heeft er ook het dak van de buren in de tuin?", "Zot, dak van de buren gewoon weg"]
    for text in texts:
        reader.read(text, "nl")
    assert name_topic([(t, "nl") for t in texts], reader, lambda w: 1.0) == "Dak van de buren"
    works = ["Wegenwerken in de Kanaalweg, weer file", "wegenwerken kanaalweg 🙄", "Weer wegenwerken!!",
             "De wegenwerken in de Kanaalweg duren tot juni"]
    for text in works:
        reader.read(text, "nl")
    name = name_topic([(t, "nl") for t in works], reader, lambda w: 1.0)
    assert name.startswith("Wegenwerken") and "Kanaalweg" in name   # the street keeps its capital


def test_a_subject_never_written_with_its_place_gives_way_to_a_phrase_around_the_place() -> None:
    """Not two top words glued together ("Ziek Kerkplein"): the phrase people wrote around the place
    with a word that says what happened there."""
    reader = WordReader()
    texts = ["Wat gebeurt er op het Kerkplein? Ze zijn alle lindebomen aan het kappen",
             "De linden op het Kerkplein waren ziek en onveilig", "Ziek? Ze zagen er nog perfect uit",
             "Bomenkap op het Kerkplein zorgt voor verontwaardiging",
             "Het Kerkplein gaat er jaren kaal uitzien, ziek of niet", "Weer bomenkap, nu op het Kerkplein"]
    for text in texts:
        reader.read(text, "nl")
    first = name_topic([(t, "nl") for t in texts], reader, lambda w: 1.0)
    assert first == "Bomenkap op het Kerkplein"
    more = [*texts, "Nieuwe bomen op het Kerkplein in het voorjaar"]
    for text in more[-1:]:
        reader.read(text, "nl")
    assert name_topic([(t, "nl") for t in more], reader, lambda w: 1.0, previous=first) == first


def test_a_one_word_name_on_the_wall_gives_way_to_the_phrase_people_wrote() -> None:
    """A topic named "Station" while it was small is named by what people wrote once that is clear, and
    keeps that name as the story goes on."""
    reader = WordReader()
    texts = ["Fiets gestolen aan het station", "Weer een fiets gestolen aan het station!",
             "Mijn fiets gestolen aan het station vanmorgen", "Station is een dievennest",
             "Camera's aan het station zouden helpen"]
    for text in texts:
        reader.read(text, "nl")
    posts = [(t, "nl") for t in texts]
    name = name_topic(posts, reader, lambda w: 1.0, previous="Station")
    assert name == "Fiets gestolen aan het station"
    reader.read("Fietsenstalling aan het station vol", "nl")
    more = [*posts, ("Fietsenstalling aan het station vol", "nl")]
    assert name_topic(more, reader, lambda w: 1.0, previous=name) == name


def test_a_name_stays_while_the_story_is_the_same() -> None:
    reader = WordReader()
    texts = [("Stroompanne in Ter Heide", "nl"), ("stroompanne ter heide, iemand info?", "nl"),
             ("Nog altijd stroompanne in Ter Heide", "nl")]
    for text, lang in texts:
        reader.read(text, lang)
    first = name_topic(texts, reader, lambda w: 1.0)
    assert "Stroompanne" in first and "Heide" in first
    more = [*texts, ("Stroom uitgevallen, Fluvius ter plaatse in Ter Heide", "nl")]
    assert name_topic(more, reader, lambda w: 1.0, previous=first) == first


def test_names_keep_two_streets_apart_when_fragments_are_grouped() -> None:
    def fragment(tid: int, street: str, t: float) -> Fragment:
        return Fragment(tid, 4.0, {"wegenwerk": 4.0, "omleid": 2.0, street: 4.0}, (t, t + 600.0))

    names = {"stationsstraat", "kanaalweg"}
    same = [fragment(1, "stationsstraat", 0.0), fragment(2, "stationsstraat", 900.0)]
    assert story_merges(same, lambda w: 1.0, names.__contains__) == [(1, 2)]
    apart = [fragment(1, "stationsstraat", 0.0), fragment(2, "kanaalweg", 900.0)]
    assert story_merges(apart, lambda w: 1.0, names.__contains__) == []


def test_a_small_fragment_joins_the_story_that_dominates_its_hour() -> None:
    posts = [(60.0 * k, 1) for k in range(10)] + [(305.0, 2), (20000.0, 3), (20060.0, 3)]
    posts.sort()
    assert time_absorptions(posts) == [(2, 1)]                  # 3 has no story around it


def test_topic_ids_come_from_one_injectable_allocator() -> None:
    ids = TopicIds.starting_at(500)
    clusterer = TopicClusterer(ids=ids)
    first = clusterer.add("a", "Overstroming van de Gete in Lindeveld", "nl", T0)
    second = clusterer.add("b", "Zomerfestival op de Grote Markt met foodtrucks", "nl", T0)
    assert first == 500 and second == 501 and ids.next_id == 502


WALL = """
import json, sys
from datetime import datetime
from newsroom.analysis.topics import TopicClusterer
posts = json.load(sys.stdin)
c = TopicClusterer()
for mid, text, when in posts:
    c.observe(text, "nl")
for n, (mid, text, when) in enumerate(posts):
    c.add(mid, text, "nl", datetime.fromisoformat(when))
    if n % 10 == 9:
        c.consolidate()
now = datetime.fromisoformat(posts[-1][2])
print(json.dumps([sorted(c.assignments().items()), [(t.id, t.label, t.size) for t in c.topics(now, min_size=1)]]))
"""


def test_the_wall_gives_the_same_topics_and_names_under_every_hash_seed() -> None:
    posts = json.dumps([(mid, text, when.isoformat()) for mid, _, text, when in _stream()])
    outputs = set()
    for seed in ("0", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", WALL], input=posts, text=True, capture_output=True,
                              env=env, check=True, timeout=120)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    topics = json.loads(next(iter(outputs)))[1]
    assert all(label[:1].isupper() for _, label, _ in topics)


def test_a_subject_and_its_place_are_named_as_people_wrote_them_together() -> None:
    reader = WordReader()
    works = ["Wegenwerken in de Kanaalweg, weer file", "wegenwerken kanaalweg 🙄", "Weer wegenwerken!!",
             "De wegenwerken in de Kanaalweg duren tot juni", "Kanaalweg: de wegenwerken zijn gestart"]
    for text in works:
        reader.read(text, "nl")
    assert name_topic([(t, "nl") for t in works], reader, lambda w: 1.0) == "Wegenwerken in de Kanaalweg"
    apart = ["Storm: bomen om in Ter Heide", "storm!! ter heide", "Wat een storm vannacht",
             "Ter Heide: storm richt schade aan"]
    for text in apart:
        reader.read(text, "nl")
    assert name_topic([(t, "nl") for t in apart], reader, lambda w: 1.0) == "Storm Ter Heide"   # never written together
