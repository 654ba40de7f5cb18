"""Kiosk settings: privacy mode, swear words masked, night hours, rotation between the overview and the
searches."""

from newsroom.config.schema import Setting

SETTINGS: list[Setting] = [
    Setting("display.privacy", "bool", True, "Privacymodus", "Privacy mode",
            "Onderwerpen, geen mensen: geen auteursnamen of @namen op de wall en in de briefing. De bron "
            "toont het netwerk (Mastodon, Bluesky) of de uitgever; @namen in berichten worden @….",
            "Topics, not people: no author names or @handles on the wall or in the briefing. The ticker "
            "names the network (Mastodon, Bluesky) or the publisher; @handles inside posts become @…."),
    Setting("display.mask_swearing", "bool", True, "Scheldwoorden maskeren", "Mask swear words",
            "Scheldwoorden in de berichten op de wall krijgen sterretjes (K**!). Namen en woordwolken van "
            "onderwerpen tonen ze nooit; de analyse leest ze wel (wie vloekt, is boos).",
            "Swear words in the posts on the wall get asterisks (K**!). Topic names and word clouds never "
            "show them; the analysis still reads them (who swears is angry)."),
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
    Setting("display.burn_in", "bool", True, "Inbrandbescherming", "Burn-in protection",
            "Schuift het hele beeld om de paar minuten een pixel of twee op, zodat niets inbrandt.",
            "Shifts the whole picture a pixel or two every few minutes so that nothing burns in."),
    Setting("display.stale_after_min", "int", 30, "Verouderd na (min)", "Stale after (min)",
            "Zo lang mag geen enkele bron geantwoord hebben voor de wall 'verouderd' toont. Een stille "
            "gemeente zonder nieuwe berichten is niet verouderd.",
            "How long no source may have answered before the wall shows 'stale'. A quiet town without "
            "new posts is not stale.", minimum=2, maximum=1440),
    Setting("display.screen", "int", -1, "Scherm", "Screen",
            "Op welk scherm de wall verschijnt: 0 is het eerste, 1 het tweede; -1 het hoofdscherm. "
            "--screen gaat voor.",
            "Which screen the wall appears on: 0 is the first, 1 the second; -1 the primary screen. "
            "--screen takes precedence.", minimum=-1, maximum=8),
    Setting("wall.logo", "str", "", "Logo", "Logo",
            "Een afbeelding op deze computer (PNG, JPG of SVG) links van de naam; leeg = geen logo. "
            "Nooit een adres op het internet.",
            "An image file on this computer (PNG, JPG or SVG) left of the name; empty = no logo. Never an "
            "address on the internet."),
]
