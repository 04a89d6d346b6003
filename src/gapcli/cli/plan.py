"""``plan``: what it would take to reach the next grade."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from gapcli.cli.common import (
    ExportOption,
    ForceFlag,
    FormatOption,
    GradeLetter,
    JsonFlag,
    SizeOption,
    StateArgument,
    ThemeOption,
    YearOption,
    catalog,
    emit,
)
from gapcli.cli.complete import complete_grade

if TYPE_CHECKING:
    from gapcli.views.blocks import View


def plan(
    state: StateArgument,
    year: YearOption = None,
    to: Annotated[
        Optional[GradeLetter],
        typer.Option(
            "--to",
            case_sensitive=False,
            metavar="LETTER",
            help="The grade to reach (default: the next letter up).",
            autocompletion=complete_grade,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    export: ExportOption = None,
    theme: ThemeOption = "light",
    size: SizeOption = "page",
    force: ForceFlag = False,
) -> None:
    """Points to the next grade, headroom per issue area, and the unmet goals there with their issue briefs."""
    from gapcli import api

    result = api.plan(state, year, to and to.upper(), catalog())

    def view() -> View:
        from gapcli.views.plan import plan_view

        return plan_view(result)

    emit(result, view, fmt, as_json, export, force, theme, size)
