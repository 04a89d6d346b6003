"""The rules every card must keep, bundled or user-made.

A rule that needs a figure the card or its framework lacks is skipped, not failed:
an incomplete card is valid, a contradictory one is not.
"""

from __future__ import annotations

from gapcli.model import GRADES, TIERS, Card, Framework
from gapcli.states import JURISDICTIONS

_TOLERANCE = 1e-6


def problems(card: Card, framework: Framework) -> list[str]:
    """Everything wrong with ``card``, each naming the field; empty when it is valid."""
    found: list[str] = []
    known = {(j.name, j.code) for j in JURISDICTIONS}
    if (card.state, card.code) not in known:
        found.append(f"state/code: {card.state!r}/{card.code!r} is not one of the 51 jurisdictions")
    if card.year != framework.year:
        found.append(f"year: {card.year} has no framework")
    found += _letters(card)
    if card.score is not None and card.score < 0:
        found.append(f"score: {card.score:g} is negative")
    ranked = framework.facts.ranked or len(JURISDICTIONS)
    if card.published_rank is not None and not 1 <= card.published_rank <= ranked:
        found.append(f"published_rank: {card.published_rank} is outside 1..{ranked}")
    found += _issue_problems(card, framework)
    found += _overall_problems(card, framework)
    found += _undefined(card, framework)
    categories = set(framework.extra_credit)
    for extra in card.extra_credit:
        if categories and extra.category is not None and extra.category not in categories:
            found.append(f"extra_credit: unknown category {extra.category!r} (known: {', '.join(sorted(categories))})")
        if extra.points < 0:
            found.append(f"extra_credit: {extra.category or 'unknown category'} points {extra.points:g} are negative")
    total = sum(extra.points for extra in card.extra_credit)
    if framework.extra_credit_max is not None and total > framework.extra_credit_max + _TOLERANCE:
        found.append(
            f"extra_credit: {total:g} points, above the {framework.year} maximum of {framework.extra_credit_max:g}"
        )
    return found


def _undefined(card: Card, framework: Framework) -> list[str]:
    """Figures the card's framework does not have (the Protected Innocence Challenge: tiers, extra credit, goals)."""
    found = []
    name = f"the {framework.year} framework ({framework.short_name})"
    if card.tier is not None and not framework.tiers:
        found.append(f"tier: {name} has no tiers")
    if card.extra_credit and framework.extra_credit_max == 0:
        found.append(f"extra_credit: {name} has no extra credit")
    if not framework.goal_lists:
        for result in card.issues:
            if result.goal_lists is not None:
                found.append(f"issues[{result.number}]: {name} lists no policy goals met or unmet")
    return found


def framework_problems(framework: Framework) -> list[str]:
    """What contradicts itself in a framework file: its scale, its maxima, its published grade counts."""
    found: list[str] = []
    for letter, minimum in framework.scale or ():
        if letter not in GRADES:
            found.append(f"scale: {letter!r} is not one of {', '.join(GRADES)}")
        ceiling = 100 if framework.scale_basis == "percent" else framework.max_score
        if ceiling is None:
            found.append("scale: a points scale needs the framework's max_score")
            break
        if not 0 <= minimum <= ceiling:
            found.append(f"scale.{letter}: {minimum:g} is outside 0..{ceiling:g} ({framework.scale_basis})")
    maxima = [a.max_score for a in framework.issues]
    if framework.max_score is not None and maxima and None not in maxima:
        total = sum(m for m in maxima if m is not None)
        if abs(total - framework.max_score) > _TOLERANCE:
            found.append(f"max_score: {framework.max_score:g} is not the sum of the issue maxima ({total:g})")
    facts = framework.facts
    unknown = sorted(set(facts.grade_counts) - set(GRADES))
    if unknown:
        found.append(f"facts.grade_counts: {', '.join(unknown)} not a grade")
    counted = sum(facts.grade_counts.values())
    every_letter = set(facts.grade_counts) == set(GRADES)
    most = facts.graded if facts.graded is not None else len(JURISDICTIONS)
    contradicts = counted > most or (every_letter and facts.graded is not None and counted != facts.graded)
    if contradicts and facts.counts_consistent:
        found.append(
            f"facts.grade_counts: they add up to {counted}, not the {most} graded; "
            "store them as published with counts_consistent = false and a counts_note"
        )
    if not facts.counts_consistent and not facts.counts_note:
        found.append("facts.counts_note: say why the counts are not consistent")
    codes = {j.code for j in JURISDICTIONS}
    strange = [code for code in facts.not_graded if code not in codes]
    if strange:
        found.append(f"facts.not_graded: {', '.join(strange)} not a postal code of a jurisdiction")
    elif facts.graded is not None and facts.graded + len(facts.not_graded) > len(JURISDICTIONS):
        found.append(f"facts.not_graded: {len(facts.not_graded)} not graded, and {facts.graded} graded of 51")
    return found


def _letters(card: Card) -> list[str]:
    found = []
    if card.grade is not None and card.grade not in GRADES:
        found.append(f"grade: {card.grade!r} is not one of {', '.join(GRADES)}")
    if card.tier is not None and card.tier not in TIERS:
        found.append(f"tier: {card.tier!r} is not one of {', '.join(TIERS)}")
    for result in card.issues:
        if result.grade is not None and result.grade not in GRADES:
            found.append(f"issues[{result.number}].grade: {result.grade!r} is not one of {', '.join(GRADES)}")
    return found


def _issue_problems(card: Card, framework: Framework) -> list[str]:
    found = []
    seen: set[int] = set()
    for result in card.issues:
        field = f"issues[{result.number}]"
        if result.number in seen:
            found.append(f"{field}: issue area listed twice")
        if set(result.accomplished or ()) & set(result.gaps or ()):
            found.append(f"{field}: a goal is listed both as met and as a gap")
        seen.add(result.number)
        area = framework.issue(result.number)
        if area is None:
            found.append(f"{field}: the {framework.year} framework has no issue area {result.number}")
            continue
        if (
            area.max_score is not None
            and result.max_score is not None
            and abs(area.max_score - result.max_score) > _TOLERANCE
        ):
            found.append(
                f"{field}.max_score: {result.max_score:g} on the card, {area.max_score:g} in the {framework.year} framework"
            )
        maximum = area.max_score if area.max_score is not None else result.max_score
        if result.score is None:
            continue
        if result.score < 0:
            found.append(f"{field}.score: {result.score:g} is negative")
        if maximum is None:
            continue
        if result.score > maximum + _TOLERANCE:
            found.append(f"{field}.score: {result.score:g} is above the maximum {maximum:g}")
        expected = framework.grade_for(result.score, maximum)
        if result.grade and expected and result.grade != expected:  # a grade checked here is on a percent scale
            percent = 100 * result.score / maximum
            found.append(
                f"{field}.grade: {result.grade} disagrees with the scale ({result.score:g}/{maximum:g} = {percent:.1f}% → {expected})"
            )
    return found


def _overall_problems(card: Card, framework: Framework) -> list[str]:
    found: list[str] = []
    if card.score is None:
        return found
    if framework.max_score is not None:
        ceiling = framework.max_score + (framework.extra_credit_max or 0)
        if card.score > ceiling + _TOLERANCE:
            found.append(f"score: {card.score:g} is above the maximum {ceiling:g} (with extra credit)")
        expected = framework.grade_for(card.score, framework.max_score)
        if card.grade and expected and card.grade != expected:
            basis = " on points" if framework.scale_basis == "points" else ""
            found.append(f"grade: {card.grade} disagrees with the scale for score {card.score:g} (→ {expected}{basis})")
    scores = [
        r.score for area in framework.issues if (r := card.issue(area.number)) is not None and r.score is not None
    ]
    if framework.issues and len(scores) == len(framework.issues):
        total = sum(scores) + sum(e.points for e in card.extra_credit)
        if abs(total - card.score) > _TOLERANCE:
            found.append(f"score: {card.score:g} is not the sum of issue scores and extra credit ({total:g})")
    return found
