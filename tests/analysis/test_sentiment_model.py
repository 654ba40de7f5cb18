"""The town model (sentiment_model) and its training (sentiment_train): the shipped file is what the
script trains, the run-time path computes what was trained, the rules decide what the model does not
know, and on the report towns (never trained on) the rules plus the model beat the rules alone."""

from __future__ import annotations

import json
from pathlib import Path

from newsroom.analysis import sentiment_model, sentiment_train
from newsroom.analysis.language import detect_language
from newsroom.analysis.sentiment import SentimentScorer
from newsroom.analysis.sentiment_model import MAX_WORDS, blend, features, shipped_model
from newsroom.domain import Polarity, Sentiment
from tests.analysis.f1 import macro_f1

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "sentiment" / "town"
TOWN_SETS = ROOT / "benchmarks" / "data" / "sentiment"
LABELS = ("negative", "neutral", "positive")
FULL = SentimentScorer()
RULES = SentimentScorer(use_model=False)


def fixture_texts() -> list[str]:
    return [line.split("\t")[2] for path in sorted(FIXTURES.glob("*.tsv"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def test_the_shipped_model_is_what_the_script_trains_on_the_development_towns_only() -> None:
    assert all(name.startswith("dev_") for name in sentiment_train.dev_posts())
    shipped = (Path(sentiment_model.__file__).parent / "lexicons" / sentiment_model.MODEL_FILE).read_text(
        encoding="utf-8")
    assert sentiment_train.model_text(sentiment_train.train()) == shipped


def test_the_run_time_path_computes_what_was_trained() -> None:
    model = shipped_model()
    for text in fixture_texts():
        lang = detect_language(text)
        slow = model.probabilities(features(text, lang), with_bias=False)
        fast = model.post_probabilities(text, lang)
        assert all(abs(a - b) < 1e-9 for a, b in zip(slow, fast, strict=True)), text


def test_a_fit_learns_its_words_and_is_deterministic() -> None:
    posts = [("Wat een schande, alweer kapot", "nl", "negative"), ("Schande dat het kapot is", "nl", "negative"),
             ("Prachtig park, dank je", "nl", "positive"), ("Dank je voor het prachtig werk", "nl", "positive"),
             ("Markt verplaatst naar maandag", "nl", "neutral"), ("De markt is maandag", "nl", "neutral")]
    feats = sentiment_train.post_features(posts)
    model = sentiment_train.fit(feats, [p[2] for p in posts], steps=300)
    assert model == sentiment_train.fit(feats, [p[2] for p in posts], steps=300)
    for row, (_, _, label) in zip(feats, posts, strict=True):
        probs = model.probabilities(row)
        assert LABELS[max(range(3), key=probs.__getitem__)] == label
    assert "w:schande" in model.weights and "w:verplaatst" not in model.weights  # seen once: left out


def test_a_word_in_a_negators_reach_is_a_feature_of_its_own() -> None:
    """ "niet slecht" is praise and "slecht" a complaint: with one feature for both, "slecht" learnt to
    be positive from the town posts' "niet slecht" and turned bol.com's "Slecht. Ik vind dit boek echt
    slecht." positive."""
    assert sentiment_model._tokens("Niet slecht hoor, echt 👍 Ce n'est pas terrible") == [
        "niet", "~slecht", "~hoor", "echt", "👍", "ce", "n'", "est", "pas", "~terrible"]
    posts = [("Slecht weer en slecht geregeld", "nl", "negative"), ("Echt slecht dit", "nl", "negative"),
             ("Niet slecht hoor", "nl", "positive"), ("Helemaal niet slecht, die markt", "nl", "positive"),
             ("Niet slecht gedaan", "nl", "positive")]
    model = sentiment_train.fit(sentiment_train.post_features(posts), [p[2] for p in posts], steps=300)
    plain, negated = model.weights["w:slecht"], model.weights["w:~slecht"]
    assert plain[0] > plain[2] and negated[2] > negated[0]


def test_what_the_model_does_not_know_is_left_to_the_rules() -> None:
    rules = Sentiment(Polarity.NEGATIVE, -0.6, 0.8)
    share = sentiment_model.RULE_WEIGHT["nl"]
    expected = round(share * sentiment_model.RULE_TRUST + (1 - share) / 3, 3)
    assert blend((1 / 3, 1 / 3, 1 / 3), "nl", rules) == Sentiment(Polarity.NEGATIVE, -0.6, expected)
    # a confident model turns the label; made neutral, the score keeps the rules' sign in the band
    turned = blend((0.02, 0.03, 0.95), "nl", rules)
    assert turned.label is Polarity.POSITIVE and turned.score > 0
    neutral = blend((0.02, 0.96, 0.02), "nl", rules)
    assert neutral.label is Polarity.NEUTRAL and -0.2 < neutral.score < 0


def test_long_texts_and_the_operators_words_are_the_rules_alone() -> None:
    review = ("Wat een boek. Ik heb het in twee dagen uitgelezen en kon het niet wegleggen. De personages "
              "zijn sterk, het verhaal zit goed in elkaar en de schrijfstijl is vlot.")
    assert review.count(" ") >= MAX_WORDS
    assert FULL.score(review, "nl") == RULES.score(review, "nl")
    custom = SentimentScorer({"nl": {"gft": -0.8}})
    assert custom.score("Weer gft op straat", "nl") == SentimentScorer(
        {"nl": {"gft": -0.8}}, use_model=False).score("Weer gft op straat", "nl")


def test_on_the_report_towns_rules_and_model_beat_the_rules_alone() -> None:
    rows = [json.loads(line) for path in sorted(TOWN_SETS.glob("report_*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = [r["label"] for r in rows]
    langs = [detect_language(r["text"]) for r in rows]
    full = [FULL.score(r["text"], lang).label.value for r, lang in zip(rows, langs, strict=True)]
    rules = [RULES.score(r["text"], lang).label.value for r, lang in zip(rows, langs, strict=True)]
    assert macro_f1(gold, full, LABELS) >= 0.93  # measured 0.943 (the rules alone: 0.916)
    assert macro_f1(gold, full, LABELS) > macro_f1(gold, rules, LABELS) + 0.02
