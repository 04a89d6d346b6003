import pytest

from gapcli.model import Card, Citation, EditionFacts, ExtraCredit, Framework, IssueArea, IssueResult, PolicyGoal
from gapcli.states import by_code

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


PIC = dict(
    year=2014,
    name="Protected Innocence Challenge",
    issues=(IssueArea(1, "One", 10.0), IssueArea(2, "Two", 92.5)),
    max_score=102.5,
    extra_credit_max=0,
    scale=SCALE,
    scale_basis="points",
    tiers=False,
    issue_grades=False,
    goal_lists=False,
)


def test_a_points_scale_grades_points_not_a_share_of_the_maximum():
    fw = framework(**PIC)
    assert [fw.grade_for(s, 102.5) for s in (96, 90, 89.5, 80.5, 70, 60, 58.5)] == ["A", "A", "B", "B", "C", "D", "F"]
    assert framework(max_score=102.5).grade_for(60, 102.5) == "F"  # 58.5 % on a percent scale
    assert fw.grade_for(9, 10) is None  # the points scale is the overall score's, not a section's


def test_score_bounds_are_the_one_mapping_of_a_grade_to_points():
    percent = framework(max_score=100.0, extra_credit_max=10.0)
    assert percent.score_bounds("D") == (60, 70, False) and percent.score_bounds("F") == (0, 60, False)
    assert percent.score_bounds("A") == (90, 110, True)  # extra credit lifts the best letter's ceiling
    assert percent.score_bounds("C", 15) == (10.5, 12, False) and percent.score_bounds("A", 15) == (13.5, 15, True)
    points = framework(**PIC)
    assert points.score_bounds("D") == (60, 70, False) and points.score_bounds("A") == (90, 102.5, True)
    assert points.score_bounds("B", 10) is None and framework(scale=None).score_bounds("A") is None
    assert points.score_bounds("E") is None


def test_grade_for_and_score_bounds_agree_on_every_half_point():
    for fw, maximum in ((framework(**PIC), 102.5), (framework(max_score=100.0), 100.0), (framework(), 15.0)):
        for half_points in range(int(maximum * 2) + 1):
            score = half_points / 2
            low, high, included = fw.score_bounds(fw.grade_for(score, maximum), maximum)
            assert low <= score and (score < high or (included and score <= high)), (fw.scale_basis, score)


def test_completeness_is_the_framework_s_figures():
    pic = framework(**PIC)
    scored = (IssueResult(1, score=10), IssueResult(2, score=86))
    assert Card("Louisiana", "LA", 2014, grade="A", score=96, issues=scored).is_complete(pic)
    assert not Card("Louisiana", "LA", 2014, grade="A", score=96, issues=scored[:1]).is_complete(pic)
    assert not Card("Louisiana", "LA", 2014, score=96, issues=scored).is_complete(pic)
    report_cards = framework(issues=(IssueArea(1, "One", 10.0), IssueArea(2, "Two", 92.5)))
    assert not Card("Louisiana", "LA", 2021, grade="A", score=96, issues=scored).is_complete(report_cards)


def test_model_objects_print_and_compare_as_dataclasses_do(catalog):
    """repr and == are a dataclass's (written once in model._Plain): a framework prints its fields,
    and one framework file read twice gives equal frameworks."""
    import dataclasses

    from gapcli.catalog.catalog import Catalog
    from gapcli.model import Citation, ExtraCredit, IssueArea

    assert (
        repr(IssueArea(1, "Criminal Provisions", 17.5))
        == "IssueArea(number=1, name='Criminal Provisions', max_score=17.5)"
    )
    twin = dataclasses.make_dataclass("ExtraCredit", [(f.name, f.type) for f in dataclasses.fields(ExtraCredit)])
    assert repr(ExtraCredit("Youth", 1, None)) == repr(twin("Youth", 1, None))
    again = Catalog.open(user=False, cache_dir=False)
    assert again.framework(2021) == catalog.framework(2021) and again.framework(2021) is not catalog.framework(2021)
    assert again.framework(2021) != catalog.framework(2023) and again.card(by_code("CT"), 2021) == catalog.card(
        by_code("CT"), 2021
    )
    assert repr(catalog.framework(2021)).startswith("Framework(year=2021, name='Report Cards")
    assert Citation(("grade",), "u") == Citation(("grade",), "u") != Citation(("grade",), "v")
    assert (IssueArea(1, "x", None) == (1, "x", None)) is False
    with pytest.raises(TypeError, match="unhashable"):
        hash(IssueArea(1, "x", None))


@pytest.mark.parametrize(
    "cls", [IssueArea, PolicyGoal, Citation, EditionFacts, Framework, IssueResult, ExtraCredit, Card]
)
def test_each_model_class_s_own_init_is_the_one_dataclass_would_write(cls):
    """Written by hand (model.py says why): the same parameters, in order, with the same types and
    defaults as the fields; a field with a default_factory gets a new value for each object."""
    import dataclasses
    import inspect

    from gapcli import model

    declared = dataclasses.fields(cls)
    twin = dataclasses.make_dataclass(
        cls.__name__,
        [(f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory)) for f in declared],
    )
    own, generated = inspect.signature(cls.__init__), inspect.signature(twin.__init__)
    assert list(own.parameters) == list(generated.parameters)
    for name, parameter in list(own.parameters.items())[1:]:
        wanted = generated.parameters[name]
        assert (parameter.kind, parameter.annotation) == (wanted.kind, wanted.annotation), name
        factory = next(f.default_factory for f in declared if f.name == name)
        if factory is dataclasses.MISSING:
            assert parameter.default == wanted.default, name
        else:
            assert parameter.default is model._FRESH, name
    needed = {n: f"{n}-value" for n, p in list(own.parameters.items())[1:] if p.default is inspect.Parameter.empty}
    made, again, expected = cls(**needed), cls(**needed), twin(**needed)
    assert [getattr(made, f.name) for f in declared] == [getattr(expected, f.name) for f in declared]
    for f in declared:
        if f.default_factory is not dataclasses.MISSING:
            assert getattr(made, f.name) is not getattr(again, f.name), f.name
