"""An alert explained in a sentence a mayor understands, in Dutch or English, without Qt.

"48 negatieve berichten in 30 min, normaal 3 ± 2 op een dinsdagnamiddag; vaak genoemd: …; eerst gezien
14:05". Numbers come straight from the alert; times are local wall time.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsroom.domain import AlertState, SpikeAlert
from newsroom.localtime import to_local

DAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
PARTS = {
    "nl": ("nacht", "ochtend", "middag", "namiddag", "avond"),
    "en": ("night", "morning", "midday", "afternoon", "evening"),
}
STATES = {
    "nl": {AlertState.RAISED: "Nieuwe piek", AlertState.ONGOING: "Piek houdt aan",
           AlertState.RESOLVED: "Piek voorbij"},
    "en": {AlertState.RAISED: "New spike", AlertState.ONGOING: "Spike continues",
           AlertState.RESOLVED: "Spike over"},
}

SENTENCES = {
    "nl": {"headline": "{state}: {title} (ernst {severity}/5)", "at_most": "hooguit {}",
           "counts": "{observed} negatieve berichten in {window} min, normaal {normal} {when}.",
           "terms": "Vaak genoemd: {}.", "first": "Eerst gezien om {}.", "seen": "Gezien door {}.",
           "calm": "Weer rustig sinds {}."},
    "en": {"headline": "{state}: {title} (severity {severity}/5)", "at_most": "at most {}",
           "counts": "{observed} negative mentions in {window} min, normally {normal} {when}.",
           "terms": "Top terms: {}.", "first": "First seen {}.", "seen": "Seen by {}.",
           "calm": "Calm again since {}."},
}


@dataclass(frozen=True, slots=True)
class Explanation:
    """What a channel sends: a short headline and a few sentences."""

    headline: str
    body: str
    severity: int
    alert_id: str


def day_part(hour: int) -> int:
    """0 night (0-6), 1 morning (6-11), 2 midday (11-14), 3 afternoon (14-18), 4 evening (18-24)."""
    if hour < 6:
        return 0
    if hour < 11:
        return 1
    if hour < 14:
        return 2
    return 3 if hour < 18 else 4


def when_phrase(weekday: int, hour: int, lang: str) -> str:
    """'op een dinsdagnamiddag' / 'on a Tuesday afternoon'."""
    day, part = DAYS[lang][weekday % 7], PARTS[lang][day_part(hour)]
    return f"op een {day}{part}" if lang == "nl" else f"on a {day} {part}"


def _number(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def explain(alert: SpikeAlert, lang: str = "nl") -> Explanation:
    """Headline and body for ``alert`` in ``lang`` ('nl' or 'en')."""
    lang = lang if lang in DAYS else "nl"
    say = SENTENCES[lang]
    headline = say["headline"].format(state=STATES[lang][alert.state], title=alert.title,
                                      severity=alert.severity)
    normal = f"{_number(alert.expected)} ± {_number(alert.spread)}"
    if alert.spread > alert.expected:  # "2 ± 9" would suggest negative counts: give the usual upper bound
        normal = say["at_most"].format(_number(alert.expected + alert.spread))
    parts = [say["counts"].format(observed=alert.observed, window=alert.window_min, normal=normal,
                                  when=when_phrase(alert.weekday, alert.hour, lang))]
    if alert.top_terms:
        parts.append(say["terms"].format(", ".join(alert.top_terms[:5])))
    parts.append(say["first"].format(to_local(alert.first_seen or alert.started).strftime("%H:%M")))
    if alert.acknowledged_by:
        parts.append(say["seen"].format(alert.acknowledged_by))
    if alert.state is AlertState.RESOLVED and alert.resolved_at:
        parts.append(say["calm"].format(to_local(alert.resolved_at).strftime("%H:%M")))
    return Explanation(headline, " ".join(parts), alert.severity, alert.id)
