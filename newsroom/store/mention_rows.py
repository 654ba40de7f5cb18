"""A mention as a row of the ``mentions`` table and back, and the counts it adds to."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from newsroom.domain import Mention, Polarity, Sentiment

#: joins the names of a mention's searches (and flags) in one column
SEP = "\x1f"
COLUMNS = (
    "id, source, url, canonical_url, author, title, text, published, lang, searches, "
    "sentiment_label, sentiment_score, sentiment_confidence, topic, engagement, duplicate_of, flags, "
    "reply_to"
)
#: how many columns a row has
WIDTH = COLUMNS.count(",") + 1
#: where ``published`` is in a row of ``COLUMNS``
PUBLISHED = 7


def mention_row(m: Mention) -> tuple[object, ...]:
    """The row of ``m`` in the order of :data:`COLUMNS`."""
    s = m.sentiment
    return (
        m.id, m.source, m.url, m.canonical_url, m.author, m.title, m.text,
        int(m.published.timestamp()), m.lang, SEP.join(m.searches),
        s.label.value if s else None, s.score if s else None, s.confidence if s else None,
        m.topic, m.engagement, m.duplicate_of, SEP.join(m.flags), m.reply_to,
    )


def row_mention(r: Sequence[object]) -> Mention:
    """The mention of a row read in the order of :data:`COLUMNS`."""
    label, score, conf = r[10], r[11], r[12]
    sentiment = None
    if label is not None:
        sentiment = Sentiment(Polarity(str(label)), float(score or 0.0), float(conf or 0.0))  # type: ignore[arg-type]
    return Mention(
        id=str(r[0]), source=str(r[1]), url=str(r[2]), canonical_url=str(r[3]), author=str(r[4]),
        title=str(r[5]), text=str(r[6]), published=datetime.fromtimestamp(int(r[7]), UTC),  # type: ignore[call-overload]
        lang=str(r[8]) if r[8] is not None else None,
        searches=tuple(s for s in str(r[9]).split(SEP) if s),
        sentiment=sentiment, topic=int(r[13]) if r[13] is not None else None,  # type: ignore[call-overload]
        engagement=int(r[14] or 0),  # type: ignore[call-overload]
        duplicate_of=str(r[15]) if r[15] is not None else None,
        flags=tuple(f for f in str(r[16] or "").split(SEP) if f),
        reply_to=str(r[17]) if r[17] is not None else None,
    )


def count_keys(m: Mention) -> list[tuple[str, str]]:
    """The (scope, key) pairs whose per-minute counts ``m`` adds to: the wall, each search, its topic."""
    keys = [("wall", "wall")] + [("search", s) for s in m.searches]
    if m.topic is not None:
        keys.append(("topic", str(m.topic)))
    return keys
