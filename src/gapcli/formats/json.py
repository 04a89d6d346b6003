"""JSON and JSON Lines: the records as they are. Strings keep their original text; json escapes them.

Output is strict JSON: a NaN or infinity is a bug upstream and raises, never prints ``NaN``.
Control, bidi and invisible characters are ``\\u`` escapes (``safe.json_safe``): the same
values, nothing a terminal acts on.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gapcli.views.blocks import View


def _safe(document: str) -> str:
    if document.isascii() and "\x7f" not in document:
        return document  # nothing to escape: the sanitiser is not even imported (show --json's hot path)
    from gapcli.safe import json_safe

    return json_safe(document)


def dumps(data: object) -> str:
    return _safe(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)) + "\n"


def format(view: View) -> str:  # noqa: A001
    return dumps(view.data)


def dumps_lines(data: object) -> str:
    """One compact object per line (sqlite-utils' ``--nl``); an object alone is one line."""
    items = data if isinstance(data, list) else [data]
    return "".join(
        _safe(json.dumps(item, ensure_ascii=False, allow_nan=False, separators=(",", ":"))) + "\n" for item in items
    )


def format_lines(view: View) -> str:
    return dumps_lines(view.data)
