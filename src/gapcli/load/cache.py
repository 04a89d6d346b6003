"""A parse cache: TOML is parsed once per file version; later runs read one row per file.

One SQLite file (standard library) holds a row per data file, keyed by its path and
stamped with (mtime_ns, size, inode): ``show ct`` looks up Connecticut's rows only,
whatever else is cached. An edited, replaced or new file is parsed again; a deleted
file is never looked up. The cache is an optimisation only: a cache file that is not
a regular file, is not a database, or has another layout is discarded and rebuilt; a
row that does not decode to a table is ignored; a cache that cannot be written costs
speed, nothing else. Writes are one transaction at exit, so no temporary files remain.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gapcli.load.tomlfile import read_toml

if TYPE_CHECKING:
    import sqlite3

LAYOUT = 2  # PRAGMA user_version of the cache's layout; anything else is rebuilt
FILE_NAME = "parsed.sqlite3"
FLUSH_EVERY = 1000
Stamp = tuple[int, int, int]
RECORD = "\0record"  # a finished record's row: the file's path and this; sorts right after the file's own row


def path_stamp(path: Path) -> Stamp:
    found = path.stat()
    return (found.st_mtime_ns, found.st_size, found.st_ino)


class ParseCache:
    def __init__(self, cache_dir: Path | None):
        self.file = cache_dir / FILE_NAME if cache_dir is not None else None
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._pending: dict[str, tuple[Stamp, str]] = {}
        self._folder_rows: dict[str, tuple[Stamp, str]] = {}  # a whole folder's rows, read in one query

    def read(self, path: Path, fresh: bool = False) -> dict[str, Any]:
        """The parsed TOML of ``path``, from the cache when the file is unchanged (``fresh``: never)."""
        key, stamp = str(path), path_stamp(path)
        if not fresh:
            cached = self._lookup(key, stamp)
            if cached is not None:
                return cached
        data = read_toml(path)
        with contextlib.suppress(TypeError, ValueError):  # TOML dates, non-finite numbers: parsed each time
            self._pending[key] = (stamp, json.dumps(data, allow_nan=False))
        if len(self._pending) >= FLUSH_EVERY:  # a whole export's rows are not held until exit
            self.save()
        return data

    def _lookup(self, key: str, stamp: Stamp) -> dict[str, Any] | None:
        row = self._folder_rows.pop(key, None)
        if row is None:
            db = self._connect()
            if db is None:
                return None
            try:
                found = db.execute("SELECT mtime_ns, size, inode, data FROM entries WHERE path = ?", (key,)).fetchone()
            except Exception:  # noqa: BLE001 - sqlite3.Error, imported lazily: a broken cache is no cache
                return None
            row = None if found is None else ((found[0], found[1], found[2]), found[3])
        return _decoded(row, stamp)

    def read_folder(self, folder: Path, present: set[str]) -> None:
        """One range query over a folder about to be read whole: its files' rows are kept for
        ``read``, and the rows of files that are gone are dropped."""
        db = self._connect()
        if db is None:
            return
        prefix = str(folder) + os.sep
        try:
            rows = db.execute(
                "SELECT path, mtime_ns, size, inode, data FROM entries WHERE path >= ? AND path < ?",
                (prefix, prefix + "\U0010ffff"),
            )
            gone = []
            for path, mtime_ns, size, inode, data in rows:
                if os.sep in path[len(prefix) :]:
                    continue
                if path.removesuffix(RECORD) in present:
                    self._folder_rows[path] = ((mtime_ns, size, inode), data)
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
        stored = _decoded(self._folder_rows.pop(str(path) + RECORD, None), stamp)
        if stored is None or stored.get("made_with") != made_with or not isinstance(stored.get("record"), str):
            return None
        text: str = stored["record"]
        return text if text.startswith("{") and text.endswith("}") else None

    def keep_record(self, path: Path, stamp: Stamp, made_with: str, text: str) -> None:
        self._pending[str(path) + RECORD] = (stamp, json.dumps({"made_with": made_with, "record": text}))
        if len(self._pending) >= FLUSH_EVERY:
            self.save()

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
                    "INSERT OR REPLACE INTO entries (path, mtime_ns, size, inode, data) VALUES (?, ?, ?, ?, ?)",
                    [(key, *stamp, data) for key, (stamp, data) in self._pending.items()],
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
        db = self._open()
        if db is None and self._discard():
            db = self._open()
        self._db = db
        return db

    def _open(self) -> sqlite3.Connection | None:
        import sqlite3

        assert self.file is not None
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.file, timeout=0.2, isolation_level=None)
            layout = db.execute("PRAGMA user_version").fetchone()[0]
            if layout != LAYOUT:
                db.executescript(
                    "DROP TABLE IF EXISTS entries;"
                    "CREATE TABLE entries (path TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, inode INTEGER, data TEXT)"
                    " WITHOUT ROWID;"
                    f"PRAGMA user_version = {LAYOUT};"
                )
            return db
        except (sqlite3.Error, OSError):
            return None

    def _discard(self) -> bool:
        assert self.file is not None
        try:
            self.file.unlink()
            return True
        except OSError:
            return False


def _decoded(row: tuple[Stamp, str] | None, stamp: Stamp) -> dict[str, Any] | None:
    """A row's table, if it is a table and was stored for this very version of the file."""
    if row is None or tuple(row[0]) != stamp:
        return None
    try:
        data = json.loads(row[1])
    except (TypeError, ValueError):
        return None
    return data if isinstance(data, dict) else None
