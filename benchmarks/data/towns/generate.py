"""Seeded generator of labelled town streams for the topics benchmark (our own writing, no public data).

Each town gets three days of posts about 20-40 stories (5 to 80 posts each) plus chatter that belongs to no
story, written by several voices: residents (some in tussentaal), the city's own account, local news
headlines, a journalist, complainers, and English/French posts. Many replies do not repeat the story's
keyword ("Hier ook al 3 dagen niks 😡"); some stories share vocabulary (two roadworks in different
streets, a fire and the fire brigade's open day). Each town has a crisis day on which one story floods.

Which towns are for development and which are report-only was decided before any tuning (``SPLIT``);
some story kinds occur only in report towns (``REPORT_ONLY``), so the report towns hold stories no
development run has seen.

    python benchmarks/data/towns/generate.py     # rewrites <town>.jsonl and <town>.names.json here

Output lines: {"id", "text", "published", "lang", "story"} ("story" is "-" for chatter); the names file
maps every story to its reference name and its key subject words (a good topic name contains one).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: town -> (seed, "dev" | "report"); fixed before tuning.
SPLIT = {
    "lindeveld": (11, "dev"),
    "oosterbeke": (23, "dev"),
    "kaaienburg": (37, "report"),
    "vlietrode": (41, "report"),
    "heidemaal": (53, "report"),
}


@dataclass(frozen=True)
class Town:
    name: str
    streets: tuple[str, ...]
    places: tuple[str, ...]       # neighbourhoods, squares, parks
    river: str
    school: str
    club: str
    mayor: str
    alderman: str
    account: str                  # the city's own account
    paper: str                    # the local news site


TOWNS = {
    "lindeveld": Town("Lindeveld", ("Stationsstraat", "Kanaalweg", "Molenstraat", "Kerkstraat", "Beekstraat",
                                    "Dorpsplein", "Schoolstraat", "Bergstraat"),
                      ("Lindeveld-Noord", "De Hoek", "Markt", "Stadspark", "Ter Heide"), "Gete",
                      "Sint-Jozefsschool", "KFC Lindeveld", "Anne Peeters", "Koen Maes", "StadLindeveld",
                      "lindeveldnieuws.be"),
    "oosterbeke": Town("Oosterbeke", ("Leopoldlaan", "Veldstraat", "Hoogstraat", "Nieuwstraat", "Meersstraat",
                                      "Brugstraat", "Kasteeldreef", "Zandweg"),
                       ("Oosterbeke-Dorp", "Ter Beke", "Kouter", "Sportpark", "Westwijk"), "Beekloop",
                       "Basisschool De Linde", "Sporting Oosterbeke", "Hilde Wouters", "Tom De Smet",
                       "GemeenteOosterbeke", "oosterbeke.nieuws"),
    "kaaienburg": Town("Kaaienburg", ("Havenstraat", "Lange Kaai", "Vismarkt", "Bruggestraat", "Sint-Pietersstraat",
                                      "Vaartdijk", "Ankerstraat", "Zeilstraat"),
                       ("Kaaienburg-Zuid", "Oude Dokken", "Vismarkt", "Vaartpark", "Schipperskwartier"), "Vaart",
                       "Atheneum Kaaienburg", "FC Kaaienburg", "Nadia El Amrani", "Bart Claes",
                       "stadkaaienburg", "kaaienburgactueel.be"),
    "vlietrode": Town("Vlietrode", ("Rodestraat", "Vlietlaan", "Kapelstraat", "Hofstraat", "Lindenlaan",
                                    "Pastorijstraat", "Ringlaan", "Heirweg"),
                      ("Vlietrode-Centrum", "Rode Heide", "Kapellekensveld", "Vlietpark", "Hof ter Vliet"),
                      "Vliet", "Sint-Annacollege", "VC Vlietrode", "Marc Jacobs", "Sofie Verbeke",
                      "gemeentevlietrode", "vlietrode24.be"),
    "heidemaal": Town("Heidemaal", ("Heidestraat", "Maalbeekweg", "Kruisstraat", "Bosstraat", "Ambachtstraat",
                                    "Weverstraat", "Dennenlaan", "Molenberg"),
                      ("Heidemaal-Dorp", "Maalbeek", "Heikant", "Bospark", "De Plaetse"), "Maalbeek",
                      "GO! school Heidemaal", "KSV Heidemaal", "Els Vermeulen", "Jan Goossens",
                      "heidemaal_be", "heidemaalvandaag.be"),
}


@dataclass(frozen=True)
class Kind:
    """A kind of story: its name, key words, and what each voice writes about it."""

    name: str                     # reference name template
    keys: tuple[str, ...]         # key subject words (folded, lower case): a good topic name contains one
    city: tuple[str, ...]
    news: tuple[str, ...]
    resident: tuple[str, ...]
    reply: tuple[str, ...]        # replies that do not repeat the story's keyword
    en: tuple[str, ...] = ()
    fr: tuple[str, ...] = ()
    crisis: bool = False


KINDS: dict[str, Kind] = {
    "storm": Kind(
        "Stormschade {place}", ("storm", "stormschade"),
        ("Door de storm zijn verschillende bomen omgewaaid in {place}. Blijf uit de parken en volg de "
         "richtlijnen van de brandweer. #storm{town}", "Update storm: de brandweer kreeg al {n} oproepen voor "
         "stormschade. Bel 112 enkel bij levensgevaar, voor schade 1722.", "Stormschade melden kan via het "
         "meldpunt op onze website {url}", "De {street} is afgesloten door een omgewaaide boom. Omleiding via "
         "de {street2}."),
        ("Storm raast over {town}: bomen omgewaaid in {place}", "Zware stormschade in {place}, dak van "
         "school weggeblazen", "Brandweer {town} rukt {n} keer uit voor stormschade", "Na de storm: "
         "opruimwerken in {place} duren nog dagen", "Storm legt treinverkeer rond {town} plat"),
        ("Dak van de buren ligt in onze tuin 😱 #storm", "Wat een storm vannacht, geen oog dichtgedaan",
         "Boom dwars over de {street}, niemand raakt er door", "Heel de {street} ligt vol takken na die storm",
         "Ons tuinhuis is weg. Gewoon weg. Stormschade van jewelste", "Allee, da was ne storm se, de pannen "
         "vlogen van't dak", "stroom weer uitgevallen door de storm in {place} 🙄", "Zijn er nog mensen in "
         "{place} zonder dak? Wij hebben een zeil over als iemand nodig heeft",
         "Wie kan er helpen met een kettingzaag? Boom op onze oprit in {place} na de storm"),
        ("Hier ook al de hele nacht geen stroom 😡", "Is er al iemand van de stad langs geweest?",
         "Bij ons in de straat precies een oorlogsgebied", "Zot hé, ik heb nog nooit zoiets gezien",
         "Verzekering zegt dat het 3 weken duurt voor een expert komt...", "Stay safe iedereen 🙏",
         "Wie weet hoe lang dat nog gaat duren?", "Hopelijk geen gewonden"),
        ("Storm damage everywhere in {place}, a tree fell on our car #{town}", "Huge storm last night in {town}, "
         "roofs gone in {place}"),
        ("Tempête à {town}: arbres arrachés à {place}", "Gros dégâts de la tempête dans notre rue à {town}"),
        True),
    "flood": Kind(
        "Overstroming {river}", ("overstroming", "wateroverlast", "water"),
        ("De {river} is buiten haar oevers getreden. Zandzakjes liggen klaar aan de werf in de {street}. "
         "#wateroverlast", "Update wateroverlast: het water in {place} zakt langzaam. Blijf weg van de dijken.",
         "Bewoners van de {street} worden geëvacueerd door de overstroming. Opvang in de sporthal.",
         "Meld wateroverlast via {url} of bel 1722. Enkel bij levensgevaar 112."),
        ("Overstroming in {town}: {river} treedt buiten haar oevers", "Wateroverlast in {place}: kelders lopen "
         "onder", "Brandweer pompt straten leeg na overstroming in {town}", "Evacuaties in de {street} door "
         "hoog water van de {river}", "Na de overstroming: schade in {place} loopt in de miljoenen"),
        ("De {river} staat tot aan onze voordeur 😱 #overstroming", "Kelder vol water, alles kapot",
         "Ons straat is ne rivier geworden, da's toch ni normaal", "Zandzakjes gehaald aan de werf, wachtrij "
         "van een uur", "Wateroverlast in {place}, zijn de pompen al onderweg?", "Kinderen varen met de "
         "kajak door de {street} 🛶", "Water staat 40 cm hoog in de {street}", "Overstroming weer, "
         "derde keer in vijf jaar. Wanneer doet de stad eindelijk iets aan die {river}?"),
        ("Hier ook al 3 dagen niks 😡", "Wie weet hoe lang nog?", "Bij ons zakt het al een beetje",
         "Sterkte aan iedereen in de buurt", "En de verzekering? Iemand ervaring?", "Nog altijd geen pomp "
         "gezien hier", "Niemand van de stad te zien in onze straat", "Ge moet da gezien hebben, echt erg"),
        ("Flooding in {town} again, the {river} burst its banks #flood", "Our basement in {place} is under "
         "water, anyone know who to call?"),
        ("Inondations à {town}: la {river} est sortie de son lit", "Cave inondée à {place}, c'est la "
         "catastrophe"),
        True),
    "roadworks": Kind(
        "Wegenwerken {street}", ("wegenwerken", "werken"),
        ("Vanaf maandag starten de wegenwerken in de {street}. Doorgaand verkeer wordt omgeleid via de "
         "{street2}. Meer info: {url}", "De wegenwerken in de {street} lopen een week vertraging op door de "
         "regen.", "Handelaars in de {street} blijven bereikbaar tijdens de werken. Volg de borden."),
        ("Wegenwerken {street}: zes maanden omleiding", "Handelaars {street} klagen over werken", "Werken in de "
         "{street} lopen vertraging op", "Nieuwe riolering in de {street}: straat volledig dicht"),
        ("Weeral wegenwerken in de {street} 🙄", "Omleiding door de werken in de {street} is echt een "
         "doolhof", "Hoe lang duren die werken in de {street} nog?", "Kraan staat al een week stil in de "
         "{street}, niemand aan't werk", "Da's hier al maanden opgebroken in de {street}, zot wordt ge "
         "ervan", "Fietsers moeten afstappen aan de werken in de {street}, gevaarlijk met de bus erbij",
         "Als handelaar in de {street} zie ik geen klant meer sinds de werken"),
        ("Hier ook niemand aan het werk gezien", "Wie weet hoe lang nog?", "En de bus? Rijdt die nog?",
         "Ik rijd er elke dag door, chaos 😤", "Toch al beter dan vorige week", "Iemand die weet of ik met de "
         "auto nog tot aan mijn garage kan?"),
        ("Roadworks on {street} are a nightmare, 20 min to get out of the street",),
        ("Travaux rue {street}: déviation par la {street2}",)),
    "fire": Kind(
        "Brand {street}", ("brand",),
        ("Zware brand in een woning in de {street}. Vermijd de buurt, de brandweer is ter plaatse. Sluit ramen "
         "en deuren in {place}.", "Update brand {street}: het vuur is onder controle. Geen gewonden.",
         "De bewoners van de uitgebrande woning in de {street} worden opgevangen door het OCMW."),
        ("Zware brand verwoest woning in de {street}", "Brand in {town}: rookpluim tot ver in de omtrek",
         "Brand {street}: gezin dakloos", "Oorzaak brand {street} wellicht defecte elektriciteit"),
        ("Enorme rookwolk boven {place}, wat brandt daar?", "Brandweer met drie wagens in de {street} 🚒",
         "Ramen toe in {place}, het stinkt naar rook", "Brand in de {street}, hopelijk is iedereen buiten",
         "Wat een brand, ik zag de vlammen vanuit mijn raam", "Da brandt daar ferm in de {street}"),
        ("Vreselijk voor die mensen 😢", "Zijn er gewonden?", "Iemand die weet of de bewoners opvang hebben?",
         "Ik heb kleren en speelgoed over als ze iets nodig hebben", "Zo snel gaat dat dus..."),
        ("Big fire on {street} in {town}, lots of smoke over {place}",),
        ("Incendie rue {street} à {town}, beaucoup de fumée",)),
    "opendag": Kind(
        "Opendeurdag brandweer", ("opendeurdag", "brandweer"),
        ("Zondag opendeurdag bij de brandweer van {town}! Brandweerwagens, demo's en een springkasteel voor de "
         "kinderen. Kazerne {street}, 10-17u.", "Dank aan iedereen die langskwam op de opendeurdag van de "
         "brandweer. Volgend jaar opnieuw!"),
        ("Duizend bezoekers op opendeurdag brandweer {town}", "Brandweer {town} zet deuren open voor publiek"),
        ("Met de kinderen naar de opendeurdag van de brandweer, ze mochten in de ladderwagen 🚒😍",
         "Opendeurdag brandweer was top, mooie demo van het blussen van een frietketel", "Wie gaat er "
         "zondag naar de brandweerkazerne? Opendeurdag!", "Onze kleine wil nu brandweerman worden na de "
         "opendeurdag 😂", "Proficiat aan de brandweer voor de opendeurdag, alles goed georganiseerd"),
        ("Zalig weer ook", "Wij gaan zeker volgend jaar terug", "Tot hoe laat is da?", "Mooi initiatief 👏"),
        ("Fire station open day in {town} was great for the kids",),
        ("Portes ouvertes chez les pompiers de {town} dimanche",)),
    "festival": Kind(
        "Zomerfestival {place}", ("festival", "zomerfestival"),
        ("Het zomerfestival op {place} start vrijdag! Programma en bereikbaarheid: {url} #zomerfestival",
         "Het zomerfestival is volzet. Kom niet meer naar {place} zonder ticket.", "Tijdens het zomerfestival "
         "is {place} autovrij. Pendelbussen vanaf het station."),
        ("Zomerfestival {town} uitverkocht", "Duizenden mensen op zomerfestival {place}", "Buren klagen over "
         "lawaai zomerfestival"),
        ("Wat een sfeer op het zomerfestival! 🎉🎶", "De headliner op het festival was de max", "Wie gaat er "
         "morgen naar het zomerfestival op {place}?", "Bier aan 4 euro op't festival, 't is ni meer normaal",
         "Het festival was leuk maar de toiletten... 🤢", "Tot 2 uur 's nachts muziek, ik woon naast {place} "
         "en kan niet slapen met dat festival"),
        ("Volgend jaar zeker terug!", "Iemand een extra ticket voor zaterdag?", "Top avond gehad 😍",
         "Nog iemand die zijn jas kwijt is?", "Eindelijk stil hier"),
        ("Summer festival in {town} was amazing, great vibes at {place}",),
        ("Super ambiance au festival d'été de {town} hier soir",)),
    "school": Kind(
        "Sluiting {school}", ("school", "sluiting"),
        ("Het schoolbestuur van de {school} heeft beslist de vestiging in de {street} te sluiten na dit "
         "schooljaar. Infoavond voor ouders dinsdag.", "Ouders met vragen over de sluiting van de {school} kunnen "
         "terecht bij de dienst onderwijs."),
        ("{school} sluit de deuren: ouders boos", "Petitie tegen sluiting {school} al 2.000 handtekeningen",
         "Onderwijsschepen {alderman}: 'Sluiting {school} is niet onze beslissing'"),
        ("Mijn twee kinderen zitten in de {school}, waar moeten die nu naartoe?? 😡", "Teken de petitie tegen "
         "de sluiting van de {school}! {url}", "De {school} sluiten is het hart uit de wijk halen",
         "Infoavond over de sluiting van de school was een farce, alles was al beslist", "Ze sluiten onze "
         "school, schandalig #redonzeschool"),
        ("Getekend 👍", "Waar moeten die kinderen dan naartoe?", "Zo jammer, daar heb ik zelf ook gezeten",
         "Alles draait om geld tegenwoordig", "Wie gaat er mee betogen donderdag?"),
        (), ("Fermeture de la {school}: les parents sont en colère",)),
    "bus": Kind(
        "Nieuwe busregeling De Lijn", ("bus", "lijn", "busregeling"),
        ("Vanaf 1 december rijdt De Lijn volgens een nieuwe dienstregeling in {town}. Lijn 21 stopt niet meer "
         "aan de {street}. Info: {url}",),
        ("De Lijn schrapt bushalte {street}", "Nieuwe busregeling: {place} minder bediend",
         "Ouderen in {place} boos om verdwenen bushalte"),
        ("Bus 21 stopt niet meer aan de {street}, hoe moet mijn moeder nu naar de dokter? @DeLijn",
         "Weer 40 minuten gewacht op de bus in {place} 🙄 @DeLijn", "Nieuwe busregeling = minder bussen. "
         "Bedankt De Lijn", "De Lijn heeft ons dorp gewoon afgeschreven"),
        ("Hier ook, geen enkele meer na 19u", "Schandalig voor de ouderen", "En de schoolkinderen dan?",
         "Ik neem toch de fiets"),
        (), ()),
    "powercut": Kind(
        "Stroompanne {place}", ("stroompanne", "stroom", "stroomonderbreking"),
        ("Er is een stroomonderbreking in {place}. Fluvius werkt aan een oplossing.", "De stroom is hersteld "
         "in {place}. Excuses voor de hinder."),
        ("Stroompanne treft 2.000 gezinnen in {place}", "Defecte cabine oorzaak stroompanne {town}"),
        ("Stroom uitgevallen in heel {place}, iemand info? @Fluvius", "Al 2 uur zonder stroom in {place}, "
         "diepvries begint te ontdooien 😩", "Stroompanne hier in de {street}, verkeerslichten werken ook niet",
         "Geen stroom, geen internet, geen koffie. Maandag 😩"),
        ("Hier ook!", "Bij ons is't terug", "Nog altijd niks in de {street}", "Wie weet hoe lang nog?",
         "Kaarsjes aan dan maar 🕯️"),
        ("Power cut in {place}, whole street dark",), ("Panne de courant à {place} depuis deux heures",)),
    "waterpipe": Kind(
        "Waterleidingbreuk {street}", ("waterleiding", "leidingbreuk", "waterleidingbreuk"),
        ("Door een breuk in de waterleiding is er geen water in de {street} en omgeving. Water-link is ter "
         "plaatse. Flessenwater aan het dienstencentrum.",),
        ("Leidingbreuk zet {street} onder water", "Geen kraantjeswater in {place} na waterleidingbreuk"),
        ("Geen water uit de kraan in de {street}, iemand weet wat er scheelt?", "Waterleiding gesprongen in de "
         "{street}, het spuit gewoon uit de grond 😮", "De {street} is een zwembad door die leidingbreuk"),
        ("Bij ons ook niks", "Hoe lang nog? Kan niet eens douchen", "Ondertussen terug water hier 👍"),
        (), ()),
    "bikes": Kind(
        "Fietsdiefstallen station", ("fietsdiefstal", "fiets", "fietsen"),
        ("Politie {town} waarschuwt voor fietsdiefstallen aan het station. Laat je fiets graveren en gebruik "
         "een goed slot.",),
        ("Reeks fietsdiefstallen aan station {town}", "Politie pakt fietsdievenbende op in {town}"),
        ("Weer mijn fiets gestolen aan het station 😡 derde keer dit jaar", "Fietsenstalling station {town} is "
         "een zelfbedieningszaak voor dieven", "Elektrische fiets gestolen aan het station, slot doorgeknipt",
         "Camera's aan de fietsenstalling, is dat nu zo moeilijk?"),
        ("Bij mij vorige maand ook", "Aangifte gedaan? Heeft toch geen zin", "Altijd twee sloten, geleerd uit "
         "ervaring"),
        ("Bike stolen at {town} station again, third time this year",), ("Vélo volé à la gare de {town}",)),
    "playground": Kind(
        "Nieuwe speeltuin {place}", ("speeltuin", "speelplein"),
        ("Goed nieuws: de nieuwe speeltuin in {place} is open! Met klimtoren, schommels en een waterspeelplek.",),
        ("Nieuwe speeltuin {place} geopend", "Speeltuin {place} kost 250.000 euro"),
        ("Kinderen zijn fan van de nieuwe speeltuin in {place} 😍", "Eindelijk een speeltuin in de buurt, "
         "dank u!", "Speeltuin in {place} is mooi maar geen schaduw, in de zomer gaat dat niet",
         "Allee, die nieuwe speeltuin is echt schoon geworden"),
        ("Gaan we zeker eens testen", "Nu nog een bankje voor de ouders", "Super 👏👏"),
        (), ()),
    "tax": Kind(
        "Belastingverhoging gemeenteraad", ("belasting", "belastingen", "gemeenteraad", "opcentiemen"),
        ("De gemeenteraad keurde gisteren het meerjarenplan goed. De opcentiemen stijgen met 3 procent. Meer "
         "info: {url}",),
        ("Gemeenteraad {town} verhoogt belastingen", "Oppositie fulmineert tegen belastingverhoging in {town}",
         "Burgemeester {mayor}: 'Belastingverhoging onvermijdelijk'"),
        ("Weer meer belastingen betalen en de straten liggen vol putten 😤", "Belastingverhoging, en wat "
         "krijgen we ervoor? Niks.", "Gemeenteraad gevolgd, {mayor} verdedigde de belastingverhoging zwak",
         "Hoger tarief voor iedereen, behalve voor de politiekers zelf zeker"),
        ("Zoals altijd", "Volgend jaar zijn er verkiezingen, we onthouden het", "Iemand die weet hoeveel het "
         "per gezin is?", "Ongelooflijk"),
        (), ("Le conseil communal de {town} augmente les impôts",)),
    "dog": Kind(
        "Vermiste hond {place}", ("hond", "vermist"),
        ("",),
        (),
        ("VERMIST: onze hond Bobby, bruine labrador, weggelopen in {place}. Delen aub 🙏🐶", "Wie heeft Bobby "
         "gezien? Labrador, rode halsband, vermist sinds gisteren in {place}", "Bruine hond loslopend gezien "
         "aan de {street}, zou dat Bobby zijn?", "BOBBY IS TERUG! Dank aan iedereen die gedeeld heeft ❤️"),
        ("Gedeeld!", "Gedeeld 🙏", "Ik kijk mee uit", "Zo blij voor jullie ❤️", "Super nieuws!"),
        (), ()),
    "football": Kind(
        "{club} kampioen", ("kampioen", "titel"),
        ("Proficiat aan {club} met de titel! Zondag huldiging op de markt om 15u.",),
        ("{club} kampioen na spannende slotspeeldag", "Huldiging kampioenen {club} op de markt"),
        ("KAMPIOENEN KAMPIOENEN OLE OLE OLE ⚽🏆", "Wat een seizoen van {club}, verdiend kampioen!",
         "Ge moest daar gisteren bij zijn, de hele kantine stond op zijn kop", "Zondag iedereen naar de "
         "huldiging van {club}!"),
        ("Proficiat mannen!", "Verdiend 👏", "Volgend jaar hogerop!", "Wat een feest 🎉"),
        ("{club} are champions! What a season",), ()),
    "trash": Kind(
        "Nieuwe afvalophaling", ("afval", "afvalophaling", "pmd", "containers"),
        ("Vanaf januari wordt het restafval om de twee weken opgehaald. Nieuwe containers worden deze maand "
         "geleverd. Info: {url}",),
        ("Afvalophaling in {town} gaat op de schop", "Nieuwe afvalcontainers zorgen voor verwarring"),
        ("Restafval maar om de twee weken meer, dat gaat stinken in de zomer 🤢", "Container nog altijd niet "
         "geleverd in de {street}, en nu?", "PMD zakken weer niet opgehaald in {place}", "Nieuwe "
         "afvalregeling is echt onduidelijk, wie snapt het nog?"),
        ("Hier ook niet", "Bel de milieudienst, bij mij hielp dat", "Zelfde probleem in de {street2}"),
        (), ("Nouvelle collecte des déchets: personne ne comprend rien",)),
    "trees": Kind(
        "Bomenkap {place}", ("bomen", "bomenkap", "kap"),
        ("Om veiligheidsredenen worden 40 zieke essen gekapt in {place}. Er komen 60 nieuwe bomen in de plaats.",),
        ("Buurtbewoners protesteren tegen bomenkap {place}", "Stad kapt 40 bomen in {place}"),
        ("Ze zijn alle bomen aan het kappen in {place} 😢 waarom??", "Bomenkap in {place}: vanmorgen stonden "
         "ze er nog, nu alleen stronken", "Actie tegen de bomenkap zaterdag om 10u aan {place}",
         "Zieke essen, zeggen ze. Die bomen stonden er al 80 jaar"),
        ("Triest", "Hopelijk planten ze echt nieuwe", "Ik ga zaterdag mee", "Schandalig gewoon"),
        (), ()),
    "cyclepath": Kind(
        "Fietspad {street}", ("fietspad", "fietsers"),
        ("De {street} krijgt een vrijliggend fietspad. De werken starten in het voorjaar.",),
        ("Eindelijk veilig fietspad in de {street}", "Fietsersbond blij met fietspad {street}"),
        ("Een echt fietspad in de {street}, daar wachten we al 10 jaar op 🚲", "Met de kinderen naar school "
         "fietsen langs de {street} is levensgevaarlijk, dus goed nieuws", "Fietspad ok, maar waar moeten wij "
         "als bewoners dan parkeren?"),
        ("Eindelijk!", "Ik zie het pas geloven als het er ligt", "Goed nieuws 👍"),
        ("Finally a proper cycle path on {street}",), ()),
    "library": Kind(
        "Renovatie bibliotheek", ("bibliotheek", "bib"),
        ("De bibliotheek is vanaf maandag gesloten voor renovatie. Boeken ophalen kan in het cultuurcentrum.",),
        ("Bibliotheek {town} gaat een jaar dicht voor renovatie", "Nieuwe bib krijgt leescafé en "
         "studieplekken"),
        ("Bib een jaar dicht, waar moeten de studenten blokken? 📚", "Ik ga de bib missen, hopelijk wordt ze "
         "echt mooi", "Boeken terugbrengen aan de bib kan nog tot zaterdag"),
        ("Zelfde vraag hier", "Een jaar is lang", "In het cultuurcentrum kan je ook studeren"),
        (), ("La bibliothèque de {town} ferme pour un an",)),
    "accident": Kind(
        "Ongeval {street}", ("ongeval", "aanrijding"),
        ("Door een zwaar ongeval is de {street} volledig afgesloten. Vermijd de zone.",),
        ("Fietser zwaargewond bij ongeval in de {street}", "Zwaar ongeval {street}: vrachtwagen schept "
         "fietser"),
        ("Zwaar ongeval in de {street}, ambulance en MUG ter plaatse 🚑", "Dat kruispunt in de {street} is al "
         "jaren gevaarlijk, nu weer een ongeval", "Traumaheli geland aan de {street}, hopelijk valt het mee",
         "Ongeval in de {street}: hoeveel moeten er nog vallen voor er iets verandert?"),
        ("Sterkte aan de familie", "Veel beterschap", "Hoe is het met de fietser?", "Dat kruispunt is "
         "levensgevaarlijk, al jaren"),
        ("Bad accident on {street}, road closed",), ("Grave accident rue {street}",)),
    "market": Kind(
        "Kerstmarkt {place}", ("kerstmarkt",),
        ("De kerstmarkt op {place} opent vrijdag om 17u met een lichtstoet. Elke dag open tot 22u.",),
        ("Kerstmarkt {town} lokt recordaantal bezoekers", "Kerstmarkt {place} met schaatsbaan"),
        ("Glühwein op de kerstmarkt 🎄🍷", "Kerstmarkt op {place} is echt gezellig dit jaar", "Schaatsbaan "
         "op de kerstmarkt is top voor de kinderen", "Kerstmarkt ok maar 6 euro voor een jenever, kom zeg"),
        ("Wij gaan zaterdag", "Zo gezellig", "Tot wanneer is't open?"),
        ("Lovely Christmas market in {town}",), ("Le marché de Noël de {town} est magnifique",)),
    "noise": Kind(
        "Lawaai café {street}", ("lawaai", "geluidsoverlast", "overlast"),
        ("De stad gaat in overleg met de uitbaters na klachten over geluidsoverlast in de {street}.",),
        ("Buren klagen over nachtlawaai in de {street}", "Burgemeester {mayor} dreigt met sluitingsuur"),
        ("Elke nacht tot 4u lawaai van dat café in de {street} 😤 #overlast", "Geluidsoverlast in de {street}: "
         "ik bel nu voor de derde keer de politie", "Mag een café dan niet meer open zijn? Die buren moeten "
         "ook niet in het centrum gaan wonen"),
        ("Herkenbaar", "Oordopjes 🙄", "Politie doet toch niks", "Toch wat overdreven precies"),
        (), ()),
    "vaccin": Kind(
        "Griepvaccinatie", ("griepvaccin", "vaccinatie", "griep"),
        ("Griepvaccinatie voor 65-plussers in het dienstencentrum op dinsdag en donderdag. Afspraak via {url}",),
        ("Drukte bij griepvaccinatie in {town}",),
        ("Mijn griepprik gehaald in het dienstencentrum, vlot geregeld 💉", "Afspraak voor griepvaccin "
         "maken lukt niet, site ligt plat"),
        ("Bij mij ook", "Vlot verlopen bij ons"),
        (), ()),
    "strike": Kind(
        "Staking stadsdiensten", ("staking", "vakbond", "personeel"),
        ("Door een staking van het personeel zijn het stadhuis en het recyclagepark morgen gesloten.",),
        ("Stadspersoneel {town} legt werk neer", "Vakbonden kondigen staking aan bij stad {town}"),
        ("Recyclagepark dicht door staking, stond ik daar met mijn aanhangwagen 🙄", "Solidariteit met het "
         "stadspersoneel! ✊ #staking", "Weer een staking, en wij betalen"),
        ("Typisch", "Terecht", "Wanneer gaat het terug open?"),
        (), ("Grève du personnel communal à {town}",)),
    "heat": Kind(
        "Hittegolf", ("hitte", "hittegolf", "warmte"),
        ("Hitteplan actief. Zwembad {place} langer open, drink voldoende water en kijk om naar je buren.",),
        ("Hittegolf: zwembad {town} overrompeld", "Hitteplan {town} in werking"),
        ("35 graden in mijn living 🥵", "Veel te warm om te slapen", "Zwembad in {place} vol om 10u al",
         "Die hitte is niet normaal meer"),
        ("Hier ook 🥵", "Ventilator uitverkocht overal", "Nog 3 dagen zeggen ze"),
        ("Heatwave in {town}, pool is packed",), ("Canicule: la piscine de {town} est prise d'assaut",)),
}

#: Kinds only report towns may use (development never sees them).
REPORT_ONLY = frozenset({"accident", "market", "noise", "vaccin", "strike", "heat", "trees", "cyclepath"})

CHATTER = (
    "Goeiemorgen {town}! ☀️", "Iemand een goede bakker aan te raden in {place}?", "Mooi weer om te wandelen in "
    "{place} vandaag", "Wie heeft er ook zo slecht geslapen?", "Koffie en croissants, zondag 😌", "Lekker gegeten "
    "bij de Italiaan in de {street} 🍝", "Ik zoek nog een poetshulp, iemand tips?", "Fijne avond iedereen",
    "Gevonden: sleutelbos aan de bushalte {street}", "Te koop: kinderfiets, zo goed als nieuw, DM",
    "Zijn de winkels zondag open in {town}?", "Wat is dat voor helikopter boven {place}?", "Rommelmarkt in "
    "{place} zondag, wie doet er mee?", "Kent iemand een goede loodgieter?", "Weer maandag 😩", "Allee, "
    "wie heeft er nog een ladder te leen?", "Is't ook zo druk op de ring vandaag?", "Proficiat aan mijn "
    "buurvrouw met haar 90ste verjaardag 🎂", "Zumba in de sporthal, elke woensdag om 19u",
    "Good morning {town} ☕", "Bonjour à tous, quelqu'un connaît un bon garagiste à {town}?",
    "Mooie zonsondergang over {place} 📸", "Wie kent dit liedje? Al de hele dag in mijn hoofd",
    "Onze kat is weer thuis, bedankt voor het meezoeken", "Hoe laat sluit het containerpark zaterdag?",
    "Vrijwilligers gezocht voor de buurtbarbecue in {place}", "Mijn auto wil niet starten, iemand startkabels?",
    "Wie weet of de apotheek in de {street} vandaag van wacht is?", "Eerste keer gaan lopen sinds lang, 5 km 💪",
    "Wat een file weer op de E40, niet te doen", "Onze dochter is vandaag 18 geworden 🎉",
    "Weet iemand waarom de kerkklok de hele nacht luidde?", "Leuke tweedehandswinkel ontdekt in de {street}",
    "Kent iemand een goede kapper in {town}? Liefst niet te duur", "Pannenkoeken gebakken met de kleinkinderen 🥞",
    "Zijn er nog plaatsen in de muziekschool voor gitaarles?", "Mijn buurman maait zijn gras om 7u op zondag 🙄",
    "Fietsband plat, natuurlijk als het regent", "Wie zoekt er nog een babysit? Mijn dochter zoekt werk",
    "Lekkerste frieten van {town}? Discussie hier thuis 🍟", "Heeft iemand een grijze kat gezien in {place}?",
    "Gelukkige verjaardag aan de juf van het derde leerjaar!", "Mooie wandeling langs de {river} vanmorgen",
    "Iemand die een aanhangwagen wil uitlenen dit weekend?", "Te geef: kinderbed en commode, ophalen in {place}",
    "Nieuwe bakker op de hoek van de {street} is echt top 🥐", "Zaterdag quiz in het parochiecentrum, nog ploegen gezocht",
    "Hoe laat begint de markt op vrijdag?", "Wie heeft er zin om mee te doen met de petanqueclub?",
    "Nice little cafe in {place}, recommended", "Great run along the {river} this morning",
    "Quelqu'un a trouvé des clés près de la gare?", "Lovely sunset tonight over {town}",
    "Amai, die nieuwe frituur, lange rij tot op de stoep", "Mijn hond blaft naar elke fietser, tips iemand?",
    "Spaghettiavond van de scouts zaterdag, kaarten nog te koop", "Waar kan ik in {town} batterijen binnenbrengen?",
)


def _fill(text: str, town: Town, story: dict[str, str], rng: random.Random) -> str:
    values = {"town": town.name, "river": town.river, "school": town.school, "club": town.club,
              "mayor": town.mayor, "alderman": town.alderman, "n": str(rng.randint(12, 140)),
              "url": f"https://{town.paper}/{rng.randint(10000, 99999)}", **story}
    return text.format(**values)


def _voice(text: str, who: str, town: Town, rng: random.Random) -> str:
    """Decorate a post the way its writer would."""
    if who == "city":
        return text if rng.random() < 0.6 else f"{text} #{town.name.lower()}"
    if who == "news":
        url = f"https://{town.paper}/{rng.randint(100000, 999999)}"
        return rng.choice((f"{text} {url}", f"{text} | {town.paper}", f"{text.upper()[:1]}{text[1:]} {url}"))
    if who == "journalist":
        return rng.choice((f"Ter plaatse: {text[:1].lower()}{text[1:]} 📸", f"{text} (meer volgt)",
                           f"{text} @{town.account}"))
    if who == "complainer":
        return rng.choice((f"{text} @{town.account} doe er iets aan!!", f"{text} #schandalig", f"{text.upper()}"
                           if len(text) < 60 else f"{text} 😡😡"))
    # residents: some write lower case, drop punctuation, tag the city, add a word of their own
    if rng.random() < 0.35:
        text = rng.choice(("Pff, ", "Echt, ", "Serieus? ", "Amai. ", "Zeg, ", "", "Ok dus: ")) + text
    if rng.random() < 0.3:
        text += rng.choice((" 🙄", " !!", " ...", " 😂", " #" + town.name.lower(), " zeg", " hé"))
    r = rng.random()
    if r < 0.25:
        return text.lower().rstrip(".")
    if r < 0.35:
        return f"@{town.account} {text}"
    return text


def _times(rng: random.Random, start: datetime, n: int, crisis: bool) -> list[datetime]:
    """Posting times of one story: a burst and its tail, in daytime mostly."""
    day = 1 if crisis else rng.randint(0, 2)
    hour = rng.uniform(7, 20)
    t0 = start + timedelta(days=day, hours=hour)
    spread_h = rng.uniform(2, 10) if not crisis else 14
    out = []
    for _ in range(n):
        dt = rng.expovariate(1 / (spread_h / 3))
        out.append(t0 + timedelta(hours=min(dt, 50 - day * 24 + 20)))
    return sorted(out)


def generate(key: str) -> tuple[list[dict[str, str]], dict[str, dict[str, object]]]:
    seed, split = SPLIT[key]
    rng = random.Random(seed)
    town = TOWNS[key]
    start = datetime(2026, 10, 5 + seed % 20, 0, 0, tzinfo=UTC)
    kinds = [k for k in KINDS if (split == "report" or k not in REPORT_ONLY)]
    # stories: most kinds once, roadworks twice (different streets), fire and open day both
    picked = rng.sample(kinds, k=min(len(kinds), rng.randint(20, 26)))
    picked = [k for k in picked if k not in ("roadworks", "fire", "opendag")] + ["roadworks", "roadworks",
                                                                                 "fire", "opendag"]
    # street- and place-bound kinds happen twice (other street): stories that share their vocabulary
    target = rng.randint(22, 32)
    again = [k for k in ("roadworks", "powercut", "waterpipe", "fire", "accident", "trees") if k in kinds]
    while len(picked) < target and again:
        picked.append(rng.choice(again))
        again = [k for k in again if picked.count(k) < 3]
    crisis = rng.choice([k for k in picked if KINDS[k].crisis] or ["storm"])
    if crisis not in picked:
        picked.append(crisis)
    streets = list(town.streets)
    rng.shuffle(streets)
    places = list(town.places)
    rng.shuffle(places)
    posts: list[dict[str, str]] = []
    names: dict[str, dict[str, object]] = {}
    for number, kind_key in enumerate(picked):
        kind = KINDS[kind_key]
        story = {"street": streets[number % len(streets)], "street2": streets[(number + 3) % len(streets)],
                 "place": places[number % len(places)]}
        sid = f"{kind_key}-{number}"
        name = _fill(kind.name, town, story, rng)
        keys = list(kind.keys)
        for slot in ("{street}", "{place}", "{river}", "{school}", "{club}"):
            if slot in kind.name:
                keys.append(_fill(slot, town, story, rng).lower())
        names[sid] = {"name": name, "keys": keys, "subject": list(kind.keys)}
        size = 80 if kind_key == crisis else rng.choice((5, 6, 8, 10, 12, 15, 18, 22, 28, 35))
        voices = [("city", kind.city), ("news", kind.news), ("resident", kind.resident),
                  ("complainer", kind.resident), ("journalist", kind.news), ("reply", kind.reply),
                  ("en", kind.en), ("fr", kind.fr)]
        weights = [1.2, 1.5, 4.0, 1.0, 0.6, 2.2 if size >= 8 else 0.8, 0.4, 0.3]
        for when in _times(rng, start, size, kind_key == crisis):
            while True:
                who, pool = rng.choices(voices, weights=weights)[0]
                pool = tuple(p for p in pool if p)
                if pool:
                    break
            text = _fill(rng.choice(pool), town, story, rng)
            lang = "en" if who == "en" else "fr" if who == "fr" else "nl"
            if who not in ("reply", "en", "fr"):
                text = _voice(text, who, town, rng)
            posts.append({"text": text, "published": when.isoformat(), "lang": lang, "story": sid})
    for _ in range(rng.randint(60, 110)):
        when = start + timedelta(hours=rng.uniform(6, 71))
        text = _fill(rng.choice(CHATTER), town, {"street": rng.choice(town.streets),
                                                 "place": rng.choice(town.places)}, rng)
        english = text.split()[0] in ("Good", "Nice", "Great", "Lovely")
        lang = "fr" if text.startswith(("Bonjour", "Quelqu")) else "en" if english else "nl"
        if lang == "nl":
            text = _voice(text, "resident", town, rng)
        posts.append({"text": text, "published": when.isoformat(), "lang": lang, "story": "-"})
    posts.sort(key=lambda p: p["published"])
    for n, post in enumerate(posts):
        post["id"] = f"{key[:3]}{n:04d}"
        if rng.random() < 0.15:
            del post["lang"]              # some lines without a language, as on the command line
    return posts, names


def main() -> None:
    for key in SPLIT:
        posts, names = generate(key)
        with (HERE / f"{key}.jsonl").open("w", encoding="utf-8") as fh:
            for post in posts:
                fh.write(json.dumps({k: post[k] for k in ("id", "text", "published", "lang", "story") if k in post},
                                    ensure_ascii=False) + "\n")
        (HERE / f"{key}.names.json").write_text(json.dumps(names, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
        print(f"{key}: {len(posts)} posts, {len(names)} stories ({SPLIT[key][1]})")


if __name__ == "__main__":
    main()
