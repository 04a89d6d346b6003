"""The pager: output taller than the terminal is shown through one, as git and gh do.

``GAPCLI_PAGER``, else ``PAGER``, else ``less`` (with ``LESS=FRX`` where LESS is not set:
quit if it fits, keep colour, leave the text on the screen); empty or ``cat`` is no pager.
Imported only when stdout is a terminal (``cli/output.py``), so a pipe never pays for it.
A pager that cannot start or that fails is not gapcli's error: the text is printed
directly. The reader quitting early (``q``) is a success: nothing more is written. While the
pager runs, Ctrl-C is the pager's (less stops a search with it): gapcli ignores it until the pager ends.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import signal
import subprocess
import sys
from typing import IO

from gapcli.streams import fallback, tell

_ESCAPES = re.compile(r"\x1b\[[0-9;:]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")  # SGR and OSC 8 links


def command() -> list[str] | None:
    """The pager's command line, or None where there is to be none."""
    for name in ("GAPCLI_PAGER", "PAGER"):
        if name in os.environ:
            given = os.environ[name].strip()
            break
    else:
        given = "less"
    try:
        words = shlex.split(given)
    except ValueError:  # an unbalanced quote: not a command line
        return None
    return None if not words or words == ["cat"] else words


def rows(text: str, columns: int) -> int:
    """The terminal rows ``text`` takes at ``columns`` wide (a long line wraps)."""
    lines = _ESCAPES.sub("", text).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return sum(max(1, -(-len(line) // columns)) for line in lines)


def fits(text: str) -> bool:
    """Whether ``text`` fits the terminal's height; a terminal whose size is not known is taken to fit."""
    try:
        size = os.get_terminal_size(sys.stdout.fileno())
    except (OSError, ValueError):
        return True
    return size.lines <= 0 or size.columns <= 0 or rows(text, size.columns) < size.lines


def page(text: str) -> bool:
    """Show ``text`` through the pager where it does not fit; False where it was not shown (print it)."""
    words = command()
    if words is None or fits(text):
        return False
    env = os.environ.copy()
    env.setdefault("LESS", "FRX")
    try:
        sys.stdout.flush()
        pager = subprocess.Popen(words, stdin=subprocess.PIPE, env=env)
    except OSError as error:
        if words != ["less"]:  # the default missing is no news; a pager the user named is
            tell(f"gapcli: warning: cannot run the pager {shlex.join(words)!r}: {error.strerror or error}")
        return False
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # gapcli's own (exit 130 at once) would orphan it
    try:
        _feed(pager.stdin, text)
        code = pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return code == 0


def _feed(pipe: IO[bytes] | None, text: str) -> None:
    """Write ``text`` to the pager as stdout's encoding carries it; the reader quitting early (q) ends it."""
    assert pipe is not None
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        pipe.write(fallback(text, encoding).encode(encoding, "replace"))
        pipe.close()
    except OSError:  # a closed pipe: nothing more to show
        with contextlib.suppress(OSError):
            pipe.close()
