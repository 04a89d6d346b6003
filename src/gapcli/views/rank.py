"""The view of ``rank``: places shared by ties, and how many cards were ranked of how many."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcli.views.blocks import Block, Column, Grid, Note, View

if TYPE_CHECKING:
    from gapcli.query.rank import Ranking


def rank_view(ranking: Ranking) -> View:
    tiers = [Column("Tier")] if ranking.defines["tier"] else []  # none in the Protected Innocence Challenge
    ungraded = ranking.by not in ("overall", "grade", "published") and not ranking.defines["issue_grades"]
    columns = [
        Column("Rank", "number", "right"),
        Column("State", wrap=True),
        Column("Grade", "grade"),
        Column("Score", "score", "right"),
        *tiers,
        Column("Published", "number", "right"),
    ]
    table = [
        [
            r["rank"],
            r["state"],
            "—" if ungraded else r["grade"],
            (r["score"], r["max_score"]),
            *([r["tier"]] if tiers else []),
            r["published_rank"],
        ]
        for r in ranking.rows
    ]
    title = f"{ranking.year} ranking by {ranking.label}: {ranking.ranked} of {ranking.cards} cards have one"
    blocks: list[Block] = [Grid(columns, table, title)]
    left_out = ranking.cards - ranking.ranked
    if not ranking.ranked:
        others = [
            f"--by {by} ({n} card{'s' if n != 1 else ''})"
            for by, n in ranking.coverage.items()
            if n and by != ranking.by
        ]
        hint = f"; try {' or '.join(others)}" if others else ""
        blocks.append(
            Note(f"No source gives the {ranking.label} of any {ranking.year} card, so nothing is ranked{hint}.")
        )
    elif left_out:
        blocks.append(Note(f"{left_out} of {ranking.cards} cards are left out: no source gives their {ranking.label}."))
    if ranking.filtered_out:
        blocks.append(
            Note(
                f"{ranking.filtered_out} ranked card(s) not shown (--grade/--tier); places are those of the whole ranking."
            )
        )
    if ranking.by != "published" and ranking.ranked:
        blocks.append(
            Note(
                "Rank is the place among the ranked cards only; 'Published' is Shared Hope's rank, where a source gives it."
            )
        )
    return View(ranking.rows, ranking.rows, blocks, list(RANK_FIELDS), [ranking.year])


RANK_FIELDS = (
    "rank",
    "state",
    "code",
    "year",
    "grade",
    "score",
    "max_score",
    "tier",
    "published_rank",
    "by",
    "ranked",
    "cards",
)
