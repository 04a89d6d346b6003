from dataclasses import replace

import pytest

from gapcli.catalog.validate import framework_problems, problems
from gapcli.model import Card, ExtraCredit, IssueResult
from gapcli.states import by_code


@pytest.fixture
def connecticut(catalog):
    return catalog.card(by_code("CT"), 2021)


def test_the_seed_card_is_valid(connecticut, catalog):
    assert problems(connecticut, catalog.framework(2021)) == []


def _with_issue(card, number, **changes):
    issues = tuple(replace(r, **changes) if r.number == number else r for r in card.issues)
    return replace(card, issues=issues)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda c: _with_issue(c, 1, score=18.0), "issues[1].score: 18 is above the maximum 17.5"),
        (lambda c: _with_issue(c, 4, grade="F"), "issues[4].grade: F disagrees with the scale (10/15 = 66.7% → D)"),
        (lambda c: replace(c, score=44.0), "score: 44 is not the sum of issue scores and extra credit (43.5)"),
        (lambda c: replace(c, grade="E"), "grade: 'E' is not one of A, B, C, D, F"),
        (lambda c: replace(c, tier="IV"), "tier: 'IV' is not one of I, II, III"),
        (lambda c: replace(c, code="XX"), "is not one of the 51 jurisdictions"),
        (lambda c: replace(c, extra_credit=(ExtraCredit("Adults", 1, ""),)), "unknown category 'Adults'"),
        (lambda c: replace(c, issues=(*c.issues, IssueResult(7, "F", 1))), "has no issue area 7"),
        (lambda c: replace(c, issues=(*c.issues, c.issues[0])), "issues[1]: issue area listed twice"),
        (
            lambda c: replace(c, score=51.5, extra_credit=(ExtraCredit("Youth", 6, ""), ExtraCredit("Youth", 5, ""))),
            "extra_credit: 11 points, above the 2021 maximum of 10",
        ),
    ],
)
def test_each_rule_names_the_field(connecticut, catalog, change, message):
    found = problems(change(connecticut), catalog.framework(2021))
    assert any(message in p for p in found), found


def test_incomplete_cards_are_valid(catalog):
    card = Card("Florida", "FL", 2021, grade="C", score=72.5)
    assert problems(card, catalog.framework(2021)) == []


def test_overall_score_may_exceed_100_by_extra_credit_only(catalog):
    fw = catalog.framework(2021)
    assert problems(Card("Florida", "FL", 2021, grade="A", score=110), fw) == []
    assert problems(Card("Florida", "FL", 2021, grade="A", score=110.5), fw) == [
        "score: 110.5 is above the maximum 110 (with extra credit)"
    ]


def test_overall_grade_checked_against_the_scale(catalog):
    found = problems(Card("Florida", "FL", 2021, grade="B", score=72.5), catalog.framework(2021))
    assert found == ["grade: B disagrees with the scale for score 72.5 (→ C)"]


@pytest.fixture
def louisiana_2014(catalog):
    return catalog.card(by_code("LA"), 2014)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda c: replace(c, grade="F"), "grade: F disagrees with the scale for score 96 (→ A on points)"),
        (lambda c: replace(c, tier="I"), "tier: the 2014 framework (Protected Innocence Challenge) has no tiers"),
        (lambda c: replace(c, extra_credit=(ExtraCredit(None, 1, None),)), "has no extra credit"),
        (lambda c: _with_issue(c, 1, gaps=("x",), accomplished=()), "issues[1]: the 2014 framework"),
        (lambda c: replace(c, score=97.0), "score: 97 is not the sum of issue scores and extra credit (96)"),
        (lambda c: _with_issue(c, 5, score=28.0), "issues[5].score: 28 is above the maximum 27.5"),
    ],
)
def test_a_protected_innocence_challenge_card_keeps_its_framework(louisiana_2014, catalog, change, message):
    framework = catalog.framework(2014)
    assert problems(louisiana_2014, framework) == [] and louisiana_2014.is_complete(framework)
    found = problems(change(louisiana_2014), framework)
    assert any(message in p for p in found), found


def test_hawaii_2014_is_a_d_on_the_points_scale(catalog):
    hawaii = catalog.card(by_code("HI"), 2014)
    assert (hawaii.grade, hawaii.score) == ("D", 60) and problems(hawaii, catalog.framework(2014)) == []
    assert problems(replace(hawaii, grade="F"), catalog.framework(2014)) != []  # 58.5 % would be F on a share


def test_framework_rules(catalog):
    pic = catalog.framework(2012)
    assert framework_problems(pic) == [] and pic.facts.counts_consistent is False
    consistent = replace(pic, facts=replace(pic.facts, counts_consistent=True))
    assert framework_problems(consistent) == [
        "facts.grade_counts: they add up to 52, not the 51 graded; "
        "store them as published with counts_consistent = false and a counts_note"
    ]
    unexplained = replace(pic, facts=replace(pic.facts, counts_note=None))
    assert framework_problems(unexplained) == ["facts.counts_note: say why the counts are not consistent"]
    assert framework_problems(replace(pic, max_score=100.0)) == [
        "max_score: 100 is not the sum of the issue maxima (102.5)"
    ]
    assert "scale.A: 103 is outside 0..102.5 (points)" in framework_problems(
        replace(pic, scale=(("A", 103.0), ("F", 0.0)))
    )
