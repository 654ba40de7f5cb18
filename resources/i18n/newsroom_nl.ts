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
