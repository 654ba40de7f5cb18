"""Names a person reads as the story: not a place alone, not who acts alone; a club keeps its town's name
(docs/topics.md, twenty-first pass). Hand-written posts of invented towns."""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.analysis.name_places import with_town
from newsroom.analysis.topic_names import name_topic, same_head
from newsroom.analysis.topic_words import WordReader

BURGLARIES = ["Vannacht ingebroken bij de buren in de wijk Ravenhof", "Reeks woninginbraken in de wijk Ravenhof",
              "Al drie inbraken in Ravenhof deze maand, wie weet meer?", "Wijk Ravenhof: de politie patrouilleert",
              "Zag vannacht een witte bestelwagen zonder lichten in Ravenhof", "Welke straat in Ravenhof?",
              "Inbraken in Ravenhof: de politie zoekt getuigen", "Camera's in de wijk Ravenhof, eindelijk"]
BRIDGE = ["Kanaalbrug dicht na aanrijding", "Kanaalbrug dicht tot vrijdag", "Vrachtwagen ramt leuning Kanaalbrug",
          "Omrijden want de Kanaalbrug is dicht", "Hoe lang blijft de Kanaalbrug dicht?",
          "Aanrijding op de Kanaalbrug vanmorgen"]
CHAMPIONS = ["Proficiat aan Sporting Bergdonk met de titel!", "Zondag iedereen naar de huldiging van Sporting Bergdonk",
             "Wat een seizoen van Sporting Bergdonk, verdiend kampioen", "Huldiging van Sporting op de markt",
             "Huldiging van Sporting om 15u", "Sporting kampioen!", "Huldiging van Sporting, wat een feest"]


def named(texts: Sequence[str], town: str = "", keep_town: bool = False) -> str:
    reader = WordReader()
    for text in texts:
        reader.read(text, "nl")
    background = frozenset({reader.key_of(town, "nl")[0]}) if town else frozenset()   # type: ignore[index]
    return name_topic([(t, "nl") for t in texts], reader, lambda w: 1.0, background, keep_town=keep_town)


def test_a_place_alone_gives_way_to_what_happened_there() -> None:
    """"Wijk Ravenhof" is written most, but says only where: the burglaries ("inbraken", two posts, and
    "woninginbraken", a compound of it) lead, with their place. On the old code: "Wijk Ravenhof"."""
    name = named(BURGLARIES)
    assert "inbraken" in name.lower() and "Ravenhof" in name


def test_a_name_with_what_it_is_stays() -> None:
    """"Kanaalbrug dicht": the name and what it is ("dicht", no noun here) already say what happened; the
    aanrijding does not take its place."""
    assert named(BRIDGE) == "Kanaalbrug dicht"


def test_a_compound_or_a_plural_says_the_same_as_its_head() -> None:
    assert same_head("woninginbraken", "inbraken") and same_head("fietsendiefstallen", "fietsendiefstal")
    assert not same_head("inbraken", "inbraken") and not same_head("stroom", "stro")
    assert not same_head("inbraakgolf", "inbraken")


def test_a_club_named_after_its_town_keeps_the_town_in_the_batch_s_names() -> None:
    """The town's name is a background word, never a name alone; a club people write with it
    ("Sporting Bergdonk", mid-sentence, in most of its uses) keeps it in ``newsroom topics``' names. The
    wall's names (keep_town off) show no name holding the town's. On the old code: "Huldiging van
    Sporting"."""
    assert named(CHAMPIONS, town="Bergdonk", keep_town=True) == "Huldiging van Sporting Bergdonk"
    assert named(CHAMPIONS, town="Bergdonk") == "Huldiging van Sporting"


def test_a_street_or_a_named_place_before_the_town_is_no_club() -> None:
    """"Kanaalstraat Bergdonk" is a street and its town, "De Zeester Bergdonk" a school after its article."""
    works = ["Werken in de Kanaalstraat Bergdonk", "Werken in de Kanaalstraat: omleiding", "Werken Kanaalstraat Bergdonk",
             "Werken in de Kanaalstraat duren lang", "Nog steeds werken in de Kanaalstraat Bergdonk"]
    assert "Bergdonk" not in named(works, town="Bergdonk", keep_town=True)
    school = ["Ouderraad De Zeester Bergdonk zoekt helpers", "Nieuwbouw De Zeester uitgesteld",
              "Nieuwbouw De Zeester Bergdonk weer uitgesteld", "Klassen in containers bij De Zeester",
              "De Zeester Bergdonk: nieuwbouw pas in 2028"]
    assert "Bergdonk" not in named(school, town="Bergdonk", keep_town=True)


def test_with_town_inserts_the_town_after_the_club_s_word_only() -> None:
    clubs = {"kfc": ("KFC", "Lindeveld")}
    assert with_town("KFC naar de volgende ronde", clubs) == "KFC Lindeveld naar de volgende ronde"
    assert with_town("KFC Lindeveld kampioen", clubs) == "KFC Lindeveld kampioen"
    assert with_town("Huldiging op de markt", clubs) == "Huldiging op de markt"
