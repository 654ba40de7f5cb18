"""How a town's posts say what they mean: the words that tell a resident's voice from a report, and
the signals of a complaint that carry no sentiment word of their own.

* **Voice**: a post in the writer's own voice (first or second person, an interjection, a question
  or exclamation, an emoji) reports what the writer lives through; a post without one reads as a
  report (a headline, a press line, the city's own announcement). In a report, words that only name
  a bad event ("brand", "ongeval", "gewond", "blessé", "injured") are news, not anger: the
  communication officer labels "Brand in loods aan de Kanaalweg, brandweer ter plaatse" neutral.
* **Complaint questions**: a question that opens with "waarom"/"why"/"pourquoi" or asks "hoe lang",
  or that carries an impatience word ("eindelijk", "ooit", "ne keer", "nog altijd", "finally",
  "enfin") is a complaint ("Wanneer gaat iemand eindelijk die put maken?"); what it asks for is
  what is missing, so praise inside it counts against.
* **Recurrence**: "alweer", "weeral", "zoveelste", "al drie weken", "derde keer", "again",
  "encore", "toujours pas": the writer has had enough.
* **Sarcasm**: praise that is typically said through clenched teeth ("schitterend", "proficiat",
  "bedankt", "top", "great", "bravo", "génial"), or applause 👏, in a post that also complains.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Voice:
    """The words of one language that carry these signals."""

    #: pronouns and interjections of a writer speaking for themselves
    personal: frozenset[str]
    #: words that only name a bad event or state (compounds ending in one count too in Dutch)
    events: frozenset[str]
    #: a question opening with one of these is a complaint ("Waarom duurt dat drie maanden?")
    openers: frozenset[str]
    #: a question with one of these is a complaint ("Wanneer komt er eindelijk een zebrapad?")
    impatience: frozenset[str]
    #: two-word impatience ("hoe lang", "nog altijd", "how long")
    impatience_pairs: frozenset[tuple[str, str]]
    #: "alweer", "zoveelste", "again": a recurring nuisance
    recurrence: frozenset[str]
    #: "weer", "again", "encore": recurrence only next to a complaint
    weak_recurrence: frozenset[str]
    #: time units after "al" + a number ("al drie weken") and ordinals before "keer" ("derde keer")
    time_units: frozenset[str]
    ordinals: frozenset[str]
    #: "al"/"already"/"depuis": the word that opens "al drie weken"
    since: frozenset[str]
    #: "al heel de week", "al de hele maand", "for a whole week": a span before its time unit
    spans: frozenset[str]
    #: "zoals altijd", "elke dag", "as usual": a nuisance that never ends
    recurrence_pairs: frozenset[tuple[str, str]]
    #: praise words and expressions that turn sarcastic in a post that complains
    sarcastic: frozenset[str]
    #: thanks: the bad event a sincere thank-you names is its occasion, not a complaint
    thanks: frozenset[str]
    #: "weet iemand", "does anyone know": a post that asks for information does not complain by asking
    asking: frozenset[tuple[str, str]]
    #: "hadden … moeten", "should have": what was not done (an auxiliary and, within a few words, its verb)
    hindsight_aux: frozenset[str]
    hindsight_verbs: frozenset[str]
    #: "vroeger", "autrefois": praise of the past is a complaint about the present
    past: frozenset[str]
    #: the first words of every recurrence signal (a cheap test before looking closer)
    triggers: frozenset[str] = frozenset()


def _f(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(p.strip() for p in text.split(","))


def _pairs(text: str) -> frozenset[tuple[str, str]]:
    out = []
    for pair in text.split(","):
        first, second = pair.split()
        out.append((first, second))
    return frozenset(out)


_NUMBERS_NL = "twee drie vier vijf zes zeven acht negen tien elf twaalf veertien twintig dertig veertig"
_NUMBERS_EN = "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty"
_NUMBERS_FR = "deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente quarante"

#: "sinds 2024", "since March", "depuis janvier": a nuisance dated by its year or month
SINCE_YEAR = _f("sinds sedert since depuis")
MONTHS = _f("januari februari maart april mei juni juli augustus september oktober november december "
            "january february march may june july august october "
            "janvier février mars avril juin juillet août septembre octobre novembre décembre")


def _with_triggers(voice: Voice) -> Voice:
    first_words = {first for first, _ in voice.recurrence_pairs}
    return replace(voice, triggers=voice.recurrence | voice.weak_recurrence | voice.since | voice.ordinals
                   | SINCE_YEAR | frozenset(first_words))


_VOICES: dict[str, Voice] = {
    "nl": Voice(
        personal=_f("ik 'k k ich ikke mijn m'n mijne mn me mij we wij ons onze ge gij gie ga jullie jij jouw "
                    "oech geer mien miene men amai amaai allez lap pff pfff wtf jonges jongens ewa hé oh "
                    "he hoor tja nou zucht serieus godverdomme verdorie potverdorie manneke "
                    "kheb kzie kweet kben kvind"),
        events=_f(
            "brand branden brandje uitgebrand uitslaande vuur ontploffing explosie gaslek gasgeur ongeval "
            "ongevallen ongeluk ongelukken aanrijding aangereden aanrijdingen botsing botst botsen kantelt "
            "gekanteld gewond gewonden zwaargewond zwaargewonde lichtgewond lichtgewonde dode doden "
            "dodelijk overleden omgekomen verongelukt slachtoffer slachtoffers inbraak inbraken "
            "ingebroken diefstal diefstallen gestolen overval overvallen steekpartij vechtpartij "
            "schietincident schietpartij vandalisme vernield vernielingen brandstichting storm stormweer "
            "onweer onweersbui hagelbui hagel regenval overstroming overstromingen wateroverlast "
            "overstroomt overstroomd ondergelopen stroomstoring stroompanne storing panne kortsluiting "
            "geëvacueerd evacuatie verdachte verdachten opgepakt arrestaties aangehouden vluchtmisdrijf "
            "verstoord onderbroken vertraging staking stakingsdag sluiting gesloten afgesloten sluit "
            "tekort faling schade drugs cannabis cocaïne fraude veroordeeld onderkoeld defecte "
            "omgewaaid omgevallen zware zwaar onbewoonbaar dicht verhoogt verhoging duurder onderzoek "
            "onderzoekt hinder verkeershinder klacht klachten plaag") | {"onder water"},
        openers=_f("waarom hoezo hoelang"),
        impatience=_f("eindelijk ooit eens keer normaal serieus alweer weeral eerst bedacht bedach verzonnen "
                      "beslist wachten nodig eigenlijk uitleggen"),
        impatience_pairs=_pairs("hoe lang, nog altijd, nog steeds, hoe kan, hoe komt, hoe moeilijk, "
                                "nu echt, nou eens, hoeveel keer, zo moeilijk, voor wanneer"),
        recurrence=_f("alweer weeral weere zoveelste nogmaals opnieuw"),
        weak_recurrence=_f("weer"),
        time_units=_f("dag dagen week weken weke maand maanden moanden jaar joar jaren uur uren kwartier "
                      "minuten"),
        ordinals=_f("tweede derde vierde vijfde 2de 3de 4de 5de zoveelste"),
        since=_f("al ol"),
        spans=_f("heel hele de een ne nen gans ganse"),
        recurrence_pairs=_pairs("zoals altijd, zoals gewoonlijk, elke dag, elke nacht, elke avond, "
                                "elke week, elke ochtend, alle dagen, elke keer, telkens weer"),
        sarcastic=_f("schitterend prachtig proficiat bedankt merci dank top super fijn prima knap logisch "
                     "fantastisch geweldig briljant geniaal topdag topprestatie perfect chapeau bravo "
                     "👏") | _phrases("lekker bezig, goed bezig, goed nagedacht, goed geregeld, "
                                     "top geregeld, dank u, dank u wel, dank je, dank je wel, mooi zo, "
                                     "goed zo, goed gedaan"),
        asking=_pairs("weet iemand, er iemand, iemand een, iemand enig, iemand gehoord"),
        hindsight_aux=_f("had hadden"),
        hindsight_verbs=_f("moeten gemoeten"),
        past=_f("vroeger vroegah toendertijd destijds"),
        thanks=_f("bedankt dank merci dankjewel dankuwel dankbaar superbedankt") | _phrases(
            "dank u, dank u wel, dank je, dank je wel, dikke merci, merci aan, bedankt aan, dank jullie"),
    ),
    "en": Voice(
        personal=_f("i i'm i've me my mine we we're our us you your oh ugh wow seriously lol sigh"),
        events=_f(
            "fire blaze explosion crash crashes crashed collision collide collides accident injured "
            "injuries killed dead died death stabbing shooting robbery burglary burglaries theft stolen "
            "arrested arrests "
            "flood floods flooded flooding storm destroyed damage evacuated closed closes closure delayed "
            "delays cancelled strike outage hospitalised hospitalized interrupted broken overturns fallen "
            "overturned seize seized cocaine drugs victim victims missing rescued"),
        openers=_f("why"),
        impatience=_f("finally ever still again seriously normal already explain"),
        impatience_pairs=_pairs("how long, how many, how is, is this, is it"),
        recurrence=_f("again another"),
        weak_recurrence=frozenset(),
        time_units=_f("day days week weeks month months year years hours minutes"),
        ordinals=_f("second third fourth fifth umpteenth"),
        since=_f("for already"),
        spans=_f("a the whole entire"),
        recurrence_pairs=_pairs("as usual, every day, every night, every single, every week, yet again, "
                                "once again, still no, still not"),
        sarcastic=_f("great brilliant wonderful lovely fantastic perfect thanks amazing awesome "
                     "sure nice superb cheers 👏") | _phrases("thank you, well done, good job, great job"),
        asking=_pairs("anyone know, anybody know, someone know, anyone knows, any idea"),
        hindsight_aux=_f("should shouldn't"),
        hindsight_verbs=_f("have"),
        past=_f("formerly"),
        thanks=_f("thanks grateful") | _phrases("thank you"),
    ),
    "fr": Voice(
        personal=_f("je j' moi mon ma mes on nous notre nos vous votre vos tu bref franchement pff ras "
                    "hallucinant"),
        events=_f(
            "incendie incendies feu explosion accident collision chute blessé blessés blessée blessées "
            "mort morts morte décès décédé tué vol volé volés cambriolage cambriolages agression "
            "arrestation arrestations interpellé inondation inondations inondé inondées inondés tempête "
            "orage détruit dégâts évacués évacué évacuée fermé fermée fermés fermeture retard retards "
            "grève panne déborde crue secouru renversé renverse grièvement percute légèrement "
            "augmente hausse travaux"),
        openers=_f("pourquoi"),
        impatience=_f("enfin jamais toujours encore normal sérieux sérieusement expliquer"),
        impatience_pairs=_pairs("est quand, combien de, ça fait, ca fait"),
        recurrence=_f("encore"),
        weak_recurrence=frozenset(),
        time_units=_f("jour jours semaine semaines mois an ans heures minutes"),
        ordinals=_f("deuxième troisième quatrième énième"),
        since=_f("depuis"),
        spans=_f("une un toute tout des"),
        recurrence_pairs=_pairs("comme d'habitude, comme toujours, chaque jour, chaque nuit, chaque semaine, "
                                "toujours pas, encore une"),
        sarcastic=_f("génial géniale super bravo merci formidable magnifique top parfait excellent logique "
                     "merveilleux chapeau 👏"),
        asking=_pairs("quelqu'un sait, quelqu'un saurait, vous savez, savez-vous si, une idée"),
        hindsight_aux=frozenset(),  # "il aurait fallu": the French regret rule
        hindsight_verbs=frozenset(),
        past=_f("autrefois jadis"),
        thanks=_f("merci remercie remercions reconnaissant reconnaissante"),
    ),
}
VOICES: Mapping[str, Voice] = {lang: _with_triggers(voice) for lang, voice in _VOICES.items()}

#: "zo gezellig als vroeger": a comparison with the past, not nostalgia
COMPARISON = _f("als zoals as like comme")
#: "de gemeenteraad keurt het plan goed": "goed" is the particle of "goedkeuren", not praise
APPROVES = _f("keurt keuren keurde keurden")
NUMBERS = _f(f"{_NUMBERS_NL} {_NUMBERS_EN} {_NUMBERS_FR} een paar enkele a few couple plusieurs une un")
