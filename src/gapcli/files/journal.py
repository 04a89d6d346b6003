"""Writing several cards all or nothing, whatever happens: Ctrl-C, SIGTERM, SIGHUP, kill -9, power loss.

Under ``ROOT/.import/`` (one folder, so a reader tells with one ``lstat`` that nothing is
pending) every card is first *staged*: written whole and synced, under a name the catalog
never reads. Then a journal naming every (staged file, card) pair is written and renamed
into place: that rename is the commit point. The staged files are renamed onto their cards
and the folder is removed.

Whoever finds ``.import/`` later — the next import, or any command before it reads the
user data — finishes the work: with a journal it rolls forward (renames what is left),
without one it rolls back (removes the staged files). An exclusive ``flock`` on
``ROOT/.import.lock`` keeps a live import's folder from being taken for a dead one's, and
is released by the kernel however its holder ends.

While staging, the first SIGINT, SIGTERM or SIGHUP rolls back and then takes its usual
effect; while committing, every one waits until the commit is done.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from gapcli.errors import DataError, RefusedWrite
from gapcli.files.atomic import file_mode, make_folder

PENDING = ".import"  # under the data root: staged cards and the journal
LOCK = ".import.lock"
_JOURNAL = "journal"
_HEADER = "gapcli import journal 1"
_TARGET = re.compile(r"cards/\d{4}/[a-z-]+\.toml")  # the only paths a journal may name
_STAGED = re.compile(r"\d{1,6}\.staged")
_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
WAIT_SECONDS = 30.0  # for another gapcli's import to finish


class Interrupted(BaseException):
    """A signal arrived while staging; the staged files are gone when this leaves ``commit``."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def commit(root: Path, files: list[tuple[Path, str]], replace: bool) -> None:
    """Write every (card path under ``root``, text) or none; without ``replace`` an existing card refuses all."""
    relative = [_relative(root, target) for target, _ in files]
    make_folder(root)
    with _locked(root), _signals() as signals:
        _finish(root)  # what an earlier, killed import left
        pending = root / PENDING
        try:
            signals.raising = True
            _stage(pending, files, replace)
            signals.raising = False  # from here on, signals wait: the commit is short
            journal = "".join(f"{i}.staged\t{path}\n" for i, path in enumerate(relative))
            _write_synced(pending / f"{_JOURNAL}.tmp", f"{_HEADER}\n{journal}")
            _fsync_folder(pending)
        except BaseException as error:
            signals.raising = False
            shutil.rmtree(pending, ignore_errors=True)
            if isinstance(error, OSError):
                raise DataError(str(pending), f"cannot write: {error.strerror or error}") from None
            raise
        os.replace(pending / f"{_JOURNAL}.tmp", pending / _JOURNAL)  # the commit point
        _fsync_folder(pending)
        _roll_forward(root)


def _stage(pending: Path, files: list[tuple[Path, str]], replace: bool) -> None:
    os.mkdir(pending)
    for index, (target, text) in enumerate(files):
        if not replace and (target.exists() or target.is_symlink()):
            raise RefusedWrite(f"{target} appeared while importing; use --force to overwrite it")
        _write_synced(pending / f"{index}.staged", text)


def recover(root: Path) -> None:
    """Finish or undo an import that was killed; nothing to do (one ``lstat``) is the usual case."""
    if not os.path.lexists(root / PENDING):
        return
    with _locked(root), _signals():
        _finish(root)


def _finish(root: Path) -> None:
    if (root / PENDING / _JOURNAL).exists():
        _roll_forward(root)
    elif os.path.lexists(root / PENDING):
        _remove(root / PENDING)


def _roll_forward(root: Path) -> None:
    pending = root / PENDING
    entries = _read_journal(pending / _JOURNAL)
    folders = set()
    for staged, target in entries:
        path = root / target
        if not (pending / staged).exists():
            continue  # renamed already, before a kill
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(pending / staged, path)
        except OSError as error:
            raise DataError(str(path), f"cannot finish the import: {error.strerror or error}") from None
        folders.add(path.parent)
    for folder in folders:
        _fsync_folder(folder)
    _remove(pending)


def _read_journal(path: Path) -> list[tuple[str, str]]:
    lines = path.read_text("utf-8").splitlines()
    entries = [tuple(line.split("\t")) for line in lines[1:]]
    if lines[:1] != [_HEADER] or any(
        len(e) != 2 or not _STAGED.fullmatch(e[0]) or not _TARGET.fullmatch(e[1]) for e in entries
    ):
        raise DataError(str(path), "not a journal of gapcli's: move the folder away and import again")
    return [(e[0], e[1]) for e in entries]


def _relative(root: Path, target: Path) -> str:
    relative = target.relative_to(root).as_posix()
    if not _TARGET.fullmatch(relative):
        raise ValueError(f"not a card path: {relative}")
    return relative


def _remove(pending: Path) -> None:
    try:
        if pending.is_dir() and not pending.is_symlink():
            shutil.rmtree(pending)
        else:
            os.unlink(pending)
    except FileNotFoundError:
        return
    except OSError as error:
        raise DataError(str(pending), f"cannot remove what an interrupted import left: {error.strerror}") from None
    _fsync_folder(pending.parent)


def _write_synced(path: Path, text: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), file_mode())
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system syncs folders
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    """The data root's import lock, waited for while another gapcli imports."""
    import fcntl

    try:
        descriptor = os.open(root / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), file_mode())
    except OSError as error:
        raise DataError(str(root / LOCK), f"cannot open the import lock: {error.strerror or error}") from None
    try:
        waited = 0.0
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES) or waited >= WAIT_SECONDS:
                    raise DataError(str(root), "another gapcli is importing into this folder; try again") from None
            time.sleep(0.01)
            waited += 0.01
        yield
    finally:
        os.close(descriptor)  # releases the lock


class _Held:
    """Signal dispositions while a commit runs: raise the first (staging) or hold them all (committing)."""

    def __init__(self) -> None:
        self.raising = False
        self.held: list[int] = []

    def __call__(self, signum: int, _frame: FrameType | None) -> None:
        if self.raising and not self.held:
            self.held.append(signum)
            self.raising = False  # a second signal during the roll-back waits for it
            raise Interrupted(signum)
        self.held.append(signum)


@contextmanager
def _signals() -> Iterator[_Held]:
    """Take SIGINT, SIGTERM and SIGHUP for the block; afterwards each held one takes its usual effect."""
    held = _Held()
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    previous = {signum: signal.signal(signum, held) for signum in _SIGNALS}
    try:
        yield held
    except Interrupted:
        pass
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if held.held:
        _deliver(held.held[0])


def _deliver(signum: int) -> None:
    """The signal's usual effect, now that nothing is half done: Ctrl-C exits 130; TERM and HUP end the process."""
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
