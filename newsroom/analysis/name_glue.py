"""Writing a topic's name around its chosen subject: with the place the topic names (the phrase people
wrote with both, one written around the place, a headline, or the two glued), or, for a single word
that cannot stand alone, the phrase, line or word that says more."""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.analysis.name_grow import extended, paired_phrase, place_name, standalone
from newsroom.analysis.name_judge import Phrase, PhraseJudge
from newsroom.analysis.name_lines import clause_with, headline
from newsroom.analysis.name_places import around_place, with_place
from newsroom.analysis.name_verbs import verb_clause
from newsroom.analysis.words import fold

#: A place named in this share of the topic's posts joins a one-word name.
PLACE_SHARE = 0.25
#: A place the topic names less often than PLACE_SHARE joins the name from this share of its posts on
#: when it scores above the subject (the most telling thing about the topic is where it happens).
LEAD_PLACE_SHARE = 0.1
#: A single word that says little and has no phrase or line to give way to gives way to a word that can
#: stand alone (a name, a compound, an acronym) scoring this share of it; a word that says what happened
#: only to one that does too, a name or an acronym ("Petitie", not "Handtekeningen").
SINGLE_SHARE = 0.5


def write_name(judge: PhraseJudge, ranked: Sequence[Phrase], subject: Phrase, led: bool,
               previous: str) -> str:
    """The name written around ``subject`` (``led``: it took the lead, :func:`choose_subject`): with the
    topic's place (:func:`_placed`) when the subject holds no name and is short, else a single word that
    cannot stand alone made to say more (:func:`_single`), else the subject grown as people wrote it."""
    places = _places(judge, ranked, subject)
    holds_name = judge.kind(subject)[0]
    written = None
    if places and not holds_name and len(judge.found[subject][1]) <= 2:
        written = with_place(subject, places[0], judge.found, judge.pool.post_count)
    if places and not holds_name and len(subject) <= 3 and (written or not judge.pool.acronym(subject)):
        return _placed(judge, subject, places[0], written, led, previous)
    if len(judge.found[subject][1]) == 1 and not standalone(judge.found[subject][0], judge.is_name):
        return _single(judge, ranked, subject, previous)
    return _grown(judge, subject)


def _grown(judge: PhraseJudge, phrase: Phrase) -> str:
    """The phrase grown to the words people write around it (:func:`extended`), as they wrote it."""
    return judge.write(extended(phrase, judge.pool, judge.is_name))


def _places(judge: PhraseJudge, ranked: Sequence[Phrase], subject: Phrase) -> list[Phrase]:
    """The places (phrases of names only) that join the name, best first: named in PLACE_SHARE of the
    topic's posts, or in LEAD_PLACE_SHARE (two posts at least) scoring above the subject."""
    count, n, floor = judge.pool.post_count, judge.n, judge.scored[subject]
    return [p for p in ranked if judge.kind(p) == (True, False)
            and (count[p] >= PLACE_SHARE * n or (count[p] >= max(2.0, LEAD_PLACE_SHARE * n)
                                                 and judge.scored[p] >= floor))]


def _placed(judge: PhraseJudge, subject: Phrase, place: Phrase, written: Phrase | None, led: bool,
            previous: str) -> str:
    """The name with its place: ``written`` (the phrase people wrote with both), else one written around
    the place (:func:`around_place`; not for a subject that took the lead unless it says what happened),
    else a headline or a clause the posts write (no place glued after it), else subject and place glued
    ("Stormschade Lindeveld-Noord"). A kept glued name stays as it was written."""
    found, pool = judge.found, judge.pool
    glued = " ".join(judge.write(tokens)
                     for tokens in (found[subject][0], place_name(place, pool, judge.is_name)))
    if written is None and fold(previous) != fold(glued):
        written = around_place(place, subject, found, judge.scored, pool.post_count, judge.is_name,
                               judge.weights.weight, judge.n, previous, judge.bare)
        if led and written is not None and not judge.says(written):
            written = None   # a subject that took the lead stays: not "Wijk Hoogveld" for "Inbraken"
    if written is not None:
        return _grown(judge, written)
    line = headline(found[subject][1][0], pool, judge.weights.weight, judge.is_name, previous,
                    found[place][1])
    if line is None:
        line = verb_clause(subject, pool, judge.is_name)
    return glued if line is None else judge.write(line)


def _single(judge: PhraseJudge, ranked: Sequence[Phrase], subject: Phrase, previous: str) -> str:
    """A single word that cannot stand alone, made to say more: the phrase it pairs with
    (:func:`paired_phrase`), else a headline holding it, else a word that stands alone scoring
    SINGLE_SHARE of it (:func:`_standing`), else a clause holding it, else the word."""
    found = judge.found
    paired = paired_phrase(subject, [p for p in ranked if not judge.bare(p)], found, judge.scored, previous)
    if paired == subject:
        line = headline(found[subject][1][0], judge.pool, judge.weights.weight, judge.is_name, previous)
        if line is not None:
            return judge.write(line)
        paired = _standing(judge, ranked, subject)
        if paired == subject:
            clause = clause_with(found[subject][1][0], judge.pool)
            if clause is not None:
                return judge.write(clause)
    return _grown(judge, paired)


def _standing(judge: PhraseJudge, ranked: Sequence[Phrase], word: Phrase) -> Phrase:
    """The best single word that can stand alone scoring SINGLE_SHARE of ``word``: for a word that says
    what happened, one that does too, a name or an acronym; ``word`` when there is none."""
    floor = SINGLE_SHARE * judge.scored[word]
    return next((p for p in ranked if judge.scored[p] >= floor and len(judge.found[p][1]) == 1
                 and judge.stands_alone(p)
                 and (judge.says(p) or not judge.says(word) or judge.kind(p)[0] or judge.pool.acronym(p))),
                word)
