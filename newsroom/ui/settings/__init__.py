"""The settings dialog (``newsroom settings``, Ctrl+, or F2 on the wall): pages generated from the
config schema, each of which loads, checks and saves; its config calls live in ``model``."""
