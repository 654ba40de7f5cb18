"""Names from whole clauses people wrote: a headline-like line, the clause a topic's posts write most."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from newsroom.analysis.name_pool import KEEP_SHARE, MAX_NAME_WORDS, Pool
from newsroom.analysis.name_tokens import NAME_LINKERS, WORD, Token
from newsroom.analysis.name_writing import write_phrase
from newsroom.analysis.subject_words import judges
from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.topic_words import WordReader
from newsroom.analysis.words import ARTICLES, fold

#: A headline-like line is this many words long (small words included).
HEADLINE_WORDS = (4, 8)
#: ... and at most this many characters (two lines of a tile's title).
HEADLINE_CHARS = 52
#: ... and holds another word weighing this share of the subject's.
HEADLINE_WORD = 0.3
#: Words of someone's own voice: a line holding one is no headline.
OWN_VOICE = frozenset(("ik", "je", "jij", "jullie", "we", "wij", "mijn", "m'n", "onze", "ons", "uw", "i",
                       "you", "my", "our", "your", "tu", "nous", "vous", "mon", "ma", "mes", "notre", "nos",
                       "votre"))


def most_written(pool: Pool, reader: WordReader) -> str:
    """A topic whose words are all background (the searches' own, the town's) is named by the short
    clause its posts write most ("Zwemverbod in de Berkhofplas" when "zwemverbod" is the search); ""
    when it has none."""
    counts: dict[tuple[str, ...], tuple[int, tuple[Token, ...]]] = {}
    for run in pool.runs:
        if len(run) <= MAX_NAME_WORDS and any(t.key is not None and t.key not in STOP_WORDS for t in run):
            key = tuple(fold(t.text) for t in run)
            seen = counts.get(key)
            counts[key] = (1 + (seen[0] if seen else 0), seen[1] if seen else tuple(run))
    if not counts:
        return ""
    best = max(counts, key=lambda k: (counts[k][0], -len(k), k))
    return write_phrase(counts[best][1], reader, pool.forms, pool.shapes)

def headline(key: str, pool: Pool, weight: Callable[[str], float],
             is_name: Callable[[str], bool], previous: str = "",
             also: tuple[str, ...] = ()) -> tuple[Token, ...] | None:
    """A short line someone wrote like a headline that holds ``key`` with other words of the topic:
    a clause starting a sentence with a capital, HEADLINE_WORDS long once the town's name (background)
    is left out, in no one's own voice (no "ik", "je", "we"), scored by the weight of its words; None
    when there is none ("Hond" -> "Politie redt hond uit snikhete auto bij supermarkt"). The
    ``previous`` name stays while it is such a line and scores KEEP_SHARE of the best. With ``also`` (a
    place's keys) the line holds them too ("Brand in woning aan de Kanaalweg" rather than the subject
    and the place glued: "Brand Kanaalweg")."""
    lo, hi = HEADLINE_WORDS
    best: tuple[float, tuple[str, ...], tuple[Token, ...]] | None = None
    kept: tuple[float, tuple[Token, ...]] | None = None
    before = tuple(WORD.findall(fold(previous)))
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
                or any(fold(t.text) in OWN_VOICE for t in toks) or reacts(toks, pool):
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


#: After a word that judges, these open what it judges: "Goed dat ze oefenen", "Dommage que ..."
_JUDGED = frozenset(("dat", "that", "que", "qu"))


def reacts(toks: Sequence[Token], pool: Pool) -> bool:
    """Whether a clause is how someone took the story, not what it is: a word that judges
    (:func:`judges`) before "dat" ("Goed dat ze oefenen", "Jammer dat de markt niet doorgaat") or
    before one noun of the posts ("Eindelijk foor", "Fijne carnaval": the noun alone names it; "Vlot
    geregeld" stays when nothing else does)."""
    if not judges(toks[0].text) or len(toks) < 2:
        return False
    if len(toks) == 2:
        return toks[1].key is not None and toks[1].key in pool.nominal
    return fold(toks[1].text).rstrip("'’") in _JUDGED


def clause_with(key: str, pool: Pool) -> tuple[Token, ...] | None:
    """The last resort for a single word that says little ("Zoek", "Terug"): the short clause holding it
    that the topic's posts write most (two to MAX_NAME_WORDS words once the town's name is left out,
    ending on a content word, in no one's own voice); None when there is none."""
    counts: dict[tuple[str, ...], tuple[int, tuple[Token, ...]]] = {}
    for run in pool.runs:
        if all(t.key != key for t in run):
            continue
        toks = _without_town(run, pool.background)
        if toks is None or not 2 <= len(toks) <= MAX_NAME_WORDS or toks[-1].key is None \
                or toks[-1].key in STOP_WORDS or any(fold(t.text) in OWN_VOICE for t in toks) \
                or reacts(toks, pool):
            continue
        if toks[0].key is None and fold(toks[0].text) in NAME_LINKERS - ARTICLES and toks[0].text.islower():
            continue                  # a preposition's tail: "voor de brandweer" ("Chapeau voor de ...")
        words = tuple(fold(t.text) for t in toks)
        seen = counts.get(words)
        counts[words] = (1 + (seen[0] if seen else 0), seen[1] if seen else toks)
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k][0], -len(k), k))
    return counts[best][1]


def _without_town(run: Sequence[Token], background: frozenset[str]) -> tuple[Token, ...] | None:
    """The clause without its background names ("Politie Dommelroode redt hond" -> "Politie redt hond",
    "Storm richt schade aan in Lindeveld" -> "Storm richt schade aan"); None when leaving one out would
    break the sentence ("tussen Dommelroode en Eindhoven")."""
    out: list[Token] = []
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
