"""The candidate phrases of one topic's posts, with what scores them: how many posts use each, how
people write each word, which words are used as nouns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsroom.analysis.name_families import word_family
from newsroom.analysis.name_tokens import Token, nominal_at, phrases, segments
from newsroom.analysis.name_writing import ACRONYM_LENGTH
from newsroom.analysis.subject_words import says_what_happened
from newsroom.analysis.topic_concepts import PLACE_ENDINGS
from newsroom.analysis.topic_words import WordReader
from newsroom.analysis.words import ARTICLES, fold

#: Longest name after growing, in words (small words included).
MAX_NAME_WORDS = 5
#: Uses of a phrase remembered (to see how people go on writing it).
MAX_USES = 50
#: A name holding the town's ("KFC Lindeveld") is a candidate when written as a name this often, and in
#: most of its uses.
TOWN_NAMED_USES = 2
#: On the wall, the name stays while it scores at least this share of the best candidate.
KEEP_SHARE = 0.7
#: A phrase that ends on a bare word (:meth:`Pool.bare`: "Vlot geregeld", "Vaartdijk zeg", "Molenplein
#: brengen") scores this share: a name is a noun's phrase, not a verb's or an adverb's.
BARE_SHARE = 0.3


@dataclass
class Pool:
    """The candidate phrases of one topic's posts and what scores them."""

    n: int
    background: frozenset[str] = frozenset()
    #: phrase (folded words) -> (its first use not at a sentence start, else its first use; content keys)
    found: dict[tuple[str, ...], tuple[tuple[Token, ...], tuple[str, ...]]] = field(default_factory=dict)
    #: phrase -> posts using it
    post_count: dict[tuple[str, ...], int] = field(default_factory=dict)
    #: phrase -> its uses: (the run of words, start, end), at most MAX_USES
    uses: dict[tuple[str, ...], list[tuple[list[Token], int, int]]] = field(default_factory=dict)
    #: content key -> posts using it
    share: dict[str, int] = field(default_factory=dict)
    #: the runs of words that are whole clauses (:func:`segments`), for headline-like lines
    runs: list[list[Token]] = field(default_factory=list)
    #: folded word -> {form written inside a sentence: uses}
    forms: dict[str, dict[str, int]] = field(default_factory=dict)
    #: folded word -> its content key (the first met)
    key_of: dict[str, str] = field(default_factory=dict)
    #: folded word -> {form written anywhere: uses}
    shapes: dict[str, dict[str, int]] = field(default_factory=dict)
    #: content keys written at least once right after an article, a determiner or a preposition
    nominal: set[str] = field(default_factory=set)
    #: folded word -> uses written in capitals (2 to ACRONYM_LENGTH letters) in a run that is no shouting
    capitals: dict[str, int] = field(default_factory=dict)
    #: content keys written in a Dutch post (or one of no known language)
    dutch: set[str] = field(default_factory=set)
    #: word family (:func:`word_family`) -> posts using a word of it
    families: dict[str, int] = field(default_factory=dict)
    #: content key -> its word's family (the first met)
    family_of: dict[str, str] = field(default_factory=dict)
    #: names of two words, the second the town's, written so in most uses: folded first word -> the
    #: two words as written ("kfc" -> ("KFC", "Lindeveld"))
    town_named: dict[str, tuple[str, str]] = field(default_factory=dict)
    _leading: dict[str, str] | None = None
    #: id -> a run a number or a time word cut short (kept, so that its id stays its own): it ends where
    #: the sentence does not
    cut_short: dict[int, list[Token]] = field(default_factory=dict)

    def bare(self, tok: Token, is_name: Callable[[str], bool]) -> bool:
        """Whether a content word is used as no noun in the topic's posts: never after an article, a
        determiner or a preposition, no name, no acronym, no word that says what happened: a verb, an
        adverb or an interjection there ("geregeld", "vlot", "zeg", "brengen")."""
        key = tok.key
        if key is None or key in self.nominal or is_name(key) or says_what_happened(tok.text):
            return False
        shape = self.shapes.get(fold(tok.text), {})     # an acronym is a noun: "Ramassage des déchets PMD"
        upper = sum(k for f, k in shape.items() if _in_capitals(f))
        return 2 * upper <= sum(shape.values())

    def family_share(self, key: str) -> int:
        """Posts using the key's word, or, for the word of its family (:func:`word_family`) the most
        posts use (then the shortest), posts using any word of the family."""
        own = self.share.get(key, 0)
        family = self.family_of.get(key)
        if family is None or self._leaders().get(family) != key:
            return own
        return max(own, self.families.get(family, 0))

    def _leaders(self) -> dict[str, str]:
        """family -> its leading key: the one the most posts use, then the longest (the compound says
        more: "winterbus", not "winter"), then the first in order."""
        if self._leading is None:
            best: dict[str, tuple[int, int, str]] = {}
            for key, family in self.family_of.items():
                rank = (-self.share.get(key, 0), -len(key), key)
                if family not in best or rank < best[family]:
                    best[family] = rank
            self._leading = {family: rank[2] for family, rank in best.items()}
        return self._leading

    def acronym(self, phrase: tuple[str, ...]) -> bool:
        """Whether a one-word phrase is an acronym people write in capitals ("OZB", "KFC", "OCMW"): in
        capitals in most of its uses and in two at least, leaving out runs of shouting ("KAMPIOENEN OLE
        OLE")."""
        if len(phrase) != 1:
            return False
        capitals = self.capitals.get(phrase[0], 0)
        return capitals >= 2 and 2 * capitals > sum(self.shapes.get(phrase[0], {}).values())

    def bare_edge(self, tokens: Sequence[Token], is_name: Callable[[str], bool]) -> bool:
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


def read_pool(texts: Sequence[tuple[str, str | None]], reader: WordReader,
              background: frozenset[str]) -> Pool:
    """The candidate phrases of a topic's posts (``texts``: each post's text and language) and what is
    known of their words; a phrase holding a ``background`` word (the town's) is no candidate."""
    pool_reader = _PoolReader(Pool(len(texts), background), reader)
    for text, lang in texts:
        pool_reader.read_post(text, lang)
    return pool_reader.finished()


class _PoolReader:
    """Reads a topic's posts one by one into a :class:`Pool`, keeping the phrases that hold a background
    word (never candidates) and how the names holding the town's are written."""

    def __init__(self, pool: Pool, reader: WordReader) -> None:
        self.pool = pool
        self.reader = reader
        self.banned: set[tuple[str, ...]] = set()
        self.named_uses: dict[tuple[str, ...], int] = {}   # a name holding the town's: uses written as a name
        self.other_uses: dict[tuple[str, ...], int] = {}
        self.written: dict[tuple[str, ...], tuple[str, str]] = {}

    def read_post(self, text: str, lang: str | None) -> None:
        """One post: its words and phrases, then what counts once per post (keys, families, phrases)."""
        pool = self.pool
        keys_here: set[str] = set()
        families_here: set[str] = set()
        phrases_here: set[tuple[str, ...]] = set()
        cut: list[list[Token]] = []
        for run in segments(text, lang, self.reader, pool.runs, cut):
            _read_words(pool, run, lang, keys_here, families_here)
            for i, j in phrases(run):
                key = self._read_phrase(run, i, j)
                if key is not None:
                    phrases_here.add(key)
        pool.cut_short.update((id(run), run) for run in cut)
        share = pool.share
        for k in keys_here:
            share[k] = share.get(k, 0) + 1
        for family in families_here:
            pool.families[family] = pool.families.get(family, 0) + 1
        post_count = pool.post_count
        for key in phrases_here - self.banned:
            post_count[key] = post_count.get(key, 0) + 1

    def _read_phrase(self, run: list[Token], i: int, j: int) -> tuple[str, ...] | None:
        """The phrase ``run[i:j]`` as a candidate (first use kept, uses remembered): its folded words, or
        None when it holds a background word (banned in every language from then on)."""
        toks = tuple(run[i:j])
        key = tuple(fold(t.text) for t in toks)
        pool = self.pool
        background = pool.background
        held = [t for t in toks if t.key is not None and t.key in background]
        if held and _town_named(toks, held):     # "KFC Lindeveld": a club's name, the town's in it
            self._count_town_name(run, i, toks, key)
        banned = self.banned
        if key in banned:
            return None
        found, uses = pool.found, pool.uses
        seen = found.get(key)
        if held:
            banned.add(key)          # background in one language's words is background in all
            if seen is not None:
                del found[key], uses[key]
                pool.post_count.pop(key, None)
            return None
        if seen is None:
            content = tuple(t.key for t in toks if t.key is not None)
            found[key] = (toks, content)
            uses[key] = []
        elif seen[0][0].first and not toks[0].first:
            found[key] = (toks, seen[1])
        if len(uses[key]) < MAX_USES:
            uses[key].append((run, i, j))
        return key

    def _count_town_name(self, run: list[Token], i: int, toks: tuple[Token, ...],
                         key: tuple[str, ...]) -> None:
        """Count a use of a name holding the town's: written as a name (not after a capitalised
        article), or otherwise."""
        if _written_as_name(toks) and not (i and fold(run[i - 1].text) in ARTICLES
                                           and run[i - 1].text[:1].isupper()):
            self.named_uses[key] = self.named_uses.get(key, 0) + 1
            self.written[key] = (toks[0].text, toks[1].text)
        else:
            self.other_uses[key] = self.other_uses.get(key, 0) + 1

    def finished(self) -> Pool:
        """The pool, with the names holding the town's that are written so in most uses."""
        pool = self.pool
        for key, named in sorted(self.named_uses.items()):
            if (named >= TOWN_NAMED_USES and named >= self.other_uses.get(key, 0)
                    and key[0] not in pool.town_named):
                pool.town_named[key[0]] = self.written[key]
        return pool


def _read_words(pool: Pool, run: list[Token], lang: str | None, keys_here: set[str],
                families_here: set[str]) -> None:
    """Each word of a run into the pool: its capitals, whether it is used as a noun, how it is written
    (anywhere, and inside a sentence), its key, language and family; the post's keys and families into
    ``keys_here`` and ``families_here``."""
    shouting = _shouting(run)
    forms = pool.forms
    for at, tok in enumerate(run):
        folded = fold(tok.text)
        if not shouting and tok.key is not None and _in_capitals(tok.text):
            pool.capitals[folded] = pool.capitals.get(folded, 0) + 1
        if tok.key is not None and nominal_at(run, at):
            pool.nominal.add(tok.key)
        shape = pool.shapes.setdefault(folded, {})
        shape[tok.text] = shape.get(tok.text, 0) + 1
        if tok.key is not None:
            keys_here.add(tok.key)
            if lang in (None, "nl"):
                pool.dutch.add(tok.key)
            pool.key_of.setdefault(folded, tok.key)
            family = word_family(folded)
            if family is not None:
                families_here.add(family)
                pool.family_of.setdefault(tok.key, family)
        if not tok.first:
            f = forms.setdefault(folded, {})
            f[tok.text] = f.get(tok.text, 0) + 1


def _town_named(toks: Sequence[Token], held: Sequence[Token]) -> bool:
    """Whether a phrase could be a name that holds the town's: two words, the second the background
    word (the town's name: "KFC Lindeveld", "Sporting Oosterbeke"), the first no street's or place's
    ("Kanaalstraat Brugwaarde" is a street and its town; the caller: nor a name after its capitalised
    article, "De Zeester Brugwaarde")."""
    first = fold(toks[0].text)
    return (len(toks) == 2 and list(held) == [toks[1]] and toks[0].key is not None
            and not any(first.endswith(p) for p in PLACE_ENDINGS))


def _written_as_name(toks: Sequence[Token]) -> bool:
    """Whether this use writes the two words as a name: each with a capital, the first not at a
    sentence's start unless it is an acronym in capitals ("KFC")."""
    first, second = toks
    return (second.text[:1].isupper() and first.text[:1].isupper()
            and (not first.first or _in_capitals(first.text)))


def _in_capitals(word: str) -> bool:
    """Whether a word is written as an acronym: in capitals, 2 to ACRONYM_LENGTH letters."""
    return word.isupper() and 1 < len(word) <= ACRONYM_LENGTH


def _shouting(run: Sequence[Token]) -> bool:
    """Whether a run of words is written in capitals throughout (three content words or more, most of
    them in capitals): its capitals say nothing of acronyms."""
    content = [t.text for t in run if t.key is not None]
    return len(content) >= 3 and 2 * sum(w.isupper() and len(w) > 1 for w in content) > len(content)


def written_in(words: tuple[str, ...], pool: Pool) -> bool:
    """Whether the words occur in this order, next to each other, in one of the topic's clauses."""
    if words in pool.found:
        return True
    size = len(words)
    for run in pool.runs:
        folded = [fold(t.text) for t in run]
        if any(tuple(folded[i:i + size]) == words for i in range(len(folded) - size + 1)):
            return True
    return False

def capitalised(tok: Token, pool: Pool) -> bool:
    """Whether people write this small word with a capital inside a sentence ("De" of "De Lijn")."""
    seen = pool.forms.get(fold(tok.text), {})
    capital = sum(k for f, k in seen.items() if f[:1].isupper())
    return capital >= 2 and capital >= 0.6 * sum(seen.values())


def written_key(phrase: tuple[str, ...]) -> str:
    return " ".join(phrase)
