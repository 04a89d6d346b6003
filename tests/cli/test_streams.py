"""Arguments and streams: a repeated option that disagrees, an empty path, a closed stream,
a name too long; each a usage error or an environment fault of one line, never a traceback."""

import os
import subprocess

import pytest

from conftest import GAPCLI, SEED_TEXT
from gapcli.cli import COMMANDS
from gapcli.cli.app import build_command

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize(
    "args, option",
    [
        (["show", "ct", "--year", "2021", "--year", "2023"], "--year"),
        (["show", "ct", "-y", "2021", "--year=2023"], "--year"),
        (["rank", "--by", "1", "--by", "2"], "--by"),
        (["rank", "--format", "json", "--format", "csv"], "--format"),
        (["data", "export", "--year", "2021", "--year", "2023"], "--year"),
        (["import", "-", "--state", "ct", "--state", "ny"], "--state"),
    ],
)
def test_a_single_valued_option_given_twice_with_different_values_is_a_usage_error(run, args, option):
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"gapcli: error: {option} given twice with different values")
    assert result.stderr.count("\n") == 1


def test_the_same_value_twice_is_one_value(run):
    once = run("show", "ct", "--year", "2021", "--json")
    assert run("show", "ct", "--year", "2021", "-y", "2021", "--json").stdout == once.stdout
    assert run("rank", "--by", "1", "--by", "1", "--json").stdout == run("rank", "--by", "1", "--json").stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_single_valued_option_refuses_a_disagreeing_repeat(name):
    """The rule lives in the option layer (cli/values.py), so a new option gets it too."""

    def options(command):
        yield from (p for p in command.params if p.param_type_name == "option")
        for sub in getattr(command, "commands", {}).values():
            yield from options(sub)

    for param in options(build_command(name)):
        single = not (param.multiple or param.count or param.is_flag) and param.nargs == 1
        assert ("add_to_parser" in vars(param)) == single, (name, param.name)


@pytest.mark.parametrize(
    "args, option",
    [
        (["import", "-", "--out", ""], "--out"),
        (["data", "validate", ""], "PATH..."),
        (["show", "ct", "--export", ""], "--export"),
        (["data", "export", "--out", ""], "--out"),
    ],
)
def test_an_empty_path_is_a_usage_error(run, args, option, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # were '' the current folder, something would land here
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"gapcli: error: {option}: an empty path names no file or folder")
    assert list(tmp_path.iterdir()) == []


def shell(command, **options):
    """``command`` in bash, with gapcli the installed entry point: redirections as users write them."""
    return subprocess.run(
        ["bash", "-c", command.replace("gapcli ", f"'{GAPCLI}' ")],
        capture_output=True,
        text=True,
        timeout=60,
        **options,
    )


@pytest.mark.parametrize(
    "command, said",
    [
        ("gapcli show ct >&-", "cannot write output: standard output is closed"),
        ("gapcli show ct --json >&-", "cannot write output: standard output is closed"),
        ("gapcli data export >&-", "cannot write output: standard output is closed"),
        ("gapcli --help >&-", "cannot write output: standard output is closed"),
        ("gapcli --version >&-", "cannot write output: standard output is closed"),
        ("gapcli import - <&-", "-: cannot read: standard input is closed"),
        ("gapcli import - --dry-run <&-", "-: cannot read: standard input is closed"),
    ],
)
def test_a_closed_stream_is_an_environment_fault_of_one_line(command, said):
    done = shell(command)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("gapcli: error: ") and said in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


@pytest.mark.parametrize(
    "command, code",
    [
        ("gapcli show ct --json 2>&-", 0),  # nothing to say on stderr: stderr is not needed
        ("gapcli show nowhere 2>&-", 1),  # the error line is lost, its exit code is not
        ("gapcli show ct --year 20x1 2>&-", 2),
    ],
)
def test_a_closed_stderr_loses_lines_but_never_puts_them_on_stdout(command, code):
    done = shell(command)
    assert done.returncode == code
    assert "gapcli:" not in done.stdout and "Traceback" not in done.stdout


def test_a_closed_stderr_with_something_to_say_is_an_environment_fault(tmp_path):
    """As GNU tools do: the export is written, but the run could not say so, so it exits 1."""
    target = tmp_path / "ct.svg"
    done = shell(f"gapcli show ct --export '{target}' 2>&-")
    assert done.returncode == 1 and target.is_file() and done.stdout == ""


def test_no_file_gapcli_opens_takes_a_closed_descriptors_number(tmp_path):
    """With fd 2 closed, the next file opened (the parse cache) would be fd 2: a Ctrl-C's newline,
    or any stray write to stderr, would land in it. /dev/null holds the number instead."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d")}
    probe = "import os, sys; sys.argv = ['gapcli', 'show', 'ct', '--json']; from gapcli.__main__ import main\n"
    probe += "import atexit; atexit.register(lambda: os.write(1, os.readlink('/proc/self/fd/2').encode()))\nmain()"
    python = os.path.join(os.path.dirname(GAPCLI), "python")
    done = subprocess.run(
        ["bash", "-c", f"'{python}' -c \"$PROBE\" 2>&-"], capture_output=True, env={**env, "PROBE": probe}, timeout=60
    )
    assert done.returncode == 0
    assert done.stdout.decode().endswith("/dev/null")


def test_a_name_longer_than_the_system_allows_is_named(run, tmp_path):
    long = "x" * 300
    for args, kind in (
        (["show", "ct", "--export", str(tmp_path / f"{long}.svg")], "cannot write"),
        (["data", "export", "--out", str(tmp_path / f"{long}.json")], "cannot write"),
        (["data", "validate", str(tmp_path / f"{long}.toml")], ""),
        (["import", str(tmp_path / f"{long}.txt")], ""),
    ):
        result = run(*args)
        said = result.stderr
        assert result.exit_code == 1 and long in said and "File name too long" in said and kind in said, said
        assert said.count("\n") == 1 and "internal error" not in said


def test_a_name_too_long_through_the_entry_point():
    long = "/tmp/" + "y" * 300 + ".svg"
    done = subprocess.run([GAPCLI, "show", "ct", "--export", long], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stderr == f"gapcli: error: {long}: cannot write: File name too long\n"


def test_import_reads_stdin_once_it_is_open():
    """The closed-stdin fault does not touch an open one (the seed card through a pipe)."""
    done = shell("gapcli import - --dry-run --json < " + str(SEED_TEXT))
    assert done.returncode == 0, done.stderr
