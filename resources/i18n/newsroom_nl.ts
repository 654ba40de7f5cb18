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
        <source>%1: failing</source>
        <translation>%1: storing</translation>
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
        <source>No configuration found — showing the demo</source>
        <translation>Geen configuratie gevonden — demo</translation>
    </message>
    <message>
        <source>The configuration could not be read; running on defaults (%1)</source>
        <translation>De configuratie kon niet gelezen worden; standaardinstellingen actief (%1)</translation>
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
        <source>Problem: %1</source>
        <translation>Probleem: %1</translation>
    </message>
    <message>
        <source>Source not available: %1</source>
        <translation>Bron niet beschikbaar: %1</translation>
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
