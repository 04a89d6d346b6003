"""Scale benchmark: gapcli with N user cards that commands really read (issue #28's targets).

    python bench/scale.py [--cards 2000 20000 100000] [--runs 5]

N cards are generated in the user data folder, 51 to an edition (generated editions 2026,
2027, ...), so `rank --year` reads 51 cards, `show ct` chooses among N/51 editions, `history`
and `states` span N/51 editions and `data export` reads all N. For each N, in one run:

- `data export` with an empty parse cache (cold), then again as JSON and as SQLite (warm);
- the parse cache's size against the card files' (apparent sizes);
- `diff`, `gaps --state`, `history`, `plan` and `states` against `show`, run side by side in
  shuffled rounds: the ratio is the median of the per-round ratios;
- `states`' time and peak memory; and the peak memory of a cold export whose cache folder
  cannot be made, which holds no rows for it: at most that of the cold export with a cache (it
  still grows with the number of editions, whose frameworks a whole export keeps).

Times are CPU seconds (user + system, from wait4: steadier than wall time on a shared
machine; wall seconds are printed beside them) and peak memory is that process's own. Every
target is printed met or NOT MET; the exit status is 1 if any is not met. Run it on a regular
install (pip install .). Timing is noisy: this is a script to read, never a test.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import make_user_cards

ANSWERS = {  # each against `show ct --json`, within 1.3x at any number of cards
    "diff ct fl --json": ["diff", "ct", "fl", "--json"],
    "gaps --state ct --json": ["gaps", "--state", "ct", "--json"],
    "history ct --json": ["history", "ct", "--json"],
    "plan ct --json": ["plan", "ct", "--json"],
    "states --json": ["states", "--json"],
    "states --year 2021 --json": ["states", "--year", "2021", "--json"],  # 51 rows, where `states` has N
}


class Result:
    def __init__(self, cpu: float, wall: float, mib: float):
        self.cpu, self.wall, self.mib = cpu, wall, mib


def measure(command: list[str], env: dict[str, str]) -> Result:
    """CPU seconds, wall seconds and peak MiB of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return Result(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)  # Linux reports KiB


def median(results: list[Result]) -> Result:
    return Result(
        statistics.median(r.cpu for r in results),
        statistics.median(r.wall for r in results),
        max(r.mib for r in results),
    )


def apparent_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


class Targets:
    def __init__(self) -> None:
        self.lines: list[tuple[str, bool]] = []

    def check(self, what: str, value: float, limit: float, unit: str, shown: str = "") -> None:
        met = value <= limit
        self.lines.append((f"{what}: {value:.2f}{unit} {shown}(target <= {limit:g}{unit})", met))
        print(f"    {'met    ' if met else 'NOT MET'}  {self.lines[-1][0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[2000, 20000, 100000])
    parser.add_argument("--runs", type=int, default=5, help="rounds of the side-by-side commands")
    args = parser.parse_args()
    gapcli = shutil.which("gapcli")
    if gapcli is None:
        sys.exit("gapcli is not on PATH: pip install . first")
    base = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    targets = Targets()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as temporary:
        tmp = Path(temporary)
        (tmp / "blocker").write_text("a file where the cache folder would be\n")
        for count in args.cards:
            data, cache = tmp / f"data-{count}", tmp / f"cache-{count}"
            made = make_user_cards(data / "gapcli", count)
            env = {**base, "XDG_DATA_HOME": str(data), "XDG_CACHE_HOME": str(cache)}
            json_out, db_out = tmp / f"export-{count}.json", tmp / f"export-{count}.db"
            export = [gapcli, "data", "export", "--force", "--out"]
            print(f"{made:,} user cards ({made // 51 + 1} generated editions)")
            cold = measure([*export, str(json_out)], env)
            warm_json = median([measure([*export, str(json_out)], env) for _ in range(3)])
            warm_db = median([measure([*export, str(db_out)], env) for _ in range(1 if count > 20000 else 3)])
            blocked = {**env, "XDG_CACHE_HOME": str(tmp / "blocker" / "cache")}
            unwritable = measure([*export, str(tmp / f"unwritable-{count}.json")], blocked)
            targets.check(
                f"peak memory of a cold export without / with a cache at {made:,}",
                unwritable.mib / cold.mib,
                1,
                "x",
                f"({unwritable.mib:.0f} / {cold.mib:.0f} MiB) ",
            )
            cards_size = apparent_size(data / "gapcli" / "cards")
            cache_size = apparent_size(cache)
            print(
                f"  data export: cold {cold.cpu:.1f} s CPU ({cold.wall:.1f} s wall, {cold.mib:.0f} MiB);"
                f" warm JSON {warm_json.cpu:.2f} s ({warm_json.wall:.2f} s wall, {warm_json.mib:.0f} MiB,"
                f" {json_out.stat().st_size / 2**20:.0f} MiB out); warm SQLite {warm_db.cpu:.2f} s"
                f" ({warm_db.wall:.2f} s wall, {db_out.stat().st_size / 2**20:.0f} MiB out)"
            )
            print(
                f"  parse cache {cache_size / 2**20:.0f} MiB, card files {cards_size / 2**20:.0f} MiB;"
                f" export with no cache possible: {unwritable.mib:.0f} MiB peak"
            )
            if count >= 100_000:
                targets.check(f"cold export at {made:,} cards", cold.cpu, 35, " s", f"({cold.wall:.1f} s wall) ")
                targets.check(
                    f"warm JSON export at {made:,}", warm_json.cpu, 3, " s", f"({warm_json.wall:.2f} s wall) "
                )
            targets.check(f"SQLite / JSON export at {made:,}", warm_db.cpu / warm_json.cpu, 2, "x")
            targets.check(f"parse cache / card files at {made:,}", cache_size / cards_size, 1.5, "x")
            cases = {"show ct --json": [gapcli, "show", "ct", "--json"]}
            cases |= {name: [gapcli, *command] for name, command in ANSWERS.items()}
            for command in cases.values():
                measure(command, env)  # each command's rows in the cache
            rounds: dict[str, list[Result]] = {name: [] for name in cases}
            order = list(cases)
            for _ in range(args.runs):
                random.Random(count).shuffle(order)
                for name in order:
                    rounds[name].append(measure(cases[name], env))
            show = median(rounds["show ct --json"])
            print(f"  show ct --json: {show.cpu * 1000:.0f} ms CPU, {show.mib:.0f} MiB")
            for name in ANSWERS:
                ratio = statistics.median(
                    a.cpu / b.cpu for a, b in zip(rounds[name], rounds["show ct --json"], strict=True)
                )
                found = median(rounds[name])
                targets.check(f"{name} / show at {made:,}", ratio, 1.3, "x", f"({found.cpu * 1000:.0f} ms CPU) ")
            if count >= 100_000:
                states = median(rounds["states --json"])
                targets.check(f"states at {made:,}", states.cpu, 2, " s", f"({states.wall:.2f} s wall) ")
                targets.check(f"states peak memory at {made:,}", states.mib, 200, " MiB")
            shutil.rmtree(data)
            shutil.rmtree(cache, ignore_errors=True)
            for out in tmp.glob("*export-*"):
                out.unlink()
    missed = [line for line, met in targets.lines if not met]
    print(f"{len(targets.lines) - len(missed)} of {len(targets.lines)} targets met")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
