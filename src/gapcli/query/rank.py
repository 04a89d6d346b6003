"""Rankings as places among the jurisdictions an edition graded, exact or as ranges.

A row's place is the range ``query/places`` finds from every fact held about the edition
(scores, grades through the scale, published ranks, grade counts), so a card gapcli has no
score for still has the places its grade leaves it, and a score never claims a place the
grades rule out. Rows are sorted by what is known. A card without any fact about the figure
ranked on is left out and counted. Filters (``--grade``, ``--tier``) pick rows from the whole
ranking, so a state keeps its place; ``--top N`` keeps the rows that can be among the first
N places and says which certainly are.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from gapcli.model import GRADES, Card, Framework
from gapcli.query import Records
from gapcli.query.cards import framework_defines, number
from gapcli.query.places import Bounds, Edition, Known, places
from gapcli.query.select import FIGURES, GRADE, OVERALL, PUBLISHED
from gapcli.states import fips

if TYPE_CHECKING:
    from gapcli.records import FrameworkDefines, RankRow


class Ranking(Records["RankRow"]):
    """The rows of a ranking (``RankRow``), and what was ranked over how many cards."""

    year: int
    by: str  # "overall", "grade", "published" or an issue-area number as text
    label: str
    ranked: int  # cards with a fact about the figure ranked on (the rows before filters)
    cards: int  # cards of the edition
    filtered_out: int  # rows dropped by --grade/--tier
    filtered_out_unknown: int  # of those, the rows whose grade/tier is not published: they may be what was asked
    grades: tuple[str, ...] | None  # the overall grades kept (--grade), None: every one
    tiers: tuple[str, ...] | None  # the tiers kept (--tier), None: every one
    coverage: dict[str, int]  # for each of FIGURES, how many cards have it
    defines: FrameworkDefines  # the figures the edition's cards have (the Protected Innocence Challenge: no tiers)
    graded: int | None  # jurisdictions the edition graded: the places are out of these (None: not published)
    sizes: tuple[int, int] | None  # the fewest and most graded that the facts allow (None: no places)
    counts_unused: str | None  # why the published grade counts are left out of the places
    problem: str | None  # why there are no places: the facts held contradict each other
    top: int | None
    from_bottom: bool  # listed from the bottom (--reverse)
    unprinted: list[int]  # --by published --top N: places up to N with no printed rank held


def label_of(framework: Framework, by: str | int) -> str:
    if by == OVERALL:
        return "overall score"
    if by == GRADE:
        return "overall grade"
    if by == PUBLISHED:
        return "published rank"
    area = framework.issue(int(by))
    return f"{by}. {area.name}" if area else f"issue area {by}"


def edition_of(cards: list[Card], framework: Framework, by: str | int = OVERALL) -> Edition:
    """The facts the places of ``cards`` rest on: overall figures, or one issue area's (no counts, no ranks)."""
    facts = framework.facts
    if by in FIGURES:
        known = [Known(c.score, c.grade, c.published_rank, c.state) for c in cards]
        maximum = None
        counts = facts.grade_counts if facts.counts_consistent else {}  # counts that contradict themselves: never used
        ceiling = _ceiling(framework)
    else:
        results = [c.issue(int(by)) for c in cards]
        known = [
            Known(r.score, r.grade, None, c.state) if r else Known(name=c.state)
            for c, r in zip(cards, results, strict=True)
        ]
        area = framework.issue(int(by))
        maximum, counts = (area.max_score if area else None), {}
        ceiling = maximum
        if maximum is None:
            return Edition(known, facts.graded, None, counts, ceiling)
    bands: dict[str, Bounds] = {}
    for letter in GRADES:
        bounds = framework.score_bounds(letter, maximum)
        if bounds is not None:
            bands[letter] = bounds
    # a scale known only in part orders the grades, no more
    return Edition(known, facts.graded, bands if len(bands) == len(GRADES) else None, counts, ceiling)


def _ceiling(framework: Framework) -> float | None:
    """The most an overall score can be: the maximum and any extra credit, where both are known."""
    if framework.max_score is None or (framework.extra_credit and framework.extra_credit_max is None):
        return None
    return framework.max_score + (framework.extra_credit_max or 0)


def rank(
    cards: list[Card],
    framework: Framework,
    by: str | int = OVERALL,
    grades: Collection[str] | None = None,
    tiers: Collection[str] | None = None,
    top: int | None = None,
    reverse: bool = False,
) -> Ranking:
    """Rank ``cards`` (one edition's) on the overall score or grade, the published rank, or an issue area's score.

    Place 1 is always the best; ``reverse`` lists from the bottom.
    """
    edition = edition_of(cards, framework, by)
    found = places(edition, groups=by == GRADE)
    listed = [i for i, card in enumerate(cards) if _has(card, by)]
    rows: list[RankRow] = []
    for i in listed:
        card = cards[i]
        low, high = (card.published_rank, card.published_rank) if by == PUBLISHED else found.ranges[i] or (None, None)
        group = found.groups[i] if by == GRADE else None
        rows.append(_row(card, framework, by, (low, high), group, found.of, len(listed), len(cards)))
    if found.problem is not None and by != PUBLISHED:
        _positions(rows, by)
    else:
        for row in rows:
            row["rank"] = row["group_low"] or row["place_low"] or 0
    rows.sort(key=lambda r: _order(r, by, reverse))
    by_code = {c.code: c for c in cards}
    chosen = [r for r in rows if _keep(by_code[r["code"]], grades, tiers)]
    filtered_out = len(rows) - len(chosen)
    unknown = sum(1 for r in rows if _may_be(by_code[r["code"]], grades, tiers))
    for row in rows:
        row["filtered_out_unknown"] = unknown
    unprinted: list[int] = []
    if top is not None:
        positions = found.problem is not None and by != PUBLISHED
        chosen = _top(chosen, top, reverse, found.of[1] if found.of else None, positions)
        if by == PUBLISHED and not reverse:
            printed = {r["place_low"] for r in rows}
            unprinted = [p for p in range(1, top + 1) if p not in printed]
    coverage = {figure: sum(1 for c in cards if _key(c, figure) is not None) for figure in FIGURES}
    graded = found.of[0] if found.of and found.of[0] == found.of[1] else framework.facts.graded
    problem = found.problem and f"the {framework.year} facts held contradict each other: {found.problem}"
    return Ranking(
        chosen,
        year=framework.year,
        by=str(by),
        label=label_of(framework, by),
        ranked=len(listed),
        cards=len(cards),
        filtered_out=filtered_out,
        filtered_out_unknown=unknown,
        grades=None if grades is None else tuple(grades),
        tiers=None if tiers is None else tuple(tiers),
        coverage=coverage,
        defines=framework_defines(framework),
        graded=graded,
        sizes=found.of,
        counts_unused=None
        if framework.facts.counts_consistent
        else framework.facts.counts_note or "they contradict each other",
        problem=problem,
        top=top,
        from_bottom=reverse,
        unprinted=unprinted,
    )


def _has(card: Card, by: str | int) -> bool:
    """Whether the card says anything about the figure ranked on (else it is left out, and counted)."""
    if by == PUBLISHED:
        return card.published_rank is not None
    if by == GRADE:
        return card.grade is not None
    if by == OVERALL:
        return card.score is not None or card.grade is not None or card.published_rank is not None
    result = card.issue(int(by))
    return result is not None and (result.score is not None or result.grade is not None)


def _order(row: RankRow, by: str | int, reverse: bool) -> tuple[float, float, float, str]:
    """Best known first: the grade (--by grade), then the least place, the greatest, the name;
    ``reverse``: the worst first, by the greatest place, then the least."""
    letter = float(GRADES.index(row["grade"])) if by == GRADE and row["grade"] in GRADES else 0.0
    low, high = row["place_low"], row["place_high"]
    if low is None or high is None:
        low = high = row["rank"]
    return (-letter, -high, -low, row["state"]) if reverse else (letter, low, high, row["state"])


def _positions(rows: list[RankRow], by: str | int) -> None:
    """Where the facts contradict each other: each row's place among the rows alone, as before places."""

    def key(row: RankRow) -> float:
        if by == GRADE:
            return float(GRADES.index(row["grade"])) if row["grade"] in GRADES else float("inf")
        return -row["score"] if row["score"] is not None else float("inf")

    ordered = sorted(rows, key=key)
    previous = None
    for position, row in enumerate(ordered, start=1):
        row["rank"] = ordered[position - 2]["rank"] if previous is not None and key(row) == previous else position
        previous = key(row)


def _top(rows: list[RankRow], top: int, reverse: bool, of: int | None, positions: bool) -> list[RankRow]:
    """The rows that can be among the first (``reverse``: the last) ``top`` places, each marked certain or not.

    Without places (``positions``), the rows' own places among themselves stand in.
    """
    spans = [(r["rank"], r["rank"]) if positions else (r["place_low"], r["place_high"]) for r in rows]
    last = max((high for _, high in spans if high is not None), default=0) if positions or of is None else of
    kept = []
    for row, (low, high) in zip(rows, spans, strict=True):
        if low is None or high is None:
            continue
        if reverse and high > last - top:
            row["top_certain"] = low > last - top
            kept.append(row)
        elif not reverse and low <= top:
            row["top_certain"] = high <= top
            kept.append(row)
    return kept


def _keep(card: Card, grades: Collection[str] | None, tiers: Collection[str] | None) -> bool:
    """--grade and --tier test the card's overall grade and tier, whatever is ranked (any of those given)."""
    return (grades is None or card.grade in grades) and (tiers is None or card.tier in tiers)


def _may_be(card: Card, grades: Collection[str] | None, tiers: Collection[str] | None) -> bool:
    """A card --grade/--tier drop only for want of a published grade or tier: unknown, not "not this one"."""
    if _keep(card, grades, tiers):
        return False
    grade_may = grades is None or card.grade is None or card.grade in grades
    tier_may = tiers is None or card.tier is None or card.tier in tiers
    return grade_may and tier_may


def _key(card: Card, by: str) -> float | None:
    """The figure, where the card has it (for the coverage counts)."""
    if by == OVERALL:
        return card.score
    if by == GRADE:
        return None if card.grade is None else float(GRADES.index(card.grade))
    return None if card.published_rank is None else float(card.published_rank)


def _row(
    card: Card,
    framework: Framework,
    by: str | int,
    place: tuple[int | None, int | None],
    group: tuple[int, int] | None,
    of: tuple[int, int] | None,
    ranked: int,
    cards: int,
) -> RankRow:
    if by in FIGURES:
        grade, score, maximum = card.grade, card.score, framework.max_score
    else:
        result, area = card.issue(int(by)), framework.issue(int(by))
        grade = result.grade if result else None
        score = result.score if result else None
        maximum = area.max_score if area else None
    return {
        "rank": 0,
        "state": card.state,
        "code": card.code,
        "year": card.year,
        "grade": grade,
        "score": number(score),
        "max_score": number(maximum),
        "tier": card.tier,
        "published_rank": card.published_rank,
        "by": str(by),
        "ranked": ranked,
        "cards": cards,
        "place_low": place[0],
        "place_high": place[1],
        "place_of": of[0] if of and of[0] == of[1] and place[0] is not None else None,
        "group_low": group[0] if group else None,
        "group_high": group[1] if group else None,
        "top_certain": None,
        "origin": card.origin,
        "fips": fips(card.code),
        "filtered_out_unknown": 0,
    }
