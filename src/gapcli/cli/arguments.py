"""Parameters several commands share, declared once: the edition, a state, a figure to rank on, grades, tiers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional

import typer

from gapcli.cli.complete import complete_by, complete_map_by, complete_place, complete_state, complete_year
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


DEFAULT_EDITION = "the latest edition with a full framework"  # a help page adds the year: "...: 2021"


def year_option(default: str, what: str = "Edition year") -> Any:
    """``--year``, its default in the words of the command that takes it."""
    return Annotated[
        Optional[int],
        typer.Option(
            "--year",
            "-y",
            metavar="YEAR",
            parser=year_value,
            help=f"{what} (default: {default}).",
            autocompletion=complete_year,
            show_default=False,
        ),
    ]


if TYPE_CHECKING:
    CardYear = Optional[int]
else:  # the --year of a command about one state's card (show, plan); each other command declares its own
    CardYear = year_option(f"the state's latest complete card, of {DEFAULT_EDITION} or later; else its latest card")
StateArgument = Annotated[
    str,
    typer.Argument(
        metavar="STATE",
        help="State name or postal code, optionally @YEAR: connecticut, 'New York', ny, dc, ct@2021.",
        autocompletion=complete_state,
    ),
]
PlaceArgument = Annotated[  # a state in every edition (history): no @YEAR
    str,
    typer.Argument(
        metavar="STATE",
        help="State name or postal code: connecticut, 'New York', ny, dc.",
        autocompletion=complete_place,
    ),
]
SelectorArgument = Annotated[
    str,
    typer.Argument(
        metavar="STATE[@YEAR]",
        help="A card: ct, connecticut@2021 (B, the second, is shown against A, the first).",
        autocompletion=complete_state,
    ),
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
        autocompletion=complete_map_by,
    ),
]
ForceFlag = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]
