"""The project's checks, as CI runs them: lint, format, types, tests. Exit non-zero on the first failure.

.venv/bin/python scripts/check.py          # what README's test command and .ci/run run
.venv/bin/python scripts/check.py -k rank  # extra arguments go to pytest

The tests run three times: with the Typer this environment has (the newest the pin allows, in
a fresh install), then the CLI tests again with Typer's fast path turned off
(``GAPCLI_TYPER_FAST=0``: the same answers off it), then the whole suite with the oldest
Typer the pin allows, in an environment made beside this one (``.venv/typer-X``, kept for
the next run) that has that Typer and sees this one's packages for everything else.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREES = ["src", "tests", "scripts", "bench"]


def main() -> int:
    tests = ["-n", "auto", *sys.argv[1:]]  # pytest-xdist: one worker per CPU
    steps: list[tuple[list[str], dict[str, str], str]] = [
        ([sys.executable, "-m", "ruff", "check", *TREES], {}, ""),
        ([sys.executable, "-m", "ruff", "format", "--check", *TREES], {}, ""),
        ([sys.executable, "-m", "mypy"], {}, ""),
        ([sys.executable, "-m", "pytest", *tests], {}, f"typer {_version(sys.executable)}"),
        ([sys.executable, "-m", "pytest", *tests, "tests/cli"], {"GAPCLI_TYPER_FAST": "0"}, "the fast path off"),
    ]
    for step, env, why in steps:
        if _step(step, env, why):
            return 1
    python = _environment_with_typer(_oldest_typer())
    return _step([str(python), "-m", "pytest", *tests], {}, f"typer {_version(str(python))}, the oldest the pin allows")


def _step(command: list[str], env: dict[str, str], why: str) -> int:
    """Run one check; print it, then its wall and CPU seconds (the extra Typer runs' cost shows in CI's log)."""
    shown = " ".join([*(f"{name}={value}" for name, value in env.items()), *command])
    print(f"$ {shown}{f'  # {why}' if why else ''}", flush=True)
    start, cpu = time.perf_counter(), _children_cpu()
    code = subprocess.run(command, cwd=ROOT, env=os.environ | env).returncode
    print(f"({time.perf_counter() - start:.0f} s, {_children_cpu() - cpu:.0f} CPU s)", flush=True)
    return code


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _oldest_typer() -> str:
    """The lower bound of pyproject.toml's Typer pin (``typer>=X,<Y``)."""
    pin = re.search(r'"typer>=([0-9.]+),', (ROOT / "pyproject.toml").read_text("utf-8"))
    if pin is None:
        raise SystemExit("check.py: pyproject.toml pins no lower bound for typer (typer>=X,<Y)")
    return pin.group(1)


def _version(python: str) -> str:
    if not Path(python).exists():
        return "(none)"
    done = subprocess.run([python, "-c", "import typer; print(typer.__version__)"], capture_output=True, text=True)
    return done.stdout.strip() or f"(none: {done.stderr.strip()[-200:]})"


def _environment_with_typer(version: str) -> Path:
    """``.venv/typer-VERSION/bin/python``: Typer VERSION, and through a .pth file this venv's other packages."""
    home = Path(sys.prefix) / f"typer-{version}"
    python = home / "bin" / "python"
    if _version(str(python)) == version:
        return python
    shutil.rmtree(home, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(home)], check=True)
    found = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    site = Path(found.stdout.strip())
    # click: Typer before 0.26 runs on it (later ones carry their own); the rest (rich...) are this venv's
    install = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "-q",
        "--no-deps",
        "--target",
        str(site),
        f"typer=={version}",
        "click",
    ]
    subprocess.run(install, check=True)
    (site / "gapcli-checks.pth").write_text(f"import site; site.addsitedir({sysconfig.get_path('purelib')!r})\n")
    for tool in (Path(sys.prefix) / "bin").iterdir():  # the tests look for gapcli, datasette... beside the interpreter
        made = home / "bin" / tool.name
        if tool.name == "gapcli":
            made.write_text(f"#!{python}\n{tool.read_text('utf-8').split(chr(10), 1)[1]}")
            made.chmod(0o755)
        elif not made.exists():
            made.symlink_to(tool)
    return python


if __name__ == "__main__":
    sys.exit(main())
