"""Word families: the words of a topic that one general word starts, counted together for its name.

People write one subject in several words: "hitte", "hitteplan" and "hittegolf"; "griepprik",
"griepvaccin" and "griepvaccinatie"; "sluikstort", "sluikstorten" and "sluikstorter". Counted apart, no
one of them outweighs a frequent word of another kind ("Zwembad Vaartpark" for a heat wave, "Vlot
geregeld" for the flu jabs). The family is the general lexicon's (``lexicons/concepts.tsv``) word
starts ("hitte*", "griep*", "sluikstort*") of FAMILY_MIN letters at least: a word belongs to the
family of the shortest such start it begins with. A word that ends like a street or place's name has
no family ("Kerkstraat" is no word of "kerk*"). Written from general knowledge, not from any stream.
"""

from __future__ import annotations

from functools import lru_cache

from newsroom.analysis.topic_concepts import PLACE_ENDINGS, municipal_lexicon

#: The shortest word start that makes a family ("bus" or "zon" would gather unrelated words).
FAMILY_MIN = 5


@lru_cache(maxsize=20_000)
def word_family(folded: str) -> str | None:
    """The family of a folded word: the shortest word start of the lexicon (FAMILY_MIN letters at
    least) it begins with, or None."""
    if any(folded.endswith(p) and len(folded) > len(p) + 2 for p in PLACE_ENDINGS):
        return None
    starts = municipal_lexicon().starts
    for size in range(FAMILY_MIN, len(folded) + 1):
        if folded[:size] in starts:
            return folded[:size]
    return None
