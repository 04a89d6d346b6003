"""One registry of commands: every command is reachable from it, and no command declares an output option itself."""

import importlib
import inspect
import pkgutil

from typer.models import ParameterInfo

import gapcli.cli
from gapcli.cli import COMMANDS, GROUPS
from gapcli.cli.app import build_command
from gapcli.cli.output import FILE_OPTIONS, OPTIONS, Output

OUTPUT_OPTIONS = {"--format", "-f", "--json", "--export", "--theme", "--size", "--force", "--color", "--no-pager"}


def _command_modules():
    for info in pkgutil.iter_modules(gapcli.cli.__path__):
        yield importlib.import_module(f"gapcli.cli.{info.name}")


def _target(name):
    module, _, attribute = COMMANDS[name].target.partition(":")
    return getattr(importlib.import_module(f"gapcli.cli.{module}"), attribute)


def test_every_public_function_with_cli_parameters_is_reachable():
    reachable = {_target(name) for name in COMMANDS}
    for module in _command_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            try:  # a command's annotations evaluate at run time (Typer reads them); a helper's may not
                parameters = inspect.signature(function, eval_str=True).parameters.values()
            except NameError:
                continue
            takes_cli_parameters = any(
                isinstance(info, ParameterInfo)
                for p in parameters
                for info in getattr(p.annotation, "__metadata__", ())
            )
            if takes_cli_parameters:
                assert function in reachable, (
                    f"{module.__name__}.{name} takes CLI options but no COMMANDS entry reaches it"
                )


def test_every_registered_command_builds_and_shows_in_help(run):
    for name, entry in COMMANDS.items():
        group, _, leaf = name.rpartition(" ")
        assert not group or group in GROUPS, name
        assert f"  {leaf} " in run(*group.split(), "--help").stdout, name
        command = build_command(name)
        assert command.name == leaf
        declared = {option for p in command.params for option in getattr(p, "opts", [])}
        given = {"--format", "-f", "--json"} | (
            {"--export", "--theme", "--size", "--force"} if entry.output == "view" else set()
        )
        if entry.output != "own":
            assert given <= declared, name


def test_no_command_function_declares_an_output_option():
    """The output options are Output's fields alone: a command's own parameters are about its question."""
    assert {f"--{name}" for name in FILE_OPTIONS} <= OUTPUT_OPTIONS
    for name, entry in COMMANDS.items():
        if entry.output == "own":
            continue
        own = inspect.signature(_target(name), eval_str=True).parameters.values()
        declared = {
            option
            for p in own
            for info in getattr(p.annotation, "__metadata__", ())
            for option in info.param_decls or ()
        }
        clashing = declared & OUTPUT_OPTIONS - ({"--force"} if entry.output == "stream" else set())
        assert clashing == set(), (name, clashing)
    assert list(Output.__slots__) == list(Output.__annotations__) == [option.name for option in OPTIONS]


def test_an_unregistered_command_is_not_found(run):
    result = run("trend")
    assert result.exit_code == 2
    assert result.stderr == "gapcli: error: No such command 'trend' (see 'gapcli --help')\n"
