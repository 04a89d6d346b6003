"""The views of ``gaps``: unmet goals across states, and one state's unmet goals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcli.fields import FIELDS
from gapcli.views.blocks import Block, Column, Grid, Links, Note, View
from gapcli.views.cards import PARTIAL, link_label, newer_note, unnumbered_note

if TYPE_CHECKING:
    from collections.abc import Sequence

    from gapcli.query.gaps import Goals
    from gapcli.records import EditionGrade, PlanGoal, StateGap


def gaps_view(goals: Goals, title: str) -> View:
    columns = [
        Column("Goal"),
        Column("Issue", "number", "right"),
        Column("Policy goal", wrap=True),
        Column("Unmet", "number", "right"),
        Column("Met", "number", "right"),
        Column("Unknown", "number", "right"),
        Column("States unmet", wrap=True),
        Column("States met", wrap=True),
    ]

    def states(codes: list[str], user: list[str]) -> str:
        return " ".join(code + ("*" if code in user else "") for code in codes)

    rows = [
        [
            e["id"],
            e["issue"],
            e["goal"],
            len(e["states_unmet"]),
            len(e["states_met"]),
            len(e["states_unknown"]),
            states(e["states_unmet"], e["states_user"]),
            states(e["states_met"], e["states_user"]),
        ]
        for e in goals
    ]
    over = (
        f"the {goals.jurisdictions} jurisdictions graded"
        if goals.jurisdictions_published
        else f"{goals.jurisdictions} jurisdictions at most (no source gives how many were graded)"
    )
    coverage = f"goal-level data for {goals.with_goal_data} of {over} in {goals.year}"
    without = goals.jurisdictions - goals.cards
    notes = [
        Note(
            f"Counts are over {over}. Unknown: the card names no such goal (no goal data, or a partial list)"
            + (f", or there is no card here ({without} of them)." if without > 0 else ".")
        ),
    ]
    if any(e["id"] is None for e in goals):
        notes.append(unnumbered_note())
    if any(e["states_user"] for e in goals):
        notes.append(Note("* a card you imported: its goals are yours, not published by Shared Hope."))
    blocks: list[Block] = [Grid(columns, rows, f"{title} — {coverage}"), *notes]
    return View(goals, goals, blocks, list(GAP_FIELDS), [goals.year], table=True)


GAP_FIELDS = FIELDS["GapEntry"]


def state_gaps_view(
    rows: list[StateGap], state: str, year: int, newer: Sequence[EditionGrade] = (), latest: bool = False
) -> View:
    """One state's unmet goals; which card they are from, and its newer cards, so an old list never passes for today's."""
    columns = [
        Column("Issue", "number", "right"),
        Column("Goal"),
        Column("Unmet policy goal", wrap=True),
        Column("Issue brief"),
    ]
    table = [[r["issue"], r["id"], r["goal"], r["brief"] or "see issue briefs"] for r in rows]
    blocks: list[Block] = [Grid(columns, table, f"Unmet policy goals of {state}, {year}")]
    newer_cards = newer_note(newer)
    if newer_cards is not None:
        why = ", the latest that names its policy goals" if latest else ""
        blocks += [Note(f"From {state}'s {year} card{why}."), newer_cards]
    if any(r["goal_lists"] == "partial" for r in rows) or not rows:
        blocks.append(Note(f"Partial: the card's goal lists are {PARTIAL}; other goals may be unmet too."))
    if any(r["id"] is None for r in rows):
        blocks.append(unnumbered_note())
    blocks.append(brief_links(rows))
    return View(rows, rows, blocks, FIELDS["StateGap"], [year])


def brief_links(goals: Sequence[StateGap | PlanGoal]) -> Links:
    """Where the goals' issue briefs are, named as ``show`` names the same pages (one per goal, or the index)."""
    named = {True: link_label("related_resources"), False: link_label("issue_briefs")}
    return Links(sorted({(named[bool(g["brief"])], g["brief_url"]) for g in goals if g["brief_url"]}))
