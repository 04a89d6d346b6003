"""``gapcli`` and ``python -m gapcli``: a tiny, guarded entry point.

Everything heavy (Typer, Click, gapcli.cli) is imported inside the guard, so a Ctrl-C
at any moment after this module starts running exits 130 without a traceback.
"""

import sys


def main() -> None:
    try:
        from gapcli.cli.run import run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
