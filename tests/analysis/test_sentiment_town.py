"""Sentiment of a town's own posts: one small fixture file per kind of post the scorer used to miss
(tests/data/sentiment/town/*.tsv, each with a header saying what it exercises), a quality floor over
all of them (the whole scorer, town model included), the rules behind them (the rules alone), and the
labelled town sets in benchmarks/data/sentiment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from newsroom.analysis.language import detect_language
from newsroom.analysis.sentiment import SentimentScorer
from newsroom.domain import Polarity
from tests.analysis.f1 import macro_f1

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "sentiment" / "town"
TOWN_SETS = ROOT / "benchmarks" / "data" / "sentiment"
LABELS = ("negative", "neutral", "positive")
S = SentimentScorer()
RULES = SentimentScorer(use_model=False)  # the rules behind the fixtures (the model: test_sentiment_model.py)


def fixture(path: Path) -> list[tuple[str, str, str]]:
    """(label, lang, text) per line; ``#`` lines are the header."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, lang, text = line.split("\t")
            rows.append((label, lang, text))
    return rows


def predict(text: str) -> str:
    """As ``newsroom sentiment`` scores a line without ``lang``."""
    return S.score(text, detect_language(text)).label.value


FIXTURE_FILES = sorted(FIXTURES.glob("*.tsv"))


def test_every_miss_category_has_a_fixture() -> None:
    assert {p.stem for p in FIXTURE_FILES} >= {
        "questions_as_complaints", "sarcasm", "negation", "tussentaal", "news_about_bad_events",
        "english_french"}


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture_category_is_read_as_the_officer_reads_it(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("# ")  # says what it exercises
    rows = fixture(path)
    assert len(rows) >= 8 and all(label in LABELS for label, _, _ in rows)
    wrong = [(label, predict(text), text) for label, _, text in rows if predict(text) != label]
    assert len(wrong) <= len(rows) // 8, wrong  # measured: none wrong


def test_quality_floor_over_all_town_fixtures() -> None:
    rows = [row for path in FIXTURE_FILES for row in fixture(path)]
    gold = [label for label, _, _ in rows]
    pred = [predict(text) for _, _, text in rows]
    assert macro_f1(gold, pred, LABELS) >= 0.9  # measured 1.0
    negatives = [p for g, p in zip(gold, pred, strict=True) if g == "negative"]
    assert negatives.count("negative") / len(negatives) >= 0.9


def label(text: str, lang: str = "nl") -> Polarity:
    return RULES.score(text, lang).label


def terms(text: str, lang: str = "nl") -> list[str]:
    return [c.term for c in RULES.explain(text, lang)]


def test_a_question_is_a_complaint_only_when_it_sounds_like_one() -> None:
    assert label("Wanneer komt er eindelijk een zebrapad aan de school?") is Polarity.NEGATIVE
    assert label("Waarom duurt een vergunning hier een half jaar?") is Polarity.NEGATIVE
    assert label("Kan iemand mij uitleggen waarom de bus hier niet meer stopt?") is Polarity.NEGATIVE
    assert label("Wanneer komt de bus?") is Polarity.NEUTRAL
    assert label("Weet iemand of de bib zaterdag open is?") is Polarity.NEUTRAL
    assert label("Waarom staat er zoveel politie aan het station? Weet iemand wat er gebeurd is?") \
        is Polarity.NEUTRAL
    # what a complaint asks for is what is missing: praise inside it counts against
    assert RULES.score("Wanneer wordt dat kruispunt eindelijk veilig?", "nl").score < 0


def test_an_event_is_news_in_a_report_and_a_complaint_in_a_residents_voice() -> None:
    assert label("Zwaar ongeval op de Ringlaan, twee gewonden") is Polarity.NEUTRAL
    assert label("Brand in een loods in Kuringen, oorzaak onbekend") is Polarity.NEUTRAL
    assert label("Alweer een ongeval aan ons kruispunt. Ik ben het beu.") is Polarity.NEGATIVE
    # a strong verdict keeps its weight without a pronoun: a review, not a report
    assert label("Schandalig, die nieuwe parkeertarieven") is Polarity.NEGATIVE


def test_recurrence_is_a_complaint_only_next_to_one() -> None:
    assert "~recurrence" in terms("Weeral geen plaats in de fietsenstalling. Zoveelste keer.")
    assert label("Al drie weken geen straatverlichting in onze straat.") is Polarity.NEGATIVE
    assert label("Alweer een geweldig concert op de markt!") is Polarity.POSITIVE


def test_applause_and_praise_after_a_complaint_are_sarcasm_but_a_mixed_verdict_is_not() -> None:
    assert label("Goed bezig, de bus weer afgeschaft 👏") is Polarity.NEGATIVE
    assert label("Great, another weekend without trains 👏", "en") is Polarity.NEGATIVE
    mixed = {c.term: c.value for c in RULES.explain("Mooi park, maar jammer van het zwerfvuil.", "nl")}
    assert mixed["mooi"] > 0  # weighed against the complaint, not turned into it
    assert label("Geweldig boek! Kon het niet wegleggen.") is Polarity.POSITIVE


def test_a_french_subject_negation_is_a_lack() -> None:
    assert "rien" in terms("Les travaux devaient finir en mars. Rien n'a bougé.", "fr")
    assert label("Rien ne vaut une belle journée à la mer!", "fr") is Polarity.POSITIVE


def test_hindsight_is_a_complaint() -> None:
    assert label("Dat hadden ze jaren geleden al moeten aanpakken.") is Polarity.NEGATIVE
    assert label("They should have fixed this years ago.", "en") is Polarity.NEGATIVE
    assert label("You should have seen the fireworks, amazing!", "en") is Polarity.POSITIVE


def test_praise_of_the_past_is_a_complaint_about_the_present() -> None:
    assert label("Vroeger was het hier proper.") is Polarity.NEGATIVE
    assert label("Zo gezellig als vroeger, die kermis!") is Polarity.POSITIVE


def test_one_word_in_quotes_in_a_residents_post_is_irony() -> None:
    assert label('Super hoor, die "nieuwe" fietsenstalling met plaats voor tien fietsen.') is Polarity.NEGATIVE
    assert label('Stad opent "Stadsbos": prachtig nieuw wandelgebied') is not Polarity.NEGATIVE  # a name
    assert label("Wanneer is de ophaling van het grofvuil?") is Polarity.NEUTRAL  # a service, not dirt


def test_thanks_after_a_bad_event_stay_thanks() -> None:
    assert label("Merci aan de brandweer voor de hulp bij de brand in onze straat!") is Polarity.POSITIVE
    assert label("Thank you to the crews who cleared the fallen trees!", "en") is Polarity.POSITIVE


def test_long_texts_are_weighed_on_their_words() -> None:
    review = ("Wat een boek. Ik heb het in twee dagen uitgelezen en kon het niet wegleggen. De personages "
              "zijn sterk, het verhaal zit goed in elkaar en de schrijfstijl is vlot. Het einde is "
              "misschien wat voorspelbaar, maar dat stoort niet. Ik lees zeker nog meer van deze "
              "schrijver, want dit smaakt naar meer. ")
    article = review * 4  # far beyond a post: an article or a long review
    assert not any(t.startswith(("~", "?")) for t in terms(article))
    assert "~lack" in terms(review)  # a post: "kon het niet wegleggen" counts as a small lack
    assert RULES.score(review, "nl").score > 0 and RULES.score(article, "nl").score > 0


def test_scores_do_not_depend_on_the_hash_seed() -> None:
    posts = [{"text": text} for path in FIXTURE_FILES for _, _, text in fixture(path)]
    lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts)
    outputs = []
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run([sys.executable, "-m", "newsroom", "sentiment"], input=lines, capture_output=True,
                              text=True, encoding="utf-8", env=env, check=True, timeout=120)
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == len(posts)


# --- the labelled town sets (benchmarks/data/sentiment) ---------------------------------------------

def town_sets() -> dict[str, list[dict[str, str]]]:
    return {p.stem: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
            for p in sorted(TOWN_SETS.glob("*.jsonl"))}


def test_town_sets_are_well_formed_and_split_by_town_before_tuning() -> None:
    sets = town_sets()
    rows = [r for rows in sets.values() for r in rows]
    assert len(rows) >= 900
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["label"] in LABELS and r["lang"] in ("nl", "en", "fr") and r["text"].strip() for r in rows)
    langs = Counter(r["lang"] for r in rows)
    assert langs["en"] >= 0.08 * len(rows) and langs["fr"] >= 0.08 * len(rows)
    dev = {name: rows for name, rows in sets.items() if name.startswith("dev_")}
    report = {name: rows for name, rows in sets.items() if name.startswith("report_")}
    assert len(dev) + len(report) == len(sets) and dev and report
    assert not {r["town"] for rs in dev.values() for r in rs} & {r["town"] for rs in report.values() for r in rs}
    assert not {r["text"] for rs in dev.values() for r in rs} & {r["text"] for rs in report.values() for r in rs}
    for name, set_rows in sets.items():
        assert len({r["writer"] for r in set_rows}) >= 4, name  # several voices per town
        assert set(Counter(r["label"] for r in set_rows)) == set(LABELS), name
