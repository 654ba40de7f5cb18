"""Kiosk settings: privacy mode, night hours, rotation between the overview and the searches."""

from newsroom.config.schema import Setting

SETTINGS: list[Setting] = [
    Setting("display.privacy", "bool", True, "Privacymodus", "Privacy mode",
            "Onderwerpen, geen mensen: geen auteursnamen of @namen op de wall en in de briefing. De bron "
            "toont het netwerk (Mastodon, Bluesky) of de uitgever; @namen in berichten worden @….",
            "Topics, not people: no author names or @handles on the wall or in the briefing. The ticker "
            "names the network (Mastodon, Bluesky) or the publisher; @handles inside posts become @…."),
    Setting("display.night_hours", "str", "22:00-07:00", "Nachturen", "Night hours",
            "Wanneer de wall dimt als nachtdimmen aan staat, als UU:MM-UU:MM in de tijdzone van de wall "
            "(over middernacht mag). Een actieve waarschuwing maakt de wall meteen weer helder.",
            "When the wall dims if night dimming is on, as HH:MM-HH:MM in the wall's time zone (may "
            "span midnight). An active alert brings the wall back to full brightness at once."),
    Setting("display.rotation", "bool", False, "Wisselen tussen zoekopdrachten", "Rotate between searches",
            "Wisselt af tussen het overzicht en één pagina per zoekopdracht met haar onderwerpen. "
            "Toets R pauzeert en hervat.",
            "Alternates between the overview and one page per search showing that search's topics. "
            "Key R pauses and resumes."),
    Setting("display.rotation_s", "int", 30, "Tijd per pagina (s)", "Time per page (s)",
            "Hoe lang elke pagina blijft staan als de wall wisselt.",
            "How long each page stays when the wall rotates.", minimum=10, maximum=600),
]
