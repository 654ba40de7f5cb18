"""What analysis loads on first use, loaded before the wall's window shows.

The language identifier (py3langid's model: ~0.7 s, partly in C calls that hold the GIL), the
sentiment lexicons, the stemmers and the demo scenario are loaded lazily, on their first use. On the
pipeline thread that first use came while the window painted: a call holding the GIL stops the GUI
thread as surely as work on the GUI thread itself (benchmarks/gui_stall.py). ``preload`` makes each
first use here, on the thread that starts the wall, before the window shows; the caches are the
modules' own, so the pipeline thread then finds everything loaded.

``freeze_loaded`` then takes what is loaded by now (modules, models, lexicons: ~170,000 objects that
live as long as the process) out of the cyclic garbage collector's reach. A collection of the oldest
generation walks every tracked object while holding the GIL: on the pipeline thread one took 330 ms
during the demo's first poll, a frozen wall as long (benchmarks/gui_stall.py traces them).
"""

from __future__ import annotations

import logging
import time

from newsroom.analysis.language import detect_language
from newsroom.analysis.sentiment import SentimentScorer
from newsroom.analysis.words import content_words
from newsroom.pipeline.heap import freeze_start_up

log = logging.getLogger("newsroom.pipeline.preload")

#: one short text per language, each long enough for the identifier (so its model loads)
SAMPLES = {
    "nl": "De brandweer heeft de omgevallen bomen op de Kanaalweg opgeruimd, bedankt!",
    "fr": "Les pompiers ont dégagé les arbres tombés sur la route, merci beaucoup !",
    "en": "The fire brigade cleared the fallen trees from the road, thank you so much!",
    "de": "Die Feuerwehr hat die umgestürzten Bäume von der Straße geräumt, vielen Dank!",
}


def preload(*, demo: bool = False) -> float:
    """Load the language identifier, the lexicons and stemmers of every language, and the demo
    scenario when ``demo``; returns the seconds it took (logged)."""
    start = time.perf_counter()
    scorer = SentimentScorer()
    for lang, text in SAMPLES.items():
        detect_language(text)
        scorer.score(text, lang)
        content_words(text, lang)
    if demo:
        from newsroom.sources.demo import load_scenario

        load_scenario()
    took = time.perf_counter() - start
    log.info("analysis loaded in %.2f s", took)
    return took


def freeze_loaded() -> int:
    """What is loaded by now out of the collector's walks (newsroom.pipeline.heap.freeze_start_up);
    returns how many objects were frozen. Call it once, at start-up, after ``preload``."""
    return freeze_start_up(log)
