"""Start-up benchmark: gapcli against the floor its framework sets (issue #28's targets).

    python bench/bench.py [--runs 11] [--instructions]

Run it on a regular install (``pip install .`` in a venv of its own): an editable install adds
import overhead and has no snapshot of the bundled data. Each case runs once per round, in a
shuffled order, for --runs rounds; wall times are medians and wall ratios the median of the
per-round ratios (side by side in one run). With --instructions, each case also runs once under
valgrind's callgrind: instruction counts do not drift with the machine's load, and the targets
are judged on them (without it, on wall time). Every target is printed met or NOT MET; the exit
status is 1 if any is not met. Timing is noisy, so this is a script to read, never a test.

The floors: ``python -c "import typer"`` for every JSON and plain command; a script that imports
Typer and prints one Rich table for ``show --format table``; and ``show --json`` for ``--help``.
``gapcli show connecticut`` with stdout not a terminal prints plain text (gh's convention), which
is what a shell loop gets; the other cases name their format.
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

RICH_TABLE = """
import typer
from rich.console import Console
from rich.table import Table
table = Table("state", "grade")
table.add_row("Connecticut", "F")
Console().print(table)
"""

COMMANDS = {  # every JSON and plain command, against `import typer`
    "show --json": ["show", "connecticut", "--json"],
    "show (plain)": ["show", "connecticut"],
    "rank --json": ["rank", "--json"],
    "rank (plain)": ["rank"],
    "states --json": ["states", "--json"],
    "gaps --json": ["gaps", "--json"],
    "gaps --state --json": ["gaps", "--state", "ct", "--json"],
    "diff --json": ["diff", "ct", "fl", "--json"],
    "history --json": ["history", "ct", "--json"],
    "plan --json": ["plan", "ct", "--json"],
    "stats --json": ["stats", "--json"],
    "map --json": ["map", "--json"],
    "data path --json": ["data", "path", "--json"],
}
LIMIT = 1.15


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
    found = re.search(r"Collected : (\d+)", out)
    assert found is not None, out
    return int(found.group(1))


def targets(cards: int) -> list[tuple[str, str, float]]:
    """(case, its floor, the most the ratio may be)."""
    found = [(name, "import typer", LIMIT) for name in COMMANDS]
    found.append((f"rank --json, {cards:,} user cards", "import typer", LIMIT))
    found.append(("show --format table", "typer + one Rich table", LIMIT))
    found.append(("--help", "show --json", 1.0))
    return found


def fast_path_line() -> str:
    """Which Typer, and whether gapcli replaces its coercion (a lost fast path shows here, not as a failed test)."""
    import typer

    from gapcli.cli.values import fast_path

    state = "on" if fast_path() else "OFF (GAPCLI_TYPER_FAST=0, or a Typer cli/typerhooks.py does not know)"
    return f"typer {typer.__version__}; the Typer fast path (cli/values.py) is {state}"


def main() -> None:
    parser = argparse.ArgumentParser(description="gapcli start-up benchmark")
    parser.add_argument("--runs", type=int, default=11, help="rounds (the median is taken; at least 5)")
    parser.add_argument("--cards", type=int, default=2000, help="generated user cards for the last case")
    parser.add_argument("--instructions", action="store_true", help="count instructions under valgrind (exact)")
    args = parser.parse_args()
    gapcli = shutil.which("gapcli")
    if gapcli is None:
        sys.exit("gapcli is not on PATH: pip install . first")
    with tempfile.TemporaryDirectory() as temporary:
        tmp = Path(temporary)
        (tmp / "rich_table.py").write_text(RICH_TABLE)
        base = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        empty = {**base, "XDG_DATA_HOME": str(tmp / "empty-data"), "XDG_CACHE_HOME": str(tmp / "cache-a")}
        loaded = {**base, "XDG_DATA_HOME": str(tmp / "data"), "XDG_CACHE_HOME": str(tmp / "cache-b")}
        made = make_user_cards(tmp / "data" / "gapcli", args.cards)
        cases: dict[str, tuple[list[str], dict[str, str]]] = {
            "import typer": ([sys.executable, "-c", "import typer"], empty),
            "typer + one Rich table": ([sys.executable, str(tmp / "rich_table.py")], empty),
            **{name: ([gapcli, *command], empty) for name, command in COMMANDS.items()},
            f"rank --json, {made:,} user cards": ([gapcli, "rank", "--json"], loaded),
            "show --format table": ([gapcli, "show", "connecticut", "--format", "table"], empty),
            "--help": ([gapcli, "--help"], empty),
        }
        for command, env in cases.values():  # warm: the parse caches filled, the .pyc files written
            run(command, env)
        walls: dict[str, list[float]] = {name: [] for name in cases}
        order = list(cases)
        shuffle = random.Random(7).shuffle  # a new order each round, so no case always follows the same one
        for _ in range(max(args.runs, 5)):
            shuffle(order)
            for name in order:
                walls[name].append(run(*cases[name]))
        counted = {name: instructions(*case) / 1e6 for name, case in cases.items()} if args.instructions else None
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {made:,} generated user cards")
    print(fast_path_line())
    print(f"{'case':<34} {'wall ms':>8} {'instr M':>9}")
    for name in cases:
        wall = statistics.median(walls[name]) * 1000
        print(f"{name:<34} {wall:8.1f} {counted[name] if counted else float('nan'):9.1f}")
    measure = "instructions" if counted else "wall time (run with --instructions for the measure the targets name)"
    print(f"targets, judged on {measure}:")
    met_all = True
    for name, floor, limit in targets(made):
        wall_ratio = statistics.median(a / b for a, b in zip(walls[name], walls[floor], strict=True))
        ratio = counted[name] / counted[floor] if counted else wall_ratio
        met = ratio <= limit
        met_all &= met
        print(
            f"  {name:<34} / {floor:<22} {ratio:5.2f}x (wall {wall_ratio:4.2f}x)  target <= {limit:.2f}x"
            f"  {'met' if met else 'NOT MET'}"
        )
    sys.exit(0 if met_all else 1)


if __name__ == "__main__":
    main()
