"""Posts joined by words that tell no story (fifteenth pass, docs/topics.md "Fifteenth pass (background
words)").

On the demo's crisis the ten French storm posts ("Tempête à Lindeveld: toujours pas d'électricité …")
sat in one topic with the French parking posts and the pool's posts: the town's name was about all
they shared. It was no background word: the storm, a third of the posts, names its quarter and seldom
the town, so the town's spread was low, though it met nearly every frequent word of the stream. A word
that meets nearly every frequent word is background now, whatever its spread.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topic_words import background_words

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


#: (story, minutes after T0, text): a town's day and a half, Dutch with a few French posts; every story
#: names the town; the storm, a third of the posts, names its quarter (the Kouter) and seldom the town
STREAM: list[tuple[str, int, str]] = [
    *[("parking", 60 + 37 * k + 110 * r, text) for r in range(8) for k, text in enumerate([
        "Le nouveau parking payant à Hazelbeek, 2 euros de l'heure, n'importe quoi",
        "Parking payant au centre de Hazelbeek: vraiment n'importe quoi",
        "Le nouveau parking payant de la gare de Hazelbeek, du vol",
    ])],
    *[("pool", 70 + 31 * k + 110 * r, text) for r in range(8) for k, text in enumerate([
        "Het zwembad in Hazelbeek is een bodemloze put. Stop er geen geld meer in",
        "Zwembad De Vijvers in Hazelbeek gaat weer dicht voor herstellingen, alweer geld weg",
        "Het zwembad De Vijvers kost Hazelbeek handenvol geld",
    ])],
    *[("works", 80 + 29 * k + 150 * r, text) for r in range(6) for k, text in enumerate([
        "Wegenwerken in de Molenstraat in Hazelbeek, omleiding via de Dorpsstraat",
        "De Molenstraat in Hazelbeek ligt open, wegenwerken tot eind april",
        "Omleiding voor de wegenwerken in de Molenstraat in Hazelbeek is slecht aangeduid",
    ])],
    *[("storm", 900 + 5 * k + 70 * r, text + (" #Hazelbeek" if r == 2 else "")) for r in range(3)
      for k, text in enumerate([
        "Zware storm: bomen omgewaaid in de Kouter",
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
        "Onweer en hagel boven de Kouter, kelders lopen onder",
        "De Kouter zonder stroom: buren delen een generator",
        "Dakgoot losgerukt door de rukwind, de Kouter blijft gevaarlijk",
        "Netbeheerder belooft herstel van de kabel in de Kouter",
    ])],
    *[("storm", 930 + 13 * k, "Tempête à Hazelbeek: toujours pas d'électricité dans le quartier, "
       f"c'est scandaleux {mark}") for k, mark in enumerate(["😡", "🙄", "👎", "😤", "#storm"])],
]


def test_stories_that_share_only_the_town_stay_apart_and_french_storm_posts_join_the_storm() -> None:
    stream = sorted(STREAM, key=lambda row: row[1])
    docs = [(f"p{n}", text, T0 + timedelta(minutes=at), None) for n, (_, at, text) in enumerate(stream)]
    topic_of = {a.id: a.topic for a in assign_topics(docs)}
    largest: dict[str, int] = {}
    for story in ("parking", "pool", "works", "storm"):
        held = Counter(topic_of[f"p{n}"] for n, row in enumerate(stream)
                       if row[0] == story and not row[2].startswith("Tempête"))
        largest[story] = held.most_common(1)[0][0]
    # the parking complaints, the pool and the roadworks share the town's name and nothing else
    assert len(set(largest.values())) == 4, largest
    french_storm = {topic_of[f"p{n}"] for n, row in enumerate(stream) if row[2].startswith("Tempête")}
    assert french_storm == {largest["storm"]}


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
