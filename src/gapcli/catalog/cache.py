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

The cache is an optimisation only: a cache file that is not a regular file, is not a
database, or has another layout is discarded and rebuilt; a row that does not decode to a
table, or is out of proportion to its file (the cache is a file anyone could edit: a row
longer than ``ROW_LIMIT`` allows, nested past the JSON decoder's depth, over ``tomlfile``'s
limit of issue entries), is ignored: decoding it costs a small multiple of the file's size;
a cache that cannot be written costs speed, nothing else. It holds what the user's files
hold, so its folder is made 0700 and the file 0600 (tightened where found looser). Writes
are one transaction at exit, so no temporary files remain.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gapcli.catalog.tomlfile import check_issues, parse_toml, read_raw
from gapcli.errors import DataError

if TYPE_CHECKING:
    import sqlite3

LAYOUT = 3  # PRAGMA user_version of the cache's layout; anything else is rebuilt
FILE_NAME = "parsed.sqlite3"
FLUSH_EVERY = 1000
RACY_NS = 2_000_000_000  # coarser than any file system's timestamps (FAT: 2 s)
ROW_LIMIT = (16, 65_536)  # a row's JSON is at most 16 x its file's size + 64 KiB: more did not come from it
Stamp = tuple[int, int, int, int]
Row = tuple[Stamp, "str | None", str]  # stamp, digest of a racy file's bytes, JSON
RECORD = "\0record"  # a finished record's row: the file's path and this; sorts right after the file's own row
_COLUMNS = "mtime_ns, size, inode, ctime_ns, digest, data"


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
        self._pending: dict[str, Row] = {}
        self._folder_rows: dict[str, Row] = {}  # a whole folder's rows, read in one query
        self._digests: dict[str, str | None] = {}  # of each racy file read in this run (None: not racy)

    def read(self, path: Path, fresh: bool = False) -> dict[str, Any]:
        """The parsed TOML of ``path``, from the cache when the file is unchanged (``fresh``: never)."""
        key, stamp = str(path), path_stamp(path)
        if not fresh:
            cached = self._lookup(key, stamp)
            if cached is not None:
                return cached
        raw = read_raw(path)
        data = parse_toml(raw, key)
        digest = self._digests[key] = _digest(raw) if _racy(stamp) else None
        with contextlib.suppress(TypeError, ValueError):  # TOML dates, non-finite numbers: parsed each time
            self._keep(key, (stamp, digest, json.dumps(data, allow_nan=False)))
        return data

    def _keep(self, key: str, row: Row) -> None:
        self._pending[key] = row
        if len(self._pending) >= FLUSH_EVERY:  # a whole export's rows are not held until exit
            self.save()

    def _lookup(self, key: str, stamp: Stamp) -> dict[str, Any] | None:
        row = self._folder_rows.pop(key, None)
        if row is None:
            db = self._connect()
            if db is None:
                return None
            try:
                found = db.execute(f"SELECT {_COLUMNS} FROM entries WHERE path = ?", (key,)).fetchone()
            except Exception:  # noqa: BLE001 - sqlite3.Error, imported lazily: a broken cache is no cache
                return None
            row = None if found is None else _row(found)
        if not self._current(key, row, stamp):
            return None
        assert row is not None
        return _decoded(row, key)

    def _current(self, key: str, row: Row | None, stamp: Stamp) -> bool:
        """Whether ``row`` was stored for this very version of the file: its stamp, and for a
        racy file its digest. A digest that matches once the file is old is no longer needed."""
        if row is None or tuple(row[0]) != stamp:
            return False
        if row[1] is None:
            return True
        file = key.removesuffix(RECORD)
        try:
            if _digest(read_raw(Path(file))) != row[1]:
                return False
        except DataError:
            return False
        self._digests[file] = row[1]
        if not _racy(stamp):
            self._keep(key, (stamp, None, row[2]))
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
                f"SELECT path, {_COLUMNS} FROM entries WHERE path >= ? AND path < ?",
                (prefix, prefix + "\U0010ffff"),
            )
            gone = []
            for path, *found in rows:
                if os.sep in path[len(prefix) :]:
                    continue
                if path.removesuffix(RECORD) in present:
                    self._folder_rows[path] = _row(found)
                else:
                    gone.append((path,))
            if gone:
                db.executemany("DELETE FROM entries WHERE path = ?", gone)
        except Exception:  # noqa: BLE001 - sqlite3.Error
            return

    def release_folder_rows(self) -> None:
        """Forget prefetched rows not asked for (a file whose finished record was served)."""
        self._folder_rows.clear()

    def record(self, path: Path, stamp: Stamp, made_with: str) -> str | None:
        """The finished record of an unchanged file, made with the same framework file and code
        (``made_with``); it must still decode to a table. None: build it afresh."""
        key = str(path) + RECORD
        row = self._folder_rows.pop(key, None)
        stored = _decoded(row, key) if row is not None and self._current(key, row, stamp) else None
        if stored is None or stored.get("made_with") != made_with or not isinstance(stored.get("record"), str):
            return None
        text: str = stored["record"]
        return text if text.startswith("{") and text.endswith("}") else None

    def keep_record(self, path: Path, stamp: Stamp, made_with: str, text: str) -> None:
        """Keep a finished record, with the digest of the card file's bytes where it was racy."""
        digest = self._digests.get(str(path))  # set when the card was read, racy, in this run
        self._keep(str(path) + RECORD, (stamp, digest, json.dumps({"made_with": made_with, "record": text})))

    def save(self) -> None:
        if not self._pending:
            return
        db = self._connect(create=True)
        if db is None:
            return
        try:
            db.execute("PRAGMA journal_mode = WAL")  # a cache: no fsync per write; a crash costs a rebuild
            db.execute("PRAGMA synchronous = NORMAL")
            with db:
                db.executemany(
                    f"INSERT OR REPLACE INTO entries (path, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(key, *stamp, digest, data) for key, (stamp, digest, data) in self._pending.items()],
                )
            self._pending.clear()
        except Exception:  # noqa: BLE001 - sqlite3.Error: read-only or full disk, locked by another run
            return

    def close(self) -> None:
        if self._db is not None:
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
            if layout != LAYOUT:
                db.executescript(
                    "DROP TABLE IF EXISTS entries;"
                    "CREATE TABLE entries (path TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, inode INTEGER,"
                    " ctime_ns INTEGER, digest TEXT, data TEXT) WITHOUT ROWID;"
                    f"PRAGMA user_version = {LAYOUT};"
                )
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
    mtime_ns, size, inode, ctime_ns, digest, data = found
    return ((mtime_ns, size, inode, ctime_ns), digest, data)


def _decoded(row: Row, key: str) -> dict[str, Any] | None:
    """A row's table, if it is a table in proportion to its file."""
    text, size = row[2], row[0][1]
    if not isinstance(text, str) or len(text) > ROW_LIMIT[0] * size + ROW_LIMIT[1]:
        return None
    try:
        data = json.loads(text)
        check_issues(data, key)
    except (TypeError, ValueError, RecursionError, DataError):
        return None
    return data if isinstance(data, dict) else None
