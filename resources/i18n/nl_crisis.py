"""Dutch texts of the events on the overview and of the crisis view (merged by make_translations.py)."""

NL: dict[str, str] = {
    "Also: %1": "Ook: %1",
    "for %1 min": "al %1 min",
    "for %1 h %2 min": "al %1 u %2 min",
    "%1 mentions": "%1 berichten",
    "— all mentions per %1 min": "— alle berichten per %1 min",
    "■ negative": "■ negatief",
    "■ normal band": "■ normaal niveau",
    "┆ start of the spike": "┆ begin van de piek",
    "C = overview": "C = overzicht",
    "Sub-stories": "Deelverhalen",
    "+%1 more": "+%1 meer",
    "Most used words": "Meest gebruikte woorden",
    "Newest negative mentions": "Nieuwste negatieve berichten",
    "↳ replying to: “%1”": "↳ op: “%1”",
    "CRISIS": "CRISIS",
    "TOPIC": "ONDERWERP",
    "No active alert for this topic.": "Geen actief alarm voor dit onderwerp.",
    "No event to show in the crisis view": "Geen gebeurtenis om in het crisisbeeld te tonen",
}
