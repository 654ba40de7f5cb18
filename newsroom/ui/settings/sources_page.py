"""The Sources page: each source with what it can do, which searches use it, and a Test connection
button."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from newsroom.ui.settings.common import action_row, status_label, tr
from newsroom.ui.settings.probes import SourceTest, test_source, with_typed_secrets
from newsroom.ui.settings.schema_page import Context, SchemaPage, Section, keys_for

#: (source key, title, what it can do: English source sentences)
SOURCE_INFO: tuple[tuple[str, str, str], ...] = (
    ("rss", "RSS and Atom feeds",
     "Cannot search by keyword: reads the feeds below and keeps the items that match a search."),
    ("gnews", "Google News", "Searches by keyword."),
    ("bing", "Bing News", "Searches by keyword."),
    ("gdelt", "GDELT", "Searches by keyword (news sites worldwide, updated every 15 minutes)."),
    ("mastodon", "Mastodon",
     "Cannot search by keyword without an account: follows the #hashtags of the searches."),
    ("bluesky", "Bluesky", "Searches by keyword; needs an account with an app password."),
    ("youtube", "YouTube",
     "Cannot search by keyword: reads the channels below and keeps the videos that match a search."),
    ("x", "X", "Searches by keyword; needs your own paid API key."),
)


class SourcesPage(SchemaPage):
    """Per source: what it can do, its endpoint, interval and credentials, and "Test connection"."""

    title = "S&ources"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        keys = keys_for("sources")

        def own(name: str) -> tuple[str, ...]:  # "on" first: the rest matters only when it is on
            mine = [k for k in keys if k.startswith(f"sources.{name}.")]
            return tuple(sorted(mine, key=lambda k: not k.endswith(".enabled")))

        sections = [Section(title, own(name), note) for name, title, note in SOURCE_INFO]
        placed = {k for s in sections for k in s.keys}
        sections.insert(0, Section("Network", tuple(k for k in keys if k not in placed)))
        super().__init__(ctx, sections, parent, columns=2)
        self.status: dict[str, QLabel] = {}
        self.test_buttons: dict[str, QPushButton] = {}
        self.used_by: dict[str, QLabel] = {}
        for name, title, _note in SOURCE_INFO:
            group = self.groups[title]
            used = status_label(group)
            used.setObjectName("usedBy")
            self.used_by[name] = used
            group_layout = group.layout()
            assert isinstance(group_layout, QVBoxLayout)
            group_layout.insertWidget(1 if group_layout.count() and _note else 0, used)
            button, status = action_row(group, tr("Test connection"), f"testSource:{name}")
            button.clicked.connect(lambda _=False, n=name: self.test_connection(n))
            self.status[name] = status
            self.test_buttons[name] = button

    def showEvent(self, event: QShowEvent) -> None:
        """Say which searches ask each source (the ticks on the Searches page switch a source on)."""
        super().showEvent(event)
        self.update_used_by()

    def update_used_by(self) -> None:
        """One line per source: the searches that use it, or that none does."""
        searches = self.ctx.current_draft().searches
        for name, label in self.used_by.items():
            users = [s.name for s in searches if name in s.sources]
            label.setText(tr("Used by: %1").replace("%1", ", ".join(users)) if users
                          else tr("Not used by any search (tick it on the Searches page)."))

    def test_connection(self, name: str) -> None:
        """Poll the source once off the GUI thread (the values on screen; keys as stored)."""
        config = self.ctx.current_config()
        button, status = self.test_buttons[name], self.status[name]
        button.setEnabled(False)
        status.setText(tr("Testing…"))

        def done(result: SourceTest) -> None:
            button.setEnabled(True)
            if result.error:
                status.setText(tr("Error: %1").replace("%1", result.error))
            else:
                status.setText(tr("Works: %1 mentions found").replace("%1", str(result.count)))

        def failed(message: str) -> None:
            button.setEnabled(True)
            status.setText(tr("Error: %1").replace("%1", message))

        secrets = self.ctx.typed_secrets()  # keys typed and not saved are tried, not stored
        self.ctx.jobs.run(with_typed_secrets(secrets, lambda: test_source(config, name)), done, failed)
