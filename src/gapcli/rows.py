"""The flat rows of CSV and TSV output, where a command's records are not flat themselves.

Views build these dicts (mypy checks each against its type); a view's header row is its row
type's fields, from ``fields.py`` (written from these types and records.py by
scripts/make_schema.py, so start-up never builds a TypedDict). Commands whose records are flat
(rank, gaps, history, map, states of one edition) use their record type from records.py.
Lists are joined with "; " in a cell, ``None`` is an empty cell.
"""

from __future__ import annotations

from typing import TypedDict

from gapcli.model import GoalLists
from gapcli.records import Number


class CardIssueRow(TypedDict):
    """``show`` and ``data export --table issues``: the card ("Overall", no number), then each issue area."""

    state: str
    code: str
    year: int
    number: int | None
    name: str
    grade: str | None
    score: Number | None
    max_score: Number | None
    goal_lists: GoalLists | None
    accomplished: list[str] | None
    gaps: list[str] | None
    fips: str


class CardTableRow(TypedDict):
    """``data export --table cards``: one row per card."""

    state: str
    code: str
    year: int
    framework: str
    grade: str | None
    score: Number | None
    max_score: Number | None
    tier: str | None
    published_rank: int | None
    published_rank_of: int | None
    complete: bool
    derived: list[str]
    origin: str
    fips: str


class DiffRow(TypedDict):
    """``diff``: the overall figures (no number), then each issue area, side by side."""

    number: int | None
    name: str
    a_state: str
    a_year: int
    a_grade: str | None
    a_score: Number | None
    b_state: str
    b_year: int
    b_grade: str | None
    b_score: Number | None
    delta: Number | None
    only_a_met: list[str] | None
    only_b_met: list[str] | None
    a_fips: str
    b_fips: str


class StatsGradeRow(TypedDict):
    """``stats``: each grade (null: not known) as published and among the cards held."""

    year: int
    grade: str | None
    published: int | None
    held: int
    published_derived: bool  # that 0 is arithmetic, printed by no source (stats.published.grade_counts_derived)


class PlanRow(TypedDict):
    """``plan``: each issue area's headroom toward the target grade."""

    state: str
    code: str
    year: int
    target: str
    needs: Number
    number: int
    name: str
    score: Number | None
    max_score: Number | None
    headroom: Number | None
    headroom_share: Number | None
    unmet_goals: list[str] | None
    fips: str


class ImportRow(TypedDict):
    """``import``: one row per file, what it holds and what became of it."""

    file: str
    state: str | None
    code: str | None
    year: int | None
    grade: str | None
    score: Number | None
    complete: bool | None
    result: str
    note: str
    new_phrases: int | None
    fips: str | None


class PathRow(TypedDict):
    name: str
    path: str


class ProblemRow(TypedDict):
    problem: str


ROWS: tuple[type, ...] = (CardIssueRow, CardTableRow, DiffRow, StatsGradeRow, PlanRow, ImportRow, PathRow, ProblemRow)
