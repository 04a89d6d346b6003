"""Rankings on small hand-built models: places among the jurisdictions graded, filters, --top, coverage."""

from gapcli.model import Card, EditionFacts, Framework, IssueArea, IssueResult
from gapcli.query.rank import edition_of, rank

SCALE = (("A", 90.0), ("B", 80.0), ("C", 70.0), ("D", 60.0), ("F", 0.0))


def framework(graded=6, counts=None, scale=SCALE):
    return Framework(
        2021,
        "t",
        "t",
        issues=(IssueArea(1, "Criminal Provisions", 17.5), IssueArea(4, "Access to Justice", 15.0)),
        max_score=100,
        scale=scale,
        facts=EditionFacts(graded=graded, grade_counts=counts or {}),
    )


def card(code, name, score=None, grade=None, tier=None, issue4=None, published=None, origin="bundled"):
    issues = (IssueResult(4, None, issue4),) if issue4 is not None else ()
    return Card(
        name, code, 2021, grade=grade, score=score, tier=tier, issues=issues, published_rank=published, origin=origin
    )


CARDS = [
    card("AL", "Alabama", 43.5, "F", "II", issue4=10),
    card("CT", "Connecticut", 43.5, "F", "II", issue4=12),
    card("FL", "Florida", 72.5, "C", "I", issue4=10, published=1),
    card("TX", "Texas", 40, "F", "III"),
    card("AK", "Alaska", None, "F", published=6),
]


def places(result):
    return [(r["code"], r["place_low"], r["place_high"]) for r in result]


def test_ties_share_a_place_and_every_jurisdiction_graded_counts():
    result = rank(CARDS, framework())
    # six graded, five cards: the sixth jurisdiction, with no card, may be anywhere above Alaska (#6, last)
    assert places(result) == [("FL", 1, 1), ("AL", 2, 3), ("CT", 2, 3), ("TX", 4, 5), ("AK", 6, 6)]
    assert all((r["ranked"], r["cards"], r["by"], r["place_of"]) == (5, 5, "overall", 6) for r in result)
    assert [r["rank"] for r in result] == [1, 2, 2, 4, 6]  # kept for compatibility: the least place


def test_grades_bound_places_where_no_score_is_known():
    cards = [card("IA", "Iowa", 48.5, "F"), card("MN", "Minnesota", None, "D"), card("FL", "Florida", None, "C")]
    result = rank(cards, framework(graded=3))
    assert places(result) == [("FL", 1, 1), ("MN", 2, 2), ("IA", 3, 3)]  # the grades rule out Iowa ahead


def test_grade_counts_place_the_jurisdictions_without_a_card():
    cards = [card("IA", "Iowa", 48.5, "F"), card("FL", "Florida", None, "C")]
    result = rank(cards, framework(graded=5, counts={"C": 1, "D": 3, "F": 1}))
    assert places(result) == [("FL", 1, 1), ("IA", 5, 5)]  # three D states Shared Hope counted, gapcli has no card for


def test_grade_counts_that_contradict_themselves_are_never_used():
    cards = [card("IA", "Iowa", 48.5, "F"), card("FL", "Florida", None, "C")]
    fw = framework(graded=5, counts={"C": 1, "D": 3, "F": 2})
    fw.facts.counts_consistent, fw.facts.counts_note = False, "they add up to 6"
    result = rank(cards, fw)
    assert places(result) == [("FL", 1, 4), ("IA", 2, 5)] and result.counts_unused == "they add up to 6"


def test_an_unknown_number_graded_gives_places_over_every_number_the_facts_allow():
    cards = [card("LA", "Louisiana", 96, "A", published=1), card("CA", "California", None, "F")]
    result = rank(cards, framework(graded=None, counts={"A": 3}))
    assert result.graded is None and result.sizes == (4, 51)  # LA, CA and the two other A states, or up to 51
    assert places(result) == [("LA", 1, 1), ("CA", 4, 51)]
    assert all(r["place_of"] is None for r in result)


def test_rank_on_an_issue_area_bounds_by_area_grades():
    cards = [*CARDS, Card("Iowa", "IA", 2021, issues=(IssueResult(4, "A", None),))]
    result = rank(cards, framework(), by=4)
    # an area A is at least 13.5 of 15, above Connecticut's 12 (B); Texas and Alaska name no area score
    assert places(result) == [("IA", 1, 3), ("CT", 2, 4), ("AL", 3, 5), ("FL", 3, 5)]
    assert result.ranked == 4 and result.label == "4. Access to Justice"


def test_rank_by_grade_shares_the_grade_place_and_keeps_the_place_range():
    result = rank(CARDS, framework(counts={"C": 1, "F": 5}), by="grade")
    assert [(r["code"], r["group_low"], r["group_high"], r["rank"]) for r in result] == [
        ("FL", 1, 1, 1),
        ("AL", 2, 2, 2),
        ("CT", 2, 2, 2),
        ("TX", 2, 2, 2),
        ("AK", 2, 2, 2),
    ]
    assert places(result)[-1] == ("AK", 6, 6)  # the published #6 still says where Alaska stands


def test_rank_by_published_rank_keeps_shared_hopes_places_and_never_fills_one():
    result = rank(CARDS, framework(), by="published")
    assert places(result) == [("FL", 1, 1), ("AK", 6, 6)]
    assert result.coverage == {"overall": 4, "grade": 5, "published": 2}
    top = rank(CARDS, framework(), by="published", top=3)
    assert places(top) == [("FL", 1, 1)] and top.unprinted == [2, 3]


def test_top_keeps_who_can_be_among_the_first_places_and_says_who_certainly_is():
    result = rank(CARDS, framework(), top=2)
    assert [(r["code"], r["top_certain"]) for r in result] == [("FL", True), ("AL", False), ("CT", False)]
    last = rank(CARDS, framework(), top=1, reverse=True)
    assert [(r["code"], r["top_certain"]) for r in last] == [("AK", True)]


def test_filters_keep_each_place_in_the_whole_ranking():
    result = rank(CARDS, framework(), grades=("F",))
    assert places(result) == [("AL", 2, 3), ("CT", 2, 3), ("TX", 4, 5), ("AK", 6, 6)]
    assert result.filtered_out == 1
    assert [r["code"] for r in rank(CARDS, framework(), tiers=("II",))] == ["AL", "CT"]


def test_filters_count_apart_the_cards_dropped_only_for_an_unknown_grade_or_tier():
    cards = [*CARDS, card("IA", "Iowa", 50, None, "II")]
    result = rank(cards, framework(), grades=("F",))
    assert result.filtered_out == 2 and result.filtered_out_unknown == 1  # Florida's C is not F; Iowa's may be
    assert {r["filtered_out_unknown"] for r in result} == {1}
    tiers = rank(cards, framework(), tiers=("I",))
    assert (tiers.filtered_out, tiers.filtered_out_unknown) == (5, 1)  # Alaska: no tier
    both = rank(cards, framework(), grades=("C",), tiers=("II",))
    assert (both.filtered_out, both.filtered_out_unknown) == (6, 1)  # Iowa alone: tier II, grade unknown
    assert rank(cards, framework()).filtered_out_unknown == 0


def test_contradicting_facts_give_no_places_and_say_so():
    cards = [card("AZ", "Arizona", 48, "F", published=31), card("CT", "Connecticut", 50, "F", published=32)]
    result = rank(cards, framework(graded=None, scale=None))
    assert [(r["code"], r["place_low"], r["place_high"], r["rank"]) for r in result] == [
        ("CT", None, None, 1),
        ("AZ", None, None, 2),
    ]
    assert "Connecticut scores 50 but is ranked #32" in result.problem


def test_user_cards_are_marked():
    cards = [*CARDS[:4], card("AK", "Alaska", 30, "F", origin="user")]
    assert [r["origin"] for r in rank(cards, framework()) if r["code"] == "AK"] == ["user"]


def test_an_unknown_scale_still_orders_the_grades():
    cards = [card("TN", "Tennessee", None, "B"), card("CO", "Colorado", 66.5, "D")]
    result = rank(cards, framework(graded=2, scale=None))
    assert places(result) == [("TN", 1, 1), ("CO", 2, 2)]
    assert edition_of(cards, framework(scale=None)).bands is None


def test_no_cards():
    result = rank([], framework())
    assert result == [] and (result.ranked, result.cards) == (0, 0)
