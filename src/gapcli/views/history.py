"""The view of ``history``: a state's card in every edition, one framework a run, with why a year has none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcli.fields import FIELDS
from gapcli.model import GRADES
from gapcli.views.blocks import Block, Column, Grid, Note, Run, View

if TYPE_CHECKING:
    from gapcli.records import HistoryRow


def history_view(rows: list[HistoryRow]) -> View:
    columns = [
        Column("Year", "number"),
        Column("Framework", wrap=True),
        Column("Grade", "grade"),
        Column("Change", "steps", "right"),
        Column("Score", "score", "right"),
        Column("Δ", "delta", "right"),
        Column("Tier"),
        Column("Published", "number", "right"),
    ]
    table = [
        [
            r["year"],
            _framework_cell(r),
            f"{r['grade'] or '?'}*"
            if "grade" in r["derived"]
            else r["grade"]
            if r["has_card"]
            else "not graded"
            if r["graded"] is False
            else "no card"
            if r["edition"]
            else "—",
            r["grade_steps"] if r["has_card"] and r["comparable_with_previous"] else "—",
            (r["score"], r["max_score"]) if r["has_card"] else ("—", None),
            r["delta"] if r["has_card"] and r["comparable_with_previous"] else "—",
            r["tier"]
            if r["has_card"] and r["framework_defines"] is not None and r["framework_defines"]["tier"]
            else "—",
            r["published_rank"] if r["has_card"] else "—",
        ]
        for r in rows
    ]
    title = f"{rows[0]['state']} through the editions"
    blocks: list[Block] = [Grid(columns, table, title, runs=_framework_runs(rows), run_column=1)]
    trends = []
    frameworks = dict.fromkeys(r["framework_short"] for r in rows if r["edition"])
    for short in frameworks:  # one line per framework: a trend never crosses one
        grades = [
            None if r["grade"] is None else float(len(GRADES) - GRADES.index(r["grade"]))
            for r in rows
            if r["framework_short"] == short
        ]
        if sum(g is not None for g in grades) > 1:
            trends.append([short, grades])
    if trends:
        blocks.append(Grid([Column("Framework"), Column("Grade trend", "spark")], trends))
        blocks.append(
            Note(
                "Grade trend: a mark per edition, oldest first, its height the grade between the state's own lowest "
                "and highest in that framework (one grade throughout: a flat low line); a gap: no grade for that "
                "edition (no card, not graded or not published).",
                key=True,
            )
        )
    blocks.append(
        Note(
            "Change (in letters) and Δ (score): since the state's previous card of the same framework; '—' where there is no "
            "card, or none before it in its framework; '?' where a figure is not published. Tier '—': no tiers."
        )
    )
    no_maximum = [str(r["year"]) for r in rows if r["has_card"] and r["max_score"] is None]
    if no_maximum:  # the score's form differs there: say why, so '?' never reads as '?/100'
        blocks.append(
            Note(
                f"Score with no '/maximum' ({', '.join(no_maximum)}): the maximum points of that edition are not "
                "known (no source gapcli holds gives them)."
            )
        )
    derived = [r for r in rows if r["derived"]]
    if derived:  # the card view says how each was reached
        named = "; ".join(f"the {r['year']} {', '.join(f.replace('_', ' ') for f in r['derived'])}" for r in derived)
        how = f"gapcli show {derived[0]['code'].lower()} --year {derived[0]['year']} says how"
        mark = "* " if any("grade" in r["derived"] for r in derived) else ""  # only a derived grade is marked
        blocks.append(Note(f"{mark}Derived by counting or arithmetic, printed by no source: {named} ({how})."))
    changes = [f"{r['year']}: {r['framework_short']}" for r in rows if r["framework_changed"]]
    if changes:
        blocks.append(Note(f"Framework changes ({'; '.join(changes)}): no change is given across them."))
    missing = [str(r["year"]) for r in rows if r["edition"] and not r["has_card"] and r["graded"] is not False]
    if missing:
        blocks.append(Note(f"No card for {rows[0]['state']} in {', '.join(missing)}: not in the sources gapcli holds."))
    left_out = [str(r["year"]) for r in rows if r["graded"] is False]
    if left_out:
        blocks.append(
            Note(
                f"{rows[0]['state']} was not graded in {', '.join(left_out)}: the edition left it out (not a gap here)."
            )
        )
    return View(rows, rows, blocks, FIELDS["HistoryRow"], [r["year"] for r in rows if r["edition"]], table=True)


def _framework_runs(rows: list[HistoryRow]) -> tuple[Run, ...]:
    """Consecutive editions of one framework under one heading ("Protected Innocence Challenge, 2011–2019");
    a year without an edition is a heading of its own, with its reason."""
    runs: list[Run] = []
    for index, row in enumerate(rows):
        same = runs and runs[-1].rows and rows[runs[-1].rows[-1]]["framework_short"] == row["framework_short"]
        if not row["edition"]:
            runs.append(Run(f"{row['year']}: {row['reason']}", ()))
        elif same and not row["framework_changed"]:
            runs[-1] = runs[-1]._replace(rows=(*runs[-1].rows, index))
        else:
            runs.append(Run(str(row["framework_short"]), (index,)))
    named = []
    for run in runs:
        if run.rows:
            first, last = rows[run.rows[0]], rows[run.rows[-1]]
            span = str(first["year"]) if first is last else f"{first['year']}–{last['year']}"
            new = " (new framework)" if first["framework_changed"] else ""
            run = run._replace(heading=f"{run.heading}, {span}{new}")
        named.append(run)
    return tuple(named)


def _framework_cell(row: HistoryRow) -> str:
    """The edition's framework, marked where it changes; for a year without an edition, why."""
    if not row["edition"]:
        return str(row["reason"])
    return f"{row['framework_short']} (new framework)" if row["framework_changed"] else str(row["framework_short"])
