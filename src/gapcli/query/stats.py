"""The national picture of one edition (``stats``) and its tile map (``map``)."""

from __future__ import annotations

import statistics

from gapcli.model import GRADES, Card, Framework
from gapcli.query.cards import number
from gapcli.states import JURISDICTIONS


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 4) if values else None


def stats(cards: list[Card], framework: Framework) -> dict:
    scores = [c.score for c in cards if c.score is not None]
    issues = []
    for area in framework.issues:
        area_scores = [r.score for c in cards if (r := c.issue(area.number)) and r.score is not None]
        mean = _mean(area_scores)
        issues.append(
            {
                "number": area.number,
                "name": area.name,
                "max_score": number(area.max_score),
                "scored": len(area_scores),
                "mean_score": mean,
                "mean_percent": round(100 * mean / area.max_score, 2) if mean is not None and area.max_score else None,
            }
        )
    return {
        "year": framework.year,
        "framework": framework.name,
        "cards": len(cards),
        "scored": len(scores),
        "mean_score": _mean(scores),
        "median_score": number(statistics.median(scores)) if scores else None,
        "grades": {g: sum(1 for c in cards if c.grade == g) for g in GRADES},
        "ungraded": sum(1 for c in cards if c.grade is None),
        "issues": issues,
    }


def tiles(cards: list[Card], framework: Framework, issue: int | None = None) -> list[dict]:
    """All 51 jurisdictions at their tile-grid place; those without the figure have nulls."""
    by_code = {c.code: c for c in cards}
    rows = []
    for place in JURISDICTIONS:
        card = by_code.get(place.code)
        result = card.issue(issue) if card is not None and issue is not None else None
        grade = (result.grade if result else None) if issue is not None else (card.grade if card else None)
        score = (result.score if result else None) if issue is not None else (card.score if card else None)
        rows.append(
            {
                "code": place.code,
                "state": place.name,
                "year": framework.year,
                "grade": grade,
                "score": number(score),
                "row": place.row,
                "col": place.col,
                "has_card": card is not None,
            }
        )
    return rows
