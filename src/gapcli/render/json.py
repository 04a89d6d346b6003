"""JSON: the view's data, as is. Strings keep their original text; json escapes them."""

from __future__ import annotations

import json


def format(view, **_options) -> str:  # noqa: A001
    return json.dumps(view.data, indent=2, ensure_ascii=False) + "\n"
