"""``run(argv) -> int``: one run of gapcli, and the one place every way it can end becomes its exit code.

Usage and data errors, Click's own, a closed pipe, a full disk, an interrupt, an internal
error: each is one line on stderr (``gapcli: error: ...``) and a documented exit code (README:
0 ok, 1 not found / invalid data / refused write / environment, 2 usage, 130 interrupted).
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
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
import typer.main

from gapcli.cli.clicks import click
from gapcli.cli.session import Session
from gapcli.errors import EXIT_ERROR, GapcliError
from gapcli.streams import stderr_lost, tell


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


def run(argv: Sequence[str] | None = None) -> int:
    """Run gapcli on ``argv`` (default: the process's arguments); the exit code.

    The run's catalog (``Session``) is closed after the error line is told, so its warnings
    follow the error; stdout is flushed here, so a closed pipe or a full disk is reported
    here, not at interpreter exit.
    """
    adopt_closed()
    _tolerant_streams()
    with Session() as session:
        try:  # the imports too: an import that fails (a Typer gapcli does not know) is one line, not a traceback
            from gapcli.cli.app import app
            from gapcli.cli.shells import COMPLETE_VAR

            group = typer.main.get_command(app)
            if os.environ.get(COMPLETE_VAR):  # a shell's Tab (cli/shells.py): answered without running anything
                from gapcli.cli.shells import answer

                result = answer(group, os.environ[COMPLETE_VAR], session)
            else:
                result = group.main(
                    args=list(sys.argv[1:] if argv is None else argv),
                    prog_name="gapcli",
                    complete_var=COMPLETE_VAR,
                    standalone_mode=False,
                    obj=session,
                )
            code = result if isinstance(result, int) else 0
        except BaseException as error:  # noqa: BLE001 - every ending is mapped, or raised again below
            code = exit_code(error)
    code = _flushed(code)
    return EXIT_ERROR if stderr_lost() and code == 0 else code  # a success that could not say something


def fail(message: str, code: int) -> int:
    tell(f"gapcli: error: {message}")
    return code


def exit_code(error: BaseException) -> int:
    """The exit code of one way a run ends, its line told on stderr."""
    if isinstance(error, GapcliError):
        return fail(str(error), error.exit_code)
    if isinstance(error, click.exceptions.NoArgsIsHelpError):  # `gapcli`, `gapcli data`: help is the answer, as gh does
        click.echo(error.ctx.get_help())
        return 0
    if isinstance(error, click.exceptions.ClickException):
        context = getattr(error, "ctx", None)
        hint = f" (see '{context.command_path} --help')" if context is not None else ""
        return fail(_click_message(error) + hint, error.exit_code)
    if isinstance(error, typer.Exit):
        return int(error.exit_code)
    if isinstance(error, typer.Abort):
        return fail("interrupted", 130)
    if isinstance(error, SystemExit):  # shell completion; Click's answer to a closed pipe (help included) is exit 1
        if isinstance(sys.stdout, click.utils.PacifyFlushWrapper):
            return 0  # gapcli's, as README says, is 0
        return error.code if isinstance(error.code, int) else (0 if error.code is None else EXIT_ERROR)
    if isinstance(error, BrokenPipeError):  # the reader went away: nothing more to say
        _silence_stdout()
        return 0
    if isinstance(error, OSError):
        if error.filename is not None:  # about a file the command named (a name too long, a loop of links)
            return fail(f"{error.filename}: {error.strerror or error}", EXIT_ERROR)
        _silence_stdout()  # stdout closed, on a full disk, a vanished terminal
        return fail(_os_message(error), EXIT_ERROR)
    if isinstance(error, KeyboardInterrupt):  # raised on purpose after an atomic write that a Ctrl-C waited for
        os.write(2, b"\n")
        return 130
    if isinstance(error, Exception) and not os.environ.get("GAPCLI_DEBUG"):
        return fail(f"internal error: {type(error).__name__}: {error} (set GAPCLI_DEBUG=1 for details)", EXIT_ERROR)
    raise error


def _click_message(error: Any) -> str:
    """Click's message in gapcli's words: one line, ``--option: problem``."""
    message = " ".join(error.format_message().split())
    if re.search(r"(?:'|\bargument|\bcommand)\.$", message):  # Click's own full stop, never one the user typed
        message = message[:-1]
    found = re.fullmatch(r"Invalid value for '([^']+)'(?: / '[^']+')*: (.*)", message)
    if found is None:
        return message or type(error).__name__
    option, problem = found.groups()
    return f"{option.split('/')[0]}: {problem}"


def _os_message(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else f"cannot write output: {reason}"


def _flushed(code: int) -> int:
    """Flush stdout now; a closed pipe is exit 0, a full disk or a vanished terminal exit 1."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as error:
        _silence_stdout()
        return fail(_os_message(error), EXIT_ERROR)
    return code
