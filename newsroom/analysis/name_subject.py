"""Choosing a topic name's subject: the best scored candidate that holds more than names, kept when it
was the name before, giving way to one that says what happened."""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.analysis.name_grow import widened
from newsroom.analysis.name_judge import Phrase, PhraseJudge
from newsroom.analysis.name_pool import BARE_SHARE, KEEP_SHARE, written_key
from newsroom.analysis.subject_words import judges
from newsroom.analysis.words import fold

#: A subject holding a name none of whose other words says what happened (a place, who acts: "Wijk
#: Hoogveld", "Handelaars in de Stationsstraat") gives way to the best scored noun without a name that
#: says what happened, used in LEAD_POSTS posts at least (its compounds' and plurals' posts count); its
#: place joins it as it joins any subject.
LEAD_POSTS = 2


def choose_subject(judge: PhraseJudge, ranked: Sequence[Phrase], previous: str) -> tuple[Phrase | None, bool]:
    """The subject of the name from the ``ranked`` candidates, and whether it took the lead (the best
    subject said nothing of what happened and gave way to one that does); None when every candidate
    holds only names.

    The best candidate holding a word other than a name; the one the ``previous`` name starts with
    while it scores KEEP_SHARE of it; one holding its names that says what happened (KEEP_SHARE of it),
    else the lead (:func:`_lead`); a single word widened (:func:`widened`)."""
    subjects = [p for p in ranked if judge.kind(p)[1]]
    if not subjects:
        return None, False
    subject = _kept(judge, subjects, previous)
    if judge.kind(subject)[0] and not judge.says(subject):
        subject = next((p for p in subjects if judge.scored[p] >= KEEP_SHARE * judge.scored[subject]
                        and judge.says(p) and judge.names_of(subject) <= judge.names_of(p)), subject)
    subject = _noun_over_bare(judge, subjects, subject)
    led = False
    if judge.kind(subject)[0] and not judge.says_as_written(subject) and not judge.clause_like(subject):
        lead = _lead(judge, subjects)
        if lead is not None:
            led, subject = True, lead
    if len(judge.found[subject][1]) == 1:
        subject = widened(subject, ranked, judge.found, judge.scored, judge.is_name, judge.weights.weight)
    return subject, led


def _noun_over_bare(judge: PhraseJudge, subjects: Sequence[Phrase], subject: Phrase) -> Phrase:
    """A subject of one word that judges (:func:`judges`) and that the posts never use as a noun
    (:meth:`Pool.bare`: "vlot", "schandalig") gives way to the best scored noun of ``subjects``
    (:meth:`PhraseJudge.noun`) that scores BARE_SHARE of it (what a phrase ending on a bare word weighs):
    "Griepprik", not "Vlot geregeld"; it stays when there is none."""
    tokens = judge.found[subject][0]
    content = [t for t in tokens if t.key is not None]
    if (len(content) != 1 or not judge.pool.bare(content[0], judge.is_name)
            or not judges(content[0].text)):
        return subject
    return next((p for p in subjects if p != subject and judge.scored[p] >= BARE_SHARE * judge.scored[subject]
                 and judge.noun(p)), subject)


def _kept(judge: PhraseJudge, subjects: Sequence[Phrase], previous: str) -> Phrase:
    """The best of ``subjects``, or the first the ``previous`` name starts with among those scoring
    KEEP_SHARE of it (a name does not flicker while the story is the same)."""
    best = subjects[0]
    if not previous:
        return best
    for phrase in subjects:
        if judge.scored[phrase] < KEEP_SHARE * judge.scored[best]:
            break
        if fold(previous).startswith(written_key(phrase)):
            return phrase
    return best


def _lead(judge: PhraseJudge, subjects: Sequence[Phrase]) -> Phrase | None:
    """The best scored noun of ``subjects`` without a name that says what happened, backed by LEAD_POSTS
    posts (:meth:`PhraseJudge.support`); None when there is none."""
    return next((p for p in subjects if judge.says(p) and not judge.kind(p)[0] and judge.noun(p)
                 and judge.support(p) >= LEAD_POSTS), None)
