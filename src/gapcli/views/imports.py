"""The view of ``import``: a line per file (what it holds, what happens to it), every goal phrase
gapcli has not seen before (to check against the card), and for one file its card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcli.fields import FIELDS
from gapcli.views.blocks import Block, Column, Grid, Note, View
from gapcli.views.cards import card_view

if TYPE_CHECKING:
    from gapcli.records import ImportRecord
    from gapcli.rows import ImportRow

SUMMARY_FIELDS = FIELDS["ImportRow"]


def import_view(rows: list[ImportRow], cards: list[ImportRecord], dry_run: bool) -> View:
    columns = [
        Column("File", wrap=True),
        Column("State", wrap=True),
        Column("Year", "number"),
        Column("Grade", "grade"),
        Column("Score", "number", "right"),
        Column("Complete"),
        Column("Result"),
        Column("Note", wrap=True),
    ]
    table = [
        [r["file"], r["state"], r["year"], r["grade"], r["score"], r["complete"], r["result"], r["note"]] for r in rows
    ]
    refused = sum(r["result"] == "refused" for r in rows)
    title = f"{'Dry run: ' if dry_run else ''}{len(rows)} file(s)" + (
        f", {refused} refused: nothing {'would be' if dry_run else 'was'} written" if refused else ""
    )
    blocks: list[Block] = [Grid(columns, table, title)]
    new = [(card, phrase) for card in cards for phrase in card["new_phrases"]]
    if new:
        blocks.append(
            Note(
                f"{len(new)} goal phrase(s) gapcli has not seen before (not a goal of the framework, not on an "
                "earlier card): check each against the card, it is stored as the card says it."
            )
        )
        blocks += [
            Note(
                f"new phrase: {p['phrase']!r} — check it ({card['file']}, issue area {p['issue']}, "
                f"{'met' if p['met'] else 'gap'})"
            )
            for card, p in new
        ]
    if dry_run and len(cards) == 1 and not refused:
        blocks += list(card_view(cards[0]).blocks)
    if any(r["result"] == "refused" and "use --force" in r["note"] for r in rows):
        blocks.append(Note("A card that exists is replaced only with --force (or left as it is with --skip-existing)."))
    return View(cards, rows, blocks, SUMMARY_FIELDS)
