"""Lexicon loading, tokenising and derived Dutch word forms."""

from __future__ import annotations

import pytest

from newsroom.analysis.sentiment_lexicon import (
    base_lexicon,
    compound_score,
    nl_attributive,
    nl_forms,
    tokenize,
)


@pytest.mark.parametrize(("base", "attributive"), [
    ("mooi", "mooie"), ("slecht", "slechte"), ("groot", "grote"), ("boos", "boze"), ("lief", "lieve"),
    ("dik", "dikke"), ("zot", "zotte"), ("simpel", "simpele"), ("wijs", "wijze"), ("traag", "trage"),
    ("belachelijk", "belachelijke"), ("blij", "blije"), ("goed", "goede"), ("waardeloos", "waardeloze"),
])
def test_dutch_attributive_forms(base: str, attributive: str) -> None:
    assert nl_attributive(base) == attributive


def test_comparatives_and_superlatives() -> None:
    assert {"mooier", "mooiste"} <= set(nl_forms("mooi"))
    assert "duurder" in nl_forms("duur")
    assert nl_attributive("open") is None  # already ends like an inflected form


def test_tokenize_keeps_emoji_emoticons_hashtags_and_splits_french_elisions() -> None:
    toks = tokenize("C’est n'importe quoi!!! :) 🙄 #schande https://x.be/a @stad l'eau")
    assert toks == ["C'", "est", "n'", "importe", "quoi", "!!!", ":)", "🙄", "#schande", "l'", "eau"]
    assert tokenize("Marley &amp; me") == ["Marley", "me"]  # HTML entities decoded, not words


def test_shipped_lexicons_load_for_every_language() -> None:
    for lang in ("nl", "fr", "en"):
        lex = base_lexicon(lang)
        assert len(lex.words) > 1000
        assert lex.words["👍"] > 0 > lex.words["😡"]
    nl = base_lexicon("nl")
    assert "naar" not in nl.words  # removed homograph
    assert nl.words["slechtste"] < nl.words["slechte"] < 0  # derived, superlative stronger
    assert nl.phrases[("goed", "bezig")] > 0


def test_compound_heads() -> None:
    nl = base_lexicon("nl")
    assert (compound_score(nl, "geldverspilling") or 0) < 0
    assert compound_score(nl, "onveilig") is None or nl.words.get("onveilig", 0) < 0  # prefix too short
    assert compound_score(nl, "gemeentehuis") is None
