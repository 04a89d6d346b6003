"""``show`` and ``states``: one card, and who has cards."""

from gapcli.cli.common import Commands, ExportOption, ForceFlag, FormatOption, JsonFlag, StateArgument, YearOption, catalog, emit, view_of
from gapcli.states import JURISDICTIONS, resolve

COMMANDS = Commands()


@COMMANDS.command()
def show(
    state: StateArgument,
    year: YearOption = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    force: ForceFlag = False,
) -> None:
    """A state's report card: grades, scores, unmet policy goals, extra credit and links."""
    from gapcli.query.cards import card_record

    cards = catalog()
    card = cards.card(resolve(state), year)
    record = card_record(card, cards.framework(card.year))
    emit(record, view_of("card_view", record), fmt, as_json, export, force)


@COMMANDS.command()
def states(
    year: YearOption = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    force: ForceFlag = False,
) -> None:
    """The jurisdictions with cards: grade, score, and whether each card is complete."""
    from gapcli.query.cards import listing

    cards = catalog()
    if year is None:
        cards.all_cards()  # one pass over every edition; card() below then reads from memory
        chosen = [cards.card(place) for place in JURISDICTIONS if cards.cards_for_state(place)]
    else:
        chosen = cards.cards_for_year(year)
    rows = listing([(c, cards.framework(c.year)) for c in chosen])
    emit(rows, view_of("states_view", rows, year), fmt, as_json, export, force)
