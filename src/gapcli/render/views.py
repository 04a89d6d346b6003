"""Query results → Views: what each command shows, independent of the output format."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcli.model import GRADES, Framework
from gapcli.render.view import Bullets, Chart, Column, Grid, Links, Note, Tiles, Title, View

if TYPE_CHECKING:
    from gapcli.query.rank import Ranking

_LINK_LABELS = {
    "state_page": "State page",
    "issue_briefs": "Issue briefs",
    "related_resources": "Issue briefs by goal",
    "toolkit": "Toolkit",
    "technical_assistance": "Technical assistance",
}


def _score(score, maximum) -> str:
    if score is None:
        return "score unknown"
    return f"{score:g}" + (f"/{maximum:g}" if maximum is not None else "")


def _extra_credit(extra: dict) -> str:
    if extra["category"] is None:
        return f"+{extra['points']:g} (categories not published)"
    return f"{extra['category']} (+{extra['points']:g}): {extra['description'] or ''}"


def card_view(card: dict) -> View:
    tier = f", Tier {card['tier']}" if card["tier"] else ""
    grade = card["grade"] or "?"
    subtitle = f"Overall grade {grade}, {_score(card['score'], card['max_score'])}{tier} — {card['framework']}"
    blocks: list = [Title(f"{card['state']} ({card['code']}) · {card['year']} report card", subtitle, card["grade"])]
    if not card["complete"]:
        blocks.append(Note("Incomplete card: only the figures published in the sources below are known; '?' means not published."))
    if "grade" in card["derived"]:
        blocks.append(Note("The overall grade was derived by counting from the published grade counts; no score was published."))
    if card["published_rank"]:
        blocks.append(Note(f"Published rank: {card['published_rank']} of 51."))
    rows = [
        [i["number"], i["name"], i["grade"], (i["score"], i["max_score"]), (i["score"], i["max_score"])]
        for i in card["issues"]
    ]
    if rows:
        columns = [Column("#", "number", "right"), Column("Issue area", wrap=True), Column("Grade", "grade"), Column("Score", "score", "right"), Column("", "bar")]
        blocks.append(Grid(columns, rows))
    for issue in card["issues"]:
        goals = {g["phrase"]: g["goal"] for g in issue["goals"] or ()}

        def named(phrase: str, goals: dict = goals) -> str:
            return f"{goals[phrase]} {phrase}" if goals.get(phrase) else phrase

        if issue["gaps"]:
            title = f"{issue['number']}. {issue['name']} — gaps" + (" (the card: gaps remain in all areas)" if issue["gaps_in_all_areas"] else "")
            blocks.append(Bullets(title, [named(p) for p in issue["gaps"]], "gap"))
        if issue["accomplished"]:
            blocks.append(Bullets(f"{issue['number']}. {issue['name']} — goals met", [named(p) for p in issue["accomplished"]], "met"))
    if card["extra_credit"]:
        blocks.append(Bullets("Extra credit", [_extra_credit(e) for e in card["extra_credit"]]))
    links = [(_LINK_LABELS.get(key, key.replace("_", " ").capitalize()), url) for key, url in card["links"].items()]
    blocks.append(Links(links))
    sources = sorted({c["url"] for c in card["source"]["citations"]})
    blocks.append(Note(f"Source ({card['source']['origin']}): " + "; ".join(sources)))
    records = [
        {
            "state": card["state"], "code": card["code"], "year": card["year"], "number": i["number"], "name": i["name"],
            "grade": i["grade"], "score": i["score"], "max_score": i["max_score"],
            "accomplished": i["accomplished"], "gaps": i["gaps"],
        }
        for i in card["issues"]
    ]
    return View(card, records, blocks)


def cards_view(cards: list[dict]) -> View:
    """Several cards in one document (``import --dry-run`` of many files, ``data export``)."""
    views = [card_view(card) for card in cards]
    return View(cards, [r for v in views for r in v.records], [b for v in views for b in v.blocks])


def states_view(rows: list[dict], year: int | None) -> View:
    columns = [Column("State"), Column("Code"), Column("Year", "number"), Column("Grade", "grade"), Column("Score", "score", "right"),
               Column("Tier"), Column("Complete"), Column("Origin")]
    table = [[r["state"], r["code"], r["year"], r["grade"], (r["score"], r["max_score"]), r["tier"],
              r["complete"], r["origin"] + (" (grade derived)" if "grade" in r["derived"] else "")] for r in rows]
    title = f"Cards of {year}" if year else "Cards, latest of each state"
    complete = sum(r["complete"] for r in rows)
    return View(rows, rows, [Grid(columns, table, title), Note(f"{len(rows)} cards, {complete} complete.")])


def rank_view(ranking: Ranking, framework: Framework) -> View:
    columns = [Column("Rank", "number", "right"), Column("State"), Column("Grade", "grade"), Column("Score", "score", "right"),
               Column("Tier"), Column("Published rank", "number", "right")]
    table = [[r["rank"], r["state"], r["grade"], (r["score"], r["max_score"]), r["tier"], r["published_rank"]] for r in ranking.rows]
    blocks: list = [Grid(columns, table, f"{framework.year} ranking by {ranking.label}")]
    if ranking.left_out:
        blocks.append(Note(f"{ranking.left_out} card(s) left out: their {ranking.label} is not published."))
    if ranking.filtered_out:
        blocks.append(Note(f"{ranking.filtered_out} card(s) left out by --grade/--tier."))
    blocks.append(Note("Rank is the place among the cards shown here; 'Published rank' is Shared Hope's, where a source gives it."))
    return View(ranking.rows, ranking.rows, blocks)


def diff_view(d: dict) -> View:
    a, b = d["a"], d["b"]
    name_a, name_b = f"{a['code']} {a['year']}", f"{b['code']} {b['year']}"
    o = d["overall"]
    columns = [Column("#", "number", "right"), Column("Issue area", wrap=True), Column(name_a, "grade"), Column("score", "score", "right"),
               Column(name_b, "grade"), Column("score", "score", "right"), Column("Δ", "delta", "right")]
    rows = [["", "Overall", o["a"]["grade"], (o["a"]["score"], o["max_score"]), o["b"]["grade"], (o["b"]["score"], o["max_score"]), o["delta"]]]
    rows += [[i["number"], i["name"], i["a"]["grade"], (i["a"]["score"], i["max_score"]), i["b"]["grade"], (i["b"]["score"], i["max_score"]), i["delta"]]
             for i in d["issues"]]
    blocks: list = [Title(f"{a['state']} {a['year']} → {b['state']} {b['year']}", f"Tier {o['a']['tier'] or '?'} → {o['b']['tier'] or '?'}; Δ = {name_b} − {name_a}"),
                    Grid(columns, rows)]
    if not d["comparable"]:
        blocks.append(Note("The two editions use different frameworks: scores are not comparable, so no deltas are given."))
    for i in d["issues"]:
        if i["only_a_met"]:
            blocks.append(Bullets(f"{i['number']}. met by {name_a}, a gap for {name_b}", i["only_a_met"], "met"))
        if i["only_b_met"]:
            blocks.append(Bullets(f"{i['number']}. met by {name_b}, a gap for {name_a}", i["only_b_met"], "met"))
    records = [{"number": None, "name": "Overall", "a_grade": o["a"]["grade"], "a_score": o["a"]["score"], "b_grade": o["b"]["grade"],
                "b_score": o["b"]["score"], "delta": o["delta"], "only_a_met": [], "only_b_met": []}]
    records += [{"number": i["number"], "name": i["name"], "a_grade": i["a"]["grade"], "a_score": i["a"]["score"], "b_grade": i["b"]["grade"],
                 "b_score": i["b"]["score"], "delta": i["delta"], "only_a_met": i["only_a_met"], "only_b_met": i["only_b_met"]} for i in d["issues"]]
    return View(d, records, blocks)


def gaps_view(entries: list[dict], title: str) -> View:
    columns = [Column("Goal"), Column("Issue", "number", "right"), Column("Policy goal", wrap=True), Column("Unmet", "number", "right"),
               Column("Met", "number", "right"), Column("States unmet", wrap=True)]
    rows = [[e["id"], e["issue"], e["goal"], len(e["states_unmet"]), len(e["states_met"]), " ".join(e["states_unmet"])] for e in entries]
    note = Note("Goal numbers are given where the framework file knows the goal; otherwise the card's own phrase names it.")
    return View(entries, entries, [Grid(columns, rows, title), note])


def state_gaps_view(rows: list[dict]) -> View:
    columns = [Column("Issue", "number", "right"), Column("Goal"), Column("Unmet policy goal", wrap=True), Column("Issue brief")]
    table = [[r["issue"], r["id"], r["goal"], r["brief"] or "see issue briefs"] for r in rows]
    title = f"Unmet policy goals of {rows[0]['state']}, {rows[0]['year']}" if rows else "No unmet policy goals on this card"
    links = sorted({("Issue Brief N.N" if r["brief"] else "Issue briefs", r["brief_url"]) for r in rows if r["brief_url"]})
    return View(rows, rows, [Grid(columns, table, title), Links(links)])


def stats_view(s: dict) -> View:
    mean = "?" if s["mean_score"] is None else f"{s['mean_score']:g}"
    median = "?" if s["median_score"] is None else f"{s['median_score']:g}"
    blocks: list = [
        Title(f"{s['year']} edition", f"{s['cards']} cards; {s['scored']} with a published score: mean {mean}, median {median}"),
        Chart("Grade distribution", [(g, s["grades"][g]) for g in GRADES] + ([("?", s["ungraded"])] if s["ungraded"] else [])),
    ]
    columns = [Column("#", "number", "right"), Column("Issue area", wrap=True), Column("Scored", "number", "right"), Column("Mean", "score", "right"),
               Column("Mean %", "number", "right")]
    rows = [[i["number"], i["name"], i["scored"], (i["mean_score"], i["max_score"]), i["mean_percent"]] for i in s["issues"]]
    if rows:
        blocks.append(Grid(columns, rows, "Issue areas"))
    records = [{"year": s["year"], "number": i["number"], "name": i["name"], "scored": i["scored"], "mean_score": i["mean_score"],
                "max_score": i["max_score"], "mean_percent": i["mean_percent"]} for i in s["issues"]]
    return View(s, records, blocks)


def history_view(rows: list[dict]) -> View:
    columns = [Column("Year", "number"), Column("Grade", "grade"), Column("Score", "score", "right"), Column("Tier"), Column("Δ score", "delta", "right"),
               Column("Framework", wrap=True)]
    table = [[r["year"], r["grade"], (r["score"], r["max_score"]), r["tier"], r["delta"], r["framework_short"]] for r in rows]
    grades = [None if r["grade"] is None else float(len(GRADES) - GRADES.index(r["grade"])) for r in rows]
    blocks: list = [Grid(columns, table, f"{rows[0]['state']} through the editions"),
                    Grid([Column("Grade trend", "spark")], [[grades]])]
    if any(not r["comparable_with_previous"] for r in rows[1:]):
        blocks.append(Note("Δ is left out where the framework changed between editions (2025: Just Like Me)."))
    return View(rows, rows, blocks)


def map_view(tiles: list[dict], framework: Framework, label: str) -> View:
    counts = [(g, sum(1 for t in tiles if t["grade"] == g)) for g in GRADES]
    scale = dict(framework.scale or ())
    floors = [scale.get(g) for g in GRADES]
    legend = [(f"{g} ≥{m:g}%" if m else f"{g} <{floors[-2]:g}%" if scale else g, n) for (g, n), m in zip(counts, floors)]
    legend.append(("no figure", sum(1 for t in tiles if t["grade"] is None)))
    blocks = [Title(f"{framework.year}: {label}", ""), Tiles(tiles, legend)]
    return View(tiles, tiles, blocks)
