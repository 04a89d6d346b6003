"""``data export``: every card as one document, written as it is made (one edition in memory at a time).

JSON is an array with one card a line (compact: the C encoder, ~10x faster than an
indented document); JSON Lines is the same without the brackets. CSV/TSV: a card table (one row per card, nothing dropped: a card of a framework
without known issue areas is a row too) or an issue table (one row per card and issue
area of its framework).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gapcli.errors import UsageError
from gapcli.fields import FIELDS
from gapcli.formats.delimited import cell

if TYPE_CHECKING:
    from gapcli.records import CardRecord

CARD_COLUMNS = FIELDS["CardTableRow"]
ISSUE_COLUMNS = FIELDS["CardIssueRow"]
TABLES = {"cards": CARD_COLUMNS, "issues": ISSUE_COLUMNS}


def rows(card: CardRecord, table: str) -> Sequence[Mapping[str, Any]]:
    if table == "cards":
        flat: dict[str, Any] = dict(card)
        return [{**{k: flat.get(k) for k in CARD_COLUMNS}, "origin": card["source"]["origin"]}]
    from gapcli.views.cards import card_records  # CSV only: JSON output never imports the views

    return card_records([card])[1:]  # show's CSV rows, without its Overall row


def json_chunks(lines: Iterable[str], fmt: str) -> Iterator[str]:
    """Cards already serialised, one compact JSON object each, as a JSON array or JSON Lines."""
    if fmt == "jsonl":
        yield from (line + "\n" for line in lines)
        return
    yield "["
    for index, line in enumerate(lines):
        yield ("," if index else "") + "\n" + line
    yield "\n]\n"


def chunks(cards: Iterable[CardRecord], fmt: str, table: str = "cards") -> Iterator[str]:
    if fmt in ("json", "jsonl"):
        compact = (json.dumps(card, ensure_ascii=False, allow_nan=False, separators=(",", ":")) for card in cards)
        yield from json_chunks(compact, fmt)
        return
    columns = TABLES[table]
    yield _line(columns, fmt)
    for card in cards:
        yield "".join(_line([cell(row.get(k)) for k in columns], fmt) for row in rows(card, table))


def _line(values: Iterable[str], fmt: str) -> str:
    if fmt == "tsv":
        return "\t".join(values) + "\n"
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\n").writerow(values)
    return stream.getvalue()


DOCUMENT_FORMATS = ("json", "jsonl", "csv", "tsv", "sqlite")
# a suffix of --out -> the format it implies
SUFFIXES = {"json": "json", "jsonl": "jsonl", "ndjson": "jsonl", "csv": "csv", "tsv": "tsv", "db": "sqlite",
            "sqlite": "sqlite", "sqlite3": "sqlite"}  # fmt: skip


def document_format(fmt: str | None, out: Path | None) -> str:
    """--format, else the --out suffix, else json; the two must agree, and a suffix gapcli cannot write is refused."""
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    implied = SUFFIXES.get(suffix)
    if suffix and implied is None:
        known = ", ".join(f".{s}" for s in SUFFIXES)
        raise UsageError(f"--out {out}: gapcli cannot write .{suffix} files; give a name ending in {known}")
    if fmt and implied and fmt.lower() != implied:
        raise UsageError(f"--format {fmt} and --out {out} disagree; give a matching suffix")
    return (fmt or implied or "json").lower()
