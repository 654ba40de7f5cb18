"""The briefing PDF (Qt's PDF writer): valid, several pages with page numbers, Dutch by default and
English on request, no handle in it, a clear page for an empty period; the command, the key B on the
wall and the morning mail to a local SMTP server.

The text is read back from the PDF itself: Qt writes each font's glyphs with a ToUnicode map, so the
small reader below maps the glyphs of every ``<hex> Tj`` back to characters (spaces are advances, not
glyphs: texts are compared without them).
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import unicodedata
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from newsroom import cli
from newsroom.briefing.data import BriefingData, gather, period
from newsroom.briefing.schedule import MAILED_KEY
from newsroom.config import Config
from newsroom.domain import (
    AlertScope,
    AlertState,
    Mention,
    Polarity,
    Sentiment,
    SourceHealth,
    SpikeAlert,
    utcnow,
)
from newsroom.pipeline.runner import Pipeline
from newsroom.pipeline.stored import StoredHealth
from newsroom.store import Store
from newsroom.ui.app import make_app
from newsroom.ui.briefing_pdf import write_pdf
from newsroom.ui.briefing_service import BriefingService
from newsroom.ui.wall import WallWindow, connect_worker
from newsroom.ui.worker import PipelineWorker
from tests.smtp_inbox import Inbox, free_port, smtp_inbox

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
HANDLE = "@jan_peeters"
STORIES = [
    ("Storm", "Stormschade in de Meersstraat: daken kapot en bomen op de weg"),
    ("Brug", "Brug Kanaalweg nog altijd dicht voor fietsers"),
    ("Zwembad", "Zwembad De Meersen weer dicht wegens een lek"),
    ("Markt", "Gezellige kerstmarkt op de Grote Markt met warme chocomelk"),
    ("Parkeren", "Nieuwe parkeerzone in de Kerkstraat kost twee euro per uur"),
    ("Bib", "Repair café in de bibliotheek herstelt kapotte toasters"),
    ("Bus", "Buslijn 12 rijdt niet meer langs het station van Lindeveld"),
    ("School", "Nieuwe fietsstraat aan de school in de Molenwijk"),
    ("Afval", "PMD-zakken opengepikt door meeuwen in de Noordwijk"),
    ("Park", "Nieuwe speeltuin in het stadspark van Lindeveld geopend"),
]


# --- reading the PDF back ----------------------------------------------------------------------


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(n): body for n, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", pdf, re.S)}


def _stream(body: bytes, objs: dict[int, bytes]) -> bytes:
    """A stream's bytes (its /Length may point to another object), inflated when compressed."""
    m = re.search(rb"/Length (\d+)( 0 R)?.*?stream\r?\n", body, re.S)
    if not m:
        return b""
    length = int(objs[int(m.group(1))].strip()) if m.group(2) else int(m.group(1))
    data = body[m.end():m.end() + length]
    return zlib.decompress(data) if b"/FlateDecode" in body[:m.end()] else data


def _cmap(data: bytes) -> dict[int, str]:
    """glyph -> text of a ToUnicode CMap: ``<a> <b> <dst>`` ranges, ``<a> <b> [<d1> <d2> …]`` arrays and
    ``<a> <dst>`` pairs."""
    def text(hexes: bytes) -> str:
        return bytes.fromhex(hexes.decode()).decode("utf-16-be")

    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for a, b, dst, array in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])", block):
            first, last = int(a, 16), int(b, 16)
            if dst:
                for i, code in enumerate(range(first, last + 1)):
                    out[code] = chr(int(dst, 16) + i)
            else:
                for code, item in zip(range(first, last + 1), re.findall(rb"<([0-9A-Fa-f]+)>", array),
                                      strict=False):
                    out[code] = text(item)
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for a, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(a, 16)] = text(dst)
    return out


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (glyphs mapped back through the fonts' ToUnicode maps), without white space."""
    pdf = path.read_bytes()
    objs = _objects(pdf)
    fonts: dict[bytes, dict[int, str]] = {}
    for n, body in objs.items():
        m = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if m:
            fonts[b"F%d" % n] = _cmap(_stream(objs[int(m.group(1))], objs))
    pages = []
    for body in objs.values():
        if not re.search(rb"/Type /Page\b(?!s)", body):
            continue
        content = _stream(objs[int(re.search(rb"/Contents (\d+) 0 R", body).group(1))], objs)  # type: ignore[union-attr]
        text: list[str] = []
        font: dict[int, str] = {}
        for tf, glyphs in re.findall(rb"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]+)> Tj", content):
            if tf:
                font = fonts.get(tf, {})
                continue
            hexes = glyphs.decode()
            text += [font.get(int(hexes[i:i + 4], 16), "?") for i in range(0, len(hexes), 4)]
        pages.append(squeeze("".join(text)))
    return pages


def pdf_title(path: Path) -> str:
    m = re.search(rb"/Title \((.*?)\)\n", path.read_bytes(), re.S)
    assert m, "the PDF has a title"
    raw = re.sub(rb"\\(.)", rb"\1", m.group(1))
    return raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")


def squeeze(text: str) -> str:
    """Compatibility forms (the ligature "ﬁ" is "fi", "…" is "...") without white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# --- data --------------------------------------------------------------------------------------


def fill_store(store: Store, stories: int = len(STORIES)) -> None:
    rows = []
    for t, (_, text) in enumerate(STORIES[:stories]):
        for i in range(12 - t):
            label = Polarity.NEGATIVE if t % 3 == 0 else Polarity.POSITIVE if t % 3 == 1 else Polarity.NEUTRAL
            score = {Polarity.NEGATIVE: -0.7, Polarity.POSITIVE: 0.6, Polarity.NEUTRAL: 0.0}[label]
            rows.append(Mention(id=f"t{t}-{i}", source="mastodon" if i % 2 else "bluesky",
                                text=f"Melding {i}: {text}. Dank {HANDLE} voor de foto.", published=NOW - timedelta(minutes=20 + 50 * i + t),
                                author="Jan Peeters", lang="nl", topic=t + 1, sentiment=Sentiment(label, score)))
    store.add_mentions(rows)
    store.save_alert(SpikeAlert(id="a1", scope=AlertScope.TOPIC, key="1", title="Stormschade Meersstraat",
                                state=AlertState.ONGOING, severity=4, started=NOW - timedelta(hours=2),
                                updated=NOW, window_min=30, observed=30, expected=2.0, spread=1.0, score=0.99,
                                weekday=1, hour=11, top_terms=("storm", "daken")))
    store.acknowledge_alert("a1", "wall", NOW - timedelta(hours=1, minutes=50))
    store.save_health(SourceHealth("mastodon", "Mastodon", last_success=NOW - timedelta(minutes=1)))
    store.save_health(SourceHealth("x", "X", last_error="the bearer token is missing", consecutive_failures=4))


def briefing(tmp_path: Path, stories: int = len(STORIES), at: datetime = NOW) -> BriefingData:
    store = Store.open(tmp_path / "store.sqlite3")
    try:
        fill_store(store, stories)
        start, end = period(at, timedelta(hours=24))
        return gather(store, start, end, wall_name="Lindeveld", created=at, health=store.load_health(),
                      max_topics=10)
    finally:
        store.close()


# --- the document ------------------------------------------------------------------------------


def test_many_topics_make_several_numbered_pages_in_dutch(qapp: Any, tmp_path: Path) -> None:
    make_app("nl")
    out = tmp_path / "tamtam.pdf"
    data = briefing(tmp_path)
    pages = write_pdf(data, out, "nl")
    assert out.read_bytes().startswith(b"%PDF-")
    texts = pdf_pages(out)
    assert pages == len(texts) >= 3
    for i, text in enumerate(texts, start=1):
        assert squeeze(f"Pagina {i} van {pages}") in text and "Lindeveld" in text
    whole = "".join(texts)
    for phrase in ("Dagelijkse tamtam Lindeveld", "Alarmen", "Onderwerpen", "Bronnen", "Gezien door wall om",
                   "storing (4×): the bearer token is missing"):
        assert squeeze(phrase) in whole, phrase
    assert len(data.topics) == 10
    for rank, topic in enumerate(data.topics, start=1):
        assert squeeze(f"{rank}. {topic.label}") in whole
    assert pdf_title(out).startswith("Dagelijkse tamtam Lindeveld")
    assert "?" not in whole.replace("?)", "")  # every glyph maps back to a character
    assert b"NotoSans" in out.read_bytes()  # the bundled font is embedded


def test_english_on_request(qapp: Any, tmp_path: Path) -> None:
    make_app("en")
    try:
        out = tmp_path / "briefing.pdf"
        write_pdf(briefing(tmp_path, stories=2), out, "en")
        whole = "".join(pdf_pages(out))
        for phrase in ("Daily briefing Lindeveld", "Alerts", "Topics", "Seen by wall at", "Page 1 of 2", "Page 2 of 2"):
            assert squeeze(phrase) in whole, phrase
        assert "Dagelijkse" not in whole and "Onderwerpen" not in whole
        assert pdf_title(out).startswith("Daily briefing Lindeveld")
    finally:
        make_app("nl")


def test_no_handle_or_author_in_the_document(qapp: Any, tmp_path: Path) -> None:
    make_app("nl")
    out = tmp_path / "tamtam.pdf"
    data = briefing(tmp_path, stories=3)
    assert any("@…" in p.text for t in data.topics for p in t.posts)  # the posts with a handle are shown
    data = dataclasses.replace(data, alerts=tuple(  # an alert whose words hold a handle
        dataclasses.replace(a, title=f"{a.title} {HANDLE}", top_terms=(HANDLE, "storm")) for a in data.alerts))
    write_pdf(data, out, "nl")
    whole = "".join(pdf_pages(out))
    assert squeeze("Dank @… voor de foto") in whole
    assert "jan_peeters" not in whole and "JanPeeters" not in whole
    assert b"jan_peeters" not in out.read_bytes()


def test_an_empty_period_is_one_clear_page(qapp: Any, tmp_path: Path) -> None:
    make_app("nl")
    out = tmp_path / "leeg.pdf"
    pages = write_pdf(briefing(tmp_path, at=NOW + timedelta(days=5)), out, "nl")
    texts = pdf_pages(out)
    assert pages == len(texts) == 1
    assert squeeze("In deze periode kwamen er geen berichten binnen: er is niets te melden.") in texts[0]
    assert squeeze("Pagina 1 van 1") in texts[0]


# --- the command -------------------------------------------------------------------------------


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text('[wall]\nname = "Lindeveld"\n\n[[searches]]\nname = "Lindeveld"\nquery = "lindeveld"\n'
                      'sources = ["mastodon"]\n', encoding="utf-8")
    return config


def test_the_command_reads_the_store_and_writes_the_pdf(qapp: Any, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path)
    store = Store.open(tmp_path / "data" / "newsroom.sqlite3")
    fill_store(store, stories=3)
    rows = [Mention(id=f"now{i}", source="bluesky", text="Verse stormschade in de Meersstraat vandaag",
                    published=utcnow() - timedelta(hours=1, minutes=i), lang="nl", topic=1,
                    sentiment=Sentiment(Polarity.NEGATIVE, -0.6)) for i in range(5)]
    store.add_mentions(rows)
    store.close()
    out = tmp_path / "out" / "tamtam.pdf"
    base = ["--basedir", str(tmp_path), "--config", str(config)]
    assert cli.main(["briefing", "--out", str(out), *base]) == 0
    assert "5 mentions, 1 topics, 1 alerts" in capsys.readouterr().out
    whole = "".join(pdf_pages(out))
    assert squeeze("Dagelijkse tamtam Lindeveld") in whole and squeeze("5 berichten") in whole
    assert cli.main(["briefing", "--out", str(out), "--lang", "en", "--since", "7d", *base]) == 0
    whole = "".join(pdf_pages(out))
    assert squeeze("Daily briefing Lindeveld") in whole and squeeze("the last 7 days") in whole
    make_app("nl")
    assert cli.main(["briefing", "--out", str(out), "--since", "5x", *base]) == 2
    assert cli.main(["briefing", "--out", str(out), "--at", "quiet", *base]) == 2
    assert "add --demo" in capsys.readouterr().err


def test_the_demo_at_a_quiet_moment_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "demo.pdf"
    done = subprocess.run([sys.executable, "-m", "newsroom", "briefing", "--demo", "--at", "quiet", "--out",
                           str(out), "--basedir", str(tmp_path)], capture_output=True, text=True, timeout=120, check=False,
                          cwd=ROOT, env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen",
                                         "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    # in a pipe: no progress bar, only the summary line (and nothing but the result on stdout)
    assert re.fullmatch(r"briefing written in [0-9.,]+ s\n", done.stderr), done.stderr
    assert done.stdout.startswith(f"{out}: ") and done.stdout.count("\n") == 1
    texts = pdf_pages(out)
    assert len(texts) >= 2 and squeeze("Dagelijkse tamtam Lindeveld") in texts[0]
    assert squeeze("DEMO · fictieve gegevens") in texts[0]
    assert squeeze("Geen alarmen in deze periode.") in texts[0]  # an ordinary afternoon: no storm yet


# --- the wall: the key B and the morning mail --------------------------------------------------


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    with smtp_inbox() as running:
        yield running


def _worker(tmp_path: Path, config: Config) -> PipelineWorker:
    def build() -> Pipeline:
        store = Store.open(tmp_path / "data" / "newsroom.sqlite3")
        fill_store(store, stories=3)
        return Pipeline(config, store, StoredHealth(store.load_health()), clock=lambda: NOW)

    return PipelineWorker(build, poll_ms=50, min_snapshot_interval_s=0.0)


def test_the_key_b_writes_the_briefing_and_says_where(qtbot: QtBot, tmp_path: Path) -> None:
    make_app("nl")
    config = Config({"wall.name": "Lindeveld"})
    worker = _worker(tmp_path, config)
    wall = WallWindow()
    qtbot.addWidget(wall)
    connect_worker(wall, worker)
    service = BriefingService(worker, config, tmp_path / "data", lang="nl")
    wall.briefing_requested.connect(service.write_now)
    service.notice.connect(wall.show_notice)
    written: list[str] = []
    service.written.connect(written.append)
    worker.start()
    try:
        qtbot.waitUntil(lambda: wall.snapshot is not None, timeout=30_000)
        qtbot.keyClick(wall, Qt.Key.Key_B)
        assert "tamtam wordt gemaakt" in wall._notice_text()
        qtbot.waitUntil(lambda: bool(written), timeout=30_000)
    finally:
        service.stop()
        wall.stop()
        assert worker.stop()
    assert not service._timer.isActive() and service._pool.activeThreadCount() == 0
    path = Path(written[0])
    assert path.parent == tmp_path / "data" / "briefings" and path.name.startswith("tamtam-")
    assert path.read_bytes().startswith(b"%PDF-") and "Stormschade" in "".join(pdf_pages(path))
    assert wall._notice_text() == f"Tamtam bewaard: briefings/{path.name}"


def test_the_morning_mail_goes_once_a_day(qtbot: QtBot, tmp_path: Path, inbox: tuple[Inbox, int]) -> None:
    make_app("nl")
    box, port = inbox
    config = Config({"wall.name": "Lindeveld", "briefing.enabled": True, "briefing.email_time": "07:30",
                     "briefing.recipients": ["burgemeester@lindeveld.example"],
                     "alerts.email.host": "127.0.0.1", "alerts.email.port": port,
                     "alerts.email.starttls": False, "alerts.email.sender": "wall@lindeveld.example"})
    worker = _worker(tmp_path, config)
    service = BriefingService(worker, config, tmp_path / "data", lang="nl")
    notices: list[str] = []
    service.notice.connect(notices.append)
    worker.start()
    try:
        early = datetime(2026, 3, 10, 6, 0, tzinfo=UTC)  # 07:00 in Brussels
        assert not service.check_mail(early)
        assert service.check_mail(NOW)
        qtbot.waitUntil(lambda: bool(notices), timeout=30_000)
        assert notices == ["Ochtendtamtam verstuurd naar burgemeester@lindeveld.example"]
        assert not service.check_mail(NOW + timedelta(hours=2))  # once a day
        stored: list[str | None] = []
        worker.call(lambda p: stored.append(p.store.get_meta(MAILED_KEY)))
        qtbot.waitUntil(lambda: bool(stored), timeout=10_000)
    finally:
        service.stop()
        assert worker.stop()
    assert len(box.messages) == 1
    msg = box.messages[0]
    assert msg["To"] == "burgemeester@lindeveld.example" and "Dagelijkse tamtam Lindeveld" in msg["Subject"]
    pdfs = [part for part in msg.walk() if part.get_content_type() == "application/pdf"]
    assert len(pdfs) == 1 and pdfs[0].get_payload(decode=True).startswith(b"%PDF-")  # type: ignore[union-attr]
    assert stored and stored[0] is not None


def test_every_sentence_of_the_briefing_has_its_dutch() -> None:
    import runpy

    table = runpy.run_path(str(ROOT / "resources" / "i18n" / "make_translations.py"))["NL"]
    found = 0
    for module in ("briefing_pdf.py", "briefing_service.py"):
        source = (ROOT / "newsroom" / "ui" / module).read_text(encoding="utf-8")
        for call in re.findall(r'\b(?:tr|fill)\(\s*((?:"[^"]*"\s*)+)', source):
            text = "".join(re.findall(r'"([^"]*)"', call))
            assert text in table, f"no Dutch for {text!r} (resources/i18n/nl_briefing.py)"
            found += 1
    assert found > 30


def test_a_folder_that_cannot_be_written_and_a_mail_server_that_is_down_are_said(qtbot: QtBot,
                                                                                 tmp_path: Path) -> None:
    make_app("nl")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    config = Config({"briefing.folder": str(blocked), "briefing.enabled": True,
                     "alerts.email.host": "127.0.0.1", "alerts.email.port": free_port(),
                     "alerts.email.starttls": False, "alerts.email.recipients": ["a@b.example"]})
    worker = _worker(tmp_path, config)
    service = BriefingService(worker, config, tmp_path / "data", lang="nl")
    notices: list[str] = []
    service.notice.connect(notices.append)
    worker.start()
    try:
        qtbot.waitUntil(lambda: worker._target is not None, timeout=30_000)
        service.write_now()
        qtbot.waitUntil(lambda: len(notices) == 2, timeout=30_000)
        assert notices[1].startswith("De tamtam kon niet gemaakt worden: ")
        assert service.check_mail(NOW)
        qtbot.waitUntil(lambda: len(notices) == 3, timeout=30_000)
        assert notices[2].startswith("De ochtendtamtam kon niet verstuurd worden: ")
        assert not service.check_mail(NOW + timedelta(minutes=10))  # tried again after 30 minutes
    finally:
        service.stop()
        assert worker.stop()
