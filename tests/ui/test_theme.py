"""The wall's themes (``display.theme``): every text colour readable on what it is drawn on, negative
and positive told apart under colour blindness, and a live switch of the running wall."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from newsroom.config import Config, config_diff
from newsroom.config.schema import all_settings
from newsroom.domain import WallSnapshot
from newsroom.paths import AppPaths
from newsroom.ui import theme
from newsroom.ui.app import make_app
from newsroom.ui.settings.dialog import SettingsDialog
from newsroom.ui.settings.display_page import DisplayPage
from tests.ui.conftest import shown_wall

TEXTS = ("text", "muted", "negative", "positive", "live", "neutral_word")
#: Machado et al. (2009), severity 1: how protanopes, deuteranopes and tritanopes see linear RGB
SIMULATIONS = {
    "protan": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                        [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                        [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                        [0.004733, 0.691367, 0.303900]]),
}


@pytest.fixture(autouse=True)
def dark_after() -> Iterator[None]:
    """The theme is process-wide: every test leaves the default behind."""
    yield
    theme.use("donker")


def seen_as(hex_code: str, matrix: np.ndarray) -> np.ndarray:
    """The colour as a colour-blind viewer sees it, in gamma-encoded sRGB [0, 1]."""
    c = np.array([int(hex_code[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    seen = np.clip(matrix @ linear, 0, 1)
    return np.where(seen <= 0.0031308, seen * 12.92, 1.055 * seen ** (1 / 2.4) - 0.055)


def test_the_contrast_ratio_is_wcags() -> None:
    assert theme.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#777777") == pytest.approx(1.0)
    assert theme.contrast("#E69F00", "#FFFFFF") < 2.5  # why the light theme needs its own orange


@pytest.mark.parametrize("name", theme.THEMES)
def test_every_text_colour_reads_on_the_panel_and_the_background(name: str) -> None:
    p = theme.PALETTES[name]
    for fg in TEXTS:
        for bg in ("background", "panel"):
            ratio = theme.contrast(getattr(p, fg), getattr(p, bg))
            assert ratio >= 4.5, f"{name}: {fg} on {bg} is {ratio:.2f}:1"
    assert theme.contrast(p.background, p.negative) >= 4.5  # the top bar's notice: background on orange
    assert theme.contrast(p.text, p.panel_edge) >= 4.5  # an acknowledged alert's mark
    # the alert's banner and badge: large bold text, 3:1 for today's dark theme, 4.5:1 for the others
    assert theme.contrast(p.on_alert, p.alert) >= (3.0 if name == "donker" else 4.5)
    assert theme.contrast(p.band, p.panel) >= 1.15  # the normal band is visible under the sparkline


@pytest.mark.parametrize("name", theme.THEMES)
def test_negative_and_positive_stay_apart_under_colour_blindness(name: str) -> None:
    p = theme.PALETTES[name]
    for kind, matrix in SIMULATIONS.items():
        apart = float(np.linalg.norm(seen_as(p.negative, matrix) - seen_as(p.positive, matrix)))
        assert apart >= 0.3, f"{name}: orange and blue look alike to a {kind} viewer ({apart:.2f})"


def test_the_setting_offers_every_theme() -> None:
    setting = all_settings()["display.theme"]
    assert setting.choices == theme.THEMES and setting.default == "donker"
    assert setting.title_nl and setting.title_en and setting.help_nl and setting.help_en


def test_the_running_wall_switches_theme_at_once(qtbot: QtBot, make_snapshot: Callable[..., WallSnapshot]) -> None:
    w = shown_wall(qtbot, size=(1280, 720), frozen_clock=True)
    w.apply_snapshot(make_snapshot())
    corner = w.grab().toImage().pixelColor(2, 2)
    assert corner == QColor(theme.DARK.background)
    w.apply_wall_settings(Config({"display.theme": "licht"}))  # saved in the settings: no restart
    assert w.theme_name == "licht"
    image = w.grab().toImage()
    assert image.pixelColor(2, 2) == QColor(theme.LIGHT.background)
    tile = w.tiles[1]  # a tile's panel, its title in the light theme's text colour
    inside = tile.mapTo(w, tile.rect().center())
    assert image.pixelColor(inside.x(), tile.mapTo(w, tile.rect().topLeft()).y() + 6) == QColor(theme.LIGHT.panel)
    assert tile.panel()[:2] == (theme.LIGHT.background, theme.LIGHT.panel) and tile.title._colour == theme.LIGHT.text
    assert w.ticker.items[0]._colours[1] in (theme.LIGHT.negative, theme.LIGHT.muted)
    w.apply_wall_settings(Config({"display.theme": "donker"}))
    assert w.grab().toImage().pixelColor(2, 2) == QColor(theme.DARK.background)
    assert tile.panel()[:2] == (theme.DARK.background, theme.DARK.panel)
    w.stop()


def test_a_theme_change_needs_no_restart() -> None:
    assert config_diff(Config(), Config({"display.theme": "licht"})).restart_needed == ()


def test_the_display_page_previews_the_theme_and_leaves_the_running_one(qtbot: QtBot, tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "base")
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text('[wall]\nname = "Lindeveld"\n', encoding="utf-8")
    make_app("nl")
    dialog = SettingsDialog(paths, paths.config_file, lang="nl")
    qtbot.addWidget(dialog)
    dialog.show()
    page = next(p for p in dialog.findChildren(DisplayPage))
    dialog.stack.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.renders >= 1)
    assert page.preview.pixmap().toImage().pixelColor(1, 1) == QColor(theme.DARK.background)
    field = page.fields["display.theme"]
    assert [field.editor.itemText(i) for i in range(field.editor.count())] == ["donker", "licht", "hoog contrast"]
    renders = page.renders
    field.set_value("licht")
    qtbot.waitUntil(lambda: page.renders > renders)
    light = page.preview.pixmap().toImage().pixelColor(1, 1)
    assert light.lightness() > 200  # the preview is light (scaled: close to the light background)
    assert theme.current() is theme.DARK  # the running wall keeps its theme until the settings are saved
    dialog.reject()
