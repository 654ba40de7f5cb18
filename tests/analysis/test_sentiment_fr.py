"""French rules and review vocabulary: each test fails when its rule (or its lexicon lines) is removed.
The examples are our own sentences, not taken from any benchmark."""

from __future__ import annotations

import pytest

from newsroom.analysis.sentiment import SentimentScorer
from newsroom.analysis.sentiment_lexicon import base_lexicon, strip_accents
from newsroom.domain import Polarity

S = SentimentScorer(use_model=False)  # the rules alone (the town model: test_sentiment_model.py)


def score(text: str) -> float:
    return S.score(text, "fr").score


def terms(text: str) -> dict[str, float]:
    return {c.term.split()[0]: c.value for c in S.explain(text, "fr")}


def test_ne_verb_pas_negates_the_verb_before_it() -> None:
    assert score("J'aime ce livre") > 0
    assert score("Je n'aime pas ce livre") < 0
    assert score("Je ne le recommande pas") < 0
    assert score("On ne s'ennuie jamais") > 0  # negated boredom
    # the negation is spent on the verb: what follows is not negated as well
    assert terms("Je n'aime pas ce livre, ennuyeux")["ennuyeux"] < 0


def test_colloquial_negation_without_ne() -> None:
    assert score("J'aime pas trop ce genre") < 0
    assert score("J'aime ce genre") > 0


def test_ne_is_spent_by_its_negator_and_ends_with_the_clause() -> None:
    spent = terms("Ce n'est pas long et plus agréable que prévu")
    assert spent["long"] > 0 < spent["agréable"]
    assert terms("Il ne pleut que le matin, plus agréable l'après-midi")["agréable"] > 0
    assert score("Ce n'est plus agréable") < 0  # "ne … plus" still negates


def test_counterfactual_wish_is_a_complaint() -> None:
    assert score("J'aurais aimé plus de suspense") < 0
    assert score("Il aurait fallu couper cent pages") < 0
    assert label("L'auteur aurait pu faire mieux") is Polarity.NEGATIVE or score("L'auteur aurait pu faire mieux") < 0


def label(text: str) -> Polarity:
    return S.score(text, "fr").label


def test_two_word_contrast_markers() -> None:
    plain = score("Belle couverture, l'histoire est ennuyeuse")
    assert score("Belle couverture, par contre l'histoire est ennuyeuse") < plain
    assert score("Belle couverture, en revanche l'histoire est ennuyeuse") < plain


def test_two_word_concession_markers_weigh_less() -> None:
    assert score("Même si la fin est décevante, c'est un beau roman") > score(
        "La fin est décevante, c'est un beau roman")
    assert score("Bien que la fin soit décevante, c'est un beau roman") > 0


def test_pluperfect_refers_to_an_earlier_experience() -> None:
    # "j'avais adoré son premier roman": about another book, it weighs less
    assert terms("Il avait adoré ce film")["adoré"] < terms("Il a adoré ce film")["adoré"]


def test_peu_negates_but_un_peu_only_tones_down() -> None:
    assert score("C'est intéressant") > 0 > score("C'est peu intéressant")
    assert score("C'est long") < score("C'est un peu long") < 0


def test_moins_criticises_but_au_moins_does_not() -> None:
    assert score("Ce tome est moins réussi que le premier") < 0
    assert score("Au moins c'est drôle") > 0


def test_quoted_titles_and_citations_weigh_less() -> None:
    quoted = terms("Le roman « Un été magnifique » m'a paru plat")
    assert quoted["magnifique"] < terms("Un été magnifique, et le roman m'a paru plat")["magnifique"]
    assert S.score('Het boek "Een prachtige dag" vond ik saai', "nl").label is Polarity.NEGATIVE


def test_texts_typed_without_accents() -> None:
    assert score("Quelle deception") < 0
    assert score("Un roman genial") > 0
    assert strip_accents("cœur déçu") == "coeur decu"
    plain = base_lexicon("fr").plain
    assert "sur" not in plain  # "sûr": short plain spellings are function words
    assert "organise" not in plain  # "organisé": a participle is not its present tense
    assert terms("La commune organise une réunion sur la place") == {}


def test_first_person_verdict_after_reservations_is_no_sarcasm() -> None:
    review = "Des descriptions trop longues. Je le recommande."
    assert S.explain(review, "fr")[-1].value > 0
    assert label("Le bus est encore en retard. Génial.") is Polarity.NEGATIVE


def test_a_long_phrase_counts_its_words_for_sarcasm() -> None:
    assert S.explain("Début ennuyeux. Se lit très bien.", "fr")[-1].value > 0


@pytest.mark.parametrize("text", [
    "Quelle déception, je me suis ennuyé du début à la fin.",
    "Intrigue prévisible et personnages caricaturaux, je m'attendais à mieux.",
    "Une perte de temps, passez votre chemin.",
    "Le livre m'est tombé des mains au bout de cinquante pages.",
    "Mal écrit, plein de fautes, je regrette de l'avoir acheté.",
    "Bof, sans plus. Vite lu, vite oublié.",
    "Je n'ai pas accroché du tout, c'est lourd et décousu.",
    "Produit défectueux, inutilisable dès le premier jour.",
    "Histoire sans queue ni tête, sans grand intérêt.",
])
def test_review_complaints(text: str) -> None:
    assert score(text) < 0


@pytest.mark.parametrize("text", [
    "Un vrai coup de cœur, lu d'une traite !",
    "Captivant du début à la fin, je le recommande vivement.",
    "Impossible de le lâcher, une belle découverte.",
    "Drôle, émouvant et très bien écrit : à lire absolument.",
    "On ne s'ennuie pas une seconde, un régal.",
    "Très satisfait de mon achat, produit impeccable.",
    "Un petit bijou, je vous le recommande sans hésiter.",
])
def test_review_praise(text: str) -> None:
    assert score(text) > 0


def test_fixed_expressions_without_sentiment() -> None:
    assert terms("Il y a pas mal de monde au marché") == {}
    assert terms("Eh bien, la réunion est jeudi") == {}



# --- evaluative verbs, intensifiers and residents' complaints (our own sentences) ---------------------

def scored(text: str) -> dict[str, float]:
    """Every scored term of ``text`` (whole phrases) with its value."""
    return {c.term: c.value for c in S.explain(text, "fr")}


@pytest.mark.parametrize("text", [
    "Il ne fonctionne plus.",
    "Ça ne marche pas.",
    "Je déconseille ce vendeur.",
    "Fortement déconseillé.",
    "Ils détestent ce jeu.",
    "Je m'ennuyais.",
    "Ça vaut pas le coup.",
    "Article abîmé et non conforme.",
    "Ce n'est pas fiable.",
    "Nous regrettons ce choix.",
    "Ces promesses nous déçoivent.",
    "Service client injoignable.",
])
def test_verbs_of_buyers_complaints(text: str) -> None:
    assert score(text) < 0


@pytest.mark.parametrize("text", [
    "Vous ne le regretterez pas !",
    "Aucun regret.",
    "Les enfants adorent.",
    "Ça leur plaira.",
    "Ça fonctionne.",
    "Nous le recommandons.",
    "Super !",
])
def test_verbs_of_buyers_praise(text: str) -> None:
    assert score(text) > 0


@pytest.mark.parametrize(("text", "term", "sign"), [
    ("L'appareil est tombé en panne", "tombé en panne", -1),
    ("Colis jamais reçu", "jamais reçu", -1),
    ("Mauvaise qualité", "mauvaise qualité", -1),
    ("Bon rapport qualité-prix", "bon rapport qualité-prix", 1),
    ("Marche nickel", "marche nickel", 1),
    ("Ça vaut pas le coup", "vaut pas le coup", -1),
    ("Je ne regrette pas mon achat", "ne regrette pas", 1),
    ("Une gestion aberrante", "aberrante", -1),
    ("Le seul défaut : la notice", "le seul défaut", 1),
    ("Ça ne correspond pas à la photo", "ne correspond pas", -1),
    ("Ce gadget ne sert à rien", "ne sert à rien", -1),
    ("Installé sans problème", "sans problème", 1),
    ("Un outil mal conçu", "mal conçu", -1),
    ("Les travaux s'éternisent", "éternisent", -1),
    ("Les travaux n'avancent pas", "n' avancent pas", -1),
])
def test_buyer_phrases_are_scored_as_one_unit(text: str, term: str, sign: int) -> None:
    value = scored(text)[term]
    assert value * sign > 0


def test_a_working_product_is_praise_and_a_broken_one_a_complaint() -> None:
    assert score("L'imprimante fonctionne") > 0
    assert score("L'imprimante ne fonctionne pas") < 0
    assert score("L'imprimante fonctionne pas") < 0
    assert score("L'imprimante n'a jamais fonctionné") < 0


def test_non_negates_what_follows() -> None:
    assert score("Service non fonctionnel") < 0
    assert score("Un risque non négligeable") > score("Un risque négligeable")
    assert terms("Moi non plus, je pense à la fête") == {}  # "non plus", "non seulement": no negation


def test_politeness_is_no_liking() -> None:
    assert terms("Ralentissez dans la rue de l'école, s'il vous plaît") == {}
    assert terms("Merci de garer votre vélo ici svp").keys() == {"merci"}


def test_more_intensifiers_and_unaccented_ones() -> None:
    assert terms("Produit ultra décevant")["décevant"] < terms("Produit décevant")["décevant"]
    assert terms("Tres decevant")["decevant"] < terms("Decevant")["decevant"]
    assert terms("Completement nul")["nul"] < terms("Nul")["nul"]
    assert terms("Les agents ont été grave efficaces")["efficaces"] > terms("Les agents ont été efficaces")[
        "efficaces"]
    assert "fortement" not in terms("Je le déconseille fortement")


def test_more_downtoners() -> None:
    assert 0 > terms("Un film quelque peu décevant")["décevant"] > terms("Un film décevant")["décevant"]
    assert 0 > terms("Un tantinet long")["long"] > terms("Long")["long"]


@pytest.mark.parametrize("text", [
    "Pas de réponse de la commune depuis des mois.",
    "Les routes sont saturées, quel chaos.",
    "Les trottoirs sont défoncés et pleins de nids-de-poule.",
    "Ce bâtiment est insalubre.",
    "Encore du vandalisme au parc.",
    "Des nuisances chaque nuit.",
    "Quel gaspillage de l'argent public !",
    "Des promesses non tenues, du mépris pour les habitants.",
    "C'est absurde, la rue est fermée sans raison.",
    "Le parc est laissé à l'abandon.",
    "Les bus sont saturés.",
])
def test_residents_complaints(text: str) -> None:
    assert score(text) < 0


def test_pattern_scores_corrected_for_complaints() -> None:
    assert scored("Une gestion déplorable")["déplorable"] < -0.5  # Pattern: -0.15
    assert scored("C'est absurde")["c' est absurde"] < 0  # Pattern: "absurde" +0.4


@pytest.mark.parametrize("text", [
    "Chapeau bas !",
    "Félicitations à l'équipe.",
    "Agents très réactifs et serviables.",
    "Ambiance conviviale.",
    "C'est une réussite.",
])
def test_residents_praise(text: str) -> None:
    assert score(text) > 0


def test_ambiguous_words_stay_neutral() -> None:
    # "conseiller" is a councillor, "à la hauteur de" a place, "bidon" a can, "dégradé" a colour gradient
    assert terms("Le conseiller communal passera à la hauteur du carrefour") == {}
    assert terms("Un bidon d'huile et un dégradé de couleurs") == {}
    assert score("Ce n'est pas grave, on reviendra") >= 0
    assert score("C'est grave, personne ne réagit") < 0
