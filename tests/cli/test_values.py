"""Option values are converted by gapcli, in gapcli's words, on the fast path (never importing
pydantic) and off it (Typer's own coercion after gapcli's converter): the same answers either way."""

import subprocess
import sys
from pathlib import Path

import pytest
import typer

from gapcli.cli import COMMANDS, typerhooks, values
from gapcli.cli.app import HELP_OPTIONS, app, build_command
from gapcli.cli.values import converter

PROBE = """
import atexit, sys
from gapcli.cli.values import fast_path
atexit.register(lambda: print("fast path", fast_path(), "pydantic" in sys.modules, file=sys.stderr))
sys.argv = ["gapcli", *sys.argv[1:]]
from gapcli.__main__ import main
main()
"""


@pytest.fixture(params=["on", "off"])
def mode(request, monkeypatch):
    """The fast path asked for (``on``: used where this Typer is the one it knows) or turned off."""
    if request.param == "off":
        monkeypatch.setenv(typerhooks.SWITCH, "0")
    else:
        monkeypatch.delenv(typerhooks.SWITCH, raising=False)
    values._runtime_param_class.cache_clear()
    yield request.param
    values._runtime_param_class.cache_clear()


def _parameters(command):
    yield from command.params
    yield command.get_help_option(typer.Context(command, help_option_names=HELP_OPTIONS))
    for sub in getattr(command, "commands", {}).values():
        yield from _parameters(sub)


def _check_hooked(name, param):
    """Every parameter has a converter, put in place the one way this run chose, never both, never part."""
    assert callable(getattr(param, "gapcli_convert", None)), (name, param.name)
    hook = values._runtime_param_class()
    if hook is not None:
        assert isinstance(param._runtime_param, hook) and "process_value" not in vars(param), (name, param.name)
    else:
        assert "process_value" in vars(param), (name, param.name)
        assert type(getattr(param, "_runtime_param", None)).__name__ != "Converted", (name, param.name)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_parameter_of_every_command_has_a_gapcli_converter(name, mode):
    if mode == "off":
        assert not values.fast_path()
    for param in _parameters(build_command(name)):
        _check_hooked(name, param)


def test_the_root_options_have_gapcli_converters(mode):
    for param in _parameters(typer.main.get_command(app)):
        _check_hooked("gapcli", param)


@pytest.mark.parametrize("args", [["rank", "--json", "--top", "3"], ["show", "ct", "--year", "2021"], ["--help"]])
@pytest.mark.parametrize("switch", ["", "0"])
def test_the_fast_path_does_not_import_pydantic(args, switch, tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CACHE_HOME": str(tmp_path / "c"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env | {typerhooks.SWITCH: switch}
    )
    assert done.returncode == 0, done.stderr
    *_, fast, pydantic = done.stderr.split()
    if switch == "0":
        assert fast == "False", done.stderr
    if fast == "True":
        assert pydantic == "False", done.stderr


@pytest.mark.parametrize("mode", ["on"], indirect=True)
def test_the_typer_the_hook_was_written_for_gets_the_fast_path(mode):
    """Typer 0.29.0-0.29.2 were read and tested; before 0.29 there is no such hook (nor pydantic);
    a later Typer may lose it, which bench/bench.py shows."""
    version = tuple(int(part) for part in typer.__version__.split(".")[:2])
    if typer.__version__ in ("0.29.0", "0.29.1", "0.29.2"):
        assert values.fast_path()
    elif version < (0, 29):
        assert not values.fast_path()


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
    with pytest.raises(ValueError, match="empty path"):
        converter(Path, _info())("", None, None)
    assert converter(int, _info(parser=lambda text: int(text) * 2))("4", None, None) == 8


def test_a_type_gapcli_does_not_know_is_left_to_typer():
    assert converter(float, _info()) is None
    assert converter(list[float], _info()) is None
    assert converter(int, _info(max=9)) is None  # bounds the converter does not check stay Typer's
    assert converter(int, _info(min=1, clamp=True)) is None
