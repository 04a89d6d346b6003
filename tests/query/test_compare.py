from gapcli.model import Card, Framework, IssueArea, IssueResult
from gapcli.query.compare import diff, history

FW = Framework(2021, "advanced", issues=(IssueArea(1, "Criminal Provisions", 17.5), IssueArea(2, "Victims", 27.5)), max_score=100)
FW22 = Framework(2022, "advanced", issues=FW.issues)
JLM = Framework(2025, "Just Like Me")


def test_same_card_has_zero_deltas():
    a = Card("Connecticut", "CT", 2021, "F", 43.5, issues=(IssueResult(1, "F", 8.5, ("x",), ("y",)),))
    result = diff(a, FW, a, FW)
    assert result["overall"]["delta"] == 0
    assert result["issues"][0]["delta"] == 0
    assert result["issues"][0]["only_a_met"] == [] == result["issues"][0]["only_b_met"]
    assert result["issues"][1]["delta"] is None  # neither card has area 2: unknown, not zero


def test_goals_met_in_one_and_unmet_in_the_other():
    a = Card("Connecticut", "CT", 2021, "F", 40, issues=(IssueResult(1, "F", 8.5, ("decoy defenses",), ("financial penalties",)),))
    b = Card("Florida", "FL", 2021, "C", 72.5, issues=(IssueResult(1, "B", 14.5, ("Financial penalties",), ("decoy defenses",)),))
    result = diff(a, FW, b, FW)
    issue = result["issues"][0]
    assert (issue["delta"], issue["only_a_met"], issue["only_b_met"]) == (6, ["decoy defenses"], ["Financial penalties"])
    assert result["overall"]["delta"] == 32.5
    assert result["a"] == {"state": "Connecticut", "code": "CT", "year": 2021}


def test_missing_figures_are_unknown_not_zero():
    a = Card("Florida", "FL", 2021, "C", 72.5)
    b = Card("Florida", "FL", 2022, "C")
    result = diff(a, FW, b, FW22)
    assert result["overall"]["delta"] is None
    assert result["overall"]["b"]["score"] is None


def test_across_frameworks_nothing_is_compared():
    a = Card("California", "CA", 2021, "D")
    b = Card("California", "CA", 2025, "A", 93)
    result = diff(a, FW, b, JLM)
    assert result["comparable"] is False and result["issues"] == [] and result["overall"]["delta"] is None


def test_history_changes_from_edition_to_edition():
    rows = history([
        (Card("Tennessee", "TN", 2021, "D", 60), FW),
        (Card("Tennessee", "TN", 2022, "B", 81), FW22),
        (Card("Tennessee", "TN", 2025, "C", 73), JLM),
    ])
    assert [r["delta"] for r in rows] == [None, 21, None]
    assert [r["grade_steps"] for r in rows] == [None, 2, None]
    assert [r["comparable_with_previous"] for r in rows] == [False, True, False]
