<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>Wall</name>
    <message>
        <source>%1 s ago</source>
        <translation>%1 s geleden</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 min geleden</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 u geleden</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 dagen geleden</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 u</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>Waiting for data</source>
        <translation>Wachten op gegevens</translation>
    </message>
    <message>
        <source>LIVE · updated %1</source>
        <translation>LIVE · bijgewerkt %1</translation>
    </message>
    <message>
        <source>NEGATIVE SPIKE · %1</source>
        <translation>NEGATIEVE PIEK · %1</translation>
    </message>
    <message>
        <source>%1 negative mentions in %2 min — normally %3 ± %4 %5 · since %6</source>
        <translation>%1 negatieve berichten in %2 min — normaal %3 ± %4 %5 · sinds %6</translation>
    </message>
    <message>
        <source>%1 negative mentions in %2 min — normally at most %3 %5 · since %6</source>
        <translation>%1 negatieve berichten in %2 min — normaal hooguit %3 %5 · sinds %6</translation>
    </message>
    <message>
        <source>Seen by %1</source>
        <translation>Gezien door %1</translation>
    </message>
    <message>
        <source>Space = seen</source>
        <translation>Spatie = gezien</translation>
    </message>
    <message>
        <source>%1 / h</source>
        <translation>%1 / uur</translation>
    </message>
    <message>
        <source>%1 % negative</source>
        <translation>%1 % negatief</translation>
    </message>
    <message>
        <source>▲ rising</source>
        <translation>▲ stijgt</translation>
    </message>
    <message>
        <source>▼ falling</source>
        <translation>▼ daalt</translation>
    </message>
    <message>
        <source>■ steady</source>
        <translation>■ stabiel</translation>
    </message>
    <message>
        <source>DEMO · fictional data</source>
        <translation>DEMO · fictieve gegevens</translation>
    </message>
    <message>
        <source>No searches yet — press Ctrl+, to set up the wall (showing the demo)</source>
        <translation>Nog geen zoekopdrachten — druk op Ctrl+, om de wall in te stellen (demo)</translation>
    </message>
    <message>
        <source>No topics yet
Topics appear as soon as enough mentions come in.
%1 mentions in the last hour · %2 of %3 sources working</source>
        <translation>Nog geen onderwerpen
Onderwerpen verschijnen zodra er genoeg berichten binnenkomen.
%1 berichten in het laatste uur · %2 van %3 bronnen werken</translation>
    </message>
    <message>
        <source>The data store was damaged; started a new one (old file kept as %1)</source>
        <translation>De gegevensopslag was beschadigd; een nieuwe is gestart (oud bestand bewaard als %1)</translation>
    </message>
    <message>
        <source>Unknown setting ignored: %1</source>
        <translation>Onbekende instelling genegeerd: %1</translation>
    </message>
    <message>
        <source>Source not available: %1</source>
        <translation>Bron niet beschikbaar: %1</translation>
    </message>
    <message>
        <source>Connection to the database lost since %1</source>
        <translation>Verbinding met de databank verbroken sinds %1</translation>
    </message>
    <message>
        <source>Catching up: %1 mentions</source>
        <translation>Achterstand: %1 berichten</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>negatief</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>positief</translation>
    </message>
    <message>
        <source>Newest mentions</source>
        <translation>Nieuwste berichten</translation>
    </message>
    <message>
        <source>%1 % negative · %2 % neutral · %3 % positive</source>
        <translation>%1 % negatief · %2 % neutraal · %3 % positief</translation>
    </message>
    <message>
        <source>%1 mentions</source>
        <translation>%1 berichten</translation>
    </message>
    <message>
        <source>%1 other topics had fewer mentions.</source>
        <translation>%1 andere onderwerpen hadden minder berichten.</translation>
    </message>
    <message>
        <source>ALERT</source>
        <translation>ALARM</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarmen</translation>
    </message>
    <message>
        <source>All mentions per %1 min, negative part hatched</source>
        <translation>Alle berichten per %1 min, negatief deel gearceerd</translation>
    </message>
    <message>
        <source>Daily briefing %1</source>
        <translation>Dagelijkse tamtam %1</translation>
    </message>
    <message>
        <source>Last successful poll</source>
        <translation>Laatst gelukt</translation>
    </message>
    <message>
        <source>Mentions per platform: %1</source>
        <translation>Berichten per platform: %1</translation>
    </message>
    <message>
        <source>Newsroom Wall %1 · made %2 · topics, not people: no names or handles</source>
        <translation>Newsroom Wall %1 · gemaakt %2 · onderwerpen, geen personen: geen namen of accounts</translation>
    </message>
    <message>
        <source>No alerts in this period.</source>
        <translation>Geen alarmen in deze periode.</translation>
    </message>
    <message>
        <source>No mentions came in during this period: there is nothing to report. If that is unexpected, check the sources below.</source>
        <translation>In deze periode kwamen er geen berichten binnen: er is niets te melden. Is dat onverwacht, kijk dan hieronder naar de bronnen.</translation>
    </message>
    <message>
        <source>No source has been polled yet.</source>
        <translation>Er is nog geen bron bevraagd.</translation>
    </message>
    <message>
        <source>Not marked as seen on the wall</source>
        <translation>Op de wall nog niet als gezien gemarkeerd</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Pagina %1 van %2</translation>
    </message>
    <message>
        <source>Seen by %1 at %2</source>
        <translation>Gezien door %1 om %2</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Bron</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Bronnen</translation>
    </message>
    <message>
        <source>State now</source>
        <translation>Toestand nu</translation>
    </message>
    <message>
        <source>The state is that of the last poll; the store keeps no history of earlier failures.</source>
        <translation>De toestand is die van de laatste bevraging; eerdere storingen worden niet bijgehouden.</translation>
    </message>
    <message>
        <source>The topics with the most mentions in this period. Cloud words: orange and underlined = mostly negative, blue = mostly positive, grey = neutral. Names and handles of people are left out.</source>
        <translation>De onderwerpen met de meeste berichten in deze periode. Woorden: oranje en onderstreept = vooral negatief, blauw = vooral positief, grijs = neutraal. Namen en accounts van personen staan er niet in.</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Onderwerpen</translation>
    </message>
    <message>
        <source>alerts</source>
        <translation>alarmen</translation>
    </message>
    <message>
        <source>alerts, %1 seen</source>
        <translation>alarmen, %1 gezien</translation>
    </message>
    <message>
        <source>failing (%1×)</source>
        <translation>storing (%1×)</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>van %1 tot %2</translation>
    </message>
    <message>
        <source>mentions</source>
        <translation>berichten</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <source>since %1, still going on</source>
        <translation>sinds %1, nog bezig</translation>
    </message>
    <message>
        <source>sources working now</source>
        <translation>bronnen werken nu</translation>
    </message>
    <message>
        <source>the last %1 days</source>
        <translation>de laatste %1 dagen</translation>
    </message>
    <message>
        <source>the last %1 hours</source>
        <translation>de laatste %1 uur</translation>
    </message>
    <message>
        <source>working</source>
        <translation>werkt</translation>
    </message>
    <message>
        <source>Writing the briefing…</source>
        <translation>De tamtam wordt gemaakt…</translation>
    </message>
    <message>
        <source>Briefing saved: %1</source>
        <translation>Tamtam bewaard: %1</translation>
    </message>
    <message>
        <source>The briefing could not be written: %1</source>
        <translation>De tamtam kon niet gemaakt worden: %1</translation>
    </message>
    <message>
        <source>Morning briefing sent to %1</source>
        <translation>Ochtendtamtam verstuurd naar %1</translation>
    </message>
    <message>
        <source>The morning briefing could not be sent: %1</source>
        <translation>De ochtendtamtam kon niet verstuurd worden: %1</translation>
    </message>
    <message>
        <source>The configuration is from a newer version; running on defaults (kept as %1)</source>
        <translation>De configuratie komt van een nieuwere versie; standaardinstellingen actief (bewaard als %1)</translation>
    </message>
    <message>
        <source>Settings saved; these take effect after a restart: %1</source>
        <translation>Instellingen bewaard; deze werken pas na een herstart: %1</translation>
    </message>
    <message>
        <source>Also: %1</source>
        <translation>Ook: %1</translation>
    </message>
    <message>
        <source>for %1 min</source>
        <translation>al %1 min</translation>
    </message>
    <message>
        <source>for %1 h %2 min</source>
        <translation>al %1 u %2 min</translation>
    </message>
    <message>
        <source>— all mentions per %1 min</source>
        <translation>— alle berichten per %1 min</translation>
    </message>
    <message>
        <source>■ negative</source>
        <translation>■ negatief</translation>
    </message>
    <message>
        <source>■ normal band</source>
        <translation>■ normaal niveau</translation>
    </message>
    <message>
        <source>┆ start of the spike</source>
        <translation>┆ begin van de piek</translation>
    </message>
    <message>
        <source>C = overview</source>
        <translation>C = overzicht</translation>
    </message>
    <message>
        <source>Sub-stories</source>
        <translation>Deelverhalen</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>+%1 meer</translation>
    </message>
    <message>
        <source>Most used words</source>
        <translation>Meest gebruikte woorden</translation>
    </message>
    <message>
        <source>Newest negative mentions</source>
        <translation>Nieuwste negatieve berichten</translation>
    </message>
    <message>
        <source>↳ replying to: “%1”</source>
        <translation>↳ op: “%1”</translation>
    </message>
    <message>
        <source>CRISIS</source>
        <translation>CRISIS</translation>
    </message>
    <message>
        <source>TOPIC</source>
        <translation>ONDERWERP</translation>
    </message>
    <message>
        <source>No active alert for this topic.</source>
        <translation>Geen actief alarm voor dit onderwerp.</translation>
    </message>
    <message>
        <source>No event to show in the crisis view</source>
        <translation>Geen gebeurtenis om in het crisisbeeld te tonen</translation>
    </message>
    <message>
        <source>The wall cannot start yet</source>
        <translation>De wall kan nog niet starten</translation>
    </message>
    <message>
        <source>The data folder %1 cannot be written to. Give this user write access to it, or start the wall with another folder (--basedir).</source>
        <translation>In de gegevensmap %1 kan niet geschreven worden. Geef deze gebruiker schrijfrechten, of start de wall met een andere map (--basedir).</translation>
    </message>
    <message>
        <source>The disk holding %1 is full. Make space and the wall starts by itself.</source>
        <translation>De schijf met %1 is vol. Maak ruimte vrij en de wall start vanzelf.</translation>
    </message>
    <message>
        <source>The data store in %1 was made by a newer version of Newsroom Wall. Update this app, or start the wall with another folder (--basedir).</source>
        <translation>De gegevensopslag in %1 komt van een nieuwere versie van Newsroom Wall. Werk deze app bij, of start de wall met een andere map (--basedir).</translation>
    </message>
    <message>
        <source>The configuration cannot be used: %1</source>
        <translation>De configuratie is niet bruikbaar: %1</translation>
    </message>
    <message>
        <source>Something went wrong while starting: %1</source>
        <translation>Er ging iets mis bij het starten: %1</translation>
    </message>
    <message>
        <source>Next attempt in %1 s (attempt %2) · this notice goes away by itself once it works</source>
        <translation>Nieuwe poging over %1 s (poging %2) · deze melding verdwijnt vanzelf zodra het werkt</translation>
    </message>
    <message>
        <source>Trying again now …</source>
        <translation>Nieuwe poging loopt …</translation>
    </message>
    <message>
        <source>No searches yet — press Ctrl+, to set up the wall</source>
        <translation>Nog geen zoekopdrachten — druk op Ctrl+, om de wall in te stellen</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>paused (R)</source>
        <translation>gepauzeerd (R)</translation>
    </message>
    <message>
        <source>setting missing</source>
        <translation>instelling ontbreekt</translation>
    </message>
    <message>
        <source>login refused</source>
        <translation>aanmelding geweigerd</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>geen antwoord</translation>
    </message>
    <message>
        <source>no connection</source>
        <translation>geen verbinding</translation>
    </message>
    <message>
        <source>too many requests</source>
        <translation>te veel verzoeken</translation>
    </message>
    <message>
        <source>unreadable answer</source>
        <translation>onleesbaar antwoord</translation>
    </message>
    <message>
        <source>answer too large</source>
        <translation>antwoord te groot</translation>
    </message>
    <message>
        <source>too many redirects</source>
        <translation>te veel doorverwijzingen</translation>
    </message>
    <message>
        <source>internal error</source>
        <translation>interne fout</translation>
    </message>
    <message>
        <source>server error %1</source>
        <translation>serverfout %1</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>storing</translation>
    </message>
    <message>
        <source>all %1 sources working</source>
        <translation>alle %1 bronnen werken</translation>
    </message>
    <message>
        <source>1 source working</source>
        <translation>1 bron werkt</translation>
    </message>
    <message>
        <source>%1 of %2 sources working</source>
        <translation>%1 van %2 bronnen werken</translation>
    </message>
    <message>
        <source>Newsroom wall</source>
        <translation>Nieuwsmuur</translation>
    </message>
    <message>
        <source>newsroom</source>
        <translation>nieuwsmuur</translation>
    </message>
    <message>
        <source>▲ SPIKE</source>
        <translation>▲ PIEK</translation>
    </message>
    <message>
        <source>✓ seen</source>
        <translation>✓ gezien</translation>
    </message>
    <message>
        <source>+1 more alert</source>
        <translation>+1 andere melding</translation>
    </message>
    <message>
        <source>+%1 more alerts</source>
        <translation>+%1 andere meldingen</translation>
    </message>
    <message>
        <source>+%1 on %2</source>
        <translation>+%1 op %2</translation>
    </message>
    <message>
        <source>now</source>
        <translation>nu</translation>
    </message>
    <message>
        <source>-%1 h</source>
        <translation>-%1 u</translation>
    </message>
    <message>
        <source>The configuration could not be read (line %1); running on defaults, copy kept as %2</source>
        <translation>De configuratie kon niet gelezen worden (regel %1); standaardinstellingen actief, kopie bewaard als %2</translation>
    </message>
    <message>
        <source>The configuration could not be read; running on defaults, copy kept as %1</source>
        <translation>De configuratie kon niet gelezen worden; standaardinstellingen actief, kopie bewaard als %1</translation>
    </message>
    <message>
        <source>Problem while processing; details are in the log</source>
        <translation>Probleem bij de verwerking; details staan in het logboek</translation>
    </message>
    <message>
        <source>Loading the first data …</source>
        <translation>De eerste gegevens worden geladen …</translation>
    </message>
    <message>
        <source>Newsroom Wall — settings</source>
        <translation>Newsroom Wall — instellingen</translation>
    </message>
    <message>
        <source>The settings are protected. Type the &amp;PIN:</source>
        <translation>De instellingen zijn beveiligd. Typ de &amp;pincode:</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Ontgrendelen</translation>
    </message>
    <message>
        <source>That PIN is not right.</source>
        <translation>Die pincode klopt niet.</translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>Toe&amp;passen</translation>
    </message>
    <message>
        <source>Saved to %1. The wall is set up; everything else is on these pages.</source>
        <translation>Bewaard in %1. De wall is ingesteld; al de rest staat op deze pagina's.</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Bewaard in %1.</translation>
    </message>
    <message>
        <source>The running wall takes the searches and sources on at its next start.</source>
        <translation>De draaiende wall neemt de zoekopdrachten en bronnen over bij de volgende start.</translation>
    </message>
    <message>
        <source>The settings file had a problem; you see the defaults (%1).</source>
        <translation>Het instellingenbestand had een probleem; u ziet de standaardwaarden (%1).</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Niet bewaard: %1</translation>
    </message>
    <message>
        <source>&amp;Searches</source>
        <translation>&amp;Zoekopdrachten</translation>
    </message>
    <message>
        <source>S&amp;ources</source>
        <translation>&amp;Bronnen</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>&amp;Alarmen</translation>
    </message>
    <message>
        <source>&amp;Display</source>
        <translation>&amp;Weergave</translation>
    </message>
    <message>
        <source>Data and a&amp;bout</source>
        <translation>Gegevens en &amp;info</translation>
    </message>
    <message>
        <source>Enter a web address that starts with http:// or https://.</source>
        <translation>Typ een webadres dat begint met http:// of https://.</translation>
    </message>
    <message>
        <source>One per line</source>
        <translation>Eén per regel</translation>
    </message>
    <message>
        <source>stored in the keyring — type to replace</source>
        <translation>bewaard in de sleutelbos — typ om te vervangen</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>niet ingesteld</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <source>removed from the keyring when you save</source>
        <translation>wordt uit de sleutelbos gewist bij het bewaren</translation>
    </message>
    <message>
        <source>Write the quiet hours like 22:00-07:00, or leave the field empty.</source>
        <translation>Schrijf de stille uren als 22:00-07:00, of laat het veld leeg.</translation>
    </message>
    <message>
        <source>“%1” is not a web address (it must start with http:// or https://).</source>
        <translation>“%1” is geen webadres (het moet beginnen met http:// of https://).</translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address.</source>
        <translation>“%1” is geen e-mailadres.</translation>
    </message>
    <message>
        <source>“%1” is not a known time zone; write e.g. Europe/Brussels.</source>
        <translation>“%1” is geen bekende tijdzone; schrijf bv. Europe/Brussels.</translation>
    </message>
    <message>
        <source>fewer alerts</source>
        <translation>minder alarmen</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>gebalanceerd</translation>
    </message>
    <message>
        <source>more alerts</source>
        <translation>meer alarmen</translation>
    </message>
    <message>
        <source>Nederlands</source>
        <translation>Nederlands</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engels</translation>
    </message>
    <message>
        <source>Welcome to Newsroom Wall</source>
        <translation>Welkom bij Newsroom Wall</translation>
    </message>
    <message>
        <source>Four short steps and the wall follows what is said online about your town. Everything can be changed later in the settings (Ctrl+, or F2 on the wall).</source>
        <translation>Vier korte stappen en de wall volgt wat er online over uw gemeente gezegd wordt. Alles kan later nog veranderen in de instellingen (Ctrl+, of F2 op de wall).</translation>
    </message>
    <message>
        <source>Name of the &amp;town or municipality</source>
        <translation>Naam van de &amp;stad of gemeente</translation>
    </message>
    <message>
        <source>Type the name of your town or municipality.</source>
        <translation>Typ de naam van uw stad of gemeente.</translation>
    </message>
    <message>
        <source>Your first search</source>
        <translation>Uw eerste zoekopdracht</translation>
    </message>
    <message>
        <source>What should the wall look for? Words, "exact phrases", OR, -leave out and #hashtags. The town's own name is a good start.</source>
        <translation>Waar moet de wall naar zoeken? Woorden, "exacte woordgroepen", OR, -weglaten en #hashtags. De naam van de gemeente zelf is een goed begin.</translation>
    </message>
    <message>
        <source>&amp;Name of the search</source>
        <translation>&amp;Naam van de zoekopdracht</translation>
    </message>
    <message>
        <source>&amp;Query</source>
        <translation>&amp;Zoekvraag</translation>
    </message>
    <message>
        <source>Where to look</source>
        <translation>Waar zoeken</translation>
    </message>
    <message>
        <source>These sources need no account. Bluesky and X need keys: add them later on the Sources page.</source>
        <translation>Deze bronnen hebben geen account nodig. Bluesky en X vragen sleutels: voeg die later toe op de pagina Bronnen.</translation>
    </message>
    <message>
        <source>GDELT (news sites worldwide)</source>
        <translation>GDELT (nieuwssites wereldwijd)</translation>
    </message>
    <message>
        <source>Mastodon (hashtags)</source>
        <translation>Mastodon (hashtags)</translation>
    </message>
    <message>
        <source>RSS feeds of local media (addresses below)</source>
        <translation>RSS-feeds van lokale media (adressen hieronder)</translation>
    </message>
    <message>
        <source>Choose at least one source.</source>
        <translation>Kies minstens één bron.</translation>
    </message>
    <message>
        <source>Type at least one feed address, or untick RSS.</source>
        <translation>Typ minstens één feedadres, of vink RSS uit.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <source>The wall “%1” will look for %2 on %3. Press Finish to save; the wall starts collecting.</source>
        <translation>De wall “%1” zoekt naar %2 op %3. Druk op Voltooien om te bewaren; de wall begint te verzamelen.</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Vorige</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>V&amp;olgende</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>V&amp;oltooien</translation>
    </message>
    <message>
        <source>&amp;Skip to all settings</source>
        <translation>&amp;Meteen naar alle instellingen</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Toevoegen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Naar &amp;boven</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Naar onde&amp;r</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Zoekopdracht</translation>
    </message>
    <message>
        <source>Search %1</source>
        <translation>Zoekopdracht %1</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(zonder naam)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <source>Words, "exact phrases", OR, -leave out, #hashtags and (brackets).</source>
        <translation>Woorden, "exacte woordgroepen", OR, -weglaten, #hashtags en (haakjes).</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Talen</translation>
    </message>
    <message>
        <source>RSS/Atom feeds</source>
        <translation>RSS/Atom-feeds</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Nederlands</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Frans</translation>
    </message>
    <message>
        <source>&amp;Test now</source>
        <translation>Nu t&amp;esten</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Berichten</translation>
    </message>
    <message>
        <source>Sample or error</source>
        <translation>Voorbeeld of fout</translation>
    </message>
    <message>
        <source>Give the search a name.</source>
        <translation>Geef de zoekopdracht een naam.</translation>
    </message>
    <message>
        <source>Another search is already called “%1”.</source>
        <translation>Een andere zoekopdracht heet al “%1”.</translation>
    </message>
    <message>
        <source>Choose at least one source for this search.</source>
        <translation>Kies minstens één bron voor deze zoekopdracht.</translation>
    </message>
    <message>
        <source>Asking %1 sources…</source>
        <translation>%1 bronnen worden bevraagd…</translation>
    </message>
    <message>
        <source>asking…</source>
        <translation>bezig…</translation>
    </message>
    <message>
        <source>%1 mentions found</source>
        <translation>%1 berichten gevonden</translation>
    </message>
    <message>
        <source>%1 sources failed</source>
        <translation>%1 bronnen faalden</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fout: %1</translation>
    </message>
    <message>
        <source>the end</source>
        <translation>het einde</translation>
    </message>
    <message>
        <source>The query is empty: type a word, a "phrase" or a #hashtag.</source>
        <translation>De zoekvraag is leeg: typ een woord, een "woordgroep" of een #hashtag.</translation>
    </message>
    <message>
        <source>The quote at position %1 is never closed.</source>
        <translation>Het aanhalingsteken op positie %1 wordt nooit gesloten.</translation>
    </message>
    <message>
        <source>The ')' at position %1 has no '(' before it.</source>
        <translation>Voor de ')' op positie %1 staat geen '('.</translation>
    </message>
    <message>
        <source>OR at position %1 needs a word before it.</source>
        <translation>OR op positie %1 heeft een woord ervoor nodig.</translation>
    </message>
    <message>
        <source>OR at position %1 needs a word after it.</source>
        <translation>OR op positie %1 heeft een woord erna nodig.</translation>
    </message>
    <message>
        <source>A word, phrase or hashtag is missing before %1 at position %2.</source>
        <translation>Er ontbreekt een woord, woordgroep of hashtag vóór %1 op positie %2.</translation>
    </message>
    <message>
        <source>The query only excludes words (near position %1): add at least one word to look for.</source>
        <translation>De zoekvraag sluit alleen woorden uit (bij positie %1): voeg minstens één woord toe om naar te zoeken.</translation>
    </message>
    <message>
        <source>The '(' at position %1 is never closed.</source>
        <translation>De '(' op positie %1 wordt nooit gesloten.</translation>
    </message>
    <message>
        <source>The phrase at position %1 is empty.</source>
        <translation>De woordgroep op positie %1 is leeg.</translation>
    </message>
    <message>
        <source>The hashtag at position %1 is not a word.</source>
        <translation>De hashtag op positie %1 is geen woord.</translation>
    </message>
    <message>
        <source>“%1” at position %2 is not a word.</source>
        <translation>“%1” op positie %2 is geen woord.</translation>
    </message>
    <message>
        <source>The '-' at position %1 must be followed by the word to leave out.</source>
        <translation>Na de '-' op positie %1 moet het woord staan dat weg moet.</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netwerk</translation>
    </message>
    <message>
        <source>Used by: %1</source>
        <translation>Gebruikt door: %1</translation>
    </message>
    <message>
        <source>Not used by any search (tick it on the Searches page).</source>
        <translation>Geen enkele zoekopdracht gebruikt deze bron (vink ze aan op de pagina Zoekopdrachten).</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbinding testen</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Bezig met testen…</translation>
    </message>
    <message>
        <source>Works: %1 mentions found</source>
        <translation>Werkt: %1 berichten gevonden</translation>
    </message>
    <message>
        <source>RSS and Atom feeds</source>
        <translation>RSS- en Atom-feeds</translation>
    </message>
    <message>
        <source>Cannot search by keyword: reads the feeds below and keeps the items that match a search.</source>
        <translation>Kan niet op trefwoord zoeken: leest de feeds hieronder en houdt wat bij een zoekopdracht past.</translation>
    </message>
    <message>
        <source>Google News</source>
        <translation>Google News</translation>
    </message>
    <message>
        <source>Bing News</source>
        <translation>Bing News</translation>
    </message>
    <message>
        <source>GDELT</source>
        <translation>GDELT</translation>
    </message>
    <message>
        <source>Mastodon</source>
        <translation>Mastodon</translation>
    </message>
    <message>
        <source>Bluesky</source>
        <translation>Bluesky</translation>
    </message>
    <message>
        <source>YouTube</source>
        <translation>YouTube</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>Searches by keyword.</source>
        <translation>Zoekt op trefwoord.</translation>
    </message>
    <message>
        <source>Searches by keyword (news sites worldwide, updated every 15 minutes).</source>
        <translation>Zoekt op trefwoord (nieuwssites wereldwijd, elk kwartier bijgewerkt).</translation>
    </message>
    <message>
        <source>Cannot search by keyword without an account: follows the #hashtags of the searches.</source>
        <translation>Kan zonder account niet op trefwoord zoeken: volgt de #hashtags van de zoekopdrachten.</translation>
    </message>
    <message>
        <source>Searches by keyword; needs an account with an app password.</source>
        <translation>Zoekt op trefwoord; vraagt een account met een app-wachtwoord.</translation>
    </message>
    <message>
        <source>Cannot search by keyword: reads the channels below and keeps the videos that match a search.</source>
        <translation>Kan niet op trefwoord zoeken: leest de kanalen hieronder en houdt de video's die bij een zoekopdracht passen.</translation>
    </message>
    <message>
        <source>Searches by keyword; needs your own paid API key.</source>
        <translation>Zoekt op trefwoord; vraagt uw eigen betalende API-sleutel.</translation>
    </message>
    <message>
        <source>When to alert</source>
        <translation>Wanneer alarmeren</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Geluid</translation>
    </message>
    <message>
        <source>Desktop notification</source>
        <translation>Bureaubladmelding</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Send test</source>
        <translation>Test sturen</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Bezig met sturen…</translation>
    </message>
    <message>
        <source>Sent. Check that it arrived.</source>
        <translation>Verstuurd. Kijk of het aangekomen is.</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Niet verstuurd: %1</translation>
    </message>
    <message>
        <source>The wall</source>
        <translation>De wall</translation>
    </message>
    <message>
        <source>Screen and type size</source>
        <translation>Scherm en lettergrootte</translation>
    </message>
    <message>
        <source>Night, privacy and rotation</source>
        <translation>Nacht, privacy en wisselen</translation>
    </message>
    <message>
        <source>Crisis view</source>
        <translation>Crisisbeeld</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <source>The wall at 1920 × 1080 pixels, with this diagonal and distance.</source>
        <translation>De wall op 1920 × 1080 pixels, met deze diagonaal en afstand.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Gegevens</translation>
    </message>
    <message>
        <source>Morning briefing</source>
        <translation>Ochtendtamtam</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>First search</source>
        <translation>Eerste zoekopdracht</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Stap %1 van %2</translation>
    </message>
    <message>
        <source>The daily briefing (key B on the wall writes it now).</source>
        <translation>De dagelijkse tamtam (toets B op de wall maakt hem meteen).</translation>
    </message>
    <message>
        <source>Where things live</source>
        <translation>Waar alles staat</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Logboeken</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Map openen</translation>
    </message>
    <message>
        <source>Export and import</source>
        <translation>Exporteren en importeren</translation>
    </message>
    <message>
        <source>&amp;Export settings…</source>
        <translation>Instellingen &amp;exporteren…</translation>
    </message>
    <message>
        <source>&amp;Import settings…</source>
        <translation>Instellingen &amp;importeren…</translation>
    </message>
    <message>
        <source>Export &amp;mentions…</source>
        <translation>&amp;Berichten exporteren…</translation>
    </message>
    <message>
        <source>Export settings</source>
        <translation>Instellingen exporteren</translation>
    </message>
    <message>
        <source>Import settings</source>
        <translation>Instellingen importeren</translation>
    </message>
    <message>
        <source>Export mentions</source>
        <translation>Berichten exporteren</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Bezig met exporteren…</translation>
    </message>
    <message>
        <source>Settings exported to %1 (keys and passwords are not in it).</source>
        <translation>Instellingen geëxporteerd naar %1 (sleutels en wachtwoorden staan er niet in).</translation>
    </message>
    <message>
        <source>Imported from %1: check the pages, then press OK.</source>
        <translation>Geïmporteerd uit %1: kijk de pagina's na en druk dan op OK.</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>Niet geïmporteerd: %1</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>Niet geëxporteerd: %1</translation>
    </message>
    <message>
        <source>%1 mentions exported to %2</source>
        <translation>%1 berichten geëxporteerd naar %2</translation>
    </message>
    <message>
        <source>About and checks</source>
        <translation>Info en controles</translation>
    </message>
    <message>
        <source>Newsroom Wall %1</source>
        <translation>Newsroom Wall %1</translation>
    </message>
    <message>
        <source>Run the &amp;checks</source>
        <translation>&amp;Controles uitvoeren</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Controle</translation>
    </message>
    <message>
        <source>How to fix</source>
        <translation>Zo lost u het op</translation>
    </message>
    <message>
        <source>note</source>
        <translation>let op</translation>
    </message>
    <message>
        <source>fix</source>
        <translation>herstellen</translation>
    </message>
    <message>
        <source>dark</source>
        <translation>donker</translation>
    </message>
    <message>
        <source>light</source>
        <translation>licht</translation>
    </message>
    <message>
        <source>high contrast</source>
        <translation>hoog contrast</translation>
    </message>
    <message>
        <source>on a Monday morning</source>
        <translation>op maandagochtend</translation>
    </message>
    <message>
        <source>on a Monday afternoon</source>
        <translation>op maandagnamiddag</translation>
    </message>
    <message>
        <source>on a Monday evening</source>
        <translation>op maandagavond</translation>
    </message>
    <message>
        <source>on a Monday night</source>
        <translation>op maandagnacht</translation>
    </message>
    <message>
        <source>on a Tuesday morning</source>
        <translation>op dinsdagochtend</translation>
    </message>
    <message>
        <source>on a Tuesday afternoon</source>
        <translation>op dinsdagnamiddag</translation>
    </message>
    <message>
        <source>on a Tuesday evening</source>
        <translation>op dinsdagavond</translation>
    </message>
    <message>
        <source>on a Tuesday night</source>
        <translation>op dinsdagnacht</translation>
    </message>
    <message>
        <source>on a Wednesday morning</source>
        <translation>op woensdagochtend</translation>
    </message>
    <message>
        <source>on a Wednesday afternoon</source>
        <translation>op woensdagnamiddag</translation>
    </message>
    <message>
        <source>on a Wednesday evening</source>
        <translation>op woensdagavond</translation>
    </message>
    <message>
        <source>on a Wednesday night</source>
        <translation>op woensdagnacht</translation>
    </message>
    <message>
        <source>on a Thursday morning</source>
        <translation>op donderdagochtend</translation>
    </message>
    <message>
        <source>on a Thursday afternoon</source>
        <translation>op donderdagnamiddag</translation>
    </message>
    <message>
        <source>on a Thursday evening</source>
        <translation>op donderdagavond</translation>
    </message>
    <message>
        <source>on a Thursday night</source>
        <translation>op donderdagnacht</translation>
    </message>
    <message>
        <source>on a Friday morning</source>
        <translation>op vrijdagochtend</translation>
    </message>
    <message>
        <source>on a Friday afternoon</source>
        <translation>op vrijdagnamiddag</translation>
    </message>
    <message>
        <source>on a Friday evening</source>
        <translation>op vrijdagavond</translation>
    </message>
    <message>
        <source>on a Friday night</source>
        <translation>op vrijdagnacht</translation>
    </message>
    <message>
        <source>on a Saturday morning</source>
        <translation>op zaterdagochtend</translation>
    </message>
    <message>
        <source>on a Saturday afternoon</source>
        <translation>op zaterdagnamiddag</translation>
    </message>
    <message>
        <source>on a Saturday evening</source>
        <translation>op zaterdagavond</translation>
    </message>
    <message>
        <source>on a Saturday night</source>
        <translation>op zaterdagnacht</translation>
    </message>
    <message>
        <source>on a Sunday morning</source>
        <translation>op zondagochtend</translation>
    </message>
    <message>
        <source>on a Sunday afternoon</source>
        <translation>op zondagnamiddag</translation>
    </message>
    <message>
        <source>on a Sunday evening</source>
        <translation>op zondagavond</translation>
    </message>
    <message>
        <source>on a Sunday night</source>
        <translation>op zondagnacht</translation>
    </message>
</context>
</TS>
