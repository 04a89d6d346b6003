"""Writing files whole: the mode a new file gets, data folders, and the one step a Ctrl-C waits for.

``files.journal`` (import) and ``files.output`` (``--out``, ``--export``) write through here.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gapcli.errors import DataError


def file_mode() -> int:
    """The mode a new file gets: 0666 less the umask, as any program's files."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def make_folder(folder: Path) -> None:
    """Create a data folder; a file in its way or a read-only parent is one DataError naming the path."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DataError(str(folder), "cannot create the folder: a file is in the way") from None
    except OSError as error:
        raise DataError(str(folder), f"cannot create the folder: {error.strerror or error}") from None


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold a Ctrl-C until the block is done, then raise it: a write is never left half-way."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if held:
        raise KeyboardInterrupt
