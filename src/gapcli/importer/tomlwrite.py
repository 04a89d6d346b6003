"""Model → TOML file, written atomically and never over a user's file without ``force``."""

from __future__ import annotations

import json
import os
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from gapcli.errors import DataError, RefusedWrite
from gapcli.model import Card


def _string(value: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes, except that TOML also forbids raw DEL
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _strings(values: tuple[str, ...]) -> str:
    if not values:
        return "[]"
    return "[\n" + "".join(f"    {_string(v)},\n" for v in values) + "]"


def card_to_toml(card: Card) -> str:
    out = [f"state = {_string(card.state)}", f"code = {_string(card.code)}", f"year = {card.year}"]
    for name in ("grade", "score", "tier", "published_rank"):
        value = getattr(card, name)
        if value is not None:
            out.append(f"{name} = {_string(value) if isinstance(value, str) else _number(value)}")
    if card.derived:
        out.append(f"derived = {_strings(card.derived)}")
    if card.links:
        out += ["", "[links]"] + [f"{key} = {_string(url)}" for key, url in card.links.items()]
    for result in card.issues:
        out += ["", "[[issues]]", f"number = {result.number}"]
        if result.grade is not None:
            out.append(f"grade = {_string(result.grade)}")
        if result.score is not None:
            out.append(f"score = {_number(result.score)}")
        if result.max_score is not None:
            out.append(f"max_score = {_number(result.max_score)}")
        if result.partial:
            out.append("partial = true")
        for name, phrases in (("accomplished", result.accomplished), ("gaps", result.gaps)):
            if phrases:  # a complete area's empty list is implied by the other (data/README.md)
                out.append(f"{name} = {_strings(phrases)}")
        if result.gaps_in_all_areas:
            out.append("gaps_in_all_areas = true")
    for extra in card.extra_credit:
        out += ["", "[[extra_credit]]"]
        if extra.category is not None:
            out.append(f"category = {_string(extra.category)}")
        out.append(f"points = {_number(extra.points)}")
        if extra.description is not None:
            out.append(f"description = {_string(extra.description)}")
    for citation in card.citations:
        out += ["", "[[sources]]", f"fields = {_strings(citation.fields)}", f"url = {_string(citation.url)}"]
        if citation.note:
            out.append(f"note = {_string(citation.note)}")
    return "\n".join(out) + "\n"


def file_mode() -> int:
    """The mode a new file gets: 0666 less the umask, as any program's files."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def make_folder(folder: Path) -> None:
    """Create a data folder; a file in its way or a read-only parent is one DataError naming the path."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DataError(str(folder), "cannot create the folder: a file is in the way") from None
    except OSError as error:
        raise DataError(str(folder), f"cannot create the folder: {error.strerror or error}") from None


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold a Ctrl-C until the block is done, then raise it: a write is never left half-way."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if held:
        raise KeyboardInterrupt


def write_atomic(path: Path, text: str | Iterable[str], force: bool = False) -> None:
    """Write via a temporary file and a rename, so a reader never sees half a file.

    The file gets the usual mode (0666 less the umask); any OS failure (read-only folder,
    full disk) is one DataError naming the path, and the temporary file is removed.
    A Ctrl-C waits for the write to finish or fail.
    """
    try:
        present = path.exists() or path.is_symlink()
    except OSError as error:  # a name longer than the system allows, a loop of links
        raise DataError(str(path), f"cannot write: {error.strerror or error}") from None
    if present and not force:
        raise RefusedWrite(f"{path} exists; use --force to overwrite it")
    with uninterrupted():
        temporary = None
        try:
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.writelines([text] if isinstance(text, str) else text)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, file_mode())
            if not force and (path.exists() or path.is_symlink()):
                raise RefusedWrite(f"{path} appeared while writing; use --force to overwrite it")
            os.replace(temporary, path)
            temporary = None
        except OSError as error:
            raise DataError(str(path), f"cannot write: {error.strerror or error}") from None
        finally:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
