"""The Datasette metadata file of an exported database: what each table and column means, and whose the figures are.

``datasette serve cards.db --metadata cards.metadata.json`` shows these descriptions,
labels, facets, the source and the licence; the same JSON is kept in the database's
``meta`` table. Scores are points (column descriptions say so): Datasette's ``units`` are
physical units (Pint), which points on a report card are not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gapcli import __version__
from gapcli.views.provenance import CODE_LICENCE, HOW_TO_CITE, PUBLISHER, STATEMENT, source_line

if TYPE_CHECKING:
    from gapcli.model import Framework

_SCORE = "points, as published; NULL where no source gives it"
_FIPS = "2-digit FIPS state code as text ('09'; FIPS 5-2, ANSI INCITS 38): the key other state data sets join on"
_CITATION = {
    "id": "row key",
    "position": "order of the citation on its card",
    "fields": "JSON list of the fields this citation backs",
    "url": "public address of the source; NULL where the source is not online (its note names it)",
    "note": "what the source is and what it says",
}

# table -> (description, label column or None, facets, column -> description)
TABLES: dict[str, tuple[str, str | None, list[str], dict[str, str]]] = {
    "meta": (
        "Which gapcli, which data and when: versions, export time, source, how to cite, licence.",
        None,
        [],
        {"key": "what the row says", "value": "its value"},
    ),
    "jurisdictions": (
        "The 50 states and the District of Columbia, by postal code.",
        "name",
        [],
        {"code": "postal code (CT)", "name": "name (Connecticut)", "fips": _FIPS},
    ),
    "editions": (
        "One row per report-card edition: its framework and the facts Shared Hope published about it as a whole.",
        "label",
        ["framework_short"],
        {
            "year": "edition year",
            "framework_id": "editions with the same framework_id grade alike: their scores compare",
            "framework": "the report-card series and framework",
            "framework_short": "short name of the framework",
            "max_score": "most points a card can score (before extra credit); NULL where not known",
            "released": "publication date (ISO), where a source gives it",
            "graded": "jurisdictions graded, where published",
            "national_average": "published national average score, in points",
            "ranked": "jurisdictions the published ranking places",
            "goal_points": "points a policy goal is worth at most, where published",
            "label": "the edition for a reader",
            "source": "the source line to print under anything made from this edition",
            "counts_consistent": "1: the published grade counts (edition_grade_counts) agree with each other; 0: they "
            "contradict each other (2012: they add up to 52), kept as published and never a denominator",
            "counts_note": "why the published grade counts are not consistent; NULL where they are",
        },
    ),
    "edition_grade_counts": (
        "How many jurisdictions Shared Hope gave each grade in an edition (only letters a source counts), as "
        "published: where editions.counts_consistent is 0 they contradict each other and are no denominator.",
        None,
        ["year", "grade"],
        {"year": "edition (editions.year)", "grade": "letter grade", "count": "jurisdictions with that grade"},
    ),
    "edition_sources": (
        "The sources of each edition's published facts.",
        None,
        ["year"],
        {**_CITATION, "year": "edition (editions.year)"},
    ),
    "issue_areas": (
        "Each edition's issue areas (or sections) and their maximum points.",
        "label",
        ["year"],
        {
            "id": "row key",
            "year": "edition (editions.year)",
            "number": "issue area number within the edition",
            "name": "issue area name",
            "max_score": f"maximum {_SCORE}",
            "label": "the area for a reader",
        },
    ),
    "policy_goals": (
        "The policy goals known by number, per edition, with the phrase that names each on a card.",
        "label",
        ["year", "issue"],
        {
            "policy_goal_id": "row key",
            "year": "edition (editions.year)",
            "id": "goal number as text ('1.7'; read it as text: '1.10' is not '1.1')",
            "issue": "issue area number",
            "statement": "the goal as the framework states it",
            "phrase": "the words that name the goal on a card; NULL where not known",
            "issue_area_id": "the goal's issue area (issue_areas.id)",
            "label": "number and phrase, for a reader",
        },
    ),
    "cards": (
        "One row per state report card: overall grade, score, tier and published rank, as far as known.",
        "label",
        ["year", "grade", "tier", "complete", "origin"],
        {
            "id": "row key",
            "year": "edition (editions.year)",
            "code": "postal code (jurisdictions.code)",
            "state": "state name",
            "grade": "overall letter grade; NULL where not published",
            "score": f"overall score, {_SCORE}",
            "max_score": "the edition's maximum, in points",
            "tier": "tier printed beside the grade (I, II, III); NULL where not published or not used",
            "published_rank": "Shared Hope's published rank; NULL where no source gives it",
            "published_rank_of": "how many jurisdictions that ranking places",
            "complete": "1: a full card (every figure and goal list); 0: only what the sources name",
            "derived": "JSON list of fields reached by counting or arithmetic, not printed anywhere",
            "origin": "bundled (shipped with gapcli) or user (imported by whoever made this file)",
            "label": "state and year, for a reader",
            "fips": _FIPS,
        },
    ),
    "card_issues": (
        "A card's figures for each issue area of its edition.",
        "label",
        ["year", "number", "grade", "goal_lists"],
        {
            "id": "row key",
            "card_id": "the card (cards.id)",
            "year": "edition",
            "number": "issue area number",
            "grade": "the area's letter grade; NULL where not published",
            "score": f"the area's score, {_SCORE}",
            "max_score": "the area's maximum, in points",
            "goal_lists": "complete (every goal listed met or unmet), partial (a source named some), or NULL (none known)",
            "gaps_in_all_areas": "1 where the card says gaps remain in all areas",
            "issue_area_id": "the issue area (issue_areas.id)",
            "code": "postal code (jurisdictions.code)",
            "name": "issue area name",
            "label": "card and area, for a reader",
        },
    ),
    "goals": (
        "Each policy goal a card names, met or unmet. A goal a card does not name is not here: "
        "its status is not known (see card_goal_status).",
        None,
        ["year", "code", "status", "issue"],
        {
            "id": "row key",
            "card_id": "the card (cards.id)",
            "issue": "issue area number",
            "phrase": "the card's words for the goal",
            "goal": "goal number as text, where known ('1.7')",
            "status": "met or unmet",
            "brief": "the issue brief that explains the goal",
            "brief_url": "where the issue briefs are",
            "card_issue_id": "the card's issue area (card_issues.id)",
            "policy_goal_id": "the numbered policy goal (policy_goals.policy_goal_id); NULL where not known",
            "year": "edition",
            "code": "postal code (jurisdictions.code)",
        },
    ),
    "extra_credit": (
        "Points a card earns beyond its issue areas.",
        None,
        ["category"],
        {
            "id": "row key",
            "card_id": "the card (cards.id)",
            "position": "order on the card",
            "category": "extra-credit category; NULL where not published",
            "points": "points earned",
            "description": "what earned them; NULL where not published",
        },
    ),
    "sources": ("Where each card's figures come from.", None, [], {**_CITATION, "card_id": "the card (cards.id)"}),
    "links": (
        "Shared Hope's pages for each card: state page, toolkit, issue briefs.",
        "label",
        ["name"],
        {
            "id": "row key",
            "card_id": "the card (cards.id)",
            "name": "link key",
            "label": "link name",
            "url": "address",
        },
    ),
    "card_goal_status": (
        "Every card × every numbered goal of its edition: met, unmet, or unknown: the card names no goal by "
        "this number (no goal data, a partial list, or, where goal_lists is complete, a phrase the edition's "
        "framework does not number: see goals).",
        None,
        ["year", "status", "goal"],
        {
            "card_id": "the card",
            "year": "edition",
            "code": "postal code",
            "state": "state name",
            "goal": "goal number as text",
            "issue": "issue area number",
            "phrase": "the goal's phrase",
            "status": "met, unmet or unknown",
            "goal_lists": "the card's lists in the goal's issue area: complete, partial, or NULL (none)",
        },
    ),
    "unmet_goals_by_state": (
        "Every goal a card names as unmet (a gap), with its issue area; partial lists are marked.",
        None,
        ["year", "code", "issue", "goal_lists"],
        {
            "card_id": "the card",
            "state": "state name",
            "code": "postal code",
            "year": "edition",
            "issue": "issue area number",
            "issue_name": "issue area name",
            "goal": "goal number as text, where known",
            "phrase": "the card's words for the goal",
            "goal_lists": "complete or partial: a partial list may leave other gaps unnamed",
            "brief": "the issue brief",
            "brief_url": "where the issue briefs are",
        },
    ),
    "grades_by_edition": (
        "Per edition and grade: cards held here with that grade, and the count Shared Hope published "
        "(NULL where no source counts it); the NULL grade counts cards whose grade is not known.",
        None,
        ["year"],
        {
            "year": "edition",
            "framework": "the edition's framework",
            "counts_consistent": "0 where the edition's published counts contradict themselves (2012's add up to 52 "
            "of 51): never use them as a denominator; see editions.counts_note",
            "grade": "letter grade; NULL: not known",
            "cards": "cards held here with that grade",
            "published": "jurisdictions Shared Hope gave that grade",
        },
    ),
    "goals_fts": ("Full-text index of goal phrases (search goals).", None, [], {"phrase": "indexed text"}),
    "policy_goals_fts": (
        "Full-text index of policy goal statements and phrases.",
        None,
        [],
        {"statement": "indexed text", "phrase": "indexed text"},
    ),
    "extra_credit_fts": (
        "Full-text index of extra-credit categories and descriptions.",
        None,
        [],
        {"category": "indexed text", "description": "indexed text"},
    ),
}


def metadata(database: str, frameworks: list[Framework]) -> dict[str, Any]:
    """Datasette metadata for the database file named ``database`` (its file name without the suffix)."""
    source = source_line(frameworks)
    tables: dict[str, Any] = {}
    for name, (description, label, facets, columns) in TABLES.items():
        table: dict[str, Any] = {"description": description, "columns": columns}
        if label:
            table["label_column"] = label
        if facets:
            table["facets"] = facets
        if name.endswith("_fts"):
            table["hidden"] = True
        tables[name] = table
    return {
        "title": f"{PUBLISHER} report cards on child sex trafficking law (gapcli {__version__})",
        "description": f"{STATEMENT} {HOW_TO_CITE}",
        "license": f"gapcli code and database layout: {CODE_LICENCE}; report card content: {PUBLISHER}",
        "source": source.removeprefix("Source: "),
        "databases": {database: {"source": source.removeprefix("Source: "), "tables": tables}},
    }
