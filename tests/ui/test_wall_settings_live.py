"""The wall's own display settings apply at once when the operator saves (no restart): privacy, swear
words masked, the stale threshold, burn-in protection, the crisis view's switch; the rest is named as
needing a restart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from newsroom.config import Config, config_diff
from newsroom.domain import WallSnapshot
from newsroom.ui.wall import WallWindow
from tests.ui.conftest import shown_wall


def config(**values: object) -> Config:
    return Config({k.replace("__", "."): v for k, v in values.items()})


def wall(qtbot: QtBot) -> WallWindow:
    return shown_wall(qtbot, size=(1280, 720))


def test_privacy_follows_the_setting_at_once(qtbot: QtBot, make_snapshot: Callable[..., WallSnapshot]) -> None:
    w = wall(qtbot)
    w.apply_snapshot(make_snapshot())
    assert w.snapshot is not None and all(m.author == "" for m in w.snapshot.latest)  # private by default
    w.apply_wall_settings(config(display__privacy=False))
    assert w.snapshot is not None and w.snapshot.latest[0].author == "@user0"  # shown again, no new data
    w.apply_wall_settings(config(display__privacy=True))
    assert w.snapshot is not None and all(m.author == "" for m in w.snapshot.latest)
    w.stop()


def test_stale_threshold_crisis_switch_and_burn_in(qtbot: QtBot) -> None:
    w = wall(qtbot)
    w.start_kiosk(drift=False, cursor_idle_ms=60_000)
    assert w.drift is None
    w.apply_wall_settings(config(display__stale_after_min=5, wall__auto_crisis_view=False,
                                 wall__crisis_min_severity=4, display__burn_in=True))
    assert w.topbar.stale_after == timedelta(minutes=5)
    assert (w._crisis_auto, w._crisis_min_severity) == (False, 4)
    assert w.drift is not None
    w.set_drift(2, 1)
    w.apply_wall_settings(config(display__burn_in=False))
    assert w.drift is None and w._drift_offset == (0, 0)  # the content is back in its place
    w.stop()


def test_night_dimming_rotation_and_screen_are_named_as_needing_a_restart() -> None:
    diff = config_diff(Config(), config(display__rotation=True, display__night_dimming=True,
                                        display__screen=1, display__privacy=False))
    assert diff.restart_needed == ("display.night_dimming", "display.rotation", "display.screen")


def test_the_logo_is_a_local_image_beside_the_name(qtbot: QtBot, tmp_path: Path) -> None:
    w = wall(qtbot)
    logo = tmp_path / "logo.png"
    image = QImage(200, 100, QImage.Format.Format_ARGB32)
    image.fill(QColor("#0072B2"))
    assert image.save(str(logo))
    w.apply_wall_settings(config(wall__logo=str(logo)))
    assert w.topbar.logo.isVisible()
    assert w.topbar.logo.pixmap().height() == round(w.scale.headline * 1.4)  # as tall as the name
    assert w.topbar.logo.geometry().right() < w.topbar.town.geometry().left()
    (tmp_path / "broken.png").write_bytes(b"not an image")
    for bad in (str(tmp_path / "broken.png"), "https://example.org/logo.png"):  # never fetched
        w.apply_wall_settings(config(wall__logo=bad))
        assert not w.topbar.logo.isVisible()
    w.stop()


def test_swear_words_in_the_posts_are_masked_unless_switched_off(
        qtbot: QtBot, make_snapshot: Callable[..., WallSnapshot]) -> None:
    w = wall(qtbot)
    w.apply_snapshot(make_snapshot(texts=["Kut, weer geen bus 47 aan de Kerkstraat", "Bus 47 te laat"]))
    assert w.snapshot is not None and w.snapshot.latest[0].text == "K**, weer geen bus 47 aan de Kerkstraat"
    assert w.ticker.items[0].body.text().startswith("K**, weer geen bus")  # as the ticker shows it
    w.apply_wall_settings(config(display__mask_swearing=False))
    assert w.snapshot is not None and w.snapshot.latest[0].text.startswith("Kut, weer geen bus")
    assert w.snapshot.latest[1].text == "Bus 47 te laat"
    w.stop()
