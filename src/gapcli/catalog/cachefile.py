"""The parse cache's SQLite file: its layout, and opening it safely.

A cache file that is not a regular file, is not a database, or has another layout is
discarded and rebuilt. It holds what the user's files hold, so its folder is made 0700 and
the file 0600 (tightened where found looser).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gapcli.catalog.cacherows import SUMMARY

if TYPE_CHECKING:
    import sqlite3

LAYOUT = 5  # PRAGMA user_version of the cache's layout; anything else is rebuilt
FILE_NAME = "parsed.sqlite3"
PAGE_SIZE = 32768  # a row is ~3.5 KB: in 4 KiB pages most of each page would be wasted
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
INDEX = f"CREATE INDEX IF NOT EXISTS files_summary ON files(path, {SUMMARY})"


def connect(file: Path, create: bool) -> sqlite3.Connection | None:
    """The cache file open; one that is not a regular SQLite file of this layout is replaced
    (only when ``create``: otherwise a missing or odd file is no cache)."""
    try:
        found = os.lstat(file)
    except FileNotFoundError:
        found = None
    except OSError:
        return None
    if found is None and not create:
        return None
    if found is not None and not stat.S_ISREG(found.st_mode):
        if not create:
            return None
        _discard(file)  # a FIFO or a link to a device would block or never end
        found = None
    db = _open(file, private=found is not None and not found.st_mode & 0o077)
    if db is None and _discard(file):
        db = _open(file, private=False)
    return db


def _open(file: Path, private: bool) -> sqlite3.Connection | None:
    """Connect; unless the file is there and ``private`` already, make it (and its folder) so first."""
    import sqlite3

    try:
        if not private:
            _private(file)
        db = sqlite3.connect(file, timeout=0.2, isolation_level=None)
        layout = db.execute("PRAGMA user_version").fetchone()[0]
        if layout != LAYOUT:  # the page size takes effect with the VACUUM (not in WAL mode)
            db.executescript(f"PRAGMA page_size = {PAGE_SIZE}; PRAGMA journal_mode = DELETE; {_SCHEMA} VACUUM; {INDEX}")
        elif not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'files_summary'").fetchone():
            with contextlib.suppress(sqlite3.Error):  # a bulk write was killed before it built it again
                db.execute(INDEX)
        return db
    except (sqlite3.Error, OSError):
        return None


def _private(file: Path) -> None:
    """The folder 0700 and the file 0600 before SQLite opens it (its -wal and -shm files take the
    file's mode); looser ones found are tightened."""
    folder = file.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    _tighten(folder, stat.S_ISDIR)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
    for name in (file.name, f"{file.name}-wal", f"{file.name}-shm", f"{file.name}-journal"):
        _tighten(folder / name, stat.S_ISREG)


def _discard(file: Path) -> bool:
    try:
        file.unlink()
        return True
    except OSError:
        return False


def _tighten(path: Path, kind: Any) -> None:
    """No access for group and others to a file or folder of ours (``kind``: stat.S_ISDIR or S_ISREG)."""
    with contextlib.suppress(OSError):
        found = os.lstat(path)
        if kind(found.st_mode) and found.st_mode & 0o077 and found.st_uid == os.geteuid():
            os.chmod(path, stat.S_IMODE(found.st_mode) & ~0o077)
