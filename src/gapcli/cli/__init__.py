"""The gapcli command line: thin Typer commands that parse, ask the library and render.

Every error leaves as one line on stderr with a documented exit code (README):
0 ok, 1 not found / invalid data / refused write, 2 usage, 130 interrupted.
"""

import importlib
import os
import sys
from collections.abc import MutableMapping
from typing import Annotated, Optional

import typer
import typer.main
from typer.core import TyperGroup

from gapcli import __version__
from gapcli.errors import EXIT_ERROR, GapcliError

_CLICK_EXCEPTION = next(k for k in typer.BadParameter.__mro__ if k.__name__ == "ClickException")


def _fail(message: str, code: int) -> int:
    print(f"gapcli: error: {message}", file=sys.stderr)
    return code


# command → the module of gapcli.cli that defines it; a module is imported only when one of
# its commands runs (Click's "lazy group" pattern), so start-up stays near Typer's own
COMMANDS = {
    "show": "cards", "states": "cards",
    "diff": "compare", "rank": "compare", "gaps": "compare", "stats": "compare", "history": "compare", "map": "compare",
    "import": "data", "data": "data",
}


class _LazyCommands(MutableMapping):
    """The group's command table, building each command on first access."""

    def __init__(self):
        self._built: dict = {}

    def __getitem__(self, name: str):
        if name not in self._built:
            module = importlib.import_module(f"gapcli.cli.{COMMANDS[name]}")
            command = typer.main.get_command(module.COMMANDS[name])
            command.name = name
            self._built[name] = command
        return self._built[name]

    def __setitem__(self, name: str, command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self):
        return iter(sorted(set(COMMANDS) | set(self._built)))

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self._built))


class GapcliGroup(TyperGroup):
    """Loads commands lazily, turns every failure into one line on stderr, prints data warnings once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands()

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        code = 0
        try:
            result = super().main(args=args, prog_name=prog_name or "gapcli", complete_var=complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except GapcliError as error:
            code = _fail(str(error), error.exit_code)
        except _CLICK_EXCEPTION as error:
            hint = f" (see '{error.ctx.command_path} --help')" if getattr(error, "ctx", None) else ""
            code = _fail(" ".join(error.format_message().split()) + hint, error.exit_code)
        except typer.Abort:
            code = _fail("aborted", EXIT_ERROR)
        finally:
            from gapcli.cli.common import catalog, opened_catalog

            opened = opened_catalog()
            if opened is not None:
                for warning in opened.warnings:
                    print(f"gapcli: warning: {warning}", file=sys.stderr)
                opened.save_cache()
                catalog.cache_clear()  # the next invocation in this process reads the files afresh
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=GapcliGroup,
    help="Explore the policy gaps in Shared Hope International's Report Cards on Child & Youth Sex Trafficking.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"gapcli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """Explore the policy gaps in Shared Hope International's Report Cards on Child & Youth Sex Trafficking."""


def main() -> None:
    """Console-script entry point: no traceback ever reaches the user."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # the reader (head, less) went away: that is not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except Exception as error:  # noqa: BLE001 - the promise is one line, never a traceback
        if os.environ.get("GAPCLI_DEBUG"):
            raise
        sys.exit(_fail(f"internal error: {type(error).__name__}: {error} (set GAPCLI_DEBUG=1 for details)", EXIT_ERROR))
