"""py3langid's ranking of many texts at once, the same numbers as its ``rank`` one text at a time.

The identifier counts byte n-gram features by walking a DFA over a text's bytes, one Python step per
byte (a third of its time). Here the walk is done for a whole batch with numpy: the DFA's state after
a byte is the longest suffix of the bytes read so far that starts a feature, so it depends only on
the last few bytes, and each position's state is found by walking from the start state over the
WINDOW bytes that end there (fewer at a text's start). Every state is then checked against the one
before it (``state == move(previous state, byte)``): when all agree, each equals what the sequential
walk finds (by induction from the text's first byte); when any does not (a model with longer features),
the batch is walked byte by byte as the identifier does. What follows the counting, the per-text
scoring in float32, is the identifier's own code path, called per text.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

import numpy as np

#: bytes walked for each position (the shipped model's longest feature path is 6)
WINDOW = 6
#: what this module reads of the identifier (py3langid 0.3-0.4); without them texts are ranked one by one
_NEEDS = ("tk_nextmove", "_rowbase", "tk_output", "_encode", "_sparse_score", "nb_ptc", "nb_classes",
          "_norm_probs", "_alias_pairs")


class BatchRanker:
    """Ranks texts as ``identifier.rank`` does, a batch at a time."""

    def __init__(self, identifier: Any, window: int = WINDOW) -> None:
        self.identifier = identifier
        self.window = window
        #: texts walked byte by byte because the window was too short for them
        self.walked = 0
        self.fast = all(hasattr(identifier, name) for name in _NEEDS) and identifier.tk_nextmove.itemsize == 4
        if self.fast:
            self._move = np.frombuffer(identifier.tk_nextmove, dtype=np.uint32)  # the table itself, no copy
            self._row = np.asarray(identifier._rowbase, dtype=np.uint32)
            self._out = np.asarray(identifier.tk_output, dtype=np.int32)

    def rank(self, texts: Sequence[str]) -> list[list[tuple[str, float]]]:
        """``identifier.rank(text)`` of each text."""
        ident = self.identifier
        if not self.fast or not texts:
            return [ident.rank(t) for t in texts]
        encoded = [ident._encode(t) for t in texts]
        return [self._ranked(e, c) for e, c in zip(encoded, self.counts(encoded), strict=True)]

    def counts(self, encoded: Sequence[bytes]) -> list[Counter[int] | None]:
        """The feature counts of each text's bytes, as py3langid's ``visit_counts`` gives them."""
        lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        total = int(lengths.sum())
        if total == 0:
            return [None] * len(encoded)
        data = np.frombuffer(b"".join(encoded), dtype=np.uint8).astype(np.uint32)
        starts = np.cumsum(lengths) - lengths
        at = np.arange(total, dtype=np.int64)
        pos = at - np.repeat(starts, lengths)  # each byte's place in its own text
        move, row = self._move, self._row
        state = np.zeros(total, dtype=np.uint32)
        for back in range(self.window - 1, -1, -1):
            inside = pos >= back
            byte = data[np.maximum(at - back, 0)]
            state = np.where(inside, move[row[state] + byte], state)
        before = np.empty_like(state)
        before[0] = 0
        before[1:] = state[:-1]
        before[pos == 0] = 0
        if not np.array_equal(move[row[before] + data], state):  # a feature longer than the window
            self.walked += len(encoded)
            return [self._walk(e) for e in encoded]
        features = self._out[state]
        found = features >= 0
        kept = features[found].tolist()
        before_text = np.concatenate(([0], np.cumsum(found)))[starts].tolist()  # features before each text
        out: list[Counter[int] | None] = []
        for first, last in zip(before_text, [*before_text[1:], len(kept)], strict=True):
            out.append(Counter(kept[first:last]) if last > first else None)
        return out

    def _walk(self, text: bytes) -> Counter[int] | None:
        """py3langid's walk, one byte at a time."""
        ident = self.identifier
        nm, rowbase, output = ident.tk_nextmove, ident._rowbase, ident.tk_output
        state, found = 0, []
        for letter in text:
            state = nm[rowbase[state] + letter]
            if output[state] >= 0:
                found.append(output[state])
        return Counter(found) if found else None

    def _ranked(self, text: bytes, visits: Counter[int] | None) -> list[tuple[str, float]]:
        """The identifier's ``rank`` from the counts of ``text`` (its ``_decide`` after the walk)."""
        ident = self.identifier
        if visits:
            scores = ident._sparse_score(visits, ident.nb_ptc)
        else:
            scores = np.full(len(ident.nb_classes), 0.0 if ident._norm_probs else np.finfo(np.float32).min,
                             dtype=np.float32)
        if ident._norm_probs:
            scores *= 1.0 / math.sqrt(len(text) or 1)
            np.exp(scores - scores.max(), out=scores)
            scores /= scores.sum()
        for i, j in ident._alias_pairs:
            if ident._norm_probs:
                scores[i] += scores[j]
                scores[j] = 0.0
            else:
                scores[i] = max(scores[i], scores[j])
                scores[j] = np.finfo(np.float32).min
        merged: dict[str, float] = {}
        for lang, score in zip(ident.nb_classes, scores.tolist(), strict=True):
            merged.setdefault(lang, score)
        return sorted(merged.items(), key=itemgetter(1), reverse=True)
