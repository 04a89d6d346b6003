"""``show`` and ``states``: one card, and who has cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcli.cli.common import (
    ExportOption,
    ForceFlag,
    FormatOption,
    JsonFlag,
    SizeOption,
    StateArgument,
    ThemeOption,
    YearOption,
    catalog,
    emit,
)

if TYPE_CHECKING:
    from gapcli.views.blocks import View


def show(
    state: StateArgument,
    year: YearOption = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    theme: ThemeOption = "light",
    size: SizeOption = "page",
    force: ForceFlag = False,
) -> None:
    """A state's report card: grades, scores, unmet policy goals, extra credit and links."""
    from gapcli import api

    record = api.card(state, year, catalog())

    def view() -> View:
        from gapcli.views.cards import card_view

        return card_view(record)

    emit(record, view, fmt, as_json, export, force, theme, size)


def states(
    year: YearOption = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    theme: ThemeOption = "light",
    size: SizeOption = "page",
    force: ForceFlag = False,
) -> None:
    """The jurisdictions with cards: each one's grade in every edition, or one edition's cards."""
    from gapcli import api

    cards = catalog()
    rows = api.states(year, cards)

    def view() -> View:
        from gapcli.views.cards import states_view

        return states_view(rows, year, cards.frameworks())

    emit(rows, view, fmt, as_json, export, force, theme, size)
