"""The settings dialog: pages on the left, OK/Cancel/Apply; non-modal so the wall keeps running.

OK and Apply check every page before saving any; the first problem is shown where it is (its page, its
field focused, the sentence under it). Cancel writes nothing. With a PIN set (``settings.pin`` in the
keyring) the pages show only after it is typed; with no config file yet, the first-run path comes first.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from newsroom.config import Config
from newsroom.domain import WallSnapshot
from newsroom.paths import AppPaths
from newsroom.ui.settings import model
from newsroom.ui.settings.alerts_page import AlertsPage
from newsroom.ui.settings.common import Jobs, Page, Problem, buddy_label, error_label, tr
from newsroom.ui.settings.data_page import DataPage
from newsroom.ui.settings.display_page import DisplayPage
from newsroom.ui.settings.firstrun import FirstRun
from newsroom.ui.settings.model import Draft
from newsroom.ui.settings.schema_page import Context, SchemaPage
from newsroom.ui.settings.searches import SearchesPage
from newsroom.ui.settings.sources_page import SourcesPage
from newsroom.ui.wall import WallWindow

log = logging.getLogger("newsroom.ui.settings")

PIN_KEY = "settings.pin"


class PinGate(QWidget):
    """Asks for the PIN before the settings show."""

    unlocked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("pinEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMaximumWidth(240)
        label = buddy_label(tr("The settings are protected. Type the &PIN:"), self.edit, self)
        self.error = error_label(self)
        self.button = QPushButton(tr("&Unlock"), self)
        self.button.setObjectName("pinUnlock")
        self.button.clicked.connect(self.try_unlock)
        self.edit.returnPressed.connect(self.try_unlock)
        row = QHBoxLayout()
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(2)
        self.attempts = 0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the PIN field unlocks; it must not also reach the dialog's OK."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def try_unlock(self) -> None:
        """Compare with the stored PIN; say so when it is wrong."""
        self.attempts += 1
        stored = model.secret_value(PIN_KEY) or ""
        if stored and self.edit.text() == stored:
            self.edit.clear()
            self.error.setVisible(False)
            self.unlocked.emit()
            return
        self.edit.clear()
        self.error.setText(tr("That PIN is not right."))
        self.error.setVisible(True)
        log.info("wrong settings PIN typed (%d)", self.attempts)


class SettingsDialog(QDialog):
    """Searches, Sources, Alerts, Display, Data and about."""

    #: the Config just saved (OK or Apply)
    saved = Signal(object)

    def __init__(self, paths: AppPaths, config_file: Path, *, lang: str = "nl", worker: object | None = None,
                 snapshot: WallSnapshot | None = None, demo_preview: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(tr("Newsroom Wall — settings"))
        self.setModal(False)
        if parent is not None:  # a window of the wall: not the wall's dark palette
            self.setPalette(QApplication.palette())
        self.paths = paths
        self.config_file = config_file
        self.lang = lang
        self.worker = worker
        self.jobs = Jobs(self)
        self.loaded = model.load(config_file)
        self.base = self.loaded.draft
        self.ctx = Context(lang, paths, config_file, self.jobs, self.current_config, self.current_draft,
                           self.show_draft, snapshot, typed_secrets=self.typed_secrets)
        self._make_pages()
        self._make_status_and_buttons()
        self._lay_out_pages()
        self._make_views()
        #: wait for running tests when closing (the command does; on the wall the GUI must not wait)
        self.wait_on_close = parent is None
        self.resize(1280, 860)
        if demo_preview and snapshot is None:
            self._load_demo_preview()
        self._start()

    def _make_pages(self) -> None:
        """The five pages in a stack, with their list on the left (Ctrl+1 … Ctrl+5)."""
        self.searches = SearchesPage(self.jobs, self.current_config, secrets_for_tests=self.typed_secrets)
        self.pages: list[Page] = [self.searches, SourcesPage(self.ctx), AlertsPage(self.ctx),
                                  DisplayPage(self.ctx), DataPage(self.ctx)]
        self.nav = QListWidget(self)
        self.nav.setObjectName("settingsNav")
        self.nav.setFixedWidth(220)
        self.stack = QStackedWidget(self)
        for i, page in enumerate(self.pages):
            self.nav.addItem(tr(page.title).replace("&", ""))
            self.nav.item(i).setToolTip(f"Ctrl+{i + 1}")
            self.stack.addWidget(page)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            shortcut.activated.connect(lambda i=i: self.nav.setCurrentRow(i))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

    def _make_status_and_buttons(self) -> None:
        """The status line and OK, Cancel and Apply."""
        self.status = QLabel("", self)
        self.status.setObjectName("settingsStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("&OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setText(tr("A&pply"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)

    def _lay_out_pages(self) -> None:
        """The pages' view: the list beside the page shown, the status and buttons below."""
        pages_view = QWidget(self)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer = QVBoxLayout(pages_view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(body, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        outer.addLayout(bottom)
        self.pages_view = pages_view

    def _make_views(self) -> None:
        """What the dialog shows, one at a time: the PIN gate, the first-run path or the pages."""
        self.first_run = FirstRun(self)
        self.first_run.finished.connect(self._first_run_done)
        self.first_run.skipped.connect(self._show_pages)
        self.pin = PinGate(self)
        self.pin.unlocked.connect(self._unlocked)
        self.views = QStackedWidget(self)
        for view in (self.pin, self.first_run, self.pages_view):
            self.views.addWidget(view)
        root = QVBoxLayout(self)
        root.addWidget(self.views)

    def reload(self, snapshot: WallSnapshot | None = None) -> None:
        """Read the file again and start over (the wall reopens one dialog), locked again with a PIN."""
        self.loaded = model.load(self.config_file)
        self.base = self.loaded.draft
        if snapshot is not None:
            self.ctx.snapshot = snapshot
        self.status.clear()
        self._start()

    def _start(self) -> None:
        for notice in self.loaded.notices:
            log.info("settings opened with a notice: %s", notice)
        if self.loaded.notices:
            self.status.setText(tr("The settings file had a problem; you see the defaults (%1).")
                                .replace("%1", "; ".join(d for _, d in self.loaded.notices)))
        self.show_draft(self.base)
        self.nav.setCurrentRow(0)
        if model.has_secret(PIN_KEY):
            self.views.setCurrentWidget(self.pin)
            self.pin.edit.setFocus()
        else:
            self._unlocked()

    def _load_demo_preview(self) -> None:
        from newsroom.ui.settings.probes import demo_snapshot

        display = next(p for p in self.pages if isinstance(p, DisplayPage))

        def done(snapshot: WallSnapshot) -> None:
            self.ctx.snapshot = snapshot
            display.render_preview()

        paths = self.paths
        self.jobs.run(lambda: demo_snapshot(paths), done,
                      lambda message: log.info("no demo preview: %s", message))

    # --- views ----------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        """True while the PIN has not been typed."""
        return self.views.currentWidget() is self.pin

    def _unlocked(self) -> None:
        if not self.loaded.exists:
            self.views.setCurrentWidget(self.first_run)
            self.first_run.next.setDefault(True)  # Enter is Next
            self.first_run.town.setFocus()
        else:
            self._show_pages()

    def _show_pages(self) -> None:
        self.views.setCurrentWidget(self.pages_view)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)  # Enter is OK
        self.nav.setFocus()

    def _first_run_done(self, draft: Draft) -> None:
        merged = Draft({**self.base.values, **draft.values}, list(draft.searches))
        if self._save(merged) is None:
            self._show_pages()
            return
        self.base = merged
        self.show_draft(merged)
        self._show_pages()
        self.status.setText(tr("Saved to %1. The wall is set up; everything else is on these pages.")
                            .replace("%1", str(self.config_file)))

    def show_draft(self, draft: Draft) -> None:
        """Show ``draft`` on every page."""
        for page in self.pages:
            page.load(draft)

    # --- drafts ---------------------------------------------------------------------------

    def current_draft(self) -> Draft:
        """What the pages show now (values that cannot be read are left at what was loaded)."""
        draft = Draft(dict(self.base.values), list(self.searches.searches))
        for page in self.pages:
            if isinstance(page, SchemaPage):
                page.peek(draft)
        return draft

    def typed_secrets(self) -> dict[str, str]:
        """The keys and passwords typed on every page and not saved yet (for the tests of a source or
        a channel; "" for one the operator removed)."""
        out: dict[str, str] = {}
        for page in self.pages:
            if isinstance(page, SchemaPage):
                out.update(page.typed_secrets())
        return out

    def current_config(self) -> Config:
        """The values on the pages now, as a Config for tests and previews."""
        draft = self.current_draft()
        return model.as_config(draft.values, draft.searches)

    def check_pages(self) -> Problem | None:
        """Check every page; show the first problem where it is and return it."""
        for page in self.pages:
            page.clear_problems()
        for i, page in enumerate(self.pages):
            problem = page.check()
            if problem is not None:
                self._show(i, page, problem)
                return problem
        draft = Draft(dict(self.base.values), [])
        for page in self.pages:
            page.save(draft)
        found = model.problems(draft)
        if not found:
            return None
        # a problem of the whole (e.g. two searches with one name): shown where its key is
        first = found[0]
        message = first.text(self.lang)
        place = self._place_of(first.key, message)
        if place is None:
            self.status.setText(tr("Not saved: %1").replace("%1", message))
            return Problem(self.status, message)
        i, page, problem = place
        self._show(i, page, problem)
        return problem

    def _place_of(self, key: str, message: str) -> tuple[int, Page, Problem] | None:
        """The page and field of a config key (``searches[2].name`` or a dotted key), with the sentence."""
        if key.startswith("searches["):
            row = int(key[len("searches["):key.index("]")])
            self.searches.list.setCurrentRow(row)
            widget = self.searches.query.edit if key.endswith(".query") else self.searches.name
            return self.pages.index(self.searches), self.searches, Problem(widget, message)
        for i, page in enumerate(self.pages):
            field = getattr(page, "fields", {}).get(key)
            if field is not None:
                return i, page, Problem(field.editor, message)
        return None

    def _show(self, index: int, page: Page, problem: Problem) -> None:
        self.nav.setCurrentRow(index)
        page.show_problem(problem)
        problem.widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.status.setText(tr("Not saved: %1").replace("%1", problem.message))

    def _save(self, draft: Draft) -> Config | None:
        try:
            config = model.save(draft, self.config_file, self.lang)
        except (ValueError, RuntimeError, OSError) as exc:
            self.status.setText(tr("Not saved: %1").replace("%1", str(exc)))
            log.warning("settings not saved: %s", exc)
            return None
        log.info("settings saved to %s", self.config_file)
        apply = getattr(self.worker, "apply_config", None)
        if callable(apply):
            apply(config)
        self.saved.emit(config)
        return config

    def apply(self) -> bool:
        """Check every page, then save them all; True when saved."""
        if self.locked:
            return False
        if self.check_pages() is not None:
            return False
        draft = Draft(dict(self.base.values), [])
        for page in self.pages:
            page.save(draft)
        if self._save(draft) is None:
            return False
        self.base = Draft(dict(draft.values), list(draft.searches))
        self.show_draft(self.base)
        text = tr("Saved to %1.").replace("%1", str(self.config_file))
        if self.worker is not None and not callable(getattr(self.worker, "apply_config", None)):
            text += " " + tr("The running wall takes the searches and sources on at its next start.")
        self.status.setText(text)
        return True

    # --- closing --------------------------------------------------------------------------

    def accept(self) -> None:
        """OK: save when every page is right, then close."""
        if self.locked or self.views.currentWidget() is self.first_run:
            return
        if self.apply():
            super().accept()

    def done(self, result: int) -> None:
        """Closing (OK, Cancel, Escape): let running tests finish first; Cancel writes nothing."""
        self._stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window is Cancel."""
        self._stop()
        super().closeEvent(event)

    def _stop(self) -> None:
        for page in self.pages:
            stop = getattr(page, "stop", None)
            if callable(stop):
                stop()
        if self.wait_on_close and not self.jobs.wait(30_000):
            log.warning("a settings test was still running when the dialog closed")


def open_settings(paths: AppPaths, config_file: Path, *, lang: str, worker: object | None = None,
                  snapshot: WallSnapshot | None = None, parent: QWidget | None = None,
                  existing: SettingsDialog | None = None) -> SettingsDialog:
    """Show the dialog without blocking. One dialog per wall: ``existing`` is brought to the front while
    open, and read again from the file when it was closed (a test still running in it just finishes)."""
    if existing is not None:
        if not existing.isVisible():
            existing.reload(snapshot)
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = SettingsDialog(paths, config_file, lang=lang, worker=worker, snapshot=snapshot, parent=parent)
    dialog.show()
    return dialog


def apply_to_wall(wall: WallWindow, config: Config) -> None:
    """What the wall itself shows from the settings, at once: its type size (diagonal and distance)."""
    wall.set_viewing(float(config.get("display.screen_diagonal_in")),
                     float(config.get("display.viewing_distance_m")))


def open_from_wall(wall: WallWindow, worker: object, paths: AppPaths, config_file: Path, *, lang: str,
                   existing: SettingsDialog | None = None) -> SettingsDialog:
    """The dialog over the running wall (Ctrl+, or F2): saving applies to the worker and the wall."""
    dialog = open_settings(paths, config_file, lang=lang, worker=worker, snapshot=wall.snapshot, parent=wall,
                           existing=existing)
    if existing is None:
        dialog.saved.connect(lambda config: apply_to_wall(wall, config))
    return dialog
