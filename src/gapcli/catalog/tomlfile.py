"""Read a TOML file into a dict, turning every failure into one DataError with a line.

Reading is bounded: no file costs more than a small multiple of its size in time and
memory. tomllib recurses once per nested array or inline table (2,000 of them are a
RecursionError) and spends time quadratic in the parts of a dotted key or table header
(a 42 KB file took 5 s and 1.5 GB), so ``scan`` lexes the text first, in one pass that
only looks for strings, comments and brackets, and refuses before tomllib starts:

- more than ``MAX_DEPTH`` arrays or inline tables inside each other,
- a key or table header of more than ``MAX_KEY_PARTS`` dotted parts,
- more than ``MAX_ENTRIES`` keys, table headers and array items (a card has about 50),
- a string of more than ``MAX_STRING`` characters of source text.

Most files are small and plain, so ``scan`` first tries ``_plainly_within``: strings and
comments blanked out by one regular expression (matched as the token loop matches them), the
limits checked on what is left with string methods. Only a file it cannot clear that way (over
16 KiB, a string it cannot close, near a limit) is lexed token by token.

The parser is tomli, whose compiled (mypyc) wheel is served for the common platforms and
parses a card in about a third of tomllib's time; tomllib (the same parser, pure Python) is
the fallback where tomli is missing. With the ``fast`` extra, rtoml (Rust) parses first and
tomli judges whatever rtoml refuses, so errors read as they always did (tests check both give
the same data for every bundled file, and the same export).

After parsing, ``check_issues`` caps the entries of ``issues`` at ``MAX_ISSUES``, so a
card of 90,000 issue areas is one short problem, not one problem per area. (The parse
cache bounds its rows in its own way: see ``cache``.)
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from gapcli.catalog.bounded import read_bounded
from gapcli.errors import DataError

MAX_FILE_BYTES = 1 << 20  # a card is a few KiB; anything this big is not a card
MAX_DEPTH = 16  # arrays and inline tables inside each other (bundled data: 2)
MAX_KEY_PARTS = 16  # parts of one dotted key or table header (bundled data: 2)
MAX_ENTRIES = 10_000  # keys, table headers and array items in one file (bundled data: under 300)
MAX_STRING = 16_384  # characters of one string's source text (bundled data: under 1,500)
MAX_ISSUES = 64  # entries of `issues` (an edition has 6 issue areas)

# what the scan stops at: a string or comment opening, a bracket, a separator, a dot (compiled
# on first use, by re's own cache: a run served from the parse cache never needs them)
_SIGNIFICANT = r"\"\"\"|'''|[\"'#\[\]{}=,.\n]"
_IN_BASIC = r'["\\\n]'  # what ends or escapes inside a basic string
_DATE_OR_TIME = r"\d-\d\d-\d|\d:\d\d"  # anything like a TOML date or time, in a string or not


def read_toml(path: Path) -> dict[str, Any]:
    return parse_toml(read_raw(path), str(path))


def read_raw(path: Path) -> bytes:
    return read_bounded(path, MAX_FILE_BYTES, "TOML data file")


def parse_toml(raw: bytes, name: str) -> dict[str, Any]:
    if not raw.strip():
        raise DataError(name, "file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(name, "not UTF-8 text", raw[: error.start].count(b"\n") + 1) from None
    bare = scan(text, name)
    fast, parser = _parsers()
    parsed: dict[str, Any] | None = None
    if fast is not None and not re.search(_DATE_OR_TIME, bare):  # rtoml's times have their own tzinfo class
        with contextlib.suppress(Exception):  # whatever rtoml refuses, tomli judges (and words the error)
            parsed = fast(text)
    try:
        if parsed is None:
            parsed = parser.loads(text)
    except parser.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"line (\d+)", message)
        line: int | None = (
            int(found.group(1)) if found else text.count("\n") + 1 if "end of document" in message else None
        )
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise DataError(name, f"malformed TOML: {message}", line) from None
    assert parsed is not None
    check_issues(parsed, name)
    return parsed


@cache
def _parsers() -> tuple[Callable[[str], dict[str, Any]] | None, Any]:
    """(rtoml's ``loads`` where the ``fast`` extra is installed, else None; tomli, else tomllib).

    Imported on the first parse, not at start-up: with a warm parse cache TOML is never parsed."""
    parser: Any
    try:
        import tomli as parser
    except ImportError:  # pragma: no cover - tomli is a dependency; tomllib is the same parser, slower
        import tomllib as parser  # type: ignore[import-not-found, no-redef, unused-ignore]
    try:
        from rtoml import loads as fast
    except ImportError:
        return None, parser
    return fast, parser


def scan(text: str, name: str) -> str:
    """Refuse a text over a limit, before tomllib sees it; DataError with the line.

    Strings and comments are lexed as TOML does, so a bracket or dot inside them is not
    counted; where this lexing meets something TOML rejects, tomllib stops there too.
    Returns the text without its strings and comments where the quick check cleared it, else
    the text itself (what a date or time could be in: ``parse_toml`` leaves those to tomli).
    """
    bare = _plainly_within(text)
    if bare is not None:
        return bare
    depth = dots = entries = 0
    position, size = 0, len(text)
    significant = re.compile(_SIGNIFICANT)
    while position < size:
        found = significant.search(text, position)
        if found is None:
            return text
        token, start, position = found.group(), found.start(), found.end()
        if token in ('"', "'", '"""', "'''"):
            position = _string_end(text, token, position, start + len(token) + MAX_STRING + 3)
            if position == -2:
                _refuse(text, start, name, f"a string of more than {MAX_STRING:,} characters")
            if position < 0:
                return text  # unterminated: tomllib stops there too, and reports it
        elif token == "#":
            newline = text.find("\n", position)
            position = size if newline < 0 else newline
        elif token == ".":
            dots += 1
            if dots >= MAX_KEY_PARTS:
                _refuse(text, start, name, f"a dotted key or table name of more than {MAX_KEY_PARTS} parts")
        else:
            dots = 0
            if token in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    _refuse(text, start, name, f"arrays or tables nested more than {MAX_DEPTH} deep")
            elif token in "]}":
                depth = max(0, depth - 1)
            if token in "=,[":
                entries += 1
                if entries > MAX_ENTRIES:
                    _refuse(text, start, name, f"more than {MAX_ENTRIES:,} keys, tables and array items")
    return text


# strings and comments as the token loop reads them: at each position, the first that matches
_BLANKED = (
    r'"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*"""(?:"{0,2})'
    r"|'''[^']*(?:'(?!'')[^']*)*'''(?:'{0,2})"
    r'|"[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
)
_DOT_RUN = r"\.(?:[^.=,\[\]{}\n]*\.)"  # then {MAX_KEY_PARTS - 1}: that many dots with no separator between
_NOT_BRACKET = r"[^\[\]{}]+"


def _plainly_within(text: str) -> str | None:
    """The text with its strings and comments blanked, only where the token loop of ``scan``
    would pass no limit; None: let the loop look.

    With strings and comments blanked (a quote left over is a string the pattern could not
    close: left to the loop), what the loop counts is what is left: every ``=``, ``,`` and
    ``[``; dots in a row with no separator between; the brackets' depth. No string is longer
    than its file, so a file of at most ``MAX_STRING`` characters has none too long."""
    if len(text) > MAX_STRING:
        return None
    bare = re.sub(_BLANKED, "S", text)
    if '"' in bare or "'" in bare:
        return None
    if bare.count("=") + bare.count(",") + bare.count("[") > MAX_ENTRIES:
        return None
    if bare.count(".") >= MAX_KEY_PARTS and re.search(f"{_DOT_RUN}{{{MAX_KEY_PARTS - 1}}}", bare):
        return None
    depth = 0
    for bracket in re.sub(_NOT_BRACKET, "", bare):
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return None
        else:
            depth = max(0, depth - 1)
    return bare


def _string_end(text: str, opener: str, position: int, limit: int) -> int:
    """Where a string opened just before ``position`` ends, looking no further than ``limit``:
    -1 where it does not end before the end of the text, -2 where it is longer than that."""
    window = min(limit, len(text))
    end = -1
    if opener == "'":  # literal: no escapes, no newline
        found = text.find("'", position, window)
        if text.find("\n", position, found if found >= 0 else window) >= 0:
            return -1
        end = found + 1 if found >= 0 else -1
    elif opener == "'''":
        found = text.find(opener, position, window)
        end = found + 3 if found >= 0 else -1
    else:
        stops = re.compile(_IN_BASIC)
        while end < 0:
            stop = stops.search(text, position, window)
            if stop is None:
                break
            char, position = stop.group(), stop.end()
            if char == "\\":
                position += 1  # the escaped character, whatever it is
            elif char == "\n" and opener == '"':
                return -1  # a one-line string cannot hold a newline
            elif char == '"' and (opener == '"' or text.startswith('"""', stop.start())):
                end = stop.start() + len(opener)
    if end < 0:
        return -1 if window == len(text) else -2
    for _ in range(2 if len(opener) == 3 else 0):  # up to two quotes before the closing three are text
        if end < len(text) and text[end] == opener[0]:
            end += 1
    return end


def _refuse(text: str, at: int, name: str, what: str) -> None:
    raise DataError(name, f"{what} (gapcli's limit)", text.count("\n", 0, at) + 1)


def check_issues(data: object, name: str) -> None:
    """At most ``MAX_ISSUES`` issue entries: a card of 90,000 is one short problem, not 90,000."""
    if isinstance(data, dict) and isinstance(data.get("issues"), list) and len(data["issues"]) > MAX_ISSUES:
        raise DataError(name, f"{len(data['issues']):,} issue entries; gapcli reads at most {MAX_ISSUES}")
