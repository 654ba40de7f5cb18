"""The briefing in the running wall: the key B writes the PDF, and the morning e-mail goes out by itself.

The pipeline's thread hands over in a moment what only it knows (the names of its live topics, the
sources' health, its store file); the period is then read through a read-only connection of its own, the
PDF drawn and the mail sent on a thread of this service's pool (a store in memory is read on the
pipeline's thread). The GUI thread only starts jobs and shows a short notice where the file went (or why
it failed). The morning mail is due once a day from ``briefing.email_time`` (local
time); the day it went out is kept in the store (``briefing_mailed``) so a restart does not send it twice,
and a failed send is tried again after RETRY.
"""

from __future__ import annotations

import logging
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from newsroom.briefing.data import BriefingData, LiveContext, gather_live, live_context
from newsroom.briefing.mail import briefing_channel, briefing_message
from newsroom.briefing.schedule import MAILED_KEY, RETRY, is_due, parse_clock
from newsroom.config import Config
from newsroom.domain import utcnow
from newsroom.localtime import to_local
from newsroom.pipeline.runner import Pipeline
from newsroom.ui.briefing_pdf import write_pdf
from newsroom.ui.briefing_process import briefing_folder, file_name
from newsroom.ui.briefing_style import fill, tr

__all__ = ["BriefingService", "briefing_folder", "file_name", "short_path"]

log = logging.getLogger("newsroom.ui.briefing")

#: how often the wall looks whether the morning mail is due
CHECK_MS = 60_000
#: how long stopping waits for a PDF or a mail in progress
STOP_MS = 20_000
#: a request without an answer after this long (the pipeline was not running) no longer blocks a new one
GIVE_UP_S = 120.0


def short_path(path: Path) -> str:
    """'briefings/tamtam-2026-12-03-0730.pdf': the folder's name and the file, short enough for the top
    bar (the full path is in the log and in docs/briefing.md)."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


class BriefingService(QObject):
    """Writes the briefing on request and mails it every morning; see the module docstring."""

    #: a short sentence for the wall's notice line
    notice = Signal(str)
    #: a PDF was written (its path)
    written = Signal(str)
    _gathered = Signal(object, str)
    _done = Signal(str, str, str, str)

    def __init__(self, worker: object, config: Config, data_dir: Path, *, lang: str = "nl",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.config = config
        self.lang = lang
        self.folder = briefing_folder(config, data_dir)
        self.since = timedelta(hours=int(config.get("briefing.since_hours")))
        self.max_topics = int(config.get("briefing.max_topics"))
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._busy = False
        self._mailing = False
        self._asked = 0.0
        self._mailed: date | None = None
        self._retry_at: datetime | None = None
        self._gathered.connect(self._write)
        self._done.connect(self._finished)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check_mail)
        self.mail_at = None
        if bool(config.get("briefing.enabled")):
            try:
                self.mail_at = parse_clock(str(config.get("briefing.email_time")))
            except ValueError as exc:
                log.warning("%s; the morning briefing is not mailed", exc)
            if self.mail_at is not None and briefing_channel(config) is None:
                log.warning("briefing.enabled is on but alerts.email.host is empty: the morning briefing "
                            "is not mailed")
                self.mail_at = None
        if self.mail_at is not None:
            self._timer.start()

    # --- the key B ------------------------------------------------------------------------

    @Slot()
    def write_now(self) -> None:
        """Gather the period on the pipeline's thread, then write the PDF off the GUI thread."""
        if self._busy and time.monotonic() - self._asked < GIVE_UP_S:
            return
        self._busy = True
        self.notice.emit(tr("Writing the briefing…"))
        self._ask("file")

    def _ask(self, purpose: str) -> None:
        self._asked = time.monotonic()
        since, max_topics, mailed = self.since, self.max_topics, self._mailed

        def job(pipeline: Pipeline) -> None:
            try:
                if purpose == "mail":
                    last = pipeline.store.get_meta(MAILED_KEY)
                    today = to_local(pipeline.clock()).date().isoformat()
                    if last == today or (mailed is not None and mailed.isoformat() == today):
                        self._gathered.emit(None, "mailed:" + today)
                        return
                context = live_context(pipeline)
                if context.in_memory:  # only this thread can read it: gather here
                    self._gathered.emit(gather_live(context, since, max_topics=max_topics,
                                                    store=pipeline.store), purpose)
                else:  # the rest on the service's own thread, through a read-only connection
                    self._gathered.emit(context, purpose)
            except Exception as exc:  # the store could not be read: say so on the wall
                log.exception("gathering the briefing failed")
                self._done.emit(purpose, "", str(exc), "")

        self._worker.call(job)  # type: ignore[attr-defined]

    @Slot(object, str)
    def _write(self, gathered: BriefingData | LiveContext | None, purpose: str) -> None:
        if gathered is None:  # the morning mail of today already went out (before a restart)
            self._mailing = False
            self._mailed = date.fromisoformat(purpose.split(":", 1)[1])
            return
        moment = gathered.end if isinstance(gathered, BriefingData) else gathered.now
        path = self.folder / file_name(moment, self.lang)
        lang = self.lang
        channel = briefing_channel(self.config) if purpose == "mail" else None
        hours = round(self.since.total_seconds() / 3600)
        day = to_local(moment).date().isoformat()
        since, max_topics = self.since, self.max_topics

        def render() -> None:
            try:
                data = gathered if isinstance(gathered, BriefingData) else \
                    gather_live(gathered, since, max_topics=max_topics)
                write_pdf(data, path, lang)
                if channel is not None:
                    msg = briefing_message(channel.sender, channel.recipients, town=data.wall_name,
                                           day=day, hours=hours, pdf=path.read_bytes(),
                                           filename=path.name, lang=lang)
                    channel.deliver(msg)
                self._done.emit(purpose, str(path), "", day)
            except Exception as exc:
                log.warning("the briefing (%s) failed: %s", purpose, exc)
                self._done.emit(purpose, str(path), str(exc) or type(exc).__name__, day)

        self._pool.start(render)

    @Slot(str, str, str, str)
    def _finished(self, purpose: str, path: str, error: str, day: str) -> None:
        if purpose == "file":
            self._busy = False
            if error:
                self.notice.emit(fill("The briefing could not be written: %1", error))
            else:
                log.info("briefing written to %s", path)
                self.notice.emit(fill("Briefing saved: %1", short_path(Path(path))))
                self.written.emit(path)
            return
        self._mailing = False
        if error:
            self._retry_at = utcnow() + RETRY
            self.notice.emit(fill("The morning briefing could not be sent: %1", error))
            return
        self._mailed = date.fromisoformat(day)
        self._retry_at = None
        self._worker.call(lambda p: p.store.set_meta(MAILED_KEY, day))  # type: ignore[attr-defined]
        channel = briefing_channel(self.config)
        recipients = ", ".join(channel.recipients) if channel is not None else ""
        log.info("morning briefing %s sent to %s", path, recipients)
        self.notice.emit(fill("Morning briefing sent to %1", recipients))

    # --- the morning mail -----------------------------------------------------------------

    @Slot()
    def check_mail(self, now: datetime | None = None) -> bool:
        """Start the morning mail when it is due; True when it was started."""
        if self.mail_at is None or (self._mailing and time.monotonic() - self._asked < GIVE_UP_S):
            return False
        now = now or utcnow()
        if self._retry_at is not None and now < self._retry_at:
            return False
        if not is_due(to_local(now), self.mail_at, self._mailed):
            return False
        self._mailing = True
        self._ask("mail")
        return True

    def stop(self) -> None:
        """Stop the timer and wait (a little) for a PDF or a mail in progress."""
        self._timer.stop()
        if not self._pool.waitForDone(STOP_MS):
            log.warning("a briefing was still being written or sent at shutdown")
