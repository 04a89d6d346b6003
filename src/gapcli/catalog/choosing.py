"""Which card and which edition answers a question: the catalog's files, asked as
``query.select`` decides (newest first, stopping at the first that answers)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from gapcli.errors import NotFound
from gapcli.model import Card
from gapcli.query import select
from gapcli.states import Jurisdiction

if TYPE_CHECKING:
    from gapcli.catalog.catalog import Catalog


def card(catalog: Catalog, place: Jurisdiction, year: int | None = None) -> Card:
    """One card; without a year, the state's latest complete card from the default edition on, else its latest.

    A complete card of an older framework (a Protected Innocence Challenge card) is never
    chosen over a card of the default edition or later. Editions are tried newest first,
    so the search stops at the first complete card.
    """
    if year is not None:
        framework = catalog.framework(year)
        match = catalog._state_card(place, year)
        if match is None:
            have = ", ".join(str(c.year) for c in catalog.cards_for_state(place)) or "none"
            if place.code in framework.facts.not_graded:  # not a card missing here (D.C. in 2023)
                raise NotFound(
                    f"{place.name} was not graded in the {year} edition, so it has no {year} card; "
                    f"editions with a card: {have}"
                )
            raise NotFound(f"no {year} card for {place.name}; editions with a card: {have}")
        return match
    found = select.latest_card(
        catalog.years(),
        lambda each: catalog._state_card(place, each),
        catalog.default_year(),
        lambda card: card.is_complete(catalog.framework(card.year)),
    )
    if found is None:
        raise NotFound(f"no card for {place.name} in any edition")
    return found


def default_year(catalog: Catalog) -> int:
    """For questions across states: the latest edition whose framework is fully known (``select.default_year``);
    deciding from frameworks alone keeps cards of other editions unread."""
    year = select.default_year(catalog.years(), partial(_fully_known, catalog))
    if year is None:
        raise NotFound("no edition has a framework file; reinstall gapcli")
    return year


def _fully_known(catalog: Catalog, year: int) -> bool:
    try:
        return catalog.framework(year).is_fully_known()
    except NotFound:
        return False


def shared_year(catalog: Catalog, a: Jurisdiction, b: Jurisdiction) -> int:
    """The edition to compare two states in (``select.shared_year``): no card older than the answer is read."""
    year = select.shared_year(
        catalog.years(),
        catalog.default_year(),
        lambda each: catalog._state_card(a, each) is not None and catalog._state_card(b, each) is not None,
    )
    if year is None:
        raise NotFound(f"no edition has cards for both {a.name} and {b.name}")
    return year
