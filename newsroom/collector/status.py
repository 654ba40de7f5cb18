"""The collector's status lines on stderr (its first line says which): what a wall starting it, and a
person or a script watching it, look for. Kept apart so that reading them imports no analysis."""

ACTIVE = "collector active on {store}"
STANDING_BY = "standing by: another collector holds {store}"
TOOK_OVER = "collector active on {store} (took over)"
CANNOT_LEAD = "the collector cannot reach {store} to take the lead ({why}); trying again every {pause:.3g} s"
CANNOT_START = "the collector cannot start on {store} (details in the log); trying again in {pause:.3g} s"
