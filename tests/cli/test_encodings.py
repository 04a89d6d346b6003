"""Any encoding: every command and --help on an ASCII or Latin-1 stream exits 0 and prints readable text."""

import os
import subprocess

import pytest

from conftest import GAPCLI

COMMANDS = [
    ["show", "ct"], ["show", "ct", "--format", "table"], ["show", "ct", "-f", "markdown"], ["states"], ["diff", "ct", "fl"],
    ["rank"], ["gaps"], ["stats"], ["history", "tn"], ["map"], ["plan", "ct"], ["data", "export"], ["--help"], ["diff", "--help"],
]  # fmt: skip


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_every_command_on_a_narrow_encoding(encoding, tmp_path):
    env = {
        **os.environ,
        "PYTHONIOENCODING": encoding,
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "c"),
    }
    for args in COMMANDS:
        result = subprocess.run([GAPCLI, *args], env=env, capture_output=True, timeout=60)
        assert result.returncode == 0 and b"Traceback" not in result.stderr and b"gapcli:" not in result.stderr, (
            args,
            result.stderr,
        )
        result.stdout.decode(encoding)  # what was written is text of that encoding
        result.stderr.decode(encoding)  # the notes of a piped table too
        if encoding == "ascii" and args == ["history", "tn"]:
            assert b"Change (in letters) and d (score)" in result.stderr  # spelled out there too
        if encoding == "ascii" and args == ["diff", "ct", "fl"]:
            assert b"Connecticut 2021 -> Florida 2021" in result.stdout  # spelled out, not '?'


def test_help_reads_cleanly(run):
    for args in (["--help"], ["show", "--help"], ["rank", "--help"], ["data", "export", "--help"]):
        out = run(*args).stdout
        assert "<bool>" not in out and "Input should" not in out
    assert "markdown (default: table on a terminal, plain" in " ".join(run("show", "--help").stdout.split())


def test_help_texts_are_ascii():
    """Click writes help as UTF-8 whatever the stream: so help says everything in ASCII."""
    from gapcli.cli import COMMANDS
    from gapcli.cli.app import app, build_command

    for name in COMMANDS:
        command = build_command(name)
        texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        texts += [c.help or "" for c in getattr(command, "commands", {}).values()]
        assert all(t.isascii() for t in texts), (name, [t for t in texts if not t.isascii()])
    assert app.info.help.isascii()
