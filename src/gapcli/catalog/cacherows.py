"""One parse-cache row, as ``cache`` keeps it: a file's stamp, a racy file's digest, and its stream.

A stream is the finished record (if ``data export`` built one) and the parsed TOML as JSON,
compressed together, the record first, with LZ4 (zlib where the lz4 package is missing; a
row written with a codec this run lacks is a miss). Nothing is inflated past what its file's
size allows (``ROW_LIMIT``, ``RECORD_LIMIT``): the cache is a file anyone could edit.
"""

from __future__ import annotations

import time
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from gapcli.catalog.tomlfile import check_issues
from gapcli.errors import DataError

LZ4, ZLIB = b"\x01", b"\x02"  # a stream's first byte: its codec
RACY_NS = 2_000_000_000  # coarser than any file system's timestamps (FAT: 2 s)
ROW_LIMIT = (16, 65_536)  # parsed TOML as JSON: at most 16 x its file's size + 64 KiB, or it did not come from it
RECORD_LIMIT = (64, 1 << 20)  # a finished record: at most 64 x its card file's size + 1 MiB
Stamp = tuple[int, int, int, int]
SUMMARY = "mtime_ns, size, inode, ctime_ns, digest, checked, grade"
COLUMNS = f"{SUMMARY}, version, record_len, length, blob"


class Row:
    """One file's row: its stamp, a racy file's digest, what the card was checked against, and
    the stream (``blob``, made on writing from ``texts`` where it was built in this run)."""

    __slots__ = ("blob", "checked", "digest", "grade", "length", "record_len", "stamp", "texts", "version")

    def __init__(self, stamp: Stamp, digest: str | None, checked: str | None = None, grade: str | None = None,
                 version: str | None = None, record_len: int = 0, length: int = 0, blob: bytes | None = None,
                 texts: tuple[str, str] | None = None):  # fmt: skip
        self.stamp, self.digest, self.checked, self.grade = stamp, digest, checked, grade
        self.version, self.record_len, self.length, self.blob, self.texts = version, record_len, length, blob, texts

    def values(self) -> tuple[Any, ...]:
        if self.blob is None:
            assert self.texts is not None
            record, data = (t.encode() for t in self.texts)
            self.record_len, self.length, self.blob = len(record), len(record) + len(data), _compress(record + data)
            self.texts = None
        return (*self.stamp, self.digest, self.checked, self.grade, self.version, self.record_len, self.length,
                self.blob)  # fmt: skip


def row_from(found: Any) -> Row:
    """A Row from the ``COLUMNS`` of a database row."""
    mtime_ns, size, inode, ctime_ns, digest, checked, grade, version, record_len, length, blob = found
    return Row((mtime_ns, size, inode, ctime_ns), digest, checked, grade, version, record_len, length, blob)


def path_stamp(path: Path) -> Stamp:
    found = path.stat()
    return (found.st_mtime_ns, found.st_size, found.st_ino, found.st_ctime_ns)


def racy(stamp: Stamp) -> bool:
    return time.time_ns() - max(stamp[0], stamp[3]) < RACY_NS


def digest(raw: bytes) -> str:
    import hashlib  # only for racy files: most runs never hash

    return hashlib.blake2b(raw, digest_size=16).hexdigest()


@cache
def _lz4() -> Any:
    """lz4.block, or None where the package is missing (imported when a row is first packed or unpacked)."""
    try:
        import lz4.block
    except ImportError:  # pragma: no cover - lz4 is a dependency; zlib is the fallback
        return None
    return lz4.block


def _compress(raw: bytes) -> bytes:
    lz4 = _lz4()
    return LZ4 + lz4.compress(raw, store_size=False) if lz4 is not None else ZLIB + zlib.compress(raw, 1)


def inflated(row: Row, limit: int) -> bytes | None:
    """A row's stream inflated, if it is ``row.length`` long, within ``limit`` (so never inflated
    past that: a zip bomb costs nothing) and in a codec this run has; else None."""
    blob, length = row.blob, row.length
    if not isinstance(blob, bytes) or not isinstance(length, int) or not 0 <= length <= limit:
        return None
    codec, packed, lz4 = blob[:1], blob[1:], _lz4()
    try:
        if codec == LZ4 and lz4 is not None:
            found = lz4.decompress(packed, uncompressed_size=length) if length else b""
        elif codec == ZLIB:
            found = zlib.decompressobj().decompress(packed, length) if length else b""
        else:
            return None
    except Exception:  # noqa: BLE001 - zlib.error, lz4's LZ4BlockError: a broken stream is no row
        return None
    return found if len(found) == length else None


def record_text(row: Row) -> str | None:
    """A row's finished record, if it has one in proportion to its file."""
    size, record_len = row.stamp[1], row.record_len
    if not isinstance(record_len, int) or record_len > RECORD_LIMIT[0] * size + RECORD_LIMIT[1]:
        return None
    found = inflated(row, record_len + ROW_LIMIT[0] * size + ROW_LIMIT[1])
    try:
        text = found[:record_len].decode() if found is not None else None
    except UnicodeDecodeError:
        return None
    return text if text is not None and text.startswith("{") and text.endswith("}") else None


def decoded(row: Row, key: str) -> tuple[dict[str, Any], str] | None:
    """A row's parsed TOML and its JSON, if it is a table in proportion to its file."""
    size, record_len = row.stamp[1], row.record_len
    if not isinstance(size, int) or not isinstance(record_len, int):
        return None
    whole = inflated(row, max(record_len, 0) + ROW_LIMIT[0] * size + ROW_LIMIT[1])
    if whole is None or not 0 <= record_len <= len(whole):
        return None
    import json

    try:
        text = whole[record_len:].decode()
        data = json.loads(text)
        check_issues(data, key)
    except (TypeError, ValueError, RecursionError, DataError):  # UnicodeDecodeError is a ValueError
        return None
    return (data, text) if isinstance(data, dict) else None
