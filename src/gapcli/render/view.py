"""What every command hands to the renderers: a View.

``data`` is the JSON contract, ``records`` the flat rows of CSV/TSV, ``blocks`` what
table and markdown output draw. Cells hold raw values; a column's ``kind`` says how
to draw them, so escaping and colour live in the renderers, not in the commands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# ESC/CSI/OSC sequences first, then any other C0/C1 control character
_CONTROL = re.compile(r"\x1b\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)?|\x1b\[[0-?]{0,64}[ -/]{0,16}[@-~]?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: object) -> str:
    """Data text made safe to print: control characters and escape sequences removed."""
    return _CONTROL.sub("", str(text)).replace("\t", " ").replace("\n", " ")


def is_web_link(url: str) -> bool:
    return url.startswith(("https://", "http://"))


@dataclass
class Column:
    header: str
    kind: str = "text"  # text | number | grade | score | bar | delta | spark | link
    justify: str = "left"
    wrap: bool = False  # long prose columns wrap at word boundaries; the rest never break


@dataclass
class Grid:
    columns: list[Column]
    rows: list[list]
    title: str | None = None


@dataclass
class Title:
    text: str
    subtitle: str = ""
    grade: str | None = None


@dataclass
class Bullets:
    title: str
    items: list[str]
    kind: str = "plain"  # plain | met | gap


@dataclass
class Chart:
    title: str
    items: list[tuple[str, float]]


@dataclass
class Tiles:
    tiles: list[dict]  # code, grade, row, col, has_card
    legend: list[tuple[str, int]]


@dataclass
class Note:
    text: str


@dataclass
class Links:
    items: list[tuple[str, str]]


@dataclass
class View:
    data: object
    records: list[dict] = field(default_factory=list)
    blocks: list = field(default_factory=list)
