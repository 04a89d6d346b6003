"""The Click commands the registry (``gapcli.cli.COMMANDS``) describes, built when first used.

``build_command`` gives a command function the output options of its kind and shows what
it returns; the group's command table builds each command on first access (Click's "lazy
group" pattern), so a run imports only the module of the command it runs.
"""

import importlib
import inspect
from collections.abc import Callable, Iterator, MutableMapping
from typing import Annotated, Any, Optional

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from gapcli import __version__
from gapcli.cli import COMMANDS, GROUPS, OutputKind
from gapcli.cli.clicks import click
from gapcli.cli.session import Session
from gapcli.cli.shells import ShellName
from gapcli.cli.values import adopt, declared

HELP_OPTIONS = ["-h", "--help"]
_SETTINGS: dict[str, Any] = {"add_completion": False, "rich_markup_mode": None, "pretty_exceptions_enable": False}


def answering(function: Callable[..., Any], kind: OutputKind) -> Callable[..., Any]:
    """``function`` as Typer sees it: its own parameters (less ``session``, which it is given) and
    the output options of ``kind``; what it returns is shown with them (``cli/output.py``)."""
    from gapcli.cli import output

    own = inspect.signature(function, eval_str=True)
    takes_session = "session" in own.parameters
    options = output.parameters(kind)

    def command(**values: Any) -> Any:
        session = click.globals.get_current_context().find_object(Session)
        if session is None:
            raise RuntimeError("gapcli commands run through gapcli.cli.run.run, which gives them a session")
        shown = output.Output(**{p.name: values.pop(p.name) for p in options})
        if kind != "own":
            shown.chosen()  # options that exclude each other: refused before any work
        answer = function(session, **values) if takes_session else function(**values)
        if kind != "own":
            output.show(answer, shown, session)
        return answer if kind == "own" else answer.code

    parameters = [p for name, p in own.parameters.items() if name != "session"]
    command.__signature__ = own.replace(parameters=[*parameters, *options])  # type: ignore[attr-defined]
    command.__name__, command.__doc__, command.__annotations__ = function.__name__, function.__doc__, {}
    return command


def build_command(name: str) -> Any:
    """The Click command for one registry entry, or for a group (``data``) of them."""
    leaf = name.rpartition(" ")[2]
    if name in GROUPS:
        group: Any = typer.main.get_group(
            typer.Typer(cls=GapcliGroup, help=GROUPS[name], no_args_is_help=True, **_SETTINGS)
        )
        group.commands = _LazyCommands(f"{name} ")
        group.name = leaf
        return group
    entry = COMMANDS[name]
    module, _, attribute = entry.target.partition(":")
    function = getattr(importlib.import_module(f"gapcli.cli.{module}"), attribute)
    one = typer.Typer(**_SETTINGS)
    answer = answering(function, entry.output)
    one.command(name=leaf, cls=GapcliCommand)(answer)
    command = typer.main.get_command(one)
    command.name = leaf
    return adopt(command, HELP_OPTIONS, declared(inspect.signature(answer)))


class _LazyCommands(MutableMapping[str, Any]):
    """A group's command table (``prefix``: "" for gapcli, "data " for gapcli data), each built on first access.

    Help lists gapcli's commands by name, a group's in the registry's order (data: path, validate, export).
    """

    def __init__(self, prefix: str = "") -> None:
        self._prefix = prefix
        self._built: dict[str, Any] = {}
        names = [n.removeprefix(prefix) for n in [*COMMANDS, *GROUPS] if n.startswith(prefix)]
        self._names = [n for n in names if " " not in n]

    def listed(self, name: str) -> Any:
        """The command as help lists it: built where it was, else a bare Click command with its help
        text (building a command reads its signature and every option: help needs one line)."""
        if name in self._built or self._prefix + name in GROUPS:
            return self[name]
        module, _, attribute = COMMANDS[self._prefix + name].target.partition(":")
        function = getattr(importlib.import_module(f"gapcli.cli.{module}"), attribute)
        return TyperCommand(name, help=inspect.getdoc(function))

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._names:
                raise KeyError(name)
            self._built[name] = build_command(self._prefix + name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        names = [*self._names, *(n for n in self._built if n not in self._names)]
        return iter(names if self._prefix else sorted(names))

    def __len__(self) -> int:
        return len(set(self._names) | set(self._built))


def _parsed(parse: Callable[[Any, Any, list[str]], list[str]], command: Any, ctx: Any, args: list[str]) -> list[str]:
    """Click's ``parse_args``, with its context put on a usage error its parser raised without one
    ("Option '--year' requires an argument"), so the error points to the command's help as every other does."""
    try:
        return parse(command, ctx, args)
    except click.exceptions.UsageError as error:
        if error.ctx is None:
            error.ctx = ctx
        raise


class GapcliCommand(TyperCommand):
    """A command whose help page is gapcli's (``cli/helppage.py``), not Typer's."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from gapcli.cli.helppage import format_help

        format_help(self, ctx, formatter)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return _parsed(TyperCommand.parse_args, self, ctx, args)


class GapcliGroup(TyperGroup):
    """A group whose commands are built lazily, with gapcli's help options and help page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the root's options (a group such as data has none of them)
        adopt(self, HELP_OPTIONS, declared(inspect.signature(_root, eval_str=True)))
        self.commands = _LazyCommands()

    format_help = GapcliCommand.format_help

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return _parsed(TyperGroup.parse_args, self, ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Click's list of commands, each from ``_LazyCommands.listed``: ``--help`` builds none."""
        commands = self.commands
        if not isinstance(commands, _LazyCommands):
            super().format_commands(ctx, formatter)
            return
        listed = [(name, commands.listed(name)) for name in commands]  # list_commands would build each
        listed = [(name, command) for name, command in listed if not command.hidden]
        if listed:
            limit = formatter.width - 6 - max(len(name) for name, _ in listed)
            with formatter.section("Commands"):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in listed])


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


@app.callback(invoke_without_command=True)  # the completion options run in _root, after all of them are read
def _root(
    ctx: typer.Context,
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
    show_completion: Annotated[
        Optional[ShellName],
        typer.Option(
            "--show-completion",
            metavar="SHELL",
            help="Print the completion script for SHELL: bash, zsh or fish.",
        ),
    ] = None,
    install_completion_: Annotated[
        Optional[ShellName],
        typer.Option(
            "--install-completion",
            metavar="SHELL",
            help="Install completion for SHELL: bash, zsh or fish (a file of its own, and one line in .bashrc or .zshrc).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="With --install-completion: replace a completion file that is not gapcli's.")
    ] = False,
) -> None:
    """Explore the policy gaps in Shared Hope International's Report Cards on Child & Youth Sex Trafficking."""
    if show_completion and install_completion_:
        raise click.exceptions.UsageError("--show-completion and --install-completion exclude each other", ctx)
    if force and not install_completion_ and not ctx.resilient_parsing:
        raise click.exceptions.UsageError("--force goes with --install-completion only", ctx)
    if show_completion:
        from gapcli.cli.shells import script

        print(script(show_completion), end="")
        raise typer.Exit()
    if install_completion_:
        from gapcli.cli.install import install

        print(install(install_completion_, force))
        raise typer.Exit()
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        raise click.exceptions.UsageError("Missing command.", ctx)
