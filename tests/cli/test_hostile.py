"""Hostile files in the user folder, and hostile text everywhere it can reach a terminal.

No file can take gapcli down: each is one short warning naming it, and every command
keeps working on the rest. No text can take the terminal over: control characters,
escape sequences (OSC 52 writes the clipboard), bidi and invisible characters are shown
escaped, and a newline in a field or a name never starts a line that looks like gapcli's.
"""

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import GAPCLI

pytestmark = pytest.mark.timeout(120)

OSC52 = "\x1b]52;c;cHduZWQ=\x07"  # "set the clipboard to 'pwned'"
FORGED = f"\n{OSC52}gapcli: error: forged"
HEAD = 'state = "{state}"\ncode = "{code}"\nyear = 2021\n'


def user_card(user_dir, slug, text, year=2021):
    path = user_dir / "cards" / str(year) / f"{slug}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def hostile_folder(user_dir):
    """The trial's three files: 2,000 nested arrays, a 42 KB dotted key, 90,877 issue entries (1 MB)."""
    return {
        user_card(user_dir, "vermont", HEAD.format(state="Vermont", code="VT") + "x = " + "[" * 2000 + "]" * 2000),
        user_card(user_dir, "texas", HEAD.format(state="Texas", code="TX") + ".".join(["a"] * 21_000) + " = 1\n"),
        user_card(user_dir, "ohio", HEAD.format(state="Ohio", code="OH") + "[[issues]]\n" * 90_877),
    }


COMMANDS = [
    ["rank", "--json"],
    ["states", "--json"],
    ["stats", "--json"],
    ["gaps", "--json"],
    ["map", "--json"],
    ["history", "vt", "--json"],
    ["data", "export"],
    ["show", "oh", "--year", "2021", "--json"],
]


def assert_warned_once_each(stderr, paths, read):
    lines = stderr.splitlines()
    assert "internal error" not in stderr and "Traceback" not in stderr, stderr[:500]
    for path in read:
        about = [line for line in lines if line.startswith(f"gapcli: warning: {path}")]
        assert len(about) == 1 and about[0].endswith("(skipped)") and len(about[0]) < 300, (path, lines)
    assert len(lines) == len(read), lines


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_keeps_working_beside_hostile_files(run, user_dir, args):
    paths = hostile_folder(user_dir)
    result = run(*args)
    assert result.exit_code == 0, result.stderr[:500]
    data = json.loads(result.stdout)
    read = {p for p in paths if p.stem == "vermont"} if args[0] == "history" else paths
    if args[0] == "show":
        assert data["state"] == "Ohio" and data["source"]["origin"] == "bundled"
        read = {p for p in paths if p.stem == "ohio"}
    elif args[0] == "rank":
        assert data[0]["cards"] == 51  # the bundled cards of every state, the hostile ones among them
    assert_warned_once_each(result.stderr, paths, read)


# A small Python starts gapcli and reports its child's CPU time and peak memory: on Linux a child
# started straight from the test process (large under pytest-xdist) inherits that process's peak
# across fork and exec, which would be measured as gapcli's.
LAUNCHER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"{code} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
"""


def measured(args, env, tmp_path):
    """Run the installed entry point; its exit code, stdout, stderr, CPU seconds and peak memory (MiB)."""
    report = tmp_path / "usage"
    with open(os.devnull, "rb") as nothing:
        done = subprocess.run(
            [sys.executable, "-c", LAUNCHER, str(report), GAPCLI, *args], stdin=nothing, capture_output=True, env=env
        )
    code, cpu, peak = report.read_text().split()
    assert done.returncode == 0, done.stderr[:500]
    return int(code), done.stdout.decode(), done.stderr.decode(), float(cpu), int(peak) / 1024


@pytest.mark.parametrize("args", [["rank", "--json"], ["data", "export"], ["history", "tx", "--json"]], ids=" ".join)
def test_hostile_files_cost_a_run_little_time_and_memory(user_dir, isolated_dirs, args):
    """The dotted key alone took 4.9 s and 1.55 GB before; the nesting raised RecursionError."""
    paths = hostile_folder(user_dir)
    env = {**os.environ, "XDG_DATA_HOME": str(isolated_dirs / "xdg-data"), "XDG_CACHE_HOME": str(isolated_dirs / "c")}
    code, out, err, cpu, peak = measured(args, env, isolated_dirs)
    assert code == 0, err[:500]
    json.loads(out)
    read = {p for p in paths if p.stem == "texas"} if args[0] == "history" else paths
    assert_warned_once_each(err, paths, read)
    assert cpu < 5, f"{cpu:.2f} s of CPU"
    assert peak < 250, f"{peak:.0f} MiB at peak"


def assert_no_terminal_control(*texts):
    for text in texts:
        assert not any(char in text for char in "\x1b\x07\x9b\x9d\u202e"), repr(text[:300])


def assert_no_forged_lines(stdout, stderr, errors=0, warnings=0):
    """gapcli's own lines, and only those, start like gapcli's; the forged one is shown escaped."""
    assert_no_terminal_control(stdout, stderr)
    assert not any(line.startswith("gapcli:") for line in stdout.splitlines()), stdout
    lines = stderr.splitlines()
    assert sum(line.startswith("gapcli: error:") for line in lines) == errors, lines
    assert sum(line.startswith("gapcli: warning:") for line in lines) == warnings, lines
    assert all(line.startswith(("gapcli: ", "wrote ")) for line in lines), lines


def test_a_forged_line_in_a_card_field(run, user_dir):
    path = user_card(user_dir, "vermont", HEAD.format(state=json.dumps(FORGED)[1:-1], code="VT"))
    result = run("rank", "--json")
    assert result.exit_code == 0
    assert_no_forged_lines(result.stdout, result.stderr, warnings=1)
    assert result.stderr.startswith(f"gapcli: warning: {path}: card is for \\n\\x1b]52;c;cHduZWQ=\\x07gapcli: error")


@pytest.mark.parametrize("fmt", ["plain", "table", "markdown", "csv", "tsv", "json"])
def test_osc52_bidi_and_a_forged_line_in_a_shown_card(run, user_dir, fmt):
    gap = FORGED + " \u202etxt.exe \u200bhidden"
    user_card(
        user_dir,
        "vermont",
        HEAD.format(state="Vermont", code="VT") + f"\n[[issues]]\nnumber = 1\ngaps = [{json.dumps(gap)}]\n",
    )
    result = run("show", "vt", "--year", "2021", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert_no_forged_lines(result.stdout, result.stderr)
    if fmt == "json":  # the same text, every character of it, as JSON escapes
        assert json.loads(result.stdout)["issues"][0]["gaps"] == [gap]
        assert "\\u001b]52;c;cHduZWQ=\\u0007" in result.stdout and "\\u202etxt.exe \\u200bhidden" in result.stdout
    else:
        shown = "".join(result.stdout.split())  # the table wraps long cells
        if fmt == "markdown":  # where Markdown escapes its own specials, as it renders
            shown = re.sub(r"\\(.)", r"\1", shown)
        assert "\\n\\x1b]52;c;cHduZWQ=\\x07gapcli:error:forged" in shown
        assert "\\u202etxt.exe" in shown and "\\u200bhidden" in shown


def test_a_forged_line_in_a_user_file_name(run, user_dir):
    path = user_card(user_dir, f"x{FORGED}", HEAD.format(state="Vermont", code="VT"))
    result = run("rank", "--json")
    assert result.exit_code == 0
    assert_no_forged_lines(result.stdout, result.stderr, warnings=1)
    assert f"{path.parent}/x\\n\\x1b]52;c;cHduZWQ=\\x07gapcli: error: forged.toml" in result.stderr


def test_a_forged_line_in_a_file_name_through_the_entry_point(user_dir, isolated_dirs):
    user_card(user_dir, f"x{FORGED}", HEAD.format(state="Vermont", code="VT"))
    env = {**os.environ, "XDG_DATA_HOME": str(isolated_dirs / "xdg-data"), "XDG_CACHE_HOME": str(isolated_dirs / "c")}
    done = subprocess.run([GAPCLI, "states"], capture_output=True, env=env, timeout=60)
    assert done.returncode == 0
    assert_no_forged_lines(done.stdout.decode(), done.stderr.decode(), warnings=1)


def test_an_undecodable_file_name_is_shown_by_its_bytes(run, user_dir):
    folder = user_dir / "cards" / "2021"
    folder.mkdir(parents=True)
    (folder / os.fsdecode(b"caf\xe9\x1b[2J.toml")).write_text(HEAD.format(state="Vermont", code="VT"), "utf-8")
    result = run("rank", "--json")
    assert result.exit_code == 0 and "caf\\xe9\\x1b[2J.toml" in result.stderr
    assert_no_forged_lines(result.stdout, result.stderr, warnings=1)


def test_a_forged_line_in_an_import_folders_file_name(run, tmp_path, seed_text):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / f"a{FORGED}.txt").write_text("not a card", "utf-8")
    (folder / "ct.txt").write_text(seed_text, "utf-8")
    result = run("import", str(folder), "--dry-run")
    assert result.exit_code == 1
    assert_no_forged_lines(result.stdout, result.stderr, errors=1)
    assert "a\\n\\x1b]52;c;cHduZWQ=\\x07gapcli: error: forged.txt" in result.stderr
    assert "a\\n\\x1b]52;c;cHduZWQ=\\x07gapcli: error: forged.txt" in result.stdout  # the summary's File cell


def test_a_forged_line_in_an_export_name(run, tmp_path):
    export = tmp_path / f"ct{FORGED}.txt"
    written = run("show", "ct", "--export", str(export))
    assert written.exit_code == 0 and export.is_file()
    assert_no_forged_lines(written.stdout, written.stderr)
    assert written.stderr == f"wrote {tmp_path}/ct\\n\\x1b]52;c;cHduZWQ=\\x07gapcli: error: forged.txt\n"
    refused = run("show", "ct", "--export", str(export))  # exists: refused, one error line
    assert refused.exit_code == 1
    assert_no_forged_lines(refused.stdout, refused.stderr, errors=1)


def test_a_forged_line_in_an_argument_echoed_in_an_error(run):
    result = run("show", f"ct{FORGED}")
    assert result.exit_code in (1, 2)
    assert_no_forged_lines(result.stdout, result.stderr, errors=1)
    option = run("show", "ct", f"--bogus{FORGED}")
    assert option.exit_code == 2
    assert_no_forged_lines(option.stdout, option.stderr, errors=1)


def test_the_sanitisers_fast_path_lets_through_nothing_it_would_escape():
    """``clean`` skips its pattern for printable text; every character the pattern escapes
    must therefore be one str.isprintable() refuses, or one of the few listed beside it."""
    from gapcli import safe

    every = "".join(map(chr, range(0x110000)))
    escaped = set(re.findall(safe._UNSAFE, every))
    assert {"\x1b", "\x07", "\x9b", "\n", "\u202e", "\u200b", "\ufeff", "\udcff", "\U000e0041"} <= escaped
    slipping = {c for c in escaped if c.isprintable() and c not in safe._PRINTABLE_INVISIBLE}
    assert slipping == set(), sorted(map(hex, map(ord, slipping)))[:20]
    assert all(safe.clean(c) != c for c in sorted(escaped)[::97])  # and the pattern does escape them


def test_every_stderr_line_goes_through_the_one_sanitiser():
    """``tell`` (gapcli/streams.py) is the only writer to stderr; the import progress bar, a Rich
    display on a terminal's stderr, is the one other, and cleans and escapes each name it shows."""
    from conftest import ROOT

    writers = re.compile(r"file=sys\.stderr|sys\.stderr\.write|err=True|stderr=True")
    found = {
        (path.relative_to(ROOT / "src").as_posix(), line.strip())
        for path in (ROOT / "src").rglob("*.py")
        for line in path.read_text("utf-8").splitlines()
        if writers.search(line)
    }
    assert found == {
        (
            "gapcli/streams.py",
            'sys.stderr.write(fallback(shorten(clean(line), LINE_LIMIT), _encoding(sys.stderr)) + "\\n")',
        ),
        ("gapcli/cli/importing.py", "with Progress(console=Console(stderr=True), transient=True) as bar:"),
    }, found
    progress = (ROOT / "src" / "gapcli" / "cli" / "importing.py").read_text("utf-8")
    assert "description=escape(clean(Path(name).name)[:30])" in progress


def test_exports_escape_what_json_output_escapes(run, user_dir):
    gap = f"{OSC52} \u202etxt.exe"
    user_card(
        user_dir,
        "vermont",
        HEAD.format(state="Vermont", code="VT") + f"\n[[issues]]\nnumber = 1\ngaps = [{json.dumps(gap)}]\n",
    )
    for fmt in ("json", "jsonl", "csv", "tsv"):
        result = run("data", "export", "--year", "2021", "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert_no_terminal_control(result.stdout)
        if fmt == "json":
            vermont = next(c for c in json.loads(result.stdout) if c["code"] == "VT")
            assert vermont["issues"][0]["gaps"] == [gap]


def test_a_hostile_user_framework_leaves_the_bundled_one(run, user_dir):
    framework = user_dir / "frameworks" / "2021.toml"
    framework.parent.mkdir(parents=True)
    framework.write_text("year = 2021\nx = " + "[" * 2000 + "]" * 2000 + "\n", "utf-8")
    result = run("rank", "--year", "2021", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["cards"] == 51
    assert result.stderr == (
        f"gapcli: warning: {framework}:2: arrays or tables nested more than 16 deep (gapcli's limit) (skipped)\n"
    )
