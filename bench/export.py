"""Export benchmark: ``data export`` as SQLite against the same export as JSON.

    python bench/export.py [--cards 0 2000 20000] [--runs 3] [--gapcli "python -m gapcli"]

For each N (0: the bundled cards alone), N generated user cards (bench.make_user_cards),
one export to fill the parse and record caches, then the median CPU time (user + system:
steadier than wall time on a shared machine) of --runs JSON exports and --runs SQLite exports (each to a file in a temporary folder, --force)
and the ratio SQLite / JSON, printed met or NOT MET against issue #28's target (SQLite at most
2x the JSON export); the exit status is 1 if any is not met. Beside them, SQLite's own floor:
the CPU seconds SQLite alone takes to insert the very rows of the exported database (read back
into memory first, not timed) into a new file with the export's pragmas and build the same
indexes and full-text indexes — what no change to gapcli's Python can take below. Timing is
noisy: this is a script to read, never a test.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from gapcli.exports import database

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import make_user_cards


def seconds(command: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of one run: on a shared machine, steadier than wall time."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return usage.ru_utime + usage.ru_stime


def floor(exported: Path, into: Path) -> float:
    """CPU seconds SQLite takes to write the rows of ``exported`` again, with its indexes (see above)."""
    import resource
    import sqlite3

    with sqlite3.connect(exported) as source:
        page_size = source.execute("PRAGMA page_size").fetchone()[0]
        tables = re.findall(r"CREATE TABLE (\w+)", database.TABLES)
        rows = {t: source.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    db = sqlite3.connect(into, isolation_level=None)
    start = resource.getrusage(resource.RUSAGE_SELF)
    db.execute(f"PRAGMA page_size = {page_size}")
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -65536", "temp_store = MEMORY"):
        db.execute(f"PRAGMA {pragma}")
    db.executescript("BEGIN;" + database.TABLES)
    for table, found in rows.items():
        if found:
            db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(found[0]))})", found)
    db.execute("COMMIT")
    db.executescript(database.INDEXES)
    end = resource.getrusage(resource.RUSAGE_SELF)
    db.close()
    return end.ru_utime + end.ru_stime - start.ru_utime - start.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[0, 2000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gapcli", default=shutil.which("gapcli") or "gapcli", help="the command to time")
    args = parser.parse_args()
    gapcli = shlex.split(args.gapcli)
    base = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {args.gapcli}")
    print(
        "cards    json s   sqlite s   sqlite/json   SQLite's floor   json MiB   sqlite MiB   (CPU seconds)"
        "   target sqlite/json <= 2x"
    )
    missed = 0
    for count in args.cards:
        with tempfile.TemporaryDirectory() as temporary:
            tmp = Path(temporary)
            made = make_user_cards(tmp / "data" / "gapcli", count) if count else 0
            env = {**base, "XDG_DATA_HOME": str(tmp / "data"), "XDG_CACHE_HOME": str(tmp / "cache")}
            json_out, db_out = tmp / "out" / "cards.json", tmp / "out" / "cards.db"
            json_out.parent.mkdir()
            export = [*gapcli, "data", "export", "--force"]
            seconds([*export, "--out", str(json_out)], env)  # fills the caches
            timings = {}
            for name, out in (("json", json_out), ("sqlite", db_out)):
                timings[name] = statistics.median(seconds([*export, "--out", str(out)], env) for _ in range(args.runs))
            sizes = [p.stat().st_size / 2**20 for p in (json_out, db_out)]
            ratio = timings["sqlite"] / timings["json"]
            least = floor(db_out, tmp / "out" / "floor.db")
            missed += ratio > 2
            print(
                f"{made:>6,} {timings['json']:8.2f} {timings['sqlite']:10.2f} {ratio:13.2f}"
                f" {least:8.2f} ({least / timings['json']:.1f}x)"
                f" {sizes[0]:10.1f} {sizes[1]:12.1f}   {'met' if ratio <= 2 else 'NOT MET'}"
            )
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
