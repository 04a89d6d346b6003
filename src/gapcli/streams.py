"""Text to stdout in whatever encoding it has: a symbol it cannot carry is spelled in ASCII, never an error."""

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


def write_stdout(text: str) -> None:
    sys.stdout.write(fallback(text, getattr(sys.stdout, "encoding", None) or "utf-8"))
