"""A card as the public JSON record, and the listing of cards (``show``, ``states``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, overload

from gapcli.model import Card, Framework, IssueArea, IssueResult
from gapcli.states import JURISDICTIONS, fips

# the shape and making of a card record; change it whenever card_record changes, so cached records are rebuilt
RECORD_VERSION = "4"

if TYPE_CHECKING:
    from gapcli.records import CardRecord, EditionGrade, FrameworkDefines, GoalRecord, IssueRecord, Number, StateRow
    from gapcli.states import Jurisdiction


def graded_jurisdictions(framework: Framework) -> tuple[list[Jurisdiction], bool]:
    """The jurisdictions the edition graded, and whether that is published: all 51 but those a source says
    it left out (2023: D.C.); not published where no source gives the number graded (then at most these)."""
    chosen = [j for j in JURISDICTIONS if j.code not in framework.facts.not_graded]
    return chosen, framework.facts.graded == len(chosen)


@overload
def number(value: float) -> Number: ...
@overload
def number(value: float | None) -> Number | None: ...
def number(value: float | None) -> Number | None:
    """4.0 → 4, so JSON and text show figures as the card prints them."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def goals_of(card: Card, framework: Framework, issue: int) -> list[GoalRecord]:
    """Each goal the card names in one issue area, with its goal number where the framework knows it."""
    result = card.issue(issue)
    return [] if result is None else _goals(result, framework)


def _goals(result: IssueResult, framework: Framework) -> list[GoalRecord]:
    """``goals_of`` for one issue area's result: a whole export builds 35 of these a card, so the
    framework's look-ups are taken once per area, not once per goal."""
    by_phrase, url = framework.goal_for_phrase, framework.links.get("related_resources")
    rows: list[GoalRecord] = []
    for phrase, met in result.named_goals():
        goal = by_phrase(phrase)
        if goal is None:
            rows.append({"goal": None, "phrase": phrase, "met": met, "brief": None, "brief_url": None})
        else:
            rows.append(
                {"goal": goal.id, "phrase": phrase, "met": met, "brief": f"Issue Brief {goal.id}", "brief_url": url}
            )
    return rows


def _listed(phrases: tuple[str, ...] | None) -> list[str] | None:
    return None if phrases is None else list(phrases)


def _issue_record(found: IssueResult | None, area: IssueArea, framework: Framework) -> IssueRecord:
    """One issue area of a card record; its maximum is the framework's, else the one printed on the card."""
    result = found or IssueResult(area.number)
    lists = result.goal_lists
    maximum = area.max_score if area.max_score is not None else result.max_score
    return {
        "number": area.number,
        "name": area.name,
        "grade": result.grade,
        "score": number(result.score),
        "max_score": number(maximum),
        "goal_lists": lists,
        "accomplished": _listed(result.accomplished),
        "gaps": _listed(result.gaps),
        "gaps_in_all_areas": result.gaps_in_all_areas,
        "goals": None if lists is None else _goals(result, framework),
        "brief_url": None,
    }


def edition_grade(card: Card, framework: Framework, comparable: bool) -> EditionGrade:
    return {
        "year": card.year,
        "framework_short": framework.short_name,
        "comparable": comparable,
        "grade": card.grade,
        "score": number(card.score),
        "published_rank": card.published_rank,
    }


def card_record(card: Card, framework: Framework, newer: Sequence[tuple[Card, Framework]] = ()) -> CardRecord:
    """The JSON contract of a card (README: "JSON contract"). Unknown figures are null.

    ``newer`` are the state's cards of later editions, so a reader of an older card
    is never left thinking it is the latest word.
    """
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
        "published_rank_of": framework.facts.ranked,
        "complete": card.is_complete(framework),
        "derived": list(card.derived),
        "issues": [_issue_record(card.issue(a.number), a, framework) for a in framework.issues],
        "extra_credit": [
            {"category": e.category, "points": number(e.points), "description": e.description}
            for e in card.extra_credit
        ],
        "links": {**framework.links, **card.links},
        "source": {
            "origin": card.origin,
            "path": card.path,
            "citations": [{"fields": list(c.fields), "url": c.url, "note": c.note} for c in card.citations],
        },
        "newer_editions": [edition_grade(c, f, f.id == framework.id) for c, f in newer],
        "framework_defines": framework_defines(framework),
        "fips": fips(card.code),
    }


def framework_defines(framework: Framework) -> FrameworkDefines:
    """The figures a card of the framework has: where one is ``False``, its ``null`` or ``[]`` means "none"."""
    return {
        "tier": framework.tiers,
        "issue_grades": framework.issue_grades,
        "goal_lists": framework.goal_lists,
        "extra_credit": framework.extra_credit_max != 0,
    }


# the shape and making of a listing; change it whenever listing() changes, so remembered rows are remade
LISTING_VERSION = "1"


def is_listing(found: object) -> bool:
    """Whether remembered data is a listing's rows and editions (the cache is a file anyone could edit)."""
    from gapcli.records import StateRow

    keys = StateRow.__required_keys__ | StateRow.__optional_keys__
    if not isinstance(found, dict) or found.keys() != {"rows", "editions"}:
        return False
    rows, editions = found["rows"], found["editions"]
    return (
        isinstance(rows, list)
        and isinstance(editions, list)
        and all(isinstance(year, int) for year in editions)
        and all(isinstance(row, dict) and row.keys() == keys and isinstance(row["grades"], dict) for row in rows)
    )


def listing(cards: list[tuple[Card, Framework]], grades: dict[str, dict[str, str | None]]) -> list[StateRow]:
    """One row per card: its figures, whether it is complete, and the state's grade in every edition."""
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
            "grades": grades[card.code],
            "fips": fips(card.code),
        }
        for card, framework in cards
    ]
