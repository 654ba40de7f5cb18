"""One event, one place: the topics that burst with an alerted topic become sub-stories of its tile.

A storm is told in many voices: damage in one street, a fallen roof, the emergency number, the French
posts. The clusterer and the wall's story grouping (``topic_stories``) join what shares words; what is
left are fragments that share the moment rather than the words. During an alert, a topic joins the
alerted topic's event when it was born with it: most of its last 24 h came after the spike started
(minus a margin), it has a few mentions since, and it either shares a word with the alerted topic or
is mostly negative. The other stories of the day keep their own tiles.

Pure and deterministic: the same topics and alerts give the same events (ties go to the lower id).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from newsroom.domain import Series, SpikeAlert, SubStory, TermWeight, Topic

#: a fragment may form a little before the detector is sure
MARGIN = timedelta(minutes=30)
#: at least this many mentions since the event started
MIN_RECENT = 5
#: at least this share of the topic's last 24 h falls after the event started ...
MIN_BORN_WITH = 0.6
#: ... and either a shared word, or at least this share negative since the start (then born with it
#: almost entirely: MIN_BORN_STRICT)
MIN_NEGATIVE = 0.6
MIN_BORN_STRICT = 0.8
#: words shorter than this never make two topics one event
MIN_WORD = 4
#: how many cloud terms the event's tile keeps
MAX_TERMS = 14


@dataclass(frozen=True, slots=True)
class EventAnchor:
    """An alerted topic and when its spike started."""

    topic_id: int
    started: datetime
    #: the alert that makes it an event (carried along for the crisis view)
    alert: SpikeAlert | None = None


def _split(series: Series, since: datetime) -> tuple[float, float]:
    """(sum of the buckets that start at or after ``since``, sum of the earlier ones)."""
    offset = (since - series.start).total_seconds() // series.step_s
    cut = int(min(max(offset, 0), len(series.values)))
    return sum(series.values[cut:]), sum(series.values[:cut])


def _words(topic: Topic) -> set[str]:
    words: set[str] = set()
    for term in topic.terms:
        for word in term.term.lower().replace("#", " ").split():
            if len(word) >= MIN_WORD:
                words.add(word)
    for word in topic.label.lower().split():
        if len(word) >= MIN_WORD:
            words.add(word)
    return words


def belongs(candidate: Topic, anchor: Topic, started: datetime) -> bool:
    """True when ``candidate`` burst with ``anchor``'s event (see the module docstring)."""
    since = started - MARGIN
    recent, before = _split(candidate.volume, since)
    if recent < MIN_RECENT:
        return False
    born_with = recent / (recent + before)
    if born_with < MIN_BORN_WITH:
        return False
    if _words(candidate) & _words(anchor):
        return True
    negative_recent, _ = _split(candidate.negative, since)
    return negative_recent / recent >= MIN_NEGATIVE and born_with >= MIN_BORN_STRICT


def _sum(series: Sequence[Series]) -> Series:
    first = series[0]
    n = len(first.values)
    values = [sum(s.values[i] for s in series if len(s.values) == n) for i in range(n)]
    return Series(first.start, first.step_s, tuple(values))


def _band_sum(parts: Sequence[tuple[float, ...]]) -> tuple[float, ...]:
    n = len(parts[0])
    if not n or any(len(p) != n for p in parts):
        return parts[0]
    return tuple(sum(p[i] for p in parts) for i in range(n))


def _terms(parts: Sequence[Topic]) -> tuple[TermWeight, ...]:
    """The parts' cloud terms by summed weight (sentiment weighted by weight); the anchor's first on ties."""
    weight: dict[str, float] = {}
    mood: dict[str, float] = {}
    order: dict[str, int] = {}
    for part in parts:
        for term in part.terms:
            key = term.term
            order.setdefault(key, len(order))
            weight[key] = weight.get(key, 0.0) + term.weight
            mood[key] = mood.get(key, 0.0) + term.sentiment * term.weight
    ranked = sorted(weight, key=lambda k: (-weight[k], order[k]))[:MAX_TERMS]
    return tuple(TermWeight(k, weight[k], mood[k] / weight[k] if weight[k] else 0.0) for k in ranked)


def sub_story(topic: Topic) -> SubStory:
    """What the event lists of one of its topics."""
    return SubStory(topic.id, topic.label, topic.size, topic.per_hour, topic.share_negative)


def merge_event(anchor: Topic, members: Sequence[Topic]) -> Topic:
    """The anchor's tile for the whole event: summed counts and series, merged cloud, sub-stories."""
    if not members:
        return anchor
    parts = [anchor, *members]
    size = sum(p.size for p in parts)
    negative = sum(p.share_negative * p.size for p in parts)
    ordered = [anchor, *sorted(members, key=lambda t: (-t.size, -t.per_hour, t.id))]
    return replace(
        anchor,
        terms=_terms(parts),
        volume=_sum([p.volume for p in parts]),
        negative=_sum([p.negative for p in parts]),
        size=size,
        share_negative=negative / size if size else 0.0,
        first_seen=min(p.first_seen for p in parts),
        last_seen=max(p.last_seen for p in parts),
        baseline_low=_band_sum([p.baseline_low for p in parts]),
        baseline_high=_band_sum([p.baseline_high for p in parts]),
        per_hour=sum(p.per_hour for p in parts),
        searches=tuple(sorted({s for p in parts for s in p.searches})),
        substories=tuple(sub_story(p) for p in ordered),
    )


def group_events(topics: Sequence[Topic], anchors: Sequence[EventAnchor],
                 joined: Mapping[int, Collection[int]] | None = None) -> list[Topic]:
    """``topics`` with each anchor's event as one topic (in the anchor's place) and its members removed.

    Anchors are taken in the order given (most severe first); a topic joins the first event it belongs
    to; an anchor never joins another event. Topics keep their order otherwise. ``joined`` (anchor id ->
    topic ids that were its members before) keeps a member in its event while the alert lasts, so that a
    fragment near a bar does not come and go between two snapshots.
    """
    joined = joined or {}
    by_id = {t.id: t for t in topics}
    anchor_ids = {a.topic_id for a in anchors}
    taken: dict[int, int] = {}  # member id -> anchor id
    members: dict[int, list[Topic]] = {}
    for a in anchors:
        anchor = by_id.get(a.topic_id)
        if anchor is None or a.topic_id in taken:
            continue
        before = joined.get(a.topic_id, ())
        found = [t for t in sorted(topics, key=lambda t: t.id)
                 if t.id not in anchor_ids and t.id not in taken
                 and (t.id in before or belongs(t, anchor, a.started))]
        for t in found:
            taken[t.id] = a.topic_id
        members[a.topic_id] = found
    out: list[Topic] = []
    for t in topics:
        if t.id in taken:
            continue
        out.append(merge_event(t, members[t.id]) if members.get(t.id) else t)
    return out
