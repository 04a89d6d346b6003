"""Two cards side by side (``diff``) and one state through the editions (``history``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcli.model import GRADES, Card, Framework, IssueResult, NoEdition
from gapcli.query.cards import framework_defines, goals_of, graded_jurisdictions, number
from gapcli.states import fips

if TYPE_CHECKING:
    from gapcli.records import DiffIssue, DiffRecord, HistoryRow, Number


def comparable(a: Framework, b: Framework) -> bool:
    """Scores compare only within one framework (same ``id``): PIC (2011-2019), the 2021 Report Cards, Just Like Me."""
    return a.id == b.id


def not_comparable_reason(a: Framework, b: Framework) -> str | None:
    """Why two editions' cards do not compare; ``None`` where they do."""
    if comparable(a, b):
        return None
    return (
        f"different frameworks: {a.short_name} ({a.year}) and {b.short_name} ({b.year}); "
        "no score, grade step or rank compares across them"
    )


def _delta(a: float | None, b: float | None, same_scale: bool) -> Number | None:
    if a is None or b is None or not same_scale:
        return None
    return number(round(b - a, 6))


def _named(card: Card, framework: Framework, issue: int) -> dict[str, tuple[str, bool]]:
    """goal key (number, else phrase) → (phrase, met) for every goal the card names in one area."""
    return {(g["goal"] or g["phrase"].casefold()): (g["phrase"], g["met"]) for g in goals_of(card, framework, issue)}


def _goal_differences(
    a: Card, fa: Framework, b: Card, fb: Framework, issue: int
) -> tuple[list[str] | None, list[str] | None, int | None]:
    """Goals met on one side and unmet on the other, among those both cards name.

    ``None`` where either card knows no goal of the area; the count is of goals named
    on one side only, whose status on the other side is not known.
    """
    ra, rb = a.issue(issue) or IssueResult(issue), b.issue(issue) or IssueResult(issue)
    if ra.goal_lists is None or rb.goal_lists is None:
        return None, None, None
    named_a, named_b = _named(a, fa, issue), _named(b, fb, issue)
    both = [key for key in named_a if key in named_b]
    only_a = [named_a[k][0] for k in both if named_a[k][1] and not named_b[k][1]]
    only_b = [named_b[k][0] for k in both if named_b[k][1] and not named_a[k][1]]
    return only_a, only_b, len(set(named_a) ^ set(named_b))


def diff(a: Card, fa: Framework, b: Card, fb: Framework) -> DiffRecord:
    """What differs from card ``a`` to card ``b``; deltas are b − a, null where either is unknown."""
    same = comparable(fa, fb)
    issues: list[DiffIssue] = []
    if same:
        for area in fa.issues:
            ra, rb = a.issue(area.number) or IssueResult(area.number), b.issue(area.number) or IssueResult(area.number)
            other = fb.issue(area.number)
            maximum = area.max_score if other is not None and other.max_score == area.max_score else None
            only_a, only_b, not_comparable = _goal_differences(a, fa, b, fb, area.number)
            issues.append(
                {
                    "number": area.number,
                    "name": area.name,
                    "max_score": number(maximum),  # null unless both editions give the same maximum
                    "a": {"grade": ra.grade, "score": number(ra.score)},
                    "b": {"grade": rb.grade, "score": number(rb.score)},
                    "delta": _delta(ra.score, rb.score, True),
                    "only_a_met": only_a,
                    "only_b_met": only_b,
                    "goals_not_comparable": not_comparable,
                }
            )
    return {
        "a": {
            "state": a.state,
            "code": a.code,
            "year": a.year,
            "framework_defines": framework_defines(fa),
            "fips": fips(a.code),
            "origin": a.origin,
        },
        "b": {
            "state": b.state,
            "code": b.code,
            "year": b.year,
            "framework_defines": framework_defines(fb),
            "fips": fips(b.code),
            "origin": b.origin,
        },
        "comparable": same,
        "overall": {
            "a": {"grade": a.grade, "score": number(a.score), "tier": a.tier},
            "b": {"grade": b.grade, "score": number(b.score), "tier": b.tier},
            "max_score": number(fa.max_score) if same and fa.max_score == fb.max_score else None,
            "delta": _delta(a.score, b.score, same),
        },
        "issues": issues,
        "not_comparable_reason": not_comparable_reason(fa, fb),
    }


# the shape and making of a history row; change it whenever history() changes, so remembered rows are remade
HISTORY_VERSION = "3"


def is_history(found: object) -> bool:
    """Whether remembered data has the shape of history rows (the cache is a file anyone could edit)."""
    from gapcli.records import HistoryRow

    keys = HistoryRow.__required_keys__ | HistoryRow.__optional_keys__
    return isinstance(found, list) and bool(found) and all(isinstance(r, dict) and r.keys() == keys for r in found)


def history(
    state: str, code: str, editions: list[tuple[Framework, Card | None]], missing: dict[int, NoEdition] | None = None
) -> list[HistoryRow]:
    """Every edition oldest first, each with the change from the state's previous card of the same framework.

    An edition without a card for the state is a row of its own (``has_card`` false), not a gap
    in the list; so is a year without an edition (``edition`` false, with its ``reason``).
    """
    rows: list[HistoryRow] = []
    previous: tuple[Card, Framework] | None = None
    before_edition: Framework | None = None
    for framework, card in editions:
        same = previous is not None and comparable(previous[1], framework)
        before = previous[0] if previous is not None and same else None
        steps = None
        if card is not None and before is not None and before.grade and card.grade:
            steps = GRADES.index(before.grade) - GRADES.index(card.grade)
        rows.append(
            {
                "state": state,
                "code": code,
                "year": framework.year,
                "framework": framework.name,
                "framework_short": framework.short_name,
                "has_card": card is not None,
                "grade": card.grade if card else None,
                "score": number(card.score) if card else None,
                "max_score": number(framework.max_score),
                "tier": card.tier if card else None,
                "published_rank": card.published_rank if card else None,
                "delta": _delta(before.score if before else None, card.score if card else None, same),
                "grade_steps": steps,  # +1: one letter better than the previous card
                "comparable_with_previous": same,
                "edition": True,
                "reason": None,
                "framework_changed": before_edition is not None and not comparable(before_edition, framework),
                "framework_defines": framework_defines(framework),
                "graded": _graded(code, framework, card),
                "fips": fips(code),
                "derived": list(card.derived) if card else [],
            }
        )
        before_edition = framework
        if card is not None:
            previous = (card, framework)
    first, last = (rows[0]["year"], rows[-1]["year"]) if rows else (0, 0)
    for year, gap in (missing or {}).items():
        if first < year < last:
            rows.append(_no_edition_row(state, code, gap))
    return sorted(rows, key=lambda row: row["year"])


def _graded(code: str, framework: Framework, card: Card | None) -> bool | None:
    """Whether the edition graded the jurisdiction: false where a source says it did not (D.C. in 2023),
    true where it has a card or the edition graded every jurisdiction, else not known."""
    if code in framework.facts.not_graded:
        return False
    graded, published = graded_jurisdictions(framework)
    return True if card is not None or (published and any(j.code == code for j in graded)) else None


def _no_edition_row(state: str, code: str, gap: NoEdition) -> HistoryRow:
    return {
        "state": state,
        "code": code,
        "year": gap.year,
        "framework": None,
        "framework_short": None,
        "has_card": False,
        "grade": None,
        "score": None,
        "max_score": None,
        "tier": None,
        "published_rank": None,
        "delta": None,
        "grade_steps": None,
        "comparable_with_previous": False,
        "edition": False,
        "reason": gap.reason,
        "framework_changed": False,
        "framework_defines": None,
        "fips": fips(code),
        "derived": [],
        "graded": None,
    }
