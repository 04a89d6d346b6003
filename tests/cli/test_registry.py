"""One registry of commands: a command defined in a CLI module but not reachable from it fails here."""

import importlib
import inspect
import pkgutil

import typer

import gapcli.cli
from gapcli.cli import COMMANDS, app


def _command_modules():
    for info in pkgutil.iter_modules(gapcli.cli.__path__):
        yield importlib.import_module(f"gapcli.cli.{info.name}")


def _reachable() -> set:
    """The functions the registry reaches: named entries, and the commands of registered groups."""
    found = set()
    for entry in COMMANDS.values():
        module, _, attribute = entry.partition(":")
        target = getattr(importlib.import_module(f"gapcli.cli.{module}"), attribute)
        if isinstance(target, typer.Typer):
            found |= {info.callback for info in target.registered_commands}
        else:
            found.add(target)
    return found


def test_every_public_function_with_cli_parameters_is_reachable():
    reachable = _reachable()
    for module in _command_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            takes_cli_parameters = any(
                "typer" in repr(p.annotation) or "Option" in repr(p.annotation) or "Argument" in repr(p.annotation)
                for p in inspect.signature(function).parameters.values()
            )
            if takes_cli_parameters:
                assert function in reachable, (
                    f"{module.__name__}.{name} takes CLI options but no COMMANDS entry reaches it"
                )


def test_every_registered_command_builds_and_shows_in_help(run):
    help_text = run("--help").stdout
    for name in COMMANDS:
        command = gapcli.cli.build_command(name)
        assert command.name == name
        assert name in help_text, name


def test_an_unregistered_command_is_not_found(run):
    result = run("trend")
    assert result.exit_code == 2 and "No such command" in result.stderr
    assert app is not None
