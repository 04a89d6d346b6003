"""``show`` and ``states``: one card, and who has cards."""

from typing import TYPE_CHECKING, Optional

from gapcli.cli.answer import Answer, later
from gapcli.cli.arguments import CardYear, StateArgument, year_option
from gapcli.cli.session import Session  # at run time: Typer reads the annotations

if TYPE_CHECKING:
    from gapcli.records import CardRecord

    StatesYear = Optional[int]
else:
    StatesYear = year_option("every edition", "Only this edition's cards")


def show(session: Session, state: StateArgument, year: CardYear = None) -> Answer:
    """A state's report card: grades, scores, unmet policy goals, extra credit and links."""
    from gapcli import api

    record = api.card(state, year, catalog=session.catalog)
    return Answer(record, lambda: later("cards:card_view", record, _goals_elsewhere(session, record))())


def _goals_elsewhere(session: Session, record: "CardRecord") -> tuple[int, int, bool] | None:
    """Where a card names no goal at all but another of the state's does: that card's year, its
    number of unmet goals and whether its lists are partial (what ``gaps --state`` answers from)."""
    from gapcli import api
    from gapcli.errors import NotFound

    if not record["framework_defines"]["goal_lists"] or any(i["goal_lists"] for i in record["issues"]):
        return None
    try:
        found = api.state_gaps(record["code"], catalog=session.catalog)
    except NotFound:
        return None
    if found.year == record["year"]:
        return None
    return found.year, len(found), any(g["goal_lists"] == "partial" for g in found)


def states(session: Session, year: StatesYear = None) -> Answer:
    """The jurisdictions with cards: each one's grade in every edition, or one edition's cards."""
    from gapcli import api

    cards = session.catalog
    rows = api.states(year, catalog=cards)
    return Answer(rows, lambda: later("cards:states_view", rows, year, cards.frameworks())())  # JSON parses none
