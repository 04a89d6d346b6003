"""What pypdf said while reading a PDF → short notes in gapcli's words.

pypdf's messages are written for programmers: they hold Python reprs of PDF objects (a
font dictionary, ``IndirectObject(8, 0, 140020273484624)`` with a memory address) and
advice to install packages gapcli does not use. A user needs only what it means for the
import: that the text read may be wrong. Messages gapcli recognises become one plain
sentence each; any other is cut to one short line without reprs. Repeats are told once.
"""

from __future__ import annotations

import re

MAX_NOTE_CHARS = 120

_CHECK = "; check the text read"
# (what pypdf says, what it means here); None: no note (it does not change the text read)
_KNOWN: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"uninterpretable font|Could not open font file", re.I), "a font could not be read: text may be missing"),
    (re.compile(r"Rotated text", re.I), "rotated text was left out or out of place" + _CHECK),
    (re.compile(r"fontTools|encoding|cmap|/Widths|FirstChar|character codes|font width|font table", re.I),
     "a font's encoding was guessed" + _CHECK),
    (re.compile(r"xref|startxref|trailer|/Root|Root object|object stream|Invalid stream|ref repaired|"
                r"Ignoring wrong pointing object|EOF marker", re.I),
     "the PDF is damaged and was repaired on reading" + _CHECK),
    (re.compile(r"Limiting excessive (?:whitespace|newlines)", re.I), None),
]  # fmt: skip
_REPR = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]|\w+\([^()]*\)|\bb'[^']*'|\b0x[0-9a-fA-F]+\b")
_ADVICE = re.compile(r"[^.]*\b(?:install|installing|pip)\b[^.]*\.?", re.I)


def plain_notes(messages: list[str]) -> list[str]:
    """One note per distinct meaning, in the order first said."""
    notes: list[str] = []
    for message in messages:
        note = plain_note(message)
        if note and note not in notes:
            notes.append(note)
    return notes


def plain_note(message: str) -> str | None:
    """The note for one message: a known meaning, or the message without reprs, advice or length."""
    for pattern, meaning in _KNOWN:
        if pattern.search(message):
            return meaning
    text = message
    for _ in range(8):  # nested reprs, innermost first; a repr is never worth showing
        text, count = _REPR.subn("…", text)
        if not count:
            break
    text = " ".join(_ADVICE.sub("", text).split()).strip(" :;,")
    if not text:
        return "the PDF reader reported a problem" + _CHECK
    if len(text) > MAX_NOTE_CHARS:
        text = text[: MAX_NOTE_CHARS - 1].rstrip() + "…"
    return f"the PDF reader says: {text}"
