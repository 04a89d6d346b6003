"""The one sanitiser: text from data, file names or arguments made safe to show on a terminal.

Every table cell, plain or Markdown line, stderr message and file name shown goes through
``clean``; JSON output through ``json_safe``. Nothing is silently removed, since removing
would hide what is there: each character a terminal would act on, or that changes how
the text around it looks without being seen, is shown as a visible escape instead.

- C0 and C1 control characters and DEL (so every escape sequence: colours, cursor
  moves, OSC 52 clipboard writes, OSC 8 links): ``\\x1b``, ``\\x07``, ``\\x9b``;
  tab, newline and carriage return as ``\\t``, ``\\n``, ``\\r``, so a newline in a field
  or a file name can never start a line of its own (a forged ``gapcli: error:``).
- bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C),
  zero-width and other invisible format characters (U+200B-U+200D, U+2060-U+2064,
  U+FEFF, U+00AD, tag characters, ...) and the line/paragraph separators: ``\\u202e``.
- an undecodable byte of a file name (a lone surrogate from ``surrogateescape``): ``\\xff``.

A backslash itself is left as it is: the escapes are for reading, not for parsing back.
Cheap: nothing but ``re``, and a pattern compiled only for text that has something to escape.
"""

from __future__ import annotations

import re

_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\u3164\ufeff\uffa0\ufff0-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_UNSAFE = f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_INVISIBLE}]"
_JSON_UNSAFE = f"[\x7f-\x9f{_INVISIBLE}]"  # json.dumps escapes C0 itself; surrogates are an error there
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# those of _INVISIBLE that str.isprintable() passes (fillers, joiners, selectors): the rest it refuses
_PRINTABLE_INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0" + "".join(map(chr, range(0xE0100, 0xE01F0)))
)


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code <= 0x9F:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def clean(text: object) -> str:
    """``text`` on one line, with every control, bidi or invisible character shown as an escape."""
    shown = str(text)
    if shown.isprintable() and (shown.isascii() or _PRINTABLE_INVISIBLE.isdisjoint(shown)):
        return shown  # nearly all text, checked in C: the pattern is compiled only for the rest
    return re.compile(_UNSAFE).sub(_escape, shown)  # compiled once: re keeps its patterns


def _json_escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_safe(document: str) -> str:
    """A JSON document with DEL, C1, bidi and invisible characters written as ``\\u`` escapes.

    The same JSON values (these characters occur only inside strings), but nothing in the
    text that a terminal acts on or hides.
    """
    if document.isascii() and "\x7f" not in document:
        return document  # the usual case, at the cost of one pass in C
    return re.compile(_JSON_UNSAFE).sub(_json_escape, document)
