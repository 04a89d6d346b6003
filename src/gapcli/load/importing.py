"""Card texts → planned writes → files, all or nothing.

Every text is read and parsed, and every target checked, before anything is written;
a dry run is the same plan without the last step, so it finds every problem the real
import would. A citation records the file's name, its SHA-256 and, if given, its URL.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from gapcli.errors import DataError, GapcliError, ParseError, RefusedWrite, UsageError
from gapcli.load.cardtext import parse_card_text
from gapcli.load.files import read_bounded
from gapcli.load.save import card_to_toml, make_folder, uninterrupted, write_atomic
from gapcli.model import Card, Citation, Framework
from gapcli.states import by_code

MAX_INPUT_BYTES = 1 << 20  # a card text is a few KiB; a card PDF a few hundred
STDIN = "-"


class Planned(NamedTuple):
    source: str  # the file as given
    card: Card | None  # None where the file cannot be imported
    target: Path | None
    exists: bool  # a user file is there (written only with --force)
    replaces_bundled: bool
    problem: str | None  # why the file cannot be imported


CARD_SUFFIXES = (".pdf", ".txt")


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
    if name == STDIN:
        try:
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        except OSError as error:  # closed (``<&-``), or a terminal that went away
            raise ParseError(name, f"cannot read: {error.strerror or error}") from None
        if len(raw) > MAX_INPUT_BYTES:
            raise ParseError(name, f"more than {MAX_INPUT_BYTES:,} bytes; a card text is a few KiB")
        return raw
    if not name:
        raise UsageError("an empty file name was given")
    return read_bounded(Path(name), MAX_INPUT_BYTES, "card text")


def decode_text(raw: bytes, name: str) -> str:
    if b"\x00" in raw:
        raise ParseError(
            name, "binary data (NUL bytes), not card text; give a .pdf file or extract the text first, e.g. pdftotext"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ParseError(name, "not UTF-8 text; convert it first, e.g. iconv -t UTF-8", line) from None


def card_text(raw: bytes, name: str) -> str:
    """The text of a card file: extracted from a PDF, or the file itself as UTF-8."""
    if raw.startswith(b"%PDF-"):
        from gapcli.load.pdftext import pdf_text

        return pdf_text(raw, name)
    return decode_text(raw, name)


def plan(
    names: list[str],
    framework_for: Callable[[int], Framework],
    root: Path,
    bundled: Callable[[Card], bool],
    year: int | None = None,
    state: str | None = None,
    source_url: str | None = None,
    progress: Callable[[str], None] = lambda _name: None,
) -> list[Planned]:
    """Read and parse every file and decide every write; every problem is found, none is fatal here."""
    if names.count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    planned: list[Planned] = []
    for name in names:
        progress(name)
        try:
            raw = read_input(name)
            card = parse_card_text(card_text(raw, name), framework_for, name, year=year, state=state)
        except GapcliError as error:
            planned.append(Planned(name, None, None, False, False, str(error)))
            continue
        note = f"imported from {_file_name(name)}, sha256 {hashlib.sha256(raw).hexdigest()}"
        card = replace(card, citations=(Citation(("card",), source_url or _file_name(name), note),))
        target = root / "cards" / str(card.year) / f"{by_code(card.code).slug}.toml"
        planned.append(Planned(name, card, target, target.exists() or target.is_symlink(), bundled(card), None))
    return _duplicates(planned)


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


def problems(planned: list[Planned], force: bool) -> list[str]:
    """Everything that stops the import: files that cannot be read or parsed, duplicates, and
    (without --force) cards that exist already."""
    exists = (
        [] if force else [f"{p.target} exists; use --force to overwrite" for p in planned if p.exists and not p.problem]
    )
    return [p.problem for p in planned if p.problem] + exists


def write(planned: list[Planned], force: bool) -> None:
    """Write every card or none: a refusal is checked before the first write, and a failure
    part-way removes the cards this import wrote (a file it replaced with --force stays replaced)."""
    found = problems(planned, force)
    if found:
        raise RefusedWrite(f"{'; '.join(found)} (nothing was written)")
    with uninterrupted():  # a Ctrl-C waits until every card is written or none is
        _write_all(planned, force)


def _write_all(planned: list[Planned], force: bool) -> None:
    written: list[Path] = []
    try:
        for item in planned:
            assert item.card is not None and item.target is not None
            make_folder(item.target.parent)
            write_atomic(item.target, card_to_toml(item.card), force=force)
            if not item.exists:
                written.append(item.target)
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise
