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
# script's `import re` come first, and are Python's). The interrupt lands when the process has used
# a random amount of CPU between STARTED and 60 % of what a whole run uses (measured first; the rest is
# writing the answer and tearing down, after which a late Ctrl-C rightly changes nothing), so
# neither a loaded machine nor a fast one can make it land before gapcli starts or after it ends.
STARTED = 0.04
TICK = os.sysconf("SC_CLK_TCK")
COMMAND = [GAPCLI, "show", "ct", "--json"]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def whole_run_cpu(env: dict[str, str]) -> float:
    process = subprocess.Popen(COMMAND, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return usage.ru_utime + usage.ru_stime


def test_fifty_random_interrupts_exit_130_without_a_traceback(tmp_path):
    """Each run is interrupted (130) or had finished first (0, the whole answer); no half answer either way."""
    rng = random.Random(20261129)
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    answer = subprocess.run(COMMAND, capture_output=True, env=env, check=True).stdout
    latest = 0.6 * min(whole_run_cpu(env) for _ in range(3))
    assert latest > STARTED, f"a whole run takes {latest / 0.6:.3f} s of CPU: too short to interrupt"
    outcomes = []
    for _ in range(50):
        process = subprocess.Popen(COMMAND, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        moment = rng.uniform(STARTED, latest)
        while process.poll() is None and cpu_seconds(process.pid) < moment:
            time.sleep(0.001)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
        assert b"Traceback" not in err and b"Exception ignored" not in err, err.decode(errors="replace")
        assert out in (b"", answer), out[-200:]  # never half an answer
        assert process.returncode == 130 or (process.returncode, out) == (0, answer), (moment, process.returncode)
        outcomes.append(process.returncode)
    assert outcomes.count(130) >= 45, (latest, outcomes)  # a loaded machine may let a few runs finish first
