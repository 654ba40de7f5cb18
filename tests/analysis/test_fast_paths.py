"""The shortcuts on the hot path give exactly what the long way gives: folding a text character by
character from a table (neardup.fast_fold), nltk's HANG_RE only where a run of four can be, and the
language detector's test for four letters that stops at the fourth."""

from __future__ import annotations

import html
import random
import re
from datetime import UTC, datetime

from nltk.tokenize.casual import HANG_RE

from newsroom.analysis import words
from newsroom.analysis.language import _FOUR_LETTERS, _NOISE, MAX_CHARS
from newsroom.analysis.neardup import NearDupIndex, fast_fold, word_set
from newsroom.domain import Mention
from newsroom.query import fold

TRICKY = ["Café Één ﬁets İstanbul ΣΑΣ σας Straße ǅ ① ½ ㎏ 한국어 e\u0301\u0323 a\u0323\u0301 Ǆ ﬀ Ⅻ 👍🏽 😡 ẞ ŉ",
          "plain ascii Text", "Wéér  geen bus 21 — schandalig!!!!! 😡😡😡😡 ......", "ŉ\u0301ǰ\u0323\u0301"]
RANGES = [(32, 0x250), (0x300, 0x370), (0x1E00, 0x1F00), (0x1F00, 0x2000), (0xFB00, 0xFB50), (0xAC00, 0xAC40),
          (0x1F300, 0x1F600), (0x2150, 0x2190), (0x3300, 0x3400)]


def _texts(n: int) -> list[str]:
    rng = random.Random(16)
    out = list(TRICKY)
    for _ in range(n):
        chars = []
        for _ in range(rng.randrange(1, 40)):
            lo, hi = rng.choice(RANGES)
            c = chr(rng.randrange(lo, hi))
            chars.append(c * rng.choice([1, 1, 1, 4, 6]))
        out.append("".join(chars))
    return out


def test_fast_fold_is_fold() -> None:
    for text in _texts(4000):
        assert fast_fold(text) == fold(text), repr(text)
    assert fast_fold("Wéér ÉÉN Straße") == "weer een strasse"


def test_apostrophes_are_unified_only_where_there_are_some() -> None:
    from newsroom.analysis.sentiment_lexicon import _APOSTROPHES, normalise

    for text in [*_texts(500), "l’été", "‘quote’ it´s `x` &amp; ok", "plain", "&lt;3", ""]:
        translated = text.translate(_APOSTROPHES)
        assert normalise(text) == (html.unescape(translated) if "&" in translated else translated)
    assert normalise("c’est l`été &amp; ‘ça’") == "c'est l'été & 'ça'"


def test_tokens_are_those_of_the_whole_hang_pattern() -> None:
    for text in _texts(2000):
        reference = HANG_RE.sub(r"\1\1\1", words.without_signatures(text))  # signatures: test_signatures
        assert words.tokens(text) == list(words._TOKEN.findall(reference)), repr(text)
    assert words.tokens("Schandalig!!!!!! echt").count("!") == 3  # the run shortened to three


def test_copies_are_found_whatever_order_a_set_has() -> None:
    """Rare words tie on their postings; the tie goes to the word itself, not to the set's order."""
    index = NearDupIndex()
    base = Mention(id="a", source="rss", title="Brug dicht", published=datetime(2026, 3, 22, tzinfo=UTC),
                   text="De brug aan de Kanaalweg is dicht voor herstelling")
    assert index.check(base) is None
    copy = Mention(id="b", source="gnews", title="Brug dicht", text=base.text + " vandaag",
                   published=base.published)
    assert index.check(copy) == "a"
    assert word_set("Één café, één CAFÉ") == frozenset({"een", "cafe"})


def test_four_letters_is_counting_the_letters() -> None:
    letter = re.compile(r"[^\W\d_]", re.UNICODE)
    for text in [*_texts(3000), "ab1c", "a_b_c_d", "½½½½", "١٢٣٤abc", "a b c", "a\nb\nc\nd", "Ééé!é", ""]:
        assert (_FOUR_LETTERS.search(text) is not None) == (len(letter.findall(text)) >= 4), repr(text)


def test_a_cleaned_text_is_clean() -> None:
    """detect_language asks the identifier about its cleaned text without cleaning it a second time."""
    for text in [*_texts(2000), "@#abc #@def http://x.be/@a www.a#b @@x ##y https://", "#http://x", "a@b#c"]:
        once = _NOISE.sub(" ", text[:MAX_CHARS])
        assert _NOISE.sub(" ", once[:MAX_CHARS]) == once, repr(text)
