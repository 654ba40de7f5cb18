"""The finishing pass of issue 14: privacy in the crisis view and screenshots, tiles that fit their
height, the crisis view holding rotation and drift, tiles added by the settings, a feed that fills."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from itertools import pairwise

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from newsroom.domain import Mention, Polarity, SearchPage, Sentiment, WallSnapshot
from newsroom.ui.app import make_app
from newsroom.ui.render import posed_wall
from newsroom.ui.wall import WallWindow, columns
from newsroom.ui.widgets.tile import TopicTile
from tests.ui.conftest import LABELS, NOW, shown_wall, topic
from tests.ui.test_crisis_view import crisis_snapshot

Make = Callable[..., WallSnapshot]


def handles_in(snapshot: WallSnapshot) -> WallSnapshot:
    """The crisis view's feed written by people with handles, who also name one another."""
    crisis = snapshot.crises[0]
    posts = tuple(replace(m, author=f"@boze_buur{i}", text=f"@schepen{i} ons dak ligt op straat")
                  for i, m in enumerate(crisis.negative_mentions))
    return replace(snapshot, crises=(replace(crisis, negative_mentions=posts),))


def feed_texts(w: WallWindow) -> str:
    return " ".join(f"{i.meta.text()} {i.body.text()}" for i in w.crisis.feed.visible_items())


def test_privacy_mode_keeps_handles_out_of_the_crisis_view(qtbot: QtBot, make_snapshot: Make) -> None:
    make_app("nl")
    snap = handles_in(crisis_snapshot(make_snapshot))
    private = posed_wall(snap, 1920, 1080, crisis=True)
    qtbot.addWidget(private)
    assert private.crisis.isVisible() and private.crisis.feed.visible_items()
    assert "@boze_buur" not in feed_texts(private) and "@schepen" not in feed_texts(private)
    assert "@… ons dak ligt op straat" in feed_texts(private)
    # display.privacy = false: the screenshot shows what that wall shows
    open_wall = posed_wall(snap, 1920, 1080, crisis=True, privacy=False)
    qtbot.addWidget(open_wall)
    assert "@boze_buur0" in feed_texts(open_wall)


def parts(tile: TopicTile) -> list[QWidget]:
    shown = [tile.title, tile.figures, tile.substories, tile.cloud, tile.spark, tile.axis]
    return [p for p in shown if p.isVisible()]


def box(part: QWidget, tile: TopicTile) -> QRect:
    return QRect(part.mapTo(tile, part.rect().topLeft()), part.size())


def check_no_overlap(w: WallWindow) -> None:
    for tile in (t for t in w.tiles if t.isVisible()):
        shown = parts(tile)
        assert tile.title in shown and tile.figures in shown
        boxes = [box(p, tile) for p in shown]
        for a, b in pairwise(boxes):
            assert a.bottom() < b.top(), f"{tile.title.text()}: parts overlap"
        assert boxes[-1].bottom() < tile.height()


def test_twelve_tiles_under_a_banner_at_1080p_never_overlap(qtbot: QtBot, make_snapshot: Make) -> None:
    make_app("nl")
    snap = make_snapshot()
    labels = [*LABELS, "Wegenwerken in de Stationsstraat", "Meeuwen en PMD-zakken", "Lawaai",
              "Nieuwe parkeerzone Kerkstraat"]
    snap = replace(snap, topics=tuple(topic(i, labels[i]) for i in range(12)))
    w = WallWindow(tiles=12)
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    w.apply_snapshot(snap)
    qtbot.wait(20)
    assert w.banner.isVisible()
    assert columns(12) == 4 and w.tiles[4].geometry().top() > w.tiles[0].geometry().bottom()
    check_no_overlap(w)
    # the short tiles give way: the title takes one line, and the cloud still shows words
    assert all(t.title_cap == 1 for t in w.tiles)
    assert all(t.cloud.isVisible() and t.cloud.layout_result and t.cloud.layout_result.words
               for t in w.tiles)


def test_six_tiles_at_720p_keep_a_cloud_on_the_event_tile(qtbot: QtBot, make_snapshot: Make) -> None:
    from newsroom.domain import SubStory

    make_app("nl")
    snap = make_snapshot()
    event = replace(snap.topics[0], substories=(SubStory(100, LABELS[0], 40, 30.0, 0.8),
                                               SubStory(107, "Brandweer overbevraagd", 20, 10.0, 0.7),
                                               SubStory(108, "Opvang in de sporthal", 10, 5.0, 0.2)))
    snap = replace(snap, topics=(event, *snap.topics[1:]))
    w = shown_wall(qtbot, size=(1280, 720))
    w.apply_snapshot(snap)
    qtbot.wait(20)
    check_no_overlap(w)
    first = w.tiles[0]
    assert first.substories.isVisible() and first.cloud.isVisible()
    layout = first.cloud.layout_result
    assert layout is not None and len(layout.words) >= 2


def test_the_crisis_view_holds_rotation_and_drift(qtbot: QtBot, make_snapshot: Make) -> None:
    make_app("nl")
    w = shown_wall(qtbot, size=(1280, 720), frozen_clock=True)
    plain = replace(make_snapshot(alert=False), search_pages=(SearchPage("Kanaalweg", ()),
                                                              SearchPage("Station", ())))
    w.start_kiosk(rotation_s=3600, drift_ms=3_600_000)
    w.apply_snapshot(plain)
    assert w.rotation is not None and w.drift is not None
    w.rotation.advance()
    assert w.rotation.page == "Kanaalweg"
    w.drift.advance()
    held = w.drift.offset
    # the event's alert (no banner waiting: the rotation is not held on the overview by it)
    w.apply_snapshot(replace(crisis_snapshot(make_snapshot), alerts=(), search_pages=plain.search_pages))
    assert w.crisis.isVisible()
    page = w.rotation.page
    w.rotation.advance()
    w.drift.advance()
    assert w.rotation.page == page and w.drift.offset == held
    w.toggle_crisis()  # key C: back to the overview, and both move again
    assert not w.crisis.isVisible()
    w.drift.advance()
    assert w.drift.offset != held
    w.stop()


def test_more_tiles_from_the_settings_keep_four_columns(qtbot: QtBot, make_snapshot: Make) -> None:
    make_app("nl")
    w = shown_wall(qtbot, size=(1920, 1080))
    snap = make_snapshot()
    snap = replace(snap, topics=tuple(topic(i, f"Onderwerp {i}") for i in range(12)))
    w.apply_snapshot(snap)
    w.apply_display(diagonal_in=55.0, distance_m=5.0, tiles=12)
    qtbot.wait(20)
    tops = sorted({t.geometry().top() for t in w.tiles})
    assert len(w.tiles) == 12 and len(tops) == 3  # three rows of four, not four rows of three
    assert all(t.isVisible() and t.topic_id is not None for t in w.tiles)
    assert not w.empty.isVisible()
    check_no_overlap(w)


def test_the_crisis_feed_fills_its_column(qtbot: QtBot, make_snapshot: Make) -> None:
    make_app("nl")
    snap = crisis_snapshot(make_snapshot)
    crisis = snap.crises[0]
    long = "Ons dak ligt in de tuin van de buren en niemand van de stad neemt de telefoon op, al uren niet"
    posts = tuple(Mention(id=f"n:{i}", source="mastodon", text=f"{long} ({i})", author=f"@p{i}",
                          published=NOW - timedelta(minutes=i), sentiment=Sentiment(Polarity.NEGATIVE, -0.7))
                  for i in range(12))
    snap = replace(snap, crises=(replace(crisis, negative_mentions=posts),))
    w = posed_wall(snap, 1920, 1080, crisis=True)
    qtbot.addWidget(w)
    feed = w.crisis.feed
    shown = feed.visible_items()
    assert 2 <= len(shown) < len(posts)
    last = shown[-1]
    bottom = last.mapTo(feed, last.rect().bottomLeft()).y()
    assert bottom <= feed.height()
    # what is left below the last post is less than a source line and one line of text
    line = last.meta.sizeHint().height() + last.body.font_used().pixelSize()
    assert feed.height() - bottom < line + 2 * feed.layout().contentsMargins().bottom() + feed.layout().spacing()
    # the posts stay newest first: what shows is the first ones, none skipped
    assert [i.mention_id for i in shown] == [f"n:{k}" for k in range(len(shown))]


def test_the_health_summary_names_a_failing_source_by_its_network(qtbot: QtBot) -> None:
    from newsroom.domain import SourceHealth
    from newsroom.ui import messages

    make_app("nl")
    health = (SourceHealth("rss", "RSS-feeds van de regionale kranten", last_success=NOW),
              SourceHealth("bluesky", "Bluesky (bsky.social, account van de stad)", last_error="no password",
                           last_error_at=NOW, consecutive_failures=3, last_error_code="config"))
    count, failing = messages.health_summary(health)
    assert count == "1 van 2 bronnen werken"
    assert failing.startswith("Bluesky: ") and "bsky.social" not in failing


def test_the_clock_keeps_to_the_right_before_any_source_reports(qtbot: QtBot) -> None:
    make_app("nl")
    w = shown_wall(qtbot, size=(1280, 720))
    w.apply_snapshot(WallSnapshot(created=NOW, wall_name="newsroom", searches=()))
    qtbot.wait(20)
    clock = w.topbar.clock.geometry()
    town = w.topbar.town.geometry()
    assert w.topbar.width() - clock.right() - 1 <= 2 and town.left() <= 2
    w.stop()


def test_emoji_never_move_a_line_break_into_a_word(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFontMetricsF

    from newsroom.ui import theme
    from newsroom.ui.widgets.text import ElidedText

    make_app("nl")
    text = "Wat een storm 😤😤 ons dak ligt in de tuin 🌧️ bel 0800 12 345 💡 niemand komt helpen"
    words = set(text.split())
    e = ElidedText(max_lines=6)
    qtbot.addWidget(e)
    e.set_style(theme.font(19), theme.TEXT)
    e.set_text(text)
    e.resize(260, 300)
    lines = e.visible_lines()
    assert len(lines) >= 3
    fm = QFontMetricsF(e.font_used())
    for line in lines:
        assert fm.horizontalAdvance(line) <= 261, line
        assert set(line.split()) <= words, f"a word cut in two: {line!r}"
    assert " ".join(lines) == text
