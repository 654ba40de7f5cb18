"""The daily briefing ("dagelijkse tamtam"): the PDF the key B writes and the optional morning e-mail."""

from newsroom.config.schema import Setting

SETTINGS: list[Setting] = [
    Setting("briefing.enabled", "bool", False, "Ochtendtamtam per e-mail", "Morning briefing by e-mail",
            "Elke ochtend de tamtam (PDF) mailen via de e-mailinstellingen van de alarmen; de wall moet "
            "daarvoor draaien.",
            "Mail the briefing (PDF) every morning through the alerts' e-mail settings; the wall must be "
            "running."),
    Setting("briefing.email_time", "str", "07:30", "Tijdstip van de ochtendtamtam",
            "Time of the morning briefing",
            "Uur en minuut in de tijdzone van de wall, bv. 07:30. Startte de wall later, dan gaat de "
            "tamtam van die dag bij de start.",
            "Hour and minute in the wall's time zone, e.g. 07:30. If the wall starts later, that day's "
            "briefing goes out when it starts."),
    Setting("briefing.recipients", "list[str]", [], "Ontvangers van de tamtam", "Briefing recipients",
            "E-mailadressen van burgemeester en schepenen. Leeg = de ontvangers van de alarmen.",
            "E-mail addresses of the mayor and aldermen. Empty = the alerts' recipients."),
    Setting("briefing.since_hours", "int", 24, "Periode van de tamtam (uur)", "Briefing period (hours)",
            "Hoeveel uur terug de tamtam kijkt.", "How many hours back the briefing looks.",
            minimum=1, maximum=24 * 31),
    Setting("briefing.max_topics", "int", 8, "Onderwerpen in de tamtam", "Topics in the briefing",
            "De onderwerpen met de meeste berichten in de periode.",
            "The topics with the most mentions in the period.", minimum=1, maximum=30),
    Setting("briefing.folder", "str", "", "Map voor de tamtam", "Briefing folder",
            "Waar de toets B de PDF bewaart. Leeg = de map briefings in de gegevensmap.",
            "Where the key B saves the PDF. Empty = the folder briefings in the data folder."),
]
