"""The picture of one edition (``stats``) and its tile map (``map``).

``stats`` keeps two things apart: what Shared Hope published about the edition
(``published``) and what the cards held here give, each figure with the number of
cards it was computed over.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

from gapcli.model import GRADES, Card, Framework
from gapcli.query.cards import graded_jurisdictions, number
from gapcli.states import JURISDICTIONS

if TYPE_CHECKING:
    from gapcli.records import IssueStats, Number, PublishedFacts, StatsRecord, TileRow, UserStats

# below this share of the jurisdictions graded, a mean of the scores held is not the edition's picture
REPRESENTATIVE_SHARE = 0.5


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 4) if values else None


def published(framework: Framework) -> PublishedFacts:
    """The edition's published facts; a letter no source counts is 0 only where the counts add up to all graded.

    Counts flagged as inconsistent (2012: they add up to 52) are passed on as published, and nothing is
    worked out from them.
    """
    facts = framework.facts
    complete = facts.counts_consistent and facts.graded is not None and sum(facts.grade_counts.values()) == facts.graded
    return {
        "released": facts.released,
        "graded": facts.graded,
        "grade_counts": {g: facts.grade_counts.get(g, 0 if complete else None) for g in GRADES},
        "national_average": number(facts.national_average),
        "ranked": facts.ranked,
        "goal_points": number(facts.goal_points),
        "sources": [{"fields": list(c.fields), "url": c.url, "note": c.note} for c in facts.citations],
        "counts_consistent": facts.counts_consistent,
        "counts_note": facts.counts_note,
        "most_improved": facts.most_improved,
        "highlights": list(facts.highlights),
        "grade_counts_derived": [g for g in GRADES if complete and g not in facts.grade_counts],
    }


def _median(values: list[float]) -> Number | None:
    return number(statistics.median(values)) if values else None


def stats(cards: list[Card], framework: Framework) -> StatsRecord:
    """Figures of the cards held, over the jurisdictions the edition graded; cards the user imported
    are counted apart (``user``), never among the published figures."""
    held, imported = [c for c in cards if c.origin != "user"], [c for c in cards if c.origin == "user"]
    scores = [c.score for c in held if c.score is not None]
    graded, known = graded_jurisdictions(framework)
    issues: list[IssueStats] = []
    for area in framework.issues:
        area_scores = [r.score for c in held if (r := c.issue(area.number)) and r.score is not None]
        mean = _mean(area_scores)
        issues.append(
            {
                "number": area.number,
                "name": area.name,
                "max_score": number(area.max_score),
                "scored": len(area_scores),
                "mean_score": number(mean),
                "mean_percent": number(round(100 * mean / area.max_score, 2))
                if mean is not None and area.max_score
                else None,
                "too_few": len(area_scores) < REPRESENTATIVE_SHARE * len(graded),
            }
        )
    user_scores = [c.score for c in imported if c.score is not None]
    user: UserStats = {
        "cards": len(imported),
        "scored": len(user_scores),
        "mean_score": number(_mean(user_scores)),
        "median_score": _median(user_scores),
        "grades": {g: sum(1 for c in imported if c.grade == g) for g in GRADES},
    }
    return {
        "year": framework.year,
        "framework": framework.name,
        "cards": len(cards),
        "scored": len(scores),
        "mean_score": number(_mean(scores)),
        "median_score": _median(scores),
        "grades": {g: sum(1 for c in held if c.grade == g) for g in GRADES},
        "ungraded": sum(1 for c in held if c.grade is None),
        "issues": issues,
        "published": published(framework),
        "jurisdictions": len(graded),
        "jurisdictions_published": known,
        "too_few": len(scores) < REPRESENTATIVE_SHARE * len(graded),
        "origin": {"bundled": len(held), "user": len(imported)},
        "user": user,
    }


def tiles(cards: list[Card], framework: Framework, issue: int | None = None) -> list[TileRow]:
    """All 51 jurisdictions at their tile-grid place; those without the figure have nulls.

    ``share`` is the score as a percentage of the maximum, where both are known; ``graded`` is
    false for a jurisdiction the edition did not grade (2023: D.C.), ``null`` where no source
    says how many were graded.
    """
    by_code = {c.code: c for c in cards}
    area = framework.issue(issue) if issue is not None else None
    _, published = graded_jurisdictions(framework)
    rows: list[TileRow] = []
    for place in JURISDICTIONS:
        card = by_code.get(place.code)
        if issue is None:
            grade, score = (card.grade, card.score) if card else (None, None)
            maximum = framework.max_score
        else:
            result = card.issue(issue) if card else None
            grade, score = (result.grade, result.score) if result else (None, None)
            maximum = area.max_score if area else None
        left_out = place.code in framework.facts.not_graded
        rows.append(
            {
                "code": place.code,
                "state": place.name,
                "year": framework.year,
                "grade": grade,
                "score": number(score),
                "max_score": number(maximum),
                "row": place.row,
                "col": place.col,
                "has_card": card is not None,
                "share": number(round(100 * score / maximum, 2)) if score is not None and maximum else None,
                "graded": False if left_out else True if published or card is not None else None,
                "origin": card.origin if card else None,
                "fips": place.fips,
            }
        )
    return rows
