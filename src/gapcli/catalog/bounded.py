"""Reading a file a user points gapcli at: only a regular file, and never more than a limit.

A FIFO would block, and ``/dev/zero`` reports size 0 but never ends: the file is opened
without blocking, checked with ``fstat`` on the open descriptor (no race with a rename),
and read up to the limit plus one byte, whatever size it reports.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from gapcli.errors import DataError


def read_bounded(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; DataError naming the path otherwise."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise DataError(str(path), f"is a directory, not a {what}") from None
    except OSError as error:
        raise DataError(str(path), f"cannot read: {error.strerror or error}") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise DataError(str(path), f"is a directory, not a {what}")
        if not stat.S_ISREG(mode):
            raise DataError(str(path), f"is not a regular file (a pipe, device or socket), not a {what}")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise DataError(str(path), f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if size > limit:
        raise DataError(str(path), f"more than {limit:,} bytes; a {what} is at most {limit:,}")
    return b"".join(chunks)
