"""The view of ``plan``: the distance to a grade and where its points could come from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcli.fields import FIELDS
from gapcli.views.blocks import Block, Bullets, Column, Grid, Note, Title, View
from gapcli.views.cards import newer_note, numbered, unnumbered_note
from gapcli.views.goals import brief_links

if TYPE_CHECKING:
    from gapcli.records import PlanRecord
    from gapcli.rows import PlanRow


def plan_view(p: PlanRecord) -> View:
    head = f"{p['state']} ({p['code']}) · {p['year']}: {p['grade'] or '?'} {p['score']:g}/{p['max_score']:g}"
    if not p["needs"]:
        subtitle = f"Already at or above {p['target']} (from {p['target_score']:g} points): nothing to close."
    else:
        subtitle = f"To reach {p['target']} ({p['target_score']:g} points) needs {p['needs']:g} more."
    blocks: list[Block] = [Title(head, subtitle, p["grade"])]
    newer = newer_note(p["newer_editions"])
    if newer is not None:
        blocks += [newer, Note(f"This plan starts from the {p['year']} card; the state's newer cards are above.")]
    unit, of = ("%", " of the points possible") if p["scale_basis"] == "percent" else ("", " points")
    scale = ", ".join(f"{letter} ≥ {minimum:g}{unit}" for letter, minimum in p["scale"].items() if minimum)
    blocks.append(
        Note(
            f"Assumes the grade scale {scale}{of}: it fits every published score and grade, "
            "but Shared Hope does not state it."
        )
    )
    if p["needs"] and p["least_goals"] is not None:
        alone = p["areas_alone"]
        where = (
            f"; area(s) {', '.join(map(str, alone))} alone have that much headroom"
            if alone
            else "; no single area has that much headroom"
            if alone is not None
            else ""
        )
        blocks.append(
            Note(
                f"At most {p['goal_points']:g} points per policy goal: at least {p['least_goals']} goals{where}. "
                "Arithmetic on published figures, not a prediction of how a new law would be scored."
            )
        )
    goals = p["framework_defines"]["goal_lists"]  # the Protected Innocence Challenge lists none
    rows = [
        [
            i["number"],
            i["name"],
            (i["score"], i["max_score"]),
            i["headroom"],
            i["headroom_share"],
            *([len(i["unmet_goals"]) if i["unmet_goals"] is not None else None] if goals else []),
        ]
        for i in p["issues"]
    ]
    columns = [
        Column("#", "number", "right"),
        Column("Issue area", wrap=True),
        Column("Score", "score", "right"),
        Column("Headroom", "number", "right"),
        Column("% of all headroom", "number", "right"),
        *([Column("Unmet goals", "number", "right")] if goals else []),
    ]
    blocks.append(Grid(columns, rows, "Issue areas, most headroom first"))
    for issue in p["issues"]:
        if issue["unmet_goals"]:
            partial = " (goals named by a source; others not known)" if issue["goal_lists"] == "partial" else ""
            items = [
                numbered(g["goal"], g["phrase"]) + (f" — {g['brief']}" if g["brief"] else "")
                for g in issue["unmet_goals"]
            ]
            blocks.append(Bullets(f"{issue['number']}. {issue['name']} — unmet goals{partial}", items, "gap"))
    unmet = [g for i in p["issues"] for g in i["unmet_goals"] or ()]
    if any(g["goal"] is None for g in unmet):
        blocks.append(unnumbered_note())
    if not p["framework_defines"]["goal_lists"]:
        blocks.append(Note("This framework's cards list no policy goals: headroom only."))
    elif not p["goals_known"]:
        blocks.append(Note("The card's policy goals are not known (no source names them): headroom only."))
    if unmet:
        blocks.append(brief_links(unmet))
    records: list[PlanRow] = [
        {
            "state": p["state"],
            "code": p["code"],
            "year": p["year"],
            "target": p["target"],
            "needs": p["needs"],
            "number": i["number"],
            "name": i["name"],
            "score": i["score"],
            "max_score": i["max_score"],
            "headroom": i["headroom"],
            "headroom_share": i["headroom_share"],
            "unmet_goals": None if i["unmet_goals"] is None else [g["phrase"] for g in i["unmet_goals"]],
            "fips": p["fips"],
        }
        for i in p["issues"]
    ]
    return View(p, records, blocks, FIELDS["PlanRow"], [p["year"]])
