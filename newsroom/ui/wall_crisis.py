"""The wall's crisis view: one event over everything below the top bar, opened by key C or by itself
for a severe alert (``wall.auto_crisis_view``), followed with each snapshot, closed when its alert ends.
A part of :class:`~newsroom.ui.wall.WallWindow`."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from newsroom.domain import CrisisDetail, WallSnapshot
from newsroom.ui import messages
from newsroom.ui.crisis import CrisisView
from newsroom.ui.wall_part import WallPart

log = logging.getLogger("newsroom.ui.wall")

#: how long "no event to show" stays in the top bar (ms)
SHORT_NOTICE_MS = 10_000


class WallCrisis(WallPart):
    """The crisis view's part of the wall window (the window makes ``crisis`` and the state below)."""

    snapshot: WallSnapshot | None
    crisis: CrisisView
    crisis_topic: int | None
    _crisis_pending: CrisisDetail | None
    _crisis_auto: bool
    _crisis_min_severity: int
    _crisis_dismissed: set[str]

    if TYPE_CHECKING:
        @property
        def held(self) -> bool: ...
        def _say(self, text: str, ms: int = ...) -> None: ...
        def wall_time(self, snap: WallSnapshot) -> datetime: ...
        def _suspend_kiosk(self, suspended: bool) -> None: ...

    def set_crisis_options(self, *, auto: bool, min_severity: int) -> None:
        """``wall.auto_crisis_view`` and ``wall.crisis_min_severity``."""
        self._crisis_auto = auto
        self._crisis_min_severity = min_severity

    def show_crisis(self, detail: CrisisDetail) -> None:
        """The crisis view of one event fills the screen below the top bar (while the picture is held:
        filled and shown in the slices that follow, ``_settle_steps``)."""
        if self.snapshot is None:
            return
        if self.crisis_topic is None:
            log.info("crisis view: %s", detail.title)
        self.crisis_topic = detail.topic_id
        self._suspend_kiosk(True)
        self._crisis_pending = detail
        if not self.held:
            self._fill_crisis()
            self._open_crisis()

    def _fill_crisis(self) -> None:
        """The crisis view's texts, chart and feed for the pending event."""
        detail = self._crisis_pending
        if detail is not None and self.snapshot is not None and detail.topic_id == self.crisis_topic:
            self.crisis.set_detail(detail, self.wall_time(self.snapshot))

    def _open_crisis(self) -> None:
        """The crisis view placed and shown on top."""
        detail, self._crisis_pending = self._crisis_pending, None
        if detail is None or detail.topic_id != self.crisis_topic:
            return
        self.crisis.place()
        if self.crisis.isHidden():
            self.crisis.setVisible(True)
        self.crisis.raise_()

    def hide_crisis(self) -> None:
        """Back to the overview."""
        if self.crisis_topic is not None:
            log.info("crisis view closed: back to the overview")
        self.crisis_topic = None
        self._crisis_pending = None
        self.crisis.setVisible(False)
        self._suspend_kiosk(False)

    def toggle_crisis(self) -> None:
        """Key C: the crisis view of the most severe event, or back to the overview (an event left by
        hand is not switched to again by itself while its alert lasts)."""
        if self.crisis_topic is not None:
            if self.crisis.alert_id:
                self._crisis_dismissed.add(self.crisis.alert_id)
            self.hide_crisis()
            return
        snap = self.snapshot
        if snap is None or not snap.crises:
            self._say(messages.tr("No event to show in the crisis view"), SHORT_NOTICE_MS)
            return
        self.show_crisis(snap.crises[0])

    def _update_crisis(self, snap: WallSnapshot) -> None:
        """Follow the shown event; back to the overview when its alert ended; switch by itself to a
        severe alert's event (``wall.auto_crisis_view``)."""
        self._crisis_dismissed &= {c.alert.id for c in snap.crises if c.alert is not None}
        if self.crisis_topic is not None:
            detail = next((c for c in snap.crises if c.topic_id == self.crisis_topic), None)
            if detail is None:
                self.hide_crisis()
            else:
                self.show_crisis(detail)
        if self.crisis_topic is None and self._crisis_auto:
            severe = next((c for c in snap.crises if c.alert is not None
                           and c.alert.severity >= self._crisis_min_severity
                           and c.alert.id not in self._crisis_dismissed), None)
            if severe is not None:
                self.show_crisis(severe)
