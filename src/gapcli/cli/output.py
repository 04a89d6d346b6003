"""The output options, declared once, and showing an answer with them.

``OPTIONS`` is the one place an output option is added (with its type on ``Output``, which
tests/cli/test_registry.py keeps in step): each is an option of every command that answers
(``cli/app.py`` adds them; ``FILE_OPTIONS`` only to commands whose view can be exported),
and ``show`` is where it takes effect.

Without --format: a Rich table on a terminal, plain text when piped (gh's convention).
The view is built only when needed, so JSON output never imports the views or Rich; colour
is decided from --color and the environment (``colour``), and output taller than the
terminal goes through a pager (``cli/pager.py``, imported only when stdout is a terminal).
"""

from __future__ import annotations

import os
import sys
from inspect import Parameter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from gapcli.cli.arguments import ForceFlag
from gapcli.cli.complete import complete_format
from gapcli.errors import UsageError
from gapcli.formats import DATA_ONLY, FORMATS
from gapcli.streams import tell, write_stdout

if TYPE_CHECKING:
    from gapcli.cli import OutputKind
    from gapcli.cli.answer import Answer
    from gapcli.cli.session import Session
    from gapcli.views.blocks import View

    FormatName = str
    ThemeName = str
    SizeName = str
    ColorName = str
else:  # choices Typer checks, made from the one registry of each
    FormatName = Literal[tuple(FORMATS)]
    ThemeName = Literal["light", "dark"]
    SizeName = Literal["page", "slide"]
    ColorName = Literal["auto", "always", "never"]


KEYWORD = Parameter.KEYWORD_ONLY
OPTIONS: list[Parameter] = [
    Parameter(
        "fmt",
        KEYWORD,
        default=None,
        annotation=Annotated[
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
        ],
    ),
    Parameter(
        "as_json",
        KEYWORD,
        default=False,
        annotation=Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")],
    ),
    Parameter(
        "export",
        KEYWORD,
        default=None,
        annotation=Annotated[
            Optional[Path],
            typer.Option(
                "--export",
                metavar="FILE",
                help="Write the view to FILE (.svg, .html or .txt) instead of stdout.",
                dir_okay=False,
            ),
        ],
    ),
    Parameter(
        "theme",
        KEYWORD,
        default="light",
        annotation=Annotated[
            ThemeName,
            typer.Option(
                "--theme", metavar="THEME", case_sensitive=False, help="With --export .svg/.html: light or dark."
            ),
        ],
    ),
    Parameter(
        "size",
        KEYWORD,
        default="page",
        annotation=Annotated[
            SizeName,
            typer.Option(
                "--size",
                metavar="SIZE",
                case_sensitive=False,
                help="With --export .svg: page (100 columns, as tall as needed) or slide (1920x1080, 16:9, large text).",
            ),
        ],
    ),
    Parameter("force", KEYWORD, default=False, annotation=ForceFlag),
    Parameter(
        "color",
        KEYWORD,
        default="auto",
        annotation=Annotated[
            ColorName,
            typer.Option(
                "--color",
                metavar="WHEN",
                case_sensitive=False,
                help="auto, always or never. auto: on a terminal, unless NO_COLOR or CLICOLOR=0 is set; "
                "CLICOLOR_FORCE or FORCE_COLOR force it. JSON, CSV and TSV never have colour.",
            ),
        ],
    ),
    Parameter(
        "no_pager",
        KEYWORD,
        default=False,
        annotation=Annotated[
            bool,
            typer.Option(
                "--no-pager",
                help="Print straight to the terminal; else output taller than it goes through "
                "GAPCLI_PAGER, PAGER or less.",
            ),
        ],
    ),
]
FILE_OPTIONS = frozenset({"export", "theme", "size", "force"})  # only where the view can be exported
TERMINAL_OPTIONS = frozenset({"color", "no_pager"})  # every command that prints takes them, "own" ones too


class Output:
    """The values of a command's output options (each one's default where the command has not that option)."""

    __slots__ = tuple(option.name for option in OPTIONS)
    fmt: str | None
    as_json: bool
    export: Path | None
    theme: str
    size: str
    force: bool
    color: str
    no_pager: bool

    def __init__(self, **values: object) -> None:
        for option in OPTIONS:
            setattr(self, option.name, values.get(option.name, option.default))

    def chosen(self) -> str | None:
        """The format asked for; options that exclude each other are a usage error (README: exit 2)."""
        fmt = self.fmt.lower() if self.fmt else None
        if self.as_json and fmt not in (None, "json"):
            raise UsageError(f"--json and --format {fmt} exclude each other; give one")
        if self.export is not None and (self.as_json or fmt):
            raise UsageError("--export writes the table view to a file; it excludes --json and --format")
        if self.size.lower() != "page" and (self.export is None or self.export.suffix.lower() != ".svg"):
            raise UsageError("--size slide lays out an SVG picture: give --export FILE.svg")
        return "json" if self.as_json else fmt


def parameters(kind: OutputKind) -> list[Parameter]:
    """The output options a command of ``kind`` takes, as parameters Typer reads."""
    if kind == "own":  # it writes JSON, CSV or a database itself: never coloured, never paged
        return [option for option in OPTIONS if option.name in TERMINAL_OPTIONS]
    return [option for option in OPTIONS if kind == "view" or option.name not in FILE_OPTIONS]


def colour(choice: str, terminal: bool) -> bool:
    """Whether to colour: --color always/never, else NO_COLOR (set: no), CLICOLOR_FORCE or FORCE_COLOR
    (set, not "0": yes), CLICOLOR=0 (no), else whether stdout is a terminal (not a dumb one)."""
    if choice.lower() != "auto":
        return choice.lower() == "always"
    env = os.environ
    if env.get("NO_COLOR"):
        return False
    if any(env.get(name, "0") not in ("", "0") for name in ("CLICOLOR_FORCE", "FORCE_COLOR")):
        return True
    if env.get("CLICOLOR") == "0":
        return False
    return terminal and env.get("TERM", "").lower() not in ("dumb", "unknown")


def show(answer: Answer, output: Output, session: Session) -> None:
    """Write the answer's records (JSON) or its view to stdout, or the view to the export file."""
    from gapcli import formats

    chosen = output.chosen()
    terminal = sys.stdout.isatty()
    fmt = chosen or ("table" if terminal else "plain")
    if output.export is not None:
        write_export(answer.view(), output, session)
    elif fmt in DATA_ONLY:
        emit(formats.format_data(answer.records, fmt), output)
    elif fmt == "plain" and not terminal:  # a pipe: the data on stdout, what it says about it on stderr
        from gapcli.formats.plain import apart

        data, about = apart(answer.view(), color=colour(output.color, terminal))
        write_stdout(data)
        for line in about:
            tell(line)
    else:
        emit(formats.format(answer.view(), fmt, color=colour(output.color, terminal)), output)
    if fmt not in DATA_ONLY:
        for note in answer.notes:
            tell(note)
    if answer.error is not None:
        raise answer.error


def emit(text: str, output: Output) -> None:
    """``text`` to stdout: through the pager where stdout is a terminal it does not fit, else straight."""
    if not output.no_pager and sys.stdout.isatty():
        from gapcli.cli.pager import page

        if page(text):
            return
    write_stdout(text)


def write_export(view: View, output: Output, session: Session) -> None:
    from gapcli.exports.document import EXPORTS
    from gapcli.exports.document import export as export_view
    from gapcli.files import output as target

    assert output.export is not None
    suffix = output.export.suffix.lower()
    if suffix not in EXPORTS:
        raise UsageError(f"--export {output.export}: the file must end in {', '.join(EXPORTS)}")
    written = target.resolve(output.export, output.force, option="--export")
    source = source_of(view, session)
    target.write(written, [export_view(view, suffix, output.theme.lower(), output.size.lower(), source)])
    tell(f"wrote {written.shown}")


def source_of(view: View, session: Session) -> str:
    """The source line of the editions the view's figures come from."""
    from gapcli.views.provenance import source_line

    cards = session.catalog
    return source_line(cards.framework(year) for year in sorted(set(view.editions)))
