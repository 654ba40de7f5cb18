"""The Data and about page: the folders, export and import of the settings and mentions, doctor,
the version."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
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
from newsroom.ui.settings import model
from newsroom.ui.settings.common import status_label, tr
from newsroom.ui.settings.doctor_nl import in_language
from newsroom.ui.settings.probes import Finding, doctor, export_mentions
from newsroom.ui.settings.schema_page import Context, SchemaPage, Section, keys_for


class DataPage(SchemaPage):
    """Retention and the rest of the settings, where things live, export/import, doctor, version."""

    title = "Data and a&bout"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        keys = keys_for("data")
        briefing = tuple(k for k in keys if k.startswith("briefing."))
        super().__init__(ctx, [Section("Data", tuple(k for k in keys if k not in briefing)),
                               Section("Morning briefing", briefing,
                                       "The daily briefing (key B on the wall writes it now).")], parent)
        self.opened: list[Path] = []
        self._checked_once = False
        self._add_places(ctx)
        self._add_transfer()
        self._add_about()

    def _add_places(self, ctx: Context) -> None:
        """Where the settings, the data and the logs live, each with a button that opens its folder."""
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

    def _add_transfer(self) -> None:
        """Export and import of the settings, export of the mentions."""
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
        self.transfer_status = status_label(transfer)
        t.addWidget(self.transfer_status)
        self.body_layout.insertWidget(self.body_layout.count() - 1, transfer)

    def _add_about(self) -> None:
        """The version and the doctor's checks."""
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
