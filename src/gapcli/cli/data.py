"""``import`` card texts and PDFs, and ``data path|validate|export`` for the data itself."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from gapcli.cli import tell
from gapcli.cli.common import ForceFlag, FormatOption, JsonFlag, catalog, emit, output_format, year_value
from gapcli.errors import GapcliError, RefusedWrite, UsageError
from gapcli.streams import write_stdout

data_app = typer.Typer(
    help="Where gapcli's data lives; check it; export it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

EXPORT_FORMATS = ("json", "jsonl", "csv", "tsv", "sqlite")
EXPORT_TABLES = ("cards", "issues")
if TYPE_CHECKING:
    from gapcli.importer.batch import Planned as importing_Planned
    from gapcli.model import Framework

    ExportFormat = str
    ExportTable = str
else:
    ExportFormat = Literal[EXPORT_FORMATS]
    ExportTable = Literal[EXPORT_TABLES]


def import_(
    files: Annotated[
        list[str], typer.Argument(metavar="FILE...", help="Card PDFs or texts, or folders of them; - reads stdin.")
    ],
    year: Annotated[
        Optional[int],
        typer.Option(
            "--year", "-y", metavar="YEAR", parser=year_value, help="The edition, where the text does not print it."
        ),
    ] = None,
    state: Annotated[
        Optional[str],
        typer.Option("--state", "-s", metavar="STATE", help="The state, where the text does not name it."),
    ] = None,
    source_url: Annotated[
        Optional[str], typer.Option("--source-url", metavar="URL", help="Where the card came from, for its citation.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and check everything; write nothing.")] = False,
    force: ForceFlag = False,
    skip_existing: Annotated[
        bool, typer.Option("--skip-existing", help="Import only the cards not there yet; list the others as skipped.")
    ] = False,
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out",
            metavar="DIR",
            help="Write under DIR/cards/YEAR/ instead of the user data directory.",
            file_okay=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Turn report cards (PDF, or text copied or extracted from one) into gapcli data, all or nothing."""
    from gapcli.catalog.folders import user_data_dir
    from gapcli.importer import batch as importing
    from gapcli.views.imports import import_view

    output_format(fmt, as_json, None)
    if force and skip_existing:
        raise UsageError("--force and --skip-existing exclude each other; give one")
    cards = catalog()
    names = importing.expand(files)
    root = out or user_data_dir()
    if out is not None:
        from gapcli.files.journal import recover

        recover(out)  # an import into DIR that was killed: finished or undone before DIR is read
    bundled = cards.has_bundled if out is None else (lambda _card: False)
    with progress(len(names)) as step:
        planned = importing.plan(
            names, cards.framework, root, bundled, year, state, source_url, step, importing.known_from(cards)
        )
    problems = importing.problems(planned, force, skip_existing)
    writing = {item.source for item in importing.to_write(planned, skip_existing)}
    for item in planned:
        for note in item.notes:
            tell(f"gapcli: note: {item.source}: the PDF reader says: {note}")
        if item.card is not None and item.replaces_bundled and item.source in writing:
            tell(f"gapcli: note: {item.source}: replaces the bundled {item.card.state} {item.card.year} card")
    if not dry_run and not problems:
        importing.write(planned, root, force, skip_existing)
    rows = [_summary(item, dry_run, force, skip_existing, cards.framework, bool(problems)) for item in planned]
    records = [
        importing.import_record(item, row, cards.framework(item.card.year))
        for item, row in zip(planned, rows, strict=True)
        if item.card is not None and not item.problem
    ]
    emit(records, lambda: import_view(rows, records, dry_run), fmt, as_json)
    if problems:
        verb = "would be" if dry_run else "was"
        raise RefusedWrite(f"{len(problems)} problem(s), first: {problems[0]}; nothing {verb} written")


def _summary(
    item: importing_Planned,
    dry_run: bool,
    force: bool,
    skip_existing: bool,
    framework_for: Callable[[int], Framework],
    refused: bool,
) -> dict[str, object]:
    card = item.card
    if item.problem or (item.exists and not force and not skip_existing):
        result, note = "refused", item.problem or f"{item.target} exists; use --force to overwrite"
    elif refused:
        result, note = "not written", "another file stops the import: all or nothing"
    elif item.exists and skip_existing:
        result, note = ("would skip" if dry_run else "skipped"), f"{item.target} exists (--skip-existing)"
    else:
        result = (
            ("would overwrite" if item.exists else "would write")
            if dry_run
            else ("overwritten" if item.exists else "written")
        )
        note = f"{item.target}" + (" (replaces the bundled card)" if item.replaces_bundled else "")
    return {
        "file": item.source,
        "state": card.state if card else None,
        "code": card.code if card else None,
        "year": card.year if card else None,
        "grade": card.grade if card else None,
        "score": card.score if card else None,
        "complete": card.is_complete(framework_for(card.year)) if card else None,
        "result": result,
        "note": note,
        "new_phrases": len(item.new_phrases) if card else None,
    }


@contextmanager
def progress(total: int) -> Iterator[Callable[[str], None]]:
    """A Rich progress bar on stderr, for several files on a terminal; otherwise nothing."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda _name: None
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress

    from gapcli.safe import clean

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading", total=total)
        yield lambda name: bar.update(task, advance=1, description=escape(clean(Path(name).name)[:30]))


@data_app.command()
def path(fmt: FormatOption = None, as_json: JsonFlag = False) -> None:
    """Where bundled data, user data and the parse cache live."""
    from gapcli.catalog.folders import bundled_data_dir, user_cache_dir, user_data_dir
    from gapcli.views.blocks import Column, Grid, View

    places = {"bundled": str(bundled_data_dir()), "user": str(user_data_dir()), "cache": str(user_cache_dir())}
    rows = [{"name": name, "path": value} for name, value in places.items()]
    grid = Grid([Column("Name"), Column("Path")], [[r["name"], r["path"]] for r in rows])
    emit(places, lambda: View(places, rows, [grid], ["name", "path"]), fmt, as_json)


@data_app.command()
def validate(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="[PATH]...", help="Card or framework files, or folders (default: the user data directory)."
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Check data files; list every problem and exit 1 if there is any."""
    from gapcli.catalog.folders import user_data_dir

    cards = catalog()
    files: list[Path] = []
    problems = []
    for given in paths or [user_data_dir()]:
        if given.is_dir():
            files += sorted(given.rglob("*.toml"))
        elif given.exists() or given.is_symlink() or paths:
            files.append(given)  # a fresh install has no user folder: nothing to check, not a problem
    for file in files:
        try:
            cards.check_file(file)
        except GapcliError as error:
            problems.append(str(error))
    if as_json:
        from gapcli.formats.json import dumps

        write_stdout(dumps({"checked": len(files), "problems": problems}))
    else:
        from gapcli.cli import LINE_LIMIT
        from gapcli.errors import shorten
        from gapcli.safe import clean

        write_stdout("".join(f"{shorten(clean(problem), LINE_LIMIT)}\n" for problem in problems))
        tell(f"{len(files)} file(s) checked, {len(problems)} problem(s)")
    if problems:
        raise typer.Exit(1)


@data_app.command()
def export(
    year: Annotated[
        Optional[int],
        typer.Option(
            "--year", "-y", metavar="YEAR", parser=year_value, help="Only this edition (default: every edition)."
        ),
    ] = None,
    fmt: Annotated[
        Optional[ExportFormat],
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            case_sensitive=False,
            help=f"{', '.join(EXPORT_FORMATS)} (default: from the --out suffix, else json).",
        ),
    ] = None,
    table: Annotated[
        ExportTable,
        typer.Option("--table", metavar="ROWS", help="CSV/TSV rows: one per card, or one per card and issue area."),
    ] = "cards",
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out",
            metavar="FILE",
            help="Write to FILE (.json, .jsonl, .ndjson, .csv, .tsv, .db, .sqlite, .sqlite3; - is stdout).",
            dir_okay=False,
        ),
    ] = None,
    metadata: Annotated[
        Optional[Path],
        typer.Option(
            "--metadata",
            metavar="FILE",
            help="With sqlite: the Datasette metadata file (default: NAME.metadata.json beside the database).",
            dir_okay=False,
        ),
    ] = None,
    force: ForceFlag = False,
) -> None:
    """Every card (or one edition's) in one document, for spreadsheets and scripts, or a database for SQL and Datasette."""
    from gapcli import api
    from gapcli.exports.records import chunks, json_chunks
    from gapcli.files import output

    chosen = _export_format(fmt, out)
    if metadata is not None and chosen != "sqlite":
        raise UsageError("--metadata describes a database: give it with --format sqlite (or an --out FILE.db)")
    if chosen == "sqlite":
        if out is None or str(out) == output.STDOUT:
            raise UsageError("--format sqlite writes a file: give --out FILE.db")
        _export_database(year, out, metadata, force)
        return
    target = output.resolve(out or output.STDOUT, force)
    if chosen in ("json", "jsonl"):
        text = json_chunks(api.export_json(year, catalog()), chosen)
    else:
        text = chunks(api.export(year, catalog()), chosen, table)
    output.write(target, text)
    if target.kind != "stdout":
        tell(f"wrote {target.shown} ({chosen})")


def _export_database(year: int | None, out: Path, metadata: Path | None, force: bool) -> None:
    """The database, and beside it the Datasette metadata that describes it; refusals before either is made."""
    import json

    from gapcli import api
    from gapcli.exports.database import write_database
    from gapcli.exports.datasette import metadata as describe
    from gapcli.files import output

    target = output.resolve(out, force, stream_ok=False)
    assert target.path is not None
    about_path = metadata or target.path.with_name(target.path.stem + ".metadata.json")
    about = output.resolve(about_path, force, option="--metadata")
    cards = catalog()
    editions = [cards.framework(year)] if year is not None else list(cards.frameworks().values())
    described = describe(target.path.stem, editions)
    text = json.dumps(described, indent=2, ensure_ascii=False) + "\n"
    written = write_database(
        target, api.export_json(year, cards), editions, force, described, then=lambda: output.write(about, [text])
    )
    tell(f"wrote {written} cards to {target.shown}; Datasette metadata: {about.shown}")


SUFFIXES = {"json": "json", "jsonl": "jsonl", "ndjson": "jsonl", "csv": "csv", "tsv": "tsv", "db": "sqlite",
            "sqlite": "sqlite", "sqlite3": "sqlite"}  # fmt: skip


def _export_format(fmt: str | None, out: Path | None) -> str:
    """--format, else the --out suffix, else json; the two must agree, and a suffix gapcli cannot write is refused."""
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    implied = SUFFIXES.get(suffix)
    if suffix and implied is None:
        known = ", ".join(f".{s}" for s in SUFFIXES)
        raise UsageError(f"--out {out}: gapcli cannot write .{suffix} files; give a name ending in {known}")
    if fmt and implied and fmt.lower() != implied:
        raise UsageError(f"--format {fmt} and --out {out} disagree; give a matching suffix")
    return (fmt or implied or "json").lower()
