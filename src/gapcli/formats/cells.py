"""Cell values as text, shared by the table and markdown renderers."""

from __future__ import annotations

from typing import Any

from gapcli.views.blocks import ColumnKind, assert_never, clean

UNKNOWN = "?"
BAR_WIDTH = 10
_SPARK_UNICODE = "▁▂▃▄▅▆▇█"
_SPARK_ASCII = "_.-~=+*#"


def _num(value: float) -> str:
    return f"{value:g}"


def plain(value: Any, kind: ColumnKind, unicode: bool = True) -> str:
    """A cell as text: every kind of column is drawn here (the table, Markdown and HTML start from it)."""
    if kind in ("delta", "steps") and isinstance(value, str):
        return clean(value)  # "—": no figure applies (no previous card to compare with)
    if kind == "score":
        score, maximum = value
        shown = UNKNOWN if score is None else clean(score) if isinstance(score, str) else _num(score)
        return shown if maximum is None else f"{shown}/{_num(maximum)}"
    if kind == "bar":
        score, maximum = value
        return bar(score, maximum, unicode=unicode)
    if kind == "delta":
        return UNKNOWN if value is None else f"{value:+g}" if value else "0"
    if kind == "steps":
        return UNKNOWN if value is None else f"{value:+d}" if value else "0"
    if kind == "spark":
        return spark(value, unicode)
    if kind == "place":
        return place(*value)
    if kind == "text" or kind == "number" or kind == "grade" or kind == "link":
        return _scalar(value)
    assert_never(kind)


def _scalar(value: Any) -> str:
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return _num(value)
    return clean(value)


def place(low: int | None, high: int | None) -> str:
    """``12`` where the place is exact, ``12–47`` where the facts leave a range (``12-47`` on ASCII streams)."""
    if low is None or high is None:
        return UNKNOWN
    return str(low) if low == high else f"{low}–{high}"


def bar(value: float | None, maximum: float | None, width: int = BAR_WIDTH, unicode: bool = True) -> str:
    if value is None or not maximum:
        return ""
    filled = round(width * max(0.0, min(1.0, value / maximum)))
    if value > 0 and filled == 0:
        filled = 1  # something is not nothing
    full, empty = ("█", "░") if unicode else ("#", ".")
    return full * filled + empty * (width - filled)


def spark(values: list[float | None], unicode: bool = True) -> str:
    marks = _SPARK_UNICODE if unicode else _SPARK_ASCII
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = (high - low) or 1
    return "".join(" " if v is None else marks[round((len(marks) - 1) * (v - low) / span)] for v in values)
