"""Dutch for the daily briefing (newsroom/ui/briefing_pdf.py, newsroom/ui/briefing_service.py)."""

NL: dict[str, str] = {
    "%1 % negative · %2 % neutral · %3 % positive": "%1 % negatief · %2 % neutraal · %3 % positief",
    "%1 mentions": "%1 berichten",
    "%1 other topics had fewer mentions.": "%1 andere onderwerpen hadden minder berichten.",
    "ALERT": "ALARM",
    "Alerts": "Alarmen",
    "All mentions per %1 min, negative part hatched": "Alle berichten per %1 min, negatief deel gearceerd",
    "Daily briefing %1": "Dagelijkse tamtam %1",
    "Last successful poll": "Laatst gelukt",
    "Mentions per platform: %1": "Berichten per platform: %1",
    "Newsroom Wall %1 · made %2 · topics, not people: no names or handles":
        "Newsroom Wall %1 · gemaakt %2 · onderwerpen, geen personen: geen namen of accounts",
    "No alerts in this period.": "Geen alarmen in deze periode.",
    "No mentions came in during this period: there is nothing to report. "
    "If that is unexpected, check the sources below.":
        "In deze periode kwamen er geen berichten binnen: er is niets te melden. "
        "Is dat onverwacht, kijk dan hieronder naar de bronnen.",
    "No source has been polled yet.": "Er is nog geen bron bevraagd.",
    "Not marked as seen on the wall": "Op de wall nog niet als gezien gemarkeerd",
    "Page %1 of %2": "Pagina %1 van %2",
    "Seen by %1 at %2": "Gezien door %1 om %2",
    "Source": "Bron",
    "Sources": "Bronnen",
    "State now": "Toestand nu",
    "The state is that of the last poll; the store keeps no history of earlier failures.":
        "De toestand is die van de laatste bevraging; eerdere storingen worden niet bijgehouden.",
    "The topics with the most mentions in this period. Cloud words: orange and underlined = mostly "
    "negative, blue = mostly positive, grey = neutral. Names and handles of people are left out.":
        "De onderwerpen met de meeste berichten in deze periode. Woorden: oranje en onderstreept = vooral "
        "negatief, blauw = vooral positief, grijs = neutraal. Namen en accounts van personen staan er niet in.",
    "Topics": "Onderwerpen",
    "alerts": "alarmen",
    "alerts, %1 seen": "alarmen, %1 gezien",
    "failing (%1×)": "storing (%1×)",
    "from %1 to %2": "van %1 tot %2",
    "mentions": "berichten",
    "never": "nooit",
    "since %1, still going on": "sinds %1, nog bezig",
    "sources working now": "bronnen werken nu",
    "the last %1 days": "de laatste %1 dagen",
    "the last %1 hours": "de laatste %1 uur",
    "working": "werkt",
    # the wall: key B and the morning e-mail
    "Writing the briefing…": "De tamtam wordt gemaakt…",
    "Briefing saved: %1": "Tamtam bewaard: %1",
    "The briefing could not be written: %1": "De tamtam kon niet gemaakt worden: %1",
    "Morning briefing sent to %1": "Ochtendtamtam verstuurd naar %1",
    "The morning briefing could not be sent: %1": "De ochtendtamtam kon niet verstuurd worden: %1",
}
