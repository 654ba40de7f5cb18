"""Analysis state that could grow with the stream stays within its bound when fed more than it holds
(a crisis day is a million mentions; the wall runs for months)."""

from __future__ import annotations

import pytest

from newsroom.analysis import neardup, topic_words
from newsroom.analysis.topic_words import WordReader
from newsroom.analysis.words import Link, PhraseFinder, Word
from newsroom.query import fold


def test_phrase_counts_stay_within_the_limit_and_keep_the_frequent_phrase() -> None:
    finder = PhraseFinder(limit=200)
    for i in range(1000):  # every post a new pair and a new linked pair, and one phrase that recurs
        finder.observe([Word("grot", "Grote"), Word("markt", "Markt"), None,
                        Word(f"straat{i}", f"Straat{i}"), Word(f"huis{i}", f"huis{i}"), Link("van"),
                        Word(f"buur{i}", f"buren{i}")])
        assert len(finder.bigrams) <= 200 and len(finder.linked) <= 200 and len(finder.unigrams) <= 200
        assert len(finder.forms._forms) <= finder.forms.limit
    assert finder.is_phrase("grot", "markt")
    assert finder.surface("grot markt") == "Grote Markt"


def test_single_words_alone_do_not_grow_the_phrase_finder() -> None:
    finder = PhraseFinder(limit=100)
    for i in range(500):  # one content word per post: no pairs at all, only ever new words
        finder.observe([Word(f"woord{i}", f"woord{i}")])
        assert len(finder.unigrams) <= 100


def test_written_forms_stay_bounded_when_every_key_is_used_often(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(topic_words, "MAX_SURFACE", 100)
    reader = WordReader()
    for i in range(400):  # new streets, each written three times in the post (not rare)
        reader.read(f"Gisteren in Straat{i}x en in Straat{i}x, weer Straat{i}x dicht.", "nl")
        assert len(reader.surface) <= 101 and len(reader.casing) <= 101  # at most one post past it
    assert reader.written(reader.read("Straat399x", "nl")[0]) == "Straat399x"  # the newest is kept


def test_the_fold_table_starts_over_beyond_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(neardup, "MAX_FOLDED_CHARS", 50)
    for code in range(0x4E00, 0x4E00 + 300):  # 300 characters never seen before
        assert neardup.fast_fold(chr(code) + "é") == fold(chr(code) + "é")
        assert len(neardup._FOLD) <= 51
