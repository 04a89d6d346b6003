"""``data export``: every card as one document; for CSV/TSV, a card table or an issue-area table.

Card table: one row per card, nothing dropped (a card of a framework without known
issue areas is a row too). Issue table: one row per card and issue area of its framework.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gapcli.render.view import View

if TYPE_CHECKING:
    from gapcli.records import CardRecord

CARD_COLUMNS = (
    "state",
    "code",
    "year",
    "framework",
    "grade",
    "score",
    "max_score",
    "tier",
    "published_rank",
    "published_rank_of",
    "complete",
    "derived",
    "origin",
)
ISSUE_COLUMNS = (
    "state",
    "code",
    "year",
    "number",
    "name",
    "grade",
    "score",
    "max_score",
    "goal_lists",
    "accomplished",
    "gaps",
)


def cards_table(cards: list[CardRecord], table: str) -> View:
    rows: list[dict[str, Any]]
    if table == "cards":
        rows = [
            {**{k: card.get(k) for k in CARD_COLUMNS if k != "origin"}, "origin": card["source"]["origin"]}
            for card in cards
        ]
        return View(cards, rows, (), CARD_COLUMNS)
    rows = [
        {"state": card["state"], "code": card["code"], "year": card["year"], **{k: issue[k] for k in ISSUE_COLUMNS[3:]}}  # type: ignore[literal-required]
        for card in cards
        for issue in card["issues"]
    ]
    return View(cards, rows, (), ISSUE_COLUMNS)
