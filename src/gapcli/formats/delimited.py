"""CSV and TSV: the view's flat records under one header row, also when there are no records.

Lists are joined with "; "; unknown values are empty cells.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from gapcli.safe import clean

if TYPE_CHECKING:
    from gapcli.views.blocks import View


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(clean(v) for v in value)
    return clean(value)


def _header(view: View) -> list[str]:
    return list(view.fields) if view.fields else list(view.records[0]) if view.records else []


def format_csv(view: View) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    header = _header(view)
    writer.writerow(header)
    for record in view.records:
        writer.writerow(cell(record.get(k)) for k in header)
    return stream.getvalue()


def format_tsv(view: View) -> str:
    """TSV has no quoting: clean() already removed tabs and newlines from every cell."""
    header = _header(view)
    lines = ["\t".join(header)] + ["\t".join(cell(r.get(k)) for k in header) for r in view.records]
    return "\n".join(lines) + "\n"
