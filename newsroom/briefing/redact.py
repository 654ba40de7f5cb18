"""Privacy mode "topics, not people" for the briefing: the wall's own rules (``newsroom.privacy``), so
that the wall and the printed briefing never differ in what they leave out. Authors are never printed at
all; handles and profile links in the texts become ``@…``."""

from __future__ import annotations

from newsroom.privacy import MASK, redact_handles

__all__ = ["MASK", "redact_handles"]
