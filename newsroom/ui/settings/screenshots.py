"""``newsroom settings --screenshots DIR``: every page of the dialog grabbed to a PNG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from newsroom.ui.settings.dialog import SettingsDialog


def write_screenshots(dialog: SettingsDialog, folder: Path, size: tuple[int, int]) -> list[Path]:
    """Each page (and the first-run path's first step) grabbed to a PNG; the dialog is closed after."""
    app = QApplication.instance()
    assert app is not None
    folder.mkdir(parents=True, exist_ok=True)
    dialog.resize(*size)
    dialog.show()
    dialog.jobs.wait(60_000)  # the demo for the preview
    app.processEvents()
    out: list[Path] = []
    names = ("searches", "sources", "alerts", "display", "data")
    for i, name in enumerate(names):
        dialog.views.setCurrentWidget(dialog.pages_view)
        dialog.nav.setCurrentRow(i)
        for _ in range(3):
            app.processEvents()
        path = folder / f"settings-{i + 1}-{name}.png"
        if not dialog.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        out.append(path)
    dialog.views.setCurrentWidget(dialog.first_run)
    app.processEvents()
    path = folder / "settings-0-first-run.png"
    dialog.grab().save(str(path), "PNG")
    out.append(path)
    dialog.reject()
    return out
