"""The overview reads at a glance: a top bar that never outgrows the screen, an alert queue, tiles with
badges and aligned figures, clouds that show the mix, a feed that counts copies once and never cuts a
number in half, a stale warning from the last successful poll, Dutch texts on the Dutch wall."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtGui import QFontMetricsF
from pytestqt.qtbot import QtBot

from newsroom.domain import (
    AlertScope,
    AlertState,
    Mention,
    Polarity,
    Sentiment,
    SourceHealth,
    SpikeAlert,
    TermWeight,
    WallSnapshot,
)
from newsroom.ui import theme
from newsroom.ui.app import make_app
from newsroom.ui.wall import WallWindow
from newsroom.ui.widgets.cloud import tone
from newsroom.ui.widgets.text import elide_words
from newsroom.ui.widgets.ticker import group_copies
from tests.ui.conftest import shown_wall

NOW = datetime(2026, 1, 6, 13, 50, tzinfo=UTC)  # the time of tests/ui/conftest.py's snapshots

Make = Callable[..., WallSnapshot]

LONG = ("the server answered 503 Service Temporarily Unavailable for https://example.org/a/very/long/"
        "path/to/a/feed.xml?with=query&and=more after three retries")


def wall(qtbot: QtBot, size: tuple[int, int] = (1920, 1080), lang: str = "nl") -> WallWindow:
    return shown_wall(qtbot, size=size, lang=lang)


def eight_sources(failing: int = 3) -> tuple[SourceHealth, ...]:
    names = ["rss", "gnews", "bing", "gdelt", "mastodon", "bluesky", "youtube", "x"]
    titles = ["RSS-feeds van de regionale kranten", "Google News België", "Bing News Nederland",
              "GDELT wereldnieuws", "Mastodon (mastodon.social)", "Bluesky (bsky.social)",
              "YouTube-kanalen van de stad", "X (Twitter) zoekopdracht"]
    out = []
    for i, (name, title) in enumerate(zip(names, titles, strict=True)):
        if i >= len(names) - failing:
            code = ("config", "http_status", "timeout")[i % 3]
            out.append(SourceHealth(name, title, last_success=NOW - timedelta(hours=3), last_error=LONG,
                                    last_error_at=NOW, consecutive_failures=4, last_error_code=code,
                                    last_error_status=503 if code == "http_status" else None))
        else:
            out.append(SourceHealth(name, title, last_success=NOW - timedelta(seconds=20)))
    return tuple(out)


def alert(i: int, severity: int, key: str, **kw: object) -> SpikeAlert:
    base = SpikeAlert(id=f"alert:{i}", scope=AlertScope.TOPIC, key=key, title=f"Onderwerp {i}",
                      state=AlertState.RAISED, severity=severity, started=NOW - timedelta(minutes=30), updated=NOW, window_min=30,
                      observed=20 + i, expected=3.0, spread=2.0, score=0.9, weekday=1, hour=14)
    return replace(base, **kw)  # type: ignore[arg-type]


# --- top bar ---------------------------------------------------------------------------------


def test_eight_failing_sources_never_widen_the_window_past_the_screen(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot, (1280, 720))
    notices = (("config_invalid", "Expected '=' after a key in a key/value pair (at line 3, column 5) — "
                "config.toml.corrupt-20261203-101500"), ("config_unknown_key", "wall.colour_scheme_extra"),
               ("source_unavailable", "reddit"))
    w.apply_snapshot(replace(make_snapshot(), health=eight_sources(), notices=notices))
    qtbot.wait(10)
    assert w.topbar.minimumSizeHint().width() <= 1280
    assert w.topbar.sizeHint().width() <= 1280
    assert w.minimumSizeHint().width() <= 1280
    assert w.sizeHint().width() <= 1280
    assert w.width() == 1280
    # the clock stays inside the window, whole
    clock = w.topbar.clock
    assert clock.geometry().right() <= w.topbar.width() and clock.width() >= clock.sizeHint().width()
    # a compact summary with the reasons, in Dutch, elided at a word boundary
    text = w.topbar.health.text()
    assert text.startswith("✕ 5 van 8 bronnen werken · ")
    assert "X (Twitter) zoekopdracht: serverfout 503" in text or "instelling ontbreekt" in text
    assert "server answered" not in text
    shown = w.topbar.health.shown_text()
    assert shown.startswith("✕ 5 van 8") and shown.endswith("…")
    # the health text is at or above the size floor
    assert w.topbar.health.font_used().pixelSize() >= round(w.scale.base)
    # the parser's English does not reach the Dutch wall; the line number and the backup do
    notice = w.topbar.notice.text()
    assert "regel 3" in notice and "config.toml.corrupt-20261203-101500" in notice
    assert "Expected" not in notice
    w.stop()


def test_all_sources_working_and_an_unconfigured_name(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.apply_snapshot(replace(make_snapshot(), health=eight_sources(failing=0), wall_name="Newsroom"))
    assert w.topbar.health.text() == "✓ alle 8 bronnen werken"
    assert w.topbar.town.text() == "Nieuwsmuur" and not w.topbar.subtitle.isVisible()
    w.apply_snapshot(replace(make_snapshot(), wall_name="Lindeveld"))
    assert w.topbar.town.text() == "Lindeveld" and w.topbar.subtitle.text() == "nieuwsmuur"
    w.stop()


def test_stale_warning_reads_the_last_successful_poll_not_the_newest_post(qtbot: QtBot,
                                                                          make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.frozen_clock = True
    quiet = replace(make_snapshot(), newest_data=NOW - timedelta(minutes=50),
                    health=(SourceHealth("rss", "RSS", last_success=NOW - timedelta(seconds=40)),))
    w.apply_snapshot(quiet)
    assert not w.topbar.stale
    assert "bijgewerkt 40 s geleden" in w.topbar.live.text()
    broken = replace(quiet, newest_data=NOW - timedelta(seconds=5),
                     health=(SourceHealth("rss", "RSS", last_success=NOW - timedelta(minutes=45),
                                          consecutive_failures=3, last_error_code="timeout"),))
    w.apply_snapshot(broken)
    assert w.topbar.stale and w.topbar.live.text().startswith("✕")
    w.stop()


# --- alert queue -------------------------------------------------------------------------------


def test_two_alerts_banner_shows_the_more_severe_then_the_next(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    mild, severe = alert(1, 2, "101"), alert(2, 4, "100")
    snap = replace(make_snapshot(), alerts=(mild, severe))
    w.apply_snapshot(snap)
    assert w.banner.alert_id == "alert:2" and "Onderwerp 2" in w.banner.headline.text()
    assert w.banner.more.isVisible() and w.banner.more.text() == "+1 andere melding"
    tile = next(t for t in w.tiles if t.topic_id == 100)
    assert tile.badge.isVisible() and tile.badge.text() == "▲ PIEK"
    with qtbot.waitSignal(w.acknowledge_requested) as sig:
        w.keyPressEvent(_space())
    assert sig.args == ["alert:2"]
    assert w.banner.alert_id == "alert:1" and not w.banner.more.isVisible()
    # the acknowledged alert leaves a small mark on its tile
    assert tile.badge.isVisible() and tile.badge.text() == "✓ gezien"
    # the store confirms both; nothing waits: no banner, both tiles marked
    done = replace(snap, alerts=(replace(mild, acknowledged_by="wall", acknowledged_at=NOW),
                                 replace(severe, acknowledged_by="wall", acknowledged_at=NOW)))
    w.apply_snapshot(done)
    assert not w.banner.isVisible()
    assert [t.badge.text() for t in w.tiles if t.topic_id in (100, 101)] == ["✓ gezien", "✓ gezien"]
    w.stop()


def test_equal_severity_alerts_are_all_reachable(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    alerts = tuple(alert(i, 3, str(100 + i), score=0.5 + i / 10) for i in range(3))
    w.apply_snapshot(replace(make_snapshot(), alerts=alerts))
    seen = []
    while w.banner.isVisible():
        seen.append(w.banner.alert_id)
        w.keyPressEvent(_space())
    assert seen == ["alert:2", "alert:1", "alert:0"]
    w.stop()


def _space():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ")


# --- tiles ---------------------------------------------------------------------------------------


def test_tiles_have_gaps_and_aligned_figures(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    snap = make_snapshot()
    w.apply_snapshot(snap)
    qtbot.wait(20)
    a, b, c, d = (w.tiles[i].geometry() for i in (0, 1, 2, 3))
    gap = round(w.scale.spacing)
    assert b.left() - a.right() - 1 >= gap and c.left() - b.right() - 1 >= gap
    assert d.top() - a.bottom() - 1 >= gap
    # one title needs two lines: every tile of its row reserves two, so the figures line up in each
    # row (a row of short names keeps the second line for its clouds)
    for row in (w.tiles[:3], w.tiles[3:6]):
        tops = {t.figures.mapTo(w, t.figures.rect().topLeft()).y() for t in row}
        assert len(tops) == 1
        assert len({t.title.max_lines for t in row}) == 1
    assert any(t.title.max_lines == 2 for t in w.tiles)
    # short titles only: one line each, still aligned
    short = replace(snap, topics=tuple(replace(t, label=f"Kort {i}") for i, t in enumerate(snap.topics)))
    w.apply_snapshot(short)
    qtbot.waitUntil(lambda: all(t.title.max_lines == 1 for t in w.tiles))
    qtbot.waitUntil(lambda: len({t.figures.mapTo(w, t.figures.rect().topLeft()).y()
                                 for t in w.tiles[:3]}) == 1)
    w.stop()


def test_cloud_shows_the_mix() -> None:
    # a word used angrily by a third of its posts is not an angry word; one used so by most is
    assert tone(TermWeight("bomen", 5.0, -0.4, 0.3)) == 0.0
    assert tone(TermWeight("stroompanne", 5.0, -0.7, 0.8)) == -1.0
    assert tone(TermWeight("helpen", 5.0, 0.5, 0.1)) == 1.0
    assert tone(TermWeight("oud", 5.0, -0.5)) == -1.0  # share unknown: the mean score decides


def test_a_thirty_percent_negative_tile_does_not_look_all_negative(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    snap = make_snapshot()
    words = ["storm", "bomen", "buren", "helpen", "straat", "brandweer", "dak", "tuin", "school", "markt"]
    terms = tuple(TermWeight(t, 20.0 - k, -0.3 if k < 3 else 0.1, 0.9 if k < 3 else 0.05)
                  for k, t in enumerate(words))
    mixed = replace(snap.topics[1], terms=terms, share_negative=0.3)
    w.apply_snapshot(replace(snap, topics=(snap.topics[0], mixed)))
    cloud = w.tiles[1].cloud
    qtbot.waitUntil(lambda: cloud.layout_result is not None and len(cloud.layout_result.words) >= 5)
    assert cloud.layout_result is not None
    placed = cloud.layout_result.words
    negative = [p for p in placed if p.sentiment < 0]
    assert 0 < len(negative) < len(placed) / 2
    w.stop()


def test_sparkline_gives_the_recent_hours_most_of_the_width(qtbot: QtBot, make_snapshot: Make) -> None:
    from newsroom.ui.widgets.sparkline import spark_x

    assert spark_x(0.0) == 1.0 and spark_x(24.0) == 0.0
    assert spark_x(6.0) < 0.35  # the last six hours take the rest: most of the width
    w = wall(qtbot)
    w.apply_snapshot(make_snapshot())
    assert [t for _, t in w.tiles[0].axis.marks()] == ["-24 u", "-6 u", "nu"]
    w.stop()


# --- feed ------------------------------------------------------------------------------------------


def _post(i: int, source: str, text: str, *, duplicate_of: str | None = None) -> Mention:
    return Mention(id=f"{source}:{i}", source=source, text=text, published=NOW - timedelta(minutes=i),
                   lang="nl", duplicate_of=duplicate_of,
                   sentiment=Sentiment(Polarity.NEGATIVE, -0.6))


def test_copies_of_one_post_count_once(qtbot: QtBot, make_snapshot: Make) -> None:
    text = "Noodnummer van de gemeente voor stormschade: 0800 12 345. Delen aub!"
    posts = [_post(1, "bluesky", text), _post(2, "mastodon", text + " https://t.co/x"),
             _post(3, "rss", "Zware windstoten richten schade aan in Lindeveld-Noord"),
             _post(4, "mastodon", "Iets anders helemaal", duplicate_of="bluesky:1")]
    entries = group_copies(posts)
    assert [e.mention.id for e in entries] == ["bluesky:1", "rss:3"]
    assert entries[0].copies_text() == "+2 op Mastodon"
    w = wall(qtbot)
    w.apply_snapshot(replace(make_snapshot(), latest=tuple(posts)))
    items = w.ticker.visible_items()
    assert [i.mention_id for i in items] == ["bluesky:1", "rss:3"]
    assert items[0].meta.text().endswith("· +2 op Mastodon")
    w.stop()


def test_elision_keeps_a_phone_number_and_a_url_whole(qtbot: QtBot) -> None:
    make_app("nl")
    fm = QFontMetricsF(theme.font(27))
    text = "Bel bij schade het noodnummer 0800 12 345 of kijk op https://lindeveld.be/storm voor info"
    for width in range(60, int(fm.horizontalAdvance(text)) + 20, 7):
        shown = elide_words(text, fm, float(width))
        assert fm.horizontalAdvance(shown) <= width + 1
        if shown.endswith("…"):
            kept = shown[:-1].rstrip()
            assert "0800 12 345"[:4] not in kept or "0800 12 345" in kept, shown
            assert "https://" not in kept or "https://lindeveld.be/storm" in kept, shown
    assert elide_words(text, fm, 10_000.0) == text


def test_the_ticker_elides_before_the_number(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot, (1280, 720))
    text = ("Stormschade in heel Lindeveld-Noord, bomen op de weg en daken kapot, wacht niet en bel "
            "voor hulp het gratis noodnummer van de gemeente 0800 12 345 of 0470 12 34 56 dag en nacht")
    w.apply_snapshot(replace(make_snapshot(), latest=(_post(1, "mastodon", text),)))
    lines = w.ticker.items[0].body.visible_lines()
    assert lines and lines[-1].endswith("…")
    joined = " ".join(lines)
    for number in ("0800 12 345", "0470 12 34 56"):
        assert number[:4] not in joined or number in joined, lines
    w.stop()


def test_the_ticker_shows_markup_literally(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    evil = "<b>vet</b> <img src='http://x/y.png'> & meer"
    w.apply_snapshot(replace(make_snapshot(), latest=(_post(1, "bluesky", evil),)))
    item = w.ticker.items[0]
    assert item.body.text() == evil
    assert "<b>vet</b>" in item.body.visible_lines()[0]
    w.stop()


def test_twelve_tiles_never_grow_the_window(qtbot: QtBot, make_snapshot: Make) -> None:
    """A minimum taller than the screen once grew the window, the type scale with it, without end."""
    make_app("nl")
    w = WallWindow(tiles=12)
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    snap = make_snapshot()
    w.apply_snapshot(replace(snap, topics=snap.topics * 2))
    qtbot.wait(20)
    assert (w.width(), w.height()) == (1920, 1080)
    assert round(w.scale.base) == 27  # the 55-inch, 5 m scale at 1080 px
    assert w.tiles[3].geometry().top() == w.tiles[0].geometry().top()  # four columns
    w.stop()
