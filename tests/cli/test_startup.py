"""What a run imports: a command's module only when it runs; JSON output never the views or Rich."""

import json
import subprocess
import sys

import pytest

PROBE = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(m for m in sys.modules if m.startswith(("gapcli", "rich")))), file=sys.stderr))
sys.argv = ["gapcli", *sys.argv[1:]]
from gapcli.__main__ import main
main()
"""


def imported(args, tmp_path) -> set[str]:
    env = {"XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CACHE_HOME": str(tmp_path / "c"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [["show", "ct", "--json"], ["rank", "--json"], ["data", "export", "--year", "2021"]])
def test_json_output_imports_neither_the_views_nor_rich(args, tmp_path):
    modules = imported(args, tmp_path)
    assert not {m for m in modules if m.startswith(("rich", "gapcli.views", "gapcli.formats.table"))}, modules
    others = {"gapcli.cli.cards", "gapcli.cli.compare", "gapcli.cli.plan", "gapcli.cli.importing", "gapcli.cli.data"}
    ran = {"show": "gapcli.cli.cards", "rank": "gapcli.cli.compare", "data": "gapcli.cli.data"}[args[0]]
    assert ran in modules and not (others - {ran}) & modules  # the module of the command run, and no other


def test_a_table_imports_the_views_and_rich_it_draws_with(tmp_path):
    modules = imported(["show", "ct", "--format", "table"], tmp_path)
    assert {"rich.table", "gapcli.views.cards", "gapcli.formats.table"} <= modules
    assert "gapcli.views.across" not in modules  # only the view asked for
