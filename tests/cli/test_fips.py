"""``fips`` in every record that names a state (#25 item 5): the Census code, as text, in JSON and CSV."""

import csv
import io
import json
import subprocess

import jq
import pytest

from conftest import GAPCLI, SEED_TEXT
from test_states import census_fips

CENSUS = {postal: code for postal, (code, _name) in census_fips().items()}


def test_show_ct_json_through_jq_is_the_string_09():
    assert GAPCLI, "the gapcli entry point is not installed (pip install -e '.[test]')"
    shown = subprocess.run([GAPCLI, "show", "ct", "--json"], capture_output=True, text=True, timeout=60, check=True)
    assert jq.compile(".fips").input_text(shown.stdout).first() == "09"
    assert '"fips":"09"' in shown.stdout.replace(" ", "")  # a JSON string, never the number 9


def named_states(value):
    """Every object in a JSON document that names a state (has ``state`` and ``code``) or is a side of a diff."""
    if isinstance(value, dict):
        if isinstance(value.get("code"), str) and "state" in value:
            yield value
        for inner in value.values():
            yield from named_states(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from named_states(inner)


@pytest.mark.parametrize(
    "args",
    [
        ["show", "ct", "--json"],
        ["show", "dc", "--json"],
        ["show", "la", "--year", "2014", "--json"],
        ["states", "--json"],
        ["states", "--year", "2023", "--json"],
        ["rank", "--year", "2019", "--json"],
        ["map", "--year", "2023", "--json"],
        ["history", "dc", "--json"],
        ["plan", "ct", "--json"],
        ["gaps", "--state", "ct", "--json"],
        ["diff", "ct", "ny", "--json"],
        ["data", "export", "--year", "2014"],  # JSON by default
        ["import", str(SEED_TEXT), "--dry-run", "--json"],
    ],
)
def test_every_record_that_names_a_state_has_its_census_fips_code(run, args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    found = list(named_states(json.loads(result.stdout)))
    assert found, "no record names a state"
    for record in found:
        assert record["fips"] == CENSUS[record["code"]], record["code"]


def test_gaps_lists_keep_postal_codes_only(run):
    """A goal's lists of states stay lists of codes (a record of a state gets fips, a list does not bloat)."""
    entry = json.loads(run("gaps", "--json").stdout)[0]
    assert "fips" not in entry and all(len(code) == 2 and code.isalpha() for code in entry["states_unmet"])


@pytest.mark.parametrize(
    "args, columns",
    [
        (["show", "ct", "--format", "csv"], ["fips"]),
        (["data", "export", "--format", "csv"], ["fips"]),
        (["data", "export", "--format", "tsv", "--table", "issues"], ["fips"]),
        (["states", "--format", "csv"], ["fips"]),
        (["history", "ct", "--format", "tsv"], ["fips"]),
        (["rank", "--format", "csv"], ["fips"]),
        (["plan", "ct", "--format", "csv"], ["fips"]),
        (["diff", "ct", "ny", "--format", "csv"], ["a_fips", "b_fips"]),
    ],
)
def test_csv_and_tsv_keep_the_leading_zero(run, args, columns):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t" if "tsv" in args else ","))
    assert rows
    state = {"a_fips": "a_state", "b_fips": "b_state"}
    for row in rows:
        for column in columns:
            assert row[column] == CENSUS[row[state.get(column, "code")]]
    if "ct" in args or "data" in args:
        assert any(row[columns[0]] == "09" for row in rows)
