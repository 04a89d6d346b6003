"""The view of ``rank``: each card's place among the jurisdictions graded, exact or as a range,
and what the places rest on and are over."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gapcli.fields import FIELDS
from gapcli.views.blocks import Block, Column, Grid, Note, View

if TYPE_CHECKING:
    from gapcli.query.rank import Ranking


def rank_view(ranking: Ranking) -> View:
    grouped = ranking.by == "grade"
    top = ranking.top
    tiers = [Column("Tier")] if ranking.defines["tier"] else []  # none in the Protected Innocence Challenge
    ungraded = ranking.by not in ("overall", "grade", "published") and not ranking.defines["issue_grades"]
    columns = [Column("Place", "place", "right"), Column("State", wrap=True), Column("Grade", "grade")]
    if grouped:
        columns.append(Column("Grade place", "place", "right"))
    columns += [
        Column("Score", "score", "right"),
        *tiers,
        Column("Published", "number", "right"),
    ]
    if top is not None:
        columns.append(Column(f"{'Last' if ranking.from_bottom else 'Top'} {top}"))
    table = []
    for r in ranking:
        name = r["state"] + ("*" if r["origin"] == "user" else "")
        cells: list[Any] = [(r["place_low"], r["place_high"]), name, "—" if ungraded else r["grade"]]
        if grouped:
            cells.append((r["group_low"], r["group_high"]))
        cells += [(r["score"], r["max_score"]), *([r["tier"]] if tiers else []), r["published_rank"]]
        if top is not None:
            cells.append("certain" if r["top_certain"] else "may be")
        table.append(cells)
    if ranking.graded:
        of = f"the {ranking.graded} jurisdictions graded"
    elif ranking.sizes:
        of = f"the {ranking.sizes[0]} to {ranking.sizes[1]} jurisdictions graded (no source gives the number)"
    else:
        of = "the jurisdictions graded (no source gives the number)"
    title = f"{ranking.year} ranking by {ranking.label}: places among {of}"
    blocks: list[Block] = [Grid(columns, table, title)]
    blocks += _rank_notes(ranking)
    if any(None in (r["grade"], r["score"], r["published_rank"], *([r["tier"]] if tiers else [])) for r in ranking):
        blocks.append(Note("'?': not known (no source gapcli holds gives it)."))
    return View(ranking, ranking, blocks, list(RANK_FIELDS), [ranking.year], table=True)


def _rank_notes(ranking: Ranking) -> list[Block]:
    notes: list[Block] = []
    left_out = ranking.cards - ranking.ranked
    figure = {"overall": "score, grade or published rank", "grade": "overall grade", "published": "published rank"}
    what = figure.get(ranking.by, f"score or grade in {ranking.label}")
    if ranking.problem is not None and ranking.by != "published":
        notes.append(Note(f"No places: {ranking.problem}. The rows are in the order of their {ranking.label}."))
    elif ranking.problem is not None:
        notes.append(Note(f"Note: {ranking.problem}."))
    if not ranking.ranked:
        others = [
            f"--by {by} ({n} card{'s' if n != 1 else ''})"
            for by, n in ranking.coverage.items()
            if n and by != ranking.by
        ]
        hint = f"; try {' or '.join(others)}" if others else ""
        notes.append(
            Note(f"No source gives the {ranking.label} of any {ranking.year} card, so nothing is ranked{hint}.")
        )
    elif left_out:
        notes.append(Note(f"{left_out} of {ranking.cards} cards are left out: no source gives their {what}."))
    if ranking.by == "published":
        of = f" of {ranking.graded}" if ranking.graded else ""
        notes.append(
            Note(
                f"Only printed ranks are listed ({ranking.ranked}{of}); 'gapcli rank' gives the places the others can hold."
            )
        )
        if ranking.unprinted:
            notes.append(Note(f"Places {_runs(ranking.unprinted)}: no printed rank gapcli holds."))
    elif ranking.ranked and ranking.problem is None:
        if ranking.by in ("overall", "grade"):
            scored = ranking.coverage["overall"]
            of = f" of the {ranking.graded} graded" if ranking.graded else ""
            held = "none held" if not scored else f"{scored}{of} held"
            facts = f"scores ({held}), grades through the scale, published ranks and grade counts"
        else:
            facts = "the area's scores and grades (through the scale, where known)"
        notes.append(
            Note(
                f"Place: 1 + the jurisdictions with a higher score, from every fact held: {facts}; a range where "
                "they do not fix it. Ties share a place."
            )
        )
        if ranking.counts_unused and ranking.by in ("overall", "grade"):
            notes.append(Note(f"The published grade counts are left out: {ranking.counts_unused.rstrip('.')}."))
        if ranking.graded and ranking.graded > ranking.cards:
            notes.append(
                Note(
                    f"{ranking.graded - ranking.cards} of the {ranking.graded} jurisdictions graded have no card here: "
                    "they hold places too, so none is skipped."
                )
            )
        elif not ranking.graded and ranking.sizes and ranking.sizes[1] > ranking.cards:
            fewest, most = (max(0, n - ranking.cards) for n in ranking.sizes)
            unlisted = (
                f"up to {most} more jurisdictions may have been graded with no card here"
                if fewest == 0
                else f"another {fewest} to {most} jurisdictions graded have no card here"
            )
            notes.append(
                Note(
                    f"Cards held here: {ranking.cards}; {unlisted} (not listed): "
                    "they hold places too, so none is skipped."
                )
            )
    if ranking.by == "grade" and ranking.problem is None:
        notes.append(Note("Grade place: 1 + the jurisdictions with a better grade, shared by the whole grade."))
    if ranking.top is not None and ranking and ranking.problem is None:
        certain = sum(1 for r in ranking if r["top_certain"])
        where = "last" if ranking.from_bottom else "first"
        notes.append(
            Note(
                f"Certainly among the {where} {ranking.top} places: {certain} of the {len(ranking)} listed; "
                "the others may be, as far as the facts tell."
            )
        )
    if any(r["origin"] == "user" for r in ranking):
        notes.append(Note("* a card you imported: its figures are yours, not published by Shared Hope."))
    if ranking.filtered_out:
        asked = [
            f"--{name} {','.join(kept)}" for name, kept in (("grade", ranking.grades), ("tier", ranking.tiers)) if kept
        ]
        unknown = _unknown_kept_out(ranking)
        notes.append(
            Note(
                f"{ranking.filtered_out} card(s) not shown ({' '.join(asked)}){unknown}; "
                "places are those of the whole ranking."
            )
        )
    return notes


def _unknown_kept_out(ranking: Ranking) -> str:
    """'; 2 of them have no published grade: they may be F': a card without the grade or tier asked
    about is not shown, but unknown is not "not this one"."""
    n = ranking.filtered_out_unknown
    if not n:
        return ""
    asked = [
        (name, kind, kept)
        for name, kind, kept in (("grade", "", ranking.grades), ("tier", "Tier ", ranking.tiers))
        if kept
    ]
    which = "all of them have" if n == ranking.filtered_out else f"{n} of them {'has' if n == 1 else 'have'}"
    what = " or ".join(name for name, _, _ in asked)
    may_be = " and ".join(f"{kind}{' or '.join(kept)}" for _, kind, kept in asked)
    return f"; {which} no published {what}: they may be {may_be}"


def _runs(numbers: list[int]) -> str:
    """1, 2, 3, 5 → '1–3, 5'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


RANK_FIELDS = FIELDS["RankRow"]
