"""Shared fixtures: every test runs with its own empty user data and cache directories."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gapcli.cli import app
from gapcli.load.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
GAPCLI = shutil.which("gapcli", path=os.path.dirname(sys.executable)) or shutil.which("gapcli")
SOURCES = ROOT / "data" / "sources"
SEED_TEXT = SOURCES / "text" / "2021" / "connecticut.txt"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """User data and cache go to temporary folders (platformdirs follows XDG_*)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


@pytest.fixture
def user_dir(isolated_dirs) -> Path:
    return isolated_dirs / "xdg-data" / "gapcli"


@pytest.fixture(scope="session")
def seed_text() -> str:
    assert SEED_TEXT.is_file(), f"the seed card text is missing: {SEED_TEXT}"
    return SEED_TEXT.read_text("utf-8")


@pytest.fixture
def catalog() -> Catalog:
    return Catalog.open(user=False, cache_dir=False)


class Result:
    def __init__(self, result):
        self.exit_code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr


@pytest.fixture
def run():
    """Invoke the real Typer app in-process; stdout and stderr kept apart."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:  # noqa: A002 - CliRunner's own name
        return Result(runner.invoke(app, list(args), input=input, catch_exceptions=False))

    return invoke
