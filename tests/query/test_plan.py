"""plan on hand-built models: ties in headroom, targets below the grade, extra credit over 100."""

import pytest

from gapcli.errors import NotFound
from gapcli.model import Card, EditionFacts, Framework, IssueArea, IssueResult
from gapcli.query.plan import plan

SCALE = (("A", 90.0), ("B", 80.0), ("C", 70.0), ("D", 60.0), ("F", 0.0))
FW = Framework(
    2021,
    "t",
    "t",
    issues=(IssueArea(1, "One", 50.0), IssueArea(2, "Two", 30.0), IssueArea(3, "Three", 20.0)),
    max_score=100,
    scale=SCALE,
    facts=EditionFacts(goal_points=2.5),
)


def card(score, grade, scores, goals=None):
    issues = tuple(IssueResult(n, None, s, *(goals or {}).get(n, (None, None))) for n, s in enumerate(scores, start=1))
    return Card("Iowa", "IA", 2021, grade, score, issues=issues)


def test_next_letter_headroom_order_and_least_goals():
    result = plan(card(55, "F", [30, 15, 10], {2: (("a",), ("b", "c"))}), FW)
    assert (result["target"], result["target_score"], result["needs"], result["least_goals"]) == ("D", 60, 5, 2)
    assert [(i["number"], i["headroom"]) for i in result["issues"]] == [(1, 20), (2, 15), (3, 10)]
    assert [i["headroom_share"] for i in result["issues"]] == [44.4, 33.3, 22.2]
    assert result["areas_alone"] == [1, 2, 3] and result["scale_published"] is False
    assert [g["phrase"] for g in result["issues"][1]["unmet_goals"]] == ["b", "c"] and result["issues"][0][
        "unmet_goals"
    ] is None


def test_ties_in_headroom_keep_area_order():
    result = plan(
        card(40, "F", [40, 0, 0]),
        Framework(
            2021,
            "t",
            "t",
            issues=(IssueArea(1, "One", 50.0), IssueArea(2, "Two", 10.0), IssueArea(3, "Three", 10.0)),
            max_score=70,
            scale=SCALE,
        ),
    )
    assert [(i["number"], i["headroom"]) for i in result["issues"]] == [(1, 10), (2, 10), (3, 10)]
    assert result["least_goals"] is None  # no published points per goal in that framework


def test_a_target_at_or_below_the_grade_needs_nothing():
    result = plan(card(75, "C", [40, 20, 15]), FW, "D")
    assert (result["needs"], result["least_goals"], result["areas_alone"]) == (0, 0, [])


def test_a_score_over_100_with_extra_credit_is_already_at_a():
    result = plan(card(104, "A", [50, 30, 20]), FW)
    assert (result["target"], result["needs"]) == ("A", 0) and all(i["headroom"] == 0 for i in result["issues"])


def test_grade_only_and_unknown_scale_are_errors():
    with pytest.raises(NotFound, match="has no published score"):
        plan(Card("Alabama", "AL", 2021, "F"), FW)
    with pytest.raises(NotFound, match="grade scale or maximum is not known"):
        plan(card(66, "D", [1, 1, 1]), Framework(2023, "t", "t", issues=FW.issues))


def test_a_points_scale_plans_in_points():
    pic = Framework(
        2015,
        "Protected Innocence Challenge",
        "pic",
        issues=(IssueArea(1, "One", 50.0), IssueArea(2, "Two", 52.5)),
        max_score=102.5,
        extra_credit_max=0,
        scale=SCALE,
        scale_basis="points",
        goal_lists=False,
    )
    kansas = Card("Kansas", "KS", 2015, "B", 80.5, issues=(IssueResult(1, None, 40), IssueResult(2, None, 40.5)))
    result = plan(kansas, pic)
    assert (result["target"], result["target_score"], result["needs"]) == ("A", 90, 9.5)  # not 90 % of 102.5
    assert result["scale_basis"] == "points" and result["least_goals"] is None
    assert result["framework_defines"]["goal_lists"] is False and result["areas_alone"] == [2, 1]
    assert plan(kansas, pic, "D")["needs"] == 0
