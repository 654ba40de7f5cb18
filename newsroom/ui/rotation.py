"""Rotation between the overview and one page per search (``display.rotation``; key R pauses).

The pages come with the snapshot (``WallSnapshot.search_pages``, built on the worker thread); the
rotation only picks which one the wall shows. While an alert nobody has acknowledged is active the
wall stays on the overview, where the alerted topic is.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from newsroom.domain import AlertState, WallSnapshot
from newsroom.ui import kiosk_texts, theme

log = logging.getLogger("newsroom.ui.rotation")

#: the overview's page name
OVERVIEW = ""


def page_snapshot(snapshot: WallSnapshot, page: str) -> WallSnapshot:
    """What the wall shows on ``page``: the overview as it is, or the snapshot with that search's
    topics in the tiles (alerts, ticker and health stay: they concern the whole wall)."""
    if page == OVERVIEW:
        return snapshot
    for p in snapshot.search_pages:
        if p.search == page:
            return replace(snapshot, topics=p.topics)
    return snapshot


def needs_overview(snapshot: WallSnapshot) -> bool:
    """True while an alert that nobody has acknowledged is active."""
    return any(a.state is not AlertState.RESOLVED and not a.acknowledged_by for a in snapshot.alerts)


class Rotation(QObject):
    """Cycles overview → search 1 → search 2 → … every ``interval_ms``; ``changed`` on each move."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 30_000) -> None:
        super().__init__(parent)
        self.pages: tuple[str, ...] = (OVERVIEW,)
        self.index = 0
        self.paused = False
        self.held = False
        #: the crisis view shows: no page changes behind it
        self.suspended = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.advance)

    @property
    def page(self) -> str:
        """The page shown now (OVERVIEW or a search's name)."""
        return self.pages[self.index]

    def start(self) -> None:
        """Begin rotating."""
        self._timer.start()

    def stop(self) -> None:
        """Stop rotating (before shutdown)."""
        self._timer.stop()

    def update(self, snapshot: WallSnapshot) -> None:
        """New pages from a snapshot (a search that went keeps no page); hold on the overview while an
        alert waits to be seen."""
        pages = (OVERVIEW, *(p.search for p in snapshot.search_pages))
        current = self.page
        self.pages = pages
        self.index = pages.index(current) if current in pages else 0
        self.held = needs_overview(snapshot)
        if self.held and self.index:
            self.index = 0
            self.changed.emit()

    def advance(self) -> None:
        """The next page (unless paused, held on the overview or suspended by the crisis view)."""
        if self.paused or self.held or self.suspended or len(self.pages) < 2:
            return
        self.index = (self.index + 1) % len(self.pages)
        log.debug("rotation: page %r", self.page)
        self.changed.emit()

    def toggle_pause(self) -> None:
        """Key R: pause on the page shown, or resume."""
        self.paused = not self.paused
        if not self.paused:
            self._timer.start()  # a full interval on this page before the next
        log.info("rotation %s", "paused" if self.paused else "resumed")
        self.changed.emit()


class PageBar(QLabel):
    """Which page the rotation shows: '● Overzicht   ○ Kanaalweg   ○ Station' (marker and weight,
    not colour alone), and when it is paused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName("pageBar")
        self.setVisible(False)

    def apply_scale(self, scale: theme.TypeScale) -> None:
        """Sizes from the wall's type scale."""
        self.setFont(theme.font(scale.small, bold=True))
        self.setStyleSheet(f"#pageBar {{ color: {theme.TEXT}; }}")

    def show_rotation(self, rotation: Rotation) -> None:
        """The page names with the current one marked."""
        names = [kiosk_texts.page_overview() if p == OVERVIEW else p for p in rotation.pages]
        parts = [("● " if i == rotation.index else "○ ") + name for i, name in enumerate(names)]
        text = "   ".join(parts)
        if rotation.paused:
            text += "   · " + kiosk_texts.rotation_paused()
        self.setText(text)
        self.setVisible(len(rotation.pages) > 1)
