"""Every recipe of the README runs, as written, against the installed gapcli."""

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import GAPCLI, ROOT

JQ_SHIM = '''#!{python}
"""jq for the recipes where the jq program is not installed: the same language, from PyPI's jq."""
import sys, jq
args = sys.argv[1:]
raw = "-r" in args
compact = "-c" in args
program = [a for a in args if not a.startswith("-")][0]
for value in jq.compile(program).input_text(sys.stdin.read()).all():
    if raw and isinstance(value, str):
        print(value)
    else:
        import json
        print(json.dumps(value, separators=(",", ":") if compact else None, ensure_ascii=False))
'''
SQLITE_SHIM = '''#!{python}
"""sqlite3 DATABASE SQL, where the sqlite3 program is not installed: rows as its default output prints them."""
import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
'''
SHIMS = {"jq": JQ_SHIM, "sqlite3": SQLITE_SHIM}


def recipes() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("## Recipes") : text.index("## Data\n")]
    return re.findall(r"```(sh|python)\n(.*?)```", section, re.S)


@pytest.fixture
def environment(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(GAPCLI, bin_dir / "gapcli")
    for tool, shim in SHIMS.items():
        if os.environ.get("GAPCLI_TEST_SHIMS") or shutil.which(tool) is None:
            (bin_dir / tool).write_text(shim.format(python=sys.executable))
            (bin_dir / tool).chmod(0o755)
    path = os.pathsep.join([str(bin_dir), os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    return {
        **os.environ,
        "PATH": path,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }


def held_beside_published(out: str) -> bool:
    """Recipe 2: per edition, the published counts (unknown as <NA>, never 0) and then the cards held."""
    from gapcli import api
    from gapcli.model import GRADES

    lines = out.splitlines()
    if "not published" not in lines[0] or "cards gapcli holds" not in lines[0]:
        return False
    if lines[1].split() != [*GRADES, *GRADES, "not", "known"]:
        return False
    rows = {int(line.split()[0]): line.split()[1:] for line in lines[2:]}
    records = list(api.export())
    for year in (2011, 2013, 2021, 2025):
        facts = api.stats(year)["published"]
        printed = {g: None if g in facts["grade_counts_derived"] else n for g, n in facts["grade_counts"].items()}
        held = [sum(1 for r in records if r["year"] == year and r["grade"] == g) for g in [*GRADES, None]]
        if rows[year] != ["<NA>" if printed[g] is None else str(printed[g]) for g in GRADES] + [str(n) for n in held]:
            return False
    return rows[2021][:2] == ["<NA>", "<NA>"]  # 2021's A and B: 0 by arithmetic, printed by no source


def test_the_readme_has_the_five_recipes():
    assert [kind for kind, _ in recipes()] == ["sh", "python", "python", "sh", "sh"]


@pytest.mark.parametrize("index", range(5))
def test_recipe_runs(index, environment, tmp_path):
    kind, code = recipes()[index]
    command = ["bash", "-euo", "pipefail", "-c", code] if kind == "sh" else [sys.executable, "-c", code]
    result = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    expected = [
        lambda: out.splitlines()[:2] == ["1\tFL\t72.5\tof 51", "12-47\tIA\t48.5\tof 51"] and len(out.splitlines()) == 6,
        lambda: held_beside_published(out),
        lambda: out.split()[:2] == ["id", "issue"] and len(out.splitlines()) == 4 and out.split()[2] == "1.6",
        lambda: (
            out.splitlines() == ["met|IL", "unknown|" + out.splitlines()[1].split("|", 1)[1], "unmet|CT KS MO"]
            and "FL" in out
        ),
        lambda: out.splitlines()[0] == '{"a":"FL","b":"IA","delta":-24}' and len(out.splitlines()) == 5,
    ]
    assert expected[index](), out
