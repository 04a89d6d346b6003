"""Scale benchmark: gapcli with N user cards that commands really read.

    python bench/scale.py [--cards 2000 20000 100000]

N cards are generated in the user data folder, 51 to an edition (generated editions
2026, 2027, ...), so `rank --year` reads 51 cards, `show ct` chooses among N/51, and
`data export` reads all N. For each N: time and peak memory (of that process alone,
from wait4) of each command with an empty parse cache (cold) and again (warm), and
`show ct --json` after a full export against the same command with no user cards.
Timing is noisy: this is a script to read, never a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import make_user_cards


def measure(command: list[str], env: dict[str, str], stdout: int | None = subprocess.DEVNULL) -> tuple[float, float]:
    """(seconds, peak MiB) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def best(command: list[str], env: dict[str, str], runs: int = 5) -> tuple[float, float]:
    results = [measure(command, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[2000, 20000, 100000])
    args = parser.parse_args()
    gapcli = shutil.which("gapcli")
    if gapcli is None:
        sys.exit("gapcli is not on PATH: pip install . first")
    base = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as temporary:
        tmp = Path(temporary)
        empty = {**base, "XDG_DATA_HOME": str(tmp / "none"), "XDG_CACHE_HOME": str(tmp / "none-cache")}
        measure([gapcli, "show", "connecticut", "--json"], empty)  # fill the bundled rows of that cache
        show_alone = best([gapcli, "show", "connecticut", "--json"], empty)
        print(f"no user cards: show ct --json {show_alone[0] * 1000:.0f} ms, {show_alone[1]:.0f} MiB")
        print("cards    command                          cold s   cold MiB   warm s   warm MiB")
        for count in args.cards:
            data, cache = tmp / f"data-{count}", tmp / f"cache-{count}"
            started = time.perf_counter()
            made = make_user_cards(data / "gapcli", count)
            generated = time.perf_counter() - started
            env = {**base, "XDG_DATA_HOME": str(data), "XDG_CACHE_HOME": str(cache)}
            last = 2026 + (made - 1) // 51
            out = tmp / f"export-{count}.json"
            rows = []
            for name, command in (
                ("data export --out FILE", [gapcli, "data", "export", "--out", str(out), "--force"]),
                ("rank --json", [gapcli, "rank", "--json"]),
                (f"rank --year {last} --json", [gapcli, "rank", "--year", str(last), "--json"]),
                ("show ct --json", [gapcli, "show", "connecticut", "--json"]),
            ):
                cold = measure(command, env)
                warm = best(command, env, runs=3 if name.startswith("data") else 5)
                rows.append((name, cold, warm))
            size = out.stat().st_size / 2**20
            print(f"{made:>6,}  (generated in {generated:.0f} s; export {size:.0f} MiB)")
            for name, cold, warm in rows:
                print(f"{'':8} {name:<32} {cold[0]:7.2f} {cold[1]:9.0f} {warm[0]:9.2f} {warm[1]:9.0f}")
            show_warm = rows[3][2][0]
            print(f"{'':8} show ct after a full export / with no user cards: {show_warm / show_alone[0]:.2f}x")
            print(f"{'':8} data export peak memory / its output: {rows[0][2][1] / size:.2f}x")
            shutil.rmtree(data)
            shutil.rmtree(cache)
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()
