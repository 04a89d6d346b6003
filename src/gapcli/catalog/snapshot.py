"""The bundled data, parsed when the wheel is built: a run that reads only bundled files parses none.

``hatch_build.py`` writes ``gapcli/data/bundled.marshal`` into the wheel: every bundled TOML
file parsed by ``tomlfile`` (limits and all), each as its own ``marshal`` record behind an
index of (offset, length, size of the file it came from). marshal is how Python ships its own
compiled modules, and this file ships beside them in the same package, so it is trusted as
they are; its format (version 4) is read by every Python 3 since 3.4. The index also holds each
card's code and grade, which is all ``states`` needs of most cards (``summary``): no card body is
unmarshalled for them. A run then needs neither
a TOML parser nor the parse cache (sqlite3, json, lz4) for bundled files; a file whose size is
not the one recorded, or that is missing from the index (a checkout, where no snapshot is
built; a file with TOML dates, which marshal cannot hold), is read as any other.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

FILE_NAME = "bundled.marshal"
VERSION = 4  # marshal's format version
Entry = tuple[int, int, int, Any, Any]  # offset, length, the file's size; a card's code and grade as parsed


def build(data_dir: Path) -> bytes:
    """The snapshot of a bundled data folder: its frameworks, cards and years without an edition."""
    from gapcli.catalog.tomlfile import parse_toml, read_raw

    paths = sorted(
        [*data_dir.glob("frameworks/*.toml"), *data_dir.glob("cards/*/*.toml"), data_dir / "no-edition.toml"]
    )
    index: dict[str, Entry] = {}
    blobs: list[bytes] = []
    offset = 0
    for path in paths:
        raw = read_raw(path)
        parsed = parse_toml(raw, str(path))
        try:
            blob = marshal.dumps(parsed, VERSION)
        except ValueError:  # a date or time: marshal holds no datetime, so the file is parsed at run time
            continue
        summary = (parsed.get("code"), parsed.get("grade")) if path.parent.parent.name == "cards" else (None, None)
        index[path.relative_to(data_dir).as_posix()] = (offset, len(blob), len(raw), *summary)
        blobs.append(blob)
        offset += len(blob)
    head = marshal.dumps(index, VERSION)
    return len(head).to_bytes(4, "little") + head + b"".join(blobs)


class Snapshot:
    """The parsed bundled files of one data folder, if its snapshot is there."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self._prefix = os.path.join(data_dir, "")  # keys are the text after it: no Path arithmetic per file
        self._index: dict[str, Entry] | None = None
        self._body = b""

    def get(self, path: Path) -> dict[str, Any] | None:
        """The parsed TOML of a bundled file, or None: read the file."""
        entry = self._entry(path)
        if entry is None:
            return None
        offset, length = entry[0], entry[1]
        try:
            found = marshal.loads(self._body[offset : offset + length])
        except (EOFError, ValueError, TypeError):
            return None
        return found if isinstance(found, dict) else None

    def summary(self, path: Path) -> tuple[Any, Any] | None:
        """A bundled card's code and grade as its file gives them (checked as the cards are: by the
        tests), or None: read the file."""
        entry = self._entry(path)
        return None if entry is None else (entry[3], entry[4])

    def _entry(self, path: Path) -> Entry | None:
        """The file's entry, where the snapshot has one and the file is the size it was."""
        if self._index is None:
            self._load()
        assert self._index is not None
        text = str(path)
        if not text.startswith(self._prefix):
            return None
        entry = self._index.get(text[len(self._prefix) :].replace(os.sep, "/"))
        try:
            return entry if entry is not None and os.stat(text).st_size == entry[2] else None
        except OSError:
            return None

    def _load(self) -> None:
        self._index = {}
        try:
            whole = (self.data_dir / FILE_NAME).read_bytes()
            size = int.from_bytes(whole[:4], "little")
            index = marshal.loads(whole[4 : 4 + size])
        except (OSError, EOFError, ValueError, TypeError):
            return
        if isinstance(index, dict) and all(isinstance(e, tuple) and len(e) == 5 for e in index.values()):
            self._index, self._body = index, whole[4 + size :]
