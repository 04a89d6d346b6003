"""The parse cache cannot hang, poison or slow a command: each fault is discarded, rebuilt or skipped."""

import json
import os
import sqlite3
import stat
import subprocess
import time
import zlib

import pytest

import gapcli.catalog.cache as cache_module
from gapcli.catalog import cacherows
from gapcli.catalog.cache import FILE_NAME, ParseCache
from gapcli.catalog.cacherows import ZLIB
from gapcli.catalog.catalog import Catalog
from gapcli.importer.tomlwrite import card_to_toml
from gapcli.model import Card
from gapcli.states import by_code

pytestmark = pytest.mark.timeout(20)


def florida(user_dir, score=71.5):
    path = user_dir / "cards" / "2021" / "florida.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(card_to_toml(Card("Florida", "FL", 2021, grade="C", score=score)), "utf-8")
    return path


def set_row(cache_dir, path, data: str, record: str | None = None, **columns):
    """Write a row's stream by hand, as anyone able to edit the cache could (``record``: its record part)."""
    stream = (record or "").encode() + data.encode()
    sets = ", ".join(f"{name} = ?" for name in ["blob", "record_len", "length", *columns])
    with sqlite3.connect(cache_dir / FILE_NAME) as db:
        changed = db.execute(
            f"UPDATE files SET {sets} WHERE path = ?",
            (ZLIB + zlib.compress(stream), len((record or "").encode()), len(stream), *columns.values(), str(path)),
        )
        assert changed.rowcount == 1


def stream_of(cache_dir, path) -> tuple[bytes, int]:
    """A row's stream, inflated as gapcli does, and the length of its record part."""
    with sqlite3.connect(cache_dir / FILE_NAME) as db:
        found = db.execute("SELECT * FROM files WHERE path = ?", (str(path),)).fetchone()
    row = cacherows.row_from(found[1:])
    return cacherows.inflated(row, 1 << 30), row.record_len


def score(user_dir, cache_dir):
    catalog = Catalog.open(user=user_dir, cache_dir=cache_dir)
    found = catalog.card(by_code("FL"), 2021).score
    catalog.save_cache()
    return found, catalog.warnings


@pytest.mark.parametrize(
    "spoil",
    [
        lambda f: f.write_text('{"format":1,"entries":[]}', "utf-8"),  # the old JSON cache's shape
        lambda f: f.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100),  # a truncated database
        lambda f: sqlite3.connect(f).executescript(
            "CREATE TABLE entries (x); PRAGMA user_version = 2;"
        ),  # wrong columns
        lambda f: os.mkfifo(f),
        lambda f: f.symlink_to("/dev/zero"),
        lambda f: f.mkdir(),
    ],
    ids=["old-json", "truncated", "wrong-columns", "fifo", "dev-zero", "directory"],
)
def test_a_spoiled_cache_is_never_trusted_and_never_hangs(user_dir, tmp_path, spoil):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    florida(user_dir)
    spoil(cache_dir / FILE_NAME)
    assert score(user_dir, cache_dir) == (71.5, [])
    assert score(user_dir, cache_dir) == (71.5, [])  # and again, from whatever the cache became


def test_a_poisoned_row_with_a_matching_stamp_is_parsed_afresh(user_dir, tmp_path):
    cache_dir = tmp_path / "cache"
    path = florida(user_dir)
    score(user_dir, cache_dir)
    # same stamp, bad data: a card that fails validation
    set_row(cache_dir, path, json.dumps({"state": "Florida", "code": "FL", "year": 2021, "score": -5}))
    assert score(user_dir, cache_dir) == (71.5, [])
    set_row(cache_dir, path, "[1, 2]")  # same stamp, not a table at all
    assert score(user_dir, cache_dir) == (71.5, [])
    with sqlite3.connect(cache_dir / FILE_NAME) as db:  # same stamp, not a zlib stream
        db.execute("UPDATE files SET blob = x'00ff' WHERE path = ?", (str(path),))
    assert score(user_dir, cache_dir) == (71.5, [])


def test_show_reads_only_the_rows_of_its_state(user_dir, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    florida(user_dir)
    catalog = Catalog.open(user=user_dir, cache_dir=cache_dir)
    catalog.all_cards()
    catalog.save_cache()
    looked_up: list[str] = []
    original = ParseCache._lookup
    monkeypatch.setattr(
        ParseCache, "_lookup", lambda self, key, stamp: looked_up.append(key) or original(self, key, stamp)
    )
    Catalog.open(user=user_dir, cache_dir=cache_dir).card(by_code("CT"))
    cards = [k for k in looked_up if "/cards/" in k]
    assert cards and all(k.endswith("/connecticut.toml") for k in cards)


def test_a_cache_that_cannot_be_written_costs_nothing_but_speed(user_dir, tmp_path):
    florida(user_dir)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert score(user_dir, blocker / "cache") == (71.5, [])  # the cache folder cannot be made
    assert list(tmp_path.glob("**/*.tmp")) == []


def test_deleted_files_rows_are_dropped(user_dir, tmp_path):
    cache_dir = tmp_path / "cache"
    path = florida(user_dir)
    catalog = Catalog.open(user=user_dir, cache_dir=cache_dir)
    catalog.cards_for_year(2021)
    catalog.save_cache()
    path.unlink()
    catalog = Catalog.open(user=user_dir, cache_dir=cache_dir)
    catalog.cards_for_year(2021)
    catalog.save_cache()
    with sqlite3.connect(cache_dir / FILE_NAME) as db:
        assert db.execute("SELECT count(*) FROM files WHERE path = ?", (str(path),)).fetchone() == (0,)


def export(user_dir, cache_dir) -> tuple[list[dict], list[str]]:
    from gapcli import api

    catalog = Catalog.open(user=user_dir, cache_dir=cache_dir)
    records = list(api.export(2021, catalog=catalog))
    catalog.save_cache()
    return records, catalog.warnings


def test_finished_records_are_served_until_the_card_or_its_framework_changes(user_dir, tmp_path, monkeypatch):
    import gapcli.query.cards as cards_module

    cache_dir = tmp_path / "cache"
    path = florida(user_dir)
    first, _ = export(user_dir, cache_dir)
    built: list[str] = []
    real = cards_module.card_record
    monkeypatch.setattr(
        cards_module, "card_record", lambda card, fw, newer=(): built.append(card.code) or real(card, fw, newer)
    )
    again, _ = export(user_dir, cache_dir)
    assert again == first and built == []  # every record from the cache: nothing parsed, checked or built
    path.write_text(path.read_text("utf-8").replace("71.5", "70"), "utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    changed, _ = export(user_dir, cache_dir)
    assert built == ["FL"] and next(c for c in changed if c["code"] == "FL")["score"] == 70
    built.clear()
    framework = user_dir / "frameworks" / "2021.toml"
    framework.parent.mkdir(parents=True)
    from gapcli.catalog.folders import bundled_data_dir

    framework.write_text(
        (bundled_data_dir() / "frameworks" / "2021.toml")
        .read_text("utf-8")
        .replace("Criminal Provisions", "Criminal Law")
    )
    renamed, _ = export(user_dir, cache_dir)
    assert len(built) == 51 and renamed[0]["issues"][0]["name"] == "Criminal Law"


def test_a_poisoned_record_row_is_rebuilt_and_a_broken_user_card_falls_back(user_dir, tmp_path):
    cache_dir = tmp_path / "cache"
    path = florida(user_dir)
    first, _ = export(user_dir, cache_dir)
    stream, length = stream_of(cache_dir, path)
    assert length > 0 and stream[:length].decode() == json.dumps(
        next(c for c in first if c["code"] == "FL"), ensure_ascii=False, separators=(",", ":")
    )  # the record is kept, once, as it is written out, in the card's own row
    set_row(cache_dir, path, stream[length:].decode(), record="not json")
    assert export(user_dir, cache_dir)[0] == first
    path.write_text("state = \n", "utf-8")
    records, warnings = export(user_dir, cache_dir)
    assert next(c for c in records if c["code"] == "FL")["score"] == 72.5  # the bundled card again
    assert any("florida.toml:1: malformed TOML" in w for w in warnings)


def cache_modes(cache_dir):
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in [cache_dir, *cache_dir.iterdir()]}


def test_the_cache_is_private_from_the_start(user_dir, tmp_path):
    """What the cache holds is what the user's files hold: no one else may read it, whatever the umask."""
    cache_dir = tmp_path / "cache" / "gapcli"
    florida(user_dir)
    old = os.umask(0o022)
    try:
        score(user_dir, cache_dir)
    finally:
        os.umask(old)
    modes = cache_modes(cache_dir)
    assert modes.pop("gapcli") == 0o700 and modes and set(modes.values()) == {0o600}, modes


def test_a_readable_cache_is_tightened(user_dir, tmp_path):
    cache_dir = tmp_path / "cache"
    florida(user_dir)
    score(user_dir, cache_dir)
    cache_dir.chmod(0o755)
    (cache_dir / FILE_NAME).chmod(0o644)
    (cache_dir / f"{FILE_NAME}-wal").write_bytes(b"")  # a leftover of a killed run, as SQLite made it
    (cache_dir / f"{FILE_NAME}-wal").chmod(0o644)
    assert score(user_dir, cache_dir) == (71.5, [])  # a run that only reads the cache
    modes = cache_modes(cache_dir)
    assert modes.pop("cache") == 0o700 and set(modes.values()) == {0o600}, modes


def test_a_same_size_rewrite_that_keeps_the_mtime_is_seen(user_dir, tmp_path, run, monkeypatch):
    """``cp -p`` onto the file: same inode, same size, same mtime; only the ctime tells (the
    file is taken as old, so that no digest is kept: the stamp alone must see it)."""

    monkeypatch.setattr(cacherows, "RACY_NS", 0)
    path = florida(user_dir, score=71.5)
    assert run("show", "fl", "--year", "2021", "--json").exit_code == 0  # cached
    edited = tmp_path / "edited.toml"
    edited.write_text(path.read_text("utf-8").replace("71.5", "70.5"), "utf-8")
    os.utime(edited, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
    before = path.stat()
    subprocess.run(["cp", "-p", str(edited), str(path)], check=True)
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)
    assert json.loads(run("show", "fl", "--year", "2021", "--json").stdout)["score"] == 70.5


def test_a_rewrite_within_one_timestamp_tick_is_caught_by_the_digest(user_dir, tmp_path, monkeypatch):
    """The one change a stamp cannot see: same stamp, other bytes, within RACY_NS of the read.
    Made here by writing the file's row with its very stamp, as if read just before the rewrite."""

    cache_dir = tmp_path / "cache"
    path = florida(user_dir, score=71.5)
    assert score(user_dir, cache_dir)[0] == 71.5
    with sqlite3.connect(cache_dir / FILE_NAME) as db:
        digest = db.execute("SELECT digest FROM files WHERE path = ?", (str(path),)).fetchone()[0]
        assert digest is not None  # written just now: racy, so its bytes' digest is kept
    set_row(cache_dir, path, json.dumps({"state": "Florida", "code": "FL", "year": 2021, "grade": "C", "score": 99}))
    assert score(user_dir, cache_dir)[0] == 71.5  # the digest does not match the row's data: parsed again
    monkeypatch.setattr(cacherows, "RACY_NS", 0)  # the file is old now: its next read drops the digest
    assert score(user_dir, cache_dir)[0] == 71.5
    assert score(user_dir, cache_dir)[0] == 71.5
    with sqlite3.connect(cache_dir / FILE_NAME) as db:
        assert db.execute("SELECT digest FROM files WHERE path = ?", (str(path),)).fetchone() == (None,)


@pytest.mark.parametrize(
    "poison",
    [
        "[" * 100_000 + "]" * 100_000,  # deeper than the JSON decoder goes
        json.dumps({"state": "Florida", "x": "y" * 2_000_000}),  # out of proportion to a 100-byte file
        json.dumps({"state": "Florida", "code": "FL", "year": 2021, "issues": [{"number": 1}] * 90_000}),
    ],
    ids=["deep", "huge", "90,000 issues"],
)
def test_a_poisoned_row_out_of_proportion_is_ignored_cheaply(user_dir, tmp_path, poison):
    cache_dir = tmp_path / "cache"
    path = florida(user_dir, score=71.5)
    score(user_dir, cache_dir)
    set_row(cache_dir, path, poison, digest=None)
    started = time.process_time()
    assert score(user_dir, cache_dir) == (71.5, [])
    assert time.process_time() - started < 2


@pytest.mark.parametrize(
    "spoil",
    [
        {"length": 1 << 40},  # claims more than any row of a 100-byte file may hold
        {"blob": ZLIB + zlib.compress(b"{" + b" " * 50_000_000 + b"}"), "length": 50_000_002},  # a zip bomb
        {"blob": ZLIB + zlib.compress(b" " * 50_000_000)},  # a stream longer than its length says
        {"blob": b"\x07" + zlib.compress(b"{}"), "length": 2},  # no codec gapcli knows
        {"record_len": -3},
    ],
    ids=["huge-length", "zip-bomb", "longer-than-said", "unknown-codec", "negative-record"],
)
def test_a_stream_out_of_proportion_is_never_inflated(user_dir, tmp_path, spoil):
    cache_dir = tmp_path / "cache"
    path = florida(user_dir)
    export(user_dir, cache_dir)
    with sqlite3.connect(cache_dir / FILE_NAME) as db:
        sets = ", ".join(f"{name} = ?" for name in spoil)
        db.execute(f"UPDATE files SET {sets}, digest = NULL WHERE path = ?", (*spoil.values(), str(path)))
    started = time.process_time()
    records, warnings = export(user_dir, cache_dir)
    assert next(c for c in records if c["code"] == "FL")["score"] == 71.5 and warnings == []
    assert score(user_dir, cache_dir) == (71.5, [])
    assert time.process_time() - started < 2


def rows_of(cache_dir, path) -> int:
    with sqlite3.connect(cache_dir / FILE_NAME) as db:
        return db.execute("SELECT count(*) FROM files WHERE path = ?", (str(path),)).fetchone()[0]


def test_a_rewritten_card_replaces_its_one_row(user_dir, tmp_path):
    """One row per file, whatever is kept of it: parsed by `show`, then exported, then rewritten."""
    cache_dir = tmp_path / "cache"
    path = florida(user_dir, score=71.5)
    assert score(user_dir, cache_dir)[0] == 71.5
    assert stream_of(cache_dir, path)[1] == 0 and rows_of(cache_dir, path) == 1  # parsed TOML, no record yet
    export(user_dir, cache_dir)
    assert stream_of(cache_dir, path)[1] > 0 and rows_of(cache_dir, path) == 1
    path.write_text(path.read_text("utf-8").replace("71.5", "70.5"), "utf-8")
    records, _ = export(user_dir, cache_dir)
    assert next(c for c in records if c["code"] == "FL")["score"] == 70.5
    stream, length = stream_of(cache_dir, path)
    assert rows_of(cache_dir, path) == 1 and json.loads(stream[:length])["score"] == 70.5
    assert json.loads(stream[length:])["score"] == 70.5
    assert score(user_dir, cache_dir)[0] == 70.5


KILLED_EXPORT = """
import os, signal, sys
from pathlib import Path
import gapcli.catalog.cache as cache
cache.FLUSH_EVERY = 20
real = cache.ParseCache.save
calls = []
def save(self):
    calls.append(1)
    if len(calls) == int(sys.argv[3]):  # killed by SQLite's own callback, part-way through writing the rows
        steps = []
        def kill():
            steps.append(1)
            if len(steps) > 20:
                os.kill(os.getpid(), signal.SIGKILL)
            return 0
        self._connect(create=True).set_progress_handler(kill, 100)
    real(self)
cache.ParseCache.save = save
from gapcli import api
from gapcli.catalog.catalog import Catalog
catalog = Catalog.open(user=Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
for _ in api.export_json(None, catalog=catalog):
    pass
catalog.save_cache()
"""


def test_a_write_killed_part_way_leaves_a_cache_that_serves_only_what_was_committed(user_dir, tmp_path):
    import sys

    cache_dir = tmp_path / "cache"
    florida(user_dir, score=71.5)
    expected, _ = export(user_dir, tmp_path / "other-cache")
    for kill_at in (1, 5):  # the first bulk write (the covering index dropped), and a later one
        killed = subprocess.run([sys.executable, "-c", KILLED_EXPORT, str(user_dir), str(cache_dir), str(kill_at)])
        assert killed.returncode == -9
        assert export(user_dir, cache_dir)[0] == expected  # what was committed, or parsed again
        assert export(user_dir, cache_dir)[0] == expected
        with sqlite3.connect(cache_dir / FILE_NAME) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            indexes = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
            assert "files_summary" in indexes  # rebuilt by the next write


def test_a_cache_that_cannot_be_written_holds_nothing_for_it(user_dir, tmp_path):
    """Memory stays flat: rows that could never be written are not kept in the meantime."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    catalog = Catalog.open(user=user_dir, cache_dir=blocker / "cache")
    florida(user_dir)
    catalog.all_cards()
    assert catalog.cache._pending == {}
    from gapcli import api

    assert sum(1 for _ in api.export_json(None, catalog=catalog)) > 250
    assert catalog.cache._pending == {}


def test_a_locked_cache_stops_holding_rows_after_its_first_refusal(user_dir, tmp_path, monkeypatch):
    """Another run holds the cache's write lock: this one reads it, and holds no rows it cannot write."""
    cache_dir = tmp_path / "cache"
    florida(user_dir)
    score(user_dir, cache_dir)
    monkeypatch.setattr(cache_module, "FLUSH_EVERY", 10)
    other = sqlite3.connect(cache_dir / FILE_NAME, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        catalog = Catalog.open(user=user_dir, cache_dir=cache_dir)
        held = []
        for year in catalog.years():
            catalog.cards_for_year(year)
            held.append(len(catalog.cache._pending))
        assert catalog.cache._unwritable and max(held) < 10 and held[-1] == 0
        assert catalog.card(by_code("FL"), 2021).score == 71.5
    finally:
        other.close()
