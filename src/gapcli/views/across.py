"""Views across cards and editions: ``diff``, ``stats``, ``map`` (``history``: views/history.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gapcli.fields import FIELDS
from gapcli.model import GRADES, Framework
from gapcli.views.blocks import Block, Bullets, Column, Grid, Links, Note, Tiles, Title, View
from gapcli.views.provenance import citation_shown

if TYPE_CHECKING:
    from gapcli.records import DiffRecord, StatsRecord, TileRow
    from gapcli.rows import DiffRow, StatsGradeRow


def figure(value: float | None) -> str:
    """One way to print a mean or a median: at most two decimals, no trailing zeros (75.75, 71.86, 73)."""
    return "?" if value is None else f"{round(value, 2):g}"


def over(s: StatsRecord) -> str:
    """'of 51 jurisdictions', saying so where that is the most there can be rather than a published count."""
    if s["jurisdictions_published"]:
        return f"of the {s['jurisdictions']} jurisdictions graded"
    return f"of {s['jurisdictions']} jurisdictions at most (no source gives how many the {s['year']} edition graded)"


def diff_view(d: DiffRecord) -> View:
    a, b = d["a"], d["b"]
    mark_a, mark_b = ("*" if side["origin"] == "user" else "" for side in (a, b))  # as rank and gaps mark them
    name_a, name_b = f"{a['code']}{mark_a} {a['year']}", f"{b['code']}{mark_b} {b['year']}"
    o = d["overall"]
    columns = [
        Column("#", "number", "right"),
        Column("Issue area", wrap=True),
        Column(name_a, "grade"),
        Column("score", "score", "right"),
        Column(name_b, "grade"),
        Column("score", "score", "right"),
        Column("Δ", "delta", "right"),
    ]
    rows = [
        [
            "",
            "Overall",
            o["a"]["grade"],
            (o["a"]["score"], o["max_score"]),
            o["b"]["grade"],
            (o["b"]["score"], o["max_score"]),
            o["delta"],
        ]
    ]
    graded = a["framework_defines"]["issue_grades"]  # both sides are one framework where issues are listed
    rows += [
        [
            i["number"],
            i["name"],
            i["a"]["grade"] if graded else "—",
            (i["a"]["score"], i["max_score"]),
            i["b"]["grade"] if graded else "—",
            (i["b"]["score"], i["max_score"]),
            i["delta"],
        ]
        for i in d["issues"]
    ]
    tiers = [
        (s["tier"] or "?") if side["framework_defines"]["tier"] else "none" for s, side in ((o["a"], a), (o["b"], b))
    ]
    subtitle = f"Tier {tiers[0]} → {tiers[1]}; Δ = {name_b} − {name_a}"
    blocks: list[Block] = [Title(f"{a['state']} {a['year']} → {b['state']} {b['year']}", subtitle), Grid(columns, rows)]
    if mark_a or mark_b:
        blocks.append(Note("* a card you imported: its figures are yours, not published by Shared Hope."))
    if not d["comparable"]:
        blocks.append(Note(f"Not comparable: {d['not_comparable_reason']}. No deltas are given."))
    for i in d["issues"]:
        if i["only_a_met"]:
            blocks.append(Bullets(f"{i['number']}. met by {name_a}, a gap for {name_b}", i["only_a_met"], "met"))
        if i["only_b_met"]:
            blocks.append(Bullets(f"{i['number']}. met by {name_b}, a gap for {name_a}", i["only_b_met"], "met"))
    unknown = [str(i["number"]) for i in d["issues"] if i["only_a_met"] is None]
    if not (a["framework_defines"]["goal_lists"] and b["framework_defines"]["goal_lists"]):
        unknown = []  # the Protected Innocence Challenge lists no goals: nothing unknown about them
    if unknown:
        blocks.append(
            Note(f"Goal differences not known in issue area(s) {', '.join(unknown)}: a card there names no goals.")
        )
    partial = sum(i["goals_not_comparable"] or 0 for i in d["issues"])
    if partial:
        blocks.append(Note(f"{partial} goal(s) are named by one card only; their status on the other is not known."))
    overall: tuple[Any, ...] = (None, "Overall", o["a"], o["b"], o["delta"], None, None)
    compared = [overall] + [
        (i["number"], i["name"], i["a"], i["b"], i["delta"], i["only_a_met"], i["only_b_met"]) for i in d["issues"]
    ]
    records: list[DiffRow] = [
        {"number": number, "name": name, "a_state": a["code"], "a_year": a["year"], "a_grade": fa["grade"], "a_score": fa["score"],
         "b_state": b["code"], "b_year": b["year"], "b_grade": fb["grade"], "b_score": fb["score"], "delta": delta,
         "only_a_met": only_a, "only_b_met": only_b, "a_fips": a["fips"], "b_fips": b["fips"]}
        for number, name, fa, fb, delta, only_a, only_b in compared
    ]  # fmt: skip
    return View(d, records, blocks, FIELDS["DiffRow"], [a["year"], b["year"]])


def _count(value: int | None) -> str:
    return "?" if value is None else str(value)


def stats_view(s: StatsRecord) -> View:
    p = s["published"]
    facts = [
        f"released {p['released']}" if p["released"] else "",
        f"{p['graded']} jurisdictions graded" if p["graded"] else "",
        f"national average {p['national_average']:g}"
        if p["national_average"] is not None
        else "national average not published",
    ]
    blocks: list[Block] = [
        Title(
            f"{s['year']} edition — {s['framework']}",
            "Published by Shared Hope: " + "; ".join(f for f in facts if f) + ".",
        )
    ]
    counted = sum(v for v in p["grade_counts"].values() if v is not None)
    published_unknown = (
        p["graded"] - counted
        if p["counts_consistent"] and p["graded"] is not None and None not in p["grade_counts"].values()
        else None
    )
    imported = [s["user"]["grades"][g] for g in GRADES] if s["user"]["cards"] else None
    derived = p["grade_counts_derived"]
    rows = [[g, _count(p["grade_counts"][g]) + ("*" if g in derived else ""), s["grades"][g]] for g in GRADES]
    rows.append(["not known", _count(published_unknown) if published_unknown is not None else "?", s["ungraded"]])
    columns = [Column("Grade", "grade"), Column("Published", justify="right"), Column("Cards held", "number", "right")]
    if imported is not None:
        columns.append(Column("Imported", "number", "right"))
        for row, count in zip(rows, [*imported, s["user"]["cards"] - sum(imported)], strict=True):
            row.append(count)
    blocks.append(Grid(columns, rows, "Grade distribution"))
    if derived:
        named = ", ".join(g for g in GRADES if g not in derived)
        blocks.append(
            Note(
                f"* {' and '.join(derived)}: 0 by arithmetic, printed by no source: the published counts of "
                f"{named} add up to the {p['graded']} graded."
            )
        )
    if not p["counts_consistent"]:
        blocks.append(Note(p["counts_note"] or "The published counts are not consistent."))
    facts_lines = ([f"Most improved: {p['most_improved']}."] if p["most_improved"] else []) + p["highlights"]
    if facts_lines:
        blocks.append(Bullets("Also published", facts_lines))
    caveat = " — too few to stand for the edition" if s["too_few"] else ""
    blocks.append(
        Note(
            f"With a published score: {s['scored']} {over(s)}; mean {figure(s['mean_score'])}, "
            f"median {figure(s['median_score'])}{caveat}. Cards held here: {s['origin']['bundled']}."
        )
    )
    user = s["user"]
    if user["cards"]:
        blocks.append(
            Note(
                f"Cards you imported: {user['cards']}, {user['scored']} with a score (mean {figure(user['mean_score'])}, "
                f"median {figure(user['median_score'])}): their figures are yours, not published, and are left out "
                "of every figure above."
            )
        )
    columns = [
        Column("#", "number", "right"),
        Column("Issue area", wrap=True),
        Column("Scored", justify="right"),
        Column("Mean", "score", "right"),
        Column("Mean %", "number", "right"),
    ]
    table = [
        [
            i["number"],
            i["name"],
            f"{i['scored']} of {s['jurisdictions']}",
            (None if i["mean_score"] is None else round(i["mean_score"], 2), i["max_score"]),
            i["mean_percent"],
        ]
        for i in s["issues"]
    ]
    if table:
        blocks.append(Grid(columns, table, "Issue areas (the means of the published scores)"))
        few = [str(i["number"]) for i in s["issues"] if i["scored"] and i["too_few"]]
        if few:  # as the overall mean says it: a mean of 2 cards of 51 is no national figure
            blocks.append(
                Note(
                    f"Issue area(s) {', '.join(few)}: too few published scores to stand for the edition; "
                    "each mean is of the cards scored only."
                )
            )
    shown = sorted({text for c in p["sources"] if (text := citation_shown(c["url"], c["note"]))})
    if shown:
        blocks.append(Links([("Published figures", text) for text in shown]))
    records: list[StatsGradeRow] = [
        {"year": s["year"], "grade": g, "published": p["grade_counts"][g], "held": s["grades"][g],
         "published_derived": g in derived} for g in GRADES
    ]  # fmt: skip
    records.append(
        {"year": s["year"], "grade": None, "published": published_unknown, "held": s["ungraded"],
         "published_derived": published_unknown is not None}
    )  # fmt: skip
    return View(s, records, blocks, FIELDS["StatsGradeRow"], [s["year"]])


def map_view(tiles: list[TileRow], framework: Framework, label: str, issue: int | None = None) -> View:
    """Tiles coloured by grade; an issue-area score without a published grade by the share of the
    maximum it is (marked with that share, never with a letter), on the same scale."""
    shown = [_tile(t, framework, issue) for t in tiles]
    counts = [(g, sum(1 for t in shown if t["grade"] == g)) for g in GRADES]  # grades, never a share's band
    legend = [(_legend(framework, g), n) for g, n in counts]
    without = [t for t in shown if t["shade"] is None]
    legend += [
        (name, n)
        for name, n in (
            ("share, in its band's colour", sum(1 for t in shown if t["grade"] is None and t["shade"] is not None)),
            ("score, no grade", sum(1 for t in without if t["score"] is not None)),
            ("no figure", sum(1 for t in without if t["has_card"] and t["score"] is None)),
            ("no card", sum(1 for t in without if not t["has_card"] and t["graded"] is not False)),
            ("not graded", sum(1 for t in without if t["graded"] is False)),
        )
        if n or (name == "no figure" and not any(t["score"] is not None for t in without))
    ]
    blocks: list[Block] = [Title(f"{framework.year}: {label}", ""), Tiles(shown, legend)]
    by_share = [t for t in shown if t["grade"] is None and t["shade"] is not None]
    if by_share:
        blocks.append(
            Note(
                f"{len(by_share)} tile(s) have a score but no published grade: coloured by the share of the maximum "
                "the score is, on the same scale, and marked with that share (%), never with a grade."
            )
        )
    scored = [t for t in shown if t["shade"] is None and t["score"] is not None]
    if scored:  # a PIC section is scored, never graded, and its maximum may be unknown
        marked = sum(1 for t in scored if t["mark"] is not None)
        how = (
            "marked with the share (%) of the maximum the score is, and not coloured"
            if marked == len(scored)
            else f"{marked} marked with the share (%) of the maximum the score is, the rest, whose maximum "
            "is not known, unmarked; none coloured"
        )
        blocks.append(
            Note(
                f"{len(scored)} tile(s) have a score but no published grade: {how}, as no grade is inferred; "
                "their scores are in --json."
            )
        )
    if any(t["graded"] is False for t in shown):
        left_out = ", ".join(t["code"] for t in shown if t["graded"] is False)
        blocks.append(Note(f"Not graded in {framework.year}: {left_out} (not a gap in gapcli's data)."))
    if any(t["origin"] == "user" for t in shown):
        blocks.append(Note("Figures of the cards you imported are yours, not published by Shared Hope."))
    return View(tiles, tiles, blocks, FIELDS["TileRow"], [framework.year])


def _tile(tile: TileRow, framework: Framework, issue: int | None) -> dict[str, Any]:
    """A tile as the map draws it: ``shade`` picks its colour, ``mark`` is printed under the code."""
    shade, mark, score = tile["grade"], tile["grade"], tile["score"]
    if shade is None and tile["share"] is not None and score is not None and issue is not None:
        bands = [(g, framework.score_bounds(g, tile["max_score"])) for g in GRADES]
        shade = next((g for g, b in bands if b is not None and score >= b[0]), None)
        mark = f"{tile['share']:.0f}" if shade is not None else None
    if shade is None and tile["share"] is not None and score is not None:  # a figure, shown: never "no figure"
        mark = (
            f"{tile['share']:.0f}%" if framework.scale_basis == "points" else f"{tile['share']:.0f}"
        )  # % where the legend is in points
    if tile["graded"] is False:
        mark = "—"
    return {**tile, "shade": shade, "mark": mark}


def _legend(framework: Framework, grade: str) -> str:
    """``A ≥90%`` (a share of the maximum) or ``A ≥90`` (points), from the bounds the grade implies."""
    bounds, maximum = framework.score_bounds(grade), framework.max_score
    if bounds is None or maximum is None:
        return grade

    def shown(points: float) -> str:
        return f"{round(100 * points / maximum, 6):g}%" if framework.scale_basis == "percent" else f"{points:g}"

    low, high, _ = bounds
    return f"{grade} ≥{shown(low)}" if low else f"{grade} <{shown(high)}"
