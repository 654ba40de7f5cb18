"""The wall's colour theme (issue 15, Display page)."""

from newsroom.config.schema import Setting

SETTINGS: list[Setting] = [
    Setting("display.theme", "choice", "donker", "Thema", "Theme",
            "Donker voor een gedimde ruimte, licht voor een heldere zaal, hoog contrast voor wie slecht "
            "ziet of van ver kijkt. Elke tekst blijft leesbaar (contrast minstens 4,5:1) en oranje/blauw "
            "blijft kleurenblind-veilig. Wordt meteen toegepast.",
            "Dark for a dimmed room, light for a bright one, high contrast for poor sight or far viewing. "
            "Every text stays readable (contrast at least 4.5:1) and orange/blue stays colour-blind safe. "
            "Applies at once.",
            choices=("donker", "licht", "hoog contrast")),
]
