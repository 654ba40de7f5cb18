"""Getting alerts to people: explanations, channels (webhook, e-mail, desktop, sound) and a dispatcher
thread that never blocks the pipeline. Plain Python; the wall banner lives in ``newsroom.ui``."""
