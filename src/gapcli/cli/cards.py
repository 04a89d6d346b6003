"""``show`` and ``states``: one card, and who has cards."""

from __future__ import annotations

from gapcli.cli import app
from gapcli.cli.common import ExportOption, ForceFlag, Format, FormatOption, JsonFlag, StateArgument, YearOption, catalog, emit
from gapcli.query.cards import card_record, listing
from gapcli.render.views import card_view, states_view
from gapcli.states import JURISDICTIONS, resolve


@app.command()
def show(
    state: StateArgument,
    year: YearOption = None,
    fmt: FormatOption = Format.table,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    force: ForceFlag = False,
) -> None:
    """A state's report card: grades, scores, unmet policy goals, extra credit and links."""
    cards = catalog()
    card = cards.card(resolve(state), year)
    emit(card_view(card_record(card, cards.framework(card.year))), fmt, as_json, export, force)


@app.command()
def states(
    year: YearOption = None,
    fmt: FormatOption = Format.table,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    force: ForceFlag = False,
) -> None:
    """The jurisdictions with cards: grade, score, and whether each card is complete."""
    cards = catalog()
    if year is None:
        cards.all_cards()  # one pass over every edition; card() below then reads from memory
        chosen = [cards.card(place) for place in JURISDICTIONS if cards.cards_for_state(place)]
    else:
        chosen = cards.cards_for_year(year)
    emit(states_view(listing([(c, cards.framework(c.year)) for c in chosen]), year), fmt, as_json, export, force)
