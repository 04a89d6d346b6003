"""A 50-card import over two editions' folders, interrupted at random moments by SIGINT, SIGTERM and
SIGKILL (20 each), against the installed entry point: afterwards, once the next command has run,
every card is the old one or every card is the new one, and no temporary file is left."""

import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from cli.test_interrupt import cpu_seconds, gapcli_started
from conftest import GAPCLI, SEED_TEXT
from gapcli.states import JURISDICTIONS

pytestmark = pytest.mark.timeout(240)
TRIALS = 20


def card_texts(folder: Path, tail: str) -> None:
    """25 states' cards in 2021 and in 2023 (the seed card under their names); ``tail`` tells versions apart."""
    seed = SEED_TEXT.read_text("utf-8")
    folder.mkdir()
    for index in range(50):
        place, year = JURISDICTIONS[index % 25 + 1], 2021 if index < 25 else 2023
        text = seed.replace("CONNECTICUT", place.name.upper()).replace("Connecticut", place.name)
        (folder / f"{place.slug}-{year}.txt").write_text(text.replace("2021 Report Card", f"{year} Report Card") + tail)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_interrupted_fifty_card_imports_leave_all_or_nothing(tmp_path):
    rng = random.Random(20261201)
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    root = tmp_path / "data" / "gapcli"
    card_texts(tmp_path / "old", "\n")
    card_texts(tmp_path / "new", "\n\n")
    command = [GAPCLI, "import", str(tmp_path / "new"), "--force"]
    subprocess.run([GAPCLI, "import", str(tmp_path / "old")], env=env, check=True, capture_output=True)
    shutil.copytree(root, tmp_path / "old-root")
    old = snapshot(root)
    assert sum(name.endswith(".toml") for name in old) == 50 and {n.split("/")[1] for n in old if "/" in n} == {
        "2021",
        "2023",
    }
    walls = []
    for _ in range(2):  # how long a whole import takes here, to interrupt it anywhere in that time
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
    new = snapshot(root)
    assert new.keys() == old.keys() and all(new[n] != old[n] for n in old if n.endswith(".toml"))
    started = gapcli_started(env)
    outcomes = []
    for signum in [signal.SIGINT, signal.SIGTERM, signal.SIGKILL] * TRIALS:
        shutil.rmtree(root)
        shutil.copytree(tmp_path / "old-root", root)
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while process.poll() is None and cpu_seconds(process.pid) < started:  # gapcli's own code has started
            time.sleep(0.001)
        time.sleep(rng.uniform(0, 1.1 * max(walls)))
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
        assert b"Traceback" not in err, err.decode(errors="replace")
        subprocess.run([GAPCLI, "show", "al", "--json"], env=env, check=True, capture_output=True)  # the next run
        after = snapshot(root)
        assert after in (old, new), (signum, process.returncode, sorted(set(after) ^ set(old)))
        assert set(after) == set(old)  # no temporary file, no journal: the lock file and the cards only
        outcomes.append((signum, "all" if after == new else "none"))
    assert {outcome for _, outcome in outcomes} == {"all", "none"}, outcomes  # moments on both sides of the commit
