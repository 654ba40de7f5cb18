"""Regenerate the pictures of the docs (never edit them by hand): ``python docs/images/make_images.py``.

* ``wall-quiet.png`` and ``wall-crisis.png`` (README): ``newsroom screenshot --demo --at quiet`` and
  ``newsroom screenshot --demo --crisis``. Where this version's ``screenshot`` has no ``--at`` or
  ``--crisis`` yet (read from its ``--help``), the plain demo screenshot stands in, and the script says so.
* ``alert-series.png`` (docs/alerts.md): the demo's negative mentions per 5 minutes, the detector's
  normal band and its alert, computed in plain Python by ``newsroom.analysis.spikes``.
* ``cloud-before.png`` / ``cloud-after.png`` (docs/topics.md): the word cloud of the demo's biggest topic,
  then the same widget after the next 30 minutes of posts: words that stay keep their place.

PNGs are written small: palette-quantised with pillow when it is installed, else Qt's best compression.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SIZE = "1600x900"
BUCKET = timedelta(minutes=5)


def newsroom(*args: str) -> subprocess.CompletedProcess[str]:
    """Run this checkout's ``newsroom`` (offscreen, in a throw-away base folder)."""
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "newsroom", *args], capture_output=True, text=True,
                          env=env, timeout=300, check=False)


def screenshots(base: Path) -> list[str]:
    """The wall quiet and in crisis; returns what stood in for a missing option."""
    helptext = newsroom("screenshot", "--help").stdout
    notes = []
    wanted = {"wall-quiet.png": ["--at", "quiet"], "wall-crisis.png": ["--crisis"]}
    for name, wished in wanted.items():
        options = wished
        if not re.search(re.escape(wished[0]) + r"\b", helptext):
            notes.append(f"{name}: this newsroom has no {wished[0]} yet; the plain demo screenshot stands in")
            options = []
        out = HERE / name
        proc = newsroom("screenshot", "--demo", *options, "--out", str(out), "--size", SIZE, "--lang", "nl",
                        "--basedir", str(base))
        if proc.returncode != 0:
            raise SystemExit(f"newsroom screenshot failed: {proc.stderr.strip()}")
        optimise(out)
    return notes


def demo_series() -> tuple[list[datetime], list[float]]:
    """Negative mentions of the demo scenario per 5-minute bucket, scored as the wall scores them."""
    from newsroom.analysis.language import detect_language
    from newsroom.analysis.sentiment import SentimentScorer
    from newsroom.domain import Polarity
    from newsroom.sources.demo import load_scenario

    scenario = load_scenario()
    scorer = SentimentScorer()
    start = scenario.start
    buckets = math.ceil(scenario.length / BUCKET)
    counts = [0.0] * buckets
    for m in scenario.mentions:
        text = f"{m.title}. {m.text}" if m.title and m.title != m.text else m.text
        lang = m.lang if m.lang in ("nl", "fr", "en") else detect_language(text)
        if scorer.score(text, lang).label is Polarity.NEGATIVE:
            i = int((m.published - start) / BUCKET)
            if 0 <= i < buckets:
                counts[i] += 1
    return [start + i * BUCKET for i in range(buckets)], counts


def alert_plot(out: Path) -> str:
    """The series, its normal band (expected ± 2 spreads) and the alerts, as a PNG; returns a caption."""
    import pyqtgraph as pg
    import pyqtgraph.exporters
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from newsroom.analysis.spikes import SpikeDetector

    times, counts = demo_series()
    detector = SpikeDetector("balanced", bucket_s=int(BUCKET.total_seconds()))
    steps = [detector.update(t, v) for t, v in zip(times, counts, strict=True)]
    hours = [(t - times[0]).total_seconds() / 3600 for t in times]
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    plot = pg.PlotWidget()
    plot.resize(1200, 440)
    small = QFont(QApplication.font().family(), 10)
    style = {"font-size": "12pt"}
    plot.setTitle("Demo: negative mentions per 5 minutes, the normal band and the alert", size="13pt")
    plot.setLabel("bottom", "hours since the start of the demo", **style)
    plot.setLabel("left", "negative mentions", **style)
    for side in ("bottom", "left"):
        plot.getAxis(side).setTickFont(small)
    legend = plot.addLegend(offset=(60, 10), labelTextSize="11pt")
    legend.setBrush(pg.mkBrush(255, 255, 255, 220))
    low = [max(0.0, s.expected - 2 * s.spread) for s in steps]
    high = [s.expected + 2 * s.spread for s in steps]
    low_curve = plot.plot(hours, low, pen=pg.mkPen((120, 170, 220), width=1))
    high_curve = plot.plot(hours, high, pen=pg.mkPen((120, 170, 220), width=1), name="normal band")
    plot.addItem(pg.FillBetweenItem(low_curve, high_curve, brush=pg.mkBrush(86, 180, 233, 70)))
    plot.plot(hours, counts, pen=pg.mkPen((60, 60, 60), width=1.5), name="negative mentions")
    plot.plot(hours, [s.expected for s in steps], pen=pg.mkPen((0, 114, 178), width=2,
                                                               style=Qt.PenStyle.DashLine), name="normal")
    alerts = [(h, v) for h, v, s in zip(hours, counts, steps, strict=True) if s.alert]
    if alerts:
        plot.plot([a[0] for a in alerts], [a[1] for a in alerts], pen=None, symbol="t", symbolSize=16,
                  symbolBrush=(213, 94, 0), symbolPen="k", name="alert")
    plot.show()
    QApplication.processEvents()
    exporter = pg.exporters.ImageExporter(plot.plotItem)
    exporter.parameters()["width"] = 1200
    exporter.export(str(out))
    plot.close()
    optimise(out)
    first = next((t for t, s in zip(times, steps, strict=True) if s.alert), None)
    return f"alert at {first:%Y-%m-%d %H:%M} UTC" if first else "no alert"


def cloud_pictures(before: Path, after: Path) -> str:
    """The biggest demo topic's cloud, then the same widget after 30 more minutes of posts."""
    from PySide6.QtWidgets import QApplication

    from newsroom.paths import AppPaths
    from newsroom.pipeline.factory import PRIVATE_STORE, build_pipeline
    from newsroom.ui.widgets.cloud import WordCloud

    now = [datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=30)]
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = build_pipeline(AppPaths.under(Path(tmp)), None, demo=True, demo_store=PRIVATE_STORE,
                                  clock=lambda: now[0])
        try:
            pipeline.poll_once()
            first = pipeline.snapshot()
            now[0] += timedelta(minutes=30)
            pipeline.poll_once()
            second = pipeline.snapshot()
        finally:
            pipeline.close()
    topic = max(first.topics, key=lambda t: t.size)
    later = next((t for t in second.topics if t.id == topic.id), None)
    if later is None:
        raise SystemExit(f"topic {topic.id} ({topic.label}) is gone after the update; pick another moment")
    app = QApplication.instance()
    assert app is not None
    cloud = WordCloud()
    cloud.set_font_range(18, 56)
    cloud.resize(760, 380)
    cloud.setStyleSheet("background: #101418;")
    cloud.show()
    app.processEvents()
    for terms, out in ((topic.terms, before), (later.terms, after)):
        cloud.set_terms(terms, animate=False)
        app.processEvents()
        cloud.stop()
        cloud.grab().save(str(out), "PNG")
        optimise(out)
    cloud.close()
    kept = {t.term for t in topic.terms[:40]} & {t.term for t in later.terms[:40]}
    return (f"topic {topic.label!r}: {topic.size} -> {later.size} posts, {len(kept)} words kept of "
            f"{min(40, len(topic.terms))}")


def optimise(path: Path) -> None:
    """Make the PNG small: a 256-colour palette with pillow when installed, else Qt's best compression."""
    try:
        from PIL import Image
    except ImportError:
        from PySide6.QtGui import QImage

        image = QImage(str(path))
        image.save(str(path), "PNG", 0)
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=0)
    small.save(path, optimize=True)


def main() -> int:
    """Write every picture; print each file's size and the total."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from newsroom.ui.app import make_app

    make_app("nl")
    with tempfile.TemporaryDirectory() as base:
        notes = screenshots(Path(base))
    notes.append(alert_plot(HERE / "alert-series.png"))
    notes.append(cloud_pictures(HERE / "cloud-before.png", HERE / "cloud-after.png"))
    total = 0
    for png in sorted(HERE.glob("*.png")):
        size = png.stat().st_size
        total += size
        print(f"{png.name}: {size / 1024:.0f} KiB")
    print(f"together: {total / 1024:.0f} KiB")
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
