"""Parameters several commands share, declared once: the edition, a state, a figure to rank on, grades, tiers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from gapcli.cli.complete import complete_by, complete_state, complete_year
from gapcli.errors import InvalidValue
from gapcli.model import GRADES
from gapcli.query import arguments

if TYPE_CHECKING:
    GradeLetter = str
else:  # choices Typer checks, made from the model's own lists
    GradeLetter = Literal[GRADES]


def year_value(text: str | int) -> int | None:
    """Four ASCII digits: not '2021.0', not '٢٠٢١' (the library's rule, in its words)."""
    try:
        return arguments.year(text)
    except InvalidValue as error:
        raise typer.BadParameter(error.problem) from None


YearOption = Annotated[
    Optional[int],
    typer.Option(
        "--year",
        "-y",
        metavar="YEAR",
        parser=year_value,
        help="Edition year (default: see README).",
        autocompletion=complete_year,
        show_default=False,
    ),
]
StateArgument = Annotated[
    str,
    typer.Argument(
        metavar="STATE",
        help="State name or postal code, optionally @YEAR: connecticut, 'New York', ny, dc, ct@2021.",
        autocompletion=complete_state,
    ),
]
SelectorArgument = Annotated[
    str, typer.Argument(metavar="STATE[@YEAR]", help="e.g. ct or connecticut@2021.", autocompletion=complete_state)
]
ByOption = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="FIGURE",
        help="overall, grade, published, an issue number 1-6, or part of an issue name.",
        autocompletion=complete_by,
    ),
]
MapByOption = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="FIGURE",
        help="overall or grade (the overall grade), an issue number 1-6, or part of an issue name.",
        autocompletion=complete_by,
    ),
]
ForceFlag = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]
