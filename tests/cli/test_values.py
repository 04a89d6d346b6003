"""Option values are converted by gapcli, never by pydantic (whose import would double start-up)."""

import subprocess
import sys
from pathlib import Path

import pytest
import typer

from gapcli.cli import COMMANDS
from gapcli.cli.app import HELP_OPTIONS, app, build_command
from gapcli.cli.values import _Converted, converter

PROBE = """
import atexit, sys
atexit.register(lambda: print("pydantic loaded" if "pydantic" in sys.modules else "pydantic not loaded", file=sys.stderr))
sys.argv = ["gapcli", *sys.argv[1:]]
from gapcli.__main__ import main
main()
"""


def _parameters(command):
    yield from command.params
    yield command.get_help_option(typer.Context(command, help_option_names=HELP_OPTIONS))
    for sub in getattr(command, "commands", {}).values():
        yield from _parameters(sub)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_parameter_of_every_command_has_a_gapcli_converter(name):
    for param in _parameters(build_command(name)):
        assert isinstance(param._runtime_param, _Converted), (name, param.name, param.type_descriptor.annotation)


def test_the_root_options_have_gapcli_converters():
    group = typer.main.get_command(app)
    assert all(isinstance(p._runtime_param, _Converted) for p in group.params)


@pytest.mark.parametrize("args", [["rank", "--json", "--top", "3"], ["show", "ct", "--year", "2021"], ["--help"]])
def test_a_run_does_not_import_pydantic(args, tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CACHE_HOME": str(tmp_path / "c"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith("pydantic not loaded"), done.stderr


def _info(**options):
    return typer.models.OptionInfo(**{"case_sensitive": True, **options})


def test_converters_in_gapcli_words():
    whole = converter(int, _info(min=1))
    assert whole("12", None, None) == 12
    for bad, said in [("0", "at least 1"), ("1.5", "whole number"), ("", "whole number"), ("١", "whole number")]:
        with pytest.raises(ValueError, match=said):
            whole(bad, None, None)
    from typing import Literal

    choice = converter(Literal["json", "csv"], _info(case_sensitive=False))
    assert choice("JSON", None, None) == "json"
    with pytest.raises(ValueError, match="expected one of json, csv; got 'yaml'"):
        choice("yaml", None, None)
    assert converter(list[str], _info())(("a", "b"), None, None) == ["a", "b"]
    assert converter(Path, _info())("x.txt", None, None) == Path("x.txt")
    assert converter(int, _info(parser=lambda text: int(text) * 2))("4", None, None) == 8


def test_a_type_gapcli_does_not_know_is_left_to_typer():
    assert converter(float, _info()) is None
    assert converter(list[float], _info()) is None
    assert converter(int, _info(max=9)) is None  # bounds the converter does not check stay Typer's
    assert converter(int, _info(min=1, clamp=True)) is None
