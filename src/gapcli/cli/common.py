"""What every command shares: output options, the catalog, and writing the result."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from gapcli.errors import UsageError
from gapcli.states import JURISDICTIONS

if TYPE_CHECKING:
    from gapcli.load.catalog import Catalog
    from gapcli.render.view import View

EXPORT_SUFFIXES = (".svg", ".html", ".htm", ".txt")


class Format(str, Enum):
    table = "table"
    plain = "plain"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


def complete_state(incomplete: str) -> list[str]:
    wanted = incomplete.lower()
    return [j.slug for j in JURISDICTIONS if j.slug.startswith(wanted) or j.code.lower() == wanted]


FormatOption = Annotated[
    Optional[Format],
    typer.Option("--format", "-f", help="Output format [default: table on a terminal, plain when piped].", case_sensitive=False, show_default=False),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
ExportOption = Annotated[Optional[Path], typer.Option("--export", help="Write the view to FILE (.svg, .html or .txt) instead of stdout.", dir_okay=False)]
ForceFlag = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]
YearOption = Annotated[Optional[int], typer.Option("--year", "-y", help="Edition year (default: the latest with complete cards).")]
StateArgument = Annotated[str, typer.Argument(help="State name or postal code: connecticut, 'New York', ny, dc.", autocompletion=complete_state)]


class Commands(dict):
    """name → a Typer app holding that one command, so gapcli.cli builds only the command that runs."""

    def command(self, name: str | None = None, **options):
        def register(function):
            one = typer.Typer(add_completion=False)
            one.command(name=name, **options)(function)
            self[name or function.__name__] = one
            return function

        return register


@cache
def catalog() -> Catalog:
    """One catalog per process; the group prints its warnings and saves its cache at exit."""
    from gapcli.load.catalog import Catalog

    return Catalog.open()


def opened_catalog() -> Catalog | None:
    return catalog() if catalog.cache_info().currsize else None


def emit(data: object, build: Callable[[], View], fmt: Format | None, as_json: bool, export: Path | None = None, force: bool = False) -> None:
    """Write ``data`` (JSON) or the view ``build`` makes of it to stdout, or to the export file.

    Without --format: a Rich table on a terminal, plain text when piped (gh's convention).
    The view is built only when needed, so JSON output never imports the renderers.
    """
    if fmt is None:
        fmt = Format.table if sys.stdout.isatty() else Format.plain
    if export is None and (as_json or fmt is Format.json):
        from gapcli.render.json import dumps

        sys.stdout.write(dumps(data))
        return
    from gapcli import render

    view = build()
    if export is not None:
        if export.suffix.lower() not in EXPORT_SUFFIXES:
            raise UsageError(f"--export {export}: the file must end in {', '.join(EXPORT_SUFFIXES)}")
        from gapcli.load.save import write_atomic
        from gapcli.render.table import export as export_view

        write_atomic(export, export_view(view, export.suffix.lower()), force=force)
        print(f"wrote {export}", file=sys.stderr)
        return
    sys.stdout.write(render.format(view, fmt.value))


def view_of(builder: str, *args) -> Callable[[], View]:
    """A deferred call of ``gapcli.render.views.<builder>(*args)``."""

    def build() -> View:
        from gapcli.render import views

        return getattr(views, builder)(*args)

    return build
