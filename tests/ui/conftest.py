"""Hand-built WallSnapshots for the UI tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from newsroom.domain import (
    AlertScope,
    AlertState,
    Mention,
    Polarity,
    Sentiment,
    Series,
    SourceHealth,
    SpikeAlert,
    TermWeight,
    Topic,
    WallSnapshot,
)
from newsroom.ui.app import make_app
from newsroom.ui.wall import WallWindow

NOW = datetime(2026, 1, 6, 13, 50, tzinfo=UTC)
LABELS = ["Stormschade en stroompanne Lindeveld-Noord", "Brug Kanaalweg afgesloten",
          "Lichtjesstoet zaterdag", "Nieuwe parkeerzone centrum", "Zwembad dicht wegens lek", "Repair café bib",
          "Gemeenteraad", "KVC Lindeveld"]


def topic(i: int, label: str, *, size: int = 40) -> Topic:
    start = NOW - timedelta(hours=24)
    volume = tuple(float((j * (i + 3)) % 7) for j in range(144))
    negative = tuple(v // 2 for v in volume)
    terms = tuple(TermWeight(w, float(20 - k), s) for k, (w, s) in enumerate(
        [("stroompanne", -0.8), ("daken", -0.5), ("brandweer", 0.0), ("helpen", 0.6), ("buren", 0.3),
         ("wachten", -0.4), ("verzekering", 0.0), ("bomen", -0.2), ("storm", -0.6), ("opvang", 0.4)]))
    return Topic(id=100 + i, label=label, terms=terms, volume=Series(start, 600, volume),
                 negative=Series(start, 600, negative), size=size, share_negative=0.6,
                 first_seen=NOW - timedelta(hours=3), last_seen=NOW, representative_ids=("m:1",),
                 baseline_low=tuple(1.0 for _ in range(144)), baseline_high=tuple(3.0 for _ in range(144)),
                 per_hour=float(10 * i + 5), trend=(i % 3) - 1)


def mention(i: int, text: str, label: Polarity = Polarity.NEUTRAL) -> Mention:
    return Mention(id=f"m:{i}", source="mastodon", text=text, published=NOW - timedelta(minutes=i),
                   author=f"@user{i}", lang="nl", sentiment=Sentiment(label, -0.5 if label is Polarity.NEGATIVE else 0.0))


@pytest.fixture
def make_snapshot() -> Callable[..., WallSnapshot]:
    def make(*, topics: int = 6, alert: bool = True, texts: list[str] | None = None) -> WallSnapshot:
        posts = texts or [f"Bericht {i} over de storm in Lindeveld 🌧️ met wat uitleg" for i in range(10)]
        latest = tuple(mention(i, t, Polarity.NEGATIVE if i % 2 else Polarity.POSITIVE)
                       for i, t in enumerate(posts))
        alerts: tuple[SpikeAlert, ...] = ()
        if alert:
            alerts = (SpikeAlert(id="alert:1", scope=AlertScope.TOPIC, key="100", title="Stormschade Lindeveld-Noord",
                                 state=AlertState.RAISED, severity=4, started=NOW - timedelta(minutes=45),
                                 updated=NOW, window_min=30, observed=48, expected=3.0, spread=2.0, score=0.98,
                                 weekday=1, hour=14),)
        return WallSnapshot(
            created=NOW, wall_name="Lindeveld", topics=tuple(topic(i, LABELS[i]) for i in range(topics)),
            latest=latest, alerts=alerts,
            health=(SourceHealth("rss", "RSS", last_success=NOW),
                    SourceHealth("gnews", "Google News", last_error="429", consecutive_failures=2)),
            newest_data=NOW - timedelta(seconds=12),
        )

    return make


def shown_wall(qtbot: QtBot, *, size: tuple[int, int] = (1920, 1080), lang: str = "nl",
               frozen_clock: bool = False, **window: Any) -> WallWindow:
    """A WallWindow shown offscreen at ``size`` in ``lang`` (``window``: its constructor's options);
    ``frozen_clock``: times as of the snapshot."""
    make_app(lang)
    w = WallWindow(**window)
    w.frozen_clock = frozen_clock
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    return w
