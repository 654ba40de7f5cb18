"""Write ``newsroom_nl.ts`` from the table below and compile it to ``newsroom_nl.qm``.

Source strings are the English texts in ``newsroom/ui``; run after changing them:

    python resources/i18n/make_translations.py
"""

from __future__ import annotations

import runpy
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
CONTEXT = "Wall"

DAYS = {"Monday": "maandag", "Tuesday": "dinsdag", "Wednesday": "woensdag", "Thursday": "donderdag",
        "Friday": "vrijdag", "Saturday": "zaterdag", "Sunday": "zondag"}
PARTS = {"morning": "ochtend", "afternoon": "namiddag", "evening": "avond", "night": "nacht"}

NL: dict[str, str] = {
    "%1 s ago": "%1 s geleden",
    "%1 min ago": "%1 min geleden",
    "%1 h ago": "%1 u geleden",
    "%1 days ago": "%1 dagen geleden",
    "%1 min": "%1 min",
    "%1 h": "%1 u",
    "%1 d": "%1 d",
    "Waiting for data": "Wachten op gegevens",
    "LIVE · updated %1": "LIVE · bijgewerkt %1",
    "NEGATIVE SPIKE · %1": "NEGATIEVE PIEK · %1",
    "%1 negative mentions in %2 min — normally %3 ± %4 %5 · since %6":
        "%1 negatieve berichten in %2 min — normaal %3 ± %4 %5 · sinds %6",
    "%1 negative mentions in %2 min — normally at most %3 %5 · since %6":
        "%1 negatieve berichten in %2 min — normaal hooguit %3 %5 · sinds %6",
    "Seen by %1": "Gezien door %1",
    "Space = seen": "Spatie = gezien",
    "%1 / h": "%1 / uur",
    "%1 % negative": "%1 % negatief",
    "▲ rising": "▲ stijgt",
    "▼ falling": "▼ daalt",
    "■ steady": "■ stabiel",
    "DEMO · fictional data": "DEMO · fictieve gegevens",
    "No searches yet — press Ctrl+, to set up the wall (showing the demo)":
        "Nog geen zoekopdrachten — druk op Ctrl+, om de wall in te stellen (demo)",
    "No topics yet\nTopics appear as soon as enough mentions come in.\n"
    "%1 mentions in the last hour · %2 of %3 sources working":
        "Nog geen onderwerpen\nOnderwerpen verschijnen zodra er genoeg berichten binnenkomen.\n"
        "%1 berichten in het laatste uur · %2 van %3 bronnen werken",
    "The data store was damaged; started a new one (old file kept as %1)":
        "De gegevensopslag was beschadigd; een nieuwe is gestart (oud bestand bewaard als %1)",
    "Unknown setting ignored: %1": "Onbekende instelling genegeerd: %1",
    "Source not available: %1": "Bron niet beschikbaar: %1",
    "Connection to the database lost since %1": "Verbinding met de databank verbroken sinds %1",
    "Catching up: %1 mentions": "Achterstand: %1 berichten",
    "negative": "negatief",
    "positive": "positief",
    "Newest mentions": "Nieuwste berichten",
}
# Each part of the wall may keep its strings in its own table file, ``nl_<part>.py`` beside this one,
# holding a dict ``NL`` (fewer merge conflicts than one long dict).
for extra in sorted(HERE.glob("nl_*.py")):
    NL.update(runpy.run_path(str(extra))["NL"])
for en_day, nl_day in DAYS.items():
    for en_part, nl_part in PARTS.items():
        NL[f"on a {en_day} {en_part}"] = f"op {nl_day}{nl_part}"


def write_ts(path: Path, table: dict[str, str], language: str) -> None:
    """A Qt Linguist .ts file for one context."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{language}">', "<context>", f"    <name>{CONTEXT}</name>"]
    for source, target in table.items():
        lines += ["    <message>", f"        <source>{escape(source)}</source>",
                  f"        <translation>{escape(target)}</translation>", "    </message>"]
    lines += ["</context>", "</TS>", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    """Write the .ts and compile it with lrelease."""
    ts = HERE / "newsroom_nl.ts"
    write_ts(ts, NL, "nl_NL")
    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    subprocess.run([tool, str(ts), "-qm", str(HERE / "newsroom_nl.qm")], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
