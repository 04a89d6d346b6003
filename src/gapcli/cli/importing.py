"""``import``: card texts and PDFs into gapcli data, all or nothing."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from gapcli.cli.answer import Answer, later
from gapcli.cli.arguments import ForceFlag, year_value
from gapcli.cli.session import Session  # at run time: Typer reads the annotations
from gapcli.errors import RefusedWrite, UsageError
from gapcli.streams import tell


def import_(
    session: Session,
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
) -> Answer:
    """Turn report cards (PDF, or text copied or extracted from one) into gapcli data, all or nothing."""
    from gapcli.catalog.folders import user_data_dir
    from gapcli.importer import batch as importing

    if force and skip_existing:
        raise UsageError("--force and --skip-existing exclude each other; give one")
    cards = session.catalog
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
            tell(f"gapcli: note: {item.source}: {note}")
        if item.card is not None and item.replaces_bundled and item.source in writing:
            tell(f"gapcli: note: {item.source}: replaces the bundled {item.card.state} {item.card.year} card")
    if not dry_run and not problems:
        importing.write(planned, root, force, skip_existing)
    rows = [importing.outcome(item, dry_run, force, skip_existing, cards.framework, bool(problems)) for item in planned]
    records = [
        importing.import_record(item, row, cards.framework(item.card.year))
        for item, row in zip(planned, rows, strict=True)
        if item.card is not None and not item.problem
    ]
    refused = None
    if problems:
        verb = "would be" if dry_run else "was"
        refused = RefusedWrite(f"{len(problems)} problem(s), first: {problems[0]}; nothing {verb} written")
    return Answer(records, later("imports:import_view", rows, records, dry_run), error=refused)


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
