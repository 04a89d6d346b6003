"""The installed ``gapcli`` console script, run as a user would run it."""

import json
import os
import subprocess
import sys

import pytest

from conftest import GAPCLI


def gapcli(*args, env=None, **options):
    assert GAPCLI, "the gapcli entry point is not installed (pip install -e '.[test]')"
    return subprocess.run(
        [GAPCLI, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=60, **options
    )


def test_show_connecticut_through_the_entry_point():
    result = gapcli("show", "connecticut")
    assert result.returncode == 0 and "Connecticut (CT) · 2021 report card" in result.stdout
    assert "\x1b" not in result.stdout  # stdout is a pipe: no colour, no control codes


def test_rank_prints_places_as_ranges_through_the_entry_point():
    rows = json.loads(gapcli("rank", "--year", "2021", "--json").stdout)
    iowa = next(r for r in rows if r["code"] == "IA")
    assert (iowa["place_low"], iowa["place_high"], iowa["place_of"]) == (12, 47, 51)
    ascii_out = gapcli("rank", "--year", "2021", env={"PYTHONIOENCODING": "ascii"}).stdout
    assert "12-47\tIowa" in ascii_out  # the en dash, spelled for a stream that cannot carry it


def test_piped_through_cat_has_no_escape_codes():
    pipeline = subprocess.run(
        f"'{GAPCLI}' show connecticut | cat", shell=True, capture_output=True, text=True, timeout=60
    )
    assert pipeline.returncode == 0 and "43.5/100" in pipeline.stdout and "\x1b" not in pipeline.stdout


def in_a_terminal(env, *args):
    """Run gapcli under a pseudo-terminal, as a person at a terminal would, and read what it draws."""
    pty = pytest.importorskip("pty")
    import select

    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.execv(GAPCLI, [GAPCLI, *args])
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        try:
            data = os.read(fd, 65536) if ready else b""
        except OSError:
            data = b""
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8", "replace")


def test_no_color_means_no_control_codes_at_all():
    coloured = in_a_terminal({"TERM": "xterm-256color", "COLUMNS": "100"}, "show", "ct")
    assert "\x1b[" in coloured and "Connecticut" in coloured
    plain = in_a_terminal({"TERM": "xterm-256color", "COLUMNS": "100", "NO_COLOR": "1"}, "show", "ct")
    assert "Connecticut" in plain and "\x1b" not in plain  # no colour, bold, italic or hyperlink


@pytest.mark.parametrize("term, colorterm", [("xterm", ""), ("xterm-256color", ""), ("xterm-256color", "truecolor")])
def test_five_grades_are_five_distinct_colours_on_every_colour_system(term, colorterm):
    import re

    out = in_a_terminal({"TERM": term, "COLORTERM": colorterm, "COLUMNS": "100"}, "map", "--year", "2023")
    legend = next(line for line in out.splitlines() if "Legend" in line)
    styles = {letter: code for code, letter in re.findall(r"\x1b\[([0-9;]+)m ([ABCDF]) ", legend)}
    assert sorted(styles) == ["A", "B", "C", "D", "F"] and len(set(styles.values())) == 5, styles
    if term == "xterm":  # 16 colours: no green background, so red-green colour blindness loses no step
        assert not any(code.split(";")[-1] in ("42", "102") for code in styles.values()), styles


def test_json_errors_and_exit_codes():
    assert json.loads(gapcli("show", "CT", "--json").stdout)["score"] == 43.5
    missing = gapcli("show", "conneticut")
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr == "gapcli: error: unknown state 'conneticut'; did you mean Connecticut?\n"
    usage = gapcli("show", "ct", "--year", "x")
    assert usage.returncode == 2 and usage.stderr.count("\n") == 1 and "Traceback" not in usage.stderr


def test_python_dash_m():
    result = subprocess.run([sys.executable, "-m", "gapcli", "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("gapcli ")


def test_a_closed_pipe_is_not_an_error():
    result = subprocess.run(
        f"'{GAPCLI}' data export | head -c 10", shell=True, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args", [["--help"], ["show", "--help"], ["data", "export"], ["show", "ct"], ["rank", "--json"]]
)
def test_a_closed_pipe_is_success_help_included(args):
    reader, writer = os.pipe()
    os.close(reader)  # the reader (head, less) went away before gapcli wrote anything
    result = subprocess.run([GAPCLI, *args], stdout=writer, stderr=subprocess.PIPE, text=True, timeout=60)
    os.close(writer)
    assert result.returncode == 0 and result.stderr == ""
