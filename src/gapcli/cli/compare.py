"""Questions across cards: ``diff``, ``rank``, ``gaps``, ``stats``, ``history``, ``map``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from gapcli.cli.common import (
    ExportOption,
    ForceFlag,
    FormatOption,
    GradeLetter,
    JsonFlag,
    SizeOption,
    StateArgument,
    ThemeOption,
    TierName,
    YearOption,
    catalog,
    emit,
)
from gapcli.cli.complete import complete_by, complete_grade, complete_state, complete_tier
from gapcli.errors import UsageError

if TYPE_CHECKING:
    from gapcli.views.blocks import View

ByOption = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="FIGURE",
        help="overall, grade, published, an issue number 1-6, or part of an issue name.",
        autocompletion=complete_by,
    ),
]
MapByOption = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="FIGURE",
        help="overall or grade (the overall grade), an issue number 1-6, or part of an issue name.",
        autocompletion=complete_by,
    ),
]
SelectorArgument = Annotated[
    str, typer.Argument(metavar="STATE[@YEAR]", help="e.g. ct or connecticut@2021.", autocompletion=complete_state)
]


def diff(
    a: SelectorArgument,
    b: SelectorArgument,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    theme: ThemeOption = "light",
    size: SizeOption = "page",
    force: ForceFlag = False,
) -> None:
    """Two cards side by side: two states in one edition, or one state in two editions (delta = B - A)."""
    from gapcli import api

    result = api.diff(a, b, catalog())

    def view() -> View:
        from gapcli.views.across import diff_view

        return diff_view(result)

    emit(result, view, fmt, as_json, export, force, theme, size)


def rank(
    by: ByOption = "overall",
    year: YearOption = None,
    top: Annotated[
        Optional[int],
        typer.Option("--top", min=1, metavar="N", help="Only the cards that can be among the first N places."),
    ] = None,
    grade: Annotated[
        Optional[GradeLetter],
        typer.Option(
            "--grade",
            case_sensitive=False,
            metavar="LETTER",
            help="Only cards with this overall grade (A-F).",
            autocompletion=complete_grade,
        ),
    ] = None,
    tier: Annotated[
        Optional[TierName],
        typer.Option(
            "--tier",
            case_sensitive=False,
            metavar="TIER",
            help="Only cards in this tier (I, II, III).",
            autocompletion=complete_tier,
        ),
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="List from the bottom.")] = False,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    theme: ThemeOption = "light",
    size: SizeOption = "page",
    force: ForceFlag = False,
) -> None:
    """Places among the jurisdictions graded, by the overall score or grade, the published rank, or an issue area."""
    from gapcli import api

    result = api.rank(by, year, grade and grade.upper(), tier and tier.upper(), top, reverse, catalog())

    def view() -> View:
        from gapcli.views.rank import rank_view

        return rank_view(result)

    emit(result.rows, view, fmt, as_json, export, force, theme, size)


def gaps(
    query: Annotated[
        Optional[str],
        typer.Argument(metavar="[QUERY]", help="Words of a policy goal ('mistake of age') or its number (1.4)."),
    ] = None,
    year: YearOption = None,
    state: Annotated[
        Optional[str],
        typer.Option(
            "--state",
            "-s",
            metavar="STATE",
            help="One state's unmet goals, with issue-brief links.",
            autocompletion=complete_state,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    theme: ThemeOption = "light",
    size: SizeOption = "page",
    force: ForceFlag = False,
) -> None:
    """Unmet policy goals: how many states leave each unmet, or who meets one goal, and whose card does not say."""
    from gapcli import api

    cards = catalog()
    if state is not None:
        if query is not None:
            raise UsageError("give either QUERY or --state, not both")
        card = api.goals_card(state, year, cards)
        rows = api.state_gaps(state, year, cards)

        def state_view() -> View:
            from gapcli.views.goals import state_gaps_view

            return state_gaps_view(rows, card.state, card.year)

        emit(rows, state_view, fmt, as_json, export, force, theme, size)
        return
    found = api.gaps(query, year, cards)
    title = f"Unmet policy goals, {found.year}" if query is None else f"Policy goals matching {query!r}, {found.year}"

    def view() -> View:
        from gapcli.views.goals import gaps_view

        return gaps_view(found, title)

    emit(found.entries, view, fmt, as_json, export, force, theme, size)


def stats(
    year: YearOption = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    theme: ThemeOption = "light",
    size: SizeOption = "page",
    force: ForceFlag = False,
) -> None:
    """One edition: Shared Hope's published figures beside what the cards held here give."""
    from gapcli import api

    result = api.stats(year, catalog())

    def view() -> View:
        from gapcli.views.across import stats_view

        return stats_view(result)

    emit(result, view, fmt, as_json, export, force, theme, size)


def history(
    state: StateArgument,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    theme: ThemeOption = "light",
    size: SizeOption = "page",
    force: ForceFlag = False,
) -> None:
    """A state in every edition: grade and its change, score, tier and published rank."""
    from gapcli import api

    rows = api.history(state, catalog())

    def view() -> View:
        from gapcli.views.across import history_view

        return history_view(rows)

    emit(rows, view, fmt, as_json, export, force, theme, size)


def map_(
    year: YearOption = None,
    by: MapByOption = "overall",
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    theme: ThemeOption = "light",
    size: SizeOption = "page",
    force: ForceFlag = False,
) -> None:
    """A tile-grid map of the 50 states and D.C., coloured by grade (an issue area's score, by its share)."""
    from gapcli import api
    from gapcli.query.select import resolve_by

    cards = catalog()
    tiles, label = api.tiles(year, by, cards)
    framework = cards.edition(year)
    chosen = resolve_by(framework, by)
    issue = chosen if isinstance(chosen, int) else None

    def view() -> View:
        from gapcli.views.across import map_view

        return map_view(tiles, framework, label, issue)

    emit(tiles, view, fmt, as_json, export, force, theme, size)
