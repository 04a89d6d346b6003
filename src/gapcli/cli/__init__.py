"""The gapcli command line: thin Typer commands that parse, ask the library (``gapcli.api``) and render.

``COMMANDS`` is the one place a command is added: name → ``module:attribute`` of this
package, a function (one command) or a ``typer.Typer`` (a group). A module is imported
only when one of its commands runs (Click's "lazy group" pattern), so start-up stays
near Typer's own. tests/cli/test_registry.py fails when a command is defined but unreachable.

Every error leaves as one line on stderr with a documented exit code (README):
0 ok, 1 not found / invalid data / refused write, 2 usage, 130 interrupted.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any, Optional

import typer
import typer.main
from typer.core import TyperGroup

from gapcli import __version__
from gapcli.cli.clicks import click
from gapcli.cli.complete import ShellName, completion_script, install_completion, serve_completion
from gapcli.cli.values import adopt
from gapcli.errors import EXIT_ERROR, GapcliError

HELP_OPTIONS = ["-h", "--help"]
COMMANDS: dict[str, str] = {
    "show": "cards:show",
    "states": "cards:states",
    "diff": "compare:diff",
    "rank": "compare:rank",
    "gaps": "compare:gaps",
    "stats": "compare:stats",
    "history": "compare:history",
    "map": "compare:map_",
    "plan": "plan:plan",
    "import": "data:import_",
    "data": "data:data_app",
}


LINE_LIMIT = 1000  # characters of one stderr line: a warning about a hostile file stays readable


class _Said:
    lost = False  # a line meant for stderr could not be written


def tell(line: str) -> None:
    """The one way a line reaches stderr: every character safe for a terminal, its length bounded.

    Where stderr is closed (``2>&-``) or gone, the line is lost, and a run that would have
    succeeded exits 1 instead (``stderr_lost``), as GNU tools do.
    """
    from gapcli.errors import shorten
    from gapcli.safe import clean

    try:
        sys.stderr.write(shorten(clean(line), LINE_LIMIT) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # closed at start-up, a vanished terminal, a closed pipe
        _Said.lost = True


def stderr_lost() -> bool:
    """Whether a line for stderr was lost (and forget it: a next run in this process starts afresh)."""
    found, _Said.lost = _Said.lost, False
    return found


def fail(message: str, code: int) -> int:
    tell(f"gapcli: error: {message}")
    return code


def build_command(name: str) -> Any:
    """The Click command for one registry entry."""
    module, _, attribute = COMMANDS[name].partition(":")
    target = getattr(importlib.import_module(f"gapcli.cli.{module}"), attribute)
    command: Any
    if isinstance(target, typer.Typer):
        command = typer.main.get_group(target)
    else:
        one = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
        one.command(name=name)(target)
        command = typer.main.get_command(one)
    command.name = name
    return adopt(command, HELP_OPTIONS)


class _LazyCommands(MutableMapping[str, Any]):
    """The group's command table, building each command on first access."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = build_command(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set(COMMANDS) | set(self._built)))

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self._built))


class GapcliGroup(TyperGroup):
    """Loads commands lazily, turns every failure into one line on stderr, prints data warnings once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        adopt(self, HELP_OPTIONS)  # before the command table is the lazy one, which adopt would build whole
        self.commands = _LazyCommands()

    def main(  # type: ignore[override]  # the same call, narrowed to what gapcli passes
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = 0
        serve_completion()
        try:
            result = super().main(
                args=args, prog_name=prog_name or "gapcli", complete_var=complete_var, standalone_mode=False, **extra
            )
            code = result if isinstance(result, int) else 0
        except GapcliError as error:
            code = fail(str(error), error.exit_code)
        except click.exceptions.NoArgsIsHelpError as shown:  # `gapcli`, `gapcli data`: help is the answer, as gh does
            click.echo(shown.ctx.get_help())
            code = 0
        except click.exceptions.ClickException as error:
            context = getattr(error, "ctx", None)
            hint = f" (see '{context.command_path} --help')" if context is not None else ""
            code = fail(_click_message(error) + hint, error.exit_code)
        except typer.Exit as done:
            code = done.exit_code
        except SystemExit:
            if not isinstance(sys.stdout, click.utils.PacifyFlushWrapper):
                raise
            code = 0  # Click's answer to a closed pipe (help included) is exit 1; gapcli's, as README says, is 0
        except typer.Abort:
            code = fail("interrupted", 130)
        except OSError as error:  # about a file the command named (a name too long, a loop of links)
            if error.filename is None:
                raise  # stdout's own fault: the process layer (run.py) reports it
            code = fail(f"{error.filename}: {error.strerror or error}", EXIT_ERROR)
        finally:
            from gapcli.cli.common import catalog, opened_catalog

            opened = opened_catalog()
            if opened is not None:
                for warning in opened.warnings:
                    tell(f"gapcli: warning: {warning}")
                opened.save_cache()
                catalog.cache_clear()  # the next invocation in this process reads the files afresh
        if standalone_mode:
            sys.exit(code)
        return code


def _click_message(error: Any) -> str:
    """Click's message in gapcli's words: one line, ``--option: problem``."""
    message = " ".join(error.format_message().split())
    found = re.fullmatch(r"Invalid value for '([^']+)'(?: / '[^']+')*: (.*)", message)
    if found is None:
        return message or type(error).__name__
    option, problem = found.groups()
    return f"{option.split('/')[0]}: {problem}"


app = typer.Typer(
    cls=GapcliGroup,
    add_completion=False,  # replaced by --install-completion SHELL / --show-completion SHELL below
    help="Explore the policy gaps in Shared Hope International's Report Cards on Child & Youth Sex Trafficking.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": HELP_OPTIONS},
)


def _version(value: bool) -> None:
    if value:
        print(f"gapcli {__version__}")
        raise typer.Exit()


def _show_completion(shell: str | None) -> None:
    if shell:
        print(completion_script(shell))
        raise typer.Exit()


def _install_completion(shell: str | None) -> None:
    if shell:
        print(f"{shell} completion installed in {install_completion(shell)}; it takes effect in a new shell")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
    show_completion: Annotated[
        Optional[ShellName],
        typer.Option(
            "--show-completion",
            metavar="SHELL",
            callback=_show_completion,
            is_eager=True,
            help="Print the completion script for SHELL: bash, zsh or fish.",
        ),
    ] = None,
    install_completion_: Annotated[
        Optional[ShellName],
        typer.Option(
            "--install-completion",
            metavar="SHELL",
            callback=_install_completion,
            is_eager=True,
            help="Install completion for SHELL: bash, zsh or fish.",
        ),
    ] = None,
) -> None:
    """Explore the policy gaps in Shared Hope International's Report Cards on Child & Youth Sex Trafficking."""
