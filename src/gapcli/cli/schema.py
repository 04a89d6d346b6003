"""``schema``: the JSON contract as JSON Schema, for validators and code generators."""

from typing import Annotated, Optional

import typer

from gapcli.cli.complete import complete_output
from gapcli.errors import NotFound


def schema(
    name: Annotated[
        Optional[str],
        typer.Argument(
            metavar="NAME",
            help="The command whose JSON output to describe: show, rank, 'gaps --state', 'data export', ... "
            "(default: every one).",
            autocompletion=complete_output,
        ),
    ] = None,
) -> None:
    """The JSON Schema of every command's JSON output (draft 2020-12; goal ids are strings)."""
    import json

    from gapcli.contract import schema_of, shipped
    from gapcli.streams import write_stdout

    whole = shipped()
    if name is not None:
        wanted = " ".join(name.split()).lower()
        if wanted not in whole["outputs"]:
            known = ", ".join(repr(n) if " " in n else n for n in whole["outputs"])
            raise NotFound(f"no JSON output {name[:40]!r}; one of: {known}")
        whole = schema_of(wanted, whole)
    write_stdout(json.dumps(whole, indent=2, ensure_ascii=False) + "\n")
