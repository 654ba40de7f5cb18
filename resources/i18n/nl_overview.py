"""Dutch texts of the overview: top bar health, failure reasons, alert queue, tile badges, feed copies."""

NL: dict[str, str] = {
    "setting missing": "instelling ontbreekt",
    "login refused": "aanmelding geweigerd",
    "no answer": "geen antwoord",
    "no connection": "geen verbinding",
    "too many requests": "te veel verzoeken",
    "unreadable answer": "onleesbaar antwoord",
    "answer too large": "antwoord te groot",
    "too many redirects": "te veel doorverwijzingen",
    "internal error": "interne fout",
    "server error %1": "serverfout %1",
    "failing": "storing",
    "all %1 sources working": "alle %1 bronnen werken",
    "1 source working": "1 bron werkt",
    "%1 of %2 sources working": "%1 van %2 bronnen werken",
    "Newsroom wall": "Nieuwsmuur",
    "newsroom": "nieuwsmuur",
    "▲ SPIKE": "▲ PIEK",
    "✓ seen": "✓ gezien",
    "+1 more alert": "+1 andere melding",
    "+%1 more alerts": "+%1 andere meldingen",
    "+%1 on %2": "+%1 op %2",
    "now": "nu",
    "-%1 h": "-%1 u",
    "The configuration could not be read (line %1); running on defaults, copy kept as %2":
        "De configuratie kon niet gelezen worden (regel %1); standaardinstellingen actief, kopie bewaard als %2",
    "The configuration could not be read; running on defaults, copy kept as %1":
        "De configuratie kon niet gelezen worden; standaardinstellingen actief, kopie bewaard als %1",
    "Problem while processing; details are in the log":
        "Probleem bij de verwerking; details staan in het logboek",
}
