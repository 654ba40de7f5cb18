"""Dutch for the wall's waiting state (before its first snapshot)."""

NL: dict[str, str] = {
    "Loading the first data …": "De eerste gegevens worden geladen …",
}
