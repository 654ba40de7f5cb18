"""The alert banner: the most severe unacknowledged alert of the queue and how many others wait;
Space or a click acknowledges it and the next one takes its place."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from newsroom.domain import AlertState, SpikeAlert
from newsroom.ui import messages, theme
from newsroom.ui.widgets.text import plain_label


def queue(alerts: Sequence[SpikeAlert], acknowledged: Collection[str] = ()) -> list[SpikeAlert]:
    """Active alerts nobody has acknowledged yet, most severe first (then the higher score, the older)."""
    waiting = [a for a in alerts if a.state is not AlertState.RESOLVED and a.acknowledged_by is None
               and a.id not in acknowledged]
    return sorted(waiting, key=lambda a: (-a.severity, -a.score, a.started, a.id))


class AlertBanner(QFrame):
    """What, how much against normal, since when, how to acknowledge."""

    #: a click on the banner: acknowledge the alert it shows
    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBanner")
        self.alert_id = ""
        self.headline = plain_label("", self, object_name="alertHeadline")
        self.detail = plain_label("", self, object_name="alertDetail")
        self.hint = plain_label("", self, object_name="alertHint")
        self.more = plain_label("", self, object_name="alertMore")
        #: alerts waiting behind the one shown
        self.waiting = 0
        self.detail.setWordWrap(True)
        self.headline.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.headline)
        text.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.addLayout(text, 1)
        side = QVBoxLayout()
        side.setSpacing(2)
        side.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignRight)
        side.addWidget(self.more, 0, Qt.AlignmentFlag.AlignRight)
        row.addLayout(side)
        self._row = row
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setVisible(False)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A left click acknowledges (the operator's mouse or a touch screen)."""
        if event.button() == Qt.MouseButton.LeftButton and self.alert_id:
            self.clicked.emit()
            return
        super().mousePressEvent(event)

    def apply_scale(self, scale: theme.TypeScale) -> None:
        """Sizes from the wall's type scale."""
        pad = round(scale.base * 0.5)
        self._row.setContentsMargins(pad, round(pad * 0.6), pad, round(pad * 0.6))
        self.headline.setFont(theme.font(scale.headline, bold=True))
        self.detail.setFont(theme.font(scale.body))
        self.hint.setFont(theme.font(scale.body, bold=True))
        self.more.setFont(theme.font(scale.body, bold=True))
        self.setStyleSheet(f"#alertBanner {{ background: {theme.ALERT}; border-radius: 10px; }}"
                           "#alertHeadline, #alertDetail, #alertHint, #alertMore "
                           f"{{ color: {theme.ON_ALERT}; }}")

    def set_alert(self, alert: SpikeAlert | None) -> None:
        """Show the most severe active alert, or hide."""
        if alert is None:
            self.alert_id = ""
            self.setVisible(False)
            return
        self.alert_id = alert.id
        self.headline.setText("⚠ " + messages.alert_headline(alert))
        self.detail.setText(messages.alert_detail(alert))
        self.hint.setText(messages.acknowledge_hint(alert.acknowledged_by))
        self.more.setText(messages.more_alerts(self.waiting) if self.waiting else "")
        self.more.setVisible(self.waiting > 0)
        self.setVisible(True)

    def set_alerts(self, alerts: Sequence[SpikeAlert], acknowledged: Collection[str] = ()) -> None:
        """Show the head of the queue (see :func:`queue`) and how many others wait; hide when none."""
        waiting = queue(alerts, acknowledged)
        self.waiting = max(0, len(waiting) - 1)
        self.set_alert(waiting[0] if waiting else None)
