"""The key B on a wall that reads the store: ``newsroom briefing --store … --out …`` as a child process.

A reading wall holds no analysis (its topics are the collector's), so it does not gather the briefing
itself: the briefing command reads the store read-only and draws the PDF in a process of its own
(QProcess: the GUI thread only starts it and hears when it ended), and the wall says where the file went
or why it failed, with the same sentences as the in-process briefing (newsroom.ui.briefing_service).
The morning mail is not sent by a reading wall (see docs/briefing.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, Signal, Slot

from newsroom.collector.child import program
from newsroom.config import Config
from newsroom.domain import utcnow
from newsroom.localtime import to_local

log = logging.getLogger("newsroom.ui.briefing")

#: the briefing's translation context (the wall's: resources/i18n/nl_briefing.py)
CTX = "Wall"
#: how long stopping waits for a briefing in progress
STOP_MS = 20_000


def _tr(text: str, *values: object) -> str:
    out = QCoreApplication.translate(CTX, text)
    for i in range(len(values), 0, -1):
        out = out.replace(f"%{i}", str(values[i - 1]))
    return out


def briefing_folder(config: Config, data_dir: Path) -> Path:
    """Where the key B writes: ``briefing.folder``, else ``<data folder>/briefings``."""
    configured = str(config.get("briefing.folder")).strip()
    return Path(configured).expanduser() if configured else data_dir / "briefings"


def file_name(moment: datetime, lang: str) -> str:
    """'tamtam-2026-12-03-0730.pdf' (Dutch) or 'briefing-2026-12-03-0730.pdf' up to ``moment``."""
    stem = "tamtam" if lang == "nl" else "briefing"
    return f"{stem}-{to_local(moment):%Y-%m-%d-%H%M}.pdf"


def briefing_argv(store: str | Path, out: Path, *, basedir: str | Path | None, config: str | Path | None,
                  lang: str) -> list[str]:
    """The command line of the briefing of ``store`` written to ``out`` (this same program)."""
    argv = [*program(), "briefing", "--store", str(store), "--out", str(out), "--lang", lang]
    if basedir is not None:
        argv += ["--basedir", str(basedir)]
    if config is not None:
        argv += ["--config", str(config)]
    return argv


class StoreBriefing(QObject):
    """Writes the briefing of a store on request, in a child process; one at a time."""

    #: a short sentence for the wall's notice line
    notice = Signal(str)
    #: a PDF was written (its path)
    written = Signal(str)

    def __init__(self, store: str | Path | Callable[[], str | Path], config: Config, data_dir: Path, *,
                 lang: str = "nl", basedir: str | Path | None = None, config_file: str | Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.lang = lang
        self.folder = briefing_folder(config, data_dir)
        self.basedir = basedir
        self.config_file = config_file
        self._process: QProcess | None = None
        self._out: Path | None = None

    @property
    def busy(self) -> bool:
        """True while a briefing is being written."""
        return self._process is not None

    @Slot()
    def write_now(self) -> None:
        """Start ``newsroom briefing`` on the store (ignored while one runs)."""
        if self._process is not None:
            return
        self._out = self.folder / file_name(utcnow(), self.lang)
        store = self.store() if callable(self.store) else self.store
        argv = briefing_argv(store, self._out, basedir=self.basedir, config=self.config_file,
                             lang=self.lang)
        process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("QT_QPA_PLATFORM", "offscreen")  # the briefing draws a PDF, never a window
        for name in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
            env.remove(name)
        process.setProcessEnvironment(env)
        process.setProgram(argv[0])
        process.setArguments(argv[1:])
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._failed_to_start)
        self._process = process
        self.notice.emit(_tr("Writing the briefing…"))
        log.info("writing the briefing to %s in a child process", self._out)
        process.start()

    @Slot(QProcess.ProcessError)
    def _failed_to_start(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._process is not None:
            reason = self._process.errorString()
            self._end()
            log.warning("the briefing could not be started: %s", reason)
            self.notice.emit(_tr("The briefing could not be written: %1", reason))

    @Slot(int, QProcess.ExitStatus)
    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        process, out = self._process, self._out
        if process is None or out is None:
            return
        err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        self._end()
        if code == 0 and out.exists():
            log.info("briefing written to %s", out)
            self.notice.emit(_tr("Briefing saved: %1", f"{out.parent.name}/{out.name}"))
            self.written.emit(str(out))
            return
        lines = [line.removeprefix("newsroom: ") for line in err.splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit {code}"
        log.warning("the briefing (exit %d) failed: %s", code, reason)
        self.notice.emit(_tr("The briefing could not be written: %1", reason))

    def _end(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.deleteLater()

    def stop(self) -> None:
        """Wait (a little) for a briefing in progress, then end it."""
        process = self._process
        if process is None:
            return
        if not process.waitForFinished(STOP_MS):
            log.warning("a briefing was still being written at shutdown; ended")
            process.kill()
            process.waitForFinished(2000)
        self._end()
