"""The project's checks, as CI runs them: lint, format, types, tests. Exit non-zero on the first failure.

.venv/bin/python scripts/check.py          # what README's test command and .ci/run run
.venv/bin/python scripts/check.py -k rank  # extra arguments go to pytest
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREES = ["src", "tests", "scripts", "bench"]


def main() -> int:
    steps = [
        ["ruff", "check", *TREES],
        ["ruff", "format", "--check", *TREES],
        ["mypy"],
        ["pytest", "-n", "auto", *sys.argv[1:]],  # pytest-xdist: one worker per CPU
    ]
    for step in steps:
        print(f"$ {' '.join(step)}", flush=True)
        code = subprocess.run([sys.executable, "-m", *step], cwd=ROOT).returncode
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
