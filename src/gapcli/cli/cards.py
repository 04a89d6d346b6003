"""``show`` and ``states``: one card, and who has cards."""

from __future__ import annotations

from gapcli.cli.answer import Answer, later
from gapcli.cli.arguments import CardYear, StateArgument, StatesYear
from gapcli.cli.session import Session  # at run time: Typer reads the annotations


def show(session: Session, state: StateArgument, year: CardYear = None) -> Answer:
    """A state's report card: grades, scores, unmet policy goals, extra credit and links."""
    from gapcli import api

    record = api.card(state, year, catalog=session.catalog)
    return Answer(record, later("cards:card_view", record))


def states(session: Session, year: StatesYear = None) -> Answer:
    """The jurisdictions with cards: each one's grade in every edition, or one edition's cards."""
    from gapcli import api

    cards = session.catalog
    rows = api.states(year, catalog=cards)
    return Answer(rows, later("cards:states_view", rows, year, cards.frameworks()))
