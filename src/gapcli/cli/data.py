"""``data path|validate|export``: where gapcli's data lives, whether it is valid, and all of it in one document."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from gapcli.cli.answer import Answer, later
from gapcli.cli.arguments import ForceFlag, year_option
from gapcli.cli.session import Session  # at run time: Typer reads the annotations
from gapcli.errors import GapcliError, UsageError
from gapcli.exports.records import DOCUMENT_FORMATS, TABLES
from gapcli.streams import tell

if TYPE_CHECKING:
    from gapcli.records import ValidateRecord

    ExportFormat = str
    ExportTable = str
    ExportYear = Optional[int]
else:
    ExportFormat = Literal[DOCUMENT_FORMATS]
    ExportTable = Literal[tuple(TABLES)]
    ExportYear = year_option("every edition", "Only this edition")


def path() -> Answer:
    """Where bundled data, user data and the parse cache live."""
    from gapcli.catalog.folders import bundled_data_dir, user_cache_dir, user_data_dir

    places = {"bundled": str(bundled_data_dir()), "user": str(user_data_dir()), "cache": str(user_cache_dir())}
    return Answer(places, later("data:paths_view", places))


def validate(
    session: Session,
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="PATH...", help="Card or framework files, or folders (default: the user data directory)."
        ),
    ] = None,
) -> Answer:
    """Check data files; list every problem and exit 1 if there is any."""
    from gapcli.catalog.folders import user_data_dir

    cards = session.catalog
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
    said = f"{len(files)} file(s) checked, {len(problems)} problem(s)"
    checked: ValidateRecord = {"checked": len(files), "problems": problems}
    return Answer(checked, later("data:validate_view", checked), notes=[said], code=1 if problems else 0)


def export(
    session: Session,
    year: ExportYear = None,
    fmt: Annotated[
        Optional[ExportFormat],
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            case_sensitive=False,
            help=f"{', '.join(DOCUMENT_FORMATS)} (default: from the --out suffix, else json).",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Shorthand for --format json, as every command takes it.")
    ] = False,
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
    from gapcli.exports.records import chunks, document_format, json_chunks
    from gapcli.files import output

    chosen = document_format(fmt, out)
    if as_json and chosen != "json":
        given = f"--format {fmt.lower()}" if fmt else f"--out {out}"
        raise UsageError(f"--json and {given} disagree: --json is --format json; give one")
    if metadata is not None and chosen != "sqlite":
        raise UsageError("--metadata describes a database: give it with --format sqlite (or an --out FILE.db)")
    if metadata is not None and metadata.suffix and metadata.suffix.lower() != ".json":
        raise UsageError(
            f"--metadata {metadata}: gapcli writes Datasette metadata as JSON; give a name ending in .json"
        )
    if chosen == "sqlite":
        if out is None or str(out) == output.STDOUT:
            raise UsageError("--format sqlite writes a file: give --out FILE.db")
        _export_database(session, year, out, metadata, force)
        return
    target = output.resolve(out or output.STDOUT, force)
    if chosen in ("json", "jsonl"):
        text = json_chunks(api.export_json(year, catalog=session.catalog), chosen)
    else:
        text = chunks(api.export(year, catalog=session.catalog), chosen, table)
    output.write(target, text)
    if target.kind != "stdout":
        tell(f"wrote {target.shown} ({chosen})")


def _export_database(session: Session, year: int | None, out: Path, metadata: Path | None, force: bool) -> None:
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
    cards = session.catalog
    editions = [cards.framework(year)] if year is not None else list(cards.frameworks().values())
    described = describe(target.path.stem, editions)
    text = json.dumps(described, indent=2, ensure_ascii=False) + "\n"
    written = write_database(
        target,
        api.export_json(year, catalog=cards),
        editions,
        force,
        described,
        then=lambda: output.write(about, [text]),
    )
    tell(f"wrote {written} cards to {target.shown}; Datasette metadata: {about.shown}")
