"""Errors the command line turns into one readable line and an exit code."""


class NewsroomError(Exception):
    """Base class: the message is a sentence a user can read."""

    exit_code = 1


class UsageError(NewsroomError):
    """Bad input from the user (arguments, config, input file): exit code 2."""

    exit_code = 2


class CommandFailed(NewsroomError):
    """The command could not do its job: exit code 1."""

    exit_code = 1
