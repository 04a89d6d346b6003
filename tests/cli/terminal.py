"""A real shell in a real terminal (tmux), for the completion tests: type, press Tab, read the screen.

Each ``Terminal`` is its own tmux server (a socket in a fresh folder) running one shell with a
private HOME and XDG folders and nothing else of the environment, so a test sees a first start.
Waiting is for what the screen shows, up to a deadline: no test sleeps a fixed time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TMUX = shutil.which("tmux")
DEADLINE = 20.0  # seconds for one screen to appear: a loaded CI machine, never a normal wait


class Terminal:
    def __init__(self, command: list[str], env: dict[str, str], width: int = 100, height: int = 30):
        """``command`` started in the folder ``env["HOME"]``."""
        assert TMUX, "tmux is not installed: .ci/run installs it (apt-get install tmux)"
        self._folder = tempfile.mkdtemp(prefix="gapcli-tmux-", dir="/tmp")  # a socket path is short
        self._socket = os.path.join(self._folder, "socket")
        clean = ["env", "-i", *(f"{name}={value}" for name, value in env.items())]
        size = ["-x", str(width), "-y", str(height)]
        self._tmux("new-session", "-d", "-c", env["HOME"], *size, "--", *clean, *command)

    def _tmux(self, *args: str) -> str:
        assert TMUX
        done = subprocess.run(
            [TMUX, "-S", self._socket, "-f", "/dev/null", *args], capture_output=True, text=True, timeout=30
        )
        assert done.returncode == 0, f"tmux {args[0]}: {done.stderr}"
        return done.stdout

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-l", text)

    def press(self, *keys: str) -> None:
        self._tmux("send-keys", *keys)

    def screen(self) -> str:
        return "\n".join(line.rstrip() for line in self._tmux("capture-pane", "-p").splitlines()).strip("\n")

    def wait(self, shown: Callable[[str], bool], what: str) -> str:
        """The screen once ``shown(screen)`` holds; a failure showing the last screen after the deadline."""
        end = time.monotonic() + DEADLINE
        while True:
            screen = self.screen()
            if shown(screen):
                return screen
            assert time.monotonic() < end, f"the terminal never showed {what}; it shows:\n{screen}"
            time.sleep(0.02)

    def ready(self) -> None:
        """Wait until the shell runs what is typed, then clear the screen."""
        self.type("printf '%s-%s\\n' READY OK")
        self.press("Enter")
        self.wait(lambda screen: "READY-OK" in screen.splitlines(), "the shell's answer to a first command")
        self.clear()

    def clear(self) -> None:
        """An empty command line on a clear screen: only the prompt is left."""
        self.press("C-u")
        self.press("C-l")
        self.wait(lambda screen: len([line for line in screen.splitlines() if line.strip()]) == 1, "a clear screen")

    def close(self) -> None:
        subprocess.run([TMUX or "tmux", "-S", self._socket, "kill-server"], capture_output=True, timeout=30)
        shutil.rmtree(self._folder, ignore_errors=True)


def environment(home: Path, gapcli: str, **extra: str) -> dict[str, str]:
    """A first login's environment: HOME and the XDG folders in ``home``, gapcli first on PATH."""
    return {
        "HOME": str(home),
        "PATH": f"{os.path.dirname(gapcli)}:/usr/local/bin:/usr/bin:/bin",
        "TERM": "screen",
        "LANG": "C.UTF-8",
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        **extra,
    }
