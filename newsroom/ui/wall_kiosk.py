"""The wall as a kiosk: privacy ("topics, not people"), the rotation's pages, the setup hint of an
unconfigured wall, the start notice, a pointer hidden when still, burn-in drift and night dimming.
A part of :class:`~newsroom.ui.wall.WallWindow`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout, QVBoxLayout

from newsroom.domain import AlertState, WallSnapshot, utcnow
from newsroom.masking import wall_view
from newsroom.night_hours import NightHours
from newsroom.ui import kiosk_texts, theme
from newsroom.ui.kiosk import CURSOR_IDLE_MS, DRIFT_MS, NIGHT_CHECK_MS, BurnInDrift, CursorHider, NightDimmer
from newsroom.ui.rotation import PageBar, Rotation, page_snapshot
from newsroom.ui.wall_grid import columns
from newsroom.ui.wall_part import WallPart
from newsroom.ui.widgets.start_notice import StartNotice
from newsroom.ui.widgets.text import plain_label

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel

    from newsroom.ui.widgets.tile import TopicTile


class WallKiosk(WallPart):
    """The kiosk's part of the wall window (``_init_kiosk`` makes what every wall has, ``start_kiosk``
    the timed parts)."""

    #: privacy mode "topics, not people" (``display.privacy``): set in ``_init_kiosk``
    privacy: bool
    mask_swearing: bool
    #: the last snapshot shown, as it came from the worker (``snapshot`` is the page shown)
    raw_snapshot: WallSnapshot | None
    crisis_topic: int | None
    scale: theme.TypeScale
    tiles: list[TopicTile]
    empty: QLabel
    _root: QVBoxLayout
    _grid: QGridLayout
    _viewed: tuple[WallSnapshot, WallSnapshot] | None

    if TYPE_CHECKING:
        def _show_again(self) -> None: ...

    def _init_kiosk(self, privacy: bool) -> None:
        """The kiosk parts that exist on every wall; the timed ones come with ``start_kiosk``."""
        #: privacy mode: authors and handles are taken out of every snapshot before it is shown
        self.privacy = privacy
        #: ``display.mask_swearing``: swear words in the posts shown get asterisks (the settings set it)
        self.mask_swearing = True
        #: the last snapshot as it came from the worker (``snapshot`` is the page shown)
        self.raw_snapshot = None
        self.rotation: Rotation | None = None
        self.cursor_hider: CursorHider | None = None
        self.drift: BurnInDrift | None = None
        self.dimmer: NightDimmer | None = None
        self._drift_offset = (0, 0)
        self.page_bar = PageBar(self)
        self.setup_hint = plain_label("", self, object_name="setupHint")
        self.setup_hint.setVisible(False)
        self._root.insertWidget(1, self.page_bar)
        self._root.insertWidget(1, self.setup_hint)
        self.start_notice = StartNotice(self)

    def _fit_overlays(self, width: int, height: int) -> None:
        """The start notice and the night veil cover the whole wall."""
        self.start_notice.fit(width, height)
        if self.dimmer is not None:
            self.dimmer.overlay.fit(width, height)

    def _scale_kiosk(self) -> None:
        self.page_bar.apply_scale(self.scale)
        self.start_notice.apply_scale(self.scale)
        self.setup_hint.setFont(theme.font(self.scale.small, bold=True))
        self.setup_hint.setStyleSheet(
            f"#setupHint {{ color: {theme.BACKGROUND}; background: {theme.POSITIVE}; border-radius: 8px;"
            f" padding: {round(self.scale.base * 0.3)}px {round(self.scale.base * 0.6)}px; }}")
        self._apply_margins()

    def _apply_margins(self) -> None:
        """The root margins with the burn-in drift: what one side gains the other loses, so the content
        keeps its size and never leaves the window."""
        gap = self.scale.spacing
        dx, dy = self._drift_offset
        self._root.setContentsMargins(gap * 2 + dx, gap + dy, gap * 2 - dx, gap * 2 - dy)

    def set_drift(self, dx: int, dy: int) -> None:
        """Shift the whole content by (dx, dy) pixels (at most a few; see kiosk.DRIFT_PATH)."""
        self._drift_offset = (dx, dy)
        self._apply_margins()

    def start_kiosk(self, *, night: NightHours | None = None, rotation_s: float | None = None,
                    drift: bool = True, cursor_idle_ms: int = CURSOR_IDLE_MS, drift_ms: int = DRIFT_MS,
                    night_check_ms: int = NIGHT_CHECK_MS, clock: Callable[[], datetime] = utcnow) -> None:
        """Hide the pointer when still, drift against burn-in, dim during ``night`` (None: never) and
        rotate the pages every ``rotation_s`` seconds (None: the overview only). The wall command
        calls this; tests inject short intervals and a clock."""
        self.cursor_hider = CursorHider(self, idle_ms=cursor_idle_ms)
        self.cursor_hider.start()
        self._drift_ms = drift_ms
        self.set_burn_in(drift)
        if night is not None:
            self.dimmer = NightDimmer(self, night, clock=clock, check_ms=night_check_ms)
            if self.raw_snapshot is not None:
                self.dimmer.alert_active = self._alert_active(self.raw_snapshot)
            self.dimmer.start()
        if rotation_s is not None:
            self.rotation = Rotation(self, interval_ms=round(rotation_s * 1000))
            self.rotation.changed.connect(self._page_changed)
            self.rotation.start()
        self._suspend_kiosk(self.crisis_topic is not None)

    def set_burn_in(self, on: bool) -> None:
        """Burn-in drift on or off (``display.burn_in``); off puts the content back in its place."""
        if on and self.drift is None:
            self.drift = BurnInDrift(self.set_drift, self, interval_ms=getattr(self, "_drift_ms", DRIFT_MS))
            self.drift.start()
            self._suspend_kiosk(self.crisis_topic is not None)
        elif not on and self.drift is not None:
            self.drift.stop()
            self.drift = None
            self.set_drift(0, 0)

    def _suspend_kiosk(self, suspended: bool) -> None:
        """While the crisis view shows, the rotation keeps its page and the burn-in drift stands still
        (the view is about one event, nobody should see it move or leave)."""
        for part in (self.rotation, self.drift):
            if part is not None:
                part.suspended = suspended

    def _stop_kiosk(self) -> None:
        self.start_notice.stop()
        for part in (self.cursor_hider, self.drift, self.dimmer, self.rotation):
            if part is not None:
                part.stop()

    def _own_view(self, snapshot: WallSnapshot) -> WallSnapshot:
        """``snapshot`` under this wall's privacy and swear-word settings (:func:`wall_view`)."""
        return wall_view(snapshot, privacy=self.privacy, mask_swearing=self.mask_swearing)

    @staticmethod
    def _alert_active(snapshot: WallSnapshot) -> bool:
        return any(a.state is not AlertState.RESOLVED for a in snapshot.alerts)

    def _kiosk_view(self, snapshot: WallSnapshot) -> WallSnapshot:
        """The snapshot as this wall shows it: privacy applied, swear words masked, the rotation's page
        picked."""
        self.raw_snapshot = snapshot
        done = self._viewed
        snapshot = done[1] if done is not None and done[0] is snapshot else self._own_view(snapshot)
        self._viewed = None
        if self.dimmer is not None:
            self.dimmer.set_alert_active(self._alert_active(snapshot))
        if self.rotation is not None:
            self.rotation.update(snapshot)
            self.page_bar.show_rotation(self.rotation)
            snapshot = page_snapshot(snapshot, self.rotation.page)
            self._keep_tile_cells(bool(self.rotation.page))
        return snapshot

    def _keep_tile_cells(self, keep: bool) -> None:
        """On a search's page the tiles keep the overview's size (a page of two topics is not two
        giant tiles): every row and column of the grid keeps its share, shown or not."""
        cols = columns(len(self.tiles))
        rows = (len(self.tiles) + cols - 1) // cols
        for row in range(rows):
            self._grid.setRowStretch(row, 1 if keep else 0)
        for column in range(cols):  # equal columns always (the constructor's stretch)
            self._grid.setColumnStretch(column, 1)

    def _kiosk_after(self, snapshot: WallSnapshot) -> None:
        """An unconfigured wall says what to do next; the overlays stay on top."""
        no_config = any(code == "no_config" for code, _ in snapshot.notices)
        unconfigured = no_config or (snapshot.searches == () and not snapshot.demo)
        empty = unconfigured and not snapshot.demo and not snapshot.topics
        if empty:  # the sentence takes the place of "no topics yet", in the text colour: it is the next step
            self.empty.setText(kiosk_texts.unconfigured())
        sheet = f"#wallEmpty {{ color: {theme.TEXT if empty else theme.MUTED}; }}"
        if sheet != self.empty.styleSheet():
            self.empty.setStyleSheet(sheet)
        self.setup_hint.setText(kiosk_texts.unconfigured() if unconfigured else "")
        self.setup_hint.setVisible(unconfigured and not empty)
        if self.dimmer is not None:
            self.dimmer.raise_overlay()
        if self.start_notice.isVisible():
            self.start_notice.raise_()

    def _page_changed(self) -> None:
        if self.rotation is not None:
            self.page_bar.show_rotation(self.rotation)
        self._show_again()
