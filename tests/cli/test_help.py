"""Every help page, found from the registry: gapcli's words (no Python type, no stale text), examples that run."""

import re
import shlex
import shutil

import pytest

from conftest import SEED_TEXT
from gapcli.catalog.folders import bundled_data_dir
from gapcli.cli import COMMANDS, GROUPS
from gapcli.cli.app import app, build_command
from gapcli.cli.examples import EXAMPLES

PAGES = ["", *GROUPS, *COMMANDS]  # gapcli itself, each group, each command: a new one cannot be missed
PYTHON_TYPES = re.compile(
    r"<\w+>|\b(?:list|dict|tuple|set|Optional|Union|Literal)\[|\b(?:int|str|float|bool|Path|NoneType|None|Optional)\b"
)
OPTION = re.compile(r"(?:\b([a-z]+) )?(--[a-z][a-z-]*)")


def options_of(name: str) -> set[str]:
    import typer.main

    command = typer.main.get_command(app) if name == "" else build_command(name)
    return {o for p in command.params for o in [*getattr(p, "opts", ()), *getattr(p, "secondary_opts", ())]} | {
        "--help"
    }


def page(run, name: str, monkeypatch, columns: int = 80) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run(*name.split(), "--help")
    assert result.exit_code == 0 and result.stderr == "", (name, result.stderr)
    return result.stdout


@pytest.mark.parametrize("name", PAGES)
def test_a_help_page_speaks_gapcli_s_words(run, name, monkeypatch):
    text = page(run, name, monkeypatch)
    described = text.partition("\nExamples:\n")[0]  # examples are checked by running them
    words = " ".join(described.split())
    assert PYTHON_TYPES.search(words) is None, (name, PYTHON_TYPES.search(words))
    assert "{" not in words and "[[" not in words, name  # a default left unfilled, Typer's brackets
    assert "see readme" not in words.lower(), name
    own = options_of(name)
    for before, option in OPTION.findall(words):
        commands = {n.split()[-1] for n in COMMANDS} - {name.split()[-1] if name else ""}
        whose = before if before in commands else name  # 'gaps --state' in schema's help is gaps's
        assert option in (own if whose == name else options_of(next(n for n in COMMANDS if n.endswith(whose)))), (
            f"'gapcli {name} --help' mentions {option}, which 'gapcli {whose}' does not have"
        )
    assert text.startswith(f"Usage: gapcli {name} ".replace("  ", " "))


@pytest.mark.parametrize("columns", [40, 120])
def test_every_page_fits_the_terminal_but_for_example_lines(run, columns, monkeypatch):
    for name in PAGES:
        lines = page(run, name, monkeypatch, columns).splitlines()
        too_wide = [line for line in lines if len(line) > columns and not line.lstrip().startswith("$ ")]
        assert too_wide == [], (name, too_wide)


def test_a_default_only_the_data_knows_is_the_data_s(run, catalog, monkeypatch):
    """--year names the edition the catalog answers for, whatever year that is, in each command's words."""
    year = catalog.default_year()
    assert f"(default: the latest edition with a full framework: {year})" in " ".join(
        page(run, "rank", monkeypatch).split()
    )
    planned = " ".join(page(run, "plan", monkeypatch).split())
    assert f"complete card, of the latest edition with a full framework: {year} or later; else its latest" in planned
    assert "(default: every edition)" in " ".join(page(run, "states", monkeypatch).split())


@pytest.mark.parametrize("name", PAGES)
def test_every_page_shows_two_or_three_examples_of_itself(run, name, monkeypatch):
    assert set(EXAMPLES) == set(PAGES)  # no example for a command that is not there
    examples = EXAMPLES[name]
    assert 2 <= len(examples) <= 3, name
    shown = page(run, name, monkeypatch, columns=200).partition("\nExamples:\n")[2]
    for what, line in examples:
        assert line.startswith(" ".join(["gapcli", *name.split()])), (name, line)
        assert f"  # {what}\n  $ {line}\n" in shown, (name, line)


EVERY_EXAMPLE = sorted({line for examples in EXAMPLES.values() for _what, line in examples})


@pytest.mark.parametrize("line", EVERY_EXAMPLE)
def test_every_example_runs_on_the_bundled_data(run, line, tmp_path, monkeypatch):
    """In a folder with the files the examples name: a card's text, a folder of them, a card file."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED_TEXT, tmp_path / "connecticut.txt")
    (tmp_path / "cards").mkdir()
    shutil.copy(SEED_TEXT, tmp_path / "cards" / "connecticut.txt")
    shutil.copy(bundled_data_dir() / "cards" / "2021" / "connecticut.toml", tmp_path / "connecticut.toml")
    words = shlex.split(line)
    assert words[0] == "gapcli"
    result = run(*words[1:])
    assert result.exit_code == 0, (line, result.stderr)
    assert result.stdout or result.stderr, line  # an answer, or what was written where


@pytest.mark.parametrize(
    "args, code, meant",
    [
        (["rank", "--by", "score"], 2, "overall"),  # a word for the figure
        (["rank", "--by", "Overal"], 2, "overall"),  # a typo
        (["map", "--by", "grde"], 2, "grade"),
        (["rank", "--format", "jsn"], 2, "json"),
        (["data", "export", "--table", "card"], 2, "cards"),
        (["show", "ct", "--export", "x.svg", "--theme", "drak"], 2, "dark"),
        (["--show-completion", "bsh"], 2, "bash"),
        (["rank", "--by", "nothing"], 2, None),  # nothing close: the choices, no guess
        (["rank", "--format", "yaml"], 2, None),
        (["rank", "--grade", "E"], 2, None),
    ],
)
def test_a_near_miss_of_a_choice_suggests_the_valid_value_and_only_then(run, args, code, meant, tmp_path, monkeypatch):
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    result = run(*args)
    assert result.exit_code == code and result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
    if meant is None:
        assert "did you mean" not in result.stderr
    else:
        assert f"; did you mean {meant}?" in result.stderr
    assert list((tmp_path / "here").iterdir()) == []  # refused before anything is written


PROBE = """
import atexit, sys
atexit.register(lambda: print("gapcli.catalog.catalog" in sys.modules, file=sys.stderr))
sys.argv = ["gapcli", *sys.argv[1:]]
from gapcli.__main__ import main
main()
"""


@pytest.mark.parametrize("args, opens", [(["--help"], False), (["data", "--help"], False), (["rank", "--help"], True)])
def test_only_a_page_that_names_the_default_edition_opens_the_catalog(args, opens, tmp_path):
    import subprocess
    import sys

    env = {"XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CACHE_HOME": str(tmp_path / "c"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and done.stdout.startswith("Usage: gapcli"), done.stderr
    assert done.stderr.strip().splitlines()[-1] == str(opens)
