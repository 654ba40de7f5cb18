"""Naming a topic: a phrase people wrote, with the story's subject and its place, properly capitalised.

The candidates are the word sequences of the topic's posts (one to four words, never across punctuation,
starting and ending with a content word, small linking words inside: "Dak van de buren", "Wegenwerken
in de Stationsstraat"). A candidate scores by how many posts use it times how much its words set the
topic apart (their share of the topic's posts times their rarity in the stream). The winner is written
as people wrote it: a name keeps its capital ("Kanaalweg", "Ter Heide"), other words are lower case,
the first letter is a capital. When the winner lacks the place the topic mostly names, the phrase people
wrote with both is taken ("Wegenwerken in de Kanaalweg"), else a phrase people wrote around the place
with a word that weighs like the subject ("Bomenkap op het Kerkplein", not "Ziek Kerkplein"), and only
when there is none the place is added: "Stormschade Lindeveld-Noord".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsroom.analysis.set_phrases import cut_set_phrases
from newsroom.analysis.subject_words import says_what_happened
from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.time_words import is_time_word
from newsroom.analysis.topic_words import WordReader
from newsroom.analysis.words import ARTICLES, LINKERS, URL, fold

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
#: a French elided article or pronoun before a word: "d'électricité", "l'eau", "qu'il"
_ELISION = re.compile(r"^((?:[cdjlmnst]|qu)['’])(\w.*)$", re.IGNORECASE)
#: quotes: a clause does not end at one
_QUOTES = frozenset("‘’‚‛“”„‟‹›«»")
#: small words inside a name: the shared ones and French elided articles ("coupure d'électricité")
_LINKERS = LINKERS | {"d'", "l'"}
_TOKEN = re.compile(r"[#@]?\w[\w'’-]*|[^\w\s]", re.UNICODE)
#: Longest phrase, in words.
MAX_WORDS = 4
#: Small words allowed inside a phrase.
MAX_LINKS = 2
#: A place named in this share of the topic's posts joins a one-word name.
PLACE_SHARE = 0.25
#: At most this many posts are read for a name (spread evenly over the topic's posts).
MAX_TEXTS = 200
#: A one-word name gives way to a longer phrase holding it from this share of its score on.
WIDEN_SHARE = 0.5
#: A subject never written with the topic's place gives way to a phrase people wrote around the place
#: (written once will do) that scores AROUND_SHARE of the subject and holds a word weighing AROUND_WORD of
#: the subject's ("Bomenkap op Kerkplein" rather than "Ziek Kerkplein"; chosen on the development streams)
AROUND_SHARE = 0.3
AROUND_WORD = 0.5
#: A word that says what happened (:mod:`subject_words`: "brand", "wegenwerken") weighs this much more.
SUBJECT_BOOST = 2.0
#: A name nobody wrote as such (a subject and its place glued) fits this much less when the wall weighs
#: keeping it against a new one (the new one too, when it is glued).
GLUED_FIT = 0.5
#: A word written in capitals is an acronym ("KFC", "OCMW") up to this length, else shouting.
ACRONYM_LENGTH = 5
#: A single word this long (folded) is a compound that can be a name on its own ("Kerstmarkt").
COMPOUND_LENGTH = 10
#: A single word that says little gives way to a phrase holding it that scores this share of it.
PAIR_SHARE = 0.25
#: A place the topic names less often than PLACE_SHARE joins the name from this share of its posts on
#: when it scores above the subject (the most telling thing about the topic is where it happens).
LEAD_PLACE_SHARE = 0.1
#: A name grows by the word most uses of it go on with when this share of them agree (two at least).
EXTEND_SHARE = 0.6
#: Longest name after growing, in words (small words included).
MAX_NAME_WORDS = 5
#: A single word that says little and has no phrase or line to give way to gives way to a word that can
#: stand alone (a name, a compound) scoring this share of it.
SINGLE_SHARE = 0.5
#: A headline-like line is this many words long (small words included).
HEADLINE_WORDS = (4, 8)
#: ... and at most this many characters (two lines of a tile's title).
HEADLINE_CHARS = 52
#: ... and holds another word weighing this share of the subject's.
HEADLINE_WORD = 0.3
#: Words of someone's own voice: a line holding one is no headline.
_OWN_VOICE = frozenset(("ik", "je", "jij", "jullie", "we", "wij", "mijn", "m'n", "onze", "ons", "uw", "i",
                       "you", "my", "our", "your", "tu", "nous", "vous", "mon", "ma", "mes", "notre", "nos",
                       "votre"))
#: Uses of a phrase remembered (to see how people go on writing it).
MAX_USES = 50
#: On the wall, the name stays while it scores at least this share of the best candidate.
KEEP_SHARE = 0.7
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
#: A phrase that ends on a bare word (:meth:`_Pool.bare`: "Vlot geregeld", "Vaartdijk zeg", "Molenplein
#: brengen") scores this share: a name is a noun's phrase, not a verb's or an adverb's.
BARE_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    key: str | None          # model key of a content word, None for a small word
    first: bool              # starts a sentence (its capital says nothing)
    number: bool = False     # a number that designates the word before it ("lijn 21", "bus 47")


def _segments(text: str, lang: str | None, reader: WordReader,
              whole: list[list[_Token]] | None = None) -> list[list[_Token]]:
    """Runs of words between punctuation, handles and emoji; URLs, set phrases, numbers and time
    words break them (a number that designates the word before it stays: "lijn 21", :func:`_designates`).
    ``whole`` gets the runs that end at punctuation, an emoji or the text's end (not cut short by a
    number, a time word, a URL or a set phrase): the clauses a headline can be."""
    if "/" in text or "www" in text:
        text = URL.sub(" | ", text)
    text = cut_set_phrases(text)
    out: list[list[_Token]] = []
    run: list[_Token] = []
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
            run.append(_Token(elided.group(1)[:-1] + "'", None, first))
            word, first = elided.group(2), False
        if word.isdigit() and _designates(run):
            run.append(_Token(word, None, False, number=True))
            first = False
            continue
        if word.isdigit() or tok[0] == "@" or is_time_word(word):
            if run:
                out.append(run)
            run, first = [], False
            continue
        hit = reader.key_of(word, lang)
        key = hit[0] if hit else None
        run.append(_Token(word, key, first))
        first = False
    if run:
        out.append(run)
        if whole is not None:
            whole.append(run)
    return out


def _designates(run: list[_Token]) -> bool:
    """Whether a number right after this run belongs to its last word: a bus line, a route, a room
    ("Omleiding van lijn 21", "Bus 47"), not a count after a small word ("al 3 dagen") nor a house
    number after a street's name written with a capital ("Kerkstraat 12")."""
    if not run or run[-1].key is None or run[-1].number:
        return False
    last = run[-1]
    return last.first or not last.text[:1].isupper()


def _nominal_at(run: list[_Token], at: int) -> bool:
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


def _phrases(run: list[_Token]) -> list[tuple[int, int]]:
    """(start, end) of every candidate phrase in a run of words."""
    out = []
    for i, tok in enumerate(run):
        if tok.key is None:
            continue
        links = 0
        for j in range(i, min(len(run), i + MAX_WORDS + MAX_LINKS)):
            if run[j].key is None:
                if fold(run[j].text) not in _LINKERS or links == MAX_LINKS:
                    break
                links += 1
                continue
            if j - i + 1 - links > MAX_WORDS:
                break
            out.append((i, j + 1))
    return out


def _write(tokens: Sequence[_Token], reader: WordReader, forms: dict[str, dict[str, int]],
           shapes: dict[str, dict[str, int]] | None = None) -> str:
    """The phrase as people write it: names capitalised, words most people write with a capital inside
    ("GFT-container", "KFC", "NL-Alert") as they write them, other words lower case, a capital first."""
    words = []
    for tok in tokens:
        shape = (shapes or {}).get(fold(tok.text), {})
        inner = {f: k for f, k in shape.items() if any(c.isupper() for c in f[1:])
                 and (not f.isupper() or (tok.key is not None and len(f) <= ACRONYM_LENGTH))}
        if inner and 2 * sum(inner.values()) > sum(shape.values()):
            words.append(max(inner.items(), key=lambda fk: (fk[1], fk[0]))[0])
            continue
        if tok.key is not None and reader.is_name(tok.key):
            words.append(reader.written(tok.key))
            continue
        seen = forms.get(fold(tok.text), {})
        capital = sum(n for f, n in seen.items() if f[:1].isupper() and not f.isupper())
        upper = sum(n for f, n in seen.items() if f.isupper() and len(f) > 1)
        total = sum(seen.values()) or 1
        low = tok.text.lower()
        if 2 * upper > total >= 2 and len(low) <= 5 and tok.key is not None:   # OCMW, PMD, KFC
            words.append(tok.text.upper())
        elif tok.key is None and capital >= 0.6 * total:   # "De" in "De Lijn", "Ter" in "Ter Heide"
            words.append(low[:1].upper() + low[1:])
        else:
            words.append(low)
    name = " ".join(words)
    return name[:1].upper() + name[1:]


@dataclass
class _Pool:
    """The candidate phrases of one topic's posts and what scores them."""

    n: int
    background: frozenset[str] = frozenset()
    #: phrase (folded words) -> (its first use not at a sentence start, else its first use; content keys)
    found: dict[tuple[str, ...], tuple[tuple[_Token, ...], tuple[str, ...]]] = field(default_factory=dict)
    #: phrase -> posts using it
    post_count: dict[tuple[str, ...], int] = field(default_factory=dict)
    #: phrase -> its uses: (the run of words, start, end), at most MAX_USES
    uses: dict[tuple[str, ...], list[tuple[list[_Token], int, int]]] = field(default_factory=dict)
    #: content key -> posts using it
    share: dict[str, int] = field(default_factory=dict)
    #: the runs of words that are whole clauses (:func:`_segments`), for headline-like lines
    runs: list[list[_Token]] = field(default_factory=list)
    #: folded word -> {form written inside a sentence: uses}
    forms: dict[str, dict[str, int]] = field(default_factory=dict)
    #: folded word -> its content key (the first met)
    key_of: dict[str, str] = field(default_factory=dict)
    #: folded word -> {form written anywhere: uses}
    shapes: dict[str, dict[str, int]] = field(default_factory=dict)
    #: content keys written at least once right after an article, a determiner or a preposition
    nominal: set[str] = field(default_factory=set)

    def bare(self, tok: _Token, is_name: Callable[[str], bool]) -> bool:
        """Whether a content word is used as no noun in the topic's posts: never after an article, a
        determiner or a preposition, no name, no acronym, no word that says what happened: a verb, an
        adverb or an interjection there ("geregeld", "vlot", "zeg", "brengen")."""
        key = tok.key
        if key is None or key in self.nominal or is_name(key) or says_what_happened(tok.text):
            return False
        shape = self.shapes.get(fold(tok.text), {})     # an acronym is a noun: "Ramassage des déchets PMD"
        upper = sum(k for f, k in shape.items() if f.isupper() and 1 < len(f) <= ACRONYM_LENGTH)
        return 2 * upper <= sum(shape.values())

    def bare_edge(self, tokens: Sequence[_Token], is_name: Callable[[str], bool]) -> bool:
        """Whether a phrase of two content words or more ends on a bare word (:meth:`bare`), unless a
        name does what it says: a verb after nothing but a name is a headline ("De Lijn schrapt",
        "Verhaegen sluit"; a Dutch verb's present ends in -t), not "Vaartdijk zeg" or "Molenplein
        brengen". A single word is never bare here: plural and headline nouns go without an article
        ("Fietsers mogen er terug over de Kanaalbrug")."""
        content = [t for t in tokens if t.key is not None]
        if len(content) < 2 or not self.bare(content[-1], is_name):
            return False
        return not (content[-1].text.endswith("t")
                    and all(t.key is not None and is_name(t.key) for t in content[:-1]))


def _read_pool(texts: Sequence[tuple[str, str | None]], reader: WordReader,
               background: frozenset[str]) -> _Pool:
    pool = _Pool(len(texts), background)
    found, post_count, uses, share, forms = pool.found, pool.post_count, pool.uses, pool.share, pool.forms
    banned: set[tuple[str, ...]] = set()
    for text, lang in texts:
        keys_here: set[str] = set()
        phrases_here: set[tuple[str, ...]] = set()
        for run in _segments(text, lang, reader, pool.runs):
            for at, tok in enumerate(run):
                if tok.key is not None and _nominal_at(run, at):
                    pool.nominal.add(tok.key)
                shape = pool.shapes.setdefault(fold(tok.text), {})
                shape[tok.text] = shape.get(tok.text, 0) + 1
                if tok.key is not None:
                    keys_here.add(tok.key)
                    pool.key_of.setdefault(fold(tok.text), tok.key)
                if not tok.first:
                    f = forms.setdefault(fold(tok.text), {})
                    f[tok.text] = f.get(tok.text, 0) + 1
            for i, j in _phrases(run):
                toks = tuple(run[i:j])
                key = tuple(fold(t.text) for t in toks)
                if key in banned:
                    continue
                seen = found.get(key)
                if any(t.key in background for t in toks if t.key is not None):
                    banned.add(key)          # background in one language's words is background in all
                    if seen is not None:
                        del found[key], uses[key]
                        post_count.pop(key, None)
                    continue
                if seen is None:
                    content = tuple(t.key for t in toks if t.key is not None)
                    found[key] = (toks, content)
                    uses[key] = []
                elif seen[0][0].first and not toks[0].first:
                    found[key] = (toks, seen[1])
                if len(uses[key]) < MAX_USES:
                    uses[key].append((run, i, j))
                phrases_here.add(key)
        for k in keys_here:
            share[k] = share.get(k, 0) + 1
        for key in phrases_here - banned:
            post_count[key] = post_count.get(key, 0) + 1
    return pool


def name_topic(texts: Sequence[tuple[str, str | None]], reader: WordReader, idf: Callable[[str], float],
               background: frozenset[str] = frozenset(), previous: str = "") -> str:
    """A short name for the topic whose posts are ``texts`` ((text, language) pairs).

    ``previous``: the name it had; kept while it still scores KEEP_SHARE of the best (a name does not
    flicker while the story is the same).
    """
    if len(texts) > MAX_TEXTS:
        step = len(texts) / MAX_TEXTS
        texts = [texts[int(i * step)] for i in range(MAX_TEXTS)]
    n = len(texts)
    if not n:
        return ""
    pool = _read_pool(texts, reader, background)
    found, post_count, share, forms = pool.found, pool.post_count, pool.share, pool.forms
    if not found:
        return _most_written(pool, reader)

    is_name = reader.is_name

    def weight(key: str) -> float:
        boost = SUBJECT_BOOST if not is_name(key) and says_what_happened(reader.written(key)) else 1.0
        return boost * share.get(key, 0) / n * max(idf(key), 0.0)

    def bare(phrase: tuple[str, ...]) -> bool:
        return pool.bare_edge(found[phrase][0], is_name)

    def score(phrase: tuple[str, ...]) -> float:
        content = found[phrase][1]
        k = post_count[phrase]
        if len(content) > 1 and k < 2 and n > 1:
            return 0.0
        if any(c in STOP_WORDS for c in content) or len(set(content)) < len(content):
            return 0.0
        edge = BARE_SHARE if bare(phrase) else 1.0
        return edge * k / n * sum(weight(c) for c in content) / math.sqrt(len(content))

    scored = {p: score(p) for p in found}

    def kind(phrase: tuple[str, ...]) -> tuple[bool, bool]:
        """(holds a name, holds another content word)"""
        names = [is_name(k) for k in found[phrase][1]]
        return any(names), not all(names)

    def choose() -> str:
        ranked = sorted((p for p in found if scored[p] > 0.0), key=lambda p: (-scored[p], len(p), p))
        if not ranked:
            ranked = sorted(found, key=lambda p: (len(p), p))
        subjects = [p for p in ranked if kind(p)[1]]
        subject = subjects[0] if subjects else None
        if subject is not None and previous:
            for phrase in subjects:
                if scored[phrase] < KEEP_SHARE * scored[subject]:
                    break
                if fold(previous).startswith(_written_key(phrase)):
                    subject = phrase
                    break
        if subject is not None and len(found[subject][1]) == 1:
            subject = _widened(subject, ranked, found, scored, is_name, weight)
        if subject is None:
            return _write(found[ranked[0]][0], reader, forms, pool.shapes)
        floor = scored[subject]
        places = [p for p in ranked if kind(p) == (True, False)
                  and (post_count[p] >= PLACE_SHARE * n or (post_count[p] >= max(2.0, LEAD_PLACE_SHARE * n)
                                                            and scored[p] >= floor))]
        if places and not kind(subject)[0] and len(subject) <= 3:
            written = None
            if len(found[subject][1]) <= 2:
                written = _with_place(subject, places[0], found, post_count)
            glued = " ".join(_write(found[p][0], reader, forms, pool.shapes) for p in (subject, places[0]))
            if written is None and fold(previous) != fold(glued):   # a kept name stays as it was written
                written = _around_place(places[0], subject, found, scored, post_count, is_name, weight, n,
                                        previous, bare)
            if written is None:
                line = _headline(found[subject][1][0], pool, weight, is_name, previous, found[places[0]][1])
                return glued if line is None else _write(line, reader, forms, pool.shapes)
            subject = written
        elif len(found[subject][1]) == 1 and not _standalone(found[subject][0], is_name):
            paired = _paired(subject, [p for p in ranked if not bare(p)], found, scored, previous)
            if paired == subject:
                line = _headline(found[subject][1][0], pool, weight, is_name, previous)
                if line is not None:
                    return _write(line, reader, forms, pool.shapes)
                paired = next((p for p in ranked if scored[p] >= SINGLE_SHARE * scored[subject]
                               and len(found[p][1]) == 1 and _standalone(found[p][0], is_name)), subject)
                if paired == subject:
                    clause = _clause_with(found[subject][1][0], pool)
                    if clause is not None:
                        return _write(clause, reader, forms, pool.shapes)
            subject = paired
        return _write(_extended(subject, pool, is_name), reader, forms, pool.shapes)

    name = choose()
    if previous and fold(previous) != fold(name) and _still_fits(previous, name, pool, weight, is_name):
        return previous
    return name


def _still_fits(previous: str, name: str, pool: _Pool, weight: Callable[[str], float],
                is_name: Callable[[str], bool]) -> bool:
    """Whether the name the topic had still says what it is about as well as KEEP_SHARE of the new
    one, by how many of its posts use the names' words and how telling those are (:func:`_fit`); a
    name holding a set phrase, a time word or a background word, a single word that says little, a
    name ending on a word the posts never use as a noun (:meth:`_Pool.bare_edge`: "Vlot verlopen",
    chosen from the topic's first four posts), or a name the new one holds and says more than ("Ter
    Beke" -> "Bus in Ter Beke"), never stays."""
    if cut_set_phrases(previous) != previous or any(is_time_word(w) for w in previous.split()):
        return False
    words, grown = _WORD.findall(fold(previous)), _WORD.findall(fold(name))
    if len(grown) > len(words) and any(grown[i:i + len(words)] == words for i in range(len(grown))):
        return False
    tokens = [_Token(w, pool.key_of.get(fold(w)), False) for w in _WORD.findall(previous)
              if not (fold(w) in _LINKERS or fold(w) in ARTICLES or fold(w) in STOP_WORDS or w.isdigit())]
    if pool.bare_edge(tokens, is_name):
        return False
    before, now = _fit(previous, pool, weight), _fit(name, pool, weight)
    return before is not None and now is not None and before >= KEEP_SHARE * now


def _fit(name: str, pool: _Pool, weight: Callable[[str], float]) -> float | None:
    """Σ weight of the name's content words / √(their number), None when one of them is background,
    unknown in the topic's posts, or the name is one word that cannot stand alone."""
    keys = []
    for word in _WORD.findall(name):
        folded = fold(word)
        if folded in _LINKERS or folded in ARTICLES or folded in STOP_WORDS or folded.isdigit():
            continue                 # small words, and a word's number ("lijn 21")
        key = pool.key_of.get(folded)
        if key is None or key in pool.background:
            return None
        keys.append(key)
    if not keys or (len(keys) == 1 and len(fold(name)) < COMPOUND_LENGTH and "-" not in name
                    and not any(c.isupper() for c in name[1:])):
        return None
    written = 1.0 if _written_in(tuple(fold(w) for w in _WORD.findall(name)), pool) else GLUED_FIT
    return written * sum(weight(k) for k in sorted(set(keys))) / math.sqrt(len(keys))


def _written_in(words: tuple[str, ...], pool: _Pool) -> bool:
    """Whether the words occur in this order, next to each other, in one of the topic's clauses."""
    if words in pool.found:
        return True
    size = len(words)
    for run in pool.runs:
        folded = [fold(t.text) for t in run]
        if any(tuple(folded[i:i + size]) == words for i in range(len(folded) - size + 1)):
            return True
    return False


def _most_written(pool: _Pool, reader: WordReader) -> str:
    """A topic whose words are all background (the searches' own, the town's) is named by the short
    clause its posts write most ("Zwemverbod in de Berkhofplas" when "zwemverbod" is the search); ""
    when it has none."""
    counts: dict[tuple[str, ...], tuple[int, tuple[_Token, ...]]] = {}
    for run in pool.runs:
        if len(run) <= MAX_NAME_WORDS and any(t.key is not None and t.key not in STOP_WORDS for t in run):
            key = tuple(fold(t.text) for t in run)
            seen = counts.get(key)
            counts[key] = (1 + (seen[0] if seen else 0), seen[1] if seen else tuple(run))
    if not counts:
        return ""
    best = max(counts, key=lambda k: (counts[k][0], -len(k), k))
    return _write(counts[best][1], reader, pool.forms, pool.shapes)


def _standalone(tokens: Sequence[_Token], is_name: Callable[[str], bool]) -> bool:
    """Whether one word can be a name on its own: a proper name ("Kerkplein") or a compound subject
    ("Kerstmarkt", "Gsm-verbod"); "Hand", "Station", "Water" say too little."""
    word = next(t for t in tokens if t.key is not None)
    assert word.key is not None
    return is_name(word.key) or len(fold(word.text)) >= COMPOUND_LENGTH or "-" in word.text


def _paired(word: tuple[str, ...], ranked: Sequence[tuple[str, ...]],
            found: dict[tuple[str, ...], tuple[tuple[_Token, ...], tuple[str, ...]]],
            scored: dict[tuple[str, ...], float], previous: str = "") -> tuple[str, ...]:
    """A single word that says little gives way to the best phrase people wrote that holds it with another
    content word, scoring PAIR_SHARE of it ("Zwembad" -> "Lek in het zwembad"); else the word stays.
    The ``previous`` name stays while it is such a phrase and scores KEEP_SHARE of the best."""
    key = found[word][1][0]
    fit = [p for p in ranked if scored[p] >= PAIR_SHARE * scored[word]
           and len(found[p][1]) > 1 and key in found[p][1]]
    if not fit:
        return word
    kept = next((p for p in fit if previous and fold(previous) == _written_key(p)), None)
    return kept if kept is not None and scored[kept] >= KEEP_SHARE * scored[fit[0]] else fit[0]


def _extended(phrase: tuple[str, ...], pool: _Pool, is_name: Callable[[str], bool]) -> tuple[_Token, ...]:
    """The phrase with the name or capitalised article people write right before it in most of its uses
    (two at least): "Lijn schrapt" -> "De Lijn schrapt", "Verhaegen" -> "Bakkerij Verhaegen" when
    "Bakkerij" is written as part of the name; up to MAX_NAME_WORDS words of which MAX_WORDS - 1 content
    words. (Words after it were tried too: in generated posts they grew "Brand Veldstraat" into
    "Brand Veldstraat wellicht".)"""
    uses = pool.uses.get(phrase, [])
    tokens = pool.found[phrase][0]
    if len(uses) < 2:
        return _numbered(uses) or tokens
    spans = list(uses)
    for side in (-1,):
        while True:
            step = _next_word(spans, side, pool, is_name)
            if step is None:
                break
            run, i, j = step[0]
            if run[i].key is None:          # a capitalised article, whatever the length: "De Lijn schrapt
                spans = step                # bushalte Hofstraat"
                break
            if j - i > MAX_NAME_WORDS or sum(t.key is not None for t in run[i:j]) > MAX_WORDS - 1:
                break
            spans = step
    run, i, j = next(((r, a, b) for r, a, b in spans if not r[a].first), spans[0])
    return _numbered(spans) or tuple(run[i:j])


def _numbered(spans: Sequence[tuple[list[_Token], int, int]]) -> tuple[_Token, ...] | None:
    """The phrase with the number every use of it goes on with ("Omleiding van lijn" -> "Omleiding van
    lijn 21", "Bus" -> "Bus 47"); None when a use goes on otherwise (or there is no use)."""
    after = {run[j].text if j < len(run) and run[j].number else None for run, _, j in spans}
    if len(after) != 1 or None in after:
        return None
    run, i, j = next(((r, a, b) for r, a, b in spans if not r[a].first), spans[0])
    return tuple(run[i:j + 1])


def _next_word(spans: list[tuple[list[_Token], int, int]], side: int, pool: _Pool,
               is_name: Callable[[str], bool]) -> list[tuple[list[_Token], int, int]] | None:
    """The spans grown by one word on ``side`` when EXTEND_SHARE of them (two at least) agree on it;
    None when they do not."""
    votes: dict[tuple[str, ...], list[tuple[list[_Token], int, int]]] = {}
    for run, i, j in spans:
        k, links = (j if side > 0 else i - 1), 0
        while side > 0 and k < len(run) and run[k].key is None and links < MAX_LINKS \
                and fold(run[k].text) in _LINKERS:
            k += 1
            links += 1
        if not 0 <= k < len(run):
            continue
        tok = run[k]
        if tok.key is None:
            after = run[k + 1].key
            named = after is not None and is_name(after) and tok.text[:1].isupper()
            if not (fold(tok.text) in ARTICLES and (_capitalised(tok, pool) or named)):
                continue
        elif tok.key in STOP_WORDS or tok.key in pool.background or (side < 0 and not is_name(tok.key)):
            continue
        lo, hi = (i, k + 1) if side > 0 else (k, j)
        words = tuple(fold(t.text) for t in run[lo:i]) + tuple(fold(t.text) for t in run[j:hi])
        votes.setdefault(words, []).append((run, lo, hi))
    if not votes:
        return None
    _, grown = max(votes.items(), key=lambda kv: (len(kv[1]), kv[0]))
    if len(grown) < 2 or len(grown) < EXTEND_SHARE * len(spans):
        return None
    return grown


def _headline(key: str, pool: _Pool, weight: Callable[[str], float],
              is_name: Callable[[str], bool], previous: str = "",
              also: tuple[str, ...] = ()) -> tuple[_Token, ...] | None:
    """A short line someone wrote like a headline that holds ``key`` with other words of the topic:
    a clause starting a sentence with a capital, HEADLINE_WORDS long once the town's name (background)
    is left out, in no one's own voice (no "ik", "je", "we"), scored by the weight of its words; None
    when there is none ("Hond" -> "Politie redt hond uit snikhete auto bij supermarkt"). The
    ``previous`` name stays while it is such a line and scores KEEP_SHARE of the best. With ``also`` (a
    place's keys) the line holds them too ("Brand in woning aan de Kanaalweg" rather than the subject
    and the place glued: "Brand Kanaalweg")."""
    lo, hi = HEADLINE_WORDS
    best: tuple[float, tuple[str, ...], tuple[_Token, ...]] | None = None
    kept: tuple[float, tuple[_Token, ...]] | None = None
    before = tuple(_WORD.findall(fold(previous)))
    for run in pool.runs:
        if not run[0].first or not run[0].text[:1].isupper() or all(t.key != key for t in run) \
                or not set(also) <= {t.key for t in run}:
            continue
        if any(t.key in pool.background and not (is_name(t.key) or t.text[:1].isupper())
               for t in run if t.key is not None):
            continue                  # a line with the search's own word or the like in lower case
        toks = _without_town(run, pool.background)
        if toks is None:
            continue
        if not lo <= len(toks) <= hi or sum(len(t.text) + 1 for t in toks) > HEADLINE_CHARS \
                or toks[-1].key is None or toks[-1].key in STOP_WORDS \
                or any(fold(t.text) in _OWN_VOICE for t in toks):
            continue
        keys = {t.key for t in toks if t.key is not None and t.key not in STOP_WORDS}
        others = [weight(k) for k in sorted(keys) if k != key]
        if not others or max(others) < HEADLINE_WORD * weight(key):
            continue
        score = sum(weight(k) for k in sorted(keys)) / math.sqrt(len(toks))
        rank = (score, tuple(fold(t.text) for t in toks))
        if best is None or rank > best[:2]:
            best = (score, rank[1], toks)
        if before and rank[1] == before and (kept is None or score > kept[0]):
            kept = (score, toks)
    if best is not None and kept is not None and kept[0] >= KEEP_SHARE * best[0]:
        return kept[1]
    return None if best is None else best[2]


def _clause_with(key: str, pool: _Pool) -> tuple[_Token, ...] | None:
    """The last resort for a single word that says little ("Zoek", "Terug"): the short clause holding it
    that the topic's posts write most (two to MAX_NAME_WORDS words once the town's name is left out,
    ending on a content word, in no one's own voice); None when there is none."""
    counts: dict[tuple[str, ...], tuple[int, tuple[_Token, ...]]] = {}
    for run in pool.runs:
        if all(t.key != key for t in run):
            continue
        toks = _without_town(run, pool.background)
        if toks is None or not 2 <= len(toks) <= MAX_NAME_WORDS or toks[-1].key is None \
                or toks[-1].key in STOP_WORDS or any(fold(t.text) in _OWN_VOICE for t in toks):
            continue
        if toks[0].key is None and fold(toks[0].text) in _LINKERS - ARTICLES and toks[0].text.islower():
            continue                  # a preposition's tail: "voor de brandweer" ("Chapeau voor de ...")
        words = tuple(fold(t.text) for t in toks)
        seen = counts.get(words)
        counts[words] = (1 + (seen[0] if seen else 0), seen[1] if seen else toks)
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k][0], -len(k), k))
    return counts[best][1]


def _without_town(run: Sequence[_Token], background: frozenset[str]) -> tuple[_Token, ...] | None:
    """The clause without its background names ("Politie Dommelroode redt hond" -> "Politie redt hond",
    "Storm richt schade aan in Lindeveld" -> "Storm richt schade aan"); None when leaving one out would
    break the sentence ("tussen Dommelroode en Eindhoven")."""
    out: list[_Token] = []
    for i, tok in enumerate(run):
        if tok.key is None or tok.key not in background:
            out.append(tok)
            continue
        if all(t.key is not None and t.key in background for t in run[i + 1:]):
            while out and out[-1].key is None:      # "... in Lindeveld" at the end: the small words go too
                out.pop()
            break
        if out and out[-1].key is None:
            return None
    return tuple(out)


def _capitalised(tok: _Token, pool: _Pool) -> bool:
    """Whether people write this small word with a capital inside a sentence ("De" of "De Lijn")."""
    seen = pool.forms.get(fold(tok.text), {})
    capital = sum(k for f, k in seen.items() if f[:1].isupper())
    return capital >= 2 and capital >= 0.6 * sum(seen.values())


def _with_place(subject: tuple[str, ...], place: tuple[str, ...],
                found: dict[tuple[str, ...], tuple[tuple[_Token, ...], tuple[str, ...]]],
                post_count: dict[tuple[str, ...], int]) -> tuple[str, ...] | None:
    """The phrase people wrote that holds the subject and the place and nothing more than small linking
    words ("Wegenwerken in de Kanaalweg", "Bakker aan de Markt"), the most used; None when nobody wrote
    them together."""
    wanted = set(found[subject][1]) | set(found[place][1])
    both = [p for p, (_, content) in found.items() if set(content) == wanted and len(content) == len(wanted)]
    return max(both, key=lambda p: (post_count[p], -len(p), p)) if both else None


def _around_place(place: tuple[str, ...], subject: tuple[str, ...],
                  found: dict[tuple[str, ...], tuple[tuple[_Token, ...], tuple[str, ...]]],
                  scored: dict[tuple[str, ...], float], post_count: dict[tuple[str, ...], int],
                  is_name: Callable[[str], bool], weight: Callable[[str], float],
                  n: int, previous: str = "",
                  bare: Callable[[tuple[str, ...]], bool] | None = None) -> tuple[str, ...] | None:
    """The phrase people wrote around the place with a word that says what happened there ("Bomenkap
    op Kerkplein", "Speeltuin in het Weverspark"), even when written once, when it scores AROUND_SHARE
    of the subject; None when there is none. The ``previous`` name stays while it scores KEEP_SHARE of
    the best. A phrase ending on a ``bare`` word scores BARE_SHARE."""
    keys = set(found[place][1])
    strongest = max(weight(c) for c in found[subject][1])
    floor = AROUND_SHARE * scored[subject]
    scores: dict[tuple[str, ...], float] = {}
    for phrase, (_, content) in found.items():
        if (not keys <= set(content) or len(set(content)) < len(content)
                or any(c in STOP_WORDS for c in content)
                or not any(not is_name(c) and weight(c) >= AROUND_WORD * strongest for c in content)):
            continue
        edge = BARE_SHARE if bare is not None and bare(phrase) else 1.0
        use = edge * post_count[phrase] / n
        scores[phrase] = use * sum(weight(c) for c in content) / math.sqrt(len(content))
    fit = [p for p, s in scores.items() if s >= floor]
    if not fit:
        return None
    best = max(fit, key=lambda p: (scores[p], -len(p), p))
    kept = next((p for p in fit if previous and fold(previous) == _written_key(p)), None)
    return kept if kept is not None and scores[kept] >= KEEP_SHARE * scores[best] else best


def _widened(word: tuple[str, ...], ranked: Sequence[tuple[str, ...]],
             found: dict[tuple[str, ...], tuple[tuple[_Token, ...], tuple[str, ...]]],
             scored: dict[tuple[str, ...], float], is_name: Callable[[str], bool],
             weight: Callable[[str], float]) -> tuple[str, ...]:
    """A one-word name gives way to the best phrase of more content words, none a name (the place is
    added after), each weighing WIDEN_SHARE of the word, that holds it and scores WIDEN_SHARE of it
    ("Station" -> "Fiets gestolen aan het station"; not "Leidingbreuk zet"): a word alone rarely says
    what happened."""
    key = found[word][1][0]
    for phrase in ranked:
        if scored[phrase] < WIDEN_SHARE * scored[word]:
            break
        content = found[phrase][1]
        if (len(content) > 1 and key in content and not any(is_name(c) for c in content)
                and all(weight(c) >= WIDEN_SHARE * weight(key) for c in content)):
            return phrase
    return word


def _written_key(phrase: tuple[str, ...]) -> str:
    return " ".join(phrase)
