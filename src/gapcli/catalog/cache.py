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
the cache correct, only without the index until the next write). A row's stream and its limits
are ``cacherows``'; opening the file, its layout and its modes are ``cachefile``'s.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gapcli.catalog import cachefile
from gapcli.catalog.cachefile import FILE_NAME, INDEX
from gapcli.catalog.cacherows import (
    COLUMNS,
    SUMMARY,
    Row,
    Stamp,
    decoded,
    digest,
    path_stamp,
    racy,
    record_text,
    row_from,
)
from gapcli.catalog.tomlfile import parse_toml, read_raw
from gapcli.errors import DataError

if TYPE_CHECKING:
    import sqlite3

FLUSH_EVERY = 2000  # rows per transaction


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
            found = decoded(row, key) if row is not None else None
            if row is not None and found is not None:
                self._last = (key, row, found[1])
                return found[0]
        raw = read_raw(path)
        data = parse_toml(raw, key)
        self._last = None
        stamped = digest(raw) if racy(stamp) else None
        with contextlib.suppress(TypeError, ValueError):  # TOML dates, non-finite numbers: parsed each time
            import json  # here and below: a run that reads only bundled files never imports it

            text = json.dumps(data, allow_nan=False, separators=(",", ":"))
            row = Row(stamp, stamped, texts=("", text))
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
        return record_text(row)

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
                f"SELECT path, {SUMMARY} FROM files WHERE path >= ? AND path < ? AND checked IS NOT NULL",
                (prefix, prefix + "\U0010ffff"),
            ).fetchall()
        except Exception:  # noqa: BLE001 - sqlite3.Error, imported lazily: a broken cache is no cache
            return {}
        return {
            path: ((mtime, size, inode, ctime), checked, grade)
            for path, mtime, size, inode, ctime, racy_digest, checked, grade in rows
            if racy_digest is None and os.sep not in path[len(prefix) :]
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
                found = db.execute(f"SELECT {COLUMNS} FROM files WHERE path = ?", (key,)).fetchone()
            except Exception:  # noqa: BLE001 - sqlite3.Error
                return None
            row = None if found is None else row_from(found)
        return row if row is not None and self._current(key, row, stamp) else None

    def _current(self, key: str, row: Row, stamp: Stamp) -> bool:
        """Whether ``row`` was stored for this very version of the file: its stamp, and for a
        racy file its digest. A digest that matches once the file is old is no longer needed."""
        if tuple(row.stamp) != stamp:
            return False
        if row.digest is None:
            return True
        try:
            if digest(read_raw(Path(key))) != row.digest:
                return False
        except DataError:
            return False
        if not racy(stamp):
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
                f"SELECT path, {COLUMNS} FROM files WHERE path >= ? AND path < ?", (prefix, prefix + "\U0010ffff")
            )
            gone = []
            for path, *found in rows:
                if os.sep in path[len(prefix) :]:
                    continue
                if path in present:
                    self._folder_rows[path] = row_from(found)
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
                db.executemany(f"INSERT OR REPLACE INTO files (path, {COLUMNS}) VALUES ({', '.join('?' * 12)})", rows)
                if not self._bulk:
                    db.execute(INDEX)  # nothing to do, unless a bulk write was killed before it built it
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
                    self._db.execute(INDEX)
            self._db.close()
            self._db = None

    def _connect(self, create: bool = False) -> sqlite3.Connection | None:
        """The open cache (``cachefile.connect``), opened once; ``create`` makes it where it is missing."""
        if self._db is not None or self.file is None or (self._opened and not create):
            return self._db
        self._opened = True
        self._db = cachefile.connect(self.file, create)
        return self._db
