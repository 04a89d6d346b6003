"""What it would take to reach a grade (``plan``): arithmetic on published figures, never a prediction.

The points a target needs follow from the framework file's grade scale (our reading of
the published figures, not a rule Shared Hope states; on a share of the maximum, or on
points for the Protected Innocence Challenge); the least number of goals uses
the published "up to 2.5 points per policy goal". Headroom is an area's maximum less
its score. Nothing here says how Shared Hope would score a new law.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from gapcli.errors import NotFound
from gapcli.model import GRADES, Card, Framework, IssueResult
from gapcli.query.cards import edition_grade, framework_defines, goals_of, number
from gapcli.states import fips

if TYPE_CHECKING:
    from gapcli.records import PlanIssue, PlanRecord


def plannable(card: Card, framework: Framework) -> bool:
    """A plan needs the card's score, and the edition's scale and maximum."""
    return card.score is not None and framework.scale is not None and framework.max_score is not None


def plan(
    card: Card, framework: Framework, target: str | None = None, newer: Sequence[tuple[Card, Framework]] = ()
) -> PlanRecord:
    """The distance from ``card`` to ``target`` (default: the next letter up) and where the points could come from.

    ``newer`` are the state's cards of later editions: a plan from an older card says so.
    """
    if card.score is None:
        raise NotFound(
            f"{card.state}'s {card.year} card has no published score (only {_known(card)}), so there is nothing to plan from"
        )
    if framework.scale is None or framework.max_score is None:
        raise NotFound(
            f"the {framework.year} edition's grade scale or maximum is not known, so the points a grade needs cannot be worked out"
        )
    current = card.grade or framework.grade_for(card.score, framework.max_score) or GRADES[-1]
    goal = target or GRADES[max(GRADES.index(current) - 1, 0)]
    bounds = framework.score_bounds(goal)
    if bounds is None:
        raise NotFound(f"the {framework.year} edition's grade scale has no {goal}")
    threshold = bounds[0]
    needs = max(0.0, round(threshold - card.score, 6))
    issues = sorted((_issue(card, framework, a.number, needs) for a in framework.issues), key=_by_headroom)
    total = sum(i["headroom"] or 0 for i in issues)
    for issue in issues:
        issue["headroom_share"] = (
            number(round(100 * issue["headroom"] / total, 1)) if issue["headroom"] is not None and total else None
        )
    per_goal = framework.facts.goal_points
    scored = all(i["headroom"] is not None for i in issues) and bool(issues)
    return {
        "state": card.state,
        "code": card.code,
        "year": card.year,
        "grade": card.grade,
        "score": number(card.score),
        "max_score": number(framework.max_score),
        "target": goal,
        "target_score": number(threshold),
        "needs": number(needs),
        "scale": {letter: number(minimum) for letter, minimum in framework.scale},
        "scale_published": False,
        "goal_points": number(per_goal),
        "least_goals": math.ceil(round(needs / per_goal, 6)) if per_goal else None,
        "areas_alone": [i["number"] for i in issues if i["could_close_alone"]] if scored else None,
        "goals_known": any(i["goal_lists"] is not None for i in issues),
        "issues": issues,
        "scale_basis": framework.scale_basis,
        "framework_defines": framework_defines(framework),
        "newer_editions": [edition_grade(c, f, f.id == framework.id) for c, f in newer],
        "fips": fips(card.code),
    }


def _by_headroom(issue: PlanIssue) -> tuple[int, float, int]:
    """Most headroom first; ties in area order; unknown headroom last."""
    headroom = issue["headroom"]
    return (headroom is None, -(headroom or 0), issue["number"])


def _issue(card: Card, framework: Framework, number_: int, needs: float) -> PlanIssue:
    area = framework.issue(number_)
    result = card.issue(number_) or IssueResult(number_)
    maximum = area.max_score if area else None
    headroom = None if result.score is None or maximum is None else max(0.0, round(maximum - result.score, 6))
    lists = result.goal_lists
    unmet = [g for g in goals_of(card, framework, number_) if not g["met"]]
    return {
        "number": number_,
        "name": area.name if area else f"issue area {number_}",
        "score": number(result.score),
        "max_score": number(maximum),
        "headroom": number(headroom),
        "headroom_share": None,
        "goal_lists": lists,
        "unmet_goals": None
        if lists is None
        else [
            {
                "goal": g["goal"],
                "phrase": g["phrase"],
                "brief": g["brief"],
                "brief_url": g["brief_url"] or framework.links.get("issue_briefs"),
            }
            for g in unmet
        ],
        "could_close_alone": None if headroom is None else headroom >= needs > 0,
    }


def _known(card: Card) -> str:
    known = [
        name
        for name, value in (("grade", card.grade), ("tier", card.tier), ("rank", card.published_rank))
        if value is not None
    ]
    return ", ".join(f"its {name}" for name in known) or "its name"


def plan_or_hint(
    card: Card,
    framework: Framework,
    target: str | None,
    newer: Sequence[tuple[Card, Framework]],
    others: Callable[[], Sequence[tuple[Card, Framework]]],
) -> PlanRecord:
    """``plan``; where the card has nothing to plan from, the error names the state's latest card that has
    (``others()``: its other cards, oldest first, read only then)."""
    try:
        return plan(card, framework, target, newer)
    except NotFound as error:
        able = [c for c, f in others() if plannable(c, f)]
        if not able:
            raise
        other = able[-1]
        hint = f"; the {other.year} card has a score to plan from: gapcli plan {card.code.lower()} --year {other.year}"
        raise NotFound(f"{error}{hint}") from None
