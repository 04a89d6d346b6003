"""Rendering: one module per output format, each with ``format(view, **options) -> str``.

Modules are imported on demand, so ``--json`` never pays for importing Rich.
"""

from __future__ import annotations

import importlib

_MODULES = {"table": "table", "plain": "plain", "json": "json", "csv": "delimited", "tsv": "delimited", "markdown": "markdown"}


def format(view, fmt: str, **options) -> str:  # noqa: A001 - the one verb of this package
    module = importlib.import_module(f"gapcli.render.{_MODULES[fmt]}")
    if fmt in ("csv", "tsv"):
        options["delimiter"] = "," if fmt == "csv" else "\t"
    return module.format(view, **options)
