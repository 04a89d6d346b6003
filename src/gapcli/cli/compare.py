"""Questions across cards: ``diff``, ``rank``, ``gaps``, ``stats``, ``history``, ``map``."""

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from gapcli.cli.answer import Answer, later
from gapcli.cli.arguments import DEFAULT_EDITION, ByOption, MapByOption, PlaceArgument, SelectorArgument, year_option
from gapcli.cli.complete import complete_grades, complete_state, complete_tiers
from gapcli.cli.session import Session  # at run time: Typer reads the annotations
from gapcli.errors import UsageError

if TYPE_CHECKING:
    EditionYear = Optional[int]
else:  # a question across states: one edition
    EditionYear = year_option(DEFAULT_EDITION)


def diff(session: Session, a: SelectorArgument, b: SelectorArgument) -> Answer:
    """Two cards side by side: two states in one edition, or one state in two editions (delta = B - A)."""
    from gapcli import api

    result = api.diff(a, b, catalog=session.catalog)
    return Answer(result, later("across:diff_view", result))


def rank(
    session: Session,
    by: ByOption = "overall",
    year: EditionYear = None,
    top: Annotated[
        Optional[int],
        typer.Option("--top", min=1, metavar="N", help="Only the cards that can be among the first N places."),
    ] = None,
    grade: Annotated[
        Optional[list[str]],
        typer.Option(
            "--grade",
            metavar="LETTER",
            help="Only cards with this overall grade (A-F); several: --grade A,B,C,D or repeated (any of them).",
            autocompletion=complete_grades,
        ),
    ] = None,
    tier: Annotated[
        Optional[list[str]],
        typer.Option(
            "--tier",
            metavar="TIER",
            help="Only cards in this tier (I, II, III); several: --tier I,II or repeated (any of them).",
            autocompletion=complete_tiers,
        ),
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="List from the bottom.")] = False,
) -> Answer:
    """Places among the jurisdictions graded, by the overall score or grade, the published rank, or an issue area."""
    from gapcli import api
    from gapcli.query import arguments

    grades, tiers = arguments.grades(grade, "--grade"), arguments.tiers(tier, "--tier")  # in the CLI's words
    result = api.rank(year, by=by, grade=grades, tier=tiers, top=top, reverse=reverse, catalog=session.catalog)
    return Answer(result, later("rank:rank_view", result))


def gaps(
    session: Session,
    query: Annotated[
        Optional[str],
        typer.Argument(metavar="QUERY", help="Words of a policy goal ('mistake of age') or its number (1.4)."),
    ] = None,
    year: EditionYear = None,
    state: Annotated[
        Optional[str],
        typer.Option(
            "--state",
            "-s",
            metavar="STATE",
            help="One state's unmet goals, with issue-brief links (without --year: its latest card that names goals).",
            autocompletion=complete_state,
        ),
    ] = None,
) -> Answer:
    """Unmet policy goals: how many states leave each unmet, or who meets one goal, and whose card does not say."""
    from gapcli import api

    cards = session.catalog
    if state is not None:
        if query is not None:
            raise UsageError("give either QUERY or --state, not both")
        rows = api.state_gaps(state, year, catalog=cards)
        return Answer(
            rows, later("goals:state_gaps_view", rows, rows.state, rows.year, rows.newer_editions, rows.latest)
        )
    found = api.gaps(query, year, catalog=cards)
    title = f"Unmet policy goals, {found.year}" if query is None else f"Policy goals matching {query!r}, {found.year}"
    return Answer(found, later("goals:gaps_view", found, title))


def stats(session: Session, year: EditionYear = None) -> Answer:
    """One edition: Shared Hope's published figures beside what the cards held here give."""
    from gapcli import api

    result = api.stats(year, catalog=session.catalog)
    return Answer(result, later("across:stats_view", result))


def history(session: Session, state: PlaceArgument) -> Answer:
    """A state in every edition: grade and its change, score, tier and published rank."""
    from gapcli import api

    rows = api.history(state, catalog=session.catalog)
    return Answer(rows, later("history:history_view", rows))


def map_(session: Session, year: EditionYear = None, by: MapByOption = "overall") -> Answer:
    """A tile-grid map of the 50 states and D.C., coloured by grade (an issue area's score, by its share)."""
    from gapcli import api

    cards = session.catalog
    tiles = api.tiles(year, by=by, catalog=cards)
    return Answer(tiles, later("across:map_view", tiles, cards.framework(tiles.year), tiles.label, tiles.issue))
