"""Rankings on small hand-built models: ties, missing figures, coverage, filters that keep places."""

from gapcli.model import Card, Framework, IssueArea, IssueResult
from gapcli.query.rank import rank

FW = Framework(
    2021,
    "t",
    "t",
    issues=(IssueArea(1, "Criminal Provisions", 17.5), IssueArea(4, "Access to Justice", 15.0)),
    max_score=100,
    scale=(("A", 90.0), ("B", 80.0), ("C", 70.0), ("D", 60.0), ("F", 0.0)),
)


def card(code, name, score=None, grade=None, tier=None, issue4=None, published=None):
    issues = (IssueResult(4, None, issue4),) if issue4 is not None else ()
    return Card(name, code, 2021, grade=grade, score=score, tier=tier, issues=issues, published_rank=published)


CARDS = [
    card("AL", "Alabama", 43.5, "F", "II", issue4=10),
    card("CT", "Connecticut", 43.5, "F", "II", issue4=12, published=30),
    card("FL", "Florida", 72.5, "C", "I", issue4=10, published=1),
    card("TX", "Texas", 40, "F", "III", published=2),
    card("AK", "Alaska", None, "F", published=51),
]


def test_ties_share_a_rank_and_the_next_rank_skips():
    result = rank(CARDS, FW)
    assert [(r["code"], r["rank"]) for r in result.rows] == [("FL", 1), ("AL", 2), ("CT", 2), ("TX", 4)]
    assert (result.ranked, result.cards) == (4, 5)  # Alaska has no score: left out and counted
    assert all((r["ranked"], r["cards"], r["by"]) == (4, 5, "overall") for r in result.rows)


def test_rank_on_an_issue_area():
    result = rank(CARDS, FW, by=4)
    assert [(r["code"], r["rank"], r["score"], r["max_score"]) for r in result.rows] == [
        ("CT", 1, 12, 15),
        ("AL", 2, 10, 15),
        ("FL", 2, 10, 15),
    ]
    assert result.ranked == 3 and result.label == "4. Access to Justice"


def test_rank_on_grade_breaks_ties_by_published_rank_where_known():
    result = rank(CARDS, FW, by="grade")
    assert [(r["code"], r["rank"]) for r in result.rows] == [("FL", 1), ("TX", 2), ("CT", 3), ("AK", 4), ("AL", 5)]


def test_rank_by_published_rank_keeps_shared_hopes_places():
    result = rank(CARDS, FW, by="published")
    assert [(r["code"], r["rank"]) for r in result.rows] == [("FL", 1), ("TX", 2), ("CT", 30), ("AK", 51)]
    assert result.coverage == {"overall": 4, "grade": 5, "published": 4}


def test_filters_keep_each_place_in_the_whole_ranking():
    assert [(r["code"], r["rank"]) for r in rank(CARDS, FW, grade="F").rows] == [("AL", 2), ("CT", 2), ("TX", 4)]
    assert rank(CARDS, FW, grade="F").filtered_out == 1  # Florida; Alaska is left out for lack of a score
    assert [(r["code"], r["rank"]) for r in rank(CARDS, FW, tier="II").rows] == [("AL", 2), ("CT", 2)]
    assert [r["code"] for r in rank(CARDS, FW, top=2).rows] == ["FL", "AL", "CT"]  # the tie at 2 is kept
    assert [r["code"] for r in rank(CARDS, FW, reverse=True).rows] == ["TX", "CT", "AL", "FL"]
    assert [r["rank"] for r in rank(CARDS, FW, reverse=True, top=1).rows] == [4]


def test_no_cards():
    result = rank([], FW)
    assert result.rows == [] and (result.ranked, result.cards) == (0, 0)
