"""The views of ``data path`` and ``data validate``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcli.errors import shorten
from gapcli.streams import LINE_LIMIT
from gapcli.views.blocks import Block, Column, Grid, View

if TYPE_CHECKING:
    from gapcli.records import ValidateRecord


def paths_view(places: dict[str, str]) -> View:
    rows = [{"name": name, "path": value} for name, value in places.items()]
    grid = Grid([Column("Name"), Column("Path")], [[r["name"], r["path"]] for r in rows])
    return View(places, rows, [grid], ["name", "path"])


def validate_view(checked: ValidateRecord) -> View:
    """One row per problem (nothing where there is none: the count is told on stderr)."""
    rows = [{"problem": shorten(problem, LINE_LIMIT)} for problem in checked["problems"]]
    blocks: list[Block] = (
        [Grid([Column("Problem", wrap=True)], [[r["problem"]] for r in rows], header=False)] if rows else []
    )
    return View(checked, rows, blocks, ["problem"])
