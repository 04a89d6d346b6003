"""The user folders computed without platformdirs, where its answer is the XDG one: the same answer."""

import sys
from pathlib import Path

import platformdirs
import pytest

from gapcli.catalog import folders


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_DATA_HOME": "/tmp/xdg data", "XDG_CACHE_HOME": "/tmp/xdg-cache/"},
        {"XDG_DATA_HOME": "relative/data", "XDG_CACHE_HOME": "  "},
        {"XDG_DATA_HOME": "", "XDG_CACHE_HOME": ""},
        {"HOME": "/tmp/someone"},
        {"HOME": "not/absolute"},
        {"HOME": None},
    ],
    ids=["defaults", "set", "relative-or-blank", "empty", "home", "relative-home", "no-home"],
)
def test_the_xdg_folders_are_where_platformdirs_puts_them(monkeypatch, env):
    assert sys.platform.startswith("linux") == folders._XDG  # the machines this suite runs on
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert folders.user_data_dir() == Path(platformdirs.user_data_dir("gapcli", appauthor=False))
    assert folders.user_cache_dir() == Path(platformdirs.user_cache_dir("gapcli", appauthor=False))
