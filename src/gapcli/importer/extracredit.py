"""A card's extra credit: CATEGORY POINTS DESCRIPTION rows, however extraction laid them out.

Read as the issue table is: a category is the framework's name for it, wrapped over line
starts or not ("Child / Labor / Trafficking", with description words beside each part in
``pdftotext -layout``), its points the number after it, and the rest descriptions, one
sentence each, paired with the categories in order. Where a tool put the rows before their
"EXTRA CREDIT" label, ``rows_before_label`` finds them at the end of the issue table, and
``category_around_label`` a category whose first words sit above the label's line.
Nothing is guessed: what cannot be paired stops the import with its line.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from gapcli.errors import ParseError
from gapcli.importer.cardtable import NUMBER, Text, joined, name_done, name_words
from gapcli.importer.textlines import Line
from gapcli.model import ExtraCredit, Framework

_WRAP_LINES = 4  # a category wraps over at most this many lines


@dataclass
class _Entry:
    category: str | None  # the framework's name; None where the framework names no categories
    read: list[str]
    line: int
    points: float | None = None

    def done(self) -> bool:
        return self.category is None or name_done(self.category, self.read)


def read_extra(
    lines: list[Line],
    framework: Framework,
    source: str,
    words: Container[str],
    described: Text | None = None,
) -> list[tuple[ExtraCredit, int]]:
    """Each extra-credit row, with the line it starts on; ``described``: the descriptions where they
    came in the Highlights column after the table's cells (``highlightcolumn``), one sentence each."""
    entries: list[_Entry] = []
    text: Text = []
    for index, line in enumerate(lines):
        tokens, at = line.tokens, 0
        current = entries[-1] if entries else None
        if current is not None and current.category and not current.done():
            at = name_words(current.category, current.read, tokens)
            current.read += tokens[:at]
        if at == 0 and (current is None or current.points is not None):
            entry = _starts(tokens, framework)
            if entry is not None:
                entry.line = line.number
                entries.append(entry)
                current, at = entry, len(entry.read)
        if current is None:
            raise ParseError(source, f"extra credit has no 'CATEGORY POINTS' start: {line.text[:60]!r}", line.number)
        if (
            current.points is None
            and at < len(tokens)
            and NUMBER.fullmatch(tokens[at])
            and (at or current.done() or _continued(current, lines[index + 1 : index + 2]))
        ):  # the points: after the category, or beside it where it wraps over their line (-layout)
            current.points = float(tokens[at])
            at += 1
        text += [(t, line.number, i == len(tokens) - 1, len(entries)) for i, t in enumerate(tokens) if i >= at]
    if described is not None and text:  # a description beside its cells and in the column: whose is it?
        raise ParseError(
            source, f"text beside the extra-credit cells before the Highlights column: {text[0][0]!r}", text[0][1]
        )
    descriptions = _sentences(
        " ".join(t.text for t in joined(text if described is None else described, words)),
        len(entries),
        strict=described is not None,
    )
    if len(descriptions) != len(entries) or any(e.points is None or not e.done() for e in entries):
        raise ParseError(
            source,
            f"cannot pair {len(entries)} extra-credit categories with their points and descriptions",
            entries[0].line if entries else None,
        )
    return [
        (ExtraCredit(e.category or " ".join(e.read), e.points or 0.0, description), e.line)
        for e, description in zip(entries, descriptions, strict=True)
    ]


def _starts(tokens: list[str], framework: Framework) -> _Entry | None:
    """A row starts with a category's first word as printed (capitalised), or, where the framework names
    no categories, with the words before a number."""
    for category in sorted(framework.extra_credit, key=len, reverse=True):
        count = name_words(category, [], tokens)
        if count and tokens[0] == category.split()[0]:
            return _Entry(category, tokens[:count], 0)
    if not framework.extra_credit:
        split = next((i for i, t in enumerate(tokens) if NUMBER.fullmatch(t)), 0)
        if split:
            return _Entry(None, tokens[:split], 0)
    return None


def _continued(entry: _Entry, following: list[Line]) -> bool:
    """The unfinished category goes on at the start of the next line."""
    return entry.category is not None and any(name_words(entry.category, entry.read, ln.tokens) for ln in following)


def category_around_label(issues: list[Line], extra: list[Line], framework: Framework) -> int | None:
    """Where a category wrapped around its row's label starts in the issue table's last lines:
    ``pdftotext -layout`` centres the label and the points on the row, so "Child Labor" (its
    description words beside it) comes above "EXTRA CREDIT 1" and "Trafficking" below. It is the
    line that starts a category left unfinished, then finished by the starts of the lines that
    follow, the label's line and after among them (a line with no part of it holds the points)."""
    for start in range(len(issues) - 1, max(len(issues) - _WRAP_LINES, 0) - 1, -1):
        entry = _starts(issues[start].tokens, framework)
        if entry is None or entry.category is None or entry.done():
            continue
        for offset, line in enumerate([*issues[start + 1 :], *extra[:_WRAP_LINES]]):
            count = name_words(entry.category, entry.read, line.tokens)
            in_extra = start + 1 + offset >= len(issues)
            if not count and not (in_extra and NUMBER.fullmatch(line.tokens[0])):
                break
            entry.read += line.tokens[:count]
            if entry.done():
                return start if in_extra else None
    return None


def rows_before_label(lines: list[Line], framework: Framework) -> int | None:
    """Where extra-credit rows start at the end of the issue table (plain pdftotext puts a table's
    last row before the label in the first column): the last line that starts a category whose
    name is then completed and followed by its points."""
    for start in range(len(lines) - 1, -1, -1):
        entry = _starts(lines[start].tokens, framework)
        if entry is None or entry.category is None:
            continue
        following = lines[start].tokens[len(entry.read) :]
        for line in lines[start + 1 :]:
            if entry.done():
                following += line.tokens
                break
            count = name_words(entry.category, entry.read, line.tokens)
            entry.read += line.tokens[:count]
            following = line.tokens[count:]
        if entry.done() and following and NUMBER.fullmatch(following[0]):
            return start
    return None


def _sentences(text: str, wanted: int, strict: bool = False) -> list[str]:
    """One description per entry: the text as is for one entry, else split at sentence ends
    (``strict``: always, where nothing but the sentence count tells the descriptions apart)."""
    if wanted <= 1 and not strict:
        return [text] if text or wanted else []
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if part.strip()]
