"""Where a start-up goes: a command's instructions split into the parts the stack fixes and gapcli's.

    python bench/floor.py [--command "show connecticut --json"] ...

Run it as ``bench/bench.py`` is run: a regular ``pip install .`` in a venv of its own, valgrind
on the PATH. Each part is the difference of two processes counted under callgrind (instruction
counts do not drift with the machine's load):

- ``import typer``: the floor of issue #28's start-up targets (every JSON and plain command ≤ 1.15× it);
- the modules the command loads after ``import typer`` (gapcli's, the standard library's, Typer's lazy
  ones), imported in the order the command loads them (read from ``sys.modules``); of that, what
  Python's import system spends on any module, measured on as many empty modules (compiled ``.pyc``
  files, as pip writes);
- Typer building the root group, then the one command (``gapcli.cli.app.build_command``; its module
  is imported by then);
- the rest of the run: parsing the arguments, reading the card, the answer, printing it.

It prints each part and what the command would cost with the parts the stack fixes taken away
(Typer's building and the import system's per-module cost): the least a command of this design
can come to while it is built with Typer and written as modules of a few hundred lines.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import instructions as callgrind_count  # bench/bench.py: this script's folder is first on sys.path

LIMIT = 1.15
DEFAULT_COMMANDS = ["show connecticut --json", "data path --json", "rank --json", "states --json"]

LOADED = """
import os, sys, typer, typer.main
before = set(sys.modules)
sys.argv = ["gapcli", *sys.argv[1:]]
from gapcli.cli.run import run
out, sys.stdout = sys.stdout, open(os.devnull, "w")
run()
sys.stdout = out
print(" ".join(name for name in sys.modules if name not in before))
"""

STEP = """
import importlib, sys, typer, typer.main
for name in {modules!r}:
    importlib.import_module(name)
if {step} >= 1:
    from gapcli.cli.app import app
    typer.main.get_command(app)
if {step} >= 2:
    from gapcli.cli.app import build_command
    build_command({command!r})
"""


def instructions(argv: list[str], env: dict[str, str]) -> float:
    """Millions of instructions one process executes (``bench.py``'s count, under callgrind)."""
    return callgrind_count(argv, env) / 1e6


def empty_modules(folder: Path, count: int) -> Path:
    """A package of ``count`` empty modules with their ``.pyc`` written, and a script importing them all."""
    package = folder / "emptypkg"
    package.mkdir()
    for index in range(count):  # the package counts as one
        (package / ("__init__.py" if index == 0 else f"m{index}.py")).write_text("")
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(package)],
        check=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""},
    )
    script = folder / "empties.py"
    names = ["emptypkg", *(f"emptypkg.m{i}" for i in range(1, count))]
    script.write_text(
        f"import importlib, sys, typer\nsys.path.insert(0, {str(folder)!r})\n"
        + "".join(f"importlib.import_module({name!r})\n" for name in names)
    )
    return script


def command_name(argv: list[str]) -> str:
    """The registry entry a command line runs (``data path``, ``show``)."""
    return " ".join(argv[:2]) if argv[0] == "data" else argv[0]


def main() -> None:
    parser = argparse.ArgumentParser(description="gapcli start-up, part by part")
    parser.add_argument("--command", action="append", help="a command line, quoted (default: four)")
    args = parser.parse_args()
    gapcli = shutil.which("gapcli")
    if gapcli is None or shutil.which("valgrind") is None:
        sys.exit("needs gapcli (pip install .) and valgrind on PATH")
    with tempfile.TemporaryDirectory() as temporary:
        tmp = Path(temporary)
        env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        env.update(XDG_DATA_HOME=str(tmp / "data"), XDG_CACHE_HOME=str(tmp / "cache"))
        floor = instructions([sys.executable, "-c", "import typer"], env)
        print(f"python {sys.version.split()[0]}; import typer: {floor:.1f} M instructions (the floor)")
        header = f"{'command':<26} {'total':>7} {'modules':>8} {'of it, import system':>21} {'root':>6} {'command':>8} {'run':>6}"
        print(header + "   ratio   without Typer's build and the import system")
        for line in args.command or DEFAULT_COMMANDS:
            argv = line.split()
            subprocess.run([gapcli, *argv], env=env, stdout=subprocess.DEVNULL, check=True)  # the caches warm
            modules = subprocess.run(
                [sys.executable, "-c", LOADED, *argv], env=env, capture_output=True, text=True, check=True
            ).stdout.split()
            folder = tmp / f"empty-{len(modules)}"
            if not folder.exists():
                folder.mkdir()
                empties = empty_modules(folder, len(modules))
            else:
                empties = folder / "empties.py"
            system = instructions([sys.executable, str(empties)], env) - floor
            steps = [
                instructions(
                    [sys.executable, "-c", STEP.format(modules=modules, step=s, command=command_name(argv))], env
                )
                for s in range(3)
            ]
            total = instructions([gapcli, *argv], env)
            imported, root, command, rest = steps[0] - floor, steps[1] - steps[0], steps[2] - steps[1], total - steps[2]
            least = total - system - root - command
            print(
                f"{line:<26} {total:7.1f} {imported:8.1f} {system:21.1f} {root:6.1f} {command:8.1f} {rest:6.1f}"
                f"   {total / floor:4.2f}x   {least:.1f} M, {least / floor:4.2f}x (target {LIMIT:.2f}x)"
            )
        print(
            "modules: those the command loads after `import typer`, in its order (gapcli's, the standard library's, Typer's lazy ones)"
        )


if __name__ == "__main__":
    main()
