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

from gapcli.errors import ParseError, RefusedWrite, UsageError
from gapcli.load.cardtext import parse_card_text
from gapcli.load.files import read_bounded
from gapcli.load.save import card_to_toml, make_folder, uninterrupted, write_atomic
from gapcli.model import Card, Citation, Framework
from gapcli.states import by_code

MAX_INPUT_BYTES = 1 << 20  # a card text is a few KiB; a card PDF a few hundred
STDIN = "-"


class Planned(NamedTuple):
    source: str  # the file as given
    card: Card
    target: Path
    exists: bool  # a user file is there (written only with --force)
    replaces_bundled: bool


def read_input(name: str) -> bytes:
    if name == STDIN:
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
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
) -> list[Planned]:
    """Parse every file and decide every write; duplicates and stdin twice are refused here."""
    if names.count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    planned: list[Planned] = []
    seen: dict[Path, str] = {}
    for name in names:
        raw = read_input(name)
        card = parse_card_text(card_text(raw, name), framework_for, name, year=year, state=state)
        citation = Citation(
            ("card",),
            source_url or _file_name(name),
            f"imported from {_file_name(name)}, sha256 {hashlib.sha256(raw).hexdigest()}",
        )
        card = replace(card, citations=(citation,))
        target = root / "cards" / str(card.year) / f"{by_code(card.code).slug}.toml"
        if target in seen:
            raise UsageError(
                f"{seen[target]} and {name} are both cards for {card.state} {card.year}; import one of them"
            )
        seen[target] = name
        planned.append(Planned(name, card, target, target.exists() or target.is_symlink(), bundled(card)))
    return planned


def _file_name(name: str) -> str:
    return "standard input" if name == STDIN else Path(name).name


def refusals(planned: list[Planned], force: bool) -> list[str]:
    return [] if force else [f"{p.target} exists" for p in planned if p.exists]


def write(planned: list[Planned], force: bool) -> None:
    """Write every card or none: a refusal is checked before the first write, and a failure
    part-way removes the cards this import wrote (a file it replaced with --force stays replaced)."""
    refused = refusals(planned, force)
    if refused:
        raise RefusedWrite(f"{'; '.join(refused)}; use --force to overwrite (nothing was written)")
    with uninterrupted():  # a Ctrl-C waits until every card is written or none is
        _write_all(planned, force)


def _write_all(planned: list[Planned], force: bool) -> None:
    written: list[Path] = []
    try:
        for item in planned:
            make_folder(item.target.parent)
            write_atomic(item.target, card_to_toml(item.card), force=force)
            if not item.exists:
                written.append(item.target)
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise
