"""Core settings: the wall, display, store, log."""

from newsroom.config.schema import Setting

SETTINGS: list[Setting] = [
    Setting("wall.name", "str", "Newsroom", "Naam op de wall", "Name on the wall",
            "De naam van de stad of gemeente, bovenaan het scherm.",
            "The town's name, shown at the top of the screen."),
    Setting("wall.language", "choice", "nl", "Taal", "Language",
            "Taal van de wall en de instellingen.", "Language of the wall and the settings.",
            choices=("nl", "en")),
    Setting("wall.timezone", "str", "Europe/Brussels", "Tijdzone", "Time zone",
            "Tijdzone van de klok en van de tijden op de wall (IANA-naam, bv. Europe/Amsterdam).",
            "Time zone of the clock and of times on the wall (IANA name, e.g. Europe/Amsterdam)."),
    Setting("wall.max_topics", "int", 6, "Aantal onderwerpen", "Number of topics",
            "Hoeveel onderwerptegels de wall toont.", "How many topic tiles the wall shows.",
            minimum=1, maximum=12),
    Setting("display.screen_diagonal_in", "float", 55.0, "Schermdiagonaal (duim)",
            "Screen diagonal (inches)", "Bepaalt samen met de kijkafstand de kleinste tekst.",
            "Together with the viewing distance this sets the smallest text size.",
            minimum=10, maximum=150),
    Setting("display.viewing_distance_m", "float", 5.0, "Kijkafstand (m)", "Viewing distance (m)",
            "Van hoe ver de wall gelezen moet worden.", "How far away the wall must be readable.",
            minimum=0.5, maximum=30),
    Setting("display.night_dimming", "bool", False, "Nachtdimmen", "Night dimming",
            "Het scherm dimmen tijdens de nachturen (display.night_hours); een actieve waarschuwing "
            "maakt het meteen weer helder.",
            "Dim the screen during the night hours (display.night_hours); an active alert brings it back "
            "to full brightness at once."),
    Setting("store.retention_days", "int", 90, "Bewaartermijn (dagen)", "Retention (days)",
            "Berichten ouder dan dit worden echt verwijderd.", "Mentions older than this are deleted.",
            minimum=1, maximum=3650),
    Setting("display.refresh_s", "float", 2.0, "Verversing (s)", "Refresh (s)",
            "Hoe vaak de wall hoogstens ververst (tot versie 2: pipeline.snapshot_interval_s).",
            "How often the wall refreshes at most (before version 2: pipeline.snapshot_interval_s).",
            minimum=0.5, maximum=60),
    Setting("log.level", "choice", "info", "Logniveau", "Log level",
            "Hoeveel het logbestand bijhoudt; 'debug' ook elke netwerkvraag (wachtwoorden en sleutels "
            "worden altijd weggelaten). --log-level en --verbose gaan voor.",
            "How much the log file keeps; 'debug' also every network request (passwords and tokens are "
            "always left out). --log-level and --verbose take precedence.",
            choices=("debug", "info", "warning", "error")),
    Setting("settings.pin", "str", "", "Pincode voor de instellingen", "PIN for the settings",
            "Wie op de wall de instellingen opent (Ctrl+, of F2), typt eerst deze code. Leeg = geen pincode. "
            "Staat in de sleutelbos.",
            "Whoever opens the settings on the wall (Ctrl+, or F2) types this code first. Empty = no PIN. "
            "Kept in the keyring.", secret=True),
]
