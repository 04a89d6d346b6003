"""What a command returns: its records and how to show them (``cli/output.py`` shows them)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gapcli.errors import GapcliError
    from gapcli.views.blocks import View


class Answer:
    """What a command returns. ``records`` are the JSON output as they are (a list of records, or one
    record); ``view`` builds the View every other format draws, only when one is asked for (so JSON
    output never imports the views or Rich); ``notes`` are lines for people, told on stderr after
    any output but JSON; ``error`` is raised once the answer is shown (an import that refused),
    else the run exits ``code``. A plain class: it is made on every run, and defined at every start-up.
    """

    __slots__ = ("code", "error", "notes", "records", "view")

    def __init__(
        self,
        records: object,
        view: Callable[[], View],
        notes: Sequence[str] = (),
        error: GapcliError | None = None,
        code: int = 0,
    ) -> None:
        self.records, self.view, self.notes, self.error, self.code = records, view, notes, error, code


def later(builder: str, *args: Any) -> Callable[[], View]:
    """The view ``gapcli.views.MODULE.FUNCTION(*args)`` (``builder`` is "MODULE:FUNCTION"), built when shown."""
    module, _, function = builder.partition(":")

    def build() -> View:
        view: View = getattr(importlib.import_module(f"gapcli.views.{module}"), function)(*args)
        return view

    return build
