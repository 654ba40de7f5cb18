"""A webcare signature ("Dank u, we bekijken het. ^Lien") says who answered, not what the story is:
it is no word of a topic, no part of its name and never in its cloud (the wall showed "Jens" and
"Lien" in the clouds of a storm, and a topic was called "Flitspaal Bram")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsroom.analysis.name_tokens import segments
from newsroom.analysis.topic_names import name_topic
from newsroom.analysis.topic_words import WordReader
from newsroom.analysis.topics import TopicClusterer
from newsroom.analysis.words import content_words, tokens, without_signatures

SPEED_CAMERA = ["Nieuwe flitspaal in de Dorpsstraat, al 40 bestuurders geflitst. ^Bram",
                "Die flitspaal in de Dorpsstraat is puur geldklopperij",
                "De flitspaal staat er voor de veiligheid van de schoolkinderen. ^Bram",
                "Flitspaal Dorpsstraat: de eerste boetes zijn verstuurd. ^Bram"]


@pytest.mark.parametrize(("text", "left"), [
    ("Dank u, we bekijken het. ^Lien", "Dank u, we bekijken het. |"),
    ("^K.V. Wij verwittigen de dienst.", "|. Wij verwittigen de dienst."),
    ("Alles is hersteld ^Jens. Meer info volgt", "Alles is hersteld |. Meer info volgt"),
    ("^Brandweer-Zone Kempen", "| Kempen"),
    ("x^2 en ^^ en ^_^ blijven", "x^2 en ^^ en ^_^ blijven"),
])
def test_a_signature_is_cut_and_nothing_else(text: str, left: str) -> None:
    assert without_signatures(text, "|") == left


def test_a_signature_is_no_token_and_no_topic_word() -> None:
    text = "De GFT-ophaling is verplaatst naar zaterdag. ^Lien"
    assert "Lien" not in tokens(text)
    assert not any(getattr(w, "surface", None) == "Lien" for w in content_words(text, "nl"))
    reader = WordReader()
    keys = reader.read(text, "nl")
    assert keys and not any(k.startswith("lien") for k in keys)
    assert "lien" not in reader.surface


def test_no_name_is_made_of_who_answered() -> None:
    """The namer's runs of words (what names are cut from) never hold the signature: before, "Bram"
    stood at the end of a run and could end a name ("Flitspaal Bram")."""
    reader = WordReader()
    for text in SPEED_CAMERA:
        reader.read(text, "nl")
    runs = [run for text in SPEED_CAMERA for run in segments(text, "nl", reader)]
    assert runs and not any(token.text == "Bram" for run in runs for token in run)
    name = name_topic([(t, "nl") for t in SPEED_CAMERA], reader, lambda w: 1.0)
    assert name and "Bram" not in name


def test_a_wall_cloud_does_not_show_the_signature() -> None:
    clusterer = TopicClusterer()
    start = datetime(2026, 3, 10, 7, tzinfo=UTC)
    for i, text in enumerate(SPEED_CAMERA * 2):
        clusterer.add(f"m{i}", text, "nl", start + timedelta(minutes=i), negative=False)
    topics = clusterer.topics(start + timedelta(minutes=30), min_size=1)
    shown = {tw.term.lower() for t in topics for tw in t.terms}
    assert shown and "bram" not in shown
