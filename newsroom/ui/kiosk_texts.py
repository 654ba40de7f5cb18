"""The kiosk part's sentences on the wall (source strings in English; Dutch in nl_kiosk.py)."""

from __future__ import annotations

from newsroom.pipeline.start_problem import StartProblem
from newsroom.ui.messages import tr


def start_title() -> str:
    """The headline of the start notice."""
    return tr("The wall cannot start yet")


def start_reason(problem: StartProblem) -> str:
    """Why the pipeline could not start, and what fixes it, in one or two sentences."""
    code, detail = problem.code, problem.detail
    if code == "data_unwritable":
        return tr("The data folder %1 cannot be written to. Give this user write access to it, "
                  "or start the wall with another folder (--basedir).").replace("%1", detail)
    if code == "disk_full":
        return tr("The disk holding %1 is full. Make space and the wall starts by itself.").replace(
            "%1", detail)
    if code == "store_newer":
        return tr("The data store in %1 was made by a newer version of Newsroom Wall. Update this "
                  "app, or start the wall with another folder (--basedir).").replace("%1", detail)
    if code == "config":
        return tr("The configuration cannot be used: %1").replace("%1", detail)
    return tr("Something went wrong while starting: %1").replace("%1", detail)


def start_retry(seconds: float, attempt: int) -> str:
    """'Next attempt in 20 s (attempt 3) · this notice goes away by itself once it works'."""
    return (tr("Next attempt in %1 s (attempt %2) · this notice goes away by itself once it works")
            .replace("%1", str(max(0, round(seconds)))).replace("%2", str(attempt)))


def start_retrying() -> str:
    """While an attempt runs."""
    return tr("Trying again now …")


def unconfigured() -> str:
    """What an unconfigured wall says to do next."""
    return tr("No searches yet — press Ctrl+, to set up the wall")


def page_overview() -> str:
    """The name of the overview page in the rotation."""
    return tr("Overview")


def rotation_paused() -> str:
    """Shown while the rotation is paused."""
    return tr("paused (R)")
