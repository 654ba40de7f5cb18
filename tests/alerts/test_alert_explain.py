"""The explanation a mayor reads: the numbers of the alert, in wall time, in Dutch or English."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from newsroom.alerts.explain import day_part, explain, when_phrase
from newsroom.domain import AlertState, SpikeAlert


def test_dutch_explanation_has_the_numbers(alert: SpikeAlert) -> None:
    e = explain(alert, "nl")
    assert e.headline == "Nieuwe piek: wateroverlast Kanaalweg (ernst 4/5)"
    assert e.body == ("48 negatieve berichten in 30 min, normaal 3 ± 2 op een dinsdagnamiddag. "
                      "Vaak genoemd: water, kelder, pomp. Eerst gezien om 14:05.")


def test_english_resolved_and_acknowledged(alert: SpikeAlert) -> None:
    done = replace(alert, state=AlertState.RESOLVED, acknowledged_by="Els", expected=2.5, spread=0.5,
                   resolved_at=alert.started + timedelta(hours=2))
    e = explain(done, "en")
    assert e.headline.startswith("Spike over: wateroverlast Kanaalweg")
    assert "normally 2.5 ± 0.5 on a Tuesday afternoon" in e.body
    assert "Seen by Els." in e.body and "Calm again since 16:05." in e.body


def test_day_parts() -> None:
    assert [day_part(h) for h in (3, 8, 12, 15, 21)] == [0, 1, 2, 3, 4]
    assert when_phrase(5, 22, "nl") == "op een zaterdagavond"
    assert when_phrase(0, 9, "en") == "on a Monday morning"


def test_a_spread_larger_than_normal_is_said_as_an_upper_bound(alert: SpikeAlert) -> None:
    noisy = replace(alert, expected=2.0, spread=9.0)
    assert "normaal hooguit 11 op een dinsdagnamiddag" in explain(noisy, "nl").body
    assert "normally at most 11 on a Tuesday afternoon" in explain(noisy, "en").body
