"""Where ``--out`` and ``--export`` write: stdout, a device or FIFO, or a regular file replaced whole.

Only a regular file is ever replaced, and only with ``--force``: it is written to a temporary
file beside it (``.NAME.PID.tmp``), synced and renamed over it, so a reader sees the old file
or the new one, never half of either. A character device or FIFO (``/dev/null``, a terminal,
a named pipe) is written to, never replaced; a folder, block device or socket is refused.
``-`` is stdout.

A Ctrl-C stops a write at once: gapcli's handler (``gapcli.__main__``) exits 130 without
unwinding, after :func:`discard_pending` has removed the temporary files that were still being
written, so the old file is left as it was. Only the rename itself holds the interrupt.
Temporary files of a run that was killed outright (SIGKILL, power loss) are removed by the next
write to the same target, once the process whose id they carry is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from gapcli.errors import DataError, RefusedWrite, UsageError

STDOUT = "-"
SIDECARS = ("-journal", "-wal", "-shm")  # SQLite's files beside a database

# temporary path -> the line to print if an interrupt discards it; read by the signal handler
_PENDING: dict[str, bytes] = {}


@dataclass(frozen=True)
class Target:
    """An output resolved: ``file`` (a regular file, written via a temporary), ``stream`` or ``stdout``."""

    kind: Literal["file", "stream", "stdout"]
    path: Path | None = None
    shown: str = STDOUT  # the name as the user gave it, for messages

    @property
    def replaces(self) -> bool:
        return self.kind == "file" and self.path is not None and self.path.exists()


def resolve(given: Path | str, force: bool, option: str = "--out", stream_ok: bool = True) -> Target:
    """What writing to ``given`` means; refusals are one line, before anything is written."""
    shown = _shown(given)
    if str(given) == STDOUT:
        if not stream_ok:
            raise UsageError(f"{option} -: this format needs a real file, not stdout")
        return Target("stdout")
    path = Path(given)
    try:
        mode = os.stat(path).st_mode  # follows a symbolic link: what is written is what it points to
    except FileNotFoundError:
        if path.is_symlink():
            raise DataError(shown, "is a symbolic link to nothing; give a real file name") from None
        mode = None
    except OSError as error:
        raise DataError(shown, f"cannot write: {error.strerror or error}") from None
    if mode is None or stat.S_ISREG(mode):
        real = Path(os.path.realpath(path)) if path.is_symlink() else path
        if not real.parent.is_dir():
            raise DataError(shown, f"cannot write: no folder {_shown(real.parent)}")
        if mode is not None and not force:
            raise RefusedWrite(f"{shown} exists; use --force to overwrite it")
        return Target("file", real, shown)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        if not stream_ok:
            raise DataError(shown, "is a device or pipe; this format needs a regular file")
        return Target("stream", path, shown)
    kind = "a folder" if stat.S_ISDIR(mode) else "a block device" if stat.S_ISBLK(mode) else "not a regular file"
    raise DataError(shown, f"is {kind}; gapcli writes regular files, character devices and pipes only")


def write(target: Target, chunks: Iterable[str]) -> None:
    """Write text to the target: streamed to stdout or a device, or into the file all or nothing."""
    if target.kind == "stdout":
        from gapcli.streams import write_stdout

        for chunk in chunks:
            write_stdout(chunk)
        return
    assert target.path is not None
    if target.kind == "stream":
        try:
            fd = os.open(target.path, os.O_WRONLY | os.O_NOCTTY)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
                stream.writelines(chunks)
        except OSError as error:
            raise DataError(target.shown, f"cannot write: {error.strerror or error}") from None
        return
    with building(target) as temporary:
        try:
            with open(temporary, "x", encoding="utf-8", newline="\n") as stream:
                stream.writelines(chunks)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as error:
            raise DataError(target.shown, f"cannot write: {error.strerror or error}") from None


def temporary_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


@contextlib.contextmanager
def building(target: Target, database: bool = False, force: bool = False) -> Iterator[Path]:
    """A temporary file beside the target, renamed over it when the block succeeds, removed otherwise.

    ``database``: the target's ``-journal``/``-wal``/``-shm`` files (left by a crash, or by a
    program that has it open) would be applied to the new file by the next reader and corrupt it;
    they are refused, or with ``force`` removed just before the rename. The temporary
    database's own journal files are removed with it.
    """
    assert target.path is not None
    path = target.path
    stale = [path.with_name(path.name + s) for s in SIDECARS if os.path.lexists(path.with_name(path.name + s))]
    if stale and not force:
        raise RefusedWrite(
            f"{_shown(stale[0])} exists (a program has {target.shown} open, or one crashed); "
            "close it, or use --force to remove it"
        )
    remove_leftovers(path)
    temporary = temporary_for(path)
    names = [temporary, *(temporary.with_name(temporary.name + s) for s in SIDECARS)] if database else [temporary]
    said = f"kept {target.shown} as it was" if target.replaces else f"wrote no {target.shown}"
    for name in names:
        _PENDING[str(name)] = f"gapcli: interrupted: {said}\n".encode(errors="replace")
    try:
        for name in names:
            name.unlink(missing_ok=True)
        yield temporary
        from gapcli.files.atomic import file_mode, uninterrupted

        with uninterrupted():  # the one step a Ctrl-C waits for: the old file or the new, whole
            os.chmod(temporary, file_mode())
            for sidecar in stale:
                sidecar.unlink(missing_ok=True)
            os.replace(temporary, path)
    except OSError as error:
        raise DataError(target.shown, f"cannot write: {error.strerror or error}") from None
    finally:
        for name in names:
            _PENDING.pop(str(name), None)
            with contextlib.suppress(OSError):
                name.unlink()


_LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.tmp(?:-journal|-wal|-shm)?")


def remove_leftovers(path: Path) -> list[Path]:
    """Remove the temporary files of earlier writes to ``path`` whose process is gone; those removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        found = _LEFTOVER.fullmatch(entry.name)
        if found is None or found["name"] != path.name or _alive(int(found["pid"])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process (or an id no process can have: left alone)
    return True


def discard_pending() -> None:
    """Remove every temporary file still being written; called by the SIGINT handler before it exits."""
    said: set[bytes] = set()
    for name, message in list(_PENDING.items()):
        with contextlib.suppress(OSError):
            os.unlink(name)
        if message not in said:
            said.add(message)
            with contextlib.suppress(OSError):
                os.write(2, message)
    _PENDING.clear()


def _shown(path: Path | str) -> str:
    from gapcli.safe import clean

    return clean(str(path))
