"""Shared fixtures: every test runs with its own empty user data and cache directories."""

from __future__ import annotations

import os
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gapcli.importer.batch
import gapcli.importer.cardtext
from gapcli.catalog.catalog import Catalog
from gapcli.cli.run import run as run_gapcli
from gapcli.importer.goalphrases import known_phrases
from jsonoutputs import check as check_json

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
    def __init__(self, exit_code: int, stdout: str, stderr: str):
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr


@pytest.fixture
def run():
    """Run gapcli in-process as its entry point does (``gapcli.cli.run.run``); stdout and stderr kept apart."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:  # noqa: A002 - CliRunner's own name
        with runner.isolation(input=input) as (stdout, stderr, _both):
            code = run_gapcli(list(args))
            sys.stdout.flush()
            sys.stderr.flush()
            result = Result(code, stdout.getvalue().decode(), stderr.getvalue().decode())
        check_json(list(args), result.stdout)  # every JSON output of the suite, against the shipped schema
        return result

    return invoke


def card_words(text: str) -> list[str]:
    """A card text as words, after the clean-up goal phrases get (README, data/README.md): whitespace,
    control characters, quotes and dashes as typed, a word broken at a line's end joined with its hyphen and without it."""
    typed = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"'}
    typed |= dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-") | {"\ufeff": " ", "*": " "}
    text = unicodedata.normalize("NFKC", text).translate(str.maketrans(typed))
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", " ", text).replace("\u00ad", "")  # controls, soft hyphens
    variants = (re.sub(r"-[ \t]*\n\s*", "-", text), re.sub(r"-[ \t]*\n\s*", "", text))
    return [" ".join(variant.split()).casefold() for variant in variants]


def _no_phrase_the_card_does_not_hold(parse):
    """Every card any test parses (import tests, CLI runs in-process, generated PDFs) is checked here:
    each stored goal phrase is text of the card or a known phrase (the framework's or an earlier card's)."""

    def checked(text, framework_for, source, *args, **kwargs):
        card = parse(text, framework_for, source, *args, **kwargs)
        known = kwargs.get("known_for", known_phrases)(framework_for(card.year))
        words = card_words(text)
        for result in card.issues:
            for phrase, _met in result.named_goals():
                on_card = any(re.search(rf"(?<!\w){re.escape(phrase.casefold())}(?!\w)", w) for w in words)
                assert on_card or known.get(result.number, phrase) is not None, (
                    f"{source}: stored phrase {phrase!r} (issue area {result.number}) is neither on the card "
                    "nor a known phrase"
                )
        return card

    return checked


gapcli.importer.cardtext.parse_card_text = _no_phrase_the_card_does_not_hold(gapcli.importer.cardtext.parse_card_text)
gapcli.importer.batch.parse_card_text = gapcli.importer.cardtext.parse_card_text
