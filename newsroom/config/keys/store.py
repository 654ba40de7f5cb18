"""Where the store is: the embedded SQLite file (default) or a shared PostgreSQL database (issue 17)."""

from newsroom.config.schema import Setting

SETTINGS: list[Setting] = [
    Setting("store.url", "str", "", "Databank", "Database",
            "Leeg = het ingebouwde SQLite-bestand in de gegevensmap. postgresql://gebruiker@server/databank "
            "= een gedeelde PostgreSQL-databank voor een verzamelaar en meerdere walls (zie "
            "docs/deployment.md); het wachtwoord staat in de sleutelbos. --store URL gaat voor.",
            "Empty = the embedded SQLite file in the data folder. postgresql://user@server/database = a "
            "shared PostgreSQL database for one collector and several walls (see docs/deployment.md); the "
            "password is kept in the keyring. --store URL comes first."),
    Setting("store.password", "str", "", "Wachtwoord van de databank", "Database password",
            "Het wachtwoord van de gebruiker in store.url (PostgreSQL), wanneer de URL er geen heeft. Staat "
            "in de sleutelbos.",
            "The password of the user in store.url (PostgreSQL) when the URL has none. Kept in the keyring.",
            secret=True),
]
