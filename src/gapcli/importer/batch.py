"""Card texts → planned writes → files, all or nothing.

Every text is read and parsed, and every target checked, before anything is written;
a dry run is the same plan without the last step, so it finds every problem the real
import would. A citation records the file's name, its SHA-256 and, if given, its URL.
The write itself is ``journal.commit``: every card or none, whatever ends the process.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from gapcli.catalog.bounded import read_bounded
from gapcli.errors import DataError, GapcliError, ParseError, RefusedWrite, UsageError
from gapcli.importer.cardtext import parse_card_text
from gapcli.importer.goalphrases import KnownPhrases, known_phrases
from gapcli.importer.tomlwrite import card_to_toml
from gapcli.model import Card, Citation, Framework
from gapcli.states import by_code, fips

if TYPE_CHECKING:
    from gapcli.catalog.catalog import Catalog
    from gapcli.records import ImportRecord
    from gapcli.rows import ImportRow

MAX_TEXT_BYTES = 1 << 20  # a card text is a few KiB
MAX_PDF_BYTES = 64 << 20  # a card PDF is a few hundred KiB, more with photos; its text is bounded apart
STDIN = "-"
CARD_SUFFIXES = (".pdf", ".txt")


class NewPhrase(NamedTuple):
    issue: int
    phrase: str
    met: bool


class Planned(NamedTuple):
    source: str  # the file as given
    card: Card | None  # None where the file cannot be imported
    target: Path | None
    exists: bool  # a user file is there (written only with --force)
    replaces_bundled: bool
    problem: str | None  # why the file cannot be imported
    new_phrases: tuple[NewPhrase, ...] = ()  # goal phrases gapcli has not seen before: to check
    notes: tuple[str, ...] = ()  # what the PDF reader said on the way


def known_from(catalog: Catalog) -> Callable[[Framework], KnownPhrases]:
    """The goal phrases an import may name goals by: the framework's, and every phrase of every card
    (bundled or the user's) of an edition with the same framework. Gathered once per framework."""
    gathered: dict[str, KnownPhrases] = {}

    def known(framework: Framework) -> KnownPhrases:
        key = framework.id or str(framework.year)
        if key not in gathered:
            gathered[key] = known_phrases(framework, printed=catalog.printed_phrases(framework))
        return gathered[key]

    return known


def expand(names: list[str]) -> list[str]:
    """Files as given; a folder stands for its .pdf and .txt files, in name order."""
    if "" in names:
        raise UsageError("an empty file name was given")
    out: list[str] = []
    for name in names:
        path = Path(name)
        if name != STDIN and path.is_dir():
            found = sorted(str(p) for p in path.iterdir() if p.suffix.lower() in CARD_SUFFIXES and p.is_file())
            if not found:
                raise DataError(name, f"no {' or '.join(CARD_SUFFIXES)} files in this folder")
            out += found
        else:
            out.append(name)
    return out


def read_input(name: str) -> bytes:
    """The file's bytes: a PDF up to MAX_PDF_BYTES (its text is bounded when extracted), text up to MAX_TEXT_BYTES."""
    if name == STDIN:
        try:
            raw = sys.stdin.buffer.read(MAX_PDF_BYTES + 1)
        except OSError as error:  # closed (``<&-``), or a terminal that went away
            raise ParseError(name, f"cannot read: {error.strerror or error}") from None
        if len(raw) > MAX_PDF_BYTES:
            raise ParseError(name, f"more than {MAX_PDF_BYTES:,} bytes; a card PDF or text is far smaller")
    elif not name:
        raise UsageError("an empty file name was given")
    else:
        raw = read_bounded(Path(name), MAX_PDF_BYTES, "card PDF or text")
    if not raw.startswith(b"%PDF-") and len(raw) > MAX_TEXT_BYTES:
        raise ParseError(name, f"more than {MAX_TEXT_BYTES:,} bytes of text ({len(raw):,}); a card text is a few KiB")
    return raw


def decode_text(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise ParseError(name, "UTF-16 text; convert it to UTF-8 first, e.g. iconv -f UTF-16 -t UTF-8")
    if b"\x00" in raw:
        raise ParseError(
            name, "binary data (NUL bytes), not card text; give a .pdf file or extract the text first, e.g. pdftotext"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ParseError(name, "not UTF-8 text; convert it first, e.g. iconv -t UTF-8", line) from None


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: of ASCII text, every other byte is NUL."""
    sample = raw[:4096]
    return len(sample) >= 8 and (
        sample[1::2].count(0) > 0.9 * (len(sample) // 2) or sample[0::2].count(0) > 0.9 * (len(sample) // 2)
    )


def card_text(raw: bytes, name: str) -> tuple[str, list[str]]:
    """The text of a card file (extracted from a PDF, or the file itself as UTF-8), and what the PDF reader noted."""
    if raw.startswith(b"%PDF-"):
        from gapcli.importer.pdftext import pdf_text

        return pdf_text(raw, name)
    return decode_text(raw, name), []


def plan(
    names: list[str],
    framework_for: Callable[[int], Framework],
    root: Path,
    bundled: Callable[[Card], bool],
    year: int | None = None,
    state: str | None = None,
    source_url: str | None = None,
    progress: Callable[[str], None] = lambda _name: None,
    known_for: Callable[[Framework], KnownPhrases] = known_phrases,
) -> list[Planned]:
    """Read and parse every file and decide every write; every problem is found, none is fatal here."""
    if names.count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    planned: list[Planned] = []
    for name in names:
        progress(name)
        notes: list[str] = []
        try:
            raw = read_input(name)
            text, notes = card_text(raw, name)
            card = parse_card_text(text, framework_for, name, year=year, state=state, known_for=known_for)
        except GapcliError as error:
            planned.append(Planned(name, None, None, False, False, str(error), notes=tuple(notes)))
            continue
        note = f"imported from {_file_name(name)}, sha256 {hashlib.sha256(raw).hexdigest()}"
        card = replace(card, citations=(Citation(("card",), source_url or _file_name(name), note),))
        target = root / "cards" / str(card.year) / f"{by_code(card.code).slug}.toml"
        exists = target.exists() or target.is_symlink()
        new = _new_phrases(card, known_for(framework_for(card.year)))
        planned.append(Planned(name, card, target, exists, bundled(card), None, new, tuple(notes)))
    return _duplicates(planned)


def _new_phrases(card: Card, known: KnownPhrases) -> tuple[NewPhrase, ...]:
    return tuple(
        NewPhrase(result.number, phrase, met)
        for result in card.issues
        for phrase, met in result.named_goals()
        if known.get(result.number, phrase) is None
    )


def _duplicates(planned: list[Planned]) -> list[Planned]:
    """Two files for one state and year: both are refused, each naming the other."""
    by_target: dict[Path, list[str]] = {}
    for item in planned:
        if item.target is not None:
            by_target.setdefault(item.target, []).append(item.source)
    out = []
    for item in planned:
        others = [s for s in by_target.get(item.target, []) if s != item.source] if item.target else []
        if others and item.card is not None:
            item = item._replace(
                problem=f"{item.source} and {others[0]} are both cards for {item.card.state} {item.card.year}"
            )
        out.append(item)
    return out


def _file_name(name: str) -> str:
    return "standard input" if name == STDIN else Path(name).name


def problems(planned: list[Planned], force: bool, skip_existing: bool = False) -> list[str]:
    """Everything that stops the import: files that cannot be read or parsed, duplicates, and
    (without --force or --skip-existing) cards that exist already."""
    exists = (
        []
        if force or skip_existing
        else [f"{p.target} exists; use --force to overwrite" for p in planned if p.exists and not p.problem]
    )
    return [p.problem for p in planned if p.problem] + exists


def to_write(planned: list[Planned], skip_existing: bool = False) -> list[Planned]:
    """The cards the import writes: all of them, or with --skip-existing those not there yet."""
    return [p for p in planned if p.card is not None and not p.problem and not (skip_existing and p.exists)]


def write(planned: list[Planned], root: Path, force: bool, skip_existing: bool = False) -> None:
    """Write every card or none (``journal.commit``); a refusal is checked before anything is written."""
    from gapcli.files.journal import commit

    found = problems(planned, force, skip_existing)
    if found:
        raise RefusedWrite(f"{'; '.join(found)} (nothing was written)")
    files = [(p.target, card_to_toml(p.card)) for p in to_write(planned, skip_existing) if p.target and p.card]
    if files:
        commit(root, files, replace=force)


def import_record(item: Planned, row: ImportRow, framework: Framework) -> ImportRecord:
    """The card's record, with the file it came from, what became of it and its new phrases."""
    from gapcli.query.cards import card_record

    assert item.card is not None
    record: Any = card_record(item.card, framework)
    record.update(
        file=item.source,
        result=row["result"],
        new_phrases=[{"issue": n.issue, "phrase": n.phrase, "met": n.met} for n in item.new_phrases],
    )
    return record  # type: ignore[no-any-return]  # a CardRecord with the three fields added


def outcome(
    item: Planned,
    dry_run: bool,
    force: bool,
    skip_existing: bool,
    framework_for: Callable[[int], Framework],
    refused: bool,
) -> ImportRow:
    """A line of the import's summary: what the file holds and what becomes of it (refused, written, skipped)."""
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
        "fips": fips(card.code) if card else None,
    }
