"""Start-up benchmark: gapcli against the floor its framework sets.

    python bench/bench.py [--runs 11]

``gapcli show connecticut`` with stdout not a terminal prints plain text (gh's
convention), which is what a shell loop gets; ``--format table`` forces the Rich
table that a terminal gets, reported beside it without a target.

Runs every command once per round, in a shuffled order, for --runs rounds, and prints the
median wall time of each and the ratios against the baselines (a bare Typer app
that prints one word; the same app printing a one-row Rich table). Timing is
noisy, so this is a script to read, never a test.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLAIN_APP = """
import typer
app = typer.Typer()
@app.command()
def main():
    print("word")
app()
"""

RICH_APP = """
import typer
from rich.console import Console
from rich.table import Table
app = typer.Typer()
@app.command()
def main():
    table = Table("state", "grade")
    table.add_row("Connecticut", "F")
    Console().print(table)
app()
"""

TARGETS = {  # (command, baseline): the ratio it must stay under
    ("show --json", "typer"): 1.15,
    ("show", "typer+rich"): 1.10,
    ("rank --json", "typer"): 1.20,
    ("rank --json, user cards", "typer"): 2.00,
}


def make_user_cards(root: Path, count: int) -> int:
    """``count`` valid, complete cards in generated editions 2026, 2027, … (51 per edition)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from dataclasses import replace

    from gapcli.catalog.catalog import Catalog
    from gapcli.importer.tomlwrite import card_to_toml
    from gapcli.model import IssueResult
    from gapcli.states import JURISDICTIONS

    catalog = Catalog.open(user=False, cache_dir=False)
    seed = catalog.card(JURISDICTIONS[6], 2021)  # Connecticut, the complete card
    framework = catalog.framework(2021)
    template = (catalog.roots[0].path / "frameworks" / "2021.toml").read_text("utf-8")
    written = 0
    year = 2026
    while written < count:
        (root / "frameworks").mkdir(parents=True, exist_ok=True)
        (root / "frameworks" / f"{year}.toml").write_text(template.replace("year = 2021", f"year = {year}"), "utf-8")
        for index, place in enumerate(JURISDICTIONS):
            if written == count:
                break
            issues = []
            for result in seed.issues:
                area = framework.issue(result.number)
                score = round((index * 7 + result.number * 3 + year) % int(area.max_score * 2) / 2, 1)
                issues.append(
                    IssueResult(
                        result.number,
                        framework.grade_for(score, area.max_score),
                        score,
                        result.accomplished,
                        result.gaps,
                    )
                )
            total = sum(r.score for r in issues) + sum(e.points for e in seed.extra_credit)
            card = replace(
                seed,
                state=place.name,
                code=place.code,
                year=year,
                issues=tuple(issues),
                score=total,
                grade=framework.grade_for(total, framework.max_score),
                links={},
            )
            folder = root / "cards" / str(year)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{place.slug}.toml").write_text(card_to_toml(card), "utf-8")
            written += 1
        year += 1
    return written


def run(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one run of ``command``."""
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def instructions(command: list[str], env: dict[str, str]) -> int:
    """Instructions executed, counted by valgrind's callgrind: the same on every run, unlike time."""
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/out", *command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        ).stderr
    return int(re.search(r"Collected : (\d+)", out).group(1))


def report(title: str, values: dict[str, float], ratio_of, unit: str) -> bool:
    print(title)
    for name, value in values.items():
        print(f"  {name:<34} {value:10.1f} {unit}")
    failed = False
    for (name, baseline), target in TARGETS.items():
        ratio = ratio_of(name, baseline)
        failed |= ratio > target
        print(
            f"  {name:<34} / {baseline:<11} {ratio:5.2f}x  target ≤ {target:.2f}x  {'ok' if ratio <= target else 'MISSED'}"
        )
    ratio = ratio_of("show --format table", "typer+rich")
    print(
        f"  {'show --format table':<34} / {'typer+rich':<11} {ratio:5.2f}x  (no target: the Rich table a terminal gets)"
    )
    return not failed


def main() -> None:
    parser = argparse.ArgumentParser(description="gapcli start-up benchmark")
    parser.add_argument("--runs", type=int, default=11, help="rounds (the median is taken; at least 9)")
    parser.add_argument("--cards", type=int, default=2000, help="generated user cards for the last case")
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions under valgrind (slow, exact)"
    )
    args = parser.parse_args()
    gapcli = shutil.which("gapcli")
    if gapcli is None:
        sys.exit("gapcli is not on PATH: pip install . first")
    with tempfile.TemporaryDirectory() as temporary:
        tmp = Path(temporary)
        (tmp / "plain.py").write_text(PLAIN_APP)
        (tmp / "rich_app.py").write_text(RICH_APP)
        base = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        empty = {**base, "XDG_DATA_HOME": str(tmp / "empty-data"), "XDG_CACHE_HOME": str(tmp / "cache-a")}
        loaded = {**base, "XDG_DATA_HOME": str(tmp / "data"), "XDG_CACHE_HOME": str(tmp / "cache-b")}
        made = make_user_cards(tmp / "data" / "gapcli", args.cards)
        cases = {
            "typer": ([sys.executable, str(tmp / "plain.py")], empty),
            "typer+rich": ([sys.executable, str(tmp / "rich_app.py")], empty),
            "show --json": ([gapcli, "show", "connecticut", "--json"], empty),
            "show": ([gapcli, "show", "connecticut"], empty),  # piped: plain text, as gh does
            "show --format table": ([gapcli, "show", "connecticut", "--format", "table"], empty),
            "rank --json": ([gapcli, "rank", "--json"], empty),
            "--help": ([gapcli, "--help"], empty),
            "rank --json, user cards": ([gapcli, "rank", "--json"], loaded),
        }
        cold_wall = run(*cases["rank --json, user cards"])  # the first run fills the parse cache
        walls: dict[str, list[float]] = {name: [] for name in cases}
        order = list(cases)
        shuffle = random.Random(7).shuffle  # a new order each round, so no case always follows the same one
        for _ in range(max(args.runs, 9)):
            shuffle(order)
            for name in order:
                walls[name].append(run(*cases[name]))
        counted = (
            {name: instructions(command, env) / 1e6 for name, (command, env) in cases.items()}
            if args.instructions
            else None
        )
    wall = {name: statistics.median(values) * 1000 for name, values in walls.items()}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {made:,} generated user cards")
    print(f"first run with user cards (empty parse cache): {cold_wall * 1000:.1f} ms")
    ok = report(
        f"wall time, median of {max(args.runs, 9)} rounds (shuffled order); ratio = median of the per-round ratios",
        wall,
        lambda key, base: statistics.median(a / b for a, b in zip(walls[key], walls[base], strict=False)),
        "ms",
    )
    if counted is not None:
        ok = (
            report(
                "instructions (valgrind callgrind; exact and repeatable)",
                counted,
                lambda key, base: counted[key] / counted[base],
                "M",
            )
            and ok
        )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
