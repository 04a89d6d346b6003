import statistics

from gapcli.model import Card, Citation, EditionFacts, Framework, IssueArea, IssueResult
from gapcli.query.stats import published, stats, tiles

FACTS = EditionFacts(
    "2021-11-17", {"C": 1, "D": 10, "F": 40}, 51, 47.9, 51, 2.5, (Citation(("graded",), "https://example.org"),)
)
FW = Framework(2021, "t", "t", issues=(IssueArea(1, "One", 10.0),), max_score=100, facts=FACTS)


def test_counts_means_and_medians():
    cards = [
        Card("Texas", "TX", 2021, "D", 61, issues=(IssueResult(1, "D", 6),)),
        Card("Florida", "FL", 2021, "C", 72.5, issues=(IssueResult(1, "C", 7.5),)),
        Card("Ohio", "OH", 2021, "F", 40),
        Card("Iowa", "IA", 2021),
    ]
    result = stats(cards, FW)
    assert (result["cards"], result["scored"], result["ungraded"]) == (4, 3, 1)
    assert result["mean_score"] == round(statistics.fmean([61, 72.5, 40]), 4)
    assert result["median_score"] == 61
    assert result["grades"] == {"A": 0, "B": 0, "C": 1, "D": 1, "F": 1}
    assert result["issues"][0] | {} == {
        "number": 1,
        "name": "One",
        "max_score": 10,
        "scored": 2,
        "mean_score": 6.75,
        "mean_percent": 67.5,
        "too_few": True,  # 2 of 51 graded
    }
    assert result["published"]["national_average"] == 47.9 and result["published"]["graded"] == 51
    assert (result["jurisdictions"], result["jurisdictions_published"], result["too_few"]) == (51, True, True)


def test_cards_the_user_imported_are_counted_apart():
    cards = [Card("Texas", "TX", 2021, "D", 61), Card("Ohio", "OH", 2021, "F", 40, origin="user")]
    result = stats(cards, FW)
    assert (result["cards"], result["scored"], result["mean_score"]) == (2, 1, 61)
    assert result["grades"]["F"] == 0 and result["origin"] == {"bundled": 1, "user": 1}
    assert result["user"] == {
        "cards": 1,
        "scored": 1,
        "mean_score": 40,
        "median_score": 40,
        "grades": {"A": 0, "B": 0, "C": 0, "D": 0, "F": 1},
    }


def test_shares_are_over_the_jurisdictions_graded_or_the_most_there_can_be():
    cards = [Card(f"S{i}", f"S{i}", 2025, "A", 90 + i) for i in range(30)]
    unknown = stats(cards, Framework(2025, "j", "j", facts=EditionFacts(grade_counts={"A": 3})))
    assert (unknown["jurisdictions"], unknown["jurisdictions_published"], unknown["too_few"]) == (51, False, False)
    without_dc = Framework(2023, "t", "t", facts=EditionFacts(graded=50, not_graded=("DC",)))
    assert (stats(cards[:25], without_dc)["jurisdictions"], stats(cards[:25], without_dc)["too_few"]) == (50, False)
    assert stats(cards[:24], without_dc)["too_few"] is True  # 24 of 50: fewer than half


def test_published_counts_are_zero_only_where_they_add_up_to_every_graded_card():
    assert published(FW)["grade_counts"] == {"A": 0, "B": 0, "C": 1, "D": 10, "F": 40}
    partial = Framework(2025, "j", "j", facts=EditionFacts(grade_counts={"A": 3}))
    assert published(partial)["grade_counts"] == {"A": 3, "B": None, "C": None, "D": None, "F": None}
    assert published(partial)["national_average"] is None


def test_tiles_cover_every_jurisdiction():
    result = tiles([Card("Texas", "TX", 2021, "D")], FW)
    assert len(result) == 51
    texas = next(t for t in result if t["code"] == "TX")
    assert (texas["grade"], texas["has_card"], texas["row"], texas["col"]) == ("D", True, 7, 3)
    assert sum(t["has_card"] for t in result) == 1
    assert texas["max_score"] == 100


def test_inconsistent_counts_are_passed_on_as_published_and_used_for_nothing():
    facts = EditionFacts(
        grade_counts={"A": 0, "B": 6, "C": 9, "D": 19, "F": 18},
        graded=51,
        counts_consistent=False,
        counts_note="they add up to 52",
    )
    result = published(Framework(2012, "p", "p", facts=facts))
    assert result["grade_counts"] == {"A": 0, "B": 6, "C": 9, "D": 19, "F": 18}
    assert (result["counts_consistent"], result["counts_note"]) == (False, "they add up to 52")
    missing = published(
        Framework(
            2012,
            "p",
            "p",
            facts=EditionFacts(grade_counts={"B": 6}, graded=6, counts_consistent=False, counts_note="n"),
        )
    )
    assert missing["grade_counts"]["A"] is None  # never 0 by subtraction from counts that do not add up


def test_an_issue_areas_mean_is_too_few_below_half_the_jurisdictions_graded():
    scored = [Card(f"S{i}", f"S{i}", 2021, "F", 40, issues=(IssueResult(1, "F", 5),)) for i in range(26)]
    result = stats([*scored, Card("T", "T", 2021, "F")], FW)
    assert [(i["scored"], i["too_few"]) for i in result["issues"]] == [(26, False)]  # 26 of 51
    assert [i["too_few"] for i in stats(scored[:25], FW)["issues"]] == [True]  # 25 of 51: fewer than half
