from gapcli.model import Card, Framework, IssueArea, IssueResult

SCALE = (("A", 90.0), ("B", 80.0), ("C", 70.0), ("D", 60.0), ("F", 0.0))


def framework(**changes) -> Framework:
    values = dict(year=2021, name="test", issues=(IssueArea(1, "One", 10.0),), max_score=10.0, scale=SCALE)
    values.update(changes)
    return Framework(**values)


def test_grade_scale_boundaries():
    fw = framework()
    assert [fw.grade_for(s, 15) for s in (13.5, 12, 10.5, 9, 8.5)] == ["A", "B", "C", "D", "F"]
    assert fw.grade_for(10, 15) == "D"  # 66.7 %, the seed card's Access to Justice


def test_no_scale_gives_no_grade():
    assert framework(scale=None).grade_for(5, 10) is None


def test_complete_needs_every_figure_and_highlights():
    fw = framework()
    full = Card(
        "Connecticut", "CT", 2021, grade="F", score=5, tier="II", issues=(IssueResult(1, "F", 5, (), ("gap",)),)
    )
    assert full.is_complete(fw)
    assert not Card("Connecticut", "CT", 2021, grade="F").is_complete(fw)
    no_highlights = Card("Connecticut", "CT", 2021, grade="F", score=5, tier="II", issues=(IssueResult(1, "F", 5),))
    assert not no_highlights.is_complete(fw)


def test_a_framework_with_unknown_maxima_has_no_complete_cards():
    fw = framework(issues=(IssueArea(1, "One", None),))
    card = Card("Connecticut", "CT", 2021, grade="F", score=5, tier="II", issues=(IssueResult(1, "F", 5, ("met",)),))
    assert not fw.is_fully_known()
    assert not card.is_complete(fw)
