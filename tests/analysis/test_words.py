"""Words for clouds: TweetTokenizer tokens, stems with readable forms, and phrases."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from nltk.tokenize import TweetTokenizer
from nltk.tokenize.casual import URLS

from newsroom.analysis.words import URL, PhraseFinder, Word, content_words, tokens, word_key

NLTK_URL = re.compile(URLS, re.VERBOSE | re.IGNORECASE)

POSTS = [
    "Amai!!! De Lijn rijdt wéér niet op de Grote Markt 😡😡 #Lindeveld @stad_lindeveld :-(",
    "Wegenwerken in de Stationsstraat: omleiding via de Kerkstraat tot 12 maart. https://t.co/abc?x=1",
    "Chapeau voor de brandweer 👏👏 #storm #wateroverlast",
    "C'est n'importe quoi, encore des travaux rue Haute... :( www.bruxelles.be/travaux",
]


@pytest.mark.parametrize("text", POSTS)
def test_tokens_are_tweettokenizer_tokens_without_urls(text: str) -> None:
    reference = [t for t in TweetTokenizer(preserve_case=True, match_phone_numbers=False).tokenize(text)
                 if not URL.fullmatch(t)]
    assert tokens(text) == reference


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdeéëABC #@:-()!?.,'😡👏 0123456789")), max_size=80))
def test_tokens_match_tweettokenizer_on_any_text(text: str) -> None:
    assume(NLTK_URL.search(text) is None)  # URLs (even bare "a.bc" domains) are cut on purpose
    reference = TweetTokenizer(preserve_case=True, match_phone_numbers=False).tokenize(text)
    assert tokens(text) == reference


def test_content_words_keep_hashtags_handles_and_break_at_stop_words() -> None:
    words = content_words(POSTS[0], "nl", exclude=["lindeveld"])
    shown = [w.surface if w else None for w in words]
    assert "Lijn" in shown and "Grote" in shown and "Markt" in shown and "@stad_lindeveld" in shown
    assert "Lindeveld" not in shown  # the search's own term is left out of clouds
    assert "De" in shown  # a capitalised article may start a name ("De Lijn") ...
    assert shown[shown.index("Lijn") + 1] is None  # ... and "rijdt" is kept apart by stop words


def test_word_forms_group_by_stem() -> None:
    assert word_key("wegenwerken", "nl") == word_key("Wegenwerken", "nl") == word_key("#wegenwerken", "nl")
    assert word_key("bewoners", "nl") == word_key("bewoner", "nl")
    assert word_key("travaux", "fr") != word_key("travail", "en")


def test_phrases_are_found_and_show_their_common_form() -> None:
    finder = PhraseFinder(min_count=3)
    texts = [
        "Druk op de Grote Markt vanavond",
        "Concert op de Grote Markt was top",
        "Grote Markt afgesloten voor de kermis",
        "Met De Lijn naar de Grote Markt",
        "De Lijn rijdt niet door de staking",
        "Weer vertraging bij De Lijn",
        "Een grote opkomst voor de optocht",
        "Markt op zaterdag gaat door",
    ]
    for t in texts:
        finder.observe(content_words(t, "nl"))
    joined = finder.join(content_words("Files rond de Grote Markt en bij De Lijn", "nl"))
    keys = {w.key: finder.surface(w.key) for w in joined}
    assert "Grote Markt" in keys.values() and "De Lijn" in keys.values()
    assert finder.join([Word("x", "x"), None, Word("y", "y")]) == [Word("x", "x"), Word("y", "y")]
    assert not finder.is_phrase(word_key("grote", "nl"), word_key("opkomst", "nl"))  # seen once


def test_cloud_terms_merge_known_phrases() -> None:
    from newsroom.analysis.cloud_terms import with_phrases
    from newsroom.domain import TermWeight

    finder = PhraseFinder(min_count=2)
    for text in ("Druk op de Grote Markt", "Grote Markt afgesloten", "Kermis op de Grote Markt"):
        finder.observe(content_words(text, "nl"))
    terms = (TermWeight("markt", 9.0, -0.5), TermWeight("kermis", 5.0), TermWeight("grote", 8.0, 0.1))
    merged = with_phrases(terms, finder)
    assert [t.term for t in merged] == ["Grote Markt", "kermis"]
    assert merged[0].weight == 9.0 and merged[0].sentiment == (-0.5 + 0.1) / 2
    assert with_phrases(terms, PhraseFinder()) == terms  # nothing known: unchanged


def test_cloud_phrases_name_things_not_half_sentences() -> None:
    from newsroom.analysis.cloud_terms import half_sentence, with_phrases
    from newsroom.domain import TermWeight

    finder = PhraseFinder(min_count=2)
    for text in ("De werken in de Stationsstraat duren nog weken", "Werken Stationsstraat duren te lang",
                 "Wanneer gaat het zwembad terug open?", "Is het zwembad terug open", "Repair café in de bib",
                 "Naar het repair café", "Is the Kanaalweg bridge open", "Kanaalweg bridge closed again"):
        finder.observe(content_words(text, "nl"))
    terms = tuple(TermWeight(word_key(w, "nl"), 5.0 - i) for i, w in
                  enumerate(("stationsstraat", "duren", "zwembad", "terug", "repair", "café", "kanaalweg",
                             "bridge")))
    shown = [t.term.lower() for t in with_phrases(terms, finder)]
    assert "repair café" in shown and "kanaalweg bridge" in shown, shown  # things keep their phrase
    assert "zwembad" in shown and "terug" in shown and "stationsstraat" in shown, shown
    assert half_sentence("Lijn wachtte") and half_sentence("Kerkstraat afgesloten")
    assert not half_sentence("Grote Markt") and not half_sentence("nieuwe parkeerzone")
    assert half_sentence("Storm legt") and half_sentence("Waterleiding gesprongen")
    assert not half_sentence("Zware stormschade") and not half_sentence("Betalend parkeren")
    assert half_sentence("dochter zoekt") and half_sentence("schrapt bushalte")  # subject or object, lower case


def test_linked_phrases_make_labels_read_as_written() -> None:
    from newsroom.analysis.cloud_terms import phrase_label, with_phrases
    from newsroom.domain import TermWeight

    finder = PhraseFinder(min_count=3)
    for text in ("Het dak van de buren ligt in onze tuin", "Dak van de buren is weg", "Weer het dak van de buren",
                 "Buren klagen over lawaai", "Een dak vol mos"):
        finder.observe(content_words(text, "nl"))
    assert phrase_label("Dak buren", finder) == "Dak van de buren"  # a name starts with a capital
    assert phrase_label("buren Dak", finder) == "Dak van de buren"  # either order of the two top terms
    assert phrase_label("Grote Markt", finder) == "Grote Markt"  # unknown: unchanged
    assert phrase_label("storm", finder) == "storm"
    # clouds keep to direct phrases: a linked one would be a long, often accidental cloud word
    terms = (TermWeight("dak", 5.0), TermWeight("buren", 4.0))
    assert with_phrases(terms, finder) == terms
    # a break (punctuation) or more than two linking words ends a linked phrase
    other = PhraseFinder(min_count=1)
    other.observe(content_words("dak, van de buren", "nl"))
    other.observe(content_words("dak van de van de buren", "nl"))
    assert not other.linked


def test_the_words_module_imports_nltk_without_scipy_which_stays_importable() -> None:
    """nltk's package imports scipy.stats when scipy is installed (~0.65 s at every start of the import and
    of each pool worker): words.py keeps it out, and leaves no block behind (scipy, where installed, can
    still be imported afterwards; the test suite's own environment has no scipy: only the benchmarks')."""
    code = ("import sys, importlib.util\nimport newsroom.analysis.words as w\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))\n"
            "print(w.tokens('Amai!!!!! #Zaventem @nieuws :-) 😢 www.stad.be/x'))\n"
            "unblocked = sys.modules.get('scipy', 0) is not None\n"  # a block is a None entry
            "installed = unblocked and importlib.util.find_spec('scipy') is not None\n"
            "if installed:\n    import scipy.stats\n"
            "print(unblocked and (not installed or 'scipy.stats' in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    before, tokens, after = done.stdout.splitlines()
    assert before == "[]"
    assert "#zaventem" in tokens.lower() and after == "True"
