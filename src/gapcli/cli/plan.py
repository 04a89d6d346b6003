"""``plan``: what it would take to reach the next grade."""

from typing import Annotated, Optional

import typer

from gapcli.cli.answer import Answer, later
from gapcli.cli.arguments import CardYear, GradeLetter, StateArgument
from gapcli.cli.complete import complete_grade
from gapcli.cli.session import Session  # at run time: Typer reads the annotations


def plan(
    session: Session,
    state: StateArgument,
    year: CardYear = None,
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
) -> Answer:
    """Points to the next grade, headroom per issue area, and the unmet goals there with their issue briefs."""
    from gapcli import api

    result = api.plan(state, year, to=to, catalog=session.catalog)
    return Answer(result, later("plan:plan_view", result))
