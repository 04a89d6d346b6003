"""Two cards side by side (``diff``) and one state through the editions (``history``)."""

from __future__ import annotations

from gapcli.model import GRADES, Card, Framework
from gapcli.query.cards import number


def comparable(a: Framework, b: Framework) -> bool:
    """Scores compare only within one framework; 2025's Just Like Me cards are another scale."""
    return a.name == b.name


def _delta(a: float | None, b: float | None, same_scale: bool) -> float | int | None:
    if a is None or b is None or not same_scale:
        return None
    return number(round(b - a, 6))


def _side(card: Card) -> dict:
    return {"state": card.state, "code": card.code, "year": card.year}


def diff(a: Card, fa: Framework, b: Card, fb: Framework) -> dict:
    """What differs from card ``a`` to card ``b``; deltas are b − a, null where either is unknown."""
    same = comparable(fa, fb)
    issues = []
    if same:
        for area in fa.issues:
            ra, rb = a.issue(area.number), b.issue(area.number)
            other = fb.issue(area.number)
            maximum = area.max_score if other is not None and other.max_score == area.max_score else None
            met_a = {p.casefold(): p for p in (ra.accomplished if ra else ())}
            met_b = {p.casefold(): p for p in (rb.accomplished if rb else ())}
            gaps_a = {p.casefold() for p in (ra.gaps if ra else ())}
            gaps_b = {p.casefold() for p in (rb.gaps if rb else ())}
            issues.append(
                {
                    "number": area.number,
                    "name": area.name,
                    "max_score": number(maximum),  # null unless both editions give the same maximum
                    "a": {"grade": ra.grade if ra else None, "score": number(ra.score) if ra else None},
                    "b": {"grade": rb.grade if rb else None, "score": number(rb.score) if rb else None},
                    "delta": _delta(ra.score if ra else None, rb.score if rb else None, True),
                    "only_a_met": [p for key, p in met_a.items() if key in gaps_b],
                    "only_b_met": [p for key, p in met_b.items() if key in gaps_a],
                }
            )
    return {
        "a": _side(a),
        "b": _side(b),
        "comparable": same,
        "overall": {
            "a": {"grade": a.grade, "score": number(a.score), "tier": a.tier},
            "b": {"grade": b.grade, "score": number(b.score), "tier": b.tier},
            "max_score": number(fa.max_score) if same and fa.max_score == fb.max_score else None,
            "delta": _delta(a.score, b.score, same),
        },
        "issues": issues,
    }


def history(cards: list[tuple[Card, Framework]]) -> list[dict]:
    """A state's cards oldest first, each with its change from the edition before."""
    rows: list[dict] = []
    previous: tuple[Card, Framework] | None = None
    for card, framework in cards:
        same = previous is not None and comparable(previous[1], framework)
        before = previous[0] if previous else None
        steps = None
        if same and before.grade and card.grade:
            steps = GRADES.index(before.grade) - GRADES.index(card.grade)
        rows.append(
            {
                "state": card.state,
                "code": card.code,
                "year": card.year,
                "framework": framework.name,
                "framework_short": framework.short_name,
                "grade": card.grade,
                "score": number(card.score),
                "max_score": number(framework.max_score),
                "tier": card.tier,
                "published_rank": card.published_rank,
                "delta": _delta(before.score if before else None, card.score, same),
                "grade_steps": steps,  # +1: one letter better than the edition before
                "comparable_with_previous": same,
            }
        )
        previous = (card, framework)
    return rows
