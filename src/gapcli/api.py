"""gapcli as a library: every question the CLI answers, as a function returning plain records.

    from gapcli import api
    catalog = api.open_catalog()                  # bundled cards plus the user's
    api.card("ct", catalog=catalog)               # a CardRecord (dict), as `gapcli show ct --json`
    api.rank(year=2021, catalog=catalog).rows     # list of RankRow dicts, as `gapcli rank --json`
    pandas.DataFrame(api.states(catalog=catalog))

Records are the README's JSON contract (``gapcli.records``). States are named as on the
command line (``ct``, ``"New York"``, ``connecticut@2021``). Without ``catalog``, each
call opens the default one. Errors are ``gapcli.errors.GapcliError`` subclasses.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from gapcli.errors import NotFound, UsageError
from gapcli.query.select import Selector, parse_selector, resolve_by
from gapcli.states import by_code

if TYPE_CHECKING:
    from gapcli.catalog.catalog import Catalog
    from gapcli.model import Card, Framework
    from gapcli.query.gaps import Goals
    from gapcli.query.rank import Ranking
    from gapcli.records import CardRecord, DiffRecord, HistoryRow, PlanRecord, StateGap, StateRow, StatsRecord, TileRow
    from gapcli.states import Jurisdiction


def open_catalog(user: bool = True, cache: bool = True) -> Catalog:
    """The bundled cards, plus the user's (``user=False``: bundled only); ``cache=False`` parses every file."""
    from gapcli.catalog.catalog import Catalog

    return Catalog.open(user=user, cache_dir=cache)


def _catalog(catalog: Catalog | None) -> Catalog:
    return catalog if catalog is not None else open_catalog()


def select(state: str, year: int | None = None) -> Selector:
    """``STATE[@YEAR]`` and ``--year`` together; a year given twice must agree."""
    chosen = parse_selector(state)
    if year is not None and chosen.year is not None and year != chosen.year:
        raise UsageError(f"{state!r} and --year {year} name different editions; give one")
    return chosen if chosen.year is not None else chosen._replace(year=year)


def find_card(state: str, year: int | None = None, catalog: Catalog | None = None) -> Card:
    """The model card a selector names (library users who want more than the record)."""
    chosen = select(state, year)
    return _catalog(catalog).card(chosen.place, chosen.year)


def card(state: str, year: int | None = None, catalog: Catalog | None = None) -> CardRecord:
    """One card; without a year, the state's latest complete card, else its latest."""
    from gapcli.query.cards import card_record

    cards = _catalog(catalog)
    found = find_card(state, year, cards)
    newer = [(c, cards.framework(c.year)) for c in cards.cards_for_state(by_code(found.code), after=found.year)]
    return card_record(found, cards.framework(found.year), newer)


def states(year: int | None = None, catalog: Catalog | None = None) -> list[StateRow]:
    """Who has cards: one edition's cards, or (no year) each state's default card with its grade in every edition."""
    from gapcli.query.cards import listing
    from gapcli.states import JURISDICTIONS

    cards = _catalog(catalog)
    if year is None:
        chosen = [card for place in JURISDICTIONS if (card := _latest(cards, place)) is not None]
    else:
        chosen = cards.cards_for_year(year)
    return listing([(c, cards.framework(c.year)) for c in chosen], cards.grades())


def _latest(cards: Catalog, place: Jurisdiction) -> Card | None:
    try:
        return cards.card(place)
    except NotFound:
        return None


def diff(a: str, b: str, catalog: Catalog | None = None) -> DiffRecord:
    """Card ``b`` against card ``a`` (Δ = B − A).

    Two states are compared in one edition: the year given on either side, else the
    default edition if both have a card there, else the latest both have. Two editions
    of two states only when both years are given. One state needs two editions.
    """
    from gapcli.query.compare import diff as compare

    cards = _catalog(catalog)
    first, second = parse_selector(a), parse_selector(b)
    if first.place != second.place and (first.year is None or second.year is None):
        year = first.year or second.year or cards.shared_year(first.place, second.place)
        first, second = first._replace(year=year), second._replace(year=year)
    card_a, card_b = cards.card(first.place, first.year), cards.card(second.place, second.year)
    if (card_a.code, card_a.year) == (card_b.code, card_b.year):
        raise UsageError(
            f"both sides are {card_a.state} {card_a.year}; give two editions, e.g. {first.place.code.lower()}@2021 {first.place.code.lower()}@2023"
        )
    return compare(card_a, cards.framework(card_a.year), card_b, cards.framework(card_b.year))


def rank(
    by: str = "overall",
    year: int | None = None,
    grade: str | None = None,
    tier: str | None = None,
    top: int | None = None,
    reverse: bool = False,
    catalog: Catalog | None = None,
) -> Ranking:
    """A ranking of one edition; ``.rows`` are the records, the rest says what was ranked and over how many cards."""
    from gapcli.query.rank import rank as ranking

    cards = _catalog(catalog)
    framework = cards.edition(year)
    if tier is not None and not framework.tiers:
        raise NotFound(f"the {framework.year} edition ({framework.short_name}) has no tiers, so none is Tier {tier}")
    return ranking(
        cards.cards_for_year(framework.year), framework, resolve_by(framework, by), grade, tier, top, reverse
    )


def gaps(query: str | None = None, year: int | None = None, catalog: Catalog | None = None) -> Goals:
    """Goals left unmet in one edition (or those matching ``query``), with met, unmet and unknown states."""
    from gapcli.query import gaps as finding

    cards = _catalog(catalog)
    framework = cards.edition(year)
    chosen = cards.cards_for_year(framework.year)
    return finding.summary(chosen, framework) if query is None else finding.find(chosen, framework, query)


def goals_card(state: str, year: int | None = None, catalog: Catalog | None = None) -> Card:
    """The card ``gaps --state`` reads: the one asked for, else the state's latest card that names goals."""
    cards = _catalog(catalog)
    chosen = select(state, year)
    if chosen.year is not None:
        return cards.card(chosen.place, chosen.year)
    named = next((c for c in cards.newest_first(chosen.place) if c.has_goal_data()), None)
    return named if named is not None else cards.card(chosen.place)


def state_gaps(state: str, year: int | None = None, catalog: Catalog | None = None) -> list[StateGap]:
    """One state's unmet goals; NotFound where its card names no goal (unknown is not "none")."""
    from gapcli.query.gaps import of_state

    cards = _catalog(catalog)
    found = goals_card(state, year, cards)
    return of_state(found, cards.framework(found.year))


def stats(year: int | None = None, catalog: Catalog | None = None) -> StatsRecord:
    from gapcli.query.stats import stats as summarise

    cards = _catalog(catalog)
    framework = cards.edition(year)
    return summarise(cards.cards_for_year(framework.year), framework)


def history(state: str, catalog: Catalog | None = None) -> list[HistoryRow]:
    """The state in every edition, including those without a card for it."""
    from gapcli.query.compare import history as through

    cards = _catalog(catalog)
    chosen = parse_selector(state)
    if chosen.year is not None:
        raise UsageError(f"history lists every edition; give the state without a year ({chosen.place.code.lower()})")
    found = {c.year: c for c in cards.cards_for_state(chosen.place)}
    if not found:
        raise NotFound(f"no card for {chosen.place.name} in any edition")
    editions = [(f, found.get(y)) for y, f in cards.frameworks().items()]
    return through(chosen.place.name, chosen.place.code, editions, cards.no_editions())


def plan(state: str, year: int | None = None, to: str | None = None, catalog: Catalog | None = None) -> PlanRecord:
    """What reaching grade ``to`` (default: the next letter) would take, from the card's published figures."""
    from gapcli.query.plan import plan as planning
    from gapcli.query.plan import plannable

    cards = _catalog(catalog)
    found = find_card(state, year, cards)
    place = by_code(found.code)
    newer = [(c, cards.framework(c.year)) for c in cards.cards_for_state(place, after=found.year)]
    try:
        return planning(found, cards.framework(found.year), to, newer)
    except NotFound as error:
        others = [c for c in cards.cards_for_state(place) if c.year != found.year]
        able = [c for c in others if plannable(c, cards.framework(c.year))]
        if not able:
            raise
        other = able[-1]
        hint = f"; the {other.year} card has a score to plan from: gapcli plan {found.code.lower()} --year {other.year}"
        raise NotFound(f"{error}{hint}") from None


def export(year: int | None = None, catalog: Catalog | None = None) -> Iterator[CardRecord]:
    """Every card of every edition (or of one), as records, one at a time (``list()`` them to keep them)."""
    import json

    return (json.loads(text) for text in export_json(year, catalog))


def export_json(year: int | None = None, catalog: Catalog | None = None) -> Iterator[str]:
    """Every card as one line of compact JSON, an unchanged card's straight from the cache."""
    import json

    from gapcli.query.cards import RECORD_VERSION, card_record
    from gapcli.safe import json_safe

    cards = _catalog(catalog)
    if year is not None:
        cards.framework(year)

    def build(card: Card, framework: Framework) -> str:
        record = json.dumps(card_record(card, framework), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return json_safe(record)

    return cards.iter_records(year, build, RECORD_VERSION)


def tiles(year: int | None = None, by: str = "overall", catalog: Catalog | None = None) -> tuple[list[TileRow], str]:
    """The 51 tiles of the map and what they show."""
    from gapcli.query.rank import label_of
    from gapcli.query.stats import tiles as tile

    cards = _catalog(catalog)
    framework = cards.edition(year)
    chosen = resolve_by(framework, by)
    if chosen == "published":
        raise UsageError(
            "map --by published: a printed rank is a place, not a colour the map can show; "
            "see 'gapcli rank --by published', or map --by grade or an issue area"
        )
    issue = chosen if isinstance(chosen, int) else None
    return tile(cards.cards_for_year(framework.year), framework, issue), label_of(
        framework, "grade" if issue is None else issue
    )
