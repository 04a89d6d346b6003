"""JSON: the view's data, as is. Strings keep their original text; json escapes them."""

from __future__ import annotations

import json


def dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def format(view, **_options) -> str:  # noqa: A001
    return dumps(view.data)
