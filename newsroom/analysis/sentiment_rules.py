"""Function words that steer sentiment, per language: negators, intensifiers, downtoners, contrast
and concession markers, "too" + a dimension ("te duur", "trop long"), irony markers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Rules:
    """The function words of one language."""

    #: flip the next sentiment word within the negation window ("niet goed", "geen probleem")
    negators: frozenset[str]
    #: negators that only count after "ne"/"n'" in the same clause (French "plus", "rien", "personne")
    weak_negators: frozenset[str]
    #: negators that mark a complaint on their own when nothing follows to negate ("Niemand reageert")
    lack: frozenset[str]
    intensifiers: Mapping[str, float]
    downtoners: Mapping[str, float]
    #: "A, maar B": B weighs more, A less
    contrast: frozenset[str]
    #: "hoewel A, B": A weighs less
    concessive: frozenset[str]
    #: "te" + a dimension word is a complaint ("te duur", "veel te laat")
    excess: frozenset[str]
    dimensions: frozenset[str]
    #: "zou", "would", "serait": what follows in the clause is not asserted (irrealis)
    irrealis: frozenset[str] = frozenset()
    #: "wat een sfeer", "quelle honte": exclamative openers that strengthen what follows
    exclamative: frozenset[str] = frozenset()
    #: sentiment words that strengthen a sentiment word right after them ("zot goed", "super leuk")
    #: and score on their own otherwise ("Super!")
    flex: Mapping[str, float] = field(default_factory=dict)
    #: "par contre", "en revanche": contrast markers of two words (first word, second word)
    contrast_pairs: frozenset[tuple[str, str]] = frozenset()
    #: "bien que", "même si": concession markers of two words
    concessive_pairs: frozenset[tuple[str, str]] = frozenset()
    #: "j'aurais aimé", "il aurait fallu": a counterfactual wish is a complaint (auxiliary + participle)
    regret_aux: frozenset[str] = frozenset()
    regret_verbs: frozenset[str] = frozenset()
    #: French "je n'aime pas": these negators also negate the verb before them, after "ne"
    post_verbal: frozenset[str] = frozenset()
    #: subject/object clitics before a verb in colloquial negation without "ne" ("j'aime pas", "ça vaut pas")
    clitics: frozenset[str] = frozenset()
    #: a negator right after one of these words only tones down ("peu intéressant" vs "un peu long")
    downtoning_prefix: frozenset[str] = frozenset()
    #: the words that may turn a clause: contrast, concession, irrealis, a regret's auxiliary and the
    #: first words of the pairs (the pass looks no further for any other word)
    turns: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "turns", frozenset({
            *self.contrast, *self.concessive, *self.irrealis, *self.regret_aux,
            *(first for first, _ in self.contrast_pairs), *(first for first, _ in self.concessive_pairs)}))


def _f(words: str) -> frozenset[str]:
    return frozenset(words.split())


RULES: Mapping[str, Rules] = {
    "nl": Rules(
        negators=_f("niet nie ni neet geen gene gin gien nooit nergens niemand niets niks zonder allerminst "
                    "noch nimmer gebrek"),
        weak_negators=frozenset(),
        lack=_f("niemand niks niets nergens nooit gebrek gin"),
        intensifiers={
            "heel": 1.5, "zeer": 1.5, "echt": 1.4, "erg": 1.5, "enorm": 1.6, "zo": 1.3, "totaal": 1.5,
            "compleet": 1.5, "volledig": 1.4, "absoluut": 1.5, "kei": 1.6, "ontzettend": 1.6,
            "uiterst": 1.6, "hartstikke": 1.6, "bere": 1.6, "mega": 1.6, "hyper": 1.6, "helemaal": 1.4,
            "bijzonder": 1.4, "uitermate": 1.5, "dikke": 1.4, "veel": 1.3, "nog": 1.2, "zoveel": 1.3,
            "zodanig": 1.4, "zéér": 1.7, "héél": 1.7, "écht": 1.6, "onwijs": 1.6, "werkelijk": 1.4,
            "flink": 1.3, "stevig": 1.3,
        },
        flex={"zot": 1.5, "wreed": 1.5, "super": 1.6, "verschrikkelijk": 1.7, "vreselijk": 1.7,
              "ongelooflijk": 1.7, "zwaar": 1.4, "best": 0.9, "redelijk": 0.8},
        downtoners={
            "beetje": 0.6, "nogal": 0.8, "vrij": 0.8, "redelijk": 0.7, "tamelijk": 0.7, "enigszins": 0.6,
            "licht": 0.7, "lichtjes": 0.7, "iets": 0.8, "ietwat": 0.7, "wat": 0.8, "soms": 0.8,
            "misschien": 0.8, "wellicht": 0.8, "ietsje": 0.6, "minder": 0.7,
        },
        contrast=_f("maar mo ma echter doch ondertussen"),
        concessive=_f("hoewel alhoewel ondanks ofschoon weliswaar"),
        excess=_f("te"),
        dimensions=_f(
            "lang kort duur laat vroeg traag snel veel weinig klein groot hoog laag druk vol ver zwaar "
            "moeilijk warm koud smal breed luid hard stil donker vaak zelden krap moe dik dun oud smerig"),
        exclamative=_f("amai amaai amaaai godverdomme verdorie potverdorie allez"),
        irrealis=_f("zou zouden mits indien hopelijk"),
    ),
    "fr": Rules(
        negators=_f("pas jamais sans aucun aucune ni guère nullement manque manquent manquait peu moins non"),
        weak_negators=_f("plus rien personne"),
        lack=_f("rien personne jamais aucun aucune manque manquent manquait"),
        intensifiers={
            "très": 1.5, "vraiment": 1.4, "tellement": 1.5, "complètement": 1.5,
            "totalement": 1.5, "extrêmement": 1.7, "hyper": 1.6, "vachement": 1.5, "absolument": 1.5,
            "particulièrement": 1.4, "si": 1.3, "franchement": 1.2, "profondément": 1.5,
            "incroyablement": 1.7, "terriblement": 1.7, "fort": 1.3, "tout": 1.2, "beaucoup": 1.3,
            "énormément": 1.6, "carrément": 1.4, "hautement": 1.5, "follement": 1.6, "sincèrement": 1.2,
            "ultra": 1.6, "méga": 1.6, "mega": 1.6, "archi": 1.6, "réellement": 1.3, "entièrement": 1.4,
            "excessivement": 1.5, "horriblement": 1.7, "affreusement": 1.7, "atrocement": 1.7,
            "sacrément": 1.5, "diablement": 1.5, "fichtrement": 1.5, "nettement": 1.3, "largement": 1.3,
            "pleinement": 1.3, "amplement": 1.3, "infiniment": 1.6, "fortement": 1.4,
            # typed without accents ("tres bien", "completement nul")
            "tres": 1.5, "extremement": 1.7, "completement": 1.5, "enormement": 1.6,
            "particulierement": 1.4, "carrement": 1.4, "reellement": 1.3, "entierement": 1.4,
            "serieusement": 1.3, "sérieusement": 1.3,
        },
        #: "super produit" / "Super !": "super" intensifies a sentiment word, otherwise it is praise itself
        flex={"super": 1.6, "bien": 1.2, "trop": 1.4, "grave": 1.4, "drôlement": 1.4},
        downtoners={"peu": 0.6, "assez": 0.8, "plutôt": 0.8, "légèrement": 0.6, "moyennement": 0.6,
                    "presque": 0.8, "parfois": 0.8, "relativement": 0.7, "vaguement": 0.6, "brin": 0.7,
                    "tantinet": 0.7, "chouïa": 0.7, "chouia": 0.7, "quasiment": 0.9, "quasi": 0.9,
                    "plutot": 0.8, "legerement": 0.6},
        contrast=_f("mais pourtant cependant toutefois néanmoins hélas"),
        contrast_pairs=frozenset({("par", "contre"), ("en", "revanche"), ("sauf", "que"), ("reste", "que")}),
        regret_aux=_f("aurais aurait aurions auriez auraient"),
        regret_verbs=_f("aimé voulu préféré souhaité pu dû mérité fallu apprécié espéré attendu gagné"),
        post_verbal=_f("pas plus jamais guère rien point nullement aucun aucune"),
        clitics=_f("j' je on ça ca il elle m' t' me te le la l' les"),
        downtoning_prefix=_f("un au du quelque"),
        concessive=_f("malgré quoique certes avais avait avions aviez avaient"),
        concessive_pairs=frozenset({("bien", "que"), ("même", "si"), ("alors", "que")}),
        excess=_f("trop"),
        dimensions=_f(
            "long longue longs longues court courte cher chère chers chères tard lent lente lents vite "
            "petit petite petits grand grande grands haut haute bas basse bruyant bruyante loin lourd "
            "lourde difficile compliqué compliquée souvent chaud froid serré serrée plein pleine peu"),
        exclamative=_f("quel quelle quels quelles"),
        irrealis=_f("serait seraient aurait auraient pourrait pourraient devrait devraient espérons"),
    ),
    "en": Rules(
        negators=_f(
            "not no never without nothing nobody none neither nor cannot ain't aren't can't couldn't "
            "didn't doesn't don't hadn't hasn't haven't isn't mightn't mustn't needn't shan't shouldn't "
            "wasn't weren't won't wouldn't nowhere lack lacks lacking"),
        weak_negators=frozenset(),
        lack=_f("nobody nothing nowhere never lack lacks lacking"),
        intensifiers={
            "very": 1.5, "really": 1.4, "so": 1.3, "extremely": 1.7, "totally": 1.5, "absolutely": 1.5,
            "incredibly": 1.7, "truly": 1.4, "completely": 1.5, "utterly": 1.6,
            "highly": 1.5, "such": 1.3, "hugely": 1.6, "seriously": 1.4, "massively": 1.6, "deeply": 1.4,
            "terribly": 1.6, "awfully": 1.5, "most": 1.3, "much": 1.3, "even": 1.2,
        },
        flex={"super": 1.6, "real": 1.3, "pretty": 0.9, "damn": 1.4, "bloody": 1.4},
        downtoners={"bit": 0.6, "slightly": 0.6, "somewhat": 0.7, "fairly": 0.8, "kinda": 0.7,
                    "rather": 0.8, "little": 0.7, "quite": 0.9, "sometimes": 0.8, "maybe": 0.8},
        contrast=_f("but however yet"),
        concessive=_f("although though despite"),
        excess=_f("too"),
        dimensions=_f(
            "long short expensive late early slow fast much many little few small big high low busy full "
            "far heavy difficult hard hot cold narrow loud crowded often old"),
        exclamative=_f("what"),
        irrealis=_f("would could should might if hopefully unless"),
    ),
}

#: with one of these in a text, praise reads as its opposite ("Goed bezig hoor 🙄")
IRONY = frozenset({"🙄", "😒", "🙃", "🤡", "#not", "#sarcasme", "#ironie", "#sarcasm", "#irony", "(!)"})
#: sentence ends; "!" and "?" groups are single tokens ("!!!")
SENTENCE_END = frozenset({".", "...", "…"})
CLAUSE_END = frozenset({",", ";", ":", "(", ")"})
#: French "ne"/"n'" that licenses the weak negators
FRENCH_NE = frozenset({"ne", "n'"})
