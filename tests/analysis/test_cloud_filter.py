"""Which topic terms a cloud shows: elided stop words and set phrases' words are left out, the words of
a story stay (clouds only: the topics' tokens are not touched)."""

from __future__ import annotations

import pytest

from newsroom.analysis.cloud_filter import elided_stop_word, shown_in_cloud
from newsroom.analysis.set_phrases import cut_set_phrases, is_set_phrase, set_phrase_words


@pytest.mark.parametrize("term", ["n'est", "N’est", "qu'il", "c'était", "j'ai", "don't", "it's", "we're"])
def test_elided_stop_words_are_no_cloud_words(term: str) -> None:
    assert elided_stop_word(term)
    assert not shown_in_cloud(term)


@pytest.mark.parametrize("term", ["l'eau", "d'Anvers", "brandweer", "Lindeveld-Noord", "pmd", "uur wachten",
                                  "repair café", "déchets"])
def test_words_of_a_story_stay(term: str) -> None:
    assert shown_in_cloud(term)


@pytest.mark.parametrize("term", ["hand", "Hand", "aan de hand", "goed bezig", "gaten", "stay safe", "uur",
                                  "vandaag"])
def test_set_phrases_their_words_and_time_words_are_no_cloud_words(term: str) -> None:
    assert not shown_in_cloud(term)


def test_every_set_phrase_word_comes_from_a_set_phrase() -> None:
    words = set_phrase_words()
    assert "hand" in words and "brandweer" not in words
    assert is_set_phrase("wat is er aan de hand") and not is_set_phrase("de hand van de burgemeester")
    # the helper is additive: the names' cutting is as it was
    assert cut_set_phrases("Wat is er aan de hand met de GFT-container?").strip().startswith("|")


@pytest.mark.parametrize("term", ["breaking", "BREAKING", "Breaking news", "update", "Nieuwsflash", "just in",
                                  "flash info", "dernière minute"])
def test_news_markers_are_no_cloud_words(term: str) -> None:
    """"BREAKING: dak van de turnzaal weggewaaid" put "breaking" in a storm's cloud on the wall."""
    assert not shown_in_cloud(term)


def test_a_news_marker_starts_no_name() -> None:
    assert cut_set_phrases("BREAKING: dak van de turnzaal weggewaaid").startswith(" | :")
    assert cut_set_phrases("Update: de Vaartbrug is weer open") == " | : de Vaartbrug is weer open"
    assert shown_in_cloud("updates van de stad") and shown_in_cloud("Breakdance")
