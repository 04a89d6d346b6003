"""gapcli as a library: every question the CLI answers, as a function returning plain records.

    >>> from gapcli import api
    >>> catalog = api.open_catalog()                     # bundled cards plus the user's
    >>> api.card("ct", 2021, catalog=catalog)["grade"]   # a CardRecord, as `gapcli show ct@2021 --json`
    'F'
    >>> ranking = api.rank(2021, by="grade", catalog=catalog)   # as `gapcli rank --by grade --year 2021 --json`
    >>> ranking.cards                                    # a list of RankRow, and what it was computed over
    51
    >>> import pandas; frame = pandas.DataFrame(ranking)  # one row per record

Every function returns one kind of thing: one record (a dict of the README's JSON contract,
``gapcli.records``), or several as a list subclass (``gapcli.query.Records``) whose attributes
say what they were computed over. Arguments are checked as the CLI checks them: years as int
or str, grades and tiers in any case, issue areas by number or name, states as on the command
line (``ct``, ``"New York"``, ``"connecticut@2021"``). A bad one raises ``InvalidValue`` (a
``UsageError``), something that is not there ``NotFound``, broken data ``DataError``, all
``GapcliError``, with the message the CLI prints. Problems in the user's data are reported with
``warnings.warn(..., GapcliWarning)``, or to ``open_catalog(on_warning=...)``.

Without ``catalog``, each call opens the default catalog and closes it; with one (from
``open_catalog``), calls share what it has read. Either way the parse cache is written as the
CLI writes it, so the next call or run reads what did not change from the cache.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from gapcli.errors import GapcliWarning, NotFound, UsageError
from gapcli.query import History, StateGaps, StateRows, Tiles
from gapcli.query import arguments as given
from gapcli.query.select import pair, parse_selector, resolve_by, select
from gapcli.states import by_code

if TYPE_CHECKING:
    from gapcli.catalog.catalog import Catalog
    from gapcli.model import Card, Framework
    from gapcli.query.gaps import Goals
    from gapcli.query.rank import Ranking
    from gapcli.records import CardRecord, DiffRecord, HistoryRow, PlanRecord, StatsRecord
    from gapcli.states import Jurisdiction

__all__ = [
    "card", "diff", "export", "export_json", "find_card", "gaps", "history", "open_catalog", "plan", "rank",
    "state_gaps", "states", "stats", "tiles", "warn",
]  # fmt: skip
STATE = "a state name or postal code, such as 'ct' or 'New York' (optionally @YEAR)"


def warn(message: str) -> None:
    """The default ``on_warning``: ``warnings.warn(message, GapcliWarning)``."""
    warnings.warn(message, GapcliWarning, stacklevel=2)


def open_catalog(user: bool = True, cache: bool = True, on_warning: Callable[[str], None] | None = warn) -> Catalog:
    """The bundled cards, plus the user's (``user=False``: bundled only); ``cache=False`` parses every file.

    Each problem met in the user's data is passed to ``on_warning`` once (None: kept in ``.warnings`` only).

        >>> catalog = api.open_catalog(user=False)
    """
    from gapcli.catalog.catalog import Catalog

    return Catalog.open(user=given.flag(user, "user"), cache_dir=given.flag(cache, "cache"), on_warning=on_warning)


@contextmanager
def _opened(catalog: Catalog | None) -> Iterator[Catalog]:
    """The caller's catalog, or one opened for this call; the parse cache is saved when the call is done."""
    cards = catalog if catalog is not None else open_catalog()
    with _saved(cards, owned=catalog is None):
        yield cards


@contextmanager
def _saved(cards: Catalog, owned: bool) -> Iterator[None]:
    """Save the parse cache when the block ends; close the catalog too where this call opened it."""
    try:
        yield
    finally:
        if owned:
            cards.save_cache()
        else:
            cards.cache.save()


def find_card(state: str, year: int | str | None = None, *, catalog: Catalog | None = None) -> Card:
    """The model card (``gapcli.model.Card``) a state names, for who wants more than the record.

    >>> api.find_card("ct", 2021).score
    43.5
    """
    chosen = select(given.text(state, "state", STATE), given.year(year))
    with _opened(catalog) as cards:
        return cards.card(chosen.place, chosen.year)


def card(state: str, year: int | str | None = None, *, catalog: Catalog | None = None) -> CardRecord:
    """One card (``gapcli show``); without a year, the state's latest complete card, else its latest.

    >>> api.card("connecticut@2021")["issues"][0]["gaps"][1]
    'mistake of age defenses'
    """
    from gapcli.query.cards import card_record

    with _opened(catalog) as cards:
        found = find_card(state, year, catalog=cards)
        newer = [(c, cards.framework(c.year)) for c in cards.cards_for_state(by_code(found.code), after=found.year)]
        return card_record(found, cards.framework(found.year), newer)


def states(year: int | str | None = None, *, catalog: Catalog | None = None) -> StateRows:
    """Who has cards (``gapcli states``): one edition's, or (no year) each state's default card, with
    its grade in every edition.

        >>> len(api.states(2021)), api.states(2021).year
        (51, 2021)
    """
    from gapcli.query.cards import LISTING_VERSION, is_listing, listing
    from gapcli.states import JURISDICTIONS

    chosen_year = given.year(year)
    with _opened(catalog) as cards:

        def answer() -> dict[str, Any]:
            if chosen_year is None:
                chosen = [found for place in JURISDICTIONS if (found := _latest(cards, place)) is not None]
            else:
                chosen = cards.cards_for_year(chosen_year)
            rows = listing([(c, cards.framework(c.year)) for c in chosen], cards.grades())
            return {"rows": rows, "editions": list(cards.frameworks())}

        made = cards.for_all(f"states|{LISTING_VERSION}|{chosen_year}", answer, is_listing)
        return StateRows(made["rows"], year=chosen_year, editions=made["editions"])


def _latest(cards: Catalog, place: Jurisdiction) -> Card | None:
    try:
        return cards.card(place)
    except NotFound:
        return None


def diff(a: str, b: str, *, catalog: Catalog | None = None) -> DiffRecord:
    """Card ``b`` against card ``a`` (``gapcli diff``; Δ = B − A): two states in one edition (the year
    given on either side, else the default edition if both have a card there, else the latest both
    have), or one state in two editions.

        >>> api.diff("ct", "fl")["overall"]["delta"]
        29
    """
    from gapcli.query.compare import diff as compare

    first, second = parse_selector(given.text(a, "a", STATE)), parse_selector(given.text(b, "b", STATE))
    with _opened(catalog) as cards:
        first, second = pair(first, second, lambda: cards.shared_year(first.place, second.place))
        card_a, card_b = cards.card(first.place, first.year), cards.card(second.place, second.year)
        if (card_a.code, card_a.year) == (card_b.code, card_b.year):
            code = first.place.code.lower()
            raise UsageError(
                f"both sides are {card_a.state} {card_a.year}; give two editions, e.g. {code}@2021 {code}@2023"
            )
        return compare(card_a, cards.framework(card_a.year), card_b, cards.framework(card_b.year))


def rank(
    year: int | str | None = None,
    *,
    by: str | int = "overall",
    grade: str | Sequence[str] | None = None,
    tier: str | Sequence[str] | None = None,
    top: int | None = None,
    reverse: bool = False,
    catalog: Catalog | None = None,
) -> Ranking:
    """Places in one edition (``gapcli rank``) by the overall score or grade, the published rank or an
    issue area (``by``: its number or part of its name); ``grade``/``tier`` pick rows (one, several
    as ``"A,B,C,D"`` or a list: any of them), ``top`` the first N.

        >>> ranking = api.rank(2019, by="5")
        >>> ranking.label, ranking.ranked, ranking.cards
        ('5. Protective Provisions for Child Victims', 1, 26)
    """
    from gapcli.query.rank import rank as ranking

    figure, letters, named = given.by(by), given.grades(grade), given.tiers(tier)
    first, backwards = given.top(top), given.flag(reverse, "reverse")
    with _opened(catalog) as cards:
        framework = cards.edition(given.year(year))
        if named is not None and not framework.tiers:
            raise NotFound(
                f"the {framework.year} edition ({framework.short_name}) has no tiers, "
                f"so none is Tier {' or '.join(named)}"
            )
        chosen = resolve_by(framework, figure, lambda: cards.frameworks().values())
        return ranking(cards.cards_for_year(framework.year), framework, chosen, letters, named, first, backwards)


def gaps(query: str | int | None = None, year: int | str | None = None, *, catalog: Catalog | None = None) -> Goals:
    """Goals left unmet in one edition (``gapcli gaps``), or those matching ``query`` (words, a goal id
    such as "1.4" — a string — or an issue area number), with the states that meet them, do not, or do not say.

        >>> [goal["id"] for goal in api.gaps("mistake of age")]
        ['1.4']
    """
    from gapcli.query import gaps as finding

    wanted = given.goal(query)
    with _opened(catalog) as cards:
        framework = cards.edition(given.year(year))
        chosen = cards.cards_for_year(framework.year)
        return finding.summary(chosen, framework) if wanted is None else finding.find(chosen, framework, wanted)


def state_gaps(state: str, year: int | str | None = None, *, catalog: Catalog | None = None) -> StateGaps:
    """One state's unmet goals (``gapcli gaps --state``) on the card asked for, else its latest card that
    names goals; NotFound where the card names none (unknown is not "none").

        >>> found = api.state_gaps("ct"); found.year, found[0]["id"]
        (2021, '1.1')
    """
    from gapcli.query.cards import edition_grade
    from gapcli.query.gaps import of_state

    chosen = select(given.text(state, "state", STATE), given.year(year))
    with _opened(catalog) as cards:
        if chosen.year is not None:
            found = cards.card(chosen.place, chosen.year)
        else:
            named = next((c for c in cards.newest_first(chosen.place) if c.has_goal_data()), None)
            found = named if named is not None else cards.card(chosen.place)
        framework = cards.framework(found.year)
        rows = of_state(found, framework)
        newer = [
            edition_grade(c, f, f.id == framework.id)
            for c in cards.cards_for_state(chosen.place, after=found.year)
            for f in [cards.framework(c.year)]
        ]
        return StateGaps(
            rows, state=found.state, code=found.code, year=found.year, newer_editions=newer, latest=chosen.year is None
        )


def stats(year: int | str | None = None, *, catalog: Catalog | None = None) -> StatsRecord:
    """One edition (``gapcli stats``): Shared Hope's published figures beside what the cards held give.

    >>> api.stats(2021)["published"]["national_average"]
    47.9
    """
    from gapcli.query.stats import stats as summarise

    with _opened(catalog) as cards:
        framework = cards.edition(given.year(year))
        return summarise(cards.cards_for_year(framework.year), framework)


def history(state: str, *, catalog: Catalog | None = None) -> History:
    """The state in every edition (``gapcli history``), editions without its card and years without an edition included.

    >>> [row["year"] for row in api.history("tn")][:3]
    [2011, 2012, 2013]
    """
    from gapcli.query.compare import HISTORY_VERSION, is_history
    from gapcli.query.compare import history as through

    chosen = parse_selector(given.text(state, "state", STATE))
    if chosen.year is not None:
        raise UsageError(f"history lists every edition; give the state without a year ({chosen.place.code.lower()})")
    with _opened(catalog) as cards:

        def rows() -> list[HistoryRow]:
            found = {c.year: c for c in cards.cards_for_state(chosen.place)}
            if not found:
                raise NotFound(f"no card for {chosen.place.name} in any edition")
            editions = [(f, found.get(y)) for y, f in cards.frameworks().items()]
            return through(chosen.place.name, chosen.place.code, editions, cards.no_editions())

        made = cards.for_state(chosen.place, f"history|{HISTORY_VERSION}", rows, is_history)
        return History(made, state=chosen.place.name, code=chosen.place.code)


def plan(
    state: str, year: int | str | None = None, *, to: str | None = None, catalog: Catalog | None = None
) -> PlanRecord:
    """What reaching grade ``to`` (default: the next letter up) would take (``gapcli plan``), from the
    card's published figures.

        >>> api.plan("ct", to="c")["target"]
        'C'
    """
    from gapcli.query.plan import plan_or_hint

    target = given.grade(to, "to")
    with _opened(catalog) as cards:
        found = find_card(state, year, catalog=cards)
        place = by_code(found.code)
        newer = [(c, cards.framework(c.year)) for c in cards.cards_for_state(place, after=found.year)]

        def others() -> list[tuple[Card, Framework]]:
            return [(c, cards.framework(c.year)) for c in cards.cards_for_state(place) if c.year != found.year]

        return plan_or_hint(found, cards.framework(found.year), target, newer, others)


def tiles(year: int | str | None = None, *, by: str | int = "overall", catalog: Catalog | None = None) -> Tiles:
    """The 51 tiles of the map (``gapcli map``), coloured by the overall grade or an issue area's score.

    >>> map_ = api.tiles(2021); len(map_), map_.label
    (51, 'overall grade')
    """
    from gapcli.query.rank import label_of
    from gapcli.query.stats import tiles as tile

    figure = given.by(by)
    with _opened(catalog) as cards:
        framework = cards.edition(given.year(year))
        chosen = resolve_by(framework, figure, lambda: cards.frameworks().values())
        if chosen == "published":
            raise UsageError(
                "map --by published: a printed rank is a place, not a colour the map can show; "
                "see 'gapcli rank --by published', or map --by grade or an issue area"
            )
        issue = chosen if isinstance(chosen, int) else None
        rows = tile(cards.cards_for_year(framework.year), framework, issue)
        label = label_of(framework, "grade" if issue is None else issue)
        return Tiles(rows, year=framework.year, label=label, issue=issue, cards=sum(r["has_card"] for r in rows))


def export(year: int | str | None = None, *, catalog: Catalog | None = None) -> Iterator[CardRecord]:
    """Every card of every edition (or of one), as records, one at a time (``list()`` them to keep them).

    >>> sum(1 for _ in api.export(2021))
    51
    """
    import json

    return (json.loads(text) for text in export_json(year, catalog=catalog))


def export_json(year: int | str | None = None, *, catalog: Catalog | None = None) -> Iterator[str]:
    """Every card as one line of compact JSON (``gapcli data export``), an unchanged card's straight from the cache.

    >>> next(api.export_json(2021))[:19]
    '{"state":"Alabama",'
    """
    chosen = given.year(year)
    cards = catalog if catalog is not None else open_catalog()
    if chosen is not None:
        cards.framework(chosen)  # an edition that is not there fails here, not at the first next()
    return _records(cards, chosen, owned=catalog is None)


def _records(cards: Catalog, year: int | None, owned: bool) -> Iterator[str]:
    import json

    from gapcli.query.cards import RECORD_VERSION, card_record
    from gapcli.safe import json_safe

    def build(card: Card, framework: Framework) -> str:
        record = json.dumps(card_record(card, framework), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return json_safe(record)

    with _saved(cards, owned):
        yield from cards.iter_records(year, build, RECORD_VERSION)
