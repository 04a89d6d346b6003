"""The data model: frameworks (how an edition grades) and cards (how a state did).

Plain dataclasses with no I/O, so queries and renderers can be tested on
hand-built models. ``None`` always means "not published", never zero.

Each class writes its own ``__init__`` (``@dataclass(init=False)``): a generated one is compiled at
every start-up, 9.4 M instructions for the eight classes, 3.7 % of ``import typer``.
tests/test_model.py checks that each is the one ``@dataclass`` would write.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, Literal

GoalLists = Literal["complete", "partial"]
ScaleBasis = Literal["percent", "points"]
SCALE_BASES = ("percent", "points")

GRADES = ("A", "B", "C", "D", "F")
TIERS = ("I", "II", "III")
_FRESH: Any = object()  # the default of a field with a default_factory: a new value for each object


class _Plain:
    """A dataclass's own ``repr`` and ``==`` (its fields, in order; equal only to its own class), written
    once here: ``@dataclass`` would compile a new pair for each class at every start-up (1.6 % of
    ``show --json``'s instructions for the eight classes below)."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # as a dataclass with eq: equal values, so no hash

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = [f.name for f in fields(self)]  # type: ignore[arg-type]
        return [getattr(self, n) for n in names] == [getattr(other, n) for n in names]


@dataclass(init=False, repr=False, eq=False)  # repr and == from _Plain; __init__ its own
class IssueArea(_Plain):
    """One of an edition's issue areas; ``max_score`` is None where the edition's maxima are unknown."""

    number: int
    name: str
    max_score: float | None

    def __init__(self, number: int, name: str, max_score: float | None) -> None:
        self.number, self.name, self.max_score = number, name, max_score


@dataclass(init=False, repr=False, eq=False)  # repr and == from _Plain; __init__ its own
class PolicyGoal(_Plain):
    """A numbered goal; ``phrase`` is the wording that names it on a card."""

    id: str
    issue: int
    statement: str
    phrase: str | None = None

    def __init__(self, id: str, issue: int, statement: str, phrase: str | None = None) -> None:  # noqa: A002
        self.id, self.issue, self.statement, self.phrase = id, issue, statement, phrase


@dataclass(init=False, repr=False, eq=False)  # repr and == from _Plain; __init__ its own
class Citation(_Plain):
    """Where figures came from: ``fields`` names the card fields it backs."""

    fields: tuple[str, ...]
    url: str
    note: str = ""

    def __init__(self, fields: tuple[str, ...], url: str, note: str = "") -> None:
        self.fields, self.url, self.note = fields, url, note


@dataclass(init=False, repr=False, eq=False)  # repr and == from _Plain; __init__ its own
class EditionFacts(_Plain):
    """What Shared Hope published about an edition as a whole; ``None`` where no source gives it.

    ``grade_counts`` holds only the letters a source counts; ``graded`` is their total where
    every letter is counted.
    """

    released: str | None = None
    grade_counts: dict[str, int] = field(default_factory=dict)
    graded: int | None = None
    national_average: float | None = None
    ranked: int | None = None  # how many jurisdictions the published ranking places
    goal_points: float | None = None  # points a policy goal is worth at most
    counts_consistent: bool = True  # False: the published counts contradict each other; never a denominator
    counts_note: str | None = None  # why the counts are not consistent
    most_improved: str | None = None
    highlights: tuple[str, ...] = ()  # other published statements about the edition, as printed
    not_graded: tuple[str, ...] = ()  # postal codes of the jurisdictions the edition did not grade (2023: DC)
    citations: tuple[Citation, ...] = ()

    def __init__(
        self,
        released: str | None = None,
        grade_counts: dict[str, int] = _FRESH,
        graded: int | None = None,
        national_average: float | None = None,
        ranked: int | None = None,
        goal_points: float | None = None,
        counts_consistent: bool = True,
        counts_note: str | None = None,
        most_improved: str | None = None,
        highlights: tuple[str, ...] = (),
        not_graded: tuple[str, ...] = (),
        citations: tuple[Citation, ...] = (),
    ) -> None:
        self.released, self.graded, self.national_average = released, graded, national_average
        self.grade_counts = {} if grade_counts is _FRESH else grade_counts
        self.ranked, self.goal_points, self.counts_consistent = ranked, goal_points, counts_consistent
        self.counts_note, self.most_improved, self.highlights = counts_note, most_improved, highlights
        self.not_graded, self.citations = not_graded, citations


# The scores a grade implies: (low, high, high_included), low <= score < high; for the best letter,
# high is the most a score can be, and reachable (high_included). A plain tuple: no class to define
# at every start-up for the few commands that ask.
ScoreBounds = tuple[float, float, bool]


class NoEdition:
    """A year in which Shared Hope published no report cards (2020: grading paused); not an edition.

    A plain class: read only by ``history`` and the "no edition" error, so not worth a dataclass at start-up.
    """

    __slots__ = ("citations", "reason", "year")

    def __init__(self, year: int, reason: str, citations: tuple[Citation, ...] = ()):
        self.year, self.reason, self.citations = year, reason, citations


@dataclass(init=False, repr=False, eq=False)  # repr and == from _Plain; __init__ its own
class Framework(_Plain):
    """One edition's grading frame. Unknown maxima or scale stay ``None``."""

    year: int
    name: str
    id: str = ""  # editions with the same id are one framework: their scores compare
    short_name: str = ""
    issues: tuple[IssueArea, ...] = ()
    max_score: float | None = None
    extra_credit_max: float | None = None  # points extra credit can add above max_score (0: none)
    scale: tuple[tuple[str, float], ...] | None = None  # (letter, minimum), best first
    scale_basis: ScaleBasis = "percent"  # a minimum is a % of the maximum, or points of the overall score
    tiers: bool = True  # what a complete card of the framework has: a tier,
    issue_grades: bool = True  # a grade per issue area,
    goal_lists: bool = True  # and the goals met and unmet per issue area
    extra_credit: tuple[str, ...] = ()
    goals: tuple[PolicyGoal, ...] = ()
    links: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    facts: EditionFacts = field(default_factory=EditionFacts)

    def __init__(
        self,
        year: int,
        name: str,
        id: str = "",  # noqa: A002
        short_name: str = "",
        issues: tuple[IssueArea, ...] = (),
        max_score: float | None = None,
        extra_credit_max: float | None = None,
        scale: tuple[tuple[str, float], ...] | None = None,
        scale_basis: ScaleBasis = "percent",
        tiers: bool = True,
        issue_grades: bool = True,
        goal_lists: bool = True,
        extra_credit: tuple[str, ...] = (),
        goals: tuple[PolicyGoal, ...] = (),
        links: dict[str, str] = _FRESH,
        notes: tuple[str, ...] = (),
        facts: EditionFacts = _FRESH,
    ) -> None:
        self.year, self.name, self.id, self.short_name, self.issues = year, name, id, short_name, issues
        self.max_score, self.extra_credit_max, self.scale = max_score, extra_credit_max, scale
        self.scale_basis, self.tiers, self.issue_grades, self.goal_lists = scale_basis, tiers, issue_grades, goal_lists
        self.extra_credit, self.goals, self.notes = extra_credit, goals, notes
        self.links = {} if links is _FRESH else links
        self.facts = EditionFacts() if facts is _FRESH else facts

    def issue(self, number: int) -> IssueArea | None:
        return next((area for area in self.issues if area.number == number), None)

    def is_fully_known(self) -> bool:
        """Issue areas, every maximum and the grade scale: enough to check a complete card."""
        return bool(self.issues) and self.scale is not None and all(a.max_score is not None for a in self.issues)

    def _scaled(self, maximum: float | None) -> bool:
        """Whether the scale grades a score out of ``maximum`` (a points scale grades the overall score only)."""
        if self.scale is None or not maximum:
            return False
        return self.scale_basis == "percent" or maximum == self.max_score

    def grade_for(self, score: float, maximum: float) -> str | None:
        """The letter the scale gives ``score`` out of ``maximum``; ``None`` where the scale does not apply."""
        if not self._scaled(maximum) or self.scale is None:
            return None
        measured = score if self.scale_basis == "points" else 100 * score / maximum
        for letter, minimum in self.scale:
            if measured >= minimum - 1e-9:
                return letter
        return GRADES[-1]

    def score_bounds(self, grade: str, maximum: float | None = None) -> ScoreBounds | None:
        """The scores ``grade`` implies, out of ``maximum`` (an issue area's), else the overall score's:
        ``(low, high, high_included)``, low <= score < high (<= high for the best letter).

        Overall, the best letter reaches ``max_score`` plus any extra credit. ``None`` where
        the scale, the maximum or the letter is not known. The one mapping of a grade to
        points: validation, ``plan`` and the map legend read the scale through here.
        """
        reference = self.max_score if maximum is None else maximum
        if not self._scaled(reference) or self.scale is None or reference is None:
            return None
        minima = dict(self.scale)
        if grade not in minima:
            return None

        def points(minimum: float) -> float:
            return minimum if self.scale_basis == "points" else round(reference * minimum / 100, 9)

        better = [m for letter, m in self.scale if m > minima[grade]]
        if better:
            return (points(minima[grade]), points(min(better)), False)
        ceiling = reference + ((self.extra_credit_max or 0) if maximum is None else 0)
        return (points(minima[grade]), ceiling, True)

    def goal_for_phrase(self, phrase: str) -> PolicyGoal | None:
        return self._goals_by_phrase.get(phrase.casefold())

    @cached_property
    def _goals_by_phrase(self) -> dict[str, PolicyGoal]:
        """Built once: every card's every goal is looked up here."""
        return {g.phrase.casefold(): g for g in reversed(self.goals) if g.phrase}


@dataclass(init=False, repr=False, eq=False)  # repr and == from _Plain; __init__ its own
class IssueResult(_Plain):
    """A card's figures for one issue area: each met goal and each gap is its own entry.

    A goal list is ``None`` when it is not known. A full card knows both lists; a
    ``partial`` area holds only the goals a source named, and says nothing of the others.
    """

    number: int
    grade: str | None = None
    score: float | None = None
    accomplished: tuple[str, ...] | None = None
    gaps: tuple[str, ...] | None = None
    gaps_in_all_areas: bool = False
    partial: bool = False
    max_score: float | None = None  # as printed on the card, where the edition's framework does not know it

    def __init__(
        self,
        number: int,
        grade: str | None = None,
        score: float | None = None,
        accomplished: tuple[str, ...] | None = None,
        gaps: tuple[str, ...] | None = None,
        gaps_in_all_areas: bool = False,
        partial: bool = False,
        max_score: float | None = None,
    ) -> None:
        self.number, self.grade, self.score, self.accomplished, self.gaps = number, grade, score, accomplished, gaps
        self.gaps_in_all_areas, self.partial, self.max_score = gaps_in_all_areas, partial, max_score

    @property
    def goal_lists(self) -> GoalLists | None:
        """``"complete"``, ``"partial"`` or ``None`` (no goal of the area is known)."""
        if self.accomplished is None and self.gaps is None:
            return None
        return "partial" if self.partial else "complete"

    def named_goals(self) -> list[tuple[str, bool]]:
        """(phrase, met) for every goal the card names, met ones first."""
        return [(p, True) for p in self.accomplished or ()] + [(p, False) for p in self.gaps or ()]


@dataclass(init=False, repr=False, eq=False)  # repr and == from _Plain; __init__ its own
class ExtraCredit(_Plain):
    """Points a card earns beyond the issue areas; category and description ``None`` where not published."""

    category: str | None
    points: float
    description: str | None

    def __init__(self, category: str | None, points: float, description: str | None) -> None:
        self.category, self.points, self.description = category, points, description


@dataclass(init=False, repr=False, eq=False)  # repr and == from _Plain; __init__ its own
class Card(_Plain):
    """A state's report card for one edition, as far as it is known."""

    state: str
    code: str
    year: int
    grade: str | None = None
    score: float | None = None
    tier: str | None = None
    published_rank: int | None = None
    issues: tuple[IssueResult, ...] = ()
    extra_credit: tuple[ExtraCredit, ...] = ()
    links: dict[str, str] = field(default_factory=dict)
    citations: tuple[Citation, ...] = ()
    derived: tuple[str, ...] = ()  # fields reached by counting, not printed anywhere
    origin: str = "bundled"  # "bundled" or "user"
    path: str | None = None

    def __init__(
        self,
        state: str,
        code: str,
        year: int,
        grade: str | None = None,
        score: float | None = None,
        tier: str | None = None,
        published_rank: int | None = None,
        issues: tuple[IssueResult, ...] = (),
        extra_credit: tuple[ExtraCredit, ...] = (),
        links: dict[str, str] = _FRESH,
        citations: tuple[Citation, ...] = (),
        derived: tuple[str, ...] = (),
        origin: str = "bundled",
        path: str | None = None,
    ) -> None:
        self.state, self.code, self.year, self.grade, self.score, self.tier = state, code, year, grade, score, tier
        self.published_rank, self.issues, self.extra_credit = published_rank, issues, extra_credit
        self.links = {} if links is _FRESH else links
        self.citations, self.derived, self.origin, self.path = citations, derived, origin, path

    def issue(self, number: int) -> IssueResult | None:
        return next((result for result in self.issues if result.number == number), None)

    def is_complete(self, framework: Framework) -> bool:
        """Complete: every figure the framework defines (grade, score, tier; each issue area's
        score and maximum, its grade and goal lists) is known."""
        if self.grade is None or self.score is None or not framework.issues:
            return False
        if framework.tiers and self.tier is None:
            return False
        for area in framework.issues:
            result = self.issue(area.number)
            if result is None or result.score is None or (area.max_score is None and result.max_score is None):
                return False
            if framework.issue_grades and result.grade is None:
                return False
            if framework.goal_lists and result.goal_lists != "complete":
                return False
        return True

    def has_goal_data(self) -> bool:
        return any(result.goal_lists is not None for result in self.issues)
