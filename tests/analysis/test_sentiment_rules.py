"""Each sentiment rule with examples that fail when the rule is removed."""

from __future__ import annotations

import pytest

from newsroom.analysis.sentiment import SentimentScorer
from newsroom.domain import Polarity

S = SentimentScorer()


def score(text: str, lang: str = "nl") -> float:
    return S.score(text, lang).score


def label(text: str, lang: str = "nl") -> Polarity:
    return S.score(text, lang).label


def test_lexicon_words_in_three_languages() -> None:
    assert label("De dienstverlening is schandalig") is Polarity.NEGATIVE
    assert label("Chapeau voor de brandweer") is Polarity.POSITIVE
    assert label("C'est scandaleux", "fr") is Polarity.NEGATIVE
    assert label("Bravo aux bénévoles", "fr") is Polarity.POSITIVE
    assert label("The new bike lane is great", "en") is Polarity.POSITIVE
    assert label("De gemeenteraad vergadert om 20 uur") is Polarity.NEUTRAL


@pytest.mark.parametrize(("plain", "negated"), [
    ("Het is slecht", "Het is niet slecht"),
    ("Het is goed", "Het is niet goed"),
    ("C'est bien", "Ce n'est pas bien"),
])
def test_negation_flips_the_sign(plain: str, negated: str) -> None:
    lang = "fr" if plain.startswith("C'") else "nl"
    assert score(plain, lang) * score(negated, lang) < 0


def test_expressions_beat_their_words() -> None:
    assert label("Geen probleem, bedankt") is Polarity.POSITIVE
    assert label("Goed bezig van de stad") is Polarity.POSITIVE
    assert label("Waar blijft de gemeente?") is Polarity.NEGATIVE


def test_intensifiers_and_downtoners() -> None:
    assert score("Het is heel slecht") < score("Het is slecht") < score("Het is een beetje slecht") < 0


def test_contrast_weighs_the_second_clause() -> None:
    assert label("Mooi plein, maar de bediening is schandalig") is Polarity.NEGATIVE
    assert label("Het wachten was vervelend, maar het resultaat is prachtig") is Polarity.POSITIVE


def test_emoji_and_emoticons() -> None:
    assert label("Brug weer dicht 😡") is Polarity.NEGATIVE
    assert label("Lichtjesstoet 🎉😍") is Polarity.POSITIVE
    assert label("Zwembad open :)") is Polarity.POSITIVE


def test_irony_marker_turns_praise() -> None:
    assert label("Goed bezig hoor 🙄") is Polarity.NEGATIVE


def test_exclamation_and_caps_amplify() -> None:
    assert score("Schandalig!!!") < score("Schandalig")
    assert score("Dit is SCHANDALIG van de stad") < score("Dit is schandalig van de stad")


def test_user_lexicon_adds_and_overrides() -> None:
    custom = SentimentScorer({"nl": {"gft": -0.8, "chapeau": -0.5}})
    assert custom.score("Weer gft op straat", "nl").label is Polarity.NEGATIVE
    assert custom.score("chapeau", "nl").score < 0
    assert S.score("Weer gft op straat", "nl").label is Polarity.NEUTRAL


def test_thin_evidence_is_neutral_but_keeps_its_sign() -> None:
    weak = S.score("Brug dicht", "nl")
    assert weak.label is Polarity.NEUTRAL
    assert weak.score < 0
    assert weak.confidence < 0.3
