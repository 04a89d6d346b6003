"""Is this Typer the one a hook was written for? A structural check, made once per run.

gapcli reaches into Typer's private modules only where its public API offers no way to do
what is needed (cli/values.py: option values converted without importing pydantic). Such a
hook is used only when what it touches is there and has the shape it expects: the names
exist, a dataclass has exactly the fields, a method exactly the parameters. A rename, a new
field, a missing module, an import that fails: the check answers no, and gapcli uses Typer's
public behaviour instead (slower, the same answers), never a traceback.

``GAPCLI_TYPER_FAST=0`` (README: Environment) turns the hooks off, to debug or to compare.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import os
from typing import Any

SWITCH = "GAPCLI_TYPER_FAST"


def enabled() -> bool:
    """False when the user turned Typer's private hooks off (``GAPCLI_TYPER_FAST=0``)."""
    return os.environ.get(SWITCH, "").strip() != "0"


def private(module: str, name: str) -> Any | None:
    """``module.name`` (a private part of Typer), or None when it cannot be imported or is not there."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except Exception:  # noqa: BLE001 - any failure to import means: not the Typer the hook knows
        return None


def fields(cls: Any) -> tuple[str, ...] | None:
    """The names of a dataclass's fields in order, or None where ``cls`` is not a dataclass."""
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


def parameters(function: Any) -> tuple[str, ...] | None:
    """The names of a callable's parameters in order, or None where it is not one or has no signature."""
    if not callable(function):
        return None
    try:
        return tuple(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return None


def names_used(function: Any) -> frozenset[str]:
    """The attribute and global names a Python function's code uses (empty for anything else)."""
    code = getattr(function, "__code__", None)
    return frozenset(code.co_names) if code is not None else frozenset()
