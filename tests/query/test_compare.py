from gapcli.model import Card, Framework, IssueArea, IssueResult, NoEdition
from gapcli.query.compare import diff, history

FW = Framework(
    2021,
    "advanced",
    "adv",
    issues=(IssueArea(1, "Criminal Provisions", 17.5), IssueArea(2, "Victims", 27.5)),
    max_score=100,
)
FW22 = Framework(2022, "advanced", "adv", issues=FW.issues)
JLM = Framework(2025, "Just Like Me", "jlm")


def test_same_card_has_zero_deltas():
    a = Card("Connecticut", "CT", 2021, "F", 43.5, issues=(IssueResult(1, "F", 8.5, ("x",), ("y",)),))
    result = diff(a, FW, a, FW)
    assert result["overall"]["delta"] == 0
    assert result["issues"][0]["delta"] == 0
    assert result["issues"][0]["only_a_met"] == [] == result["issues"][0]["only_b_met"]
    assert result["issues"][0]["goals_not_comparable"] == 0
    assert result["issues"][1]["delta"] is None  # neither card has area 2: unknown, not zero
    assert result["issues"][1]["only_a_met"] is None  # nor are its goals known


def test_goals_met_in_one_and_unmet_in_the_other():
    a = Card(
        "Connecticut",
        "CT",
        2021,
        "F",
        40,
        issues=(IssueResult(1, "F", 8.5, ("decoy defenses",), ("financial penalties",)),),
    )
    b = Card(
        "Florida",
        "FL",
        2021,
        "C",
        72.5,
        issues=(IssueResult(1, "B", 14.5, ("Financial penalties",), ("decoy defenses",)),),
    )
    result = diff(a, FW, b, FW)
    issue = result["issues"][0]
    assert (issue["delta"], issue["only_a_met"], issue["only_b_met"]) == (
        6,
        ["decoy defenses"],
        ["Financial penalties"],
    )
    assert result["overall"]["delta"] == 32.5
    assert result["a"] == {
        "state": "Connecticut",
        "code": "CT",
        "year": 2021,
        "framework_defines": {"tier": True, "issue_grades": True, "goal_lists": True, "extra_credit": True},
        "fips": "09",
        "origin": "bundled",
    }
    user = Card("Vermont", "VT", 2021, "F", 39, origin="user")
    assert (diff(a, FW, user, FW)["b"]["origin"], diff(user, FW, a, FW)["a"]["origin"]) == ("user", "user")


def test_goals_unknown_on_one_side_are_null_not_empty():
    a = Card(
        "Connecticut",
        "CT",
        2021,
        "F",
        40,
        issues=(IssueResult(1, "F", 8.5, ("decoy defenses",), ("financial penalties",)),),
    )
    b = Card("Florida", "FL", 2021, "C", 72.5)
    issue = diff(a, FW, b, FW)["issues"][0]
    assert (issue["only_a_met"], issue["only_b_met"], issue["goals_not_comparable"]) == (None, None, None)


def test_partial_lists_compare_only_goals_named_on_both_sides():
    a = Card(
        "Connecticut",
        "CT",
        2021,
        "F",
        40,
        issues=(IssueResult(1, "F", 8.5, ("decoy defenses", "x"), ("financial penalties",)),),
    )
    b = Card("Kansas", "KS", 2021, "F", issues=(IssueResult(1, gaps=("decoy defenses", "y"), partial=True),))
    issue = diff(a, FW, b, FW)["issues"][0]
    assert issue["only_a_met"] == ["decoy defenses"] and issue["only_b_met"] == []
    assert issue["goals_not_comparable"] == 3  # x and financial penalties (CT only), y (KS only)


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


def test_a_near_miss_name_is_still_one_framework_and_another_id_is_not():
    renamed = Framework(2023, "advanced framework", "adv", issues=FW.issues, max_score=100)
    same_name = Framework(2023, "advanced", "other", issues=FW.issues, max_score=100)
    a, b = Card("Iowa", "IA", 2021, "F", 48.5), Card("Iowa", "IA", 2023, "F", 50)
    assert diff(a, FW, b, renamed)["overall"]["delta"] == 1.5
    assert diff(a, FW, b, same_name)["comparable"] is False


def test_history_lists_every_edition_and_changes_within_a_framework():
    fw23 = Framework(2023, "advanced", "adv", issues=FW.issues)
    rows = history(
        "Tennessee",
        "TN",
        [
            (FW, Card("Tennessee", "TN", 2021, "D", 60)),
            (FW22, None),
            (fw23, Card("Tennessee", "TN", 2023, "B", 81, published_rank=1)),
            (JLM, Card("Tennessee", "TN", 2025, "C", 73)),
        ],
    )
    assert [r["has_card"] for r in rows] == [True, False, True, True]
    assert [r["delta"] for r in rows] == [None, None, 21, None]
    assert [r["grade_steps"] for r in rows] == [None, None, 2, None]  # since the previous card, 2021
    assert [r["comparable_with_previous"] for r in rows] == [False, True, True, False]
    assert rows[1]["grade"] is None and rows[2]["published_rank"] == 1


def test_history_has_a_row_for_each_year_without_an_edition_and_marks_framework_changes():
    pic = Framework(2019, "Protected Innocence Challenge", "pic", issues=FW.issues, max_score=102.5)
    paused = NoEdition(2020, "no grades: grading paused", ())
    rows = history(
        "Kansas",
        "KS",
        [(pic, Card("Kansas", "KS", 2019, "A", 93.5)), (FW, Card("Kansas", "KS", 2021, "F"))],
        {2020: paused, 2024: NoEdition(2024, "no edition found", ()), 2010: NoEdition(2010, "before", ())},
    )
    assert [(r["year"], r["edition"], r["reason"]) for r in rows] == [
        (2019, True, None),
        (2020, False, "no grades: grading paused"),
        (2021, True, None),
    ]  # only years between the first and the last edition
    assert [r["framework_changed"] for r in rows] == [False, False, True]
    assert rows[2]["comparable_with_previous"] is False and rows[2]["grade_steps"] is None
    assert rows[1]["framework"] is None and rows[1]["framework_defines"] is None and not rows[1]["has_card"]


def test_diff_across_frameworks_says_why():
    pic = Framework(2019, "Protected Innocence Challenge", "pic", "PIC", issues=FW.issues, max_score=102.5)
    result = diff(Card("Kansas", "KS", 2019, "A", 93.5), pic, Card("Kansas", "KS", 2021, "F"), FW)
    assert result["comparable"] is False
    assert result["not_comparable_reason"].startswith("different frameworks: PIC (2019) and ")
    assert diff(Card("Iowa", "IA", 2021, "F", 48.5), FW, Card("Ohio", "OH", 2021), FW)["not_comparable_reason"] is None
