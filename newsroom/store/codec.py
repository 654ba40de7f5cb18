"""JSON (de)serialisation of the dataclasses the store keeps as records."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from newsroom.domain import AlertScope, AlertState, SourceHealth, SpikeAlert, TermWeight, TopicState


def _t(dt: datetime | None) -> float | None:
    return dt.timestamp() if dt is not None else None


def _dt(value: Any) -> datetime | None:
    return datetime.fromtimestamp(float(value), UTC) if value is not None else None


def alert_to_json(a: SpikeAlert) -> str:
    """JSON text of an alert."""
    return json.dumps({
        "id": a.id, "scope": a.scope.value, "key": a.key, "title": a.title, "state": a.state.value,
        "severity": a.severity, "started": _t(a.started), "updated": _t(a.updated),
        "window_min": a.window_min, "observed": a.observed, "expected": a.expected,
        "spread": a.spread, "score": a.score, "top_terms": list(a.top_terms),
        "mention_ids": list(a.mention_ids), "first_seen": _t(a.first_seen),
        "acknowledged_by": a.acknowledged_by, "acknowledged_at": _t(a.acknowledged_at),
        "resolved_at": _t(a.resolved_at), "weekday": a.weekday, "hour": a.hour,
    }, ensure_ascii=False)


def alert_from_json(text: str) -> SpikeAlert:
    """An alert from its JSON text."""
    d = json.loads(text)
    started = _dt(d["started"])
    updated = _dt(d["updated"])
    if started is None or updated is None:
        raise ValueError("an alert record without start or update time")
    return SpikeAlert(
        id=d["id"], scope=AlertScope(d["scope"]), key=d["key"], title=d["title"],
        state=AlertState(d["state"]), severity=int(d["severity"]), started=started,
        updated=updated, window_min=int(d["window_min"]), observed=int(d["observed"]),
        expected=float(d["expected"]), spread=float(d["spread"]), score=float(d["score"]),
        top_terms=tuple(d.get("top_terms", ())), mention_ids=tuple(d.get("mention_ids", ())),
        first_seen=_dt(d.get("first_seen")), acknowledged_by=d.get("acknowledged_by"),
        acknowledged_at=_dt(d.get("acknowledged_at")), resolved_at=_dt(d.get("resolved_at")),
        weekday=int(d.get("weekday", 0)), hour=int(d.get("hour", 0)),
    )


def health_to_json(h: SourceHealth) -> str:
    """JSON text of a source's health."""
    return json.dumps({
        "source": h.source, "title": h.title, "last_success": _t(h.last_success),
        "last_error": h.last_error, "last_error_at": _t(h.last_error_at),
        "items_last_poll": h.items_last_poll, "consecutive_failures": h.consecutive_failures,
        "next_poll": _t(h.next_poll), "last_error_code": h.last_error_code,
        "last_error_status": h.last_error_status,
    }, ensure_ascii=False)


def health_from_json(text: str) -> SourceHealth:
    """A source's health from its JSON text."""
    d = json.loads(text)
    return SourceHealth(
        source=d["source"], title=d.get("title", d["source"]),
        last_success=_dt(d.get("last_success")), last_error=d.get("last_error"),
        last_error_at=_dt(d.get("last_error_at")), items_last_poll=int(d.get("items_last_poll", 0)),
        consecutive_failures=int(d.get("consecutive_failures", 0)), next_poll=_dt(d.get("next_poll")),
        last_error_code=d.get("last_error_code"), last_error_status=d.get("last_error_status"),
    )


def topic_to_json(t: TopicState) -> str:
    """JSON text of a live topic as the wall shows it (terms as [term, weight, sentiment, negative share])."""
    return json.dumps({
        "id": t.id, "label": t.label, "size": t.size, "negative": t.negative,
        "first_seen": _t(t.first_seen), "last_seen": _t(t.last_seen),
        "terms": [[w.term, w.weight, w.sentiment, w.negative_share] for w in t.terms],
        "representative_ids": list(t.representative_ids),
    }, ensure_ascii=False)


def topic_from_json(text: str) -> TopicState:
    """A live topic from its JSON text."""
    d = json.loads(text)
    first, last = _dt(d["first_seen"]), _dt(d["last_seen"])
    if first is None or last is None:
        raise ValueError("a topic record without first or last time")
    return TopicState(
        id=int(d["id"]), label=str(d["label"]), size=int(d["size"]), negative=int(d["negative"]),
        first_seen=first, last_seen=last,
        terms=tuple(TermWeight(str(w[0]), float(w[1]), float(w[2]), None if w[3] is None else float(w[3]))
                    for w in d.get("terms", ())),
        representative_ids=tuple(str(i) for i in d.get("representative_ids", ())),
    )
