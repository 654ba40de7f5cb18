"""The namer's pieces on their own: the candidates judged (:class:`PhraseJudge`), the subject chosen
(:func:`choose_subject`), the name written around it (:func:`write_name`). Hand-written posts of
invented towns (docs/topics.md, twenty-second pass)."""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.analysis.name_glue import write_name
from newsroom.analysis.name_judge import PhraseJudge
from newsroom.analysis.name_pool import read_pool
from newsroom.analysis.name_subject import choose_subject
from newsroom.analysis.topic_words import WordReader
from tests.analysis.test_readable_names import BRIDGE, BURGLARIES


def judged(texts: Sequence[str]) -> PhraseJudge:
    reader = WordReader()
    for text in texts:
        reader.read(text, "nl")
    posts = [(t, "nl") for t in texts]
    return PhraseJudge(read_pool(posts, reader, frozenset()), reader, lambda w: 1.0, len(posts))


def test_a_phrase_is_judged_by_its_kind_what_it_says_and_its_posts() -> None:
    judge = judged(BURGLARIES)
    assert judge.ranked()[0] == ("ravenhof",)                      # the place is written most
    assert judge.kind(("ravenhof",)) == (True, False)              # a name only
    assert judge.kind(("wijk", "ravenhof")) == (True, True)
    assert not judge.says(("wijk", "ravenhof")) and judge.says(("inbraken",))
    assert judge.support(("inbraken",)) == 3                       # "woninginbraken" backs it
    assert judge.noun(("inbraken",)) and not judge.clause_like(("inbraken",))


def test_the_subject_takes_the_lead_when_the_best_says_only_where() -> None:
    judge = judged(BURGLARIES)
    ranked = judge.ranked()
    subject, led = choose_subject(judge, ranked, "")
    assert (subject, led) == (("inbraken",), True)
    assert write_name(judge, ranked, subject, led, "") == "Inbraken in Ravenhof"


def test_a_name_and_what_it_is_stays_the_subject() -> None:
    judge = judged(BRIDGE)
    ranked = judge.ranked()
    assert judge.clause_like(("kanaalbrug", "dicht"))
    subject, led = choose_subject(judge, ranked, "")
    assert (subject, led) == (("kanaalbrug", "dicht"), False)
    assert write_name(judge, ranked, subject, led, "") == "Kanaalbrug dicht"
