"""``show`` and ``states``: one card, and who has cards."""

from __future__ import annotations

from gapcli.cli.common import (
    ExportOption,
    ForceFlag,
    FormatOption,
    JsonFlag,
    StateArgument,
    ThemeOption,
    YearOption,
    catalog,
    emit,
)


def show(
    state: StateArgument,
    year: YearOption = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    theme: ThemeOption = "light",
    force: ForceFlag = False,
) -> None:
    """A state's report card: grades, scores, unmet policy goals, extra credit and links."""
    from gapcli import api
    from gapcli.render.views import card_view

    record = api.card(state, year, catalog())
    emit(record, lambda: card_view(record), fmt, as_json, export, force, theme)


def states(
    year: YearOption = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    theme: ThemeOption = "light",
    force: ForceFlag = False,
) -> None:
    """The jurisdictions with cards: each one's grade in every edition, or one edition's cards."""
    from gapcli import api
    from gapcli.render.views import states_view

    rows = api.states(year, catalog())
    emit(rows, lambda: states_view(rows, year), fmt, as_json, export, force, theme)
