"""The morning briefing by e-mail, through the alerts' e-mail channel (same server, login and TLS)."""

from __future__ import annotations

from collections.abc import Sequence
from email.message import EmailMessage

from newsroom.alerts.channels import EmailChannel
from newsroom.config import Config
from newsroom.secrets import get_secret

SUBJECT = {"nl": "[Newsroom Wall] Dagelijkse tamtam {town} – {day}",
           "en": "[Newsroom Wall] Daily briefing {town} – {day}"}
BODY = {
    "nl": "Goedemorgen,\n\nIn bijlage de dagelijkse tamtam van {town}: de onderwerpen, alarmen en bronnen "
          "van {span}.\n\nDit bericht is automatisch verstuurd door Newsroom Wall. Er staan geen namen of "
          "accounts van personen in.\n",
    "en": "Good morning,\n\nAttached is the daily briefing for {town}: the topics, alerts and sources of "
          "{span}.\n\nThis message was sent automatically by Newsroom Wall. It holds no names or handles of "
          "people.\n",
}
SPAN = {"nl": "de laatste {} uur", "en": "the last {} hours"}


def briefing_channel(config: Config) -> EmailChannel | None:
    """The e-mail channel for the briefing (its own recipients, else the alerts'); None when no mail
    server is set."""
    host = str(config.get("alerts.email.host"))
    if not host:
        return None
    recipients = list(config.get("briefing.recipients")) or list(config.get("alerts.email.recipients"))
    return EmailChannel(host, int(config.get("alerts.email.port")), str(config.get("alerts.email.sender")),
                        recipients, username=str(config.get("alerts.email.username")),
                        password=get_secret("alerts.email.password"),
                        starttls=bool(config.get("alerts.email.starttls")))


def briefing_message(sender: str, recipients: Sequence[str], *, town: str, day: str, hours: int,
                     pdf: bytes, filename: str, lang: str = "nl") -> EmailMessage:
    """A plain-text mail with the PDF attached."""
    lang = lang if lang in SUBJECT else "nl"
    msg = EmailMessage()
    msg["Subject"] = SUBJECT[lang].format(town=town, day=day)
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg["X-Newsroom-Briefing"] = day
    msg.set_content(BODY[lang].format(town=town, span=SPAN[lang].format(hours)))
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
    return msg
