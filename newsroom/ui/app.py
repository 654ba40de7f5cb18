"""Qt application set-up: fonts, translations, the wall window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QMessageLogContext,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from newsroom import APP_NAME, __version__
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


_QT_NOISE = ("This plugin does not support propagateSizeHints",)
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
    register_fonts()
    app.setFont(theme.font(16))
    install_translation(app, lang)
    return app
