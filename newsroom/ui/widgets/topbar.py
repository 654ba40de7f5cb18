"""Top bar: town, live state with the age of the last successful poll, source health, clock.

Never wider than the screen: the notice and the health summary are single lines that elide at a word
boundary; town, live state and clock keep their room (the clock is always visible).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from newsroom.domain import SourceHealth
from newsroom.localtime import to_local
from newsroom.ui import messages, theme
from newsroom.ui.widgets.text import ElidedLine, plain_label

#: without a successful poll for this long the live marker turns into a warning
STALE_AFTER = timedelta(minutes=30)
#: a logo larger than this (pixels) is not decoded: a wall PC's memory is not for a poster-sized file
MAX_LOGO_PIXELS = 4096 * 4096


def last_successful_poll(health: Sequence[SourceHealth], newest: datetime | None) -> datetime | None:
    """When a source last answered; the newest post's time only when no source reports health."""
    polls = [h.last_success for h in health if h.last_success is not None]
    if polls:
        return max(polls)
    return None if health else newest


class TopBar(QFrame):
    """Town name, live state, source health (symbol + words, not colour alone) and the clock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        #: the town's logo (``wall.logo``: a local image file, never fetched), left of its name
        self.logo = QLabel(self)
        self.logo.setObjectName("logo")
        self.logo.setVisible(False)
        self._logo: QPixmap | None = None
        self.town = plain_label("", self, object_name="town")
        self.subtitle = plain_label(messages.subtitle(), self, object_name="subtitle")
        self.notice = ElidedLine(self, hint_chars=16)
        self.notice.setObjectName("notice")
        self.live = plain_label("", self, object_name="live")
        self.health = ElidedLine(self, hint_chars=16)
        self.health.setObjectName("health")
        self.clock = plain_label("", self, object_name="clock")
        for fixed in (self.town, self.live, self.clock):
            fixed.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.subtitle.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.subtitle.setMinimumWidth(0)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.logo)
        row.addWidget(self.town)
        row.addWidget(self.subtitle)
        # the two texts that may be long share what is left and elide; the notice (rare, and to be read
        # whole: "Achterstand: 12.000 berichten", a lost database) before the health's list of reasons
        row.addWidget(self.notice, 3)
        row.addWidget(self.live)
        row.addWidget(self.health, 2)
        # with neither of them (no source reports yet, no notice) the clock still keeps to the right
        self.filler = QWidget(self)
        self.filler.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        row.addWidget(self.filler, 1)
        row.addWidget(self.clock)
        self._row = row
        self.notice.setVisible(False)
        self.stale = False
        #: no successful poll for this long: the live marker turns into ✕ (``display.stale_after_min``)
        self.stale_after = STALE_AFTER
        self._scale = theme.TypeScale(27.0)
        self._live_colour = ""
        self._failing_style = False

    def set_logo(self, path: str) -> bool:
        """Show the image at ``path`` (a local file) left of the town's name, as tall as the name; ""
        removes it. False when the file cannot be read as an image (the wall goes on without it)."""
        self._logo = None
        if path:
            image = QImageReader(path)
            image.setAutoTransform(True)
            if image.size().isValid() and image.size().width() * image.size().height() <= MAX_LOGO_PIXELS:
                loaded = image.read()
                if not loaded.isNull():
                    self._logo = QPixmap.fromImage(loaded)
        self._size_logo()
        return self._logo is not None or not path

    def _size_logo(self) -> None:
        if self._logo is None:
            self.logo.clear()
            self.logo.setVisible(False)
            return
        height = round(self._scale.headline * 1.4)
        self.logo.setPixmap(self._logo.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation))
        self.logo.setVisible(True)

    def apply_scale(self, scale: theme.TypeScale) -> None:
        """Sizes from the wall's type scale; the health text stays at the size floor or above."""
        self._scale = scale
        self._size_logo()
        self._row.setSpacing(round(scale.base * 0.8))
        self.town.setFont(theme.font(scale.headline, bold=True))
        self.subtitle.setFont(theme.font(scale.small))
        self.notice.set_style(theme.font(scale.small, bold=True), theme.BACKGROUND, background=theme.NEGATIVE)
        self.live.setFont(theme.font(scale.small, bold=True))
        self._style_health()
        self._live_colour = ""  # the theme may have changed: styled again on the next state
        self.clock.setFont(theme.font(scale.clock, bold=True))
        self.setStyleSheet(f"#town, #clock {{ color: {theme.TEXT}; }} #subtitle {{ color: {theme.MUTED}; }}")

    def set_state(self, town: str, newest: datetime | None, now: datetime,
                  health: Sequence[SourceHealth], notice: str) -> None:
        """Update texts; the live marker is green with a ● after a recent successful poll, orange with
        ✕ when no source has answered for a while (a quiet town whose newest post is old is not stale)."""
        unnamed = messages.default_wall_name(town)
        self.town.setText(messages.wall_title() if unnamed else town)
        self.subtitle.setVisible(not unnamed and not notice)  # a notice needs the room more
        self.subtitle.setText(messages.subtitle())
        polled = last_successful_poll(health, newest)
        self.stale = polled is None or (now - polled) > self.stale_after
        marker = "✕ " if self.stale else "● "
        self.live.setText(marker + messages.live_state(polled, now))
        live = theme.NEGATIVE if self.stale else theme.LIVE
        if live != self._live_colour:  # every second: a style sheet only when the colour changes
            self._live_colour = live
            self.live.setStyleSheet(f"color: {live};")
        count, failing = messages.health_summary(health)
        self.health.set_text(f"✕ {count} · {failing}" if failing else f"✓ {count}" if count else "")
        if bool(failing) != self._failing_style:
            self._failing_style = bool(failing)
            self._style_health()
        if self.health.isVisibleTo(self) != bool(count):
            self.health.setVisible(bool(count))
        self.clock.setText(to_local(now).strftime("%H:%M"))
        self.notice.set_text(notice)
        # the notice takes no more than its whole text (a short "DEMO" badge left the health's reasons
        # elided beside an empty gap); what is left goes to the health
        cap = max(self.notice.full_width(), self.notice.minimumSizeHint().width())
        if self.notice.maximumWidth() != cap:
            self.notice.setMaximumWidth(cap)
        if self.notice.isVisibleTo(self) != bool(notice):
            self.notice.setVisible(bool(notice))
        if self.filler.isVisibleTo(self) != (not count and not notice):
            self.filler.setVisible(not count and not notice)

    def _style_health(self) -> None:
        if self._failing_style:
            self.health.set_style(theme.font(self._scale.small, bold=True), theme.NEGATIVE)
        else:
            self.health.set_style(theme.font(self._scale.small), theme.MUTED)
