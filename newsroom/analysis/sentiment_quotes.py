"""Quotation marks in a text: which tokens stand inside them (a title, a citation, which the pass weighs
less) and whether one word alone is quoted (scare quotes: said with irony)."""

from __future__ import annotations

import re

from newsroom.analysis.sentiment_lexicon import tokenize

#: a text without any of these has no quotation (its tokens are read as they are)
QUOTE_CHARS = frozenset('"«“‘\'')
#: a quotation; single quotes only around words ("noemt het plan 'rampzalig'"), never an apostrophe
#: ("'t", "da's")
QUOTATION = re.compile(r'"[^"\n]{1,300}"|«[^»]{1,300}»|“[^”]{1,300}”|‘[^’\n]{1,300}’'
                       r"|(?<![\w'])'(?![tkns]\b)\w[^'\n]{0,300}?(?<=\w)'(?![\w'])")


def quoted_tokens(text: str) -> tuple[list[str], list[bool]]:
    """Tokens of ``text`` and whether each stands inside quotation marks (a title, a citation)."""
    tokens: list[str] = []
    quoted: list[bool] = []
    at = 0
    for match in QUOTATION.finditer(text):
        before = tokenize(text[at:match.start()])
        inside = tokenize(match.group())
        tokens += before + inside
        quoted += [False] * len(before) + [True] * len(inside)
        at = match.end()
    rest = tokenize(text[at:])
    return tokens + rest, quoted + [False] * len(rest)


def has_scare_quotes(text: str) -> bool:
    """True when one word alone stands in quotation marks ('zo'n nieuwe "fietsstraat"')."""
    return any(len(tokenize(m.group())) == 1 for m in QUOTATION.finditer(text))
