"""Dutch for the wall's sentences about the configuration file and live settings (make_translations.py)."""

NL: dict[str, str] = {
    "The configuration is from a newer version; running on defaults (kept as %1)":
        "De configuratie komt van een nieuwere versie; standaardinstellingen actief (bewaard als %1)",
    "Settings saved; these take effect after a restart: %1":
        "Instellingen bewaard; deze werken pas na een herstart: %1",
}
