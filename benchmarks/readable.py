"""Whether a topic's name reads as its story to a person: the hand-written ``<town>.readable.json``.

Beside a labelled stream, ``<town>.readable.json`` holds, per story, the subject words a newsroom staffer
would want in a title: what happened, or the thing it is about; never only a place or who acts. They were
written from the stories' descriptions and posts before reading our labels (docs/topics.md, twenty-first
pass); the generated towns' names files give the generator's subject words instead (and the words
they start, five letters on: a word family). A label is readable for a story when one of its words is such a word or ends in it (a compound's
head: "woninginbraken" for "inbraken"), or starts with a key written ``x*``; a key with a space is
matched as a phrase. Because the keys name no place and no actor, a readable label is never a bare place,
person or organisation ("Wijk Hoogveld", "Handelaars in de Stationsstraat" are not readable).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsroom.analysis.words import fold

#: A generator's subject word starts a family from this many letters on (as ``name_families``).
FAMILY = 5
_WORDS = re.compile(r"[\w'’-]+", re.UNICODE)


def readable_path(path: Path) -> Path:
    """The readable keys beside a labelled stream."""
    return path.with_suffix("").with_suffix(".readable.json")


def load_readable(path: Path) -> dict[str, list[str]] | None:
    """The subject keys of a stream's stories: its readable file's, else the generator's subject words
    of its names file (``benchmarks/data/towns``: the story kind's words, no place); None when neither."""
    where = readable_path(path)
    if where.is_file():
        data = json.loads(where.read_text(encoding="utf-8"))
        return {story: [fold(k.lower()) for k in keys] for story, keys in data.items() if not story.startswith("_")}
    names = path.with_suffix("").with_suffix(".names.json")
    if not names.is_file():
        return None
    info = json.loads(names.read_text(encoding="utf-8"))
    if not isinstance(info, dict) or not all(isinstance(v, dict) and "subject" in v for v in info.values()):
        return None
    return {story: _family([fold(k.lower()) for k in v["subject"]]) for story, v in info.items()}


def _family(keys: list[str]) -> list[str]:
    """The generator's subject words and, from FAMILY letters on, the words they start ("belasting":
    "belastingverhoging", as the lexicon's word families: docs/topics.md, twentieth pass)."""
    return keys + [k + "*" for k in keys if len(k) >= FAMILY and " " not in k]


def _words(label: str) -> list[str]:
    words = []
    for found in _WORDS.findall(fold(label.lower())):
        word = found.strip("'’-")
        if word:
            words.append(word)
            words.extend(part for part in word.split("-") if part and part != word)
    return words


def is_readable(label: str, keys: list[str]) -> bool:
    """The label holds one of the story's subject keys (see the module's docstring)."""
    words = _words(label)
    phrase = " " + " ".join(_WORDS.findall(fold(label.lower()))) + " "
    for key in keys:
        if " " in key:
            if (" " + key[:-1] if key.endswith("*") else " " + key + " ") in phrase:
                return True
        elif key.endswith("*"):
            if any(w.startswith(key[:-1]) for w in words):
                return True
        elif any(w == key or (len(key) >= 3 and w.endswith(key)) for w in words):
            return True
    return False
