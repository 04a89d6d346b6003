"""A parse cache: TOML is parsed once per file version; later runs read one row per file.

One SQLite file (standard library) holds a row per data file, keyed by its path and
stamped with (mtime_ns, size, inode, ctime_ns): ``show ct`` looks up Connecticut's rows
only, whatever else is cached. An edited, replaced or new file is parsed again; a deleted
file is never looked up. The ctime catches a same-size rewrite that keeps the mtime
(``cp -p``, ``rsync -t``): no program can set it. What a stamp cannot catch is a rewrite
within the file system's timestamp granularity of the read, so a row of a file changed
less than ``RACY_NS`` before it was read also keeps a digest of the bytes parsed, checked
when the row is used (git's "racily clean" entries); once the file is older, the row is
stored again without it. Reading every file to hash it instead would cost a read per file
on every run (README, Performance).

A row holds what gapcli keeps of a file, once: its parsed TOML and, for a card that ``data
export`` has built, the finished record, compressed together (the record first) with LZ4,
which inflates a row in a fifth of zlib's time (zlib where the lz4 package is missing: a row
written with a codec this run lacks is a miss). With 32 KiB pages the cache of a card takes
about 1.4 x its file. Beside them, plain columns: the framework file and stamp the card was checked against
(``checked``), its grade, and the record's format version; ``states`` reads these through a
covering index without touching the stream, and a record is served only while its card and
framework are unchanged.

The cache is an optimisation only: a cache file that is not a regular file, is not a
database, or has another layout is discarded and rebuilt; a row that does not inflate and
decode to what it should, or is out of proportion to its file (the cache is a file anyone
could edit: more than ``ROW_LIMIT`` or ``RECORD_LIMIT`` allows — it is never inflated
further —, nested past the JSON decoder's depth, over ``tomlfile``'s limit of issue entries),
is ignored. A cache that cannot be written costs speed, nothing else: nothing more is held
for it. It holds what the user's files hold, so its folder is made 0700 and the file 0600
(tightened where found looser). Rows are written in transactions of ``FLUSH_EVERY``; a bulk
write drops the covering index and builds it once at the end (a run killed before that leaves
the cache correct, only without the index until the next write).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gapcli.catalog.tomlfile import check_issues, parse_toml, read_raw
from gapcli.errors import DataError

if TYPE_CHECKING:
    import sqlite3

LAYOUT = 5  # PRAGMA user_version of the cache's layout; anything else is rebuilt
FILE_NAME = "parsed.sqlite3"
FLUSH_EVERY = 2000  # rows per transaction
PAGE_SIZE = 32768  # a row is ~3.5 KB: in 4 KiB pages most of each page would be wasted
LZ4, ZLIB = b"\x01", b"\x02"  # a stream's first byte: its codec
RACY_NS = 2_000_000_000  # coarser than any file system's timestamps (FAT: 2 s)
ROW_LIMIT = (16, 65_536)  # parsed TOML as JSON: at most 16 x its file's size + 64 KiB, or it did not come from it
RECORD_LIMIT = (64, 1 << 20)  # a finished record: at most 64 x its card file's size + 1 MiB
Stamp = tuple[int, int, int, int]
_SUMMARY = "mtime_ns, size, inode, ctime_ns, digest, checked, grade"
_COLUMNS = f"{_SUMMARY}, version, record_len, length, blob"
_SCHEMA = f"""
DROP TABLE IF EXISTS entries;
DROP TABLE IF EXISTS files;
DROP TABLE IF EXISTS derived;
CREATE TABLE derived (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE files (
    path TEXT NOT NULL UNIQUE, mtime_ns INTEGER, size INTEGER, inode INTEGER, ctime_ns INTEGER, digest TEXT,
    checked TEXT, grade TEXT, version TEXT, record_len INTEGER NOT NULL, length INTEGER NOT NULL, blob BLOB NOT NULL
);
PRAGMA user_version = {LAYOUT};
"""
_INDEX = f"CREATE INDEX IF NOT EXISTS files_summary ON files(path, {_SUMMARY})"


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


def path_stamp(path: Path) -> Stamp:
    found = path.stat()
    return (found.st_mtime_ns, found.st_size, found.st_ino, found.st_ctime_ns)


def _racy(stamp: Stamp) -> bool:
    return time.time_ns() - max(stamp[0], stamp[3]) < RACY_NS


def _digest(raw: bytes) -> str:
    import hashlib  # only for racy files: most runs never hash

    return hashlib.blake2b(raw, digest_size=16).hexdigest()


class ParseCache:
    def __init__(self, cache_dir: Path | None):
        self.file = cache_dir / FILE_NAME if cache_dir is not None else None
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._unwritable = self.file is None  # then nothing is held for it: memory stays flat
        self._bulk = False  # the covering index was dropped for a bulk write: build it on closing
        self._pending: dict[str, Row] = {}
        self._folder_rows: dict[str, Row] = {}  # a whole folder's rows, read in one query
        self._last: tuple[str, Row, str] | None = None  # the file read last: path, row, its parsed TOML as JSON

    def read(self, path: Path, fresh: bool = False) -> dict[str, Any]:
        """The parsed TOML of ``path``, from the cache when the file is unchanged (``fresh``: never)."""
        key, stamp = str(path), path_stamp(path)
        if not fresh:
            row = self._lookup(key, stamp)
            found = _decoded(row, key) if row is not None else None
            if row is not None and found is not None:
                self._last = (key, row, found[1])
                return found[0]
        raw = read_raw(path)
        data = parse_toml(raw, key)
        self._last = None
        digest = _digest(raw) if _racy(stamp) else None
        with contextlib.suppress(TypeError, ValueError):  # TOML dates, non-finite numbers: parsed each time
            import json  # here and below: a run that reads only bundled files never imports it

            text = json.dumps(data, allow_nan=False, separators=(",", ":"))
            row = Row(stamp, digest, texts=("", text))
            self._last = (key, row, text)
            self._keep(key, row)
        return data

    def checked(self, path: Path, framework: str | None, grade: str | None) -> None:
        """The card just read passed its checks against ``framework`` (its file and stamp), with this grade."""
        last = self._last
        if last is None or last[0] != str(path) or framework is None:
            return
        key, row, text = last
        if (row.checked, row.grade) == (framework, grade):
            return
        row = Row(row.stamp, row.digest, framework, grade, texts=("", text))  # a record of another framework: gone
        self._last = (key, row, text)
        self._keep(key, row)

    def record(self, path: Path | str, stamp: Stamp, framework: str | None, version: str) -> str | None:
        """The finished record of an unchanged card file, made against the same framework file and
        ``version`` of the builder; None: build it afresh."""
        key = str(path)
        row = self._folder_rows.pop(key, None)
        if row is None or framework is None or (row.checked, row.version) != (framework, version):
            if row is not None:
                self._folder_rows[key] = row  # for the read that follows
            return None
        if not row.record_len or not self._current(key, row, stamp):
            self._folder_rows[key] = row
            return None
        size, record_len = row.stamp[1], row.record_len
        if not isinstance(record_len, int) or record_len > RECORD_LIMIT[0] * size + RECORD_LIMIT[1]:
            return None
        found = _inflated(row, record_len + ROW_LIMIT[0] * size + ROW_LIMIT[1])
        try:
            text = found[:record_len].decode() if found is not None else None
        except UnicodeDecodeError:
            return None
        return text if text is not None and text.startswith("{") and text.endswith("}") else None

    def keep_record(self, path: Path, framework: str | None, version: str, text: str) -> None:
        """Keep a finished record with the card just read and checked against ``framework``."""
        last = self._last
        if last is None or last[0] != str(path) or framework is None or last[1].checked != framework:
            return
        key, row, data = last
        self._keep(key, Row(row.stamp, row.digest, framework, row.grade, version, texts=(text, data)))
        self._last = None

    def summaries(self, folder: Path) -> dict[str, tuple[Stamp, str | None, str | None]]:
        """(stamp, checked, grade) of every card row of one folder not racy, by path, from the covering index."""
        db = self._connect()
        if db is None:
            return {}
        prefix = str(folder) + os.sep
        try:
            rows = db.execute(
                f"SELECT path, {_SUMMARY} FROM files WHERE path >= ? AND path < ? AND checked IS NOT NULL",
                (prefix, prefix + "\U0010ffff"),
            ).fetchall()
        except Exception:  # noqa: BLE001 - sqlite3.Error, imported lazily: a broken cache is no cache
            return {}
        return {
            path: ((mtime, size, inode, ctime), checked, grade)
            for path, mtime, size, inode, ctime, digest, checked, grade in rows
            if digest is None and os.sep not in path[len(prefix) :]
        }

    def derived(self, key: str, fingerprint: str) -> Any:
        """What was worked out from many files (``key``), if the files are as they were (``fingerprint``)."""
        db = self._connect()
        if db is None:
            return None
        import json

        try:
            found = db.execute("SELECT fingerprint, data FROM derived WHERE key = ?", (key,)).fetchone()
            return json.loads(found[1]) if found is not None and found[0] == fingerprint else None
        except Exception:  # noqa: BLE001 - sqlite3.Error, or a row that is not JSON: work it out again
            return None

    def keep_derived(self, key: str, fingerprint: str, data: Any) -> None:
        db = None if self._unwritable else self._connect(create=True)
        if db is None:
            return
        import json

        try:
            db.execute("INSERT OR REPLACE INTO derived VALUES (?, ?, ?)", (key, fingerprint, json.dumps(data)))
        except Exception:  # noqa: BLE001 - sqlite3.Error: read-only, locked
            return

    def _keep(self, key: str, row: Row) -> None:
        if not self._pending and not self._unwritable and self._connect(create=True) is None:
            self._unwritable = True  # no cache folder or file can be made: nothing is held for one
        if self._unwritable:
            return
        self._pending[key] = row
        if len(self._pending) >= FLUSH_EVERY:  # a whole export's rows are not held until exit
            self.save()

    def _lookup(self, key: str, stamp: Stamp) -> Row | None:
        row = self._folder_rows.pop(key, None)
        if row is None:
            db = self._connect()
            if db is None:
                return None
            try:
                found = db.execute(f"SELECT {_COLUMNS} FROM files WHERE path = ?", (key,)).fetchone()
            except Exception:  # noqa: BLE001 - sqlite3.Error
                return None
            row = None if found is None else _row(found)
        return row if row is not None and self._current(key, row, stamp) else None

    def _current(self, key: str, row: Row, stamp: Stamp) -> bool:
        """Whether ``row`` was stored for this very version of the file: its stamp, and for a
        racy file its digest. A digest that matches once the file is old is no longer needed."""
        if tuple(row.stamp) != stamp:
            return False
        if row.digest is None:
            return True
        try:
            if _digest(read_raw(Path(key))) != row.digest:
                return False
        except DataError:
            return False
        if not _racy(stamp):
            row.digest = None
            self._keep(key, row)
        return True

    def read_folder(self, folder: Path, present: set[str]) -> None:
        """One range query over a folder about to be read whole: its files' rows are kept for
        ``read``, and the rows of files that are gone are dropped."""
        db = self._connect()
        if db is None:
            return
        prefix = str(folder) + os.sep
        try:
            rows = db.execute(
                f"SELECT path, {_COLUMNS} FROM files WHERE path >= ? AND path < ?", (prefix, prefix + "\U0010ffff")
            )
            gone = []
            for path, *found in rows:
                if os.sep in path[len(prefix) :]:
                    continue
                if path in present:
                    self._folder_rows[path] = _row(found)
                else:
                    gone.append((path,))
            if gone and not self._unwritable:
                db.executemany("DELETE FROM files WHERE path = ?", gone)
        except Exception:  # noqa: BLE001 - sqlite3.Error
            return

    def release_folder_rows(self) -> None:
        """Forget prefetched rows not asked for (a file whose finished record was served)."""
        self._folder_rows.clear()

    def save(self) -> None:
        if not self._pending or self._unwritable:
            self._pending.clear()
            return
        db = self._connect(create=True)
        try:
            if db is None:
                raise OSError("no cache")
            db.execute("PRAGMA journal_mode = WAL")  # a cache: no fsync per write; a crash costs a rebuild
            db.execute("PRAGMA synchronous = NORMAL")
            rows = [(key, *row.values()) for key, row in self._pending.items()]
            db.execute("BEGIN IMMEDIATE")  # one transaction: all of these rows or none
            try:
                if len(rows) >= FLUSH_EVERY and not self._bulk:
                    db.execute("DROP INDEX IF EXISTS files_summary")  # built once, after the bulk write
                    self._bulk = True
                db.executemany(f"INSERT OR REPLACE INTO files (path, {_COLUMNS}) VALUES ({', '.join('?' * 12)})", rows)
                if not self._bulk:
                    db.execute(_INDEX)  # nothing to do, unless a bulk write was killed before it built it
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except Exception:  # noqa: BLE001 - sqlite3.Error: read-only or full disk, locked by another run
            self._unwritable = True  # and hold nothing more for it
        self._pending.clear()

    def close(self) -> None:
        if self._db is not None:
            if self._bulk:
                with contextlib.suppress(Exception):
                    self._db.execute(_INDEX)
            self._db.close()
            self._db = None

    def _connect(self, create: bool = False) -> sqlite3.Connection | None:
        """The open cache; a cache file that is not a regular SQLite file of this layout is replaced."""
        if self._db is not None or self.file is None or (self._opened and not create):
            return self._db
        self._opened = True
        try:
            found = os.lstat(self.file)
        except FileNotFoundError:
            found = None
        except OSError:
            return None
        if found is None and not create:
            return None
        if found is not None and not stat.S_ISREG(found.st_mode):
            if not create:
                return None
            self._discard()  # a FIFO or a link to a device would block or never end
            found = None
        db = self._open(private=found is not None and not found.st_mode & 0o077)
        if db is None and self._discard():
            db = self._open(private=False)
        self._db = db
        return db

    def _open(self, private: bool) -> sqlite3.Connection | None:
        """Connect; unless the file is there and ``private`` already, make it (and its folder) so first."""
        import sqlite3

        assert self.file is not None
        try:
            if not private:
                self._private()
            db = sqlite3.connect(self.file, timeout=0.2, isolation_level=None)
            layout = db.execute("PRAGMA user_version").fetchone()[0]
            if layout != LAYOUT:  # the page size takes effect with the VACUUM (not in WAL mode)
                db.executescript(
                    f"PRAGMA page_size = {PAGE_SIZE}; PRAGMA journal_mode = DELETE; {_SCHEMA} VACUUM; {_INDEX}"
                )
            elif not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'files_summary'").fetchone():
                with contextlib.suppress(sqlite3.Error):  # a bulk write was killed before it built it again
                    db.execute(_INDEX)
            return db
        except (sqlite3.Error, OSError):
            return None

    def _private(self) -> None:
        """The folder 0700 and the file 0600 before SQLite opens it (its -wal and -shm files take the
        file's mode); looser ones found are tightened."""
        assert self.file is not None
        folder = self.file.parent
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _tighten(folder, stat.S_ISDIR)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(self.file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
        for name in (self.file.name, f"{self.file.name}-wal", f"{self.file.name}-shm", f"{self.file.name}-journal"):
            _tighten(folder / name, stat.S_ISREG)

    def _discard(self) -> bool:
        assert self.file is not None
        try:
            self.file.unlink()
            return True
        except OSError:
            return False


def _tighten(path: Path, kind: Any) -> None:
    """No access for group and others to a file or folder of ours (``kind``: stat.S_ISDIR or S_ISREG)."""
    with contextlib.suppress(OSError):
        found = os.lstat(path)
        if kind(found.st_mode) and found.st_mode & 0o077 and found.st_uid == os.geteuid():
            os.chmod(path, stat.S_IMODE(found.st_mode) & ~0o077)


def _row(found: Any) -> Row:
    mtime_ns, size, inode, ctime_ns, digest, checked, grade, version, record_len, length, blob = found
    return Row((mtime_ns, size, inode, ctime_ns), digest, checked, grade, version, record_len, length, blob)


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


def _inflated(row: Row, limit: int) -> bytes | None:
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


def _decoded(row: Row, key: str) -> tuple[dict[str, Any], str] | None:
    """A row's parsed TOML and its JSON, if it is a table in proportion to its file."""
    size, record_len = row.stamp[1], row.record_len
    if not isinstance(size, int) or not isinstance(record_len, int):
        return None
    whole = _inflated(row, max(record_len, 0) + ROW_LIMIT[0] * size + ROW_LIMIT[1])
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
