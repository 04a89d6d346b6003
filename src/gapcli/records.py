"""The JSON contract: one ``TypedDict`` per record a command prints (README: "JSON contract").

Queries build these as plain dicts, so records are ready for ``json.dumps`` and
``pandas.DataFrame``. Other modules import this one for type checking only
(start-up does not pay for it); tests/test_records.py checks that the README lists
exactly these fields. ``None`` is "not known", never zero or "none".
"""

from __future__ import annotations

from typing import TypedDict, Union

from gapcli.model import GoalLists

Number = Union[int, float]


class GoalRecord(TypedDict):
    goal: str | None
    phrase: str
    met: bool
    brief: str | None
    brief_url: str | None


class IssueRecord(TypedDict):
    number: int
    name: str
    grade: str | None
    score: Number | None
    max_score: Number | None
    goal_lists: GoalLists | None
    accomplished: list[str] | None
    gaps: list[str] | None
    gaps_in_all_areas: bool
    goals: list[GoalRecord] | None
    brief_url: str | None


class ExtraCreditRecord(TypedDict):
    category: str | None
    points: Number
    description: str | None


class CitationRecord(TypedDict):
    fields: list[str]
    url: str
    note: str


class SourceRecord(TypedDict):
    origin: str
    path: str | None
    citations: list[CitationRecord]


class EditionGrade(TypedDict):
    year: int
    framework_short: str
    comparable: bool
    grade: str | None
    score: Number | None
    published_rank: int | None


class FrameworkDefines(TypedDict):
    """The figures a card of the framework has at all: where one is false, null or [] means "none"."""

    tier: bool
    issue_grades: bool
    goal_lists: bool
    extra_credit: bool


class CardRecord(TypedDict):
    state: str
    code: str
    year: int
    framework: str
    tier: str | None
    grade: str | None
    score: Number | None
    max_score: Number | None
    published_rank: int | None
    published_rank_of: int | None
    complete: bool
    derived: list[str]
    issues: list[IssueRecord]
    extra_credit: list[ExtraCreditRecord]
    links: dict[str, str]
    source: SourceRecord
    newer_editions: list[EditionGrade]
    framework_defines: FrameworkDefines
    fips: str


class NewPhraseRecord(TypedDict):
    issue: int
    phrase: str
    met: bool


class ImportRecord(CardRecord):
    file: str
    result: str
    new_phrases: list[NewPhraseRecord]


class StateRow(TypedDict):
    state: str
    code: str
    year: int
    grade: str | None
    score: Number | None
    max_score: Number | None
    tier: str | None
    complete: bool
    derived: list[str]
    origin: str
    grades: dict[str, str | None]
    fips: str


class DiffSide(TypedDict):
    state: str
    code: str
    year: int
    framework_defines: FrameworkDefines
    fips: str
    origin: str  # "bundled", or "user": a card you imported, not published by Shared Hope


class DiffFigures(TypedDict):
    grade: str | None
    score: Number | None


class DiffOverallSide(TypedDict):
    grade: str | None
    score: Number | None
    tier: str | None


class DiffOverall(TypedDict):
    a: DiffOverallSide
    b: DiffOverallSide
    max_score: Number | None
    delta: Number | None


class DiffIssue(TypedDict):
    number: int
    name: str
    max_score: Number | None
    a: DiffFigures
    b: DiffFigures
    delta: Number | None
    only_a_met: list[str] | None
    only_b_met: list[str] | None
    goals_not_comparable: int | None


class DiffRecord(TypedDict):
    a: DiffSide
    b: DiffSide
    comparable: bool
    overall: DiffOverall
    issues: list[DiffIssue]
    not_comparable_reason: str | None  # why comparable is false (two frameworks); null where it is true


class RankRow(TypedDict):
    rank: int
    state: str
    code: str
    year: int
    grade: str | None
    score: Number | None
    max_score: Number | None
    tier: str | None
    published_rank: int | None
    by: str
    ranked: int
    cards: int
    place_low: int | None
    place_high: int | None
    place_of: int | None
    group_low: int | None
    group_high: int | None
    top_certain: bool | None
    origin: str
    fips: str
    filtered_out_unknown: int


class GapEntry(TypedDict):
    goal: str
    id: str | None
    issue: int
    issue_name: str
    states_unmet: list[str]
    states_met: list[str]
    states_unknown: list[str]
    cards: int
    jurisdictions: int
    states_user: list[str]


class StateGap(TypedDict):
    state: str
    code: str
    year: int
    issue: int
    issue_name: str
    goal: str
    id: str | None
    goal_lists: GoalLists
    brief: str | None
    brief_url: str | None
    fips: str


class IssueStats(TypedDict):
    number: int
    name: str
    max_score: Number | None
    scored: int
    mean_score: Number | None
    mean_percent: Number | None
    too_few: bool  # fewer than half the jurisdictions graded have the area's score: its mean is of those cards only


class PublishedFacts(TypedDict):
    released: str | None
    graded: int | None
    grade_counts: dict[str, int | None]
    national_average: Number | None
    ranked: int | None
    goal_points: Number | None
    sources: list[CitationRecord]
    counts_consistent: bool  # false: the published counts contradict each other (2012); never a denominator
    counts_note: str | None
    most_improved: str | None
    highlights: list[str]
    grade_counts_derived: list[str]  # letters whose 0 no source gives: the others' counts add up to all graded


class UserStats(TypedDict):
    cards: int
    scored: int
    mean_score: Number | None
    median_score: Number | None
    grades: dict[str, int]


class StatsRecord(TypedDict):
    year: int
    framework: str
    cards: int
    scored: int
    mean_score: Number | None
    median_score: Number | None
    grades: dict[str, int]
    ungraded: int
    issues: list[IssueStats]
    published: PublishedFacts
    jurisdictions: int
    jurisdictions_published: bool
    too_few: bool
    origin: dict[str, int]
    user: UserStats


class HistoryRow(TypedDict):
    state: str
    code: str
    year: int
    framework: str | None
    framework_short: str | None
    has_card: bool
    grade: str | None
    score: Number | None
    max_score: Number | None
    tier: str | None
    published_rank: int | None
    delta: Number | None
    grade_steps: int | None
    comparable_with_previous: bool
    edition: bool  # false: a year without an edition (2020, 2024), with its reason
    reason: str | None
    framework_changed: bool  # the first edition of a new framework: nothing compares across it
    framework_defines: FrameworkDefines | None
    graded: bool | None
    fips: str
    derived: list[str]  # the card's figures reached by counting or arithmetic ([] where none, or no card)


class TileRow(TypedDict):
    code: str
    state: str
    year: int
    grade: str | None
    score: Number | None
    max_score: Number | None
    row: int
    col: int
    has_card: bool
    share: Number | None
    graded: bool | None
    origin: str | None
    fips: str


class PlanGoal(TypedDict):
    goal: str | None
    phrase: str
    brief: str | None
    brief_url: str | None


class PlanIssue(TypedDict):
    number: int
    name: str
    score: Number | None
    max_score: Number | None
    headroom: Number | None
    headroom_share: Number | None
    goal_lists: GoalLists | None
    unmet_goals: list[PlanGoal] | None
    could_close_alone: bool | None


class PlanRecord(TypedDict):
    state: str
    code: str
    year: int
    grade: str | None
    score: Number
    max_score: Number
    target: str
    target_score: Number
    needs: Number
    scale: dict[str, Number]
    scale_published: bool
    goal_points: Number | None
    least_goals: int | None
    areas_alone: list[int] | None
    goals_known: bool
    issues: list[PlanIssue]
    scale_basis: str  # "percent" (a share of max_score) or "points" (the Protected Innocence Challenge)
    framework_defines: FrameworkDefines
    newer_editions: list[EditionGrade]
    fips: str


class PathsRecord(TypedDict):
    bundled: str
    user: str
    cache: str


class ValidateRecord(TypedDict):
    checked: int
    problems: list[str]


# README contract name → record; tests/test_records.py compares each with the README
CONTRACT: dict[str, type] = {
    "card": CardRecord,
    "card.issues": IssueRecord,
    "card.issues.goals": GoalRecord,
    "card.extra_credit": ExtraCreditRecord,
    "card.source": SourceRecord,
    "card.source.citations": CitationRecord,
    "card.newer_editions": EditionGrade,
    "card.framework_defines": FrameworkDefines,
    "import": ImportRecord,
    "import.new_phrases": NewPhraseRecord,
    "states": StateRow,
    "diff": DiffRecord,
    "diff.a": DiffSide,
    "diff.overall": DiffOverall,
    "diff.overall.a": DiffOverallSide,
    "diff.issues": DiffIssue,
    "diff.issues.a": DiffFigures,
    "rank": RankRow,
    "gaps": GapEntry,
    "gaps --state": StateGap,
    "stats": StatsRecord,
    "stats.issues": IssueStats,
    "stats.published": PublishedFacts,
    "stats.user": UserStats,
    "history": HistoryRow,
    "map": TileRow,
    "plan": PlanRecord,
    "plan.issues": PlanIssue,
    "plan.issues.unmet_goals": PlanGoal,
    "plan.newer_editions": EditionGrade,
    "data path": PathsRecord,
    "data validate": ValidateRecord,
}
