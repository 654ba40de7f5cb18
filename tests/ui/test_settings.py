"""The settings dialog used as an operator uses it: typing, clicking, keys; real files, a real local server,
a real (in-memory) keyring backend."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Response

from newsroom.config import Config, load_config
from newsroom.domain import Search
from newsroom.paths import AppPaths
from newsroom.secrets import get_secret, set_secret
from newsroom.ui.app import make_app
from newsroom.ui.settings.dialog import SettingsDialog
from newsroom.ui.settings.display_page import DisplayPage
from newsroom.ui.settings.schema_page import SchemaPage
from newsroom.ui.settings.sources_page import SourcesPage
from newsroom.ui.wall import WallWindow
from tests.memory_keyring import MemoryKeyring

CONFIG = """\
version = 1

[wall]
name = "Lindeveld"

[[searches]]
name = "Kanaalweg"
query = '"Kanaalweg" OR #lindeveld'
sources = ["rss"]
languages = ["nl"]
"""

# An RSS feed written for these tests: two items name the Kanaalweg (the search keeps them), one does not.
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Lindeveld Nieuws (test feed)</title>
<item><title>Kanaalweg afgesloten na verzakking</title><link>https://example.org/1</link>
<guid>t-1</guid><pubDate>Thu, 03 Dec 2026 09:00:00 GMT</pubDate><description>De brug blijft dicht.</description></item>
<item><title>Omleiding rond de Kanaalweg</title><link>https://example.org/2</link>
<guid>t-2</guid><pubDate>Thu, 03 Dec 2026 09:30:00 GMT</pubDate><description>Fietsers via de kaai.</description></item>
<item><title>Kerstmarkt op de Grote Markt</title><link>https://example.org/3</link>
<guid>t-3</guid><pubDate>Thu, 03 Dec 2026 10:00:00 GMT</pubDate><description>Gezellig.</description></item>
</channel></rss>
"""


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path / "base")


def write_config(paths: AppPaths, text: str = CONFIG) -> Path:
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(text, encoding="utf-8")
    return paths.config_file


def open_dialog(qtbot: QtBot, paths: AppPaths, **kw: object) -> SettingsDialog:
    make_app("nl")
    dialog = SettingsDialog(paths, paths.config_file, lang="nl", **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts and mnemonics work in the active window
    return dialog


def field_editor(dialog: SettingsDialog, key: str) -> QLineEdit:
    for page in dialog.pages:
        if isinstance(page, SchemaPage) and key in page.fields:
            editor = page.fields[key].editor
            assert isinstance(editor, QLineEdit)
            return editor
    raise KeyError(key)


def button(dialog: SettingsDialog, which: QDialogButtonBox.StandardButton) -> object:
    return dialog.buttons.button(which)


def test_broken_query_is_explained_at_its_place_and_clears_when_fixed(qtbot: QtBot, paths: AppPaths) -> None:
    write_config(paths)
    dialog = open_dialog(qtbot, paths)
    query = dialog.searches.query
    assert not query.message.isVisible()
    query.edit.clear()
    qtbot.keyClicks(query.edit, "brug OR")
    assert query.message.isVisible()
    assert query.message.text() == "OR op positie 6 heeft een woord erna nodig."
    assert query.position == 6
    x_or, x_start = query.caret.x_at, query.caret_x(1)
    assert x_or is not None and x_or > x_start + 10  # the caret stands under the OR, not at the start
    qtbot.keyClicks(query.edit, " kaai")
    assert not query.message.isVisible() and query.caret.x_at is None
    query.edit.clear()
    qtbot.keyClicks(query.edit, '"Kanaalweg OR #lindeveld')
    assert query.message.text() == "Het aanhalingsteken op positie 1 wordt nooit gesloten."
    assert query.caret.x_at == query.caret_x(1)
    qtbot.keyClick(query.edit, Qt.Key.Key_Home)
    qtbot.keyClick(query.edit, Qt.Key.Key_Right)
    for _ in range(len("Kanaalweg")):
        qtbot.keyClick(query.edit, Qt.Key.Key_Right)
    qtbot.keyClicks(query.edit, '"')
    assert query.edit.text() == '"Kanaalweg" OR #lindeveld'
    assert not query.message.isVisible()
    # a search saved with a broken query is refused by OK, on its own page
    query.edit.clear()
    qtbot.keyClicks(query.edit, "-voetbal")
    dialog.nav.setCurrentRow(2)
    before = paths.config_file.read_bytes()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.nav.currentRow() == 0
    assert "sluit alleen woorden uit" in dialog.status.text()
    assert paths.config_file.read_bytes() == before


def test_test_now_shows_counts_samples_and_each_sources_error(qtbot: QtBot, paths: AppPaths,
                                                              server: HTTPServer) -> None:
    server.expect_request("/feed.xml").respond_with_data(FEED, content_type="application/rss+xml")
    server.expect_request(re.compile("^/rss/search")).respond_with_response(Response("busy", status=503))
    write_config(paths, CONFIG + f'\n[sources.rss]\nfeeds = ["{server.url_for("/feed.xml")}"]\n'
                 f'\n[sources.gnews]\nbase_url = "{server.url_for("/").rstrip("/")}"\n')
    dialog = open_dialog(qtbot, paths)
    page = dialog.searches
    qtbot.keyClick(page.source_boxes["gnews"], Qt.Key.Key_Space)
    assert page.searches[0].sources == ("rss", "gnews")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert page.results.topLevelItemCount() == 2 and not page.test_button.isEnabled()  # a row per source
    qtbot.waitUntil(page.test_button.isEnabled, timeout=20_000)  # every source answered
    rss, gnews = (page.results.topLevelItem(i) for i in range(2))
    assert (rss.text(0), rss.text(1)) == ("RSS", "2")
    samples = [rss.child(i).text(2) for i in range(rss.childCount())]
    assert samples and all("Kanaalweg" in s for s in samples) and len(samples) == 2
    assert gnews.text(0) == "Google News" and gnews.text(1) == "—"
    assert gnews.text(2).startswith("Fout: ") and "503" in gnews.text(2)
    assert page.test_status.text() == "2 berichten gevonden · 1 bronnen faalden"
    assert page.test_button.isEnabled()


def test_a_source_key_goes_to_the_keyring_never_into_the_file(qtbot: QtBot, paths: AppPaths,
                                                              memory_keyring: MemoryKeyring) -> None:
    write_config(paths)
    dialog = open_dialog(qtbot, paths)
    dialog.nav.setCurrentRow(1)
    token = field_editor(dialog, "sources.x.bearer_token")
    assert token.echoMode() is QLineEdit.EchoMode.Password
    assert token.placeholderText() == "niet ingesteld"
    qtbot.keyClicks(token, "AAAA-secret-bearer-token")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Apply), Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("Bewaard in"), dialog.status.text()
    text = paths.config_file.read_text(encoding="utf-8")
    assert "AAAA-secret-bearer-token" not in text and "bearer_token" not in text
    assert get_secret("sources.x.bearer_token") == "AAAA-secret-bearer-token"
    assert memory_keyring.secrets[("newsroom-wall", "sources.x.bearer_token")] == "AAAA-secret-bearer-token"
    # shown as stored, never as its value; an empty field keeps it
    token = field_editor(dialog, "sources.x.bearer_token")
    assert token.text() == "" and "sleutelbos" in token.placeholderText()
    assert dialog.apply()
    assert get_secret("sources.x.bearer_token") == "AAAA-secret-bearer-token"


def test_cancel_and_escape_leave_the_file_and_the_keyring_untouched(qtbot: QtBot, paths: AppPaths,
                                                                    memory_keyring: MemoryKeyring) -> None:
    write_config(paths, "# written by hand, keep me\n" + CONFIG)
    before = paths.config_file.read_bytes()
    for close in ("cancel", "escape"):
        dialog = open_dialog(qtbot, paths)
        qtbot.mouseClick(dialog.searches.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.searches.query.edit, "storm")
        dialog.nav.setCurrentRow(3)
        name = field_editor(dialog, "wall.name")
        name.clear()
        qtbot.keyClicks(name, "Andere naam")
        qtbot.keyClicks(field_editor(dialog, "alerts.email.password"), "hunter22")
        if close == "cancel":
            qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                             Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(name, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
        assert paths.config_file.read_bytes() == before
        assert memory_keyring.secrets == {}


def test_ok_with_a_bad_value_on_another_page_shows_that_page_and_the_problem(qtbot: QtBot,
                                                                             paths: AppPaths) -> None:
    write_config(paths)
    before = paths.config_file.read_bytes()
    dialog = open_dialog(qtbot, paths)
    dialog.nav.setCurrentRow(1)
    instance = field_editor(dialog, "sources.mastodon.instance")
    instance.clear()
    qtbot.keyClicks(instance, "mastodon.social")
    dialog.nav.setCurrentRow(0)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.nav.currentRow() == 1 and isinstance(dialog.stack.currentWidget(), SourcesPage)
    page = dialog.pages[1]
    assert isinstance(page, SourcesPage)
    field = page.fields["sources.mastodon.instance"]
    assert field.error.isVisible()
    assert field.error.text() == "Typ een webadres dat begint met http:// of https://."
    assert dialog.focusWidget() is instance
    assert paths.config_file.read_bytes() == before
    # fixed: OK saves and closes
    instance.clear()
    qtbot.keyClicks(instance, "https://mastodon.social")
    qtbot.keyClick(instance, Qt.Key.Key_Return)  # Enter is OK
    assert not dialog.isVisible(), dialog.status.text()
    saved = tomllib.loads(paths.config_file.read_text(encoding="utf-8"))
    assert saved["wall"]["name"] == "Lindeveld" and saved["searches"][0]["name"] == "Kanaalweg"


def test_searches_are_added_reordered_removed_and_the_worker_gets_the_new_config(qtbot: QtBot,
                                                                                  paths: AppPaths) -> None:
    write_config(paths)

    class Worker:
        def __init__(self) -> None:
            self.applied: list[Config] = []

        def apply_config(self, config: Config) -> None:
            self.applied.append(config)

    worker = Worker()
    dialog = open_dialog(qtbot, paths, worker=worker)
    page = dialog.searches
    qtbot.keyClick(page.list, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Toevoegen
    qtbot.waitUntil(lambda: page.list.count() == 2)  # a mnemonic "animates" the click: it lands a moment later
    assert page.name.hasFocus()
    qtbot.keyClicks(page.name, "Storm")
    qtbot.keyClicks(page.query.edit, "storm OR onweer -voetbal")
    qtbot.keyClick(page.source_boxes["gdelt"], Qt.Key.Key_Space)
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert [page.list.item(i).text() for i in range(2)] == ["Storm", "Kanaalweg"]
    assert dialog.apply()
    saved = tomllib.loads(paths.config_file.read_text(encoding="utf-8"))
    assert [s["name"] for s in saved["searches"]] == ["Storm", "Kanaalweg"]
    assert saved["searches"][0]["query"] == "storm OR onweer -voetbal"
    assert saved["searches"][0]["sources"] == ["rss", "gnews", "gdelt"]
    assert [s.name for s in worker.applied[-1].searches] == ["Storm", "Kanaalweg"]
    page.list.setCurrentRow(1)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.apply()
    assert [s.name for s in worker.applied[-1].searches] == ["Storm"]
    assert worker.applied[-1].searches[0] == Search("Storm", "storm OR onweer -voetbal", ("rss", "gnews", "gdelt"),
                                                    ("nl",))


def test_first_run_from_an_empty_folder_leaves_a_config_that_doctor_accepts(qtbot: QtBot, paths: AppPaths) -> None:
    from newsroom.commands.doctor import Report
    from newsroom.doctor import check_all

    assert not paths.config_file.exists()
    dialog = open_dialog(qtbot, paths)
    assert dialog.views.currentWidget() is dialog.first_run
    first = dialog.first_run
    qtbot.mouseClick(first.next, Qt.MouseButton.LeftButton)
    assert first.town_error.isVisible() and first.steps.currentIndex() == 0
    qtbot.keyClicks(first.town, "Lindeveld")
    qtbot.keyClick(first.town, Qt.Key.Key_Return)  # Next is the default button
    assert first.steps.currentIndex() == 1 and first.query.text() == '"Lindeveld"'
    qtbot.mouseClick(first.next, Qt.MouseButton.LeftButton)
    assert first.chosen_sources() == ["gnews", "gdelt", "mastodon"]
    qtbot.mouseClick(first.next, Qt.MouseButton.LeftButton)
    assert "Lindeveld" in first.summary.text()
    qtbot.mouseClick(first.next, Qt.MouseButton.LeftButton)  # Voltooien
    assert paths.config_file.exists()
    assert dialog.views.currentWidget() is dialog.pages_view
    assert dialog.status.text().startswith("Bewaard in")
    report = Report()
    check_all(report, paths, None, probe=False)
    assert not report.failed, report.render()
    assert f"config {paths.config_file}" in report.render()
    saved = tomllib.loads(paths.config_file.read_text(encoding="utf-8"))
    assert saved["wall"]["name"] == "Lindeveld"
    # Only values that differ from the defaults are written (a search's default language is Dutch).
    assert saved["searches"] == [{"name": "Lindeveld", "query": '"Lindeveld"',
                                  "sources": ["gnews", "gdelt", "mastodon"]}]
    search = load_config(paths.config_file, strict=True).config.searches[0]
    assert search.languages == ("nl",)


def test_pin_is_asked_when_one_is_set(qtbot: QtBot, paths: AppPaths, memory_keyring: MemoryKeyring) -> None:
    write_config(paths)
    set_secret("settings.pin", "4321")
    before = paths.config_file.read_bytes()
    dialog = open_dialog(qtbot, paths)
    assert dialog.locked and dialog.views.currentWidget() is dialog.pin
    assert not dialog.apply()  # nothing can be saved while locked
    qtbot.keyClicks(dialog.pin.edit, "1111")
    qtbot.keyClick(dialog.pin.edit, Qt.Key.Key_Return)
    assert dialog.locked and dialog.pin.error.text() == "Die pincode klopt niet."
    qtbot.keyClicks(dialog.pin.edit, "4321")
    qtbot.keyClick(dialog.pin.edit, Qt.Key.Key_Return)
    assert not dialog.locked and dialog.views.currentWidget() is dialog.pages_view
    assert paths.config_file.read_bytes() == before


def test_keyboard_moves_between_pages_and_the_preview_follows_the_size(qtbot: QtBot, paths: AppPaths) -> None:
    write_config(paths)
    dialog = open_dialog(qtbot, paths)
    qtbot.keyClick(dialog, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = dialog.stack.currentWidget()
    assert isinstance(page, DisplayPage)
    qtbot.waitUntil(lambda: page.renders >= 1)
    first = page.preview.pixmap().toImage()
    diagonal = page.fields["display.screen_diagonal_in"].editor
    diagonal.setFocus()
    qtbot.keyClick(diagonal, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(diagonal, "100")
    renders = page.renders
    qtbot.waitUntil(lambda: page.renders > renders)
    assert page.preview.pixmap().toImage() != first  # smaller type on a bigger screen
    qtbot.keyClick(dialog, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert dialog.stack.currentWidget() is dialog.searches
    # Tab from the page list walks into the page: the searches, then Add
    dialog.nav.setFocus()
    qtbot.keyClick(dialog.nav, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.searches.list
    qtbot.keyClick(dialog.searches.list, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.searches.add_button


@pytest.mark.parametrize(("key", "modifiers"), [(Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
                                            (Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)])
def test_the_wall_asks_for_the_settings_with_ctrl_comma_and_f2(qtbot: QtBot, key: Qt.Key,
                                                               modifiers: Qt.KeyboardModifier) -> None:
    make_app("nl")
    wall = WallWindow()
    qtbot.addWidget(wall)
    wall.show()
    with qtbot.waitSignal(wall.settings_requested, timeout=1000):
        qtbot.keyClick(wall, key, modifiers)
    wall.stop()


def test_quiet_hours_that_cannot_be_read_are_explained_on_the_alerts_page(qtbot: QtBot, paths: AppPaths) -> None:
    write_config(paths)
    dialog = open_dialog(qtbot, paths)
    quiet = field_editor(dialog, "alerts.quiet_hours")
    qtbot.keyClicks(quiet, "22u tot 7u")
    assert not dialog.apply()
    assert dialog.nav.currentRow() == 2 and dialog.focusWidget() is quiet
    assert dialog.status.text() == "Niet bewaard: Schrijf de stille uren als 22:00-07:00, of laat het veld leeg."
    quiet.clear()
    qtbot.keyClicks(quiet, "22:00-07:00")
    assert dialog.apply()
    assert tomllib.loads(paths.config_file.read_text(encoding="utf-8"))["alerts"]["quiet_hours"] == "22:00-07:00"


def test_a_file_that_cannot_be_read_is_said_and_left_alone_on_cancel(qtbot: QtBot, paths: AppPaths) -> None:
    write_config(paths, "[wall\nname = 'kapot'\n")
    before = paths.config_file.read_bytes()
    dialog = open_dialog(qtbot, paths)
    assert dialog.views.currentWidget() is dialog.pages_view  # not the first run: there is a file
    assert dialog.status.text().startswith("Het instellingenbestand had een probleem")
    assert field_editor(dialog, "wall.name").text() == "Newsroom"  # the defaults
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert paths.config_file.read_bytes() == before
