"""Rankings with shared places for ties ("1224", as in sports standings).

A ranking says over how many cards it was made: a card without the figure ranked on
is left out and counted, never ranked last. Filters (``--grade``, ``--tier``) pick rows
from the whole ranking, so a state keeps its place.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

from gapcli.model import GRADES, Card, Framework
from gapcli.query.cards import framework_defines, number
from gapcli.query.select import FIGURES, GRADE, OVERALL, PUBLISHED

if TYPE_CHECKING:
    from gapcli.records import FrameworkDefines, RankRow


class Ranking(NamedTuple):  # a result record; cheaper to define at start-up than a dataclass
    year: int
    by: str  # "overall", "grade", "published" or an issue-area number as text
    label: str
    rows: list[RankRow]
    ranked: int  # cards that have the figure ranked on
    cards: int  # cards of the edition
    filtered_out: int  # rows dropped by --grade/--tier
    coverage: dict[str, int]  # for each of FIGURES, how many cards have it
    defines: FrameworkDefines  # the figures the edition's cards have (the Protected Innocence Challenge: no tiers)


def label_of(framework: Framework, by: str | int) -> str:
    if by == OVERALL:
        return "overall score"
    if by == GRADE:
        return "overall grade"
    if by == PUBLISHED:
        return "published rank"
    area = framework.issue(int(by))
    return f"{by}. {area.name}" if area else f"issue area {by}"


def rank(
    cards: list[Card],
    framework: Framework,
    by: str | int = OVERALL,
    grade: str | None = None,
    tier: str | None = None,
    top: int | None = None,
    reverse: bool = False,
) -> Ranking:
    """Rank ``cards`` on the overall score or grade, Shared Hope's published rank, or one issue area's score.

    Rank 1 is always the best; ``reverse`` lists from the bottom, ``top`` keeps ties.
    """
    keyed = sorted(
        ((key, card) for card in cards if (key := _key(card, by)) is not None),
        key=lambda pair: (pair[0], pair[1].state),
    )
    rows: list[RankRow] = []
    previous: tuple[float, float] | None = None
    for position, (key, card) in enumerate(keyed, start=1):
        if by == PUBLISHED:
            place = card.published_rank or position
        else:
            place = rows[-1]["rank"] if rows and key == previous else position
        previous = key
        rows.append(_row(place, card, framework, by, len(keyed), len(cards)))
    by_code = {c.code: c for c in cards}
    chosen = [r for r in rows if _keep(by_code[r["code"]], grade, tier)]
    filtered_out = len(rows) - len(chosen)
    if reverse:
        chosen.reverse()
    if top is not None and len(chosen) > top:
        cutoff = chosen[top - 1]["rank"]  # keep everyone tied with the last place shown
        chosen = [row for row in chosen if (row["rank"] >= cutoff if reverse else row["rank"] <= cutoff)]
    coverage = {figure: sum(1 for c in cards if _key(c, figure) is not None) for figure in FIGURES}
    return Ranking(
        framework.year,
        str(by),
        label_of(framework, by),
        chosen,
        len(keyed),
        len(cards),
        filtered_out,
        coverage,
        framework_defines(framework),
    )


def _keep(card: Card, grade: str | None, tier: str | None) -> bool:
    """--grade and --tier test the card's overall grade and tier, whatever is ranked."""
    return (grade is None or card.grade == grade) and (tier is None or card.tier == tier)


def _key(card: Card, by: str | int) -> tuple[float, float] | None:
    """Sort key, smaller first; ``None`` where the card lacks the figure."""
    later = float(card.published_rank) if card.published_rank is not None else math.inf
    if by == OVERALL:
        return None if card.score is None else (-card.score, 0.0)
    if by == GRADE:
        return None if card.grade is None else (float(GRADES.index(card.grade)), later)
    if by == PUBLISHED:
        return None if card.published_rank is None else (float(card.published_rank), 0.0)
    result = card.issue(int(by))
    return None if result is None or result.score is None else (-result.score, 0.0)


def _row(place: int, card: Card, framework: Framework, by: str | int, ranked: int, cards: int) -> RankRow:
    if by in FIGURES:
        grade, score, maximum = card.grade, card.score, framework.max_score
    else:
        result, area = card.issue(int(by)), framework.issue(int(by))
        grade = result.grade if result else None
        score = result.score if result else None
        maximum = area.max_score if area else None
    return {
        "rank": place,
        "state": card.state,
        "code": card.code,
        "year": card.year,
        "grade": grade,
        "score": number(score),
        "max_score": number(maximum),
        "tier": card.tier,
        "published_rank": card.published_rank,
        "by": str(by),
        "ranked": ranked,
        "cards": cards,
    }
