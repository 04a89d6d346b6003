from dataclasses import replace

import pytest

from gapcli.load.validate import problems
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
