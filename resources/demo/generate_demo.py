"""Generate the embedded demo scenario: three days of online talk in the fictional town Lindeveld.

Deterministic (seeded), standard library only. Run from the repository root:

    python resources/demo/generate_demo.py

and commit ``scenario.jsonl.gz`` and ``scenario.json`` beside this file. The texts are written for
the demo; every person, handle and address is invented. Times are UTC from the scenario start, a
Monday; the crisis (storm damage in Lindeveld-Noord) breaks on day two at 14:05 local time. About
three in ten residents' posts of a story answer one of its earlier posts (``reply_to``), a third of
those with a short reaction only; the chatter and the news answer no one.
"""

from __future__ import annotations

import gzip
import json
import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

SEED = 20260105
#: the replies are drawn from their own generator: the posts themselves stay as they were
REPLY_SEED = 20260107
#: the share of residents' posts of a story that answer an earlier post of the same story
REPLY_SHARE = 0.3
#: a reply answers one of the story's this many posts before it (a conversation, not the archive)
REPLY_REACH = 12
#: the share of replies that are only a short reaction ("Bij ons ook"), meaningless without their parent
SHORT_SHARE = 0.35
NEWS_SOURCES = ("rss", "gnews")
START = datetime(2026, 1, 5, tzinfo=UTC)  # Monday 00:00 UTC = 01:00 local (CET)
HOURS = 72
CRISIS_START = START + timedelta(days=1, hours=13, minutes=5)  # Tuesday 14:05 local
HERE = Path(__file__).resolve().parent

FIRST = ["Els", "Koen", "Sofie", "Bart", "An", "Pieter", "Lotte", "Jens", "Nathalie", "Wim", "Fatima",
         "Yusuf", "Marie", "Tom", "Griet", "Ruben", "Hanne", "Dirk", "Lien", "Stijn", "Chloé", "Jeroen",
         "Eline", "Mohamed", "Ine", "Kris", "Sarah", "Luc", "Nora", "Arne"]
LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
        "De Smet", "Dubois", "Lambrecht", "Van Damme", "Vermeulen", "El Amrani", "Hermans", "Desmet"]
OUTLETS = ["VRT NWS", "Het Nieuwsblad", "Het Laatste Nieuws", "Radio 2 Oost-Vlaanderen", "Gazet van Antwerpen",
           "Streekblad Lindeveld", "De Standaard", "Bruzz", "Le Soir", "RTBF"]
SOCIAL = ["mastodon", "bluesky", "bluesky", "mastodon", "bluesky"]

EMOJI_NEG = ["😡", "🤬", "😤", "🙄", "😞", "👎", "💩", "😠", ""]
EMOJI_POS = ["👍", "😍", "🎉", "❤️", "👏", "😊", "🙌", "✨", ""]
EMOJI_NEU = ["", "", "🤔", "📍", "ℹ️", ""]


@dataclass(frozen=True)
class Story:
    """One story: how many posts, when, in which mood, with which texts."""

    key: str
    count: int
    start_h: float  # hours after START
    end_h: float
    shape: str  # "steady", "burst", "evening", "rising"
    posts_nl: tuple[str, ...]
    posts_en: tuple[str, ...] = ()
    posts_fr: tuple[str, ...] = ()
    headlines: tuple[str, ...] = ()
    mood: str = "neg"  # neg, pos, mixed, neu
    tags: tuple[str, ...] = ()


STORIES: tuple[Story, ...] = (
    Story(
        "storm", 1100, CRISIS_START.timestamp() / 3600 - START.timestamp() / 3600, 72, "burst",
        (
            "Halve wijk zonder stroom in Lindeveld-Noord en nog altijd bomen over de Kanaalweg. Waar blijft de gemeente?",
            "Al {n} uur geen info van de stad over de stormschade. Schandalig hoe dit weer loopt {e}",
            "Dak van de buren ligt in onze tuin. Brandweer zegt dat ze pas morgen kunnen komen {e}",
            "Stormschade in Lindeveld-Noord: {n} bomen omgewaaid in de Populierenlaan. Niemand komt opruimen",
            "Waarom krijgen we geen sms van BE-Alert? Belachelijk, de storm is al uren bezig {e}",
            "Onze kelder staat onder water en het noodnummer van de gemeente is constant in gesprek {e}",
            "Amai, de storm in Lindeveld-Noord. Dakpannen overal op straat, levensgevaarlijk {e}",
            "De school in de Meersstraat blijft dicht door stormschade. Wie vangt de kinderen op?",
            "Stroompanne al sinds 14u in de Noordwijk. Fluvius geeft geen enkele timing {e}",
            "Wie heeft er nog een aggregaat? Mijn moeder van 84 zit zonder verwarming in Lindeveld-Noord",
            "Brandweer doet wat ze kan maar er zijn veel te weinig mensen. Waarom geen hulp van de buurgemeenten?",
            "Ik ben echt boos: drie keer gebeld naar het stadhuis en niemand weet iets over de stormschade",
            "De burgemeester zit op tv te praten terwijl wij hier met emmers staan. Goed bezig hoor {e}",
            "Storm Lindeveld: auto plat onder een boom in de Kasteeldreef. Verzekering zegt dat het weken duurt",
            "Geen stroom, geen water, geen info. Dit is toch niet normaal in 2026 {e}",
            "Blijf binnen in Lindeveld-Noord! Overal vallende takken en losse dakpannen #storm",
            "Chapeau voor de brandweer, al sinds de middag in de weer in onze straat {e}",
            "Noodnummer van de gemeente voor stormschade: 0800 12 345. Delen aub!",
            "Waarom is het containerpark niet open voor takken en puin? Nu ligt alles op straat",
            "Opvang in sporthal De Meersen voor wie zonder stroom zit. Fijn dat er iets geregeld is",
        ),
        (
            "Storm damage in Lindeveld-Noord: no power for hours and nobody from the city answers the phone {e}",
            "Trees down everywhere in Lindeveld after the storm, roads blocked. Really dangerous out there",
        ),
        (
            "Tempête à Lindeveld: toujours pas d'électricité dans le quartier nord, c'est scandaleux {e}",
            "Des arbres tombés partout à Lindeveld-Noord, aucune information de la commune",
        ),
        (
            "Zware storm richt schade aan in Lindeveld-Noord: tientallen bomen omgewaaid",
            "Stroompanne in Lindeveld na storm, Fluvius zoekt naar oorzaak",
            "Scholen in Lindeveld-Noord blijven dicht na stormschade",
            "Lindeveld opent noodopvang voor inwoners zonder stroom",
        ),
        "neg", ("#storm", "#lindeveld", "#stormschade"),
    ),
    Story(
        "roadworks", 420, 0, 72, "steady",
        (
            "Weer een uur in de file door de wegenwerken in de Stationsstraat {e}",
            "De wegenwerken in de Stationsstraat duren nu al {n} weken langer dan gepland. Belachelijk",
            "Handelaars in de Stationsstraat zien hun omzet halveren door de wegenwerken",
            "Geen enkele omleiding aangeduid rond de Stationsstraat, iedereen rijdt verloren {e}",
            "Niet slecht eigenlijk, de nieuwe fietspaden in de Stationsstraat zien er goed uit",
            "Wanneer zijn die wegenwerken in de Stationsstraat eindelijk gedaan? Niemand weet het",
            "Stof en lawaai vanaf 7u 's morgens in de Stationsstraat. Zeveren helpt niet, maar toch {e}",
            "Bakker in de Stationsstraat overweegt te sluiten door de werken. Triestig",
            "Er werd vandaag niet gewerkt in de Stationsstraat. Weer een dag verloren {e}",
            "De wegenwerken in de Stationsstraat zijn vervelend, maar het resultaat zal goed zijn",
        ),
        ("Roadworks on Stationsstraat again, traffic chaos every morning in Lindeveld",),
        ("Les travaux dans la Stationsstraat bloquent tout le centre, quelle galère",),
        ("Wegenwerken Stationsstraat lopen vertraging op", "Handelaars Stationsstraat vragen compensatie"),
        "neg", ("#lindeveld", "#wegenwerken"),
    ),
    Story(
        "bridge", 330, 2, 72, "steady",
        (
            "Brug aan de Kanaalweg opnieuw afgesloten. Weer 20 minuten omrijden {e}",
            "Pendelaars staan elke ochtend vast aan de Kanaalweg nu de brug dicht is",
            "Waarom communiceert niemand wanneer de brug Kanaalweg terug opengaat? {e}",
            "De omleiding voor de brug Kanaalweg loopt langs de schoolroute. Levensgevaarlijk voor fietsers",
            "Brug Kanaalweg dicht tot eind maart. Amai, dat wordt een lange winter {e}",
            "Goed dat de brug aan de Kanaalweg wordt hersteld, ze was echt in slechte staat",
            "Nog altijd geen pendelbus over het kanaal nu de brug dicht is. Beloofd is beloofd",
        ),
        ("The Kanaalweg bridge in Lindeveld is closed again, huge detours for commuters",),
        (),
        ("Brug Kanaalweg in Lindeveld blijft dicht tot eind maart", "Omleiding rond brug Kanaalweg zorgt voor files"),
        "neg", ("#lindeveld", "#kanaalweg"),
    ),
    Story(
        "lights", 360, 20, 72, "evening",
        (
            "Wat een sfeer op de lichtjesstoet in het centrum! Kinderen genieten {e}",
            "De praalwagens van de lichtjesstoet waren dit jaar echt prachtig {e}",
            "Chapeau voor alle vrijwilligers van de lichtjesstoet, goed bezig!",
            "Lichtjesstoet zaterdag: vergeet niet dat het centrum autovrij is vanaf 16u",
            "Mooie muziek en warme chocomelk op de Grote Markt. Lindeveld op zijn best {e}",
            "Te weinig parking voor de lichtjesstoet, maar de stoet zelf was top {e}",
            "De kerstmarkt en de lichtjesstoet samen, wat een gezellige avond op de Grote Markt",
        ),
        ("Lovely lights parade in Lindeveld tonight, the kids loved it {e}",),
        ("Magnifique cortège lumineux à Lindeveld ce soir, bravo aux bénévoles {e}",),
        ("Duizenden bezoekers voor lichtjesstoet in Lindeveld",),
        "pos", ("#lichtjesstoet", "#lindeveld"),
    ),
    Story(
        "parking", 240, 0, 72, "steady",
        (
            "Nieuwe parkeerzone in het centrum: 2 euro per uur. Wie gaat er nog in Lindeveld winkelen? {e}",
            "De blauwe zone wordt betalend. Handelaars zijn woedend en ik snap ze",
            "Parkeerapp van de stad werkt weer niet. Boete gekregen terwijl ik betaald had {e}",
            "Bewonerskaart kost nu het dubbele. Dit is gewoon een verdoken belasting",
            "Eindelijk plaats om te parkeren in de Kerkstraat sinds de nieuwe parkeerzone, niet slecht",
            "2 euro per uur parkeren in Lindeveld? Dat is duurder dan in Gent {e}",
        ),
        (),
        ("Le nouveau parking payant à Lindeveld, 2 euros de l'heure, c'est n'importe quoi",),
        ("Lindeveld voert betalend parkeren in voor centrum",),
        "neg", ("#lindeveld", "#parkeren"),
    ),
    Story(
        "pool", 170, 8, 60, "steady",
        (
            "Zwembad De Meersen weer dicht wegens een lek. Al de derde keer dit jaar {e}",
            "Mijn kinderen hebben al weken geen zwemles meer. Wanneer gaat het zwembad terug open?",
            "Zwemclub moet uitwijken naar de buurgemeente omdat ons zwembad dicht is. Jammer",
            "Het zwembad in Lindeveld is een bodemloze put. Stop er geen geld meer in",
            "Lek in het zwembad hersteld? Niemand die het weet, de website zegt niets {e}",
        ),
        ("Swimming pool in Lindeveld closed again because of a leak. Third time this year",),
        (),
        ("Zwembad De Meersen in Lindeveld opnieuw dicht door lek",),
        "neg", ("#zwembad",),
    ),
    Story(
        "waste", 190, 0, 72, "steady",
        (
            "GFT-container weer niet geledigd in onze straat. Wat is er aan de hand? {e}",
            "De PMD-zakken liggen al twee dagen op de stoep. Meeuwen hebben alles opengescheurd",
            "Nieuwe ophaalkalender voor het afval staat online. Handig, bedankt!",
            "Containerpark zaterdag open tot 16u, goed nieuws voor wie nog grofvuil heeft",
            "Weer vergeten om de PMD buiten te zetten, gelukkig is er de afvalapp {e}",
            "Waarom wordt het GFT in de Noordwijk altijd als laatste opgehaald?",
        ),
        (),
        ("Le ramassage des déchets PMD n'est pas passé dans notre rue, encore une fois",),
        (),
        "mixed", ("#afval",),
    ),
    Story(
        "bus", 170, 0, 72, "steady",
        (
            "Bus 21 van De Lijn rijdt sinds maandag niet meer langs het station. Hoe moeten ouderen nu naar de markt? {e}",
            "De Lijn schrapt weer ritten in Lindeveld. Een half uur wachten in de regen {e}",
            "Omleiding van lijn 21 is nergens aangekondigd. Goed bezig De Lijn 🙄",
            "Chauffeur van De Lijn wachtte netjes op mijn oma, chapeau!",
            "Belbus in Lindeveld werkt echt niet. Twee dagen op voorhand reserveren, serieus?",
        ),
        ("De Lijn bus 21 no longer stops at Lindeveld station, nobody told us",),
        (),
        ("De Lijn past dienstregeling aan in Lindeveld",),
        "neg", ("#delijn",),
    ),
    Story(
        "repair", 70, 30, 56, "steady",
        (
            "Repair café in de bib zaterdag: breng je kapotte toaster mee! {e}",
            "Vrijwilligers van het repair café hebben mijn fiets gerepareerd. Top initiatief {e}",
            "Wat een fijn initiatief, het repair café in de bibliotheek. Meer van dat!",
        ),
        (),
        ("Repair café à la bibliothèque de Lindeveld ce samedi, super initiative {e}",),
        (),
        "pos", ("#repaircafe",),
    ),
    Story(
        "council", 150, 40, 60, "rising",
        (
            "Gemeenteraad keurt hogere opcentiemen goed. Weer meer belastingen voor de gewone man {e}",
            "Live vanuit de gemeenteraad: discussie over het budget voor de Stationsstraat",
            "Oppositie stelt vragen over de stormschade in de gemeenteraad. Terecht",
            "Belastingverhoging in Lindeveld: de schepen van financiën legt uit waarom",
        ),
        (),
        (),
        ("Gemeenteraad Lindeveld verhoogt opcentiemen", "Oppositie eist uitleg over stormaanpak"),
        "mixed", ("#gemeenteraad",),
    ),
    Story(
        "football", 120, 44, 72, "evening",
        (
            "Wat een match van KVC Lindeveld! 3-1 tegen de leider {e}",
            "Supporters van KVC Lindeveld zingen nog altijd op de Grote Markt {e}",
            "Nieuwe kunstgrasveld voor de jeugd van KVC Lindeveld. Goed nieuws",
        ),
        ("What a win for KVC Lindeveld tonight {e}",),
        (),
        ("KVC Lindeveld klopt leider met 3-1",),
        "pos", ("#kvclindeveld",),
    ),
    Story(
        "cat", 45, 10, 50, "steady",
        (
            "Kat Minoes vermist in de buurt van de Kerkstraat. Rood-witte kater, draagt een blauw halsbandje. Delen aub",
            "Minoes is terecht! Bedankt aan iedereen die gedeeld heeft {e}",
            "Heeft iemand een rood-witte kat gezien in de Kerkstraat? Ze heet Minoes",
        ),
        (),
        (),
        (),
        "neu", ("#vermist",),
    ),
)

#: short reactions by mood (Dutch; the wall shows what they answer)
SHORT_REPLIES = {
    "neg": ("Schandalig! {e}", "Bij ons ook {e}", "Hoe lang nog? {e}", "Zelfde hier.", "Niet normaal {e}",
            "Eindelijk iemand die het zegt", "Idem in onze straat {e}", "Dit kan toch niet {e}"),
    "pos": ("Helemaal mee eens {e}", "Prachtig! {e}", "Wij waren er ook bij {e}", "Top! {e}",
            "Volgend jaar zeker terug"),
    "mixed": ("Bij ons ook", "Klopt, zelfde ervaring", "Goed om te weten {e}", "Hoe lang nog?"),
    "neu": ("Gedeeld!", "Goed nieuws {e}", "Bedankt voor de info", "Ik kijk mee uit"),
}

CHATTER = (
    "Mooi weer vandaag in Lindeveld {e}", "Iemand een tip voor een goede bakker in het centrum?",
    "Markt op woensdag weer gezellig druk", "Nieuwe koffiebar in de Kerkstraat geopend {e}",
    "Wanneer opent de bib weer na de verbouwing?", "Lindeveld heeft echt mooie wandelpaden langs het kanaal",
    "Good coffee at the new place in Lindeveld {e}", "Qui connaît un bon restaurant à Lindeveld ?",
    "Vergeet niet te stemmen voor het burgerbudget van de gemeente",
    "Fijne avond iedereen {e}",
)


def _local_hour(t: datetime) -> float:
    return ((t + timedelta(hours=1)).hour + t.minute / 60) % 24


def _diurnal(hour: float) -> float:
    """Relative activity by local hour: quiet at night, peaks at lunch and in the evening."""
    return 0.08 + math.exp(-((hour - 12.5) ** 2) / 8) + 1.2 * math.exp(-((hour - 20.0) ** 2) / 6)


def _times(story: Story, rng: random.Random) -> list[datetime]:
    out: list[datetime] = []
    span = story.end_h - story.start_h
    while len(out) < story.count:
        offset = rng.random() * span
        if story.shape == "burst":
            offset = rng.expovariate(1 / 1.6)  # most in the first two hours
            if offset > span:
                continue
        t = START + timedelta(hours=story.start_h + offset)
        weight = _diurnal(_local_hour(t))
        if story.shape == "evening":
            weight = math.exp(-((_local_hour(t) - 19.5) ** 2) / 4) + 0.05
        if story.shape == "rising":
            weight *= 0.2 + offset / span
        if story.shape == "burst":
            weight = 1.0
        if rng.random() < weight / 2.3:
            out.append(t)
    return sorted(out)


def _handle(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"@{first.lower()}{last.replace(' ', '').lower()[:6]}{rng.randint(1, 99)}"


def _fill(template: str, story: Story, rng: random.Random) -> str:
    pool = {"neg": EMOJI_NEG, "pos": EMOJI_POS}.get(story.mood, EMOJI_NEU)
    text = template.replace("{e}", rng.choice(pool)).replace("{n}", str(rng.randint(2, 9))).strip()
    if story.tags and rng.random() < 0.35:
        text += " " + rng.choice(story.tags)
    if rng.random() < 0.04:
        text = text.upper()
    return text


def _replies(story: Story, records: list[dict[str, object]], rng: random.Random) -> None:
    """A share of the story's residents' posts answer one of its earlier posts (``reply_to``); news
    articles answer no one. Some replies become a short reaction that says little on its own."""
    ordered = sorted(records, key=lambda r: (str(r["published"]), str(r["id"])))
    for i, rec in enumerate(ordered):
        if rec["source"] in NEWS_SOURCES or i == 0 or rng.random() >= REPLY_SHARE:
            continue
        earlier = [r for r in ordered[max(0, i - REPLY_REACH):i] if str(r["published"]) < str(rec["published"])]
        if not earlier:
            continue
        rec["reply_to"] = str(rng.choice(earlier)["id"])
        if rng.random() < SHORT_SHARE:
            pool = {"neg": EMOJI_NEG, "pos": EMOJI_POS}.get(story.mood, EMOJI_NEU)
            rec["text"] = rng.choice(SHORT_REPLIES[story.mood]).replace("{e}", rng.choice(pool)).strip()
            rec["lang_hint"] = "nl"


def _posts(story: Story, rng: random.Random, counter: list[int]) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for t in _times(story, rng):
        counter[0] += 1
        n = counter[0]
        roll = rng.random()
        if story.headlines and roll < 0.10:
            outlet = rng.choice(OUTLETS[:7])
            headline = rng.choice(story.headlines)
            source = rng.choice(["rss", "gnews"])
            records.append(_record(n, source, outlet, headline, headline, t, rng, news=True))
            if rng.random() < 0.4:  # a syndicated copy of the same wire story a few minutes later
                counter[0] += 1
                copy_outlet = rng.choice([o for o in OUTLETS[:7] if o != outlet])
                records.append(_record(counter[0], "gnews", copy_outlet, headline, headline,
                                       t + timedelta(minutes=rng.randint(2, 25)), rng, news=True))
            continue
        lang_roll = rng.random()
        if story.posts_en and lang_roll < 0.08:
            template, lang = rng.choice(story.posts_en), "en"
        elif story.posts_fr and lang_roll < 0.14:
            template, lang = rng.choice(story.posts_fr), "fr"
        else:
            template, lang = rng.choice(story.posts_nl), "nl"
        source = rng.choice(SOCIAL) if rng.random() < 0.93 else "youtube"
        rec = _record(n, source, _handle(rng), "", _fill(template, story, rng), t, rng)
        rec["lang_hint"] = lang
        records.append(rec)
    return records


def _record(n: int, source: str, author: str, title: str, text: str, t: datetime,
            rng: random.Random, *, news: bool = False) -> dict[str, object]:
    host = {"mastodon": "social.lindeveld.example", "bluesky": "bsky.example",
            "youtube": "video.example"}.get(source, "news.example")
    slug = "artikel" if news else "post"
    return {
        "id": f"demo:{n:05d}",
        "source": source,
        "url": f"https://{host}/{slug}/{n:05d}",
        "author": author,
        "title": title,
        "text": text,
        "published": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "searches": ["Lindeveld"],
        "engagement": int(rng.paretovariate(1.3)) - 1,
    }


def by_story() -> dict[str, list[dict[str, object]]]:
    """The scenario's records by story key ("chatter" for the talk of no story)."""
    rng = random.Random(SEED)
    replies = random.Random(REPLY_SEED)
    counter = [0]
    out: dict[str, list[dict[str, object]]] = {}
    for story in STORIES:
        posts = _posts(story, rng, counter)
        _replies(story, posts, replies)
        out[story.key] = posts
    chatter = Story("chatter", 260, 0, 72, "steady", CHATTER, mood="neu")
    out["chatter"] = _posts(chatter, rng, counter)
    return out


def generate() -> list[dict[str, object]]:
    """Every record of the scenario, in time order."""
    records = [rec for posts in by_story().values() for rec in posts]
    records.sort(key=lambda r: (str(r["published"]), str(r["id"])))
    return records


def main() -> None:
    """Write scenario.jsonl.gz and scenario.json beside this file."""
    records = generate()
    with gzip.GzipFile(HERE / "scenario.jsonl.gz", "wb", mtime=0) as raw:
        for rec in records:
            raw.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
    meta = {
        "town": "Lindeveld",
        "start": START.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "hours": HOURS,
        "crisis_start": CRISIS_START.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "now_after_crisis_start_min": 45,
        "mentions": len(records),
        "replies": sum(1 for r in records if "reply_to" in r),
        "seed": SEED,
    }
    (HERE / "scenario.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"{len(records)} mentions written")


if __name__ == "__main__":
    main()
