"""Running the app as a process: encodings, closed pipes, full disks, interrupts, internal errors.

No traceback reaches the user (``GAPCLI_DEBUG=1`` shows one for an internal error).
"""

from __future__ import annotations

import os
import sys

from gapcli.errors import EXIT_ERROR


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
    from gapcli.cli import app, fail

    _tolerant_streams()
    try:
        app()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else EXIT_ERROR)
        _flush()
        sys.exit(code)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except OSError as error:  # stdout on a full disk, a vanished terminal
        _silence_stdout()
        sys.exit(fail(f"cannot write output: {error.strerror or error}", EXIT_ERROR))
    except KeyboardInterrupt:
        raise
    except Exception as error:
        if os.environ.get("GAPCLI_DEBUG"):
            raise
        sys.exit(fail(f"internal error: {type(error).__name__}: {error} (set GAPCLI_DEBUG=1 for details)", EXIT_ERROR))


def _flush() -> None:
    """Flush now, so that a closed pipe or a full disk is reported here, not at interpreter exit."""
    from gapcli.cli import fail

    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except OSError as error:
        _silence_stdout()
        sys.exit(fail(f"cannot write output: {error.strerror or error}", EXIT_ERROR))
