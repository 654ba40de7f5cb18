"""Dutch for the kiosk part of the wall: the start notice, the unconfigured wall, the rotation."""

NL: dict[str, str] = {
    "The wall cannot start yet": "De wall kan nog niet starten",
    "The data folder %1 cannot be written to. Give this user write access to it, "
    "or start the wall with another folder (--basedir).":
        "In de gegevensmap %1 kan niet geschreven worden. Geef deze gebruiker schrijfrechten, "
        "of start de wall met een andere map (--basedir).",
    "The disk holding %1 is full. Make space and the wall starts by itself.":
        "De schijf met %1 is vol. Maak ruimte vrij en de wall start vanzelf.",
    "The data store in %1 was made by a newer version of Newsroom Wall. Update this "
    "app, or start the wall with another folder (--basedir).":
        "De gegevensopslag in %1 komt van een nieuwere versie van Newsroom Wall. Werk deze app bij, "
        "of start de wall met een andere map (--basedir).",
    "The configuration cannot be used: %1": "De configuratie is niet bruikbaar: %1",
    "Something went wrong while starting: %1": "Er ging iets mis bij het starten: %1",
    "Next attempt in %1 s (attempt %2) · this notice goes away by itself once it works":
        "Nieuwe poging over %1 s (poging %2) · deze melding verdwijnt vanzelf zodra het werkt",
    "Trying again now …": "Nieuwe poging loopt …",
    "No searches yet — press Ctrl+, to set up the wall":
        "Nog geen zoekopdrachten — druk op Ctrl+, om de wall in te stellen",
    "Overview": "Overzicht",
    "paused (R)": "gepauzeerd (R)",
}
