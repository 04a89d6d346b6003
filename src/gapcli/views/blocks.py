"""What every command hands to the renderers: a View.

Blocks are NamedTuples: immutable records that cost next to nothing to define at start-up.

``data`` is the JSON contract, ``records`` the flat rows of CSV/TSV under the header
``fields`` (given so that an empty result still has its header row), ``blocks`` what
table, plain and markdown output draw. Cells hold raw values; a column's ``kind`` says how
to draw them, so escaping and colour live in the renderers, not in the commands.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal, NamedTuple, NoReturn, Union

from gapcli.safe import clean as clean  # the one sanitiser, where every renderer looks for it

_URL_BREAKERS = re.compile(r"[\s\"'<>\\\x00-\x1f\x7f-\x9f]")


def is_web_link(url: str) -> bool:
    """http(s) only, and nothing that could end an attribute or a terminal sequence, or hide."""
    return url.startswith(("https://", "http://")) and _URL_BREAKERS.search(url) is None and clean(url) == url


# how a column's cells are drawn: each renderer handles every kind (formats/cells.py), mypy checks it
ColumnKind = Literal["text", "number", "place", "grade", "score", "bar", "delta", "steps", "spark", "link"]
BulletKind = Literal["plain", "met", "gap"]  # a list, the goals met, the gaps
Justify = Literal["left", "right"]


def assert_never(value: NoReturn) -> NoReturn:
    """The end of a dispatch over every kind: mypy fails where one is left out, this where a value slips past."""
    raise AssertionError(f"no renderer for {value!r}")


class Column(NamedTuple):
    header: str
    kind: ColumnKind = "text"
    justify: Justify = "left"
    wrap: bool = False  # long prose columns wrap at word boundaries; the rest never break


class Run(NamedTuple):
    """Rows of a grid under one heading line (a framework's editions); no rows: a heading alone."""

    heading: str
    rows: tuple[int, ...]  # indices into the grid's rows


class Grid(NamedTuple):
    columns: list[Column]
    rows: list[list[Any]]
    title: str | None = None
    compact: bool = False  # columns two spaces apart, not three: many narrow columns (grades by edition)
    header: bool = True  # False: rows only, in plain text and tables (data validate's problems read as lines)
    # tables: the rows in runs, each under its heading, without column ``run_column`` (the headings say it
    # once a run, not once a row); plain text, Markdown and CSV keep every row whole
    runs: tuple[Run, ...] = ()
    run_column: int | None = None


class Title(NamedTuple):
    text: str
    subtitle: str = ""
    grade: str | None = None


class Bullets(NamedTuple):
    title: str
    items: list[str]
    kind: BulletKind = "plain"


class Tiles(NamedTuple):
    tiles: Sequence[Mapping[str, Any]]  # code, grade, row, col, has_card; shade (colour) and mark, if not the grade
    legend: list[tuple[str, int]]


class Note(NamedTuple):
    text: str
    key: bool = False  # the key to a picture (a sparkline): left out with it where plain text leaves pictures out


class Links(NamedTuple):
    items: list[tuple[str, str]]


Block = Union[Title, Grid, Bullets, Tiles, Note, Links]


class View(NamedTuple):
    data: object
    records: Sequence[Mapping[str, object]] = ()
    blocks: Sequence[Block] = ()
    fields: Sequence[str] = ()
    editions: Sequence[int] = ()  # the editions its figures come from: an export's source line names them
    table: bool = False  # one table of rows (rank, gaps): in a pipe, its header row and rows alone on stdout
