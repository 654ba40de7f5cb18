"""A batch of texts ranked at once (numpy's walk over their bytes) gets py3langid's own numbers, text
by text, and detect_languages what detect_language finds for each."""

from __future__ import annotations

import random

from newsroom.analysis.language import _identifier, _ranker, detect_language, detect_languages
from newsroom.analysis.language_batch import BatchRanker

POSTS = ["De brug aan de Kanaalweg is weer dicht, schandalig!", "Trees down everywhere after the storm",
         "Toujours pas d'électricité dans le quartier nord", "Der Bürgermeister ist heute nicht da",
         "Amai wat een zever https://t.co/abc #lindeveld @stad", "ok", "", "👍👍👍", "ÉÉN GROTE BRAND",
         "x" * 3000, "ŉ\u0301ǰ\u0323 ΣΑΣ 한국어 ﬁets ½ ①", "   ", "a\nb\nc\nd e f", "De"]


def _texts(n: int) -> list[str]:
    rng = random.Random(16)
    out = list(POSTS)
    words = " ".join(POSTS).split()
    for _ in range(n):
        if rng.random() < 0.5:
            out.append(" ".join(rng.choice(words) for _ in range(rng.randrange(0, 25))))
        else:
            out.append("".join(chr(rng.choice([rng.randrange(32, 0x250), rng.randrange(0x370, 0x3000),
                                               rng.randrange(0x1F300, 0x1F650)]))
                               for _ in range(rng.randrange(0, 60))))
    return out


def test_a_batch_is_ranked_as_the_identifier_ranks_each_text() -> None:
    texts = _texts(1500)
    ranker = _ranker()
    assert ranker.fast
    assert ranker.rank(texts) == [_identifier().rank(t) for t in texts]
    assert ranker.rank([]) == []
    assert ranker.rank(["", ""]) == [_identifier().rank(""), _identifier().rank("")]


def test_a_window_too_short_for_the_model_is_noticed_and_the_batch_walked_byte_by_byte() -> None:
    texts = _texts(300)
    short = BatchRanker(_identifier(), window=2)  # the model's features need states of up to 6 bytes
    assert short.rank(texts) == [_identifier().rank(t) for t in texts]
    assert short.walked == len(texts)
    assert _ranker().rank(texts) == short.rank(texts) and _ranker().walked == 0


def test_detect_languages_is_detect_language_of_each() -> None:
    texts = _texts(800)
    priors = [(), ("nl",), ("fr", "nl"), ("xx",), ("en",)]
    chosen = [priors[i % len(priors)] for i in range(len(texts))]
    assert detect_languages(texts, chosen) == [detect_language(t, p) for t, p in zip(texts, chosen, strict=True)]
    assert detect_languages([], []) == []
