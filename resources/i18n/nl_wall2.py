"""Dutch for the wall's themes and apply (newsroom/ui/settings/fields.py choices of display.theme)."""

NL: dict[str, str] = {
    "dark": "donker",
    "light": "licht",
    "high contrast": "hoog contrast",
}
