"""What every command shares: output options, the catalog, and writing the result."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from gapcli.cli import tell
from gapcli.cli.complete import GRADE_LETTERS, TIER_NAMES, complete_format, complete_state, complete_year
from gapcli.errors import UsageError
from gapcli.formats import DATA_ONLY, FORMATS
from gapcli.streams import write_stdout

if TYPE_CHECKING:
    from gapcli.catalog.catalog import Catalog
    from gapcli.views.blocks import View

    FormatName = str
    GradeLetter = str
    TierName = str
    ThemeName = str
    SizeName = str
else:  # choices Typer checks, made from the one registry of each
    FormatName = Literal[tuple(FORMATS)]
    ThemeName = Literal["light", "dark"]
    SizeName = Literal["page", "slide"]
    GradeLetter = Literal[GRADE_LETTERS]
    TierName = Literal[TIER_NAMES]

FormatOption = Annotated[
    Optional[FormatName],
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        metavar="FORMAT",
        help=f"Output format: {', '.join(FORMATS)} (default: table on a terminal, plain when piped).",
        show_default=False,
        autocompletion=complete_format,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
ExportOption = Annotated[
    Optional[Path],
    typer.Option(
        "--export",
        metavar="FILE",
        help="Write the view to FILE (.svg, .html or .txt) instead of stdout.",
        dir_okay=False,
    ),
]
ForceFlag = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]
ThemeOption = Annotated[
    ThemeName,
    typer.Option("--theme", metavar="THEME", case_sensitive=False, help="With --export .svg/.html: light or dark."),
]
SizeOption = Annotated[
    SizeName,
    typer.Option(
        "--size",
        metavar="SIZE",
        case_sensitive=False,
        help="With --export .svg: page (100 columns, as tall as needed) or slide (1920x1080, 16:9, large text).",
    ),
]


def year_value(text: str | int) -> int:
    """Four ASCII digits: not '2021.0', not '٢٠٢١'."""
    if isinstance(text, int):
        return text
    if not (len(text) == 4 and text.isascii() and text.isdigit()):
        raise typer.BadParameter(f"expected a year such as 2021, got {text[:20]!r}")
    return int(text)


YearOption = Annotated[
    Optional[int],
    typer.Option(
        "--year",
        "-y",
        metavar="YEAR",
        parser=year_value,
        help="Edition year (default: see README).",
        autocompletion=complete_year,
        show_default=False,
    ),
]
StateArgument = Annotated[
    str,
    typer.Argument(
        metavar="STATE",
        help="State name or postal code, optionally @YEAR: connecticut, 'New York', ny, dc, ct@2021.",
        autocompletion=complete_state,
    ),
]


@cache
def catalog() -> Catalog:
    """One catalog per process; the group prints its warnings and saves its cache at exit."""
    from gapcli.catalog.catalog import Catalog

    return Catalog.open()


def opened_catalog() -> Catalog | None:
    return catalog() if catalog.cache_info().currsize else None


def output_format(fmt: str | None, as_json: bool, export: Path | None) -> str | None:
    """The format asked for; options that exclude each other are a usage error (README: exit 2)."""
    fmt = fmt.lower() if fmt else None
    if as_json and fmt not in (None, "json"):
        raise UsageError(f"--json and --format {fmt} exclude each other; give one")
    if export is not None and (as_json or fmt):
        raise UsageError("--export writes the table view to a file; it excludes --json and --format")
    return "json" if as_json else fmt


def emit(
    data: object,
    build: Callable[[], View],
    fmt: str | None,
    as_json: bool,
    export: Path | None = None,
    force: bool = False,
    theme: str = "light",
    size: str = "page",
) -> None:
    """Write ``data`` (JSON) or the view ``build`` makes of it to stdout, or to the export file.

    Without --format: a Rich table on a terminal, plain text when piped (gh's convention).
    The view is built only when needed, so JSON output never imports the renderers.
    """
    from gapcli import formats as render

    chosen = output_format(fmt, as_json, export)
    if size.lower() != "page" and (export is None or export.suffix.lower() != ".svg"):
        raise UsageError("--size slide lays out an SVG picture: give --export FILE.svg")
    if export is not None:
        write_export(build(), export, force, theme, size)
        return
    if chosen is None:
        chosen = "table" if sys.stdout.isatty() else "plain"
    if chosen in DATA_ONLY:
        write_stdout(render.format_data(data, chosen))
        return
    write_stdout(render.format(build(), chosen))


def write_export(view: View, export: Path, force: bool, theme: str, size: str = "page") -> None:
    from gapcli.exports.document import EXPORTS
    from gapcli.exports.document import export as export_view
    from gapcli.files import output

    if export.suffix.lower() not in EXPORTS:
        raise UsageError(f"--export {export}: the file must end in {', '.join(EXPORTS)}")

    target = output.resolve(export, force, option="--export")
    output.write(target, [export_view(view, export.suffix.lower(), theme.lower(), size.lower(), source_of(view))])
    tell(f"wrote {target.shown}")


def source_of(view: View) -> str:
    """The source line of the editions the view's figures come from."""
    from gapcli.views.provenance import source_line

    cards = catalog()
    return source_line(cards.framework(year) for year in sorted(set(view.editions)))
