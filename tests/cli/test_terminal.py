"""Terminal conventions, as a person at a terminal meets them: --color and the colour variables,
the pager (in a real pseudo-terminal of a set size, with the real ``less``), and piped plain output
whose rows are the data alone."""

import fcntl
import json
import os
import pty
import select
import shlex
import shutil
import struct
import subprocess
import sys
import termios

import pytest

from conftest import GAPCLI
from gapcli.cli import COMMANDS
from gapcli.cli.app import build_command

pytestmark = pytest.mark.timeout(120)

COLOUR_VARIABLES = ("NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "FORCE_COLOR", "GAPCLI_PAGER", "PAGER", "LESS")
# a pager that keeps what it was given and the LESS it was run with, and shows nothing
FAKE_PAGER = "import os, sys; open(sys.argv[1], 'wb').write(os.environ.get('LESS', '-').encode() + b'\\n' + sys.stdin.buffer.read())"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in COLOUR_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def in_a_terminal(args, env=None, rows=24, columns=80, keys=(), timeout=60):
    """Run the installed gapcli on a pseudo-terminal of ``rows`` x ``columns``; ``keys`` is a list of
    (text to wait for, keys to type then; None for the text: once the terminal has been quiet 0.5 s). The exit code and everything the terminal received."""
    assert GAPCLI, "the gapcli entry point is not installed"
    pid, fd = pty.fork()
    if pid == 0:  # the child: its terminal gets its size before gapcli starts
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.environ.update({"TERM": "xterm-256color", **(env or {})})
        os.execv(GAPCLI, [GAPCLI, *args])
    received, waiting, since = b"", list(keys), 0
    while True:
        quiet = bool(waiting) and waiting[0][0] is None
        ready, _, _ = select.select([fd], [], [], 0.5 if quiet else timeout)
        if not ready and quiet:
            os.write(fd, waiting.pop(0)[1].encode())
            since = len(received)
            continue
        assert ready, f"gapcli {args} waits for nothing after {received[-300:]!r}"
        try:
            data = os.read(fd, 65536)
        except OSError:  # the child is gone: its terminal is closed
            break
        if not data:
            break
        received += data
        while (
            waiting and waiting[0][0] is not None and waiting[0][0].encode() in received[since:]
        ):  # since the last keys
            os.write(fd, waiting.pop(0)[1].encode())
            since = len(received)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), received.decode("utf-8", "replace")


def fake_pager(tmp_path, name="paged"):
    kept = tmp_path / name
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(FAKE_PAGER)} {shlex.quote(str(kept))}", kept


# --- colour ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "env, args, coloured",
    [
        ({}, [], False),  # a pipe
        ({"CLICOLOR_FORCE": "1"}, [], True),
        ({"FORCE_COLOR": "1"}, [], True),
        ({"FORCE_COLOR": "3"}, [], True),
        ({"FORCE_COLOR": "0"}, [], False),
        ({"CLICOLOR_FORCE": ""}, [], False),
        ({"CLICOLOR_FORCE": "1", "CLICOLOR": "0"}, [], True),  # forcing outranks CLICOLOR
        ({"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}, [], False),  # NO_COLOR outranks forcing
        ({"NO_COLOR": "", "FORCE_COLOR": "1"}, [], True),  # an empty NO_COLOR is not set (no-color.org)
        ({"NO_COLOR": "1"}, ["--color", "always"], True),  # --color outranks every variable
        ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
        ({}, ["--color", "ALWAYS"], True),
    ],
)
def test_colour_precedence_in_a_pipe(run, monkeypatch, env, args, coloured):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for view in (["rank"], ["rank", "--format", "table"], ["show", "ct"], ["map"]):
        result = run(*view, *args)
        assert result.exit_code == 0 and ("\x1b[" in result.stdout) == coloured, (view, env, args)


@pytest.mark.parametrize(
    "command", [["show", "ct"], ["states"], ["rank"], ["diff", "ct", "fl"], ["history", "tn"], ["map"]]
)
def test_forced_colour_reaches_every_view_not_only_the_table(run, monkeypatch, command):
    monkeypatch.setenv("CLICOLOR_FORCE", "1")
    plain = run(*command)
    assert plain.exit_code == 0 and "\x1b[" in plain.stdout  # plain text, coloured
    assert "\x1b[" in run(*command, "--format", "table").stdout


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "markdown"])
def test_colour_never_reaches_a_machine_format(run, monkeypatch, fmt):
    monkeypatch.setenv("FORCE_COLOR", "1")
    for command in (["show", "ct"], ["rank"], ["map"], ["history", "tn"]):
        result = run(*command, "--format", fmt, "--color", "always")
        assert result.exit_code == 0 and "\x1b" not in result.stdout, (command, fmt)
    for command in (["data", "export", "--color", "always"], ["schema", "rank", "--color", "always"]):
        result = run(*command)
        assert result.exit_code == 0 and "\x1b" not in result.stdout, command


def test_every_command_that_prints_takes_color_and_no_pager():
    for name in COMMANDS:
        declared = {option for p in build_command(name).params for option in getattr(p, "opts", [])}
        assert {"--color", "--no-pager"} <= declared, name


def test_a_color_that_is_not_one_is_a_usage_error(run):
    result = run("rank", "--color", "sometimes")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("gapcli: error: --color: expected one of auto, always, never; got 'sometimes'")


@pytest.mark.parametrize(
    "env, args, coloured",
    [
        ({}, [], True),
        ({"CLICOLOR": "1"}, [], True),
        ({"CLICOLOR": "0"}, [], False),
        ({"NO_COLOR": "1"}, [], False),
        ({"TERM": "dumb"}, [], False),
        ({}, ["--color", "never"], False),
        ({"NO_COLOR": "1"}, ["--color", "always"], True),
    ],
)
def test_colour_on_a_terminal(env, args, coloured):
    code, screen = in_a_terminal(["rank", "--top", "3", *args], env, rows=60)
    assert code == 0 and "Florida" in screen and ("\x1b[" in screen) == coloured, screen[:300]
    code, plain = in_a_terminal(["rank", "--top", "3", "--format", "plain", *args], env, rows=60)
    assert code == 0 and ("\x1b[" in plain) == coloured  # the same decision for plain text


# --- the pager ------------------------------------------------------------------------------------


def test_output_taller_than_the_terminal_goes_through_the_pager(tmp_path):
    pager, kept = fake_pager(tmp_path)
    code, screen = in_a_terminal(["show", "ct"], {"GAPCLI_PAGER": pager}, rows=30)
    assert code == 0 and "Connecticut" not in screen  # the pager was given it, and showed nothing
    less, text = kept.read_bytes().decode().split("\n", 1)
    assert less == "FRX" and "Connecticut (CT)" in text and "\x1b[" in text  # colour, kept by less -R
    assert text.count("\n") > 30
    kept.unlink()
    code, _ = in_a_terminal(["show", "ct"], {"GAPCLI_PAGER": pager, "LESS": "-S"}, rows=30)
    assert code == 0 and kept.read_bytes().startswith(b"-S\n")  # a LESS of the user's own is kept


@pytest.mark.parametrize(
    "env, args",
    [
        ({}, ["--no-pager"]),
        ({"GAPCLI_PAGER": ""}, []),  # empty: no pager, even though PAGER names one
        ({"GAPCLI_PAGER": "cat"}, []),
    ],
)
def test_no_pager(tmp_path, env, args):
    pager, kept = fake_pager(tmp_path)
    code, screen = in_a_terminal(["show", "ct", *args], {"PAGER": pager, **env}, rows=30)
    assert code == 0 and "Connecticut (CT)" in screen and "Source (bundled)" in screen and not kept.exists()


def test_gapcli_pager_comes_before_pager_and_output_that_fits_is_not_paged(tmp_path):
    mine, kept = fake_pager(tmp_path, "gapcli")
    theirs, other = fake_pager(tmp_path, "other")
    assert in_a_terminal(["show", "ct"], {"GAPCLI_PAGER": mine, "PAGER": theirs}, rows=30)[0] == 0
    assert kept.exists() and not other.exists()
    kept.unlink()
    code, screen = in_a_terminal(["show", "ct"], {"GAPCLI_PAGER": mine}, rows=300)
    assert code == 0 and "Source (bundled)" in screen and not kept.exists()  # it fits: printed as it is
    code, screen = in_a_terminal(["rank", "--json"], {"GAPCLI_PAGER": mine}, rows=30)
    assert code == 0 and kept.exists()  # JSON on a terminal is paged too, as gh pages it


@pytest.mark.parametrize("pager", ["/nonexistent/pager", "false", "'unbalanced"])
def test_a_pager_that_is_missing_or_fails_is_not_an_error(pager):
    code, screen = in_a_terminal(["show", "ct"], {"GAPCLI_PAGER": pager}, rows=30)
    assert code == 0 and "Connecticut (CT)" in screen and "Source (bundled)" in screen  # printed directly
    assert "Traceback" not in screen and "error" not in screen
    assert ("cannot run the pager" in screen) == (pager == "/nonexistent/pager")


def test_never_a_pager_in_a_pipe_or_for_a_file(tmp_path):
    pager, kept = fake_pager(tmp_path)
    env = {**os.environ, "GAPCLI_PAGER": pager, "XDG_CACHE_HOME": str(tmp_path / "c")}
    piped = subprocess.run([GAPCLI, "show", "ct"], capture_output=True, text=True, env=env, timeout=60)
    assert piped.returncode == 0 and "Connecticut (CT)" in piped.stdout
    with open(tmp_path / "out.json", "w") as file:
        subprocess.run([GAPCLI, "rank", "--json"], stdout=file, env=env, timeout=60, check=True)
    assert json.loads((tmp_path / "out.json").read_text()) and not kept.exists()


def test_the_default_pager_is_less_and_quitting_it_early_is_success():
    assert shutil.which("less"), "less is needed (.ci/run installs it)"
    code, screen = in_a_terminal(["gaps", "--format", "table"], rows=20, keys=[(":", "q")])
    assert code == 0 and "Goal" in screen
    assert "Broken pipe" not in screen and "Traceback" not in screen and "error" not in screen


def test_ctrl_c_in_the_pager_is_the_pagers():
    """less takes Ctrl-C (it ends a search; here it rings and redraws, or, on a busy machine, may show
    nothing); gapcli does not die under it (130), and q then quits."""
    # each key once less is quiet: typed the moment its prompt shows, a key can come before less has
    # its terminal to itself, and a Ctrl-C flushes keys typed with it
    keys = [(":", ""), (None, "\x03"), (None, "q")]
    code, screen = in_a_terminal(["gaps", "--format", "table"], {}, rows=20, keys=keys)
    assert code == 0 and "Traceback" not in screen


def test_a_pager_that_stops_reading_is_the_reader_going_away(monkeypatch, capsys):
    """More than a pipe holds, to a pager that closes its input unread: the rest is dropped, no error."""
    from gapcli.cli import pager

    monkeypatch.setattr(pager, "fits", lambda text: False)
    monkeypatch.setenv("GAPCLI_PAGER", f"{shlex.quote(sys.executable)} -c 'import os; os.close(0)'")
    assert pager.page("a line of text\n" * 100_000) is True
    assert capsys.readouterr().err == ""


def test_rows_counts_wrapped_lines_without_escapes():
    from gapcli.cli.pager import rows

    assert rows("abc\n", 80) == 1 and rows("a" * 81 + "\n", 80) == 2 and rows("\n\n", 80) == 2
    assert rows("\x1b[1;31m" + "a" * 80 + "\x1b[0m\n", 80) == 1
    assert rows("\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\\n", 10) == 1


# --- piped plain output ---------------------------------------------------------------------------


def piped(command):
    return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    "command",
    [["rank"], ["rank", "--year", "2022"], ["gaps"], ["gaps", "1.4"], ["states", "--year", "2021"], ["history", "ct"]],
)
def test_a_piped_table_is_its_header_row_and_rows_alone(command):
    """`gapcli rank | wc -l` counts the header row and the rows; the title and footnotes are on stderr."""
    shown = " ".join(shlex.quote(word) for word in command)
    counted = piped(f"{shlex.quote(GAPCLI)} {shown} | wc -l")
    rows = json.loads(subprocess.run([GAPCLI, *command, "--json"], capture_output=True, text=True).stdout)
    assert counted.returncode == 0 and int(counted.stdout) == 1 + len(rows), counted
    assert counted.stderr.strip() and "Traceback" not in counted.stderr  # the words about the table, apart
    sorted_ = piped(f"{shlex.quote(GAPCLI)} {shown} 2>/dev/null | tail -n +2 | sort")
    assert len(sorted_.stdout.splitlines()) == len(rows)


def test_rank_notes_are_on_stderr_in_a_pipe_and_in_the_view_on_a_terminal():
    result = subprocess.run([GAPCLI, "rank"], capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[0].startswith("Place\tState")
    assert result.stderr.splitlines()[0] == "2021 ranking by overall score: places among the 51 jurisdictions graded"
    assert "Ties share a place." in result.stderr and "Ties share" not in result.stdout
    code, screen = in_a_terminal(["rank", "--no-pager"], rows=100, columns=200)
    assert code == 0 and "Ties share a place." in screen and "2021 ranking by overall score" in screen


# --- what a run imports ---------------------------------------------------------------------------

PROBE = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["gapcli", *sys.argv[1:]]
from gapcli.__main__ import main
main()
"""


@pytest.mark.parametrize("args", [["rank"], ["rank", "--json"], ["show", "ct", "--color", "always"]])
def test_a_pipe_imports_neither_the_pager_nor_rich(args, tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CACHE_HOME": str(tmp_path / "c"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "gapcli.cli.output" in modules  # the probe saw the run
    assert not {m for m in modules if m.startswith(("rich", "gapcli.cli.pager", "shlex"))}, modules
