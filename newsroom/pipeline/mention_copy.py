"""A mention with its analysis filled in, copied faster than ``dataclasses.replace`` (the ingest does
this for every mention)."""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter

from newsroom.domain import Mention, Sentiment

_MENTION_FIELDS = tuple(f.name for f in fields(Mention))
_ALL_FIELDS = attrgetter(*_MENTION_FIELDS)
_LANG, _SENTIMENT, _DUPLICATE_OF, _TOPIC = (_MENTION_FIELDS.index(name)
                                            for name in ("lang", "sentiment", "duplicate_of", "topic"))


def analysed_mention(m: Mention, lang: str, sentiment: Sentiment, duplicate_of: str | None,
                     topic: int) -> Mention:
    """``m`` with its language, sentiment, copy and topic: ``dataclasses.replace``, a few times
    faster (every field read at once, each slot set directly)."""
    values = list(_ALL_FIELDS(m))
    values[_LANG], values[_SENTIMENT] = lang, sentiment
    values[_DUPLICATE_OF], values[_TOPIC] = duplicate_of, topic
    if _SLOTS is None:
        return Mention(*values)
    new = _NEW(Mention)
    for put, value in zip(_SLOTS, values, strict=True):
        put(new, value)
    return new


#: the slots' setters, when a Mention is nothing but its fields (no __post_init__): a frozen
#: dataclass's __init__ sets each field through object.__setattr__, most of a copy's cost
_SLOTS = (None if hasattr(Mention, "__post_init__")
          else tuple(getattr(Mention, name).__set__ for name in _MENTION_FIELDS))
_NEW = object.__new__
