"""One editor per setting type, generated from the schema: title as label, help as a line under it.

Types: str and url (a line), int and float (a spin box within the schema's bounds), bool (a check box),
choice (a list), list[str] (one item per line), secret (a password field: the value goes to the keyring,
never into the file; an empty field keeps what is stored).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from newsroom.config.schema import Setting
from newsroom.ui.settings import model
from newsroom.ui.settings.common import error_label, tr

#: how the choices of a few settings read in the dialog (English source texts, translated)
CHOICE_TEXT = {"fewer": "fewer alerts", "balanced": "balanced", "more": "more alerts",
               "nl": "Nederlands", "en": "English", "donker": "dark", "licht": "light",
               "hoog contrast": "high contrast"}


def title(setting: Setting, lang: str) -> str:
    """The setting's label in the dialog's language."""
    return setting.title_en if lang == "en" else setting.title_nl


def help_text(setting: Setting, lang: str) -> str:
    """The setting's one-line help in the dialog's language."""
    return setting.help_en if lang == "en" else setting.help_nl


class SettingField(QWidget):
    """Label, editor, help line and error line for one Setting."""

    changed = Signal()

    def __init__(self, setting: Setting, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setting = setting
        self.lang = lang
        self.setObjectName(f"field:{setting.key}")
        self._secret_stored = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        self.label = QLabel(title(setting, lang), self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.editor = self._make_editor(lang)
        self.editor.setObjectName(f"editor:{setting.key}")
        self.editor.setToolTip(setting.key)
        self.label.setBuddy(self.editor)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.editor, 1)
        if isinstance(self.editor, QSpinBox | QDoubleSpinBox | QComboBox):
            self.editor.setMaximumWidth(260)
        elif not isinstance(self.editor, QCheckBox):
            self.editor.setMaximumWidth(820)
        row.addStretch(0)
        self.row = row
        if setting.type != "bool":
            layout.addWidget(self.label)
        else:
            self.label.setVisible(False)
        layout.addLayout(row)
        self.help = QLabel(help_text(setting, lang), self)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setWordWrap(True)
        self.help.setObjectName("fieldHelp")
        self.help.setStyleSheet("#fieldHelp { color: #555; }")
        self.help.setVisible(bool(self.help.text()))
        layout.addWidget(self.help)
        self.error = error_label(self)
        layout.addWidget(self.error)
        #: a stored secret to be removed on save ("Remove" beside a secret field)
        self.clear_secret = False
        self.clear_button: QPushButton | None = None
        if setting.secret:
            self.clear_button = QPushButton(tr("Remove"), self)
            self.clear_button.setObjectName(f"clear:{setting.key}")
            self.clear_button.clicked.connect(self._remove_secret)
            self.add_button(self.clear_button)

    def add_button(self, button: QPushButton) -> None:
        """A button beside the editor ("Test connection", "Send test")."""
        self.row.insertWidget(self.row.count() - 1, button)

    def _make_editor(self, lang: str) -> QWidget:
        s = self.setting
        if s.secret:
            edit = QLineEdit(self)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textEdited.connect(self.changed)
            return edit
        if s.type == "bool":
            box = QCheckBox(title(s, lang), self)
            box.toggled.connect(self.changed)
            return box
        if s.type == "int":
            spin = QSpinBox(self)
            spin.setRange(int(s.minimum if s.minimum is not None else -2**31 + 1),
                          int(s.maximum if s.maximum is not None else 2**31 - 1))
            spin.setGroupSeparatorShown(s.maximum is not None and s.maximum >= 100_000)
            spin.valueChanged.connect(self.changed)
            return spin
        if s.type == "float":
            dspin = QDoubleSpinBox(self)
            dspin.setDecimals(1)
            dspin.setRange(float(s.minimum if s.minimum is not None else -1e9),
                           float(s.maximum if s.maximum is not None else 1e9))
            dspin.valueChanged.connect(self.changed)
            return dspin
        if s.type == "choice":
            combo = QComboBox(self)
            for choice in s.choices:
                combo.addItem(tr(CHOICE_TEXT.get(choice, choice)), choice)
            combo.currentIndexChanged.connect(self.changed)
            return combo
        if s.type == "list[str]":
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 4 + 12)
            text.setPlaceholderText(tr("One per line"))
            text.textChanged.connect(self.changed)
            return text
        edit = QLineEdit(self)
        if s.type == "url":
            edit.setPlaceholderText("https://…")
        edit.textEdited.connect(self.changed)
        return edit

    # --- values ---------------------------------------------------------------------------

    def set_value(self, value: Any) -> None:
        """Show ``value`` (for a secret: whether one is stored; its value is never shown)."""
        e = self.editor
        if self.setting.secret:
            assert isinstance(e, QLineEdit)
            self._secret_stored = model.has_secret(self.setting.key)
            self.clear_secret = False
            if self.clear_button is not None:
                self.clear_button.setEnabled(self._secret_stored)
            e.clear()
            e.setPlaceholderText(tr("stored in the keyring — type to replace") if self._secret_stored
                                 else tr("not set"))
        elif isinstance(e, QCheckBox):
            e.setChecked(bool(value))
        elif isinstance(e, QSpinBox):
            e.setValue(int(value))
        elif isinstance(e, QDoubleSpinBox):
            e.setValue(float(value))
        elif isinstance(e, QComboBox):
            index = e.findData(value)
            e.setCurrentIndex(max(index, 0))
        elif isinstance(e, QPlainTextEdit):
            e.setPlainText("\n".join(str(v) for v in value))
        elif isinstance(e, QLineEdit):
            e.setText(str(value))

    def value(self) -> Any:
        """The editor's value in the setting's type (a secret: the newly typed text)."""
        e = self.editor
        if isinstance(e, QCheckBox):
            return e.isChecked()
        if isinstance(e, QSpinBox):
            return e.value()
        if isinstance(e, QDoubleSpinBox):
            return round(e.value(), e.decimals())
        if isinstance(e, QComboBox):
            return e.currentData()
        if isinstance(e, QPlainTextEdit):
            return [line.strip() for line in e.toPlainText().splitlines() if line.strip()]
        assert isinstance(e, QLineEdit)
        return e.text() if self.setting.secret else e.text().strip()

    def typed_secret(self) -> str | None:
        """A secret typed in this session, "" to remove the stored one, or None to keep what is stored."""
        if not self.setting.secret:
            return None
        text = str(self.value())
        if text:
            return text
        return "" if self.clear_secret and self._secret_stored else None

    def _remove_secret(self) -> None:
        assert isinstance(self.editor, QLineEdit)
        self.clear_secret = True
        self.editor.clear()
        self.editor.setPlaceholderText(tr("removed from the keyring when you save"))
        self.changed.emit()

    # --- checks ---------------------------------------------------------------------------

    def problem(self) -> str | None:
        """Why the value cannot be saved (a translated sentence where we know the rule), or None."""
        s, value = self.setting, self.value()
        if s.secret:
            return None
        if s.type == "url" and value and urlparse(value).scheme not in ("http", "https"):
            return tr("Enter a web address that starts with http:// or https://.")
        if s.type == "list[str]" and s.key.endswith((".feeds", ".recipients")):
            for item in value:
                if s.key.endswith(".feeds") and urlparse(item).scheme not in ("http", "https"):
                    return tr("“%1” is not a web address (it must start with http:// or https://).").replace(
                        "%1", item)
                if s.key.endswith(".recipients") and "@" not in item:
                    return tr("“%1” is not an e-mail address.").replace("%1", item)
        if s.key == "alerts.quiet_hours":
            from newsroom.alerts.dispatcher import QuietHours

            try:
                QuietHours.parse(str(value))
            except ValueError:
                return tr("Write the quiet hours like 22:00-07:00, or leave the field empty.")
        if s.key == "wall.timezone":
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                ZoneInfo(str(value))
            except (ZoneInfoNotFoundError, ValueError):
                return tr("“%1” is not a known time zone; write e.g. Europe/Brussels.").replace(
                    "%1", str(value))
        return model.check_value(s.key, value, self.lang)

    def show_error(self, message: str) -> None:
        """The sentence under the field, and the field marked."""
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        self.editor.setStyleSheet("border: 2px solid #b00020;" if message else "")

    def focus(self) -> None:
        """Give the editor the keyboard focus (and select a line's text)."""
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(self.editor, QLineEdit):
            self.editor.selectAll()
