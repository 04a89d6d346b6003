"""The documented Python API alone reproduces what the CLI prints."""

import json

import pytest

from gapcli import api
from gapcli.errors import GapcliError, NotFound, UsageError


@pytest.fixture(scope="module")
def bundled():
    return api.open_catalog(user=False, cache=False)


def test_api_reproduces_show_and_rank_json(run, bundled):
    assert api.card("ct", catalog=bundled) == json.loads(run("show", "ct", "--json").stdout)
    assert api.rank(catalog=bundled).rows == json.loads(run("rank", "--json").stdout)
    assert api.rank(by="grade", year=2023, catalog=bundled).rows == json.loads(
        run("rank", "--by", "grade", "--year", "2023", "--json").stdout
    )


def test_records_are_plain_dicts_ready_for_a_dataframe(bundled):
    rows = api.states(catalog=bundled)
    assert all(type(row) is dict for row in rows)
    assert json.loads(json.dumps(rows)) == rows  # nothing but JSON types
    columns = {key for row in rows for key in row}
    assert all(set(row) == columns for row in rows)  # one shape: a DataFrame gets no ragged columns


def test_the_other_questions(bundled):
    assert api.stats(2021, catalog=bundled)["published"]["national_average"] == 47.9
    assert [e["id"] for e in api.gaps("mistake of age", catalog=bundled).entries] == ["1.4"]
    assert api.diff("ct", "fl", catalog=bundled)["overall"]["delta"] == 29
    assert [r["year"] for r in api.history("tn", catalog=bundled)] == list(range(2011, 2026))
    assert api.plan("ct", catalog=bundled)["needs"] == 16.5
    assert len(api.tiles(catalog=bundled)[0]) == 51
    assert len(list(api.export(2021, catalog=bundled))) == 51


def test_errors_are_typed(bundled):
    with pytest.raises(NotFound, match="did you mean Connecticut"):
        api.card("conecticut", catalog=bundled)
    with pytest.raises(UsageError):
        api.card("ct@2021", year=2023, catalog=bundled)
    assert issubclass(NotFound, GapcliError)
