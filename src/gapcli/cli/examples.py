"""Each help page's examples, gh's way: what it does, then the command line.

Keyed by the name the registry (``gapcli.cli.COMMANDS``, ``GROUPS``) gives a command, ""
for gapcli itself. Imported only when a help page is printed. tests/cli/test_help.py fails on a
command or group without two or three examples here, on a key no command has, and on an
example that does not run (exit 0) on the bundled data.
"""

from __future__ import annotations

Example = tuple[str, str]  # (what it does, the command line)

EXAMPLES: dict[str, tuple[Example, ...]] = {
    "": (
        ("Connecticut's latest report card", "gapcli show ct"),
        ("Every jurisdiction graded, by overall score", "gapcli rank"),
        ("The policy goals most states leave unmet, as JSON", "gapcli gaps --json"),
    ),
    "show": (
        ("Connecticut's latest report card", "gapcli show ct"),
        ("New York's 2017 card, as JSON", "gapcli show 'New York' --year 2017 --json"),
        ("Louisiana's 2014 card as an SVG picture", "gapcli show la@2014 --export la.svg"),
    ),
    "states": (
        ("Every jurisdiction's grade in every edition", "gapcli states"),
        ("The cards of the 2023 edition, as CSV", "gapcli states --year 2023 --format csv"),
    ),
    "diff": (
        ("Connecticut beside Florida, in the edition both have", "gapcli diff ct fl"),
        ("Connecticut's 2015 card against its 2021 card", "gapcli diff ct@2015 ct@2021"),
    ),
    "rank": (
        ("Every jurisdiction graded, by overall score", "gapcli rank"),
        ("The first ten in issue area 3, Continuum of Care", "gapcli rank --by 3 --top 10"),
        ("The states graded F, by Shared Hope's published rank", "gapcli rank --by published --grade F"),
    ),
    "gaps": (
        ("How many states leave each policy goal unmet", "gapcli gaps"),
        ("Who meets the goals on mistake-of-age defenses", "gapcli gaps 'mistake of age'"),
        ("Connecticut's unmet goals, with issue-brief links", "gapcli gaps --state ct"),
    ),
    "stats": (
        ("The latest full edition: published figures and the cards' own", "gapcli stats"),
        ("The 2023 edition, as JSON", "gapcli stats --year 2023 --json"),
    ),
    "history": (
        ("Connecticut in every edition", "gapcli history ct"),
        ("The same, as CSV for a spreadsheet", "gapcli history connecticut --format csv"),
    ),
    "map": (
        ("The states coloured by overall grade", "gapcli map"),
        ("By the score in Continuum of Care, as a slide", "gapcli map --by continuum --export map.svg --size slide"),
    ),
    "plan": (
        ("What Connecticut needs for the next grade up", "gapcli plan ct"),
        ("What it needs for a B", "gapcli plan ct --to B"),
    ),
    "import": (
        ("Read a card's text and check it, writing nothing", "gapcli import --dry-run connecticut.txt"),
        ("Import it into a folder of your own", "gapcli import connecticut.txt --out mydata"),
        ("Import a folder of cards, keeping those already there", "gapcli import --skip-existing cards/"),
    ),
    "data": (
        ("Where gapcli reads cards from, and keeps its cache", "gapcli data path"),
        ("Check the cards you imported", "gapcli data validate"),
        ("Every card in a SQLite database, for SQL and Datasette", "gapcli data export --out cards.db"),
    ),
    "data path": (
        ("Where gapcli reads cards from, and keeps its cache", "gapcli data path"),
        ("The same, as JSON", "gapcli data path --json"),
    ),
    "data validate": (
        ("Check the cards you imported", "gapcli data validate"),
        ("Check one card file, listing its problems as JSON", "gapcli data validate connecticut.toml --json"),
    ),
    "data export": (
        ("Every card, as JSON on stdout", "gapcli data export --json"),
        (
            "One edition, a row per card and issue area",
            "gapcli data export --year 2021 --table issues --out issues.csv",
        ),
        ("Every card in a SQLite database, for SQL and Datasette", "gapcli data export --out cards.db"),
    ),
    "schema": (
        ("The JSON Schema of every command's JSON output", "gapcli schema"),
        ("Of one command's", "gapcli schema rank"),
        ("Of one state's gaps", "gapcli schema 'gaps --state'"),
    ),
}
