"""Each sentiment rule with examples that fail when the rule is removed."""

from __future__ import annotations

import pytest

from newsroom.analysis.sentiment import SentimentScorer
from newsroom.domain import Polarity

S = SentimentScorer(use_model=False)  # the rules alone (the town model: test_sentiment_model.py)


def score(text: str, lang: str = "nl") -> float:
    return S.score(text, lang).score


def label(text: str, lang: str = "nl") -> Polarity:
    return S.score(text, lang).label


def terms(text: str, lang: str = "nl") -> dict[str, float]:
    return {c.term: c.value for c in S.explain(text, lang)}


def test_lexicon_words_in_three_languages() -> None:
    assert label("De dienstverlening is schandalig") is Polarity.NEGATIVE
    assert label("Chapeau voor de brandweer") is Polarity.POSITIVE
    assert label("C'est scandaleux", "fr") is Polarity.NEGATIVE
    assert label("Bravo aux bénévoles", "fr") is Polarity.POSITIVE
    assert label("The new bike lane is great", "en") is Polarity.POSITIVE
    assert label("De gemeenteraad vergadert om 20 uur") is Polarity.NEUTRAL


def test_flemish_and_dutch_resident_vocabulary() -> None:
    assert label("Amai, wat een ambetante toestand") is Polarity.NEGATIVE
    assert label("Heel content met de nieuwe bakker") is Polarity.POSITIVE
    assert label("Goesting in de kermis, zo plezant!") is Polarity.POSITIVE
    assert label("Echt kut dat het zwembad dicht is") is Polarity.NEGATIVE
    assert label("Wat een zever in pakskes") is Polarity.NEGATIVE


def test_function_word_homographs_carry_no_sentiment() -> None:
    # Pattern lists "naar" (nasty) and "waar" (true); as prepositions they must not count
    assert terms("We rijden naar de markt, waar het plein ligt") == {}
    assert label("Ik ga morgen naar het stadhuis") is Polarity.NEUTRAL


def test_inflected_dutch_adjectives_are_found() -> None:
    assert "slechte" in terms("Een slechte beslissing")
    assert label("Een slechte beslissing van de stad") is Polarity.NEGATIVE
    assert label("De mooiste kerstmarkt ooit") is Polarity.POSITIVE
    assert label("Wat een vieze straat") is Polarity.NEGATIVE  # vies -> vieze


def test_dutch_compounds_take_the_score_of_their_head() -> None:
    assert terms("Energieverspilling").get("energieverspilling", 0) < 0
    assert label("Weer vuurwerkoverlast in de wijk") is Polarity.NEGATIVE


@pytest.mark.parametrize(("plain", "negated", "lang"), [
    ("Het is slecht", "Het is niet slecht", "nl"),
    ("Het is goed", "Het is niet goed", "nl"),
    ("Dat is een goed plan", "Dat is geen goed plan", "nl"),
    ("C'est bien", "Ce n'est pas bien", "fr"),
    ("The service is good", "The service is not good", "en"),
])
def test_negation_flips_the_sign(plain: str, negated: str, lang: str) -> None:
    assert score(plain, lang) * score(negated, lang) < 0


def test_negated_praise_is_stronger_than_negated_criticism() -> None:
    assert label("Het is niet goed") is Polarity.NEGATIVE
    assert abs(score("Het is niet goed")) > abs(score("Het is niet slecht"))


def test_negation_reaches_a_few_words_but_not_across_a_clause() -> None:
    assert score("Dit is niet zo'n goed idee") < 0
    assert score("Niet dat ik klaag, goed gedaan") > 0


def test_not_only_is_no_negation() -> None:
    assert score("Het is niet alleen mooi, ook gezellig") > 0


def test_a_negator_with_nothing_to_negate_is_a_small_complaint() -> None:
    assert score("Niemand die het opkuist") < 0
    assert score("Politie deed niks") < 0
    assert label("Personne ne répond", "fr") is Polarity.NEUTRAL or score("Personne ne répond", "fr") < 0


def test_french_weak_negators_need_ne() -> None:
    assert score("Ce n'est plus agréable", "fr") < 0
    assert score("C'est plus agréable", "fr") > 0
    assert terms("Il viendra sans doute", "fr") == {}  # a fixed expression, not "sans" + negation


def test_intensifiers_and_downtoners() -> None:
    assert score("Het is heel slecht") < score("Het is slecht") < score("Het is een beetje slecht") < 0
    assert score("Dat is echt een aanrader") > score("Dat is een aanrader") > 0
    # "heel" and "echt" never score on their own
    assert terms("Heel de straat was er, echt waar") == {}


def test_words_that_intensify_only_before_sentiment_words() -> None:
    assert score("Zot goed concert") > score("Goed concert") > 0
    assert score("Ben je zot geworden?") < 0
    assert score("Verschrikkelijk mooi") > 0 > score("Verschrikkelijk")


def test_too_much_of_a_dimension_is_a_complaint() -> None:
    assert label("Het parkeren is te duur") is Polarity.NEGATIVE
    assert score("Veel te laat weer") < score("Te laat weer") < 0
    assert label("C'est trop long", "fr") is Polarity.NEGATIVE
    assert label("Way too expensive", "en") is Polarity.NEGATIVE


def test_contrast_weighs_the_second_clause() -> None:
    assert label("Mooi plein, maar de bediening is schandalig") is Polarity.NEGATIVE
    assert label("Het wachten was vervelend, maar het resultaat is prachtig") is Polarity.POSITIVE
    assert label("Lovely square, but the service is terrible", "en") is Polarity.NEGATIVE


def test_maar_as_particle_is_no_contrast() -> None:
    with_particle = terms("Het is maar een klein probleem, goed opgelost")
    assert with_particle["goed"] == pytest.approx(terms("Goed")["goed"])


def test_concession_weighs_less() -> None:
    assert score("Hoewel het duur is, is het prachtig") > score("Het is duur, het is prachtig")


def test_irrealis_is_not_asserted() -> None:
    assert score("Het zou mooi zijn") < score("Het is mooi")
    assert score("It would be great", "en") < score("It is great", "en")


def test_emoji_and_emoticons() -> None:
    assert label("Brug weer dicht 😡") is Polarity.NEGATIVE
    assert label("Lichtjesstoet 🎉😍") is Polarity.POSITIVE
    assert label("Zwembad open :)") is Polarity.POSITIVE
    assert label("Weer regen :(") is Polarity.NEGATIVE


def test_irony_marker_turns_praise() -> None:
    assert label("Goed bezig hoor 🙄") is Polarity.NEGATIVE
    assert label("Super, encore une réunion 🙄", "fr") is Polarity.NEGATIVE
    assert label("Goed bezig hoor") is Polarity.POSITIVE


def test_short_praise_after_a_complaint_is_sarcasm() -> None:
    assert label("Twintig minuten in de regen gewacht, geen bus. Fijn.") is Polarity.NEGATIVE
    assert label("Fijn.") is Polarity.POSITIVE
    # a sincere verdict after a long reservation is not sarcasm
    review = ("Het begin is traag en saai, de personages zijn vlak en ik twijfelde lang of ik zou "
              "doorlezen, want de eerste honderd bladzijden zijn echt slecht geschreven en verwarrend. "
              "Daarna wordt het beter en het einde is sterk. Een aanrader.")
    assert S.explain(review, "nl")[-1].value > 0


def test_sarcastic_thanks() -> None:
    assert label("Bedankt voor niks, gemeente") is Polarity.NEGATIVE
    assert label("Thanks for nothing", "en") is Polarity.NEGATIVE


def test_exclamation_and_caps_amplify() -> None:
    assert score("Schandalig!!!") < score("Schandalig")
    assert score("Dit is SCHANDALIG van de stad") < score("Dit is schandalig van de stad")


def test_questions_assert_less_praise_and_double_marks_are_indignation() -> None:
    assert score("Is het zwembad mooi?") < score("Ik vind het zwembad mooi.")
    assert score("Wanneer komt de bus??") < score("Wanneer komt de bus?") == 0


def test_negative_evidence_weighs_more() -> None:
    # one plain complaint outweighs one plain compliment of the same lexicon strength
    assert score("Mooi plein. Lelijke fontein.") < 0


def test_hashtags_urls_and_handles() -> None:
    assert label("#schandalig wat hier gebeurt") is Polarity.NEGATIVE
    assert terms("Zie https://slecht.example/goed @slecht") == {}


def test_user_lexicon_adds_and_overrides() -> None:
    custom = SentimentScorer({"nl": {"gft": -0.8, "chapeau": -0.5, "naar": -0.6}})
    assert custom.score("Weer gft op straat", "nl").label is Polarity.NEGATIVE
    assert custom.score("chapeau", "nl").score < 0
    assert custom.score("naar", "nl").score < 0
    assert S.score("Weer gft op straat", "nl").label is Polarity.NEUTRAL
    removed = SentimentScorer({"*": {"schandalig": 0}})
    assert removed.score("schandalig", "nl").score == 0


def test_thin_evidence_is_neutral_but_keeps_its_sign() -> None:
    weak = S.score("Beetje traag", "nl")
    assert weak.label is Polarity.NEUTRAL
    assert weak.score < 0
    assert weak.confidence < 0.3


def test_confidence_grows_with_evidence() -> None:
    one = S.score("Mooi", "nl")
    three = S.score("Mooi, gezellig en proper. Chapeau!", "nl")
    assert three.confidence > one.confidence
    assert 0.0 <= one.confidence <= 1.0


def test_language_is_detected_when_missing() -> None:
    assert S.score("C'est vraiment scandaleux et honteux").label is Polarity.NEGATIVE
    assert S.score("This is absolutely wonderful, thank you").label is Polarity.POSITIVE


def test_long_and_empty_texts() -> None:
    assert S.score("", "nl").label is Polarity.NEUTRAL
    long = S.score("Schandalig. " * 5000, "nl")
    assert -1.0 <= long.score < 0
