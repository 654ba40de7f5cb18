"""The doctor's sentences (newsroom/doctor.py writes them in English for the terminal) in Dutch, for the
list on the settings dialog's Data page. Each pattern matches one whole sentence; its parts (names,
paths, numbers) are carried over. A sentence no pattern knows stays as it is (English beats nothing);
details that come from elsewhere (an exception's text, a source's error) stay as they were written."""

from __future__ import annotations

import re

_S = r"(?P<a>.+?)"

#: (English sentence as a regular expression, Dutch with {a}, {b}, {c} for the parts)
SENTENCES: tuple[tuple[str, str], ...] = (
    # environment
    (r"Python (?P<a>\d+\.\d+) is too old", "Python {a} is te oud"),
    (r"install Python 3\.11 or newer", "installeer Python 3.11 of nieuwer"),
    (r"PySide6 is not installed", "PySide6 is niet geïnstalleerd"),
    (r"PySide6 (?P<a>\S+) has a reference-count bug that crashes a long-running wall",
     "PySide6 {a} heeft een fout in het tellen van verwijzingen waardoor een wall die lang draait vastloopt"),
    (r"no system keyring: passwords and tokens cannot be stored safely",
     "geen sleutelbos op dit systeem: wachtwoorden en tokens kunnen niet veilig bewaard worden"),
    (r"install a keyring \(GNOME Keyring, KWallet, macOS/Windows built-in\) or set NEWSROOM_SECRET_\* "
     r"environment variables",
     "installeer een sleutelbos (GNOME Keyring, KWallet, ingebouwd in macOS/Windows) of zet "
     "NEWSROOM_SECRET_*-omgevingsvariabelen"),
    (r"keyring backend (?P<a>.+)", "sleutelbos: {a}"),
    (r"the keyring cannot be used: (?P<a>.+)", "de sleutelbos kan niet gebruikt worden: {a}"),
    (r"set NEWSROOM_SECRET_\* environment variables", "zet NEWSROOM_SECRET_*-omgevingsvariabelen"),
    # config
    (r"config: (?P<a>.+?): (?P<b>.+)", "configuratie: {a}: {b}"),
    (r"config (?P<a>.+?): (?P<b>.+)", "configuratie {a}: {b}"),
    (r"fix the file, or move it away to start from the defaults",
     "verbeter het bestand, of zet het opzij om met de standaardwaarden te beginnen"),
    (r"config (?P<a>.+)", "configuratie {a}"),
    (r"no config file yet \((?P<a>.+)\); defaults in use",
     "nog geen configuratiebestand ({a}); standaardwaarden in gebruik"),
    (r"see docs/configuration\.md", "zie docs/configuration.md"),
    (r"no searches are configured: the wall only shows the demo",
     "er zijn geen zoekopdrachten ingesteld: de wall toont alleen de demo"),
    (r"add \[\[searches\]\] to the config \(docs/configuration\.md\)",
     "voeg zoekopdrachten toe op de pagina Zoekopdrachten"),
    (r"write an example config with: newsroom init --town NAME \(or use newsroom settings\)",
     "voeg zoekopdrachten toe op de pagina Zoekopdrachten (of: newsroom init --town NAAM)"),
    (r"search (?P<a>'.*?'|\".*?\"): (?P<b>.+)", "zoekopdracht {a}: {b}"),
    (r"correct the query in the config", "verbeter de zoekvraag op de pagina Zoekopdrachten"),
    (r"search (?P<a>'.*?'|\".*?\") names no sources", "zoekopdracht {a} noemt geen bronnen"),
    (r"add e\.g\. sources = \[\"rss\", \"gnews\"\]",
     "vink op de pagina Zoekopdrachten minstens één bron aan"),
    (r"source (?P<a>'.*?') is named by a search but does not exist in this version",
     "bron {a} wordt door een zoekopdracht genoemd maar bestaat niet in deze versie"),
    (r"use rss, gnews, bing, youtube, gdelt, mastodon, bluesky or x",
     "gebruik rss, gnews, bing, youtube, gdelt, mastodon, bluesky of x"),
    # folders and disk
    (r"the (?P<a>\S+) folder (?P<b>.+) is not writable: (?P<c>.+)",
     "in de map {b} ({a}) kan niet geschreven worden: {c}"),
    (r"fix the permissions or start with --basedir DIR",
     "herstel de rechten of start met --basedir MAP"),
    (r"the free space of the disk of (?P<a>.+) cannot be read: (?P<b>.+)",
     "de vrije ruimte op de schijf van {a} kan niet gelezen worden: {b}"),
    (r"the disk of the data folder (?P<a>.+) is \(nearly\) full: only (?P<b>\d+) MB free",
     "de schijf van de gegevensmap {a} is (bijna) vol: nog maar {b} MB vrij"),
    (r"free some space \(at least 200 MB\) or move the data with --basedir DIR; the store cannot keep new "
     r"mentions on a full disk",
     "maak ruimte vrij (minstens 200 MB) of verplaats de gegevens met --basedir MAP; op een volle schijf "
     "kan de opslag geen nieuwe berichten bewaren"),
    (r"the disk of the data folder (?P<a>.+) is over 95 % full \((?P<b>\d+) MB free\)",
     "de schijf van de gegevensmap {a} is voor meer dan 95 % vol ({b} MB vrij)"),
    (r"free some space: the store grows with every mention",
     "maak ruimte vrij: de opslag groeit met elk bericht"),
    (r"(?P<a>\d+) MB free on the disk of the data folder", "{a} MB vrij op de schijf van de gegevensmap"),
    # store
    (r"no store yet \((?P<a>.+)\); it is created on first start",
     "nog geen opslag ({a}); die wordt bij de eerste start gemaakt"),
    (r"install the newer version again, or start this one with --basedir DIR",
     "installeer de nieuwere versie opnieuw, of start deze met --basedir MAP"),
    (r"the store (?P<a>.+) cannot be opened: (?P<b>.+)", "de opslag {a} kan niet geopend worden: {b}"),
    (r"move the file away; a new store is created \(old mentions are lost\)",
     "zet het bestand opzij; er wordt een nieuwe opslag gemaakt (oude berichten gaan verloren)"),
    (r"the store (?P<a>.+) is damaged: (?P<b>.+)", "de opslag {a} is beschadigd: {b}"),
    (r"stop the wall, copy the file, then run: (?P<a>.+)",
     "stop de wall, kopieer het bestand en voer dan uit: {a}"),
    (r"store (?P<a>.+): (?P<b>\d+) mentions, schema (?P<c>\d+), journal \S+",
     "opslag {a}: {b} berichten, schema {c}"),
    (r"the store \(schema (?P<a>\d+)\) is upgraded to schema (?P<b>\d+) on the next start; a backup copy "
     r"is made next to it first",
     "de opslag (schema {a}) wordt bij de volgende start bijgewerkt naar schema {b}; eerst wordt er een "
     "kopie naast gezet"),
    # sources
    (r"Bluesky is asked for but has no handle and app password \(anonymous search is refused\)",
     "Bluesky wordt gevraagd maar heeft geen account en app-wachtwoord (anoniem zoeken wordt geweigerd)"),
    (r"set sources\.bluesky\.handle and run: newsroom secret set sources\.bluesky\.app_password",
     "vul op de pagina Bronnen het Bluesky-account en het app-wachtwoord in (of: newsroom secret set "
     "sources.bluesky.app_password)"),
    (r"X is asked for but has no bearer token", "X wordt gevraagd maar heeft geen bearer-token"),
    (r"run: newsroom secret set (?P<a>\S+)",
     "vul het in op de pagina Bronnen of Alarmen (of voer uit: newsroom secret set {a})"),
    (r"searches ask for RSS but no feeds are configured",
     "zoekopdrachten vragen RSS maar er zijn geen feeds ingesteld"),
    (r"add feeds to \[sources\.rss\]", "vul feeds in op de pagina Bronnen"),
    (r"searches ask for YouTube but no channels are configured",
     "zoekopdrachten vragen YouTube maar er zijn geen kanalen ingesteld"),
    (r"add channels to \[sources\.youtube\]", "vul kanalen in op de pagina Bronnen"),
    (r"no operator contact in the User-Agent: services cannot reach you before blocking",
     "geen contact voor beheerders in de User-Agent: diensten kunnen u niet bereiken voor ze u blokkeren"),
    (r"set network\.user_agent_contact to an e-mail or web address",
     "vul op de pagina Bronnen een e-mail- of webadres in bij Contact voor beheerders"),
    (r"(?P<a>.+): (?P<b>\d+) failed polls in a row; last: (?P<c>.+)",
     "{a}: {b} keer na elkaar mislukt; laatst: {c}"),
    (r"see the log; newsroom doctor --probe tries it now",
     "zie het logboek; Verbinding testen op de pagina Bronnen probeert het nu"),
    (r"(?P<a>.+): last worked (?P<b>\S+ \S+) UTC, (?P<c>\d+) items",
     "{a}: laatst gelukt {b} UTC, {c} items"),
    # alerts
    (r"write alerts\.quiet_hours like 22:00-07:00, or leave it empty",
     "schrijf de stille uren als 22:00-07:00, of laat het veld leeg"),
    (r"e-mail alerts have a server but no sender or recipients",
     "e-mailalarmen hebben een server maar geen afzender of ontvangers"),
    (r"set alerts\.email\.sender and alerts\.email\.recipients",
     "vul op de pagina Alarmen de afzender en de ontvangers in"),
    (r"e-mail alerts log in but have no password",
     "e-mailalarmen melden zich aan maar hebben geen wachtwoord"),
    (r"e-mail alerts are sent without STARTTLS", "e-mailalarmen worden zonder STARTTLS verzonden"),
    (r"only acceptable for a mail relay on this computer",
     "alleen aanvaardbaar voor een mailrelay op deze computer"),
    (r"a webhook format is chosen but no webhook URL is stored",
     "er is een webhook-formaat gekozen maar geen webhook-adres bewaard"),
    (r"alert sound is on but no audio player was found",
     "het alarmgeluid staat aan maar er is geen geluidsspeler gevonden"),
    (r"install pulseaudio-utils or alsa-utils", "installeer pulseaudio-utils of alsa-utils"),
    (r"desktop notifications are on but notify-send was not found",
     "bureaubladmeldingen staan aan maar notify-send is niet gevonden"),
    (r"install libnotify-bin", "installeer libnotify-bin"),
    (r"check the address, the network and the credentials",
     "controleer het adres, het netwerk en de toegangsgegevens"),
    (r"(?P<a>.+): (?P<b>\d+) matching items", "{a}: {b} passende items"),
)

_COMPILED = tuple((re.compile(pattern, re.DOTALL), dutch) for pattern, dutch in SENTENCES)


def dutch(sentence: str) -> str:
    """The doctor's ``sentence`` in Dutch (unchanged when no pattern knows it)."""
    for pattern, template in _COMPILED:
        found = pattern.fullmatch(sentence)
        if found is not None:
            parts = {k: dutch(v) if k == "b" and template.endswith(": {b}") else v
                     for k, v in found.groupdict().items()}
            return template.format(**{"a": "", "b": "", "c": "", **parts})
    return sentence


def in_language(sentence: str, lang: str) -> str:
    """``sentence`` for a dialog in ``lang`` ('nl' or 'en')."""
    return dutch(sentence) if lang == "nl" else sentence
