import statistics

from gapcli.model import Card, Framework, IssueArea, IssueResult
from gapcli.query.stats import stats, tiles

FW = Framework(2021, "t", issues=(IssueArea(1, "One", 10.0),), max_score=100)


def test_counts_means_and_medians():
    cards = [Card("Texas", "TX", 2021, "D", 61, issues=(IssueResult(1, "D", 6),)),
             Card("Florida", "FL", 2021, "C", 72.5, issues=(IssueResult(1, "C", 7.5),)),
             Card("Ohio", "OH", 2021, "F", 40), Card("Iowa", "IA", 2021)]
    result = stats(cards, FW)
    assert (result["cards"], result["scored"], result["ungraded"]) == (4, 3, 1)
    assert result["mean_score"] == round(statistics.fmean([61, 72.5, 40]), 4)
    assert result["median_score"] == 61
    assert result["grades"] == {"A": 0, "B": 0, "C": 1, "D": 1, "F": 1}
    assert result["issues"][0] | {} == {"number": 1, "name": "One", "max_score": 10, "scored": 2, "mean_score": 6.75, "mean_percent": 67.5}


def test_tiles_cover_every_jurisdiction():
    result = tiles([Card("Texas", "TX", 2021, "D")], FW)
    assert len(result) == 51
    texas = next(t for t in result if t["code"] == "TX")
    assert (texas["grade"], texas["has_card"], texas["row"], texas["col"]) == ("D", True, 7, 3)
    assert sum(t["has_card"] for t in result) == 1
