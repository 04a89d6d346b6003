"""Output formats: one module per format behind one function, ``format(view, fmt)``.

``FORMATS`` is the one place a format is added: name → ``module:function`` of this
package. Modules are imported on demand, so ``--json`` never pays for importing Rich.
tests/formats/test_registry.py fails when a format module is not reachable from here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from gapcli.views.blocks import View

FORMATS: dict[str, str] = {
    "table": "table:format",
    "plain": "plain:format",
    "json": "json:format",
    "jsonl": "json:format_lines",
    "csv": "delimited:format_csv",
    "tsv": "delimited:format_tsv",
    "markdown": "markdown:format",
}
DATA_ONLY = {"json": "dumps", "jsonl": "dumps_lines"}  # the records as they are: no view is built or imported
COLOURED = frozenset({"table", "plain"})  # the formats that draw colour when asked to; the others never do


class Formatter(Protocol):
    def __call__(self, view: View, /) -> str: ...


class ColourFormatter(Protocol):
    def __call__(self, view: View, /, *, color: bool) -> str: ...


def _function(fmt: str) -> Any:
    module, _, function = FORMATS[fmt].partition(":")
    return getattr(importlib.import_module(f"gapcli.formats.{module}"), function)


def formatter(fmt: str) -> Formatter:
    found: Formatter = _function(fmt)
    return found


def format(view: View, fmt: str, color: bool = False) -> str:  # noqa: A001 - the one verb of this package
    """The view as ``fmt``; in colour only if ``color`` and the format is one of ``COLOURED``."""
    if fmt in COLOURED:
        coloured: ColourFormatter = _function(fmt)
        return coloured(view, color=color)
    return formatter(fmt)(view)


def format_data(data: object, fmt: str) -> str:
    """JSON or JSON Lines of the records themselves, without importing the views."""
    from gapcli.formats import json as json_format

    text: str = getattr(json_format, DATA_ONLY[fmt])(data)
    return text
