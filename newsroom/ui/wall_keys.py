"""The operator at the wall: its keys (fullscreen, settings, acknowledge, briefing, rotation, crisis
view) and acknowledging the alert on the banner. A part of :class:`~newsroom.ui.wall.WallWindow`."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from newsroom.domain import utcnow
from newsroom.ui.wall_part import WallPart

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from newsroom.ui.crisis import CrisisView
    from newsroom.ui.rotation import Rotation
    from newsroom.ui.widgets.banner import AlertBanner

log = logging.getLogger("newsroom.ui.wall")


class WallKeys(WallPart):
    """The keys' part of the wall window (the window defines the signals they emit)."""

    banner: AlertBanner
    crisis: CrisisView
    crisis_topic: int | None
    rotation: Rotation | None
    _acked: set[str]

    if TYPE_CHECKING:
        acknowledge_requested: SignalInstance
        settings_requested: SignalInstance
        briefing_requested: SignalInstance

        def toggle_crisis(self) -> None: ...
        def _show_again(self) -> None: ...

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """F11/Escape toggle fullscreen; Space acknowledges the alert on the banner; Ctrl+, and F2 ask
        for the settings; B writes the briefing; R pauses the rotation; C toggles the crisis view."""
        key = event.key()
        if key == Qt.Key.Key_F2 or (key == Qt.Key.Key_Comma
                                    and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.settings_requested.emit()
            return
        if key in (Qt.Key.Key_F11, Qt.Key.Key_Escape):
            if self.isFullScreen():
                self.showNormal()
            elif key == Qt.Key.Key_F11:
                self.showFullScreen()
            return
        if key == Qt.Key.Key_Space and self.crisis_topic is not None and self.crisis.alert_id:
            log.info("alert %s acknowledged on the wall's crisis view", self.crisis.alert_id)
            self.acknowledge_requested.emit(self.crisis.alert_id)
            return
        if key == Qt.Key.Key_Space and self.banner.alert_id:
            self._acknowledge()
            return
        if key == Qt.Key.Key_B and not event.isAutoRepeat():
            log.info("briefing asked for on the wall")
            self.briefing_requested.emit()
        if key == Qt.Key.Key_R and self.rotation is not None:
            self.rotation.toggle_pause()
        if key == Qt.Key.Key_C and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.toggle_crisis()
            return
        super().keyPressEvent(event)

    def _acknowledge(self) -> None:
        """Acknowledge the alert on the banner (Space or a click); logged with the time. The banner moves
        on to the next alert at once (the store confirms with the next snapshot)."""
        alert_id = self.banner.alert_id
        if alert_id:
            at = utcnow().isoformat(timespec="seconds")
            log.info("alert %s acknowledged on the wall at %s", alert_id, at)
            self._acked.add(alert_id)
            self.acknowledge_requested.emit(alert_id)
            self._show_again()
