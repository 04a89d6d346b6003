"""Questions across cards: ``diff``, ``rank``, ``gaps``, ``stats``, ``history``, ``map``."""

from typing import Annotated, Optional

import typer

from gapcli.cli.common import Commands, ExportOption, ForceFlag, FormatOption, JsonFlag, StateArgument, YearOption, catalog, emit, view_of
from gapcli.errors import NotFound, UsageError
from gapcli.query.rank import GRADE, OVERALL
from gapcli.states import resolve

COMMANDS = Commands()

ByOption = Annotated[str, typer.Option("--by", help="overall, grade, an issue number 1-6, or part of an issue name.")]


def _by(by: str, framework) -> str | int:
    from gapcli.query.select import resolve_issue

    wanted = by.strip().lower()
    return wanted if wanted in (OVERALL, GRADE) else resolve_issue(framework, by)


def _letter(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    if value is None:
        return None
    if value.upper() not in allowed:  # checked here, before any data is read
        raise UsageError(f"{option} {value[:20]!r}: expected one of {', '.join(allowed)}")
    return value.upper()


@COMMANDS.command()
def diff(
    a: Annotated[str, typer.Argument(help="STATE[@YEAR], e.g. ct or connecticut@2021.")],
    b: Annotated[str, typer.Argument(help="STATE[@YEAR] to compare with.")],
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    force: ForceFlag = False,
) -> None:
    """Two cards side by side: two states in one edition, or one state in two editions. Δ = B − A."""
    from gapcli.query import compare as comparing
    from gapcli.query.select import parse_selector

    cards = catalog()
    first, second = parse_selector(a), parse_selector(b)
    if first.place != second.place:  # two states: compare them in one edition unless told otherwise
        year = first.year or second.year or cards.shared_year(first.place, second.place)
        first, second = first._replace(year=first.year or year), second._replace(year=second.year or year)
    card_a = cards.card(first.place, first.year)
    card_b = cards.card(second.place, second.year)
    result = comparing.diff(card_a, cards.framework(card_a.year), card_b, cards.framework(card_b.year))
    emit(result, view_of("diff_view", result), fmt, as_json, export, force)


@COMMANDS.command()
def rank(
    by: ByOption = OVERALL,
    year: YearOption = None,
    top: Annotated[Optional[int], typer.Option("--top", min=1, help="Only the first N places (ties kept).")] = None,
    grade: Annotated[Optional[str], typer.Option("--grade", help="Only cards with this overall grade.")] = None,
    tier: Annotated[Optional[str], typer.Option("--tier", help="Only cards in this tier (I, II, III).")] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="List from the bottom.")] = False,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    force: ForceFlag = False,
) -> None:
    """Rank states on the overall score or grade, or on one issue area; ties share a place."""
    from gapcli.model import GRADES, TIERS
    from gapcli.query.rank import rank as ranking

    cards = catalog()
    framework = cards.edition(year)
    result = ranking(
        cards.cards_for_year(framework.year),
        framework,
        by=_by(by, framework),
        grade=_letter(grade, GRADES, "--grade"),
        tier=_letter(tier, TIERS, "--tier"),
        top=top,
        reverse=reverse,
    )
    emit(result.rows, view_of("rank_view", result, framework), fmt, as_json, export, force)


@COMMANDS.command()
def gaps(
    query: Annotated[Optional[str], typer.Argument(help="Words of a policy goal ('mistake of age') or its number (1.4).")] = None,
    year: YearOption = None,
    state: Annotated[Optional[str], typer.Option("--state", "-s", help="One state's unmet goals, with issue-brief links.")] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    force: ForceFlag = False,
) -> None:
    """Unmet policy goals: how many states leave each unmet, or who meets one goal."""
    from gapcli.query import gaps as finding

    cards = catalog()
    if state is not None:
        if query is not None:
            raise UsageError("give either QUERY or --state, not both")
        card = cards.card(resolve(state), year)
        rows = finding.of_state(card, cards.framework(card.year))
        emit(rows, view_of("state_gaps_view", rows), fmt, as_json, export, force)
        return
    framework = cards.edition(year)
    chosen = cards.cards_for_year(framework.year)
    if query is None:
        entries, title = finding.summary(chosen, framework), f"Unmet policy goals, {framework.year}"
    else:
        entries, title = finding.find(chosen, framework, query), f"Policy goals matching {query!r}, {framework.year}"
    emit(entries, view_of("gaps_view", entries, title), fmt, as_json, export, force)


@COMMANDS.command()
def stats(
    year: YearOption = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    force: ForceFlag = False,
) -> None:
    """The national picture of one edition: counts, mean and median score, grade distribution."""
    from gapcli.query.stats import stats as summarise

    cards = catalog()
    framework = cards.edition(year)
    result = summarise(cards.cards_for_year(framework.year), framework)
    emit(result, view_of("stats_view", result), fmt, as_json, export, force)


@COMMANDS.command()
def history(
    state: StateArgument,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    force: ForceFlag = False,
) -> None:
    """A state's grade, score and tier in every edition, with the change from the one before."""
    from gapcli.query import compare as comparing

    cards = catalog()
    place = resolve(state)
    found = cards.cards_for_state(place)
    if not found:
        raise NotFound(f"no card for {place.name} in any edition")
    rows = comparing.history([(c, cards.framework(c.year)) for c in found])
    emit(rows, view_of("history_view", rows), fmt, as_json, export, force)


@COMMANDS.command(name="map")
def map_(
    year: YearOption = None,
    by: ByOption = OVERALL,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    force: ForceFlag = False,
) -> None:
    """A tile-grid map of the 50 states and D.C., coloured by grade."""
    from gapcli.query.stats import tiles

    cards = catalog()
    framework = cards.edition(year)
    chosen = _by(by, framework)
    issue = None if chosen in (OVERALL, GRADE) else int(chosen)
    label = "overall grade" if issue is None else f"{issue}. {framework.issue(issue).name}"
    result = tiles(cards.cards_for_year(framework.year), framework, issue)
    emit(result, view_of("map_view", result, framework, label), fmt, as_json, export, force)
