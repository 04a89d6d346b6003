"""The views of ``show`` and ``states``: one card, and who has cards."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from gapcli.fields import FIELDS
from gapcli.query.cards import graded_jurisdictions
from gapcli.views.blocks import Block, Bullets, Column, Grid, Links, Note, Title, View
from gapcli.views.provenance import citation_shown

if TYPE_CHECKING:
    from gapcli.model import Framework
    from gapcli.records import CardRecord, EditionGrade, ExtraCreditRecord, IssueRecord, StateRow
    from gapcli.rows import CardIssueRow

_LINK_LABELS = {
    "state_page": "State page",
    "issue_briefs": "Issue briefs",
    "related_resources": "Issue briefs by goal",
    "toolkit": "Toolkit",
    "technical_assistance": "Technical assistance",
}


def link_label(key: str) -> str:
    """A card link's name for people: ``state_page`` → "State page"."""
    return _LINK_LABELS.get(key, key.replace("_", " ").capitalize())


PARTIAL = "goals named by a source; the area's other goals are not known"

UNNUMBERED = "?"  # a goal whose number is not known: the same mark as a table's unknown cell


def numbered(goal: str | None, phrase: str) -> str:
    """'2.1 third party control', '? MDT responses': an unknown number is marked, never dropped."""
    return f"{goal or UNNUMBERED} {phrase}"


def unnumbered_note() -> Note:
    """The one legend for the mark, wherever a goal is listed without its number."""
    return Note(
        f"Goal '{UNNUMBERED}': its number is not known; the framework file does not number this goal, "
        "and the card names it by its phrase."
    )


def figure(score: object, maximum: object = None) -> str:
    if score is None:
        return "score unknown"
    return f"{score:g}" + (f"/{maximum:g}" if maximum is not None else "")


def published_rank(rank: int | None, of: int | None) -> str:
    return f"#{rank}" + (f" of {of}" if of else "") if rank else ""


def _newer_figures(grade: str | None, score: object, rank: int | None) -> str:
    shown = [grade or "grade unknown"] + ([figure(score)] if score is not None else [])
    return " ".join(shown) + (f", #{rank}" if rank else "")


def _extra_credit(extra: ExtraCreditRecord) -> str:
    if extra["category"] is None:
        return f"+{extra['points']:g} (categories not published)"
    return f"{extra['category']} (+{extra['points']:g}): {extra['description'] or ''}"


def newer_note(editions: Sequence[EditionGrade]) -> Note | None:
    """'Newer editions: 2023: F · 2025 (Just Like Me): F 50, #32', so an older card never passes for the latest."""
    if not editions:
        return None
    parts = []
    for e in editions:
        name = str(e["year"]) if e["comparable"] else f"{e['year']} ({e['framework_short']})"
        parts.append(f"{name}: {_newer_figures(e['grade'], e['score'], e['published_rank'])}")
    return Note("Newer editions: " + " · ".join(parts))


def _goal_blocks(issue: IssueRecord) -> list[Block]:
    numbers = {g["phrase"]: g["goal"] for g in issue["goals"] or ()}

    def named(phrase: str) -> str:
        return numbered(numbers.get(phrase), phrase)

    head = f"{issue['number']}. {issue['name']}"
    partial = issue["goal_lists"] == "partial"
    blocks: list[Block] = []
    if issue["gaps"]:
        note = (
            f" ({PARTIAL})"
            if partial
            else " (the card: gaps remain in all areas)"
            if issue["gaps_in_all_areas"]
            else ""
        )
        blocks.append(Bullets(f"{head} — gaps{note}", [named(p) for p in issue["gaps"]], "gap"))
    if issue["accomplished"]:
        note = f" ({PARTIAL})" if partial else ""
        blocks.append(Bullets(f"{head} — goals met{note}", [named(p) for p in issue["accomplished"]], "met"))
    return blocks


def card_view(card: CardRecord, goals_elsewhere: tuple[int, int, bool] | None = None) -> View:
    """The card; ``goals_elsewhere`` (year, unmet goals, partial) points to the state's card that names
    goals where this one names none."""
    tier = f", Tier {card['tier']}" if card["tier"] else ""
    subtitle = (
        f"Overall grade {card['grade'] or '?'}, {figure(card['score'], card['max_score'])}{tier} — {card['framework']}"
    )
    blocks: list[Block] = [
        Title(f"{card['state']} ({card['code']}) · {card['year']} report card", subtitle, card["grade"])
    ]
    newer = newer_note(card["newer_editions"])
    if newer:
        blocks.append(newer)
    if not card["complete"]:
        blocks.append(
            Note("Incomplete card: only the figures published in the sources below are known; '?' means not published.")
        )
    if "grade" in card["derived"]:
        blocks.append(
            Note("The overall grade was derived by counting from the published grade counts; no source prints it.")
        )
    if "extra_credit" in card["derived"]:
        blocks.append(
            Note("Extra credit is the score less the issue scores (arithmetic); its categories are not published.")
        )
    if card["published_rank"]:
        blocks.append(Note(f"Published rank: {published_rank(card['published_rank'], card['published_rank_of'])}."))
    graded = card["framework_defines"]["issue_grades"]  # PIC sections are scored, not graded: no column of '?'
    rows = [
        [
            i["number"],
            i["name"],
            *([i["grade"]] if graded else []),
            (i["score"], i["max_score"]),
            (i["score"], i["max_score"]),
        ]
        for i in card["issues"]
    ]
    if rows:
        columns = [
            Column("#", "number", "right"),
            Column("Issue area", wrap=True),
            *([Column("Grade", "grade")] if graded else []),
            Column("Score", "score", "right"),
            Column("", "bar"),
        ]
        blocks.append(Grid(columns, rows))
    for issue in card["issues"]:
        blocks += _goal_blocks(issue)
    if any(g["goal"] is None for i in card["issues"] for g in i["goals"] or ()):
        blocks.append(unnumbered_note())
    unknown = [str(i["number"]) for i in card["issues"] if i["goal_lists"] is None]
    if not card["framework_defines"]["goal_lists"]:
        blocks.append(
            Note(f"{card['framework']}: the cards list no policy goals met or unmet; sections are scored only.")
        )
    elif unknown and len(unknown) == len(card["issues"]):
        known = "Policy goals met and unmet: not known for this card (no source names them)"
        if goals_elsewhere is None:
            blocks.append(Note(known + "."))
        else:
            other, unmet, partial = goals_elsewhere
            some = " (a partial list)" if partial else ""
            command = f"gapcli gaps --state {card['code'].lower()} --year {other}"
            blocks.append(Note(f"{known}; the {other} card names {unmet} unmet goal(s){some}: {command}"))
    elif unknown:
        blocks.append(
            Note(f"Policy goals of issue area{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}: not known.")
        )
    if card["extra_credit"]:
        blocks.append(Bullets("Extra credit", [_extra_credit(e) for e in card["extra_credit"]]))
    links = [(link_label(key), url) for key, url in card["links"].items()]
    blocks.append(Links(links))
    shown = (citation_shown(c["url"], c["note"]) for c in card["source"]["citations"])
    sources = sorted({text for text in shown if text})
    blocks.append(Links([(f"Source ({card['source']['origin']})", text) for text in sources]))
    editions = [card["year"], *(e["year"] for e in card["newer_editions"])]
    return View(card, card_records([card]), blocks, CARD_FIELDS, editions)


CARD_FIELDS = FIELDS["CardIssueRow"]


def card_records(cards: Sequence[CardRecord]) -> list[CardIssueRow]:
    """One row for the whole card ("Overall"), then one per issue area."""
    rows: list[CardIssueRow] = []
    for card in cards:
        state, code, year = card["state"], card["code"], card["year"]
        rows.append(
            {
                "state": state,
                "code": code,
                "year": year,
                "number": None,
                "name": "Overall",
                "grade": card["grade"],
                "score": card["score"],
                "max_score": card["max_score"],
                "goal_lists": None,
                "accomplished": None,
                "gaps": None,
                "fips": card["fips"],
            }
        )
        rows += [
            {
                "state": state,
                "code": code,
                "year": year,
                "number": i["number"],
                "name": i["name"],
                "grade": i["grade"],
                "score": i["score"],
                "max_score": i["max_score"],
                "goal_lists": i["goal_lists"],
                "accomplished": i["accomplished"],
                "gaps": i["gaps"],
                "fips": card["fips"],
            }
            for i in card["issues"]
        ]
    return rows


def states_view(rows: list[StateRow], year: int | None, frameworks: Mapping[int, Framework]) -> View:
    """One edition's cards, or (no year) each state's grade in every edition: one table per framework.

    ``frameworks`` are the editions' frameworks by year; grades never share a table across a
    framework change, and thirteen editions stay readable at 80 columns.
    """
    if year is not None:
        tiers = frameworks[year].tiers if year in frameworks else True  # "—" where the framework has none
        columns = [
            Column("State", wrap=True),
            Column("Code"),
            Column("Year", "number"),
            Column("Grade", "grade"),
            Column("Score", "score", "right"),
            Column("Tier"),
            Column("Complete"),
            Column("Origin", wrap=True),
        ]
        table = [
            [
                r["state"],
                r["code"],
                r["year"],
                r["grade"],
                (r["score"], r["max_score"]),
                r["tier"] if tiers else "—",
                r["complete"],
                r["origin"] + (" (grade derived)" if "grade" in r["derived"] else ""),
            ]
            for r in rows
        ]
        complete = sum(r["complete"] for r in rows)
        blocks: list[Block] = [
            Grid(columns, table, f"Cards of {year}"),
            Note(f"{len(rows)} cards, {complete} complete."),
        ]
        if year in frameworks:
            blocks += _without_card(rows, frameworks[year])
        return View(rows, rows, blocks, list(STATE_FIELDS), [year], table=True)
    years = list(rows[0]["grades"]) if rows else []
    named = {str(y): f.short_name for y, f in frameworks.items()}
    groups: list[list[str]] = []
    for each in years:  # consecutive editions of one framework share a table
        if groups and named.get(each) == named.get(groups[-1][-1]):
            groups[-1].append(each)
        else:
            groups.append([each])
    blocks = []
    for group in groups:
        held = [r for r in rows if any(r["grades"][y] is not None for y in group)]
        span = group[0] if len(group) == 1 else f"{group[0]}–{group[-1]}"
        name = named.get(group[0], "Grades by edition")
        title = f"{name[:1].upper()}{name[1:]} ({span})"
        columns = [Column("State", wrap=True), Column("Code")] + [Column(y, "grade") for y in group]
        left_out = {y: frameworks[int(y)].facts.not_graded for y in group if int(y) in frameworks}
        table = [
            [r["state"], r["code"], *("—" if r["code"] in left_out.get(y, ()) else r["grades"][y] for y in group)]
            for r in held
        ]
        blocks.append(Grid(columns, table, title, compact=True))
        if len(held) < len(rows):
            blocks.append(Note(f"{len(rows) - len(held)} of {len(rows)} jurisdictions have no grade held in {span}."))
    blocks.append(
        Note(
            "Overall grade in each edition; '?' means no card or no grade published, '—' not graded in that edition. "
            "Each table is one framework: grades do not compare across tables."
        )
    )
    # one row per state, as in JSON: its grade in each edition (JSON's ``grades``, one column per year), then its card
    records = [{"state": r["state"], "code": r["code"], **r["grades"], **_card_fields(r)} for r in rows]
    return View(rows, records, blocks, ["state", "code", *years, *STATE_FIELDS[2:]], [int(y) for y in years])


STATE_FIELDS = tuple(f for f in FIELDS["StateRow"] if f != "grades")  # grades: a column per edition


def _without_card(rows: list[StateRow], framework: Framework) -> list[Block]:
    """Which jurisdictions the edition graded that have no card here, and which it did not grade."""
    graded, published = graded_jurisdictions(framework)
    held = {r["code"] for r in rows}
    missing = [j.code for j in graded if j.code not in held]
    of = f"the {len(graded)} jurisdictions graded" if published else f"the {len(graded)} jurisdictions at most graded"
    notes: list[Block] = []
    if missing:
        notes.append(Note(f"No card here for {len(missing)} of {of} in {framework.year}: {' '.join(missing)}."))
    if framework.facts.not_graded:
        notes.append(Note(f"Not graded in {framework.year}: {' '.join(framework.facts.not_graded)}."))
    return notes


def _card_fields(row: StateRow) -> dict[str, object]:
    flat: dict[str, object] = dict(row)
    return {k: flat[k] for k in STATE_FIELDS[2:]}
