"""A topic's subject written in several words of one family ("hitte", "hitteplan", "hittegolf") is
counted as one when it is named; a place is named whole ("Lange Kaai", not "Kaai")."""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.analysis.name_families import word_family
from newsroom.analysis.topic_names import name_topic
from newsroom.analysis.topic_words import WordReader

#: A heat wave in hand-written posts: its words spread over a family, the pool is in more posts than
#: any one of them.
HEAT = ["Hitteplan actief, drink voldoende water", "Het hitteplan is actief: kijk om naar je buren",
        "Hitteplan actief. Ventilator uitverkocht overal", "Stad start hitteplan voor ouderen",
        "Die hitte is niet normaal meer", "Veel te warm om te slapen, die hitte", "Wat een hitte vandaag",
        "Hittegolf houdt aan tot zondag", "Derde hittegolf van de zomer",
        "Het zwembad vol om 10u al", "Het zwembad langer open", "Het zwembad gratis voor kinderen",
        "Het zwembad: lange rij aan de kassa", "In het zwembad is het ook te warm"]
#: A bus stop dropped at a street whose name starts with an adjective.
BUS = ["De Lijn schrapt bushalte Lange Kaai", "Lijn 21 stopt niet meer aan de Lange Kaai, nieuwe dienstregeling",
       "Nieuwe dienstregeling: geen bus meer aan de Lange Kaai", "Nieuwe dienstregeling van De Lijn is een ramp",
       "Dienstregeling gewijzigd, Lange Kaai vergeten", "Wie bedenkt zo'n dienstregeling"]


def named(texts: Sequence[str], lang: str = "nl") -> str:
    reader = WordReader()
    for text in texts:
        reader.read(text, lang)
    return name_topic([(t, lang) for t in texts], reader, lambda w: 1.0)


def test_the_words_a_general_word_starts_are_one_family() -> None:
    assert word_family("hitteplan") == word_family("hittegolf") == word_family("hitte") == "hitte"
    assert word_family("griepprik") == word_family("griepvaccinatie") == "griep"
    assert word_family("sluikstorten") == word_family("sluikstorter") == "sluikstort"
    assert word_family("bus") is None                   # too short a start to gather a family
    assert word_family("speeltuinstraat") is None       # a street's name is no word of "speeltuin*"
    assert word_family("zeepbel") is None               # no start of the lexicon


def test_a_subject_written_in_several_words_of_a_family_names_the_topic_as_it_grows() -> None:
    """On the old code the family's words counted apart: "Die hitte" at nine posts, then "In het
    zwembad is het ook te warm" once the swimming pool's five posts came in."""
    for size in (3, 6, 9, 12, len(HEAT)):
        name = named(HEAT[:size])
        assert "hitte" in name.lower(), (size, name)
    assert named(HEAT) == "Het hitteplan is actief"


def test_a_place_keeps_the_word_written_with_a_capital_before_it() -> None:
    """On the old code "Nieuwe dienstregeling Kaai": the street's first word, a small word, was cut."""
    assert named(BUS) == "Nieuwe dienstregeling Lange Kaai"
