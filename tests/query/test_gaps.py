import pytest

from gapcli.errors import NotFound
from gapcli.model import Card, Framework, IssueArea, IssueResult, PolicyGoal
from gapcli.query import gaps

FW = Framework(
    2021,
    "t",
    "t",
    issues=(IssueArea(1, "Criminal Provisions", 17.5), IssueArea(3, "Continuum of Care", 15.0)),
    goals=(
        PolicyGoal("1.4", 1, "mistake of age", "mistake of age defenses"),
        PolicyGoal("1.5", 1, "decoy", "decoy defenses"),
    ),
    links={"related_resources": "https://example.org/rr", "issue_briefs": "https://example.org/ib"},
)
CARDS = [
    Card(
        "Connecticut",
        "CT",
        2021,
        issues=(
            IssueResult(1, "F", 8.5, ("decoy defenses",), ("mistake of age defenses",)),
            IssueResult(3, "F", 4, (), ("appropriations",)),
        ),
    ),
    Card(
        "Texas",
        "TX",
        2021,
        issues=(
            IssueResult(1, "C", 13, ("mistake of age defenses",), ("decoy defenses",)),
            IssueResult(3, "F", 4, (), ("Appropriations",)),
        ),
    ),
    Card("Kansas", "KS", 2021, issues=(IssueResult(1, gaps=("decoy defenses",), partial=True),)),
    Card("Alaska", "AK", 2021, grade="F"),
]


def test_summary_counts_states_most_unmet_first_and_says_who_is_unknown():
    result = gaps.summary(CARDS, FW)
    assert (result.cards, result.with_goal_data, result.year) == (4, 3, 2021)
    first = result[0]
    assert (first["goal"], first["id"], sorted(first["states_unmet"])) == ("decoy defenses", "1.5", ["KS", "TX"])
    assert first["states_met"] == ["CT"] and first["cards"] == 4
    # unknown: Alaska's card names no goals; the 47 other jurisdictions have no card (no count graded: 51 at most)
    assert first["states_unknown"][0] == "AK" and len(first["states_unknown"]) == 48 and first["jurisdictions"] == 51
    assert (result.jurisdictions, result.jurisdictions_published) == (51, False)
    assert {e["id"] for e in result} == {None, "1.4", "1.5"}


def test_a_partial_list_counts_only_the_goals_it_names():
    [entry] = gaps.find(CARDS, FW, "mistake of age")
    assert (entry["states_unmet"], entry["states_met"], entry["issue"]) == (["CT"], ["TX"], 1)
    assert entry["states_unknown"][:2] == ["KS", "AK"]  # Kansas names other goals of area 1, not this one
    assert gaps.find(CARDS, FW, "1.5")[0]["states_met"] == ["CT"]
    assert gaps.find(CARDS, FW, "mistake-of-age") == gaps.find(CARDS, FW, "mistake of age")


def test_a_query_that_matches_nothing_names_the_closest():
    with pytest.raises(NotFound, match="closest: 'decoy defenses'"):
        gaps.find(CARDS, FW, "decoy defence")


def test_one_states_unmet_goals_with_brief_links():
    rows = gaps.of_state(CARDS[0], FW)
    assert [(r["goal"], r["id"], r["brief"], r["brief_url"], r["goal_lists"]) for r in rows] == [
        ("mistake of age defenses", "1.4", "Issue Brief 1.4", "https://example.org/rr", "complete"),
        ("appropriations", None, None, "https://example.org/ib", "complete"),
    ]
    assert [r["goal_lists"] for r in gaps.of_state(CARDS[2], FW)] == ["partial"]


def test_a_card_without_goal_data_is_not_a_card_without_gaps():
    with pytest.raises(NotFound, match="policy goals of Alaska's 2021 card are not known"):
        gaps.of_state(CARDS[3], FW)


def test_an_issue_area_number_lists_its_goals():
    assert {e["id"] for e in gaps.find(CARDS, FW, "1")} == {"1.4", "1.5"}
    assert [e["goal"] for e in gaps.find(CARDS, FW, "3")] == ["appropriations"]


def test_a_framework_without_goal_lists_is_not_one_without_gaps():
    pic = Framework(2014, "Protected Innocence Challenge", "pic", "PIC", issues=FW.issues, goal_lists=False)
    card = Card("Louisiana", "LA", 2014, "A", 96)
    for ask in (
        lambda: gaps.summary([card], pic),
        lambda: gaps.find([card], pic, "1"),
        lambda: gaps.of_state(card, pic),
    ):
        with pytest.raises(NotFound, match="the 2014 edition \\(PIC\\) lists no policy goals met or unmet"):
            ask()
