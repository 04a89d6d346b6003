"""Ctrl-C at any moment after gapcli's code starts: exit 130, no traceback, nothing half-written."""

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import GAPCLI

pytestmark = pytest.mark.timeout(120)

# gapcli's own code starts ~20-30 ms of CPU after exec (interpreter start-up, site and the console
# script's `import re` come first, and are Python's); a run takes ~300 ms. The interrupt lands at a
# random moment after the process has used STARTED seconds of CPU, so a loaded machine cannot make
# it land in Python's start-up instead.
STARTED, LATEST = 0.04, 0.12
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def test_fifty_random_interrupts_exit_130_without_a_traceback(tmp_path):
    rng = random.Random(20261129)
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    statuses = []
    for _ in range(50):
        process = subprocess.Popen(
            [GAPCLI, "show", "ct", "--json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
        )
        while cpu_seconds(process.pid) < STARTED:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, LATEST))
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
        assert b"Traceback" not in err and b"Exception ignored" not in err, err.decode(errors="replace")
        statuses.append(process.returncode)
    assert statuses == [130] * 50


def test_an_interrupt_during_a_write_lets_it_finish(tmp_path, monkeypatch):
    """The atomic write holds the signal and raises it after: the file is whole, then the interrupt."""
    import os

    from gapcli.load.save import write_atomic

    real_fsync = os.fsync

    def interrupted_fsync(fd):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C lands in the middle of the write
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", interrupted_fsync)
    target = tmp_path / "card.toml"
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "whole\n")
    assert target.read_text() == "whole\n" and [p.name for p in tmp_path.iterdir()] == ["card.toml"]
