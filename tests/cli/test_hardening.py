"""Bad input of every kind: one line on stderr, a documented exit code, never a traceback."""

import json

import pytest

MATRIX = [
    # (arguments, exit code, text the one-line error contains)
    (["show", ""], 2, "invalid selector ''"),
    (["show", "x" * 5000], 1, "unknown state"),
    (["show", "Cоnnecticut"], 1, "did you mean Connecticut"),  # Cyrillic о
    (["show", "ct", "--year", "20x1"], 2, "--year"),
    (["show", "ct", "--year", "1850"], 1, "no edition 1850"),
    (["show", "ct", "--year", "99999999999999999999"], 2, "expected a year such as 2021"),
    (["show", "ct", "--year", "2021.0"], 2, "expected a year such as 2021, got '2021.0'"),
    (["show", "fl@2021", "--year", "2023"], 2, "name different editions"),
    (["diff", "ct", "ct@2021"], 2, "give two editions"),
    (["history", "ct@2021"], 2, "without a year"),
    (["show", "ct", "--json", "--format", "csv"], 2, "exclude each other"),
    (["show", "ct", "--json", "--export", "x.txt"], 2, "excludes --json"),
    (["show", "ct", "--export", "/nonexistent/dir/x.svg"], 1, "no folder /nonexistent/dir"),
    (["import", "-", "-"], 2, "standard input (-) can be read only once"),
    (["import", ""], 2, "an empty file name"),
    (["plan", "al", "--year", "2023"], 1, "has no published score"),
    (["plan", "fl", "--year", "2023"], 1, "grade scale or maximum is not known"),
    (["data", "export", "--format", "csv", "--out", "x.json"], 2, "disagree"),
    (["show", "ct", "--format", "yaml"], 2, "--format: expected one of table, plain, json, jsonl, csv, tsv, markdown"),
    (["show", "ct", "--export", "."], 2, "--export: file '.' is a directory"),
    (["--show-completion", "tcsh"], 2, "--show-completion: expected one of bash, zsh, fish; got 'tcsh'"),
    (["show"], 2, "Missing argument 'STATE' (see 'gapcli show --help')"),
    (["show", "ct", "--year"], 2, "Option '--year' requires an argument (see 'gapcli show --help')"),
    (["data", "export", "--out"], 2, "Option '--out' requires an argument (see 'gapcli data export --help')"),
    (["--show-completion"], 2, "Option '--show-completion' requires an argument (see 'gapcli --help')"),
    (["show", "ct", "--bogus"], 2, "No such option"),
    (["rank", "--zzzz."], 2, "--zzzz."),  # the user's full stop kept (Click 8.1 quotes the option, 8.2 does not)
    (["shwo", "ct"], 2, "No such command"),
    (["diff", "ct@", "fl"], 2, "invalid selector 'ct@'"),
    (["diff", "@2021", "fl"], 2, "invalid selector '@2021'"),
    (["diff", "ct@20x1", "fl"], 2, "invalid selector 'ct@20x1'"),
    (["diff", "ct@2020", "fl"], 1, "no edition 2020 (no grades: grading paused in 2020"),
    (["diff", "ct"], 2, "Missing argument"),
    (["rank", "--by", "nothing"], 2, "--by: unknown issue area 'nothing'"),
    (["rank", "--by", "and"], 1, "ambiguous"),
    (["rank", "--top", "0"], 2, "--top: expected a number of at least 1, got '0'"),
    (["rank", "--top", "x"], 2, "--top: expected a whole number, got 'x'"),
    (["rank", "--top", "1.5"], 2, "--top: expected a whole number, got '1.5'"),
    (["rank", "--top", "٣"], 2, "--top: expected a whole number, got '٣'"),
    (["rank", "--grade", "E"], 2, "--grade: expected one of A, B, C, D, F; got 'E'"),
    (["rank", "--tier", "IV"], 2, "--tier: expected one of I, II, III; got 'IV'"),
    (["rank", "--year", "2025", "--by", "1"], 1, "no issue areas known"),
    (["gaps", "zzzz qqqq"], 1, "no 2021 policy goal matches"),
    (["gaps", "x", "--state", "ct"], 2, "either QUERY or --state"),
    (["gaps", "--state", "nowhere"], 1, "unknown state"),
    (["history", "zz"], 1, "unknown state"),
    (["history", "dc"], 0, None),
    (["map", "--by", "9"], 2, "--by: unknown issue area"),
    (["stats", "--year", "abc"], 2, "--year"),
    (["show", "ct", "--export", "out.png"], 2, "must end in .svg"),
    (["import", "/nonexistent/card.txt"], 1, "cannot read"),
    (["import", "."], 1, "no .pdf or .txt files in this folder"),
    (["data", "validate", "/nonexistent.toml"], 1, "cannot read"),
    (["--json"], 2, "No such option"),
]


@pytest.mark.parametrize("args, code, message", MATRIX, ids=[" ".join(a)[:40] for a, _, _ in MATRIX])
def test_bad_input_matrix(run, args, code, message):
    result = run(*args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    if message is not None:
        if args[:2] == ["data", "validate"]:  # validate lists problems on stdout, a count on stderr
            assert message in result.stdout and result.stdout.count("\n") == 1
        else:
            assert message in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_options_in_odd_places(run):
    assert run("--help").exit_code == 0
    expected = run("show", "ct", "--json").stdout
    assert run("show", "--json", "ct").stdout == expected
    assert run("show", "--year", "2021", "--json", "ct").stdout == expected


def write_user_card(user_dir, year, slug, text):
    path = user_dir / "cards" / str(year) / f"{slug}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


HOSTILE_CARD = """state = "Connecticut"
code = "CT"
year = 2023
grade = "F"

[[issues]]
number = 1
gaps = ["[red]x[/red]", "\\u001b[2Jwiped", "[link=file:///etc]x[/link]"]

[links]
state_page = "javascript:alert(1)"
"""


def test_markup_and_escapes_in_a_card_print_literally(run, user_dir):
    write_user_card(user_dir, 2023, "connecticut", HOSTILE_CARD)
    result = run("show", "ct", "--year", "2023")
    assert result.exit_code == 0, result.stderr
    assert "[red]x[/red]" in result.stdout and "[link=file:///etc]x[/link]" in result.stdout
    assert "\x1b" not in result.stdout and "wiped" in result.stdout
    data = json.loads(run("show", "ct", "--year", "2023", "--json").stdout)
    assert data["issues"][0]["gaps"][1] == "\x1b[2Jwiped"  # JSON keeps the original text, escaped
    assert "\\u001b[2Jwiped" in run("show", "ct", "--year", "2023", "--json").stdout


def test_a_malformed_user_card_leaves_show_working(run, user_dir):
    path = write_user_card(user_dir, 2021, "connecticut", "state = \n")
    result = run("show", "ct")
    assert result.exit_code == 0 and "Connecticut (CT) · 2021" in result.stdout
    assert result.stderr == f"gapcli: warning: {path}:1: malformed TOML: Invalid value (skipped)\n"


def test_an_unreadable_user_directory_is_a_warning(run, user_dir):
    (user_dir / "cards").mkdir(parents=True)
    (user_dir / "cards" / "2021").write_text("a file where a folder should be")
    result = run("rank", "--json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 51
    assert "2021: is a file where a folder should be (skipped)" in result.stderr
    shown = run("show", "ct", "--json")  # every other state keeps working too
    assert shown.exit_code == 0 and json.loads(shown.stdout)["score"] == 43.5
