import pytest

from gapcli.errors import NotFound
from gapcli.model import Card, Framework, IssueArea, IssueResult, PolicyGoal
from gapcli.query import gaps

FW = Framework(
    2021, "t", issues=(IssueArea(1, "Criminal Provisions", 17.5), IssueArea(3, "Continuum of Care", 15.0)),
    goals=(PolicyGoal("1.4", 1, "mistake of age", "mistake of age defenses"), PolicyGoal("1.5", 1, "decoy", "decoy defenses")),
    links={"related_resources": "https://example.org/rr", "issue_briefs": "https://example.org/ib"},
)
CARDS = [
    Card("Connecticut", "CT", 2021, issues=(IssueResult(1, "F", 8.5, ("decoy defenses",), ("mistake of age defenses",)),
                                            IssueResult(3, "F", 4, (), ("appropriations",)))),
    Card("Texas", "TX", 2021, issues=(IssueResult(1, "C", 13, ("mistake of age defenses",), ("decoy defenses",)),
                                      IssueResult(3, "F", 4, (), ("Appropriations",)))),
    Card("Alaska", "AK", 2021, grade="F"),
]


def test_summary_counts_states_most_unmet_first():
    result = gaps.summary(CARDS, FW)
    assert [(e["goal"], e["id"], sorted(e["states_unmet"])) for e in result][0] == ("appropriations", None, ["CT", "TX"])
    assert {e["id"] for e in result} == {None, "1.4", "1.5"}


def test_find_by_words_and_by_number():
    [entry] = gaps.find(CARDS, FW, "mistake of age")
    assert (entry["states_unmet"], entry["states_met"], entry["issue"]) == (["CT"], ["TX"], 1)
    assert gaps.find(CARDS, FW, "1.5")[0]["states_met"] == ["CT"]


def test_a_query_that_matches_nothing_names_the_closest():
    with pytest.raises(NotFound, match="closest: 'decoy defenses'"):
        gaps.find(CARDS, FW, "decoy defence")


def test_one_states_unmet_goals_with_brief_links():
    rows = gaps.of_state(CARDS[0], FW)
    assert [(r["goal"], r["id"], r["brief"], r["brief_url"]) for r in rows] == [
        ("mistake of age defenses", "1.4", "Issue Brief 1.4", "https://example.org/rr"),
        ("appropriations", None, None, "https://example.org/ib"),
    ]
