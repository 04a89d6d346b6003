"""One registry of formats: each format module is reachable from FORMATS, and each entry renders."""

import importlib
import pkgutil

import gapcli.render
from gapcli.render import DATA_ONLY, FORMATS, formatter
from gapcli.render.files import EXPORTS
from gapcli.render.view import Column, Grid, View

# modules of gapcli.render that are not output formats
HELPERS = {
    "view",
    "safe",  # the one sanitiser (text for terminals), not a format
    "views",
    "views_across",
    "views_plan",
    "cells",
    "exports",
    "files",
    "views_import",
    "database",
    "datasette",
    "output",
    "provenance",
}  # database and datasette: files, not text formats; output: where files go; provenance: source lines


def test_every_format_module_is_registered():
    """Output formats (--format) and export formats (--export FILE.suffix) each have one registry."""
    registered = {entry.partition(":")[0] for entry in (*FORMATS.values(), *EXPORTS.values())}
    modules = {info.name for info in pkgutil.iter_modules(gapcli.render.__path__)}
    assert modules - HELPERS == registered - {"files"}


def test_every_format_renders_a_view():
    view = View({"a": 1}, [{"a": 1}], [Grid([Column("A", "number")], [[1]])], ["a"])
    for fmt in FORMATS:
        assert "1" in formatter(fmt)(view), fmt
    assert set(DATA_ONLY) <= set(FORMATS)


def test_every_cli_format_choice_is_a_registered_format(run):
    for fmt in FORMATS:
        result = run("show", "ct", "--format", fmt)
        assert result.exit_code == 0 and result.stdout, fmt
    assert importlib.import_module("gapcli.render.table")
