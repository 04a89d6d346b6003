"""The views of ``data path`` and ``data validate``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcli.errors import shorten
from gapcli.fields import FIELDS
from gapcli.streams import LINE_LIMIT
from gapcli.views.blocks import Block, Column, Grid, View

if TYPE_CHECKING:
    from gapcli.records import ValidateRecord
    from gapcli.rows import PathRow, ProblemRow


def paths_view(places: dict[str, str]) -> View:
    rows: list[PathRow] = [{"name": name, "path": value} for name, value in places.items()]
    grid = Grid([Column("Name"), Column("Path")], [[r["name"], r["path"]] for r in rows])
    return View(places, rows, [grid], FIELDS["PathRow"])


def validate_view(checked: ValidateRecord) -> View:
    """One row per problem (nothing where there is none: the count is told on stderr)."""
    rows: list[ProblemRow] = [{"problem": shorten(problem, LINE_LIMIT)} for problem in checked["problems"]]
    blocks: list[Block] = (
        [Grid([Column("Problem", wrap=True)], [[r["problem"]] for r in rows], header=False)] if rows else []
    )
    return View(checked, rows, blocks, FIELDS["ProblemRow"])
