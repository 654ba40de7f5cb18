"""A wall, not a desktop window: pointer hiding, burn-in drift, night dimming, rotation, privacy mode,
the unconfigured wall, no modal dialogs. Short intervals and the clock are injected."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from newsroom.domain import AlertState, SearchPage, WallSnapshot
from newsroom.localtime import set_zone
from newsroom.night_hours import NightHours
from newsroom.ui import theme
from newsroom.ui.kiosk import DRIFT_MAX, DRIFT_PATH, dimmed
from newsroom.ui.wall import WallWindow
from tests.ui.conftest import shown_wall

Make = Callable[..., WallSnapshot]
UI = Path(__file__).resolve().parents[2] / "newsroom" / "ui"


def wall(qtbot: QtBot, *, privacy: bool = True, lang: str = "nl") -> WallWindow:
    return shown_wall(qtbot, lang=lang, privacy=privacy)


def cursor_hidden() -> bool:
    cursor = QGuiApplication.overrideCursor()
    return cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor


def test_the_pointer_hides_when_still_and_shows_on_movement(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.apply_snapshot(make_snapshot())
    w.start_kiosk(cursor_idle_ms=30, drift_ms=600_000)
    hider = w.cursor_hider
    assert hider is not None and not cursor_hidden()
    qtbot.waitUntil(cursor_hidden)

    def shown(visible: bool) -> bool:
        return visible

    # the pointer is shown for only one idle period (30 ms) after a move: wait for the change itself,
    # not for a state a loaded machine may never be seen in
    with qtbot.waitSignal(hider.visibility_changed, check_params_cb=shown):
        qtbot.mouseMove(w, QPoint(300, 300))
    qtbot.waitUntil(cursor_hidden)  # still again: hidden again
    other = QWidget()  # a window opened on top of the wall (the settings): moving over it shows the pointer
    qtbot.addWidget(other)
    other.resize(400, 300)
    other.show()
    qtbot.waitExposed(other)
    with qtbot.waitSignal(hider.visibility_changed, check_params_cb=shown):
        qtbot.mouseMove(other, QPoint(50, 50))
    w.stop()
    assert QGuiApplication.overrideCursor() is None, "stop gives the pointer back"
    assert not any(t.isActive() for t in w.findChildren(QTimer))


def test_drift_moves_everything_at_most_two_pixels_and_comes_back(qtbot: QtBot, make_snapshot: Make) -> None:
    assert all(abs(dx) <= DRIFT_MAX and abs(dy) <= DRIFT_MAX for dx, dy in DRIFT_PATH)
    steps = list(zip(DRIFT_PATH, DRIFT_PATH[1:] + DRIFT_PATH[:1], strict=True))
    assert all(abs(a[0] - b[0]) <= 1 and abs(a[1] - b[1]) <= 1 for a, b in steps), "one pixel a step"
    assert len(set(DRIFT_PATH)) >= 20, "the loop visits most of the 5 × 5 square"
    w = wall(qtbot)
    w.apply_snapshot(make_snapshot())
    w.start_kiosk(cursor_idle_ms=600_000, drift_ms=600_000)
    assert w.drift is not None
    for _ in range(3):
        QGuiApplication.processEvents()  # the layout settles on the snapshot first
    home_bar, home_ticker = w.topbar.geometry(), w.ticker.geometry()
    seen = set()
    for _ in range(len(DRIFT_PATH)):
        w.drift.advance()
        QGuiApplication.processEvents()
        bar, ticker = w.topbar.geometry(), w.ticker.geometry()
        dx, dy = bar.x() - home_bar.x(), bar.y() - home_bar.y()
        assert (dx, dy) == w.drift.offset
        assert bar.size() == home_bar.size() and ticker.size() == home_ticker.size(), "nothing squeezed"
        assert ticker.translated(-dx, -dy) == home_ticker, "the whole content moves as one"
        assert w.rect().contains(ticker) and w.rect().contains(bar), "never off-screen"
        seen.add((dx, dy))
    assert w.drift.offset == (0, 0) and w.topbar.geometry() == home_bar, "the loop ends at home"
    assert len(seen) >= 20
    w.stop()


def test_drift_runs_on_its_timer(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.apply_snapshot(make_snapshot())
    w.start_kiosk(cursor_idle_ms=600_000, drift_ms=20)
    assert w.drift is not None
    qtbot.waitUntil(lambda: w.drift is not None and w.drift.step >= 3)
    w.stop()
    assert w.drift.step == 0 and w._drift_offset == (0, 0), "stop puts the content home"


def at(hour: int, minute: int = 0) -> Callable[[], datetime]:
    return lambda: datetime(2026, 1, 6, hour, minute, tzinfo=UTC)  # Brussels: UTC+1 in January


@pytest.fixture
def brussels() -> Iterator[None]:
    set_zone("Europe/Brussels")
    yield
    set_zone("UTC")


@pytest.mark.usefixtures("brussels")
def test_night_dims_by_the_schedule_and_an_alert_wakes_the_wall(qtbot: QtBot, make_snapshot: Make) -> None:
    now = [at(21, 30)]  # 22:30 local
    w = wall(qtbot)
    w.apply_snapshot(make_snapshot(alert=False))
    w.start_kiosk(night=NightHours.parse("22:00-07:00"), cursor_idle_ms=600_000, drift_ms=600_000,
                  clock=lambda: now[0]())  # noqa: PLW0108 - the clock is changed below
    dimmer = w.dimmer
    assert dimmer is not None and dimmer.dimmed and dimmer.overlay.isVisible()
    assert dimmer.overlay.geometry() == w.rect(), "the whole wall"
    assert dimmer.overlay.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert w.childAt(10, 10) is not dimmer.overlay, "clicks go through"

    alerted = make_snapshot(alert=True)
    w.apply_snapshot(alerted)
    assert not dimmer.dimmed and not dimmer.overlay.isVisible(), "an active alert wakes the wall"
    resolved = replace(alerted, alerts=(replace(alerted.alerts[0], state=AlertState.RESOLVED),))
    w.apply_snapshot(resolved)
    assert dimmer.dimmed, "dims again once the alert is over"

    now[0] = at(6, 0)  # 07:00 local: day
    dimmer.check()
    assert not dimmer.dimmed and not dimmer.overlay.isVisible()
    now[0] = at(12, 0)
    dimmer.check()
    assert not dimmer.dimmed
    w.stop()


def luminance(c: tuple[int, int, int]) -> float:
    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = (luminance(dimmed(x).getRgb()[:3]) for x in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def test_dimmed_text_stays_readable() -> None:
    assert contrast(theme.TEXT, theme.BACKGROUND) >= 4.5
    assert contrast(theme.TEXT, theme.PANEL) >= 4.5
    assert contrast(theme.MUTED, theme.BACKGROUND) >= 3.0


def paged(make_snapshot: Make) -> WallSnapshot:
    snap = make_snapshot(alert=False)
    t = snap.topics
    return replace(snap, searches=("Kanaalweg", "Station"),
                   search_pages=(SearchPage("Kanaalweg", (t[1], t[3])), SearchPage("Station", (t[4],))))


def shown_titles(w: WallWindow) -> list[str]:
    return [tile.title.text() for tile in w.tiles if tile.isVisible()]


def test_rotation_shows_one_page_per_search_and_r_pauses(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    snap = paged(make_snapshot)
    w.start_kiosk(rotation_s=600, cursor_idle_ms=600_000, drift_ms=600_000)
    w.apply_snapshot(snap)
    rotation = w.rotation
    assert rotation is not None and rotation.pages == ("", "Kanaalweg", "Station")
    assert len(shown_titles(w)) == 6 and w.page_bar.isVisible()
    assert w.page_bar.text().startswith("● Overzicht   ○ Kanaalweg")
    overview_size = w.tiles[0].size()
    rotation.advance()
    assert shown_titles(w) == [snap.topics[1].label, snap.topics[3].label]
    assert "● Kanaalweg" in w.page_bar.text()
    QGuiApplication.processEvents()
    grid_width = w.ticker.x() - w.tiles[0].x()
    assert w.tiles[0].width() < grid_width / 2.5, "a page of two: two tiles of a third, not two halves"
    assert abs(w.tiles[0].height() - overview_size.height()) <= overview_size.height() * 0.1
    assert w.raw_snapshot is snap and w.snapshot is not None and len(w.snapshot.topics) == 2
    w.apply_snapshot(snap)  # a new snapshot keeps the page
    assert shown_titles(w) == [snap.topics[1].label, snap.topics[3].label]

    qtbot.keyClick(w, Qt.Key.Key_R)
    assert rotation.paused and "gepauzeerd (R)" in w.page_bar.text()
    rotation.advance()
    assert rotation.page == "Kanaalweg", "paused: stays"
    qtbot.keyClick(w, Qt.Key.Key_R)
    rotation.advance()
    assert shown_titles(w) == [snap.topics[4].label]
    rotation.advance()
    assert len(shown_titles(w)) == 6, "back to the overview"
    w.stop()


def test_rotation_holds_on_the_overview_while_an_alert_waits(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    snap = paged(make_snapshot)
    w.start_kiosk(rotation_s=600, cursor_idle_ms=600_000, drift_ms=600_000)
    w.apply_snapshot(snap)
    assert w.rotation is not None
    w.rotation.advance()
    alert = make_snapshot(alert=True).alerts
    w.apply_snapshot(replace(snap, alerts=alert))
    assert w.rotation.page == "" and len(shown_titles(w)) == 6, "back to the overview at once"
    w.rotation.advance()
    assert w.rotation.page == ""
    seen = replace(alert[0], acknowledged_by="wall")
    w.apply_snapshot(replace(snap, alerts=(seen,)))
    w.rotation.advance()
    assert w.rotation.page == "Kanaalweg", "an acknowledged alert lets it rotate"
    w.stop()


def test_without_rotation_there_is_no_page_bar(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.apply_snapshot(paged(make_snapshot))
    assert w.rotation is None and not w.page_bar.isVisible() and len(shown_titles(w)) == 6
    w.stop()


HANDLE = re.compile(r"@\w")


def test_privacy_mode_shows_no_author_and_no_handle(qtbot: QtBot, make_snapshot: Make) -> None:
    texts = [f"Dank @buur{i} en @els@mastodon.social voor de hulp na de storm" for i in range(6)]
    w = wall(qtbot)
    snap = make_snapshot(texts=texts)
    first = snap.topics[0]
    handle_topic = replace(first, label="Oproep van @burgemeester_lindeveld",
                           terms=(replace(first.terms[0], term="@burgemeester_lindeveld"), *first.terms[1:]))
    w.apply_snapshot(replace(snap, topics=(handle_topic, *snap.topics[1:])))
    assert w.tiles[0].title.text() == "Oproep van @…"
    layout = w.tiles[0].cloud.layout_result
    assert layout is not None and not any(HANDLE.search(word.text) for word in layout.words)
    items = w.ticker.visible_items()
    assert items
    for item in items:
        assert item.meta.text().startswith("Mastodon · ")
        assert not HANDLE.search(item.meta.text()) and not HANDLE.search(item.body.text())
        assert "Dank @… en @… voor de hulp" in item.body.text()
    w.stop()

    off = wall(qtbot, privacy=False)
    off.apply_snapshot(make_snapshot(texts=texts))
    first = off.ticker.items[0]
    assert first.meta.text().startswith("Mastodon · @user0") and "@buur0" in first.body.text()
    off.stop()


def test_an_unconfigured_wall_says_what_to_do_next(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.apply_snapshot(replace(make_snapshot(alert=False), topics=(), searches=()))
    sentence = "Nog geen zoekopdrachten — druk op Ctrl+, om de wall in te stellen"
    assert w.empty.isVisible() and w.empty.text() == sentence
    assert not w.setup_hint.isVisible(), "said once, in the middle"
    w.apply_snapshot(replace(make_snapshot(), searches=()))
    assert w.setup_hint.isVisible() and w.setup_hint.text() == sentence, "with topics: above them"
    w.apply_snapshot(replace(make_snapshot(), searches=("Kanaalweg",)))
    assert not w.setup_hint.isVisible()
    demo = replace(make_snapshot(), demo=True, notices=(("no_config", ""),))
    w.apply_snapshot(demo)
    assert w.setup_hint.isVisible() and w.setup_hint.text() == sentence, "the demo without a config too"
    w.stop()


WALL_MODULES = [*sorted(UI.glob("wall*.py")), UI / "kiosk.py", UI / "rotation.py", UI / "worker.py", UI / "app.py",
                *sorted((UI / "widgets").glob("*.py"))]


def test_no_modal_dialog_on_the_wall() -> None:
    """Nothing the wall runs opens a dialog that waits for a click: no message boxes, no exec()."""
    modal = re.compile(r"QMessageBox|QErrorMessage|QInputDialog|QFileDialog|\.exec\(|setModal\(True\)")
    found = [f"{p.name}: {line.strip()}" for p in WALL_MODULES
             for line in p.read_text(encoding="utf-8").splitlines() if modal.search(line)]
    assert found == []


def test_the_wall_command_reads_the_kiosk_settings(caplog: pytest.LogCaptureFixture) -> None:
    from newsroom.commands.wall import kiosk_settings
    from newsroom.config import Config

    assert kiosk_settings(Config()) == {"night": None, "rotation_s": None, "drift": True}, \
        "dimming and rotation: off; burn-in protection: on"
    on = kiosk_settings(Config({"display.night_dimming": True, "display.night_hours": "23:30-06:00",
                                "display.rotation": True, "display.rotation_s": 45, "display.burn_in": False}))
    assert on == {"night": NightHours.parse("23:30-06:00"), "rotation_s": 45.0, "drift": False}
    with caplog.at_level("WARNING", logger="newsroom.commands.wall"):
        bad = kiosk_settings(Config({"display.night_dimming": True, "display.night_hours": "'s nachts"}))
    assert bad["night"] == NightHours.parse("22:00-07:00")
    assert "night hours must look like 22:00-07:00" in caplog.text
