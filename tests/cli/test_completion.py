"""Shell completion for every state argument and option value, in bash, zsh and fish.

Each case runs gapcli as the shells' scripts do (``cli/shells.py``): the command line up to the
cursor in ``_GAPCLI_COMPLETE_LINE``, one completion a line back; in-process (``run``) for the many
cases, the installed entry point for the rest. ``test_completion_shells.py`` types into the real shells.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GAPCLI, ROOT
from gapcli.cli.clicks import click

BASH_BREAKS = "\"'@><=;|&(:"  # bash 5's COMP_WORDBREAKS


def complete(shell: str, line: str, **env: str) -> list[str]:
    """The installed entry point's answer."""
    env = {
        **os.environ,
        "_GAPCLI_COMPLETE": shell,
        "_GAPCLI_COMPLETE_LINE": line,
        "COMP_WORDBREAKS": BASH_BREAKS,
        **env,
    }
    out = subprocess.run([GAPCLI], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    return out.stdout.splitlines()


@pytest.fixture
def answer(run, monkeypatch):
    """The same answer in-process."""

    def ask(shell: str, line: str, breaks: str = BASH_BREAKS) -> list[str]:
        for name, value in [("_GAPCLI_COMPLETE", shell), ("_GAPCLI_COMPLETE_LINE", line), ("COMP_WORDBREAKS", breaks)]:
            monkeypatch.setenv(name, value)
        result = run()
        assert result.exit_code == 0 and result.stderr == "", result.stderr
        return result.stdout.splitlines()

    return ask


def values(lines: list[str], shell: str) -> list[str]:
    """What each completion inserts, without its description (zsh: ``value:text``, fish: ``value<TAB>text``)."""
    if shell == "zsh":
        return [item.replace("\\:", "\0").partition(":")[0].replace("\0", ":") for item in lines]
    return [item.partition("\t")[0] for item in lines]


CONNECTICUT = [2015, 2021, 2023, 2025]  # the editions with a Connecticut card (data/cards/YEAR/connecticut.toml)
CASES = [
    ("gapcli show conn", ["connecticut"]),
    (
        "gapcli show N",
        [
            "Nebraska",
            "Nevada",
            "New-hampshire",
            "New-jersey",
            "New-mexico",
            "New-york",
            "North-carolina",
            "North-dakota",
        ],
    ),
    ('gapcli show "new y', ["new york"]),  # inside quotes, the name as written
    ("gapcli diff ct f", ["florida"]),
    ("gapcli gaps --state co", ["colorado", "connecticut"]),
    ("gapcli history tenn", ["tennessee"]),
    ("gapcli plan io", ["iowa"]),
    ("gapcli show ct@", [f"ct@{year}" for year in CONNECTICUT]),
    ("gapcli diff ct@2015 Connecticut@202", [f"Connecticut@{year}" for year in CONNECTICUT[1:]]),
    ("gapcli show narnia@", []),
    ("gapcli show ct --year ", [str(year) for year in CONNECTICUT]),
    ("gapcli plan dc --year=", ["2021"]),  # D.C. was not graded in 2023 and has no other card
    ("gapcli gaps --state ct -y 201", ["2015"]),
    ("gapcli show narnia --year 202", ["2021", "2022", "2023", "2025"]),  # no such state: every edition
    ("gapcli rank --by ", ["overall", "grade", "published", "1", "2", "3", "4", "5", "6"]),
    ("gapcli rank --year 202", ["2021", "2022", "2023", "2025"]),
    ("gapcli stats --year 201", [str(year) for year in range(2011, 2020)]),  # the PIC editions
    ("gapcli rank --grade ", ["A", "B", "C", "D", "F"]),
    ("gapcli rank --grade d", ["d"]),
    ("gapcli rank --tier ", ["I", "II", "III"]),
    ("gapcli rank --grade A,", ["A,B", "A,C", "A,D", "A,F"]),  # the one after the comma; A is chosen already
    ("gapcli rank --grade a,b,", ["a,b,c", "a,b,d", "a,b,f"]),
    ("gapcli rank --tier I,I", ["I,II", "I,III"]),
    ("gapcli map --by ", ["overall", "grade", "1", "2", "3", "4", "5", "6"]),  # map cannot colour by published
    ("gapcli rank --year 2025 --by ", ["overall", "grade", "published"]),  # no issue areas known for 2025
    ("gapcli history ka", ["kansas"]),
    ("gapcli history ks@", []),  # history is every edition: it takes no @YEAR
    ("gapcli data export --year 201", [str(year) for year in range(2011, 2020)]),
    ("gapcli show ct --format j", ["json", "jsonl"]),
    ("gapcli plan ct --to ", ["A", "B", "C", "D", "F"]),
    ("gapcli sh", ["show"]),
    ("gapcli data ", ["path", "validate", "export"]),
]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
@pytest.mark.parametrize("line, expected", CASES, ids=[line for line, _ in CASES])
def test_completion(answer, shell, line, expected):
    assert values(answer(shell, line), shell) == expected


@pytest.mark.parametrize("line, expected", CASES, ids=[line for line, _ in CASES])
def test_bash_gets_the_part_of_the_word_readline_replaces(answer, line, expected):
    """bash breaks ``ct@20`` at ``@`` (COMP_WORDBREAKS) and replaces ``@20``: the answer starts there."""
    word = line.rsplit(" ", 1)[-1]
    cut = word.index("@") if "@" in word else 0
    assert answer("bash", line) == [value[cut:] for value in expected]


def test_bash_completes_an_option_value_after_equals_alone(answer):
    assert answer("bash", "gapcli show ct --year=202") == ["2021", "2023", "2025"]
    assert answer("bash", "gapcli show ct --year=202", breaks=" ") == ["2021", "2023", "2025"]
    assert answer("bash", "gapcli show ct@202", breaks=" ") == ["ct@2021", "ct@2023", "ct@2025"]


def test_descriptions_keep_apostrophes_quotes_and_colons():
    zsh = complete("zsh", "gapcli d")
    assert [line.partition(":")[0] for line in zsh] == ["data", "diff"]
    assert zsh[0].startswith("data:Where gapcli's data lives")
    assert zsh[1].startswith("diff:Two cards side by side: ")  # zsh's _describe splits at the first colon only
    fish = complete("fish", "gapcli d")
    assert fish[0].startswith("data\tWhere gapcli's data lives") and fish[1].startswith(
        "diff\tTwo cards side by side: "
    )
    assert complete("bash", "gapcli d") == ["data", "diff"]  # bash shows no descriptions


def test_issue_area_names_from_a_users_framework_are_one_line_escaped(user_dir):
    framework = (ROOT / "data" / "frameworks" / "2021.toml").read_text("utf-8")
    hostile = 'name = "Victims\' \\"Rights\\" \\u001b[31mred\\nline"'
    assert 'name = "Criminal Provisions"' in framework
    (user_dir / "frameworks").mkdir(parents=True)
    (user_dir / "frameworks" / "2021.toml").write_text(framework.replace('name = "Criminal Provisions"', hostile))
    wanted = 'Victims\' "Rights" \\x1b[31mred line'  # the escape shown, not acted on; the newline a space
    assert complete("zsh", "gapcli rank --by 1") == [f"1:{wanted}"]
    assert complete("fish", "gapcli rank --by 1") == [f"1\t{wanted}"]
    assert complete("bash", "gapcli rank --by 1") == ["1"]


@pytest.mark.parametrize(
    "instruction, shell",
    [
        ("complete_zsh", "zsh"),  # Typer's zsh script
        ("source_bash", "bash"),  # Typer's documented `eval "$(_GAPCLI_COMPLETE=source_bash gapcli)"` in .bashrc
        ("complete_fish", "fish"),
        ("tcsh", "SHELL (bash, zsh or fish)"),
    ],
)
def test_a_script_of_an_older_gapcli_is_told_to_reinstall_for_its_shell(instruction, shell):
    env = {**os.environ, "_GAPCLI_COMPLETE": instruction, "_TYPER_COMPLETE_ARGS": "gapcli sh"}
    out = subprocess.run([GAPCLI], env=env, capture_output=True, text=True, timeout=60)
    assert (out.returncode, out.stdout) == (0, "")
    assert (
        out.stderr == f"gapcli: note: this completion script is out of date; run: gapcli --install-completion {shell}\n"
    )


def test_issue_areas_are_described_from_the_edition_given_with_year():
    assert complete("zsh", "gapcli rank --year 2019 --by 1") == ["1:Criminalization of Domestic Minor Sex Trafficking"]
    assert complete("fish", "gapcli map -y 2021 --by 1") == ["1\tCriminal Provisions"]


@pytest.mark.parametrize(
    "break_it",
    [
        "module",  # a Click without shell_completion
        "method",  # ShellComplete.get_completions with another signature
    ],
)
def test_a_click_without_the_completion_api_completes_nothing_and_says_nothing(run, monkeypatch, break_it):
    name = f"{click.__name__}.shell_completion"
    if break_it == "module":
        monkeypatch.setitem(sys.modules, name, None)  # importing it raises ImportError
    else:
        module = __import__(name, fromlist=["ShellComplete"])
        monkeypatch.setattr(module.ShellComplete, "get_completions", lambda self: [])
    monkeypatch.setenv("_GAPCLI_COMPLETE", "zsh")
    monkeypatch.setenv("_GAPCLI_COMPLETE_LINE", "gapcli sh")
    result = run()
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_the_api_in_place_completes_in_process(run, monkeypatch):
    """The same run as above with Click's API as it is: the failures above are the fallback, not the norm."""
    monkeypatch.setenv("_GAPCLI_COMPLETE", "zsh")
    monkeypatch.setenv("_GAPCLI_COMPLETE_LINE", "gapcli sh")
    result = run()
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "show:A state's report card: grades, scores,...\n",
        "",
    )


@pytest.mark.parametrize("shell, check", [("bash", ["bash", "-n"]), ("zsh", ["zsh", "-n"]), ("fish", ["fish", "-n"])])
def test_show_completion_prints_a_script_the_shell_reads(shell, check, tmp_path):
    out = subprocess.run([GAPCLI, "--show-completion", shell], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and f"# gapcli completion for {shell}" in out.stdout
    script = Path(tmp_path / f"gapcli.{shell}")
    script.write_text(out.stdout)
    syntax = subprocess.run([*check, str(script)], capture_output=True, text=True, timeout=60)
    assert syntax.returncode == 0, syntax.stderr
