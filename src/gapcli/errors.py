"""Errors users can act on. Each carries its exit code, which is public (README)."""

from __future__ import annotations

EXIT_ERROR = 1  # not found, invalid data, refused write
EXIT_USAGE = 2  # bad arguments (Typer's convention)
MESSAGE_LIMIT = 500  # characters of what is wrong with a file: a hostile one cannot flood stderr


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters and a count of the rest."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text) - limit:,} more characters)"


class GapcliError(Exception):
    """An error that the CLI reports as one line on stderr."""

    exit_code = EXIT_ERROR


class NotFound(GapcliError):
    """An unknown state, year, issue area or goal."""


class DataError(GapcliError):
    """A data file that cannot be read or does not validate."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path, self.message, self.line = path, shorten(message, MESSAGE_LIMIT), line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {self.message}")


class ParseError(GapcliError):
    """Card text that cannot be turned into a card."""

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source, self.message, self.line = source, shorten(message, MESSAGE_LIMIT), line
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {self.message}")


class UsageError(GapcliError):
    """Arguments that cannot work together; reported like Typer's usage errors."""

    exit_code = EXIT_USAGE


class RefusedWrite(GapcliError):
    """A write that would overwrite a user's file without --force."""


class InvalidValue(UsageError):
    """An argument gapcli cannot use: ``year="20x1"``, ``grade="Z"``, ``top=0`` (the CLI's ``--year 20x1``).

    ``name`` is the argument, ``problem`` what is wrong with it, in the words the CLI prints after
    the option's name; exit code 2, as every usage error.
    """

    def __init__(self, name: str, problem: str):
        self.name, self.problem = name, problem
        super().__init__(f"{name}: {problem}")


class GapcliWarning(UserWarning):
    """A problem in the user's data that gapcli skipped (a broken file, a link out of the user folder):
    the library's ``warnings.warn`` category; the CLI prints the same text as ``gapcli: warning: ...``."""
