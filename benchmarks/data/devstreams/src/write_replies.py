"""Write <stream>.replies.json from the hand-written decisions in <stream>_replies.py, after checks.

Checks: every key and value is an id of the stream, the parent is published before the child, no cycles.
Run: python benchmarks/data/devstreams/src/write_replies.py meerhoutem dommelroode
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STREAMS = HERE.parent


def _decisions(name: str) -> dict[str, str]:
    spec = importlib.util.spec_from_file_location(f"{name}_replies", HERE / f"{name}_replies.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{name}: no decisions file {name}_replies.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    short: dict[str, str] = module.REPLIES
    return {f"{name}-{child}": f"{name}-{parent}" for child, parent in short.items()}


def write(name: str) -> None:
    rows = [json.loads(line) for line in (STREAMS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    published = {row["id"]: row["published"] for row in rows}
    links = _decisions(name)
    for child, parent in links.items():
        if child not in published or parent not in published:
            raise SystemExit(f"{name}: unknown id in {child} -> {parent}")
        if not published[parent] < published[child]:
            raise SystemExit(f"{name}: parent {parent} is not earlier than {child}")
    ordered = {row["id"]: links[row["id"]] for row in rows if row["id"] in links}
    (STREAMS / f"{name}.replies.json").write_text(
        json.dumps(ordered, indent=0, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{name}: {len(ordered)} replies / {len(rows)} posts")


if __name__ == "__main__":
    for stream in sys.argv[1:]:
        write(stream)
