"""One token's score on its own (the word, its hashtag, its last part, its compound head, its accents),
and the tokens that may intensify or tone down the next one."""

from __future__ import annotations

from newsroom.analysis.sentiment_lexicon import Lexicon, compound_score
from newsroom.analysis.sentiment_rules import Rules


def word_score(lex: Lexicon, tok: str) -> float | None:
    """Score of one lower-cased token on its own: the word, a hashtag's word, the last part of a
    hyphenated word, a Dutch compound's head, or the accented word typed without accents."""
    score = lex.words.get(tok)
    if score is None and tok[:1] == "#":
        score = lex.words.get(tok[1:])
    if score is None and "-" in tok:  # "gas-boete", "bijna-ongelukken": the last part
        score = lex.words.get(tok.rsplit("-", 1)[1])
    if score is None and tok.isalpha():
        score = compound_score(lex, tok)
        if score is None and tok.isascii():
            score = lex.plain.get(tok)
    return score


def modifier_words(rules: Rules, lex: Lexicon) -> frozenset[str]:
    """The tokens that may be an intensifier or a downtoner (``SentimentPass._modifier`` finds None for any
    other, so the pass asks only about these)."""
    return frozenset({"wat", *rules.intensifiers, *rules.downtoners, *rules.flex, *lex.boosts})
