"""A phrase written as people write it: names with their capital, acronyms in capitals, other words
lower case, a capital first."""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.analysis.name_tokens import Token
from newsroom.analysis.topic_words import WordReader
from newsroom.analysis.words import fold

#: A word written in capitals is an acronym ("KFC", "OCMW") up to this length, else shouting.
ACRONYM_LENGTH = 5


def write_phrase(tokens: Sequence[Token], reader: WordReader, forms: dict[str, dict[str, int]],
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
