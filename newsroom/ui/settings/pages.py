"""The schema pages with their extras: Sources (test connection), Alerts (send test), Display (live
preview) and Data and about (folders, export/import, doctor, version)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsroom import __version__
from newsroom.domain import WallSnapshot, utcnow
from newsroom.ui import theme
from newsroom.ui.settings import model
from newsroom.ui.settings.common import tr
from newsroom.ui.settings.doctor_nl import in_language
from newsroom.ui.settings.model import Draft
from newsroom.ui.settings.probes import (
    Finding,
    SourceTest,
    doctor,
    export_mentions,
    send_test_alert,
    test_source,
    with_typed_secrets,
)
from newsroom.ui.settings.schema_page import Context, SchemaPage, Section, keys_for
from newsroom.ui.wall import WallWindow

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


def _status_label(parent: QWidget) -> QLabel:
    label = QLabel("", parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setObjectName("testStatus")
    return label


def _action_row(group: QWidget, text: str, object_name: str) -> tuple[QPushButton, QLabel]:
    """A button ("Test connection", "Send test") with its status line, added at the bottom of a
    group."""
    button = QPushButton(text, group)
    button.setObjectName(object_name)
    status = _status_label(group)
    row = QHBoxLayout()
    row.addWidget(button)
    row.addWidget(status, 1)
    layout = group.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.addLayout(row)
    return button, status


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
            used = _status_label(group)
            used.setObjectName("usedBy")
            self.used_by[name] = used
            group_layout = group.layout()
            assert isinstance(group_layout, QVBoxLayout)
            group_layout.insertWidget(1 if group_layout.count() and _note else 0, used)
            button, status = _action_row(group, tr("Test connection"), f"testSource:{name}")
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
            button, status = _action_row(group, tr("Send test"), f"sendTest:{channel}")
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


#: the pixel size the preview renders the wall at (then scaled down)
PREVIEW_SIZE = QSize(1920, 1080)


class DisplayPage(SchemaPage):
    """How the wall looks, with a live preview at the chosen screen size and distance."""

    title = "&Display"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        keys = keys_for("display")
        groups = [Section("Screen and type size", ("display.screen_diagonal_in", "display.viewing_distance_m",
                                                   "display.refresh_s")),
                  Section("Night, privacy and rotation", ("display.night_dimming", "display.night_hours",
                                                          "display.privacy", "display.rotation",
                                                          "display.rotation_s")),
                  Section("Crisis view", ("wall.auto_crisis_view",))]
        placed = {k for g in groups for k in g.keys}
        super().__init__(ctx, [Section("The wall", tuple(k for k in keys if k not in placed)), *groups],
                         parent)
        box = QGroupBox(tr("Preview"), self)
        layout = QVBoxLayout(box)
        self.preview = QLabel(box)
        self.preview.setObjectName("wallPreview")
        self.preview.setFixedSize(640, 360)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("#wallPreview { background: #111; }")
        self.preview_note = QLabel(tr("The wall at 1920 × 1080 pixels, with this diagonal and distance."),
                                   box)
        self.preview_note.setWordWrap(True)
        layout.addWidget(self.preview)
        layout.addWidget(self.preview_note)
        layout.addStretch(1)
        self.side.addWidget(box)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.render_preview)
        for f in self.fields.values():
            f.changed.connect(self._timer.start)
        self.renders = 0
        self._wall: WallWindow | None = None
        self._shown: tuple[int, str] | None = None  # (which snapshot, which name) the hidden wall shows
        self._empty = WallSnapshot(created=utcnow(), wall_name="")

    def load(self, draft: Draft) -> None:
        super().load(draft)
        self._timer.start()

    def render_preview(self) -> None:
        """Render the wall with the values on screen into the preview, on the GUI thread. One hidden
        wall is kept while the dialog is open: a new diagonal or distance only re-scales it (measured:
        about a third of a second on a busy 2-core machine, against about a second for a new wall)."""
        from dataclasses import replace

        def number(key: str, fallback: float) -> float:
            f = self.fields.get(key)
            return float(f.value()) if f is not None and f.problem() is None else fallback

        base = self.ctx.snapshot or self._empty
        name_field = self.fields.get("wall.name")
        name = str(name_field.value()) if name_field is not None and name_field.value() else base.wall_name
        diagonal = number("display.screen_diagonal_in", 55.0)
        distance = number("display.viewing_distance_m", 5.0)
        tiles = int(number("wall.max_topics", 6))
        wall = self._wall
        if wall is None or len(wall.tiles) != tiles:
            self._drop_wall()
            wall = WallWindow(diagonal_in=diagonal, distance_m=distance, tiles=tiles)
            wall.frozen_clock = True
            wall.set_crisis_options(auto=False, min_severity=5)  # the preview shows the overview's type
            wall.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            wall.resize(PREVIEW_SIZE)
            wall.show()
            self._wall, self._shown = wall, None
        elif (wall.diagonal_in, wall.distance_m) != (diagonal, distance):
            wall.set_viewing(diagonal, distance)
        # the theme chosen, for the preview only: the running wall keeps its own until the settings are saved
        theme_field = self.fields.get("display.theme")
        chosen = str(theme_field.value()) if theme_field is not None else theme.current().name
        running = theme.current().name
        QApplication.sendPostedEvents()  # the running wall's pending paints in its own colours, first
        wall.apply_theme(chosen)
        if self._shown != (id(base), name):
            wall.apply_snapshot(replace(base, wall_name=name))
            self._shown = (id(base), name)
        wall.stop()
        QApplication.sendPostedEvents()
        layout = wall.layout()
        if layout is not None:
            layout.activate()
        pixmap: QPixmap = wall.grab()
        theme.use(running)
        self.preview.setPixmap(pixmap.scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        self.renders += 1

    def _drop_wall(self) -> None:
        if self._wall is not None:
            self._wall.stop()
            self._wall.close()
            self._wall.deleteLater()
        self._wall, self._shown = None, None

    def stop(self) -> None:
        """No preview after the dialog closed (the hidden wall goes)."""
        self._timer.stop()
        self._drop_wall()


class DataPage(SchemaPage):
    """Retention and the rest of the settings, where things live, export/import, doctor, version."""

    title = "Data and a&bout"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        keys = keys_for("data")
        briefing = tuple(k for k in keys if k.startswith("briefing."))
        super().__init__(ctx, [Section("Data", tuple(k for k in keys if k not in briefing)),
                               Section("Morning briefing", briefing,
                                       "The daily briefing (key B on the wall writes it now).")], parent)
        paths = ctx.paths
        places = QGroupBox(tr("Where things live"), self)
        grid = QVBoxLayout(places)
        for text, folder, shown in ((tr("Settings"), ctx.config_file.parent, ctx.config_file),
                                    (tr("Data"), paths.data_dir, paths.store_file),
                                    (tr("Logs"), paths.log_dir, paths.log_file)):
            row = QHBoxLayout()
            label = QLabel(f"{text}: {shown}", places)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            button = QPushButton(tr("Open folder"), places)
            button.setObjectName(f"open:{folder}")
            button.clicked.connect(lambda _=False, f=folder: self.open_folder(f))
            row.addWidget(label, 1)
            row.addWidget(button)
            grid.addLayout(row)
        self.body_layout.insertWidget(self.body_layout.count() - 1, places)

        transfer = QGroupBox(tr("Export and import"), self)
        t = QVBoxLayout(transfer)
        row = QHBoxLayout()
        self.export_settings_button = QPushButton(tr("&Export settings…"), transfer)
        self.import_settings_button = QPushButton(tr("&Import settings…"), transfer)
        self.export_mentions_button = QPushButton(tr("Export &mentions…"), transfer)
        self.export_settings_button.clicked.connect(self._ask_export_settings)
        self.import_settings_button.clicked.connect(self._ask_import_settings)
        self.export_mentions_button.clicked.connect(self._ask_export_mentions)
        for b in (self.export_settings_button, self.import_settings_button, self.export_mentions_button):
            row.addWidget(b)
        row.addStretch(1)
        t.addLayout(row)
        self.transfer_status = _status_label(transfer)
        t.addWidget(self.transfer_status)
        self.body_layout.insertWidget(self.body_layout.count() - 1, transfer)

        about = QGroupBox(tr("About and checks"), self)
        a = QVBoxLayout(about)
        version = QLabel(tr("Newsroom Wall %1").replace("%1", __version__), about)
        self.doctor_button = QPushButton(tr("Run the &checks"), about)
        self.doctor_button.clicked.connect(self.run_doctor)
        self.findings = QTreeWidget(about)
        self.findings.setObjectName("doctorFindings")
        self.findings.setHeaderLabels([tr("Result"), tr("Check"), tr("How to fix")])
        self.findings.setRootIsDecorated(False)
        self.findings.setColumnWidth(0, 110)
        self.findings.setColumnWidth(1, 720)
        self.findings.setMinimumHeight(320)
        top = QHBoxLayout()
        top.addWidget(version, 1)
        top.addWidget(self.doctor_button)
        a.addLayout(top)
        a.addWidget(self.findings)
        self.body_layout.insertWidget(self.body_layout.count() - 1, about)
        self.opened: list[Path] = []
        self._checked_once = False

    def showEvent(self, event: QShowEvent) -> None:
        """The doctor's list fills itself the first time the page is shown."""
        super().showEvent(event)
        if not self._checked_once:
            self._checked_once = True
            self.run_doctor()

    def open_folder(self, folder: Path) -> None:
        """Open a folder in the file manager (created first when it is not there yet)."""
        folder.mkdir(parents=True, exist_ok=True)
        self.opened.append(folder)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # --- export / import --------------------------------------------------------------------

    def _ask_export_settings(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("Export settings"), str(Path.home() / "newsroom.toml"),
                                              "TOML (*.toml)")
        if name:
            self.export_settings(Path(name))

    def export_settings(self, path: Path) -> None:
        """Write the settings on screen (never the keys and passwords) to ``path``."""
        try:
            model.export(self.ctx.current_draft(), path, self.ctx.lang)
        except (ValueError, OSError) as exc:
            self.transfer_status.setText(tr("Not exported: %1").replace("%1", str(exc)))
            return
        self.transfer_status.setText(tr("Settings exported to %1 (keys and passwords are not in it).")
                                     .replace("%1", str(path)))

    def _ask_import_settings(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Import settings"), str(Path.home()), "TOML (*.toml)")
        if name:
            self.import_settings(Path(name))

    def import_settings(self, path: Path) -> None:
        """Show the settings of another file on every page (saved with OK or Apply, not before)."""
        try:
            draft = model.load_strict(path)
        except ValueError as exc:
            self.transfer_status.setText(tr("Not imported: %1").replace("%1", str(exc)))
            return
        self.ctx.load_draft(draft)
        self.transfer_status.setText(tr("Imported from %1: check the pages, then press OK.")
                                     .replace("%1", str(path)))

    def _ask_export_mentions(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("Export mentions"), str(Path.home() / "mentions.csv"),
                                              "CSV (*.csv);;JSON Lines (*.jsonl)")
        if name:
            self.export_mentions(Path(name))

    def export_mentions(self, out: Path) -> None:
        """Every stored mention to CSV or JSONL, off the GUI thread."""
        from newsroom.store.opening import store_location

        # the shared store of the settings now shown (store.url), else the embedded file
        store_file = store_location(None, self.ctx.current_config().get("store.url"),
                                    self.ctx.paths.store_file)
        self.export_mentions_button.setEnabled(False)
        self.transfer_status.setText(tr("Exporting…"))

        def done(count: int) -> None:
            self.export_mentions_button.setEnabled(True)
            self.transfer_status.setText(tr("%1 mentions exported to %2").replace("%1", str(count))
                                         .replace("%2", str(out)))

        def failed(message: str) -> None:
            self.export_mentions_button.setEnabled(True)
            self.transfer_status.setText(tr("Not exported: %1").replace("%1", message))

        self.ctx.jobs.run(lambda: export_mentions(store_file, out), done, failed)

    # --- doctor ---------------------------------------------------------------------------

    def run_doctor(self) -> None:
        """The doctor's checks, off the GUI thread, as a list."""
        paths, config_file, lang = self.ctx.paths, self.ctx.config_file, self.ctx.lang
        self.doctor_button.setEnabled(False)
        self.findings.clear()

        def done(findings: tuple[Finding, ...]) -> None:
            self.doctor_button.setEnabled(True)
            marks = {"ok": "✔ ok", "warn": "⚠ " + tr("note"), "FAIL": "✖ " + tr("fix")}
            for f in findings:
                what, fix = in_language(f.what, lang), in_language(f.fix, lang)
                item = QTreeWidgetItem([marks.get(f.level, f.level), what, fix])
                item.setToolTip(1, what)
                item.setToolTip(2, fix)
                if f.level == "FAIL":
                    item.setForeground(0, Qt.GlobalColor.darkRed)
                self.findings.addTopLevelItem(item)

        def failed(message: str) -> None:
            self.doctor_button.setEnabled(True)
            self.findings.addTopLevelItem(QTreeWidgetItem(["✖", message, ""]))

        self.ctx.jobs.run(lambda: doctor(paths, config_file), done, failed)
