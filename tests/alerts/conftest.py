"""Alerts for the alert tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsroom.domain import AlertScope, AlertState, SpikeAlert

STARTED = datetime(2026, 3, 10, 13, 5, tzinfo=UTC)  # a Tuesday, 14:05 in Brussels


@pytest.fixture
def alert() -> SpikeAlert:
    return SpikeAlert(
        id="alert:abc123", scope=AlertScope.TOPIC, key="7", title="wateroverlast Kanaalweg",
        state=AlertState.RAISED, severity=4, started=STARTED, updated=STARTED, window_min=30,
        observed=48, expected=3.0, spread=2.0, score=0.97, top_terms=("water", "kelder", "pomp"),
        mention_ids=("rss:1", "x:2"), first_seen=STARTED, weekday=1, hour=14)
