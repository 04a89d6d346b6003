"""Rankings with shared places for ties ("1224", as in sports standings)."""

from __future__ import annotations

from typing import NamedTuple

from gapcli.model import GRADES, Card, Framework
from gapcli.query.cards import number

OVERALL = "overall"  # the --by values that are not issue areas
GRADE = "grade"


class Ranking(NamedTuple):  # a result record; cheaper to define at start-up than a dataclass
    by: str  # "overall", "grade" or an issue-area number as text
    label: str
    rows: list[dict]
    left_out: int  # cards that lack the figure ranked on
    filtered_out: int  # cards dropped by --grade/--tier


def rank(
    cards: list[Card],
    framework: Framework,
    by: str | int = OVERALL,
    grade: str | None = None,
    tier: str | None = None,
    top: int | None = None,
    reverse: bool = False,
) -> Ranking:
    """Rank ``cards`` on the overall score, the overall grade, or one issue area's score.

    Rank 1 is always the best; ``reverse`` lists from the bottom, ``top`` keeps ties.
    """
    chosen = [c for c in cards if (grade is None or c.grade == grade) and (tier is None or c.tier == tier)]
    filtered_out = len(cards) - len(chosen)
    keyed = []
    for card in chosen:
        figure = _figure(card, framework, by)
        if figure is not None:
            keyed.append((figure, card))
    keyed.sort(key=lambda pair: (-pair[0], pair[1].state))
    rows: list[dict] = []
    previous = None
    for position, (figure, card) in enumerate(keyed, start=1):
        place = rows[-1]["rank"] if rows and figure == previous else position
        previous = figure
        rows.append(_row(place, card, framework, by))
    if reverse:
        rows.reverse()
    if top is not None and len(rows) > top:
        cutoff = rows[top - 1]["rank"]  # keep everyone tied with the last place shown
        rows = [row for row in rows if (row["rank"] >= cutoff if reverse else row["rank"] <= cutoff)]
    label = "overall score" if by == OVERALL else "overall grade" if by == GRADE else f"{by}. {framework.issue(int(by)).name}"
    return Ranking(str(by), label, rows, len(chosen) - len(keyed), filtered_out)


def _figure(card: Card, framework: Framework, by: str | int) -> float | None:
    if by == OVERALL:
        return card.score
    if by == GRADE:
        return None if card.grade is None else float(len(GRADES) - GRADES.index(card.grade))
    result = card.issue(int(by))
    return None if result is None else result.score


def _row(place: int, card: Card, framework: Framework, by: str | int) -> dict:
    if by in (OVERALL, GRADE):
        grade, score, maximum = card.grade, card.score, framework.max_score
    else:
        result = card.issue(int(by))
        grade, score, maximum = result.grade, result.score, framework.issue(int(by)).max_score
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
    }
