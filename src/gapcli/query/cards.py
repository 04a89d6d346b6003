"""A card as the public JSON record, and the listing of cards (``show``, ``states``)."""

from __future__ import annotations

from gapcli.model import Card, Framework, IssueResult


def number(value: float | None) -> float | int | None:
    """4.0 → 4, so JSON and text show figures as the card prints them."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def goals_of(card: Card, framework: Framework, issue: int) -> list[dict]:
    """Each met goal and gap of one issue area, with its goal number where the framework knows it."""
    result = card.issue(issue)
    if result is None:
        return []
    rows = []
    for phrase, met in result.named_goals():
        goal = framework.goal_for_phrase(phrase)
        rows.append(
            {
                "goal": goal.id if goal else None,
                "phrase": phrase,
                "met": met,
                "brief": f"Issue Brief {goal.id}" if goal else None,
                "brief_url": framework.links.get("related_resources") if goal else None,
            }
        )
    return rows


def _listed(phrases: tuple[str, ...] | None) -> list[str] | None:
    return None if phrases is None else list(phrases)


def card_record(card: Card, framework: Framework) -> dict:
    """The JSON contract of a card (README: "JSON output"). Unknown figures are null."""
    issues = []
    for area in framework.issues:
        result = card.issue(area.number) or IssueResult(area.number)
        lists = result.goal_lists
        issues.append(
            {
                "number": area.number,
                "name": area.name,
                "grade": result.grade,
                "score": number(result.score),
                "max_score": number(area.max_score),
                "goal_lists": lists,
                "accomplished": _listed(result.accomplished),
                "gaps": _listed(result.gaps),
                "gaps_in_all_areas": result.gaps_in_all_areas,
                "goals": None if lists is None else goals_of(card, framework, area.number),
                "brief_url": None,
            }
        )
    return {
        "state": card.state,
        "code": card.code,
        "year": card.year,
        "framework": framework.name,
        "tier": card.tier,
        "grade": card.grade,
        "score": number(card.score),
        "max_score": number(framework.max_score),
        "published_rank": card.published_rank,
        "complete": card.is_complete(framework),
        "derived": list(card.derived),
        "issues": issues,
        "extra_credit": [
            {"category": e.category, "points": number(e.points), "description": e.description} for e in card.extra_credit
        ],
        "links": {**framework.links, **card.links},
        "source": {
            "origin": card.origin,
            "path": card.path,
            "citations": [{"fields": list(c.fields), "url": c.url, "note": c.note} for c in card.citations],
        },
    }


def listing(cards: list[tuple[Card, Framework]]) -> list[dict]:
    """One row per card: who has a card, its grade and score, and whether it is complete."""
    return [
        {
            "state": card.state,
            "code": card.code,
            "year": card.year,
            "grade": card.grade,
            "score": number(card.score),
            "max_score": number(framework.max_score),
            "tier": card.tier,
            "complete": card.is_complete(framework),
            "derived": list(card.derived),
            "origin": card.origin,
        }
        for card, framework in cards
    ]
