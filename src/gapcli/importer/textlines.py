"""Extracted card text → clean lines of tokens, whatever tool extracted it.

The same card arrives as tab-separated table rows, ``pdftotext -layout`` (columns of
spaces), plain ``pdftotext`` or pypdf (one cell per line, in the order the cells sit
on the page), or text copied and wrapped at any width. Here every line is normalised
(quotes, dashes, ligatures, spaces) and page furniture is dropped (page numbers,
copyright lines, repeated running titles), wherever a page break put it; ``cardtext``
then reads the cells. Each step is linear in the input; nothing backtracks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass

from gapcli.errors import ParseError

MAX_TEXT_CHARS = 256 * 1024  # a card is ~4 KB
MAX_LINE_CHARS = 10_000

_SPACES = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "*": " ", "\ufeff": " ", "\u00ad": "",
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})  # fmt: skip
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # all but the newline
_EDGES = re.compile(r"^\W+|\W+$")
TITLE = re.compile(r"(\d{4}) Report Card on\b", re.IGNORECASE)
_MAY_BE_TITLE = re.compile(r"\s*\d{4}\s+Report\s+Card\s+on\b", re.IGNORECASE)  # TITLE, before spaces are squeezed
_PAGE = re.compile(r"\bPage \d{1,3}(?: of \d{1,3})?\b", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*\d{4}\s+Shared Hope International\.?(?:\s+All rights reserved\.?)?", re.IGNORECASE
)
_EDGE_LINES = 4  # a print header or footer is among a page's first or last lines
_PRINTED = re.compile(
    r"(?:file|https?)://|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}:\d{2}\b"
)  # a print header's URL, date, time
_COUNTER = re.compile(r"(?:page\s*)?(\d{1,4})(?:\s*(?:/|of)\s*(\d{1,4}))?", re.IGNORECASE)
# words a line break may split at a hyphen that belongs to the word ("non-\ncriminalization")
_PREFIXES = {"non", "anti", "co", "cross", "multi", "post", "pre", "re", "self", "sub", "inter", "third", "in", "out"}


@dataclass
class Line:
    number: int
    tokens: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def normalise(text: str) -> str:
    """One spelling per character: curly quotes, dashes and ligatures as a typist would type them, a
    control as a space. Newlines stay: NFKC neither makes nor joins one, so the text's lines are
    those of its lines each normalised, done at once."""
    return _CONTROLS.sub(" ", unicodedata.normalize("NFKC", text).translate(_SPACES))


def read_lines(text: str, source: str) -> list[tuple[int, str]]:
    """(line number, normalised text) of every non-blank line that is not a page's print header or
    footer, bounded in size."""
    if len(text) > MAX_TEXT_CHARS:
        raise ParseError(source, f"text is {len(text):,} characters; a card is at most {MAX_TEXT_CHARS:,}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raws = text.split("\n")
    for number, raw in enumerate(raws, start=1):
        if len(raw) > MAX_LINE_CHARS:
            raise ParseError(
                source, f"line is {len(raw):,} characters; card lines are at most {MAX_LINE_CHARS:,}", number
            )
    cleaned = normalise(text).split("\n")
    found: list[tuple[int, str]] = []
    page_of: list[int] = []
    page = 0
    paged = "\f" in text  # pdftotext and gapcli's PDF reader put a form feed between pages
    for number, line in enumerate(cleaned, start=1):
        if paged:
            page += raws[number - 1].count("\f")
        line = line.rstrip()
        if line.strip():
            found.append((number, line))
            page_of.append(page)
    edges = _page_edges(found, page_of)
    return [line for index, line in enumerate(found) if index not in edges]


def _page_edges(lines: list[tuple[int, str]], page_of: list[int]) -> set[int]:
    """The lines a printer repeats at the top or bottom of every page: a header or footer (a date and
    title, a file name, a URL) the same on each page but for its digits, and page counters ("2", "2/4",
    "Page 2 of 4") that count the pages. Only where there are pages to compare."""
    pages: dict[int, list[int]] = {}
    for index, page in enumerate(page_of):
        pages.setdefault(page, []).append(index)
    if len(pages) < 2:
        return set()
    edges = {i for members in pages.values() for i in members[:_EDGE_LINES] + members[-_EDGE_LINES:]}
    masked = {i: " ".join(re.sub(r"\d", "#", lines[i][1]).split()) for i in range(len(lines))}
    seen: dict[str, set[int]] = {}
    for page, members in pages.items():
        for index in members:
            if len(masked[index]) >= 6 and (index in edges or _PRINTED.search(lines[index][1])):
                seen.setdefault(masked[index], set()).add(page)
    repeated = {text for text, on in seen.items() if len(on) == len(pages)}
    furniture = set()
    for number, members in enumerate((pages[p] for p in sorted(pages)), start=1):
        for index in members:
            counter = _COUNTER.fullmatch(" ".join(lines[index][1].split()))
            if (masked[index] in repeated and not TITLE.match(lines[index][1].strip())) or (
                index in edges
                and counter
                and int(counter.group(1)) == number
                and counter.group(2) in (None, str(len(pages)))
            ):
                furniture.add(index)
    return furniture


def drop_furniture(lines: list[tuple[int, str]], state_names: set[str]) -> list[tuple[int, str]]:
    """Page numbers, copyright lines and repeated running titles go, wherever a page break put them.

    The first title line that follows the state's name (or else the first title line) is the
    card's title; every other title line, and every repeat of the state's name, is a running header.
    """
    kept = []
    for number, line in lines:
        cleaned = _COPYRIGHT.sub(" ", _PAGE.sub(" ", line))
        if cleaned.strip():
            kept.append((number, cleaned.rstrip() if cleaned.strip() != line.strip() else line))
    squeezed = [" ".join(line.split()) for _, line in kept]
    title = _title_index(squeezed, state_names)
    seen_state = False
    out = []
    for index, (number, line) in enumerate(kept):
        if TITLE.match(squeezed[index]) and index != title and _is_running_title(squeezed[index].split()):
            continue
        if squeezed[index].casefold() in state_names:
            if seen_state:
                continue
            seen_state = True
        out.append((number, line))
    return out


def _is_running_title(words: list[str]) -> bool:
    """'2021 Report Card on Child & Youth Sex Trafficking' and nothing else on the line."""
    return len(words) <= 10


def _title_index(squeezed: list[str], state_names: set[str]) -> int | None:
    titles = [i for i, line in enumerate(squeezed) if TITLE.match(line)]
    for i in titles:
        if any(squeezed[j].casefold() in state_names for j in range(max(0, i - 3), i)):
            return i
    return titles[0] if titles else None


def tokens_of(lines: list[tuple[int, str]]) -> list[Line]:
    return [Line(number, tokens) for number, line in lines if (tokens := line.split())]


def title_years(lines: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """(line number, year) of every title line ('2021 Report Card on …')."""
    found = []
    for number, line in lines:
        if _MAY_BE_TITLE.match(line) and (title := TITLE.match(" ".join(line.split()))):
            found.append((number, int(title.group(1))))
    return found


def join_hyphenated(first: str, second: str, vocabulary: Container[str]) -> str:
    """A word split at a line break: keep its hyphen where the hyphen belongs to the word."""
    left = first[:-1]
    bare = re.sub(r"\W+$", "", second.lower())
    if second[:1].isupper() or f"{left.lower()}-{bare}" in vocabulary:
        return f"{first}{second}"
    if f"{left.lower()}{bare}" in vocabulary or left.lower().strip("(\"'") not in _PREFIXES:
        return f"{left}{second}"
    return f"{first}{second}"


class Vocabulary:
    """The words of the card and the ``known`` words: what a word broken at a line's end may be.
    Gathered on first use: most cards break no word at a line's end."""

    def __init__(self, lines: list[Line], known: set[str]):
        self._lines, self._known = lines, known
        self._words: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = self._known | {_EDGES.sub("", t.lower()) for line in self._lines for t in line.tokens}
        return word in self._words
