"""The gapcli command line: each command parses its own arguments and returns an answer.

``COMMANDS`` is the one place a command is added: its name (``"data export"`` for a
subcommand of the group ``data``) → where its function is and which output options it
takes. A command function takes its own parameters (and ``session``, the run's catalog,
if it reads data) and returns an ``Answer`` (``cli/answer.py``): its records and how to
show them. The output options are declared once (``cli/output.py``) and added by
``cli/app.py`` to every command that answers; ``cli/run.py`` is the one place an error
becomes its exit code. A command's module is imported only when it runs.
tests/cli/test_registry.py fails when a command is defined but unreachable.
"""

from __future__ import annotations

from typing import Literal

# the output options a command takes: "view" every one (--format, --json, --export and what goes
# with it), "stream" --format and --json (its answer goes to stdout only), "own" none (it writes its own)
OutputKind = Literal["view", "stream", "own"]


class Command:
    """A registry entry: ``target`` is "module:function" in gapcli.cli; ``output`` its output options."""

    __slots__ = ("output", "target")

    def __init__(self, target: str, output: OutputKind = "view") -> None:
        self.target, self.output = target, output


COMMANDS: dict[str, Command] = {
    "show": Command("cards:show"),
    "states": Command("cards:states"),
    "diff": Command("compare:diff"),
    "rank": Command("compare:rank"),
    "gaps": Command("compare:gaps"),
    "stats": Command("compare:stats"),
    "history": Command("compare:history"),
    "map": Command("compare:map_"),
    "plan": Command("plan:plan"),
    "import": Command("importing:import_", "stream"),
    "data path": Command("data:path", "stream"),
    "data validate": Command("data:validate", "stream"),
    "data export": Command("data:export", "own"),
    "schema": Command("schema:schema", "own"),
}
GROUPS: dict[str, str] = {"data": "Where gapcli's data lives; check it; export it."}  # name -> help
