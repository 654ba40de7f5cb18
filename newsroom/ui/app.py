"""Qt application set-up: fonts, translations, the wall window."""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import sys
from types import FrameType

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QMessageLogContext,
    QObject,
    QSocketNotifier,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from newsroom import APP_NAME, __version__, systemd
from newsroom.resources import resource_path
from newsroom.ui import theme

log = logging.getLogger("newsroom.ui.app")

FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoColorEmoji.ttf")
_translators: list[QTranslator] = []


def register_fonts() -> list[str]:
    """Register the bundled fonts; returns the families Qt now knows from them."""
    families: list[str] = []
    for name in FONT_FILES:
        path = resource_path("fonts", name)
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load the bundled font %s", path)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def install_translation(app: QCoreApplication, lang: str) -> bool:
    """Load the wall's translation for ``lang`` ('nl' is the default; English is the source)."""
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if lang == "en":
        return True
    translator = QTranslator(app)
    if not translator.load(str(resource_path("i18n", f"newsroom_{lang}.qm"))):
        log.warning("no translation for %s; showing English", lang)
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    QLocale.setDefault(QLocale(lang))
    return True


_QT_NOISE = ("This plugin does not support",)  # offscreen and some window managers: no raise(), no size hints
_qt_log = logging.getLogger("newsroom.qt")


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message.startswith(_QT_NOISE):
        return
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(kind, logging.ERROR)
    _qt_log.log(level, "%s", message)


def route_qt_messages() -> None:
    """Send Qt's own messages to the log (the command-line apps; tests keep pytest-qt's handler)."""
    qInstallMessageHandler(_qt_message)


def make_app(lang: str = "nl", argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists), with fonts and translation installed."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    icon = resource_path("icons", "newsroom.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    register_fonts()
    app.setFont(theme.font(16))
    install_translation(app, lang)
    return app


class QuitOnSignals(QObject):
    """SIGTERM and SIGINT end the event loop (the caller then shuts down cleanly and exits 0).

    Python runs its signal handlers only between bytecodes, never while Qt's C++ event loop sleeps:
    the C-level handler writes the signal number to a socket (``signal.set_wakeup_fd``), a
    QSocketNotifier wakes the loop, and the Python handler runs while the notifier's slot drains it.
    """

    def __init__(self, app: QCoreApplication,
                 signums: tuple[int, ...] = (signal.SIGTERM, signal.SIGINT)) -> None:
        super().__init__(app)
        self._app = app
        #: the signal that ended the loop, None while none came
        self.received: int | None = None
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._old_wakeup = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._old_handlers = {signum: signal.signal(signum, self._handle) for signum in signums}

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self._reader.recv(256)  # the Python handler runs here, between two bytecodes

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.received is None:
            log.info("received %s: stopping the wall", signal.Signals(signum).name)
            self.received = signum
        QTimer.singleShot(0, self._app.quit)  # also when the loop has not started yet

    def uninstall(self) -> None:
        """Give the signals back to their previous handlers."""
        for signum, handler in self._old_handlers.items():
            signal.signal(signum, handler)
        signal.set_wakeup_fd(self._old_wakeup)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


def ready_once_running(status: str) -> None:
    """``READY=1`` to systemd as soon as the event loop runs (the window is then on screen)."""
    QTimer.singleShot(0, lambda: systemd.ready(status))


def start_keepalive(parent: QObject) -> QTimer | None:
    """``WATCHDOG=1`` to systemd from a timer on the GUI thread: a hung GUI stops it, systemd restarts.

    Returns the timer, or None when the service has no watchdog (``WatchdogSec=`` unset, not systemd).
    """
    interval_s = systemd.watchdog_interval_s()
    if interval_s is None:
        return None
    timer = QTimer(parent)
    timer.setInterval(max(50, int(interval_s * 1000)))
    timer.timeout.connect(systemd.watchdog)
    timer.start()
    systemd.watchdog()
    log.info("systemd watchdog: keep-alive every %.1f s", interval_s)
    return timer
