"""Concepts beyond shared words (:mod:`newsroom.analysis.topic_concepts`): how lexicon members match
words, the shipped municipal lexicon in Dutch, French and English, concepts as weaker features in the
absorption of tiny fragments, and the same output under two hash seeds; general words weigh less
(:mod:`newsroom.analysis.topic_commonness`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from newsroom.analysis.topic_absorb import absorb_fragments
from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topic_commonness import FLOOR, factor, with_background
from newsroom.analysis.topic_concepts import (
    ConceptReader,
    concept_key,
    is_concept,
    municipal_lexicon,
    parse_lexicon,
    stream_concepts,
)
from newsroom.commands.topics import read_records

H = 3600.0
LEXICON = parse_lexicon([
    "# a comment",
    "flood\tkelder zandzak* *overstroming pomp buiten_oevers",
    "school\tschool* leerling",
    "",
])


def test_members_match_words_with_their_endings_starts_compound_heads_and_phrases() -> None:
    reader = ConceptReader(LEXICON)
    assert reader.word("kelder") == ("flood",)
    assert reader.word("kelders") == ("flood",)              # a usual ending
    assert reader.word("zandzakjes") == ("flood",)           # a start
    assert reader.word("kelderoverstroming") == ("flood",)   # a Dutch compound's head
    assert reader.word("pompier") == ()                      # 'pomp' is no start: the French firefighter
    assert reader.word("leerlingen") == ("school",)
    assert reader.word("schoolstraat") == ()                 # a street's name, not a school
    assert reader.word("school") == ("school",)
    assert reader.post("De rivier is BUITEN haar oevers? Nee: buiten oevers, 2 kelders") == {"flood": 2}


def test_the_shipped_lexicon_reads_a_flood_in_three_languages_and_keeps_other_stories_apart() -> None:
    reader = ConceptReader()
    assert "flood" in reader.post("Onze kelder staat onder water, iemand een pomp te leen?")
    assert "flood" in reader.post("Zandzakjes af te halen aan de sporthal")
    assert "flood" in reader.post("Inondations: les caves sont sous eau")
    assert "flood" in reader.post("Our basement flooded last night")
    assert "crime" in reader.post("Alweer een inbraak in onze straat")
    assert "crime" in reader.post("Burglary on Main Street, police on site")
    assert "flood" not in reader.post("Inbraak in de Stationsstraat")
    assert "school" not in reader.post("Wegenwerken in de Schoolstraat")      # a street, not a school
    lexicon = municipal_lexicon()
    assert len(lexicon.concepts) >= 60
    assert all(not key.startswith("~") for key in lexicon.exact)


def test_a_concept_is_rarer_the_fewer_posts_hold_it_and_no_word_is_a_concept() -> None:
    features = stream_concepts(["Kelder onder water", "Pomp te leen?", "Zandzakjes aan de sporthal",
                                "Inbraak vannacht", "Mooi weer vandaag"], ConceptReader())
    assert features.keys[0] == frozenset({concept_key("flood"), concept_key("water_nature")}) or \
        concept_key("flood") in features.keys[0]
    assert features.keys[4] == frozenset()
    assert features.idf[concept_key("crime")] > features.idf[concept_key("flood")]
    assert is_concept(concept_key("flood")) and not is_concept("kelder")
    idf = features.weighted_idf(lambda w: 3.0, 0.5)
    assert idf("kelder") == 3.0
    assert idf(concept_key("crime")) == 0.5 * features.idf[concept_key("crime")]


#: posts of no concept: what makes a concept rarer than in a stream of two stories alone (in more than a
#: fifth of the posts a concept would be background)
CHATTER = ["mooi zonnetje vandaag", "goede kapper gezocht", "koffie", "wie kent goede loodgieter",
           "fijne zondag iedereen", "lekker gegeten", "proficiat jarige", "gezellige avond",
           "nieuwe buren", "dank iedereen", "leuke foto", "wat een dag", "goedemorgen", "smakelijk",
           "mooie zonsondergang", "trots op ons dorp", "wie gaat er mee", "eindelijk vrijdag",
           "proost", "zalig"]


def _words(texts: list[str], concepts: bool) -> tuple[list[frozenset[str]], object]:
    plain = [frozenset(t.lower().split()) for t in texts]
    if not concepts:
        return plain, lambda w: 2.0
    features = stream_concepts(texts, ConceptReader())
    return ([ws | ks for ws, ks in zip(plain, features.keys, strict=True)],
            features.weighted_idf(lambda w: 2.0, 0.6))


def test_a_reply_sharing_no_word_joins_the_story_near_it_whose_concept_it_shares() -> None:
    flood = ["rivier hoog sporthal zandzakjes", "zandzakjes sporthal rivier", "rivier hoogwater sporthal",
             "hoogwater rivier zandzakjes"]
    burglary = ["inbraak hoogveld camera", "hoogveld inbraak dief", "inbraak hoogveld politie",
                "politie hoogveld inbraak"]
    reply = "kelder pomp leen"                             # no word of either story
    texts = [*flood, *burglary, reply, *CHATTER]
    times = [0.0, 0.3 * H, 0.6 * H, 0.9 * H, 0.1 * H, 0.4 * H, 0.7 * H, 1.0 * H, 1.2 * H,
             *(10 * H + n * H for n in range(len(CHATTER)))]
    for concepts, expected in ((False, 3), (True, 1)):
        words, idf = _words(texts, concepts)
        topics = [1, 1, 1, 1, 2, 2, 2, 2, 3, *range(4, 4 + len(CHATTER))]
        absorb_fragments(words, times, topics, idf)        # type: ignore[arg-type]
        assert topics[8] == expected                       # alone without concepts; the flood with them


def test_a_shared_concept_far_away_in_time_moves_nothing() -> None:
    flood = ["rivier hoog sporthal zandzakjes", "zandzakjes sporthal rivier", "rivier hoogwater sporthal",
             "hoogwater rivier zandzakjes"]
    texts = [*flood, "kelder pomp leen", *CHATTER]
    times = [0.0, 0.3 * H, 0.6 * H, 0.9 * H, 30 * H, *(10 * H + n * H for n in range(len(CHATTER)))]
    words, idf = _words(texts, True)                              # the reply comes a day later
    topics = [1, 1, 1, 1, 2, *range(3, 3 + len(CHATTER))]
    assert absorb_fragments(words, times, topics, idf) == 0       # type: ignore[arg-type]


def _stream() -> list[tuple[str, str, datetime]]:
    start = datetime(2026, 11, 17, 6, 0, tzinfo=UTC)
    flood = ["De Gete staat hoog in Lindeveld, zandzakjes aan de sporthal",
             "Zandzakjes af te halen aan sporthal De Meersen #Lindeveld",
             "Gete buiten haar oevers, de jaagpaden zijn afgesloten",
             "Onze kelder staat onder water, iemand een pomp te leen?",
             "Hier ook de kelder vol, brandweer komt pompen", "Wateroverlast Lindeveld: Gete overstroomt",
             "De Gete overstroomt aan de molen, blijf weg van de oevers", "Our basement is flooded, any help?"]
    burglary = ["Inbraak in de Eikenstraat vannacht", "Alweer een inbraak in Hoogveld, politie ter plaatse",
                "Inbrekers in Hoogveld: sluit je ramen", "Camera's geplaatst na de inbraken in Hoogveld",
                "Dieven weg met juwelen, Hoogveld", "Politie zoekt getuigen van de inbraken in Hoogveld"]
    posts = []
    for n, text in enumerate(flood):
        posts.append((f"f{n}", text, start + timedelta(minutes=25 * n)))
    for n, text in enumerate(burglary):
        posts.append((f"b{n}", text, start + timedelta(hours=20, minutes=30 * n)))
    for n, text in enumerate(["Mooi weer vandaag", "Wie kent een goede kapper?", "Koffie!"]):
        posts.append((f"c{n}", text, start + timedelta(hours=8 * n + 3)))
    return sorted(posts, key=lambda p: p[2])


def test_the_batch_keeps_the_flood_and_the_burglaries_apart() -> None:
    lines = [json.dumps({"id": mid, "text": text, "published": when.isoformat()}) for mid, text, when in _stream()]
    result = {a.id: a.topic for a in assign_topics(read_records(lines, datetime(2026, 11, 20, tzinfo=UTC)))}
    flood = {t for mid, t in result.items() if mid.startswith("f")}
    burglary = {t for mid, t in result.items() if mid.startswith("b")}
    assert not flood & burglary


BATCH = """
import json, sys
from datetime import UTC, datetime
from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topic_commonness import FLOOR, factor, with_background
from newsroom.commands.topics import read_records
lines = sys.stdin.read().splitlines()
print(json.dumps([(a.id, a.topic, a.label) for a in assign_topics(read_records(lines, datetime(2026, 12, 1, tzinfo=UTC)))]))
"""


def test_the_batch_with_concepts_gives_the_same_output_under_two_hash_seeds() -> None:
    lines = "\n".join(json.dumps({"id": mid, "text": text, "published": when.isoformat()})
                      for mid, text, when in _stream())
    outputs = set()
    for seed in ("3", "1313"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", BATCH], input=lines, text=True, capture_output=True,
                              env=env, check=True, timeout=120)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert len(json.loads(next(iter(outputs)))) == len(_stream())


def test_general_words_weigh_less_than_a_storys_own_beside_the_streams_idf() -> None:
    assert factor("zandzakjes") == 1.0                    # rare in general Dutch
    assert factor("vandaag") < factor("kelder") < 1.0     # common words keep less of their idf
    assert factor("de") == FLOOR                          # the commonest keep FLOOR
    assert factor("aujourd'hui") < factor("inondation") < 1.0    # French and English too
    assert factor("today") < factor("sandbags") == 1.0
    written = {"zandzak": "zandzakjes", "vandag": "Vandaag"}
    idf = with_background(lambda key: 4.0, lambda key: written.get(key, key))
    assert idf("zandzak") == 4.0
    assert idf("vandag") == 4.0 * factor("vandaag")       # the form people wrote, in lower case
    assert idf(concept_key("flood")) == 4.0               # a concept is no word


def _same_concept_everywhere(n: int) -> list[str]:
    start = datetime(2026, 11, 17, 6, 0, tzinfo=UTC)
    return [json.dumps({"id": str(i), "text": f"Wegenwerken in de Stationsstraat, dag {i}",
                        "published": (start + timedelta(minutes=20 * i)).isoformat()}) for i in range(n)]


def test_a_concept_in_every_post_ties_nothing_together() -> None:
    """Posts whose words are all background (the street, "wegenwerken") and whose one concept is in
    every post: the concept is background too, and a post of no word is not placed by a concept."""
    lines = _same_concept_everywhere(200)
    features = stream_concepts([json.loads(line)["text"] for line in lines], ConceptReader())
    assert all(not ks for ks in features.keys)
    result = assign_topics(read_records(lines, datetime(2026, 12, 1, tzinfo=UTC)))
    assert len({a.topic for a in result}) == 200
