"""The morning briefing mail, sent by the collector (it sends the alert channels too): once a day at
``briefing.email_time`` (the wall's time zone), or as soon as it runs that day. Plain Python, no Qt.

The PDF is drawn by ``newsroom briefing --store … --out …`` in a child process (the collector imports no
Qt), on a thread of its own, and mailed through the alerts' e-mail server; the day it went out is written
to the store (``briefing_mailed``, as the in-process wall did) by the collector's own thread, so a restart
or a take-over does not send it twice. A failed send is tried again after RETRY.
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path

from newsroom.briefing.mail import briefing_channel, briefing_message
from newsroom.briefing.schedule import MAILED_KEY, RETRY, is_due, parse_clock
from newsroom.collector.child import program
from newsroom.config import Config
from newsroom.localtime import to_local

log = logging.getLogger("newsroom.collector.morning")

#: how long the briefing command may take
BRIEFING_TIMEOUT_S = 300.0

Runner = Callable[[Sequence[str]], subprocess.CompletedProcess[bytes]]


def _run(argv: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(list(argv), capture_output=True, timeout=BRIEFING_TIMEOUT_S, check=False,
                          env=_env())


def _env() -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


class MorningMail:
    """``check(store, now)`` between two polls: starts the mail when due, records the day once sent."""

    def __init__(self, config: Config, store: str | Path, *, basedir: str | Path | None,
                 config_file: str | Path | None, run: Runner = _run) -> None:
        self.store = store
        self.basedir = basedir
        self.config_file = config_file
        self._run = run
        self._thread: threading.Thread | None = None
        self._result: tuple[str, str] | None = None  # (day, error) of the last send, for the loop's thread
        self._mailed: date | None = None
        self._retry_at: datetime | None = None
        self.apply(config)

    def apply(self, config: Config) -> None:
        """The briefing settings from now on (the config file changed)."""
        self.config = config
        self.mail_at: time | None = None
        if not bool(config.get("briefing.enabled")):
            return
        try:
            self.mail_at = parse_clock(str(config.get("briefing.email_time")))
        except ValueError as exc:
            log.warning("%s; the morning briefing is not mailed", exc)
            return
        if briefing_channel(config) is None:
            log.warning("briefing.enabled is on but alerts.email.host is empty: the morning briefing is not "
                        "mailed")
            self.mail_at = None

    def check(self, get_meta: Callable[[str], str | None], set_meta: Callable[[str, str], None],
              now: datetime) -> bool:
        """On the collector's thread: record a finished send, start one when due; True when started."""
        if self._result is not None and (self._thread is None or not self._thread.is_alive()):
            day, error = self._result
            self._result, self._thread = None, None
            if error:
                self._retry_at = now + RETRY
                log.warning("the morning briefing could not be sent: %s; trying again at %s", error,
                            f"{to_local(self._retry_at):%H:%M}")
            else:
                self._mailed = date.fromisoformat(day)
                set_meta(MAILED_KEY, day)
        if self.mail_at is None or self._thread is not None:
            return False
        if self._retry_at is not None and now < self._retry_at:
            return False
        today = to_local(now).date()
        stored = get_meta(MAILED_KEY)
        if stored == today.isoformat():
            self._mailed = today
        if not is_due(to_local(now), self.mail_at, self._mailed):
            return False
        self._thread = threading.Thread(target=self._send, args=(today.isoformat(), now),
                                        name="morning-briefing", daemon=True)
        self._thread.start()
        return True

    def wait(self, timeout_s: float) -> None:
        """Wait for a send in progress (the collector is stopping)."""
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _send(self, day: str, now: datetime) -> None:
        config = self.config
        lang = str(config.get("wall.language"))
        hours = int(config.get("briefing.since_hours"))
        try:
            channel = briefing_channel(config)
            if channel is None:
                raise RuntimeError("no e-mail server is configured (alerts.email.host)")
            with tempfile.TemporaryDirectory(prefix="newsroom-briefing-") as folder:
                stem = "tamtam" if lang == "nl" else "briefing"
                out = Path(folder) / f"{stem}-{to_local(now):%Y-%m-%d-%H%M}.pdf"
                argv = [*program(), "briefing", "--store", str(self.store), "--out", str(out),
                        "--since", f"{hours}h", "--lang", lang]
                if self.basedir is not None:
                    argv += ["--basedir", str(self.basedir)]
                if self.config_file is not None:
                    argv += ["--config", str(self.config_file)]
                done = self._run(argv)
                if done.returncode != 0 or not out.exists():
                    lines = [s for s in done.stderr.decode("utf-8", "replace").splitlines() if s.strip()]
                    raise RuntimeError(lines[-1].removeprefix("newsroom: ") if lines else
                                       f"the briefing command ended with {done.returncode}")
                message = briefing_message(channel.sender, channel.recipients, town=config.wall_name, day=day,
                                           hours=hours, pdf=out.read_bytes(), filename=out.name, lang=lang)
                channel.deliver(message)
            log.info("morning briefing %s sent to %s", out.name, ", ".join(channel.recipients))
            self._result = (day, "")
        except Exception as exc:
            self._result = (day, str(exc) or type(exc).__name__)
