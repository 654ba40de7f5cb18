"""The settings pages' own buttons: Test connection, Send test, export/import, doctor, and the dialog
opened over a running wall."""

from __future__ import annotations

import csv
import json
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QDoubleSpinBox
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from newsroom.domain import Mention, Polarity, Sentiment
from newsroom.paths import AppPaths
from newsroom.secrets import get_secret, set_secret
from newsroom.store.store import Store
from newsroom.ui.app import make_app
from newsroom.ui.settings.alerts_page import AlertsPage
from newsroom.ui.settings.data_page import DataPage
from newsroom.ui.settings.dialog import open_from_wall
from newsroom.ui.settings.display_page import DisplayPage
from newsroom.ui.settings.sources_page import SourcesPage
from newsroom.ui.wall import WallWindow
from tests.memory_keyring import MemoryKeyring
from tests.ui.test_settings import (
    CONFIG,
    FEED,
    field_editor,
    open_dialog,
    write_config,
)


def test_test_connection_polls_one_source_off_the_gui_thread(qtbot: QtBot, tmp_path: Path,
                                                             server: HTTPServer) -> None:
    server.expect_request("/feed.xml").respond_with_data(FEED, content_type="application/rss+xml")
    paths = AppPaths.under(tmp_path)
    write_config(paths, CONFIG + f'\n[sources.rss]\nfeeds = ["{server.url_for("/feed.xml")}"]\n')
    dialog = open_dialog(qtbot, paths)
    page = dialog.pages[1]
    assert isinstance(page, SourcesPage)
    dialog.nav.setCurrentRow(1)
    assert page.used_by["rss"].text() == "Gebruikt door: Kanaalweg"
    assert page.used_by["x"].text().startswith("Geen enkele zoekopdracht")
    qtbot.mouseClick(page.test_buttons["rss"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status["rss"].text().startswith("Werkt"), timeout=20_000)
    assert page.status["rss"].text() == "Werkt: 2 berichten gevonden"
    # the feed list on screen is what is tested, before it is saved
    feeds = page.fields["sources.rss.feeds"].editor
    feeds.setPlainText(server.url_for("/missing.xml"))
    qtbot.mouseClick(page.test_buttons["rss"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status["rss"].text().startswith("Fout"), timeout=20_000)
    assert "404" in page.status["rss"].text() or "500" in page.status["rss"].text()


def test_send_test_posts_to_the_webhook_in_the_keyring(qtbot: QtBot, tmp_path: Path, server: HTTPServer,
                                                       memory_keyring: MemoryKeyring) -> None:
    server.expect_request("/hook", method="POST").respond_with_data("ok")
    paths = AppPaths.under(tmp_path)
    write_config(paths)
    set_secret("alerts.webhook.url", server.url_for("/hook"))
    dialog = open_dialog(qtbot, paths)
    page = dialog.pages[2]
    assert isinstance(page, AlertsPage)
    dialog.nav.setCurrentRow(2)
    qtbot.mouseClick(page.send_buttons["webhook"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status["webhook"].text() != "Bezig met sturen…", timeout=20_000)
    assert page.status["webhook"].text() == "Verstuurd. Kijk of het aangekomen is."
    (request, _response), = server.log
    body = json.loads(request.get_data())
    assert "Test van Newsroom Wall" in json.dumps(body, ensure_ascii=False)
    # e-mail is not set up: the operator reads why nothing was sent
    qtbot.mouseClick(page.send_buttons["email"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status["email"].text().startswith("Niet verstuurd"), timeout=20_000)
    assert "nog niet ingesteld" in page.status["email"].text()
    # a stored secret can be removed
    field = page.fields["alerts.webhook.url"]
    assert field.clear_button is not None and field.clear_button.isEnabled()
    qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.apply()
    assert get_secret("alerts.webhook.url") is None
    assert "hook" not in paths.config_file.read_text(encoding="utf-8")


def test_data_page_exports_and_imports_settings_and_exports_mentions(qtbot: QtBot, tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "base")
    write_config(paths)
    start = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    with Store.open(paths.store_file) as store:
        store.add_mentions([
            Mention(id=f"rss:{i}", source="rss", text=f"Bericht {i}, met komma en \"aanhalingstekens\"",
                    published=start + timedelta(minutes=i), searches=("Kanaalweg",),
                    sentiment=Sentiment(Polarity.NEGATIVE, -0.5)) for i in range(3)])
    before = paths.config_file.read_bytes()
    dialog = open_dialog(qtbot, paths)
    page = dialog.pages[4]
    assert isinstance(page, DataPage)
    dialog.nav.setCurrentRow(4)
    # the doctor's checks fill the list when the page is first shown
    qtbot.waitUntil(lambda: page.findings.topLevelItemCount() > 3 and page.doctor_button.isEnabled(),
                    timeout=20_000)
    whats = [page.findings.topLevelItem(i).text(1) for i in range(page.findings.topLevelItemCount())]
    assert any(w.startswith("Newsroom Wall") for w in whats) and any(w.startswith("configuratie ") for w in whats)
    # settings out and in again
    exported = tmp_path / "second-wall.toml"
    page.export_settings(exported)
    assert tomllib.loads(exported.read_text(encoding="utf-8"))["wall"]["name"] == "Lindeveld"
    exported.write_text(exported.read_text(encoding="utf-8").replace("Lindeveld", "Dommelroode"),
                        encoding="utf-8")
    page.import_settings(exported)
    assert field_editor(dialog, "wall.name").text() == "Dommelroode"
    assert paths.config_file.read_bytes() == before  # imported values wait for OK
    broken = tmp_path / "broken.toml"
    broken.write_text("[wall\n", encoding="utf-8")
    page.import_settings(broken)
    assert page.transfer_status.text().startswith("Niet geïmporteerd")
    # mentions, off the GUI thread
    for name in ("out.csv", "out.jsonl"):
        out = tmp_path / name
        page.export_mentions(out)
        qtbot.waitUntil(page.export_mentions_button.isEnabled, timeout=20_000)
        assert page.transfer_status.text() == f"3 berichten geëxporteerd naar {out}"
    rows = list(csv.reader((tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0][:3] == ["id", "source", "published"] and [r[0] for r in rows[1:]] == ["rss:0", "rss:1", "rss:2"]
    assert rows[1][-1] == 'Bericht 0, met komma en "aanhalingstekens"' and rows[1][4] == "negative"
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == ["rss:0", "rss:1", "rss:2"] and lines[0]["searches"] == ["Kanaalweg"]
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert tomllib.loads(paths.config_file.read_text(encoding="utf-8"))["wall"]["name"] == "Dommelroode"


def test_the_dialog_over_the_wall_applies_the_type_size_and_is_reused(qtbot: QtBot, tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    write_config(paths)
    make_app("nl")
    wall = WallWindow()
    qtbot.addWidget(wall)
    wall.resize(1280, 720)
    wall.show()
    scale = wall.scale
    dialog = open_from_wall(wall, object(), paths, paths.config_file, lang="nl")
    assert dialog.isVisible() and not dialog.isModal() and dialog.parent() is wall
    page = dialog.pages[3]
    assert isinstance(page, DisplayPage)
    diagonal = page.fields["display.screen_diagonal_in"].editor
    assert isinstance(diagonal, QDoubleSpinBox)
    diagonal.setValue(32.0)
    assert dialog.apply()
    assert wall.diagonal_in == 32.0 and wall.scale != scale
    assert dialog.status.text().endswith("De draaiende wall neemt de zoekopdrachten en bronnen over bij de "
                                         "volgende start.")  # this worker cannot take them on live
    dialog.reject()
    paths.config_file.write_text(CONFIG.replace("Lindeveld", "Meerhoutem"), encoding="utf-8")
    again = open_from_wall(wall, object(), paths, paths.config_file, lang="nl", existing=dialog)
    assert again is dialog and again.isVisible()
    assert field_editor(again, "wall.name").text() == "Meerhoutem"  # read again from the file
    again.reject()
    wall.stop()


BROKEN_QUERIES = ["", '"abc', "a)", "OR a", "a OR", "-a", "(a", '""', "#-x", "a - ", "?!", "a (", "()"]


def test_every_query_problem_reads_as_a_dutch_sentence(qtbot: QtBot) -> None:
    from newsroom.query import QueryError, parse_query
    from newsroom.ui.settings.query_field import query_problem

    make_app("nl")
    for text in BROKEN_QUERIES:
        with pytest.raises(QueryError) as raised:
            parse_query(text)
        found = query_problem(text)
        assert found is not None
        sentence, position = found
        assert position == raised.value.position
        assert sentence != str(raised.value), f"no Dutch sentence for {raised.value}"
        assert sentence.endswith(".") and ("positie" in sentence or "leeg" in sentence), sentence
    assert query_problem('"Kanaalweg" OR #lindeveld -voetbal') is None


def test_screenshots_of_every_page(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from newsroom.ui.settings.screenshots import write_screenshots

    paths = AppPaths.under(tmp_path)
    write_config(paths)
    dialog = open_dialog(qtbot, paths)
    written = write_screenshots(dialog, tmp_path / "shots", (1920, 1080))
    assert [p.name for p in written] == ["settings-1-searches.png", "settings-2-sources.png",
                                         "settings-3-alerts.png", "settings-4-display.png",
                                         "settings-5-data.png", "settings-0-first-run.png"]
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1920, 1080)
    assert not dialog.isVisible()


def test_mentions_of_a_shared_store_are_exported_from_it(pg_url: str, tmp_path: Path) -> None:
    """A wall of a shared PostgreSQL store (store.url) exports that store's mentions, not the empty
    embedded file."""
    from newsroom.store import open_store
    from newsroom.ui.settings.probes import export_mentions

    t0 = datetime(2026, 3, 1, tzinfo=UTC)
    with open_store(pg_url) as store:
        store.add_mentions([Mention(id=f"rss:{i}", source="rss", text=f"Bericht {i}",
                                    published=t0 + timedelta(minutes=i)) for i in range(4)])
    out = tmp_path / "shared.jsonl"
    assert export_mentions(pg_url, out) == 4
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        "rss:0", "rss:1", "rss:2", "rss:3"]
