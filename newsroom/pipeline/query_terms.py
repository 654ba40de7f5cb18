"""The words of the searches' queries, kept out of word clouds and topic names (every mention of a
search has them)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable

from newsroom.domain import Search
from newsroom.query import QueryError, parse_query

_QUERY_WORD = re.compile(r"[#@]?[\w-]+", re.UNICODE)
_OPERATORS = {"or", "and", "not"}


def query_terms(searches: Iterable[Search]) -> frozenset[str]:
    """Lower-cased words of the searches' queries (exclusions too), to keep them out of word clouds."""
    words: set[str] = set()
    for s in searches:
        for raw in _QUERY_WORD.findall(s.query.lower()):
            w = raw.lstrip("-#@")
            if w and w not in _OPERATORS:
                words.add(w)
                words.add("#" + w)
        with contextlib.suppress(QueryError):  # the config loader reports unreadable queries
            words.update(t.lower() for t in parse_query(s.query).terms())
    return frozenset(words)
