"""Settings declared per area; see ``newsroom.config.schema``."""
