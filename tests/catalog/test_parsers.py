"""The TOML parsers: tomli (compiled where its wheel is), tomllib as the fallback, rtoml with the ``fast`` extra.

What gapcli makes of a file must not depend on which of them is installed: the same data for
every bundled file, the same whole export, and tomli's words for a file rtoml refuses.
"""

import json
import sys

import pytest
import rtoml
import tomli

from conftest import ROOT
from gapcli import api
from gapcli.catalog import tomlfile
from gapcli.errors import DataError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10: no standard-library parser to fall back on
    tomllib = tomli

FILES = [*sorted((ROOT / "data").glob("*/**/*.toml")), ROOT / "data" / "no-edition.toml"]


@pytest.fixture
def only(monkeypatch):
    """Parse with one parser alone: ``only(None, tomllib)`` is a machine without tomli or the extra."""

    def choose(fast, parser):
        monkeypatch.setattr(tomlfile, "_parsers", lambda: (fast, parser))

    return choose


def test_every_parser_reads_every_bundled_file_alike():
    assert len(FILES) > 280
    for path in FILES:
        text = path.read_text("utf-8")
        expected = json.dumps(tomllib.loads(text), sort_keys=True)
        assert json.dumps(tomli.loads(text), sort_keys=True) == expected, path
        assert json.dumps(rtoml.loads(text), sort_keys=True) == expected, path


def test_installed_parsers_are_the_fast_ones():
    fast, parser = tomlfile._parsers()
    assert fast is rtoml.loads and parser is tomli


def test_the_export_is_byte_identical_whichever_parser_reads(only):
    exports = []
    for fast, parser in ((rtoml.loads, tomli), (None, tomli), (None, tomllib)):
        only(fast, parser)
        exports.append(list(api.export_json(catalog=api.open_catalog(user=False, cache=False))))
    assert len(exports[0]) > 250
    assert exports[0] == exports[1] == exports[2]


@pytest.mark.parametrize(
    "text",
    ["a = 1\na = 2\n", "[a]\n[a]\n", "a = 00\n", "a = 1.\n", 'a = "\x00"\n', "x = [1,\n"],
    ids=["duplicate key", "duplicate table", "leading zero", "bare dot", "control character", "unclosed"],
)
def test_a_file_rtoml_refuses_is_reported_in_tomli_s_words(only, text):
    messages = []
    for fast in (rtoml.loads, None):
        only(fast, tomli)
        with pytest.raises(DataError) as refused:
            tomlfile.parse_toml(text.encode(), "card.toml")
        messages.append(str(refused.value))
    assert messages[0] == messages[1]
    assert "malformed TOML" in messages[0]


def test_what_tomli_reads_and_rtoml_refuses_is_read_as_tomli_reads_it(only):
    only(rtoml.loads, tomli)
    assert tomlfile.parse_toml(b"a = 1e400\n", "card.toml") == {"a": float("inf")}


def test_dates_and_times_are_left_to_tomli(only):
    """rtoml gives times a tzinfo class of its own; tomli's are the standard library's."""
    only(rtoml.loads, tomli)
    parsed = tomlfile.parse_toml(b"a = 1979-05-27T07:32:00Z\n", "card.toml")
    assert parsed == tomli.loads("a = 1979-05-27T07:32:00Z\n")
    assert type(parsed["a"].tzinfo) is type(tomli.loads("a = 1979-05-27T07:32:00Z\n")["a"].tzinfo)


def test_a_date_inside_a_string_does_not_keep_the_fast_parser_away(only, monkeypatch):
    only(rtoml.loads, tomli)
    used = []
    monkeypatch.setattr(tomlfile, "_parsers", lambda: (lambda text: used.append(1) or rtoml.loads(text), tomli))
    text = 'note = "released 2021-11-17, 10:30"\n'
    assert tomlfile.parse_toml(text.encode(), "card.toml") == {"note": "released 2021-11-17, 10:30"} and used
