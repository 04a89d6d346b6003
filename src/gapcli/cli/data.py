"""``import`` card texts, and ``data path|validate|export`` for the data itself."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from gapcli.cli.common import Commands, ForceFlag, Format, FormatOption, JsonFlag, YearOption, catalog, emit, view_of
from gapcli.errors import GapcliError, ParseError, RefusedWrite, UsageError

MAX_INPUT_BYTES = 1 << 20  # a card text is a few KiB

COMMANDS = Commands()
data_app = typer.Typer(help="Where gapcli's data lives; check it; export it.", no_args_is_help=True, add_completion=False)
COMMANDS["data"] = data_app


def _read_text(name: str) -> str:
    """Card text from a file or stdin, bounded in size and required to be UTF-8 text."""
    stream = sys.stdin.buffer if name == "-" else None
    try:
        if stream is None:
            path = Path(name)
            if path.is_dir():
                raise ParseError(name, "is a directory, not a card text")
            stream = path.open("rb")
        with stream:
            raw = stream.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        raise ParseError(name, f"cannot read: {error.strerror or error}") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise ParseError(name, f"more than {MAX_INPUT_BYTES:,} bytes; a card text is a few KiB")
    if b"\x00" in raw:
        raise ParseError(name, "binary data (NUL bytes), not card text; extract the text first, e.g. pdftotext")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ParseError(name, "not UTF-8 text; convert it first, e.g. iconv -t UTF-8", line) from None


@COMMANDS.command(name="import")
def import_(
    files: Annotated[list[str], typer.Argument(help="Card text files; - reads stdin.")],
    year: YearOption = None,
    state: Annotated[Optional[str], typer.Option("--state", "-s", help="The state, where the text does not name it.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Parse and print the card; write nothing.")] = False,
    force: ForceFlag = False,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write under DIR/cards/YEAR/ instead of the user data directory.", file_okay=False)] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Turn report-card text (copied or extracted from the PDF) into gapcli data."""
    from gapcli.load.cardtext import parse_card_text
    from gapcli.load.catalog import user_data_dir
    from gapcli.load.save import card_to_toml, write_atomic
    from gapcli.query.cards import card_record
    from gapcli.states import by_code

    cards = catalog()
    parsed = []
    for name in files:  # parse every file before writing any, so one bad file writes nothing
        card = parse_card_text(_read_text(name), cards.framework, name, year=year, state=state)
        parsed.append(card)
    records = [card_record(card, cards.framework(card.year)) for card in parsed]
    if dry_run:
        emit(records[0] if len(records) == 1 else records, view_of("cards_view", records), fmt, as_json)
        return
    root = out if out is not None else user_data_dir()
    targets = [root / "cards" / str(card.year) / f"{by_code(card.code).slug}.toml" for card in parsed]
    if len(set(targets)) < len(targets):
        raise UsageError("two of the files are cards for the same state and year; import them one at a time")
    existing = [str(t) for t in targets if t.exists() and not force]
    if existing:  # checked for all before writing any, so a refusal leaves nothing half-done
        raise RefusedWrite(f"{', '.join(existing)} exist{'s' if len(existing) == 1 else ''}; use --force to overwrite")
    for card, target in zip(parsed, targets):
        write_atomic(target, card_to_toml(card), force=force)
        print(f"imported {card.state} {card.year} → {target}", file=sys.stderr)


@data_app.command()
def path(as_json: JsonFlag = False) -> None:
    """Where bundled data, user data and the parse cache live."""
    from gapcli.load.catalog import bundled_data_dir, user_cache_dir, user_data_dir

    places = {"bundled": str(bundled_data_dir()), "user": str(user_data_dir()), "cache": str(user_cache_dir())}
    if as_json:
        emit(places, None, Format.json, True)
    else:
        sys.stdout.write("".join(f"{key}\t{value}\n" for key, value in places.items()))


@data_app.command()
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Card or framework files, or folders (default: the user data directory).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Check data files; list every problem and exit 1 if there is any."""
    from gapcli.load.catalog import user_data_dir

    cards = catalog()
    files: list[Path] = []
    for given in paths or [user_data_dir()]:
        if given.is_dir():
            files += sorted(p for p in given.rglob("*.toml"))
        else:
            files.append(given)
    problems = []
    for file in files:
        try:
            cards.check_file(file)
        except GapcliError as error:
            problems.append(str(error))
    if as_json:
        emit({"checked": len(files), "problems": problems}, None, Format.json, True)
    else:
        for problem in problems:
            print(problem)
        print(f"{len(files)} file(s) checked, {len(problems)} problem(s)", file=sys.stderr)
    if problems:
        raise typer.Exit(1)


@data_app.command()
def export(
    year: YearOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json or csv.", case_sensitive=False)] = Format.json,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write to FILE instead of stdout.", dir_okay=False)] = None,
    force: ForceFlag = False,
) -> None:
    """Every card (or one edition's) in one document, for spreadsheets and scripts."""
    from gapcli import render
    from gapcli.load.save import write_atomic
    from gapcli.query.cards import card_record
    from gapcli.render.views import cards_view

    if fmt not in (Format.json, Format.csv, Format.tsv):
        raise UsageError("data export writes --format json, csv or tsv")
    cards = catalog()
    chosen = cards.cards_for_year(year) if year is not None else cards.all_cards()
    records = [card_record(c, cards.framework(c.year)) for c in chosen]
    text = render.format(cards_view(records), fmt.value)
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, text, force=force)
        print(f"wrote {out}", file=sys.stderr)
