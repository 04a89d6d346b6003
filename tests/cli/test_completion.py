"""Shell completion for every state argument and option value, in bash, zsh and fish.

Each case drives the installed entry point through the completion environment variables,
as the shells' scripts do.
"""

import os
import subprocess

import pytest

from conftest import GAPCLI


def complete(shell: str, words: str) -> list[str]:
    env = {**os.environ, "_GAPCLI_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": words}
    if shell == "bash":
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    out = subprocess.run([GAPCLI], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    if shell == "zsh":  # _arguments '*: :(("a" "b"))' or  _arguments '*: :(("a":"help"))'
        return [
            item.split('":"')[0].strip('"')
            for item in out.stdout.split("((", 1)[-1].rsplit("))", 1)[0].split("\n")
            if item.strip('" ')
        ]
    return [line.split("\t")[0] for line in out.stdout.splitlines() if line]


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
    ("gapcli diff ct f", ["florida"]),
    ("gapcli gaps --state co", ["colorado", "connecticut"]),
    ("gapcli history tenn", ["tennessee"]),
    ("gapcli plan io", ["iowa"]),
    ("gapcli show ct@", [f"ct@{year}" for year in [*range(2011, 2020), 2021, 2022, 2023, 2025]]),
    ("gapcli rank --by ", ["overall", "grade", "published", "1", "2", "3", "4", "5", "6"]),
    ("gapcli rank --year 202", ["2021", "2022", "2023", "2025"]),
    ("gapcli stats --year 201", [str(year) for year in range(2011, 2020)]),  # the PIC editions
    ("gapcli rank --grade ", ["A", "B", "C", "D", "F"]),
    ("gapcli rank --grade d", ["d"]),
    ("gapcli rank --tier ", ["I", "II", "III"]),
    ("gapcli show ct --format j", ["json", "jsonl"]),
    ("gapcli plan ct --to ", ["A", "B", "C", "D", "F"]),
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("words, expected", CASES, ids=[w for w, _ in CASES])
def test_completion(shell, words, expected):
    assert complete(shell, words) == expected


@pytest.mark.parametrize(
    "shell, marker",
    [("bash", "complete -o default -F"), ("zsh", "#compdef gapcli"), ("fish", "complete --command gapcli")],
)
def test_show_completion_prints_the_script_of_the_shell_asked_for(shell, marker):
    out = subprocess.run([GAPCLI, "--show-completion", shell], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and marker in out.stdout
