"""The bundled data parsed at build time (catalog/snapshot.py): the same data, and no parse at run time."""

import shutil

import pytest

from conftest import ROOT
from gapcli import api
from gapcli.catalog import snapshot, tomlfile
from gapcli.catalog.catalog import Catalog


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the bundled data with its snapshot, as the wheel has it."""
    folder = tmp_path_factory.mktemp("wheel") / "data"
    for part in ("frameworks", "cards"):
        shutil.copytree(ROOT / "data" / part, folder / part)
    shutil.copy(ROOT / "data" / "no-edition.toml", folder / "no-edition.toml")
    (folder / snapshot.FILE_NAME).write_bytes(snapshot.build(folder))
    return folder


def test_every_bundled_file_is_in_the_snapshot_as_parsed(built):
    found = snapshot.Snapshot(built)
    paths = sorted([*built.glob("*/**/*.toml"), built / "no-edition.toml"])
    assert len(paths) > 280
    for path in paths:
        assert found.get(path) == tomlfile.read_toml(path), path


def test_each_cards_code_and_grade_are_in_the_index_as_parsed(built):
    found = snapshot.Snapshot(built)
    cards = sorted(built.glob("cards/*/*.toml"))
    for path in cards:
        parsed = tomlfile.read_toml(path)
        assert found.summary(path) == (parsed["code"], parsed.get("grade")), path
    assert {found.summary(p)[1] for p in cards} >= {"A", "F", None}  # a card with only some figures has no grade
    assert found.summary(built / "frameworks" / "2021.toml") == (None, None)


def test_an_index_of_an_older_layout_is_no_snapshot(built, tmp_path):
    import marshal

    folder = tmp_path / "data"
    shutil.copytree(built, folder)
    whole = (folder / snapshot.FILE_NAME).read_bytes()
    size = int.from_bytes(whole[:4], "little")
    index = {name: entry[:3] for name, entry in marshal.loads(whole[4 : 4 + size]).items()}  # no code or grade
    head = marshal.dumps(index, snapshot.VERSION)
    (folder / snapshot.FILE_NAME).write_bytes(len(head).to_bytes(4, "little") + head + whole[4 + size :])
    card = folder / "cards" / "2021" / "florida.toml"
    assert snapshot.Snapshot(folder).get(card) is None and snapshot.Snapshot(folder).summary(card) is None


def test_a_run_on_the_snapshot_parses_nothing_and_answers_alike(built, monkeypatch):
    expected = list(api.export_json(catalog=Catalog.open(user=False, cache_dir=False)))
    parsed = []
    import gapcli.catalog.cache as cache_module

    real = cache_module.parse_toml
    monkeypatch.setattr(cache_module, "parse_toml", lambda raw, name: parsed.append(name) or real(raw, name))
    found = list(api.export_json(catalog=Catalog.open(bundled=built, user=False, cache_dir=False)))
    snapshot_states = [
        api.states(year, catalog=Catalog.open(bundled=built, user=False, cache_dir=False)) for year in (None, 2021)
    ]
    assert parsed == []
    assert [line.replace(str(built), "") for line in found] == [
        line.replace(str(ROOT / "data"), "") for line in expected
    ]
    assert snapshot_states == [
        api.states(year, catalog=Catalog.open(user=False, cache_dir=False)) for year in (None, 2021)
    ]
    assert parsed  # the check above sees parsing: without the snapshot, every file is parsed


def test_a_file_changed_since_the_build_is_read_from_itself(built, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(built, folder)
    card = folder / "cards" / "2021" / "florida.toml"
    card.write_text(card.read_text("utf-8").replace("\n", "\n\n", 1), "utf-8")  # one byte more
    from gapcli.states import by_code

    assert snapshot.Snapshot(folder).get(card) is None
    assert Catalog.open(bundled=folder, user=False, cache_dir=False).card(by_code("FL"), 2021).state == "Florida"


def test_no_snapshot_or_a_broken_one_is_no_snapshot(built, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(built, folder)
    path = folder / "cards" / "2021" / "florida.toml"
    (folder / snapshot.FILE_NAME).write_bytes(b"\xff\xff\xff\x7fbroken")
    assert snapshot.Snapshot(folder).get(path) is None
    (folder / snapshot.FILE_NAME).unlink()
    assert snapshot.Snapshot(folder).get(path) is None


PROBE = """
import atexit, sys
from pathlib import Path
import gapcli.catalog.catalog as catalog
BUNDLED = Path(sys.argv[1])
catalog.bundled_data_dir = lambda: BUNDLED
heavy = ("sqlite3", "platformdirs", "lz4", "tomli", "tomllib", "rtoml", "json")
atexit.register(lambda: print("loaded:", *sorted(m for m in heavy if m in sys.modules), file=sys.stderr))
sys.argv = ["gapcli", *sys.argv[2:]]
from gapcli.__main__ import main
main()
"""


@pytest.mark.parametrize(
    "args, loaded",
    [(["show", "ct"], []), (["rank"], []), (["show", "ct", "--json"], ["json"]), (["states", "--json"], ["json"])],
)
def test_bundled_answers_need_no_parser_no_cache_and_no_platformdirs(built, tmp_path, args, loaded):
    """With the snapshot, a question the bundled cards answer imports none of them (json: for --json output)."""
    import subprocess
    import sys

    env = {"XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CACHE_HOME": str(tmp_path / "c"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", PROBE, str(built), *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1].split() == ["loaded:", *loaded]
