"""Dutch texts of the settings dialog (newsroom/ui/settings); merged by make_translations.py."""

NL: dict[str, str] = {
    # dialog, PIN
    "Newsroom Wall — settings": "Newsroom Wall — instellingen",
    "The settings are protected. Type the &PIN:": "De instellingen zijn beveiligd. Typ de &pincode:",
    "&Unlock": "&Ontgrendelen",
    "That PIN is not right.": "Die pincode klopt niet.",
    "&OK": "&OK",
    "Cancel": "Annuleren",
    "A&pply": "Toe&passen",
    "Saved to %1. The wall is set up; everything else is on these pages.":
        "Bewaard in %1. De wall is ingesteld; al de rest staat op deze pagina's.",
    "Saved to %1.": "Bewaard in %1.",
    "The running wall takes the searches and sources on at its next start.":
        "De draaiende wall neemt de zoekopdrachten en bronnen over bij de volgende start.",
    "The settings file had a problem; you see the defaults (%1).":
        "Het instellingenbestand had een probleem; u ziet de standaardwaarden (%1).",
    "Not saved: %1": "Niet bewaard: %1",
    "&Searches": "&Zoekopdrachten",
    "S&ources": "&Bronnen",
    "&Alerts": "&Alarmen",
    "&Display": "&Weergave",
    "Data and a&bout": "Gegevens en &info",
    # fields
    "Enter a web address that starts with http:// or https://.":
        "Typ een webadres dat begint met http:// of https://.",
    "One per line": "Eén per regel",
    "stored in the keyring — type to replace": "bewaard in de sleutelbos — typ om te vervangen",
    "not set": "niet ingesteld",
    "Remove": "Wissen",
    "removed from the keyring when you save": "wordt uit de sleutelbos gewist bij het bewaren",
    "Write the quiet hours like 22:00-07:00, or leave the field empty.":
        "Schrijf de stille uren als 22:00-07:00, of laat het veld leeg.",
    "“%1” is not a web address (it must start with http:// or https://).":
        "“%1” is geen webadres (het moet beginnen met http:// of https://).",
    "“%1” is not an e-mail address.": "“%1” is geen e-mailadres.",
    "“%1” is not a known time zone; write e.g. Europe/Brussels.":
        "“%1” is geen bekende tijdzone; schrijf bv. Europe/Brussels.",
    "fewer alerts": "minder alarmen",
    "balanced": "gebalanceerd",
    "more alerts": "meer alarmen",
    "Nederlands": "Nederlands",
    "English": "Engels",
    # first run
    "Welcome to Newsroom Wall": "Welkom bij Newsroom Wall",
    "Four short steps and the wall follows what is said online about your town. Everything can be changed "
    "later in the settings (Ctrl+, or F2 on the wall).":
        "Vier korte stappen en de wall volgt wat er online over uw gemeente gezegd wordt. Alles kan later "
        "nog veranderen in de instellingen (Ctrl+, of F2 op de wall).",
    "Name of the &town or municipality": "Naam van de &stad of gemeente",
    "Type the name of your town or municipality.": "Typ de naam van uw stad of gemeente.",
    "Your first search": "Uw eerste zoekopdracht",
    'What should the wall look for? Words, "exact phrases", OR, -leave out and #hashtags. '
    "The town's own name is a good start.":
        'Waar moet de wall naar zoeken? Woorden, "exacte woordgroepen", OR, -weglaten en #hashtags. '
        "De naam van de gemeente zelf is een goed begin.",
    "&Name of the search": "&Naam van de zoekopdracht",
    "&Query": "&Zoekvraag",
    "Where to look": "Waar zoeken",
    "These sources need no account. Bluesky and X need keys: add them later on the Sources page.":
        "Deze bronnen hebben geen account nodig. Bluesky en X vragen sleutels: voeg die later toe op de "
        "pagina Bronnen.",
    "GDELT (news sites worldwide)": "GDELT (nieuwssites wereldwijd)",
    "Mastodon (hashtags)": "Mastodon (hashtags)",
    "RSS feeds of local media (addresses below)": "RSS-feeds van lokale media (adressen hieronder)",
    "Choose at least one source.": "Kies minstens één bron.",
    "Type at least one feed address, or untick RSS.": "Typ minstens één feedadres, of vink RSS uit.",
    "Ready": "Klaar",
    "The wall “%1” will look for %2 on %3. Press Finish to save; the wall starts collecting.":
        "De wall “%1” zoekt naar %2 op %3. Druk op Voltooien om te bewaren; de wall begint te verzamelen.",
    "&Back": "&Vorige",
    "&Next": "V&olgende",
    "&Finish": "V&oltooien",
    "&Skip to all settings": "&Meteen naar alle instellingen",
    # searches
    "&Add": "&Toevoegen",
    "&Remove": "&Verwijderen",
    "Move &up": "Naar &boven",
    "Move do&wn": "Naar onde&r",
    "Search": "Zoekopdracht",
    "Search %1": "Zoekopdracht %1",
    "(no name)": "(zonder naam)",
    "&Name": "&Naam",
    'Words, "exact phrases", OR, -leave out, #hashtags and (brackets).':
        'Woorden, "exacte woordgroepen", OR, -weglaten, #hashtags en (haakjes).',
    "Sources": "Bronnen",
    "Languages": "Talen",
    "RSS/Atom feeds": "RSS/Atom-feeds",
    "Dutch": "Nederlands",
    "French": "Frans",
    "&Test now": "Nu t&esten",
    "Source": "Bron",
    "Mentions": "Berichten",
    "Sample or error": "Voorbeeld of fout",
    "Give the search a name.": "Geef de zoekopdracht een naam.",
    "Another search is already called “%1”.": "Een andere zoekopdracht heet al “%1”.",
    "Choose at least one source for this search.": "Kies minstens één bron voor deze zoekopdracht.",
    "Asking %1 sources…": "%1 bronnen worden bevraagd…",
    "asking…": "bezig…",
    "%1 mentions found": "%1 berichten gevonden",
    "%1 sources failed": "%1 bronnen faalden",
    "Error: %1": "Fout: %1",
    # query check
    "the end": "het einde",
    'The query is empty: type a word, a "phrase" or a #hashtag.':
        'De zoekvraag is leeg: typ een woord, een "woordgroep" of een #hashtag.',
    "The quote at position %1 is never closed.": "Het aanhalingsteken op positie %1 wordt nooit gesloten.",
    "The ')' at position %1 has no '(' before it.": "Voor de ')' op positie %1 staat geen '('.",
    "OR at position %1 needs a word before it.": "OR op positie %1 heeft een woord ervoor nodig.",
    "OR at position %1 needs a word after it.": "OR op positie %1 heeft een woord erna nodig.",
    "A word, phrase or hashtag is missing before %1 at position %2.":
        "Er ontbreekt een woord, woordgroep of hashtag vóór %1 op positie %2.",
    "The query only excludes words (near position %1): add at least one word to look for.":
        "De zoekvraag sluit alleen woorden uit (bij positie %1): voeg minstens één woord toe om naar te "
        "zoeken.",
    "The '(' at position %1 is never closed.": "De '(' op positie %1 wordt nooit gesloten.",
    "The phrase at position %1 is empty.": "De woordgroep op positie %1 is leeg.",
    "The hashtag at position %1 is not a word.": "De hashtag op positie %1 is geen woord.",
    "“%1” at position %2 is not a word.": "“%1” op positie %2 is geen woord.",
    "The '-' at position %1 must be followed by the word to leave out.":
        "Na de '-' op positie %1 moet het woord staan dat weg moet.",
    # sources
    "Network": "Netwerk",
    "Used by: %1": "Gebruikt door: %1",
    "Not used by any search (tick it on the Searches page).":
        "Geen enkele zoekopdracht gebruikt deze bron (vink ze aan op de pagina Zoekopdrachten).",
    "Test connection": "Verbinding testen",
    "Testing…": "Bezig met testen…",
    "Works: %1 mentions found": "Werkt: %1 berichten gevonden",
    "RSS and Atom feeds": "RSS- en Atom-feeds",
    "Cannot search by keyword: reads the feeds below and keeps the items that match a search.":
        "Kan niet op trefwoord zoeken: leest de feeds hieronder en houdt wat bij een zoekopdracht past.",
    "Google News": "Google News",
    "Bing News": "Bing News",
    "GDELT": "GDELT",
    "Mastodon": "Mastodon",
    "Bluesky": "Bluesky",
    "YouTube": "YouTube",
    "X": "X",
    "Searches by keyword.": "Zoekt op trefwoord.",
    "Searches by keyword (news sites worldwide, updated every 15 minutes).":
        "Zoekt op trefwoord (nieuwssites wereldwijd, elk kwartier bijgewerkt).",
    "Cannot search by keyword without an account: follows the #hashtags of the searches.":
        "Kan zonder account niet op trefwoord zoeken: volgt de #hashtags van de zoekopdrachten.",
    "Searches by keyword; needs an account with an app password.":
        "Zoekt op trefwoord; vraagt een account met een app-wachtwoord.",
    "Cannot search by keyword: reads the channels below and keeps the videos that match a search.":
        "Kan niet op trefwoord zoeken: leest de kanalen hieronder en houdt de video's die bij een "
        "zoekopdracht passen.",
    "Searches by keyword; needs your own paid API key.":
        "Zoekt op trefwoord; vraagt uw eigen betalende API-sleutel.",
    # alerts
    "When to alert": "Wanneer alarmeren",
    "Sound": "Geluid",
    "Desktop notification": "Bureaubladmelding",
    "Webhook": "Webhook",
    "E-mail": "E-mail",
    "Send test": "Test sturen",
    "Sending…": "Bezig met sturen…",
    "Sent. Check that it arrived.": "Verstuurd. Kijk of het aangekomen is.",
    "Not sent: %1": "Niet verstuurd: %1",
    # display
    "The wall": "De wall",
    "Screen and type size": "Scherm en lettergrootte",
    "Night, privacy and rotation": "Nacht, privacy en wisselen",
    "Crisis view": "Crisisbeeld",
    "Preview": "Voorbeeld",
    "The wall at 1920 × 1080 pixels, with this diagonal and distance.":
        "De wall op 1920 × 1080 pixels, met deze diagonaal en afstand.",
    # data and about
    "Data": "Gegevens",
    "Morning briefing": "Ochtendtamtam",
    "Town": "Gemeente",
    "First search": "Eerste zoekopdracht",
    "Step %1 of %2": "Stap %1 van %2",
    "The daily briefing (key B on the wall writes it now).":
        "De dagelijkse tamtam (toets B op de wall maakt hem meteen).",
    "Where things live": "Waar alles staat",
    "Settings": "Instellingen",
    "Logs": "Logboeken",
    "Open folder": "Map openen",
    "Export and import": "Exporteren en importeren",
    "&Export settings…": "Instellingen &exporteren…",
    "&Import settings…": "Instellingen &importeren…",
    "Export &mentions…": "&Berichten exporteren…",
    "Export settings": "Instellingen exporteren",
    "Import settings": "Instellingen importeren",
    "Export mentions": "Berichten exporteren",
    "Exporting…": "Bezig met exporteren…",
    "Settings exported to %1 (keys and passwords are not in it).":
        "Instellingen geëxporteerd naar %1 (sleutels en wachtwoorden staan er niet in).",
    "Imported from %1: check the pages, then press OK.":
        "Geïmporteerd uit %1: kijk de pagina's na en druk dan op OK.",
    "Not imported: %1": "Niet geïmporteerd: %1",
    "Not exported: %1": "Niet geëxporteerd: %1",
    "%1 mentions exported to %2": "%1 berichten geëxporteerd naar %2",
    "About and checks": "Info en controles",
    "Newsroom Wall %1": "Newsroom Wall %1",
    "Run the &checks": "&Controles uitvoeren",
    "Result": "Resultaat",
    "Check": "Controle",
    "How to fix": "Zo lost u het op",
    "note": "let op",
    "fix": "herstellen",
}
