"""Read a TOML file into a dict, turning every failure into one DataError with a line."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from gapcli.errors import DataError

MAX_FILE_BYTES = 1 << 20  # a card is a few KiB; anything this big is not a card


def read_toml(path: Path) -> dict:
    try:
        if path.is_dir():
            raise DataError(str(path), "is a directory, not a TOML file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError(str(path), f"file is {size:,} bytes; data files are limited to {MAX_FILE_BYTES:,}")
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(str(path), f"cannot read: {error.strerror or error}") from None
    return parse_toml(raw, str(path))


def parse_toml(raw: bytes, name: str) -> dict:
    if not raw.strip():
        raise DataError(name, "file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(name, "not UTF-8 text", line) from None
    if sys.version_info >= (3, 11):  # imported here: with a warm parse cache TOML is never parsed
        import tomllib
    else:  # pragma: no cover - Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"line (\d+)", message)
        line = int(found.group(1)) if found else text.count("\n") + 1 if "end of document" in message else None
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise DataError(name, f"malformed TOML: {message}", line) from None
