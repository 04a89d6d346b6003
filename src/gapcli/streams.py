"""The standard streams: text to stdout in whatever encoding it has, and the one way a line reaches stderr.

A symbol stdout cannot carry is spelled in ASCII, never an error. A line for stderr is made
safe for a terminal and bounded in length; where stderr is closed (``2>&-``) or gone, the
line is lost, and a run that would have succeeded exits 1 instead (``stderr_lost``), as GNU
tools do.
"""

from __future__ import annotations

import sys

# what a stream that cannot encode the real character shows instead: readable, never an error
_FALLBACKS = str.maketrans({
    "·": "-", "—": "--", "–": "-", "−": "-", "→": "->", "≥": ">=", "≤": "<=", "Δ": "d", "✔": "+", "✘": "x",
    "•": "-", "…": "...", "‘": "'", "’": "'", "“": '"', "”": '"', "█": "#", "░": ".", "©": "(c)", "\u00a0": " ",
})  # fmt: skip


def fallback(text: str, encoding: str) -> str:
    """``text`` as ``encoding`` can carry it: known symbols spelled in ASCII, accents dropped, '?' last."""
    try:
        text.encode(encoding)
        return text
    except (UnicodeEncodeError, LookupError):
        pass
    import unicodedata

    out = []
    for char in text.translate(_FALLBACKS):
        try:
            char.encode(encoding)
            out.append(char)
        except (UnicodeEncodeError, LookupError):
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(plain or "?")
    return "".join(out)


def _encoding(stream: object) -> str:
    return getattr(stream, "encoding", None) or "utf-8"


def write_stdout(text: str) -> None:
    sys.stdout.write(fallback(text, _encoding(sys.stdout)))


LINE_LIMIT = 1000  # characters of one stderr line: a warning about a hostile file stays readable


class _Said:
    lost = False  # a line meant for stderr could not be written


def tell(line: str) -> None:
    """Write one line to stderr: every character safe for a terminal, its length bounded, its symbols
    spelled as stderr's encoding carries them (``Δ`` as ``d`` on an ASCII stream, as on stdout)."""
    from gapcli.errors import shorten
    from gapcli.safe import clean

    try:
        sys.stderr.write(fallback(shorten(clean(line), LINE_LIMIT), _encoding(sys.stderr)) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # closed at start-up, a vanished terminal, a closed pipe
        _Said.lost = True


def stderr_lost() -> bool:
    """Whether a line for stderr was lost (and forget it: a next run in this process starts afresh)."""
    found, _Said.lost = _Said.lost, False
    return found
