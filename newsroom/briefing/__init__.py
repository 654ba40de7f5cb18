"""The daily briefing ("dagelijkse tamtam"): what the store knows of a period, for the mayor and aldermen.

Plain Python, no Qt: :mod:`~newsroom.briefing.data` gathers the period from the store,
:mod:`~newsroom.briefing.redact` keeps people out of it, :mod:`~newsroom.briefing.schedule` decides when
the morning e-mail is due and :mod:`~newsroom.briefing.mail` sends it. The PDF itself is drawn by
``newsroom.ui.briefing_pdf`` (Qt's own PDF writer).
"""
