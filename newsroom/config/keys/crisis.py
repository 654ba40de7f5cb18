"""Settings of the crisis view: one event on the whole screen when a severe alert comes in."""

from newsroom.config.schema import Setting

SETTINGS: list[Setting] = [
    Setting("wall.auto_crisis_view", "bool", True, "Crisisbeeld bij zwaar alarm",
            "Crisis view on a severe alert",
            "Bij een alarm vanaf de ernst hieronder toont de wall vanzelf het crisisbeeld van die "
            "gebeurtenis; terug naar het overzicht als het alarm voorbij is. De toets C wisselt altijd.",
            "On an alert from the severity below the wall switches to the crisis view of that event by "
            "itself, and back to the overview when the alert is over. The C key always toggles."),
    Setting("wall.crisis_min_severity", "int", 3, "Ernst voor het crisisbeeld",
            "Severity for the crisis view",
            "Vanaf deze ernst (1-5) schakelt de wall vanzelf naar het crisisbeeld.",
            "From this severity (1-5) the wall switches to the crisis view by itself.", minimum=1, maximum=5),
]
