"""CSV and TSV: the view's flat records, one header row. Lists are joined with "; "."""

from __future__ import annotations

import csv
import io

from gapcli.render.view import clean


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(clean(v) for v in value)
    return clean(value)


def format(view, delimiter: str = ",", **_options) -> str:  # noqa: A001
    if not view.records:
        return ""
    stream = io.StringIO()
    header = list(view.records[0])
    if delimiter == "\t":  # TSV has no quoting: clean() already removed tabs and newlines
        lines = ["\t".join(header)] + ["\t".join(_cell(r.get(k)) for k in header) for r in view.records]
        return "\n".join(lines) + "\n"
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(header)
    for record in view.records:
        writer.writerow(_cell(record.get(k)) for k in header)
    return stream.getvalue()
