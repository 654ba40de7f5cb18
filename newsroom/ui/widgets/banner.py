"""The alert banner, shown only while an alert is active; Space or a click acknowledges it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from newsroom.domain import SpikeAlert
from newsroom.ui import messages, theme
from newsroom.ui.widgets.text import plain_label


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
        self.detail.setWordWrap(True)
        self.headline.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.headline)
        text.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.addLayout(text, 1)
        row.addWidget(self.hint)
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
        self.setStyleSheet(f"#alertBanner {{ background: {theme.ALERT}; border-radius: 10px; }}"
                           "#alertHeadline, #alertDetail, #alertHint { color: #FFFFFF; }")

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
        self.setVisible(True)
