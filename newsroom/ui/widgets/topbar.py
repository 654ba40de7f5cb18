"""Top bar: town, live state with the data's age, source health, clock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from newsroom.domain import SourceHealth
from newsroom.localtime import to_local
from newsroom.ui import messages, theme
from newsroom.ui.widgets.text import plain_label


class TopBar(QFrame):
    """Town name, live state, source health (symbol + name, not colour alone) and the clock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        self.town = plain_label("", self, object_name="town")
        self.subtitle = plain_label("newsroom", self, object_name="subtitle")
        self.notice = plain_label("", self, object_name="notice")
        self.live = plain_label("", self, object_name="live")
        self.health = plain_label("", self, object_name="health")
        self.clock = plain_label("", self, object_name="clock")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.town)
        row.addWidget(self.subtitle)
        row.addWidget(self.notice)
        row.addStretch(1)
        row.addWidget(self.live)
        row.addWidget(self.health)
        row.addWidget(self.clock)
        self._row = row
        self.notice.setVisible(False)

    def apply_scale(self, scale: theme.TypeScale) -> None:
        """Sizes from the wall's type scale."""
        self._row.setSpacing(round(scale.base * 0.8))
        self.town.setFont(theme.font(scale.headline, bold=True))
        self.subtitle.setFont(theme.font(scale.small))
        self.notice.setFont(theme.font(scale.small, bold=True))
        self.live.setFont(theme.font(scale.small, bold=True))
        self.health.setFont(theme.font(scale.small * 0.9))
        self.clock.setFont(theme.font(scale.clock, bold=True))
        self.setStyleSheet(
            f"#town, #clock {{ color: {theme.TEXT}; }} #subtitle, #health {{ color: {theme.MUTED}; }}"
            f"#notice {{ color: {theme.BACKGROUND}; background: {theme.NEGATIVE}; border-radius: 6px;"
            f" padding: 2px {round(scale.base * 0.4)}px; }}"
        )

    def set_state(self, town: str, newest: datetime | None, now: datetime,
                  health: Sequence[SourceHealth], notice: str) -> None:
        """Update texts; the live marker is green with a ● when fresh, orange with ✕ when stale."""
        self.town.setText(town)
        stale = newest is None or (now - newest) > timedelta(minutes=30)
        marker = "✕ " if stale else "● "
        self.live.setText(marker + messages.live_state(newest, now))
        self.live.setStyleSheet(f"color: {theme.NEGATIVE if stale else theme.LIVE};")
        parts = [("✓ " if h.ok else "✕ ") + messages.health_line(h) for h in health]
        self.health.setText("   ".join(parts))
        self.clock.setText(to_local(now).strftime("%H:%M"))
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
