"""Output targets (#24 item 3): only regular files are replaced, streams are written to, nothing half-made is left."""

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import GAPCLI, ROOT

pytestmark = pytest.mark.timeout(300)


def null_device(folder: Path) -> Path:
    """A character device like /dev/null (major 1, minor 3) made for the test, so the real one is never touched."""
    device = folder / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return device


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.name.endswith(("-journal", "-wal")))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_device_is_written_to_never_replaced(run, tmp_path, fmt):
    device = null_device(tmp_path)
    result = run("data", "export", "--format", fmt, "--out", str(device), "--force")
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode) and os.major(device.lstat().st_rdev) == 1
    assert leftovers(tmp_path) == []


def test_a_database_is_not_written_to_a_device(run, tmp_path):
    device = null_device(tmp_path)
    result = run("data", "export", "--format", "sqlite", "--out", str(device), "--force")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "is a device or pipe; this format needs a regular file" in result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode) and leftovers(tmp_path) == []


def test_a_fifo_is_written_to(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("data", "export", "--format", "jsonl", "--out", str(fifo))
    reader.join(timeout=60)
    assert result.exit_code == 0, result.stderr
    assert got[0].decode() == run("data", "export", "--format", "jsonl").stdout
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv"])
def test_out_dash_is_stdout(run, fmt):
    streamed = run("data", "export", "--format", fmt, "--out", "-")
    assert streamed.exit_code == 0 and streamed.stderr == ""
    assert streamed.stdout == run("data", "export", "--format", fmt).stdout and streamed.stdout


def test_out_dash_streams_in_a_real_pipe():
    result = subprocess.run(
        [GAPCLI, "data", "export", "--out", "-"], capture_output=True, timeout=60, env={**os.environ, "NO_COLOR": "1"}
    )
    assert result.returncode == 0 and json.loads(result.stdout)


def test_a_database_to_stdout_is_a_usage_error(run):
    result = run("data", "export", "--format", "sqlite", "--out", "-")
    assert result.exit_code == 2 and "writes a file" in result.stderr


def test_a_folder_a_dangling_link_and_a_link_to_a_file(run, tmp_path):
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert run("data", "export", "--out", str(folder), "--force").exit_code in (1, 2)
    assert folder.is_dir()
    dangling = tmp_path / "nowhere.json"
    dangling.symlink_to(tmp_path / "missing" / "x.json")
    result = run("data", "export", "--out", str(dangling), "--force")
    assert result.exit_code == 1 and "symbolic link to nothing" in result.stderr
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run("data", "export", "--out", str(link)).exit_code == 1 and real.read_text() == "old"
    assert run("data", "export", "--out", str(link), "--force").exit_code == 0
    assert link.is_symlink() and json.loads(real.read_text())  # written through the link; the link stays


@pytest.mark.parametrize("name", ["e.xlsx", "e.txt", "cards.parquet"])
def test_a_suffix_gapcli_cannot_write_is_a_usage_error(run, tmp_path, name):
    result = run("data", "export", "--out", str(tmp_path / name))
    assert result.exit_code == 2 and f"cannot write .{name.rsplit('.', 1)[1]} files" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["m.xlsx", "m.yaml", "m.db"])
def test_datasette_metadata_under_a_suffix_other_than_json_is_a_usage_error(run, tmp_path, name):
    result = run("data", "export", "--out", str(tmp_path / "e.db"), "--metadata", str(tmp_path / name))
    assert result.exit_code == 2 and "gapcli writes Datasette metadata as JSON" in result.stderr
    assert list(tmp_path.iterdir()) == []  # neither file
    written = run("data", "export", "--out", str(tmp_path / "e.db"), "--metadata", str(tmp_path / "M.JSON"))
    assert written.exit_code == 0 and json.loads((tmp_path / "M.JSON").read_text())


def test_ndjson_is_json_lines(run, tmp_path):
    assert run("data", "export", "--out", str(tmp_path / "e.ndjson")).exit_code == 0
    assert (tmp_path / "e.ndjson").read_text() == run("data", "export", "--format", "jsonl").stdout


HOT_JOURNAL = """
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode = " + sys.argv[2])
db.execute("PRAGMA cache_size = 1")
db.execute("BEGIN")
db.execute("UPDATE cards SET state = state || ' (half-changed)'")
db.execute("UPDATE goals SET phrase = phrase || ' (half-changed)'")
if sys.argv[2] == "wal":
    db.execute("COMMIT")
    db.execute("BEGIN")
    db.execute("UPDATE cards SET grade = 'X'")
os._exit(0)  # a crash: no rollback, no checkpoint
"""


@pytest.mark.parametrize("mode", ["delete", "wal"])
def test_a_stale_journal_or_wal_beside_the_target_is_refused_or_removed(run, tmp_path, mode):
    db_path = tmp_path / "cards.db"
    assert run("data", "export", "--out", str(db_path)).exit_code == 0
    subprocess.run([sys.executable, "-c", HOT_JOURNAL, str(db_path), mode], check=True, timeout=60)
    sidecar = db_path.with_name("cards.db-journal" if mode == "delete" else "cards.db-wal")
    assert sidecar.exists(), list(tmp_path.iterdir())
    result = run("data", "export", "--out", str(db_path), "--force")
    assert result.exit_code == 0, result.stderr
    assert not any(db_path.with_name("cards.db" + s).exists() for s in ("-journal", "-wal", "-shm"))
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("select state, grade from cards where code = 'CT' and year = 2021").fetchone() == (
            "Connecticut",
            "F",
        )


def test_a_stale_journal_without_force_is_one_line(run, tmp_path):
    (tmp_path / "new.db-wal").write_bytes(b"left by a crash")
    result = run("data", "export", "--out", str(tmp_path / "new.db"))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "new.db-wal exists" in result.stderr and "--force" in result.stderr
    assert not (tmp_path / "new.db").exists()


@pytest.fixture(scope="module")
def many_cards(tmp_path_factory):
    """10,000 user cards (bench.make_user_cards): an export long enough to interrupt or kill."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench import make_user_cards

    data = tmp_path_factory.mktemp("many")
    make_user_cards(data / "gapcli", 10_000)
    return data


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_export(many_cards: Path, cache: Path, out: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "XDG_DATA_HOME": str(many_cards), "XDG_CACHE_HOME": str(cache)}
    return subprocess.Popen(
        [GAPCLI, "data", "export", "--out", str(out), "--force", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def wait_cpu(process: subprocess.Popen, seconds: float) -> None:
    while process.poll() is None and cpu_seconds(process.pid) < seconds:
        time.sleep(0.01)
    assert process.poll() is None, "the export finished before it could be interrupted"


@pytest.mark.parametrize("name", ["cards.json", "cards.db"])
def test_ctrl_c_one_second_into_an_export_of_10000_cards_stops_at_once_and_keeps_the_old_file(
    many_cards, tmp_path, name
):
    out = tmp_path / name
    out.write_text("the old file\n")
    process = start_export(many_cards, tmp_path / "cache", out)
    wait_cpu(process, 1.0)
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    took = time.monotonic() - sent
    assert process.returncode == 130 and took < 2.0, (process.returncode, took)
    assert out.read_text() == "the old file\n"
    assert f"interrupted: kept {out} as it was" in err.decode() and b"Traceback" not in err
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == [name]


def test_a_killed_database_export_leaves_files_the_next_run_removes(many_cards, tmp_path):
    out = tmp_path / "cards.db"
    process = start_export(many_cards, tmp_path / "cache", out)
    temporary = tmp_path / f".cards.db.{process.pid}.tmp"
    while process.poll() is None and not (temporary.exists() and temporary.stat().st_size > 0):
        time.sleep(0.01)
    wait_cpu(process, cpu_seconds(process.pid) + 0.3)
    process.kill()  # SIGKILL: nothing of gapcli's runs
    process.communicate(timeout=60)
    assert temporary.exists() and not out.exists()
    clean = start_export(many_cards, tmp_path / "cache", out, "--year", "2021")
    _, err = clean.communicate(timeout=200)
    assert clean.returncode == 0, err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["cards.db", "cards.metadata.json"]
    with sqlite3.connect(out) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
