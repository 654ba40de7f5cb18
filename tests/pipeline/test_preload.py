"""The wall's preload loads, before the window shows, what analysis otherwise loads on its first use on
the pipeline thread (where a load holding the GIL froze the painting window). Run in a fresh process:
in the test process other tests have loaded everything already."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from newsroom.analysis import language, sentiment_lexicon, words
from newsroom.sources import demo

def loaded():
    return {"identifier": language._identifier.cache_info().currsize,
            "lexicons": sentiment_lexicon.base_lexicon.cache_info().currsize,
            "scenario": demo.load_scenario.cache_info().currsize,
            "stems": words._stem.cache_info().currsize,
            "qt": "PySide6" in sys.modules}

before = loaded()
import gc
from newsroom.pipeline.preload import freeze_loaded, preload
took = preload(demo=sys.argv[1] == "demo")
unfrozen = gc.get_freeze_count()
frozen = freeze_loaded()
print(json.dumps({"before": before, "after": loaded(), "took": took,
                  "frozen": [unfrozen, frozen, gc.get_freeze_count(), len(gc.get_objects())]}))
"""


def run_probe(mode: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, check=True)
    out: dict[str, Any] = json.loads(done.stdout)
    return out


def test_preload_loads_identifier_lexicons_stemmers_and_demo() -> None:
    result = run_probe("demo")
    assert result["before"] == {"identifier": 0, "lexicons": 0, "scenario": 0, "stems": 0, "qt": False}
    after = result["after"]
    assert after["identifier"] == 1
    assert after["lexicons"] == 3  # nl, fr, en (German has no lexicon of its own)
    assert after["scenario"] == 1
    assert isinstance(after["stems"], int) and after["stems"] > 0
    assert after["qt"] is False  # plain Python: the preload imports no Qt


def test_preload_without_demo_leaves_the_scenario_unread() -> None:
    result = run_probe("config")
    assert result["after"]["scenario"] == 0
    assert result["after"]["identifier"] == 1


def test_freeze_takes_the_loaded_objects_out_of_the_collectors_walks() -> None:
    unfrozen, frozen, count, tracked = run_probe("demo")["frozen"]
    assert unfrozen == 0
    assert frozen == count > 20_000  # modules, models, lexicons, the demo's mentions (49k in a fresh CI venv)
    assert tracked < frozen / 10  # what a full collection still walks
