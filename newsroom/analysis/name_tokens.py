"""The words of a topic's posts as a name reads them: runs of words between punctuation, and the
candidate phrases in them (one to four content words, small linking words inside)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsroom.analysis.set_phrases import cut_set_phrases
from newsroom.analysis.swear_words import is_swear_word
from newsroom.analysis.time_words import is_time_word
from newsroom.analysis.topic_words import WordReader
from newsroom.analysis.words import LINKERS, URL, fold, without_signatures

WORD = re.compile(r"[\w'’-]+", re.UNICODE)
#: a French elided article or pronoun before a word: "d'électricité", "l'eau", "qu'il"
_ELISION = re.compile(r"^((?:[cdjlmnst]|qu)['’])(\w.*)$", re.IGNORECASE)
#: a French verb with its subject pronoun after it, a question's inversion ("est-ce", "dit-il", "va-t-on"):
#: no subject a name can start or end on
_INVERSION = re.compile(r"^\w+-(?:t-)?(?:ce|je|tu|il|elle|on|nous|vous|ils|elles)$", re.IGNORECASE)
#: quotes: a clause does not end at one
_QUOTES = frozenset("‘’‚‛“”„‟‹›«»")
#: small words inside a name: the shared ones and French elided articles ("coupure d'électricité")
NAME_LINKERS = LINKERS | {"d'", "l'"}
_TOKEN = re.compile(r"[#@]?\w[\w'’-]*|[^\w\s]", re.UNICODE)
#: Longest phrase, in words.
MAX_WORDS = 4
#: Small words allowed inside a phrase.
MAX_LINKS = 2
#: Small words after which a word is used as a noun (or the adjective of one): articles, determiners,
#: possessives and prepositions ("de brand", "geen water", "bij griepvaccinatie", "l'eau", "the bridge").
_NOMINAL_AFTER = frozenset((
    "de", "het", "een", "den", "der", "des", "'t", "t", "deze", "dit", "die", "dat", "geen", "elke",
    "ieder", "iedere", "welke", "onze", "ons", "mijn", "m'n", "zijn", "haar", "hun", "uw", "jullie", "van",
    "op", "aan", "in", "voor", "bij", "met", "naar", "uit", "over", "door", "na", "onder", "tegen",
    "tussen", "rond", "zonder", "tot", "sinds", "langs", "le", "la", "les", "un", "une", "du", "au", "aux",
    "ce", "cet", "cette", "ces", "mon", "ma", "mes", "son", "sa", "ses", "notre", "nos", "votre", "vos",
    "leur", "leurs", "d'", "l'", "dans", "sur", "sous", "avec", "par", "sans", "chez", "vers", "après",
    "avant", "entre", "the", "a", "an", "this", "these", "those", "my", "our", "your", "his", "her",
    "their", "every", "of", "on", "at", "with", "from", "by", "near"))


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    key: str | None          # model key of a content word, None for a small word
    first: bool              # starts a sentence (its capital says nothing)
    number: bool = False     # a number that designates the word before it ("lijn 21", "bus 47")


def segments(text: str, lang: str | None, reader: WordReader, whole: list[list[Token]] | None = None,
             cut: list[list[Token]] | None = None) -> list[list[Token]]:
    """Runs of words between punctuation, handles and emoji; URLs, set phrases, numbers, time words
    and swear words break them (a number that designates the word before it stays: "lijn 21",
    :func:`_designates`).
    ``whole`` gets the runs that end at punctuation, an emoji or the text's end (not cut short by a
    number, a time word, a URL or a set phrase): the clauses a headline can be. ``cut`` gets the runs a
    number or a time word cut short ("begint de markt op | vrijdag")."""
    if "/" in text or "www" in text:
        text = URL.sub(" | ", text)
    text = cut_set_phrases(without_signatures(text, " | "))
    out: list[list[Token]] = []
    run: list[Token] = []
    first = True
    for tok in _TOKEN.findall(text):
        if not (tok[0].isalnum() or (tok[0] == "#" and len(tok) > 1)):
            if run:
                out.append(run)
                if whole is not None and (tok in ".!?;:," or tok[0] == "@"     # "... onder water @Stad"
                                          or (ord(tok[0]) > 0x2000 and tok not in _QUOTES)):
                    whole.append(run)
            run = []
            first = first or tok in ".!?:;|"
            continue
        word = tok[1:] if tok[0] == "#" else tok
        elided = _ELISION.match(word)
        if elided:
            run.append(Token(elided.group(1)[:-1] + "'", None, first))
            word, first = elided.group(2), False
        if word.isdigit() and _designates(run):
            run.append(Token(word, None, False, number=True))
            first = False
            continue
        if word.isdigit() or tok[0] == "@" or is_time_word(word):
            if run:
                out.append(run)
                if cut is not None and tok[0] != "@":
                    cut.append(run)
            run, first = [], False
            continue
        if is_swear_word(word):              # never in a name: "Tering | wat is het koud", "werken, | kut"
            if run:
                out.append(run)
            run, first = [], False
            continue
        hit = None if _INVERSION.match(word) else reader.key_of(word, lang)
        key = hit[0] if hit else None
        run.append(Token(word, key, first))
        first = False
    if run:
        out.append(run)
        if whole is not None:
            whole.append(run)
    return out


def _designates(run: list[Token]) -> bool:
    """Whether a number right after this run belongs to its last word: a bus line, a route, a room
    ("Omleiding van lijn 21", "Bus 47"), not a count after a small word ("al 3 dagen") nor a house
    number after a street's name written with a capital ("Kerkstraat 12")."""
    if not run or run[-1].key is None or run[-1].number:
        return False
    last = run[-1]
    return last.first or not last.text[:1].isupper()


def nominal_at(run: list[Token], at: int) -> bool:
    """Whether the word at ``at`` is used as a noun (or a noun's adjective) here: after an article, a
    determiner or a preposition ("de brand", "bij griepvaccinatie"), after such a word's adjective ("de
    gemeentelijke fase"), or after the adjective a headline starts with ("Enorme rookwolk", "Zware
    brand": a Dutch adjective before its noun ends in -e)."""
    if at == 0:
        return False
    before = run[at - 1]
    if fold(before.text) in _NOMINAL_AFTER:
        return True
    return before.key is not None and before.text.endswith("e") and (
        (at > 1 and fold(run[at - 2].text) in _NOMINAL_AFTER) or (at == 1 and before.first))


def phrases(run: list[Token]) -> list[tuple[int, int]]:
    """(start, end) of every candidate phrase in a run of words."""
    out = []
    for i, tok in enumerate(run):
        if tok.key is None:
            continue
        links = 0
        for j in range(i, min(len(run), i + MAX_WORDS + MAX_LINKS)):
            if run[j].key is None:
                if fold(run[j].text) not in NAME_LINKERS or links == MAX_LINKS:
                    break
                links += 1
                continue
            if j - i + 1 - links > MAX_WORDS:
                break
            out.append((i, j + 1))
    return out
