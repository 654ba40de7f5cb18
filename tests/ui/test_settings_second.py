"""The settings dialog, second pass, as an operator uses it: OK shows the config layer's first problem
where it is, in the dialog's language; "Test connection" and "Send test" try a key typed but not saved
(a local server sees it; the keyring stays empty); the doctor's list speaks the dialog's language; every
newer setting is on its page."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from newsroom.paths import AppPaths
from newsroom.secrets import get_secret
from newsroom.ui.app import make_app
from newsroom.ui.settings.alerts_page import AlertsPage
from newsroom.ui.settings.data_page import DataPage
from newsroom.ui.settings.dialog import SettingsDialog
from newsroom.ui.settings.display_page import DisplayPage
from newsroom.ui.settings.schema_page import SchemaPage
from newsroom.ui.settings.sources_page import SourcesPage

#: a safety net only
NEVER_MS = 20_000

CONFIG = """\
version = 2

[wall]
name = "Lindeveld"

[[searches]]
name = "Kanaalweg"
query = '"Kanaalweg" OR #lindeveld'
sources = ["x"]
languages = ["nl"]
"""


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    paths = AppPaths.under(tmp_path / "base")
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    return paths


def open_dialog(qtbot: QtBot, paths: AppPaths, lang: str = "nl") -> SettingsDialog:
    make_app(lang)
    dialog = SettingsDialog(paths, paths.config_file, lang=lang)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def page_of(dialog: SettingsDialog, kind: type) -> SchemaPage:
    page = next(p for p in dialog.pages if isinstance(p, kind))
    assert isinstance(page, SchemaPage)
    return page


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "Niet bewaard: Ontvangers: 'burgemeester@lindeveld' is geen e-mailadres"),
    ("en", "Not saved: alerts.email.recipients: 'burgemeester@lindeveld' is not an e-mail address")])
def test_ok_shows_the_first_problem_where_it_is_in_the_dialogs_language(
        qtbot: QtBot, paths: AppPaths, lang: str, said: str) -> None:
    paths.config_file.write_text(CONFIG, encoding="utf-8")
    before = paths.config_file.read_bytes()
    dialog = open_dialog(qtbot, paths, lang)
    alerts = page_of(dialog, AlertsPage)
    recipients = alerts.fields["alerts.email.recipients"].editor
    assert isinstance(recipients, QPlainTextEdit)
    recipients.setPlainText("burgemeester@lindeveld")  # an @, but no domain: the config layer refuses it
    dialog.nav.setCurrentRow(0)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.stack.currentWidget() is alerts
    assert dialog.status.text() == said
    assert alerts.fields["alerts.email.recipients"].error.text() == said.split(": ", 1)[1]
    assert paths.config_file.read_bytes() == before
    recipients.setPlainText("burgemeester@lindeveld.be")
    assert dialog.apply()
    saved = tomllib.loads(paths.config_file.read_text(encoding="utf-8"))
    assert saved["alerts"]["email"]["recipients"] == ["burgemeester@lindeveld.be"]


def test_two_searches_with_one_name_are_refused_at_the_second_ones_name(qtbot: QtBot, paths: AppPaths) -> None:
    paths.config_file.write_text(CONFIG, encoding="utf-8")
    dialog = open_dialog(qtbot, paths)
    page = dialog.searches
    page.add_search()
    page.name.clear()
    qtbot.keyClicks(page.name, "Kanaalweg")
    qtbot.keyClicks(page.query.edit, "brug")
    assert not dialog.apply()
    assert dialog.stack.currentWidget() is page and page.list.currentRow() == 1
    assert page.name_error.isVisible() and "Kanaalweg" in page.name_error.text()
    assert dialog.status.text().startswith("Niet bewaard: ")


def test_test_connection_tries_a_typed_key_without_storing_it(
        qtbot: QtBot, paths: AppPaths, httpserver: HTTPServer) -> None:
    paths.config_file.write_text(CONFIG + f'\n[sources.x]\nbase_url = "{httpserver.url_for("/")}"\n',
                                 encoding="utf-8")
    seen: list[str] = []

    def answer(request: Request) -> Response:
        seen.append(request.headers.get("Authorization", ""))
        body = {"data": [{"id": "1", "text": "Kanaalweg dicht", "author_id": "9",
                          "created_at": "2026-12-03T09:00:00.000Z"}],
                "includes": {"users": [{"id": "9", "username": "lindeveld"}]}, "meta": {"result_count": 1}}
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(answer)
    dialog = open_dialog(qtbot, paths)
    sources = page_of(dialog, SourcesPage)
    assert isinstance(sources, SourcesPage)
    dialog.nav.setCurrentRow(dialog.pages.index(sources))
    token = sources.fields["sources.x.bearer_token"].editor
    assert isinstance(token, QLineEdit)
    qtbot.keyClicks(token, "typed-not-saved-123")
    qtbot.mouseClick(sources.test_buttons["x"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(sources.test_buttons["x"].isEnabled, timeout=NEVER_MS)
    assert seen == ["Bearer typed-not-saved-123"]
    assert sources.status["x"].text() == "Werkt: 1 berichten gevonden"
    assert get_secret("sources.x.bearer_token") is None  # tried, not stored
    # "Test now" on the Searches page tries it too
    dialog.nav.setCurrentRow(0)
    qtbot.mouseClick(dialog.searches.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.searches.test_button.isEnabled, timeout=NEVER_MS)
    assert seen[-1] == "Bearer typed-not-saved-123"
    assert get_secret("sources.x.bearer_token") is None
    dialog.reject()
    assert "typed-not-saved" not in paths.config_file.read_text(encoding="utf-8")


def test_send_test_uses_a_typed_webhook_without_storing_it(
        qtbot: QtBot, paths: AppPaths, httpserver: HTTPServer) -> None:
    paths.config_file.write_text(CONFIG, encoding="utf-8")
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    dialog = open_dialog(qtbot, paths)
    alerts = page_of(dialog, AlertsPage)
    assert isinstance(alerts, AlertsPage)
    url = alerts.fields["alerts.webhook.url"].editor
    assert isinstance(url, QLineEdit)
    qtbot.keyClicks(url, httpserver.url_for("/hook"))
    qtbot.mouseClick(alerts.send_buttons["webhook"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(alerts.send_buttons["webhook"].isEnabled, timeout=NEVER_MS)
    assert alerts.status["webhook"].text() == "Verstuurd. Kijk of het aangekomen is."
    assert len(httpserver.log) == 1 and b"Newsroom Wall" in httpserver.log[0][0].get_data()
    assert get_secret("alerts.webhook.url") is None


def test_the_doctors_list_speaks_dutch_on_the_dutch_dialog(qtbot: QtBot, paths: AppPaths) -> None:
    paths.config_file.write_text(CONFIG, encoding="utf-8")
    dialog = open_dialog(qtbot, paths)
    data = page_of(dialog, DataPage)
    assert isinstance(data, DataPage)
    dialog.nav.setCurrentRow(dialog.pages.index(data))
    qtbot.waitUntil(lambda: data.findings.topLevelItemCount() > 3 and data.doctor_button.isEnabled(),
                    timeout=NEVER_MS)
    rows = [(data.findings.topLevelItem(i).text(1), data.findings.topLevelItem(i).text(2))
            for i in range(data.findings.topLevelItemCount())]
    text = " ".join(a + " " + b for a, b in rows)
    assert "configuratie" in text.lower()
    # the missing X key is said, and how to fix it, in Dutch
    assert any("X" in what and "newsroom secret set sources.x.bearer_token" in fix for what, fix in rows)
    for english in ("config file", "not found", "must be", "store "):
        assert english not in text, (english, rows)


@pytest.mark.parametrize(("kind", "keys"), [
    (DisplayPage, ("display.privacy", "display.night_hours", "display.rotation", "display.rotation_s",
                   "wall.auto_crisis_view")),
    (AlertsPage, ("wall.crisis_min_severity",)),
    (DataPage, ("briefing.enabled", "briefing.email_time", "briefing.recipients", "briefing.since_hours",
                "briefing.max_topics", "briefing.folder"))])
def test_every_newer_setting_is_on_its_page_with_label_and_help(
        qtbot: QtBot, paths: AppPaths, kind: type, keys: tuple[str, ...]) -> None:
    dialog = open_dialog(qtbot, paths)
    page = page_of(dialog, kind)
    for key in keys:
        field = page.fields[key]
        label = field.label.text() if field.setting.type != "bool" else field.editor.text()  # type: ignore[attr-defined]
        assert label == field.setting.title_nl and field.help.text() == field.setting.help_nl, key
    if kind is DataPage:
        assert "section:Morning briefing" in {g.objectName() for g in page.groups.values()}
        group = page.groups["Morning briefing"]
        assert all(page.fields[k].parent() is group for k in keys)


def test_a_value_no_page_shows_is_still_checked_as_a_whole_before_saving(qtbot: QtBot, paths: AppPaths) -> None:
    paths.config_file.write_text(CONFIG, encoding="utf-8")
    before = paths.config_file.read_bytes()
    dialog = open_dialog(qtbot, paths)
    dialog.base.values["wall.kleur"] = "rood"  # a key no page edits (and no setting): refused as a whole
    assert not dialog.apply()
    assert dialog.status.text() == "Niet bewaard: wall.kleur is geen instelling van deze Newsroom Wall"
    assert paths.config_file.read_bytes() == before
