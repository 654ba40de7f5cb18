"""The Alerts page: the alert settings with a Send test button for each channel."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from newsroom.ui.settings.common import action_row, tr
from newsroom.ui.settings.probes import send_test_alert, with_typed_secrets
from newsroom.ui.settings.schema_page import Context, SchemaPage, Section, keys_for


class AlertsPage(SchemaPage):
    """Detection settings, then each channel with "Send test"."""

    title = "&Alerts"
    CHANNELS = (("sound", "Sound", ("alerts.sound",)),
                ("desktop", "Desktop notification", ("alerts.desktop",)),
                ("webhook", "Webhook", ("alerts.webhook.",)), ("email", "E-mail", ("alerts.email.",)))

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        keys = keys_for("alerts")
        channel_sections = [Section(title, tuple(k for k in keys if k.startswith(prefixes)), column=1)
                            for _, title, prefixes in self.CHANNELS]
        placed = {k for s in channel_sections for k in s.keys}
        sections = [Section("When to alert", tuple(k for k in keys if k not in placed), column=0),
                    *channel_sections]
        super().__init__(ctx, sections, parent, columns=2)
        self.status: dict[str, QLabel] = {}
        self.send_buttons: dict[str, QPushButton] = {}
        for channel, title, _prefixes in self.CHANNELS:
            group = self.groups[title]
            button, status = action_row(group, tr("Send test"), f"sendTest:{channel}")
            button.clicked.connect(lambda _=False, c=channel: self.send_test(c))
            self.status[channel] = status
            self.send_buttons[channel] = button

    def send_test(self, channel: str) -> None:
        """Send a test message on one channel, off the GUI thread."""
        config, paths, lang = self.ctx.current_config(), self.ctx.paths, self.ctx.lang
        button, status = self.send_buttons[channel], self.status[channel]
        button.setEnabled(False)
        status.setText(tr("Sending…"))

        def done(_name: str) -> None:
            button.setEnabled(True)
            status.setText(tr("Sent. Check that it arrived."))

        def failed(message: str) -> None:
            button.setEnabled(True)
            status.setText(tr("Not sent: %1").replace("%1", message))

        secrets = self.ctx.typed_secrets()  # a password or webhook typed and not saved is tried, not stored
        self.ctx.jobs.run(with_typed_secrets(secrets, lambda: send_test_alert(config, paths, channel, lang)),
                          done, failed)
