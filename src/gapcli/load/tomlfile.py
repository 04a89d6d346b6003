"""Read a TOML file into a dict, turning every failure into one DataError with a line."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from gapcli.errors import DataError
from gapcli.load.files import read_bounded

MAX_FILE_BYTES = 1 << 20  # a card is a few KiB; anything this big is not a card


def read_toml(path: Path) -> dict[str, Any]:
    return parse_toml(read_bounded(path, MAX_FILE_BYTES, "TOML data file"), str(path))


def parse_toml(raw: bytes, name: str) -> dict[str, Any]:
    if not raw.strip():
        raise DataError(name, "file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(name, "not UTF-8 text", raw[: error.start].count(b"\n") + 1) from None
    if sys.version_info >= (3, 11):  # imported here: with a warm parse cache TOML is never parsed
        import tomllib
    else:  # pragma: no cover - Python 3.10 only
        import tomli as tomllib
    try:
        parsed: dict[str, Any] = tomllib.loads(text)
        return parsed
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"line (\d+)", message)
        line: int | None = (
            int(found.group(1)) if found else text.count("\n") + 1 if "end of document" in message else None
        )
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise DataError(name, f"malformed TOML: {message}", line) from None
