"""Posts joined by words that tell no story (fifteenth pass, docs/topics.md "Fifteenth pass (background
words)").

On the demo's crisis the ten French storm posts ("Tempête à Lindeveld: toujours pas d'électricité …,
c'est scandaleux") sat in one topic with the French parking posts ("… c'est n'importe quoi"): the
elided "c'est" was read as the key ``est`` (the stop word behind the apostrophe), and with the town's
name it was all the two stories shared. An elided stop word is no key; the storm posts go with the
story their words and concepts tell.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topic_words import background_words, key_and_form

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize("token", ["c'est", "C'est", "qu'il", "n'est", "j'ai", "c'était", "s'il", "qu'on"])
def test_an_elided_stop_word_is_no_key_in_french(token: str) -> None:
    assert key_and_form(token, "fr") is None


@pytest.mark.parametrize(("token", "key"), [("l'heure", "heur"), ("d'électricité", "electricit"),
                                            ("l'hôpital", "hopital")])
def test_an_elided_content_word_keeps_its_key(token: str, key: str) -> None:
    hit = key_and_form(token, "fr")
    assert hit is not None and hit[0] == key and hit[1] == token


#: (story, minutes after T0, text): a town's three days, Dutch with a few French posts
STREAM: list[tuple[str, int, str]] = [
    *[("parking", 1200 + 37 * k + 300 * r, text) for r in range(3) for k, text in enumerate([
        "Le nouveau parking payant, 2 euros de l'heure, c'est n'importe quoi",
        "Parking payant au centre: c'est vraiment n'importe quoi",
        "Le nouveau parking payant de la gare, c'est du vol",
        "2 euros de l'heure pour se garer, c'est n'importe quoi",
        "Le parking payant de la Grand-Place, c'est une honte",
    ])],
    *[("pool", 1210 + 43 * k + 300 * r, text) for r in range(3) for k, text in enumerate([
        "Het zwembad is een bodemloze put. Stop er geen geld meer in",
        "Zwembad De Vijvers gaat weer dicht voor herstellingen, alweer geld weg",
        "Het zwembad De Vijvers kost de stad handenvol geld",
        "Zwembad De Vijvers: bodemloze put, de renovatie kost weer een miljoen",
        "Waarom gaat het zwembad De Vijvers alweer dicht?",
    ])],
    *[("works", 60 + 41 * k, text) for k, text in enumerate([
        "Wegenwerken in de Molenstraat, omleiding via de Dorpsstraat",
        "De Molenstraat ligt open, wegenwerken tot eind april",
        "Omleiding voor de wegenwerken in de Molenstraat is slecht aangeduid",
        "Wegenwerken Molenstraat: de handelaars zien geen klanten meer",
        "Nog drie weken wegenwerken in de Molenstraat in Hazelbeek",
    ])],
    *[("storm", 1500 + 9 * k, text) for k, text in enumerate([
        "Zware storm in Hazelbeek: bomen omgewaaid in de Kouter",
        "Stroompanne in de Kouter na de storm, Fluvius is ter plaatse",
        "Nog altijd geen stroom in de Kouter sinds de storm",
        "Storm: dakpannen van de kerk gewaaid, de Kouter is afgesloten",
        "Fluvius: de stroompanne in de Kouter duurt nog tot vanavond",
        "Geen elektriciteit meer in de Kouter, de diepvries ontdooit",
        "Stroompanne Kouter: wanneer hebben we weer stroom?",
        "Boom op een auto in de Kouter door de storm",
        "Stormschade in de Kouter: de brandweer ruimt op",
        "Al zes uur zonder stroom in de Kouter, Fluvius geeft geen info",
        "Stroompanne: Fluvius zegt nog twee uur voor de Kouter",
        "Stormschade overal in de Kouter, de straat ligt vol takken",
    ])],
    *[("storm", 1560 + 13 * k, "Tempête à Hazelbeek: toujours pas d'électricité dans le quartier, "
       f"c'est scandaleux {mark}") for k, mark in enumerate(["😡", "🙄", "👎", "😤", "#storm"])],
]


def test_french_storm_posts_go_with_the_storm_not_with_the_french_parking_posts() -> None:
    stream = sorted(STREAM, key=lambda row: row[1])
    docs = [(f"p{n}", text, T0 + timedelta(minutes=at), None) for n, (_, at, text) in enumerate(stream)]
    topic_of = {a.id: a.topic for a in assign_topics(docs)}
    topics: dict[str, list[int]] = {}
    for n, (story, _, text) in enumerate(stream):
        key = "storm-fr" if text.startswith("Tempête") else story
        topics.setdefault(key, []).append(topic_of[f"p{n}"])
    french_storm = set(topics["storm-fr"])
    assert not french_storm & set(topics["parking"]), topics
    assert not french_storm & set(topics["pool"]), topics


def _crisis_town(every: int) -> list[frozenset[str]]:
    """200 posts: a crisis of 100 (three of its 24 words each) naming the town in one post of ``every``,
    and five stories of 20 posts (their own word), 15 of each naming the town."""
    crisis = [f"crisis{k}" for k in range(24)]
    docs = [frozenset({crisis[n % 24], crisis[(n + 7) % 24], crisis[(n + 13) % 24]}
                      | ({"hazelbeek"} if n % every == 0 else set())) for n in range(100)]
    for story in range(5):
        docs += [frozenset({f"story{story}"} | ({"hazelbeek"} if n < 15 else set())) for n in range(20)]
    return docs


def test_a_town_a_crisis_seldom_names_is_background_when_it_meets_every_story() -> None:
    # the crisis names its quarter, so the town's spread is low; it still meets every frequent word
    assert background_words(_crisis_town(5)) == frozenset({"hazelbeek"})


def test_a_word_of_a_few_stories_is_no_background() -> None:
    docs = _crisis_town(5)
    docs = [d - {"hazelbeek"} | ({"kermis"} if "story0" in d or "story1" in d or "crisis0" in d else set())
            for d in docs]
    assert background_words(docs) == frozenset()
