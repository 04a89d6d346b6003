"""``gapcli`` and ``python -m gapcli``: a tiny, guarded entry point.

The first thing gapcli does is take over Ctrl-C: from then on an interrupt exits 130
at once, without a traceback (not even one Python prints from inside an import), except
inside an atomic write's rename, which finishes first (``gapcli.files.atomic.uninterrupted``).
An output file still being written is discarded first (``gapcli.files.output``), so the
old file stays. Once the work is done and flushed, a late Ctrl-C changes nothing.
"""

import _signal  # type: ignore[import-not-found]  # the builtin: `import signal` builds enums first, a window a Ctrl-C could land in
import os
import sys


def _interrupted(_signum: int, _frame: object) -> None:
    os.write(2, b"\n")
    output = sys.modules.get("gapcli.files.output")  # imported only by a command that writes a file
    if output is not None:
        output.discard_pending()
    os._exit(130)


def _fill_closed_descriptors() -> None:
    """/dev/null on a standard descriptor closed at start (``>&-``), so no file gapcli opens gets it
    (``gapcli.cli.run`` reports the stream closed, from ``sys.stdout is None``)."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != descriptor:
                os.dup2(opened, descriptor)
                os.close(opened)


def main() -> None:
    _signal.signal(_signal.SIGINT, _interrupted)
    _fill_closed_descriptors()
    try:
        from gapcli.cli.run import run

        code = run()
    finally:
        _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
    sys.exit(code)


if __name__ == "__main__":
    main()
