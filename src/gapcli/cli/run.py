"""Running the app as a process: encodings, closed pipes and streams, full disks, interrupts, internal errors.

No traceback reaches the user (``GAPCLI_DEBUG=1`` shows one for an internal error).

``gapcli show ct >&-`` starts Python without a stdout: ``sys.stdout`` is None, and the next
file gapcli opened would get descriptor 1 (an export, the parse cache: a stray write would
go into it). ``__main__`` puts /dev/null on each closed descriptor first; ``adopt_closed``
then puts a ``Closed`` stream in place of each missing one, so that using it is an OSError
like any other failed write or read: an environment fault, one line on stderr, exit 1.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import Any

from gapcli.cli import stderr_lost
from gapcli.errors import EXIT_ERROR


class Closed(io.TextIOBase):
    """A standard stream that was closed when gapcli started: reading or writing it fails."""

    def __init__(self, name: str, descriptor: int):
        super().__init__()
        self.name, self._descriptor = name, descriptor

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    @property
    def buffer(self) -> Closed:
        return self  # the same refusal for bytes: ``sys.stdin.buffer.read()``

    def _refuse(self, *_args: Any) -> Any:
        raise OSError(errno.EBADF, f"standard {self.name} is closed")

    write = read = readline = _refuse

    def fileno(self) -> int:
        return self._descriptor  # /dev/null since start-up: safe to point anything at

    def isatty(self) -> bool:
        return False

    def flush(self) -> None:
        pass  # nothing was ever written


def adopt_closed() -> None:
    """A ``Closed`` stream for each standard stream Python found closed at start-up."""
    for attribute, name, descriptor in (("stdin", "input", 0), ("stdout", "output", 1), ("stderr", "error", 2)):
        if getattr(sys, attribute) is None:
            setattr(sys, attribute, Closed(name, descriptor))


def _tolerant_streams() -> None:
    """Text a stream cannot encode (an ASCII or Latin-1 terminal) becomes '?', never an error."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _silence_stdout() -> None:
    """The reader went away: later writes (and the interpreter's final flush) go nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run() -> None:
    adopt_closed()
    _tolerant_streams()
    from gapcli.cli import app, fail

    try:
        app()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else EXIT_ERROR)
        _flush()
        _exit(code)
    except BrokenPipeError:
        _silence_stdout()
        _exit(0)
    except OSError as error:  # stdout closed, on a full disk, a vanished terminal; a file named in the error
        _silence_stdout()
        _exit(fail(_os_message(error), EXIT_ERROR))
    except KeyboardInterrupt:
        raise
    except Exception as error:
        if os.environ.get("GAPCLI_DEBUG"):
            raise
        _exit(fail(f"internal error: {type(error).__name__}: {error} (set GAPCLI_DEBUG=1 for details)", EXIT_ERROR))


def _os_message(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else f"cannot write output: {reason}"


def _exit(code: int) -> None:
    """Exit with ``code``; a success that could not say something on stderr is an environment fault."""
    sys.exit(EXIT_ERROR if stderr_lost() and code == 0 else code)


def _flush() -> None:
    """Flush now, so that a closed pipe or a full disk is reported here, not at interpreter exit."""
    from gapcli.cli import fail

    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        _exit(0)
    except OSError as error:
        _silence_stdout()
        _exit(fail(_os_message(error), EXIT_ERROR))
