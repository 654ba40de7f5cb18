"""The crisis view: switched to on a severe alert, back on resolve, key C toggles; plain text; chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from newsroom.domain import (
    AlertState,
    CrisisDetail,
    Mention,
    Polarity,
    Sentiment,
    Series,
    SubStory,
    TermWeight,
    WallSnapshot,
)
from newsroom.ui.app import make_app
from newsroom.ui.wall import WallWindow
from tests.ui.conftest import shown_wall

Make = Callable[..., WallSnapshot]
EVIL = "<b>dak</b> <img src='http://x/y.png'> weg"


def detail(snap: WallSnapshot, *, severity: int = 4, state: AlertState = AlertState.ONGOING) -> CrisisDetail:
    alert = replace(snap.alerts[0], severity=severity, state=state)
    now = snap.created
    start = now - timedelta(hours=3, minutes=45)
    volume = tuple(2.0 if i < 36 else 30.0 for i in range(46))
    negative = tuple(1.0 if i < 36 else 24.0 for i in range(46))
    mentions = tuple(Mention(id=f"n:{i}", source="bluesky", text=EVIL if i == 0 else f"Boos bericht {i}",
                             published=now - timedelta(minutes=i), sentiment=Sentiment(Polarity.NEGATIVE, -0.7))
                     for i in range(6))
    return CrisisDetail(
        topic_id=100, title="Stormschade Lindeveld-Noord", started=alert.started,
        volume=Series(start, 300, volume), negative=Series(start, 300, negative),
        baseline_low=tuple(1.0 for _ in volume), baseline_high=tuple(3.0 for _ in volume), size=412,
        share_negative=0.8, per_hour=360.0, alert=alert,
        substories=(SubStory(100, "Stormschade Lindeveld-Noord", 300, 250.0, 0.8),
                    SubStory(107, "Dak van de buren in de tuin", 70, 60.0, 0.9),
                    SubStory(108, "Noodnummer 0800 12 345", 42, 50.0, 0.5)),
        phrases=(TermWeight("stormschade", 9.0, -0.6), TermWeight("dakpannen", 5.0, -0.4)),
        negative_mentions=mentions,
    )


def crisis_snapshot(make_snapshot: Make, **kwargs: object) -> WallSnapshot:
    snap = make_snapshot()
    return replace(snap, crises=(detail(snap, **kwargs),))  # type: ignore[arg-type]


def wall(qtbot: QtBot) -> WallWindow:
    return shown_wall(qtbot, frozen_clock=True)  # "since" as of the snapshot


def test_a_severe_alert_switches_to_the_crisis_view_and_its_end_switches_back(
        qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.apply_snapshot(make_snapshot(alert=False))
    assert not w.crisis.isVisible()
    w.apply_snapshot(crisis_snapshot(make_snapshot))
    assert w.crisis.isVisible() and w.crisis_topic == 100
    view = w.crisis
    assert view.geometry().top() > w.topbar.geometry().bottom()  # the top bar stays in sight
    assert view.geometry().bottom() >= w.height() - 2 * w.scale.spacing - 1
    assert view.title.text() == "Stormschade Lindeveld-Noord"
    assert "48 negatieve berichten in 30 min" in view.explanation.text()
    assert view.since.text() == "al 45 min"
    assert view.negative.text() == "80 % negatief"
    assert [n.text() for n, _ in view._rows if n.isVisible()] == [
        "Stormschade Lindeveld-Noord", "Dak van de buren in de tuin", "Noodnummer 0800 12 345"]
    assert [c.text() for _, c in view._rows if c.isVisible()] == ["300", "70", "42"]
    assert view.phrases.text() == "stormschade · dakpannen"
    assert view.hint.text() == "Spatie = gezien · C = overzicht"
    assert view.chart.points == 46
    assert view.chart.curves()["start"] == w.snapshot.crises[0].started.timestamp()  # type: ignore[union-attr]
    assert view.feed.header.text() == "Nieuwste negatieve berichten"
    assert view.feed.items[0].body.text() == EVIL  # remote text, literally
    assert view.feed.items[0].meta.textFormat() == Qt.TextFormat.PlainText
    assert view.feed.items[0].body.font_used().pixelSize() > w.ticker.items[0].body.font_used().pixelSize()
    # the alert resolves: the snapshot holds no crisis any more
    w.apply_snapshot(make_snapshot(alert=False))
    assert not w.crisis.isVisible() and w.crisis_topic is None
    w.stop()


def test_below_the_severity_or_with_the_setting_off_the_overview_stays(
        qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.set_crisis_options(auto=True, min_severity=5)
    w.apply_snapshot(crisis_snapshot(make_snapshot, severity=4))
    assert not w.crisis.isVisible()
    w.set_crisis_options(auto=False, min_severity=1)
    w.apply_snapshot(crisis_snapshot(make_snapshot, severity=5))
    assert not w.crisis.isVisible()
    w.stop()


def test_key_c_toggles_and_a_view_left_by_hand_stays_left(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    snap = crisis_snapshot(make_snapshot)
    w.apply_snapshot(snap)
    assert w.crisis.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_C)
    assert not w.crisis.isVisible()
    w.apply_snapshot(snap)  # the same alert goes on: no switching back by itself
    assert not w.crisis.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_C)
    assert w.crisis.isVisible() and w.crisis_topic == 100
    qtbot.keyClick(w, Qt.Key.Key_C)
    assert not w.crisis.isVisible()
    # once that alert has ended, a new severe alert switches by itself again
    w.apply_snapshot(make_snapshot(alert=False))
    w.apply_snapshot(snap)
    assert w.crisis.isVisible()
    w.stop()


def test_key_c_without_an_event_says_so_and_stays_on_the_overview(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.apply_snapshot(make_snapshot(alert=False))
    qtbot.keyClick(w, Qt.Key.Key_C)
    assert not w.crisis.isVisible()
    assert w._notice_text() == "Geen gebeurtenis om in het crisisbeeld te tonen"
    w.stop()


def test_the_crisis_view_follows_a_resize(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.apply_snapshot(crisis_snapshot(make_snapshot))
    w.resize(1280, 720)
    qtbot.waitUntil(lambda: w.crisis.width() <= 1280 and w.crisis.height() < 720)
    assert w.crisis.geometry().right() < w.width()
    w.stop()


def test_space_on_the_crisis_view_acknowledges_its_alert(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    snap = crisis_snapshot(make_snapshot)
    w.apply_snapshot(snap)
    with qtbot.waitSignal(w.acknowledge_requested) as blocker:
        qtbot.keyClick(w, Qt.Key.Key_Space)
    assert blocker.args == [snap.crises[0].alert.id]  # type: ignore[union-attr]
    seen = replace(snap.crises[0], alert=replace(snap.crises[0].alert, acknowledged_by="wall"))  # type: ignore[type-var]
    w.apply_snapshot(replace(snap, crises=(seen,)))
    assert w.crisis.isVisible()  # seen is not over: the view stays until the alert ends
    assert w.crisis.hint.text() == "Gezien door wall · C = overzicht"
    w.stop()


def test_on_a_small_screen_the_chart_keeps_its_room_and_the_rest_says_what_it_leaves_out(
        qtbot: QtBot, make_snapshot: Make) -> None:
    make_app("nl")
    w = WallWindow(diagonal_in=40.0, distance_m=5.0)  # big type on a small picture
    w.frozen_clock = True
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    snap = crisis_snapshot(make_snapshot)
    many = replace(snap.crises[0], substories=tuple(
        replace(snap.crises[0].substories[0], topic_id=200 + i, label=f"Deel {i}", size=50 - i) for i in range(6)))
    w.apply_snapshot(replace(snap, crises=(many,)))
    view = w.crisis
    qtbot.waitUntil(lambda: view.chart.height() >= 0.3 * view.height())
    rows = [(n.text(), c.text()) for n, c in view._rows if n.isVisible()]
    assert 2 <= len(rows) < 6
    assert rows[-1][0].startswith("+") and rows[-1][0].endswith(" meer")
    assert sum(int(c) for _, c in rows) == sum(50 - i for i in range(6))  # nothing is lost from the count
    w.stop()


HOSTILE = "<b>Brandweer</b> <a href='http://x.example/'>komt</a> pas morgen"


def test_a_reply_in_the_feed_says_what_it_answers_as_plain_text(qtbot: QtBot, make_snapshot: Make) -> None:
    snap = make_snapshot()
    base = detail(snap)
    mentions = (replace(base.negative_mentions[0], text="Schandalig!", reply_to="p:1"),
                *base.negative_mentions[1:])
    crisis = replace(base, negative_mentions=mentions, reply_parents=((mentions[0].id, HOSTILE),))
    w = wall(qtbot)
    w.apply_snapshot(replace(snap, crises=(crisis,)))
    assert w.crisis.isVisible()
    first, second = w.crisis.feed.items[:2]
    assert first.body.text() == "Schandalig!"  # the reply stays the main text
    assert not first.context.isHidden()
    assert first.context.text() == f"↳ op: “{HOSTILE}”"  # Dutch, and the tags literally
    shown = first.context.shown_text()
    assert shown.startswith("↳ op: “<b>Brandweer</b>") and "\n" not in shown
    assert first.context.font_used().italic() and first.context.geometry().bottom() < first.body.geometry().top()
    assert first.context.font_used().pixelSize() < first.body.font_used().pixelSize()  # clearly secondary
    assert second.context.isHidden() and second.context.text() == ""  # answers no one: no line
    w.stop()


def test_the_wall_feed_shows_what_a_reply_answers_and_a_narrow_column_elides_it(
        qtbot: QtBot, make_snapshot: Make) -> None:
    from newsroom.ui.widgets.ticker import Ticker

    snap = make_snapshot(alert=False)
    reply = replace(snap.latest[0], text="Bij ons ook", reply_to="p:9")
    ticker = Ticker()
    qtbot.addWidget(ticker)
    ticker.resize(260, 900)
    ticker.show()
    long_parent = "De hele Populierenlaan zit zonder stroom sinds de storm van gisteren " + HOSTILE
    ticker.set_mentions((reply, *snap.latest[1:]), snap.created, ((reply.id, long_parent),))
    item = ticker.items[0]
    assert not item.context.isHidden() and item.context.text().endswith(f"{long_parent}”")
    shown = item.context.shown_text()
    assert shown.endswith("…") and len(shown) < len(item.context.text())  # one line, elided
    assert all(i.context.isHidden() for i in ticker.items[1:])
    ticker.set_mentions(snap.latest, snap.created)  # the same slot, now a post that answers no one
    assert item.context.isHidden()
