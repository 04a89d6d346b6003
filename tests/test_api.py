"""The library, as an analyst in a notebook uses it: gapcli.api alone, DataFrames, errors, warnings, the cache."""

import doctest
import json
import warnings
from pathlib import Path

import pandas
import pytest

import gapcli
from gapcli import api
from gapcli.errors import GapcliError, GapcliWarning, InvalidValue, NotFound, UsageError
from gapcli.query import Records


@pytest.fixture(scope="module")
def bundled():
    return api.open_catalog(user=False, cache=False)


def test_five_analyst_questions_each_a_dataframe_of_one_row_per_record(bundled):
    ranking = api.rank(2021, by="grade", catalog=bundled)  # who is where, by grade
    frame = pandas.DataFrame(ranking)
    assert frame.shape[0] == len(ranking) == ranking.ranked and "place_low" in frame.columns
    assert frame.loc[frame["code"] == "FL", "grade"].item() == "C"

    unmet = api.state_gaps("ct", catalog=bundled)  # what Connecticut leaves unmet
    frame = pandas.DataFrame(unmet)
    assert (unmet.code, unmet.year) == ("CT", 2021) and len(frame) == len(unmet) > 0
    assert "mistake of age defenses" in set(frame["goal"]) and set(frame["code"]) == {"CT"}

    change = api.diff("ct@2021", "ct@2023", catalog=bundled)  # one record: one row
    frame = pandas.DataFrame([change])
    assert frame.shape[0] == 1 and frame.loc[0, "comparable"]
    issues = pandas.DataFrame(change["issues"])
    assert list(issues["number"]) == [1, 2, 3, 4, 5, 6]

    edition = api.stats("2021", catalog=bundled)  # a year as text is a year
    assert pandas.DataFrame([edition]).loc[0, "cards"] == edition["cards"] == 51
    assert pandas.DataFrame(edition["issues"]).shape == (6, 7)

    through = api.history("tn", catalog=bundled)
    frame = pandas.DataFrame(through)
    assert list(frame["year"]) == list(range(2011, 2026)) and through.code == "TN"
    assert frame.loc[frame["year"] == 2020, "edition"].item() == False  # noqa: E712 - numpy's bool


def test_every_list_answer_is_records_with_what_it_was_computed_over(bundled):
    tiles = api.tiles(2021, catalog=bundled)
    assert isinstance(tiles, Records) and len(tiles) == 51 and tiles.label == "overall grade" and tiles.cards == 51
    assert pandas.DataFrame(tiles).shape == (51, len(tiles[0]))  # not a frame of the result's fields
    goals = api.gaps("mistake of age", catalog=bundled)
    assert [e["id"] for e in goals] == ["1.4"] and goals.year == 2021 and goals.cards == 51
    listing = api.states(2014, catalog=bundled)
    assert listing.year == 2014 and 2011 in listing.editions and all(type(row) is dict for row in listing)


def test_the_library_answers_what_the_cli_prints(run, bundled):
    assert api.card("ct", catalog=bundled) == json.loads(run("show", "ct", "--json").stdout)
    assert api.rank(catalog=bundled) == json.loads(run("rank", "--json").stdout)
    assert api.rank(2023, by="grade", catalog=bundled) == json.loads(
        run("rank", "--by", "grade", "--year", "2023", "--json").stdout
    )
    assert api.state_gaps("ct", catalog=bundled) == json.loads(run("gaps", "--state", "ct", "--json").stdout)
    assert api.tiles(2019, by=5, catalog=bundled) == json.loads(
        run("map", "--year", "2019", "--by", "5", "--json").stdout
    )


def test_arguments_as_people_give_them(bundled):
    assert api.rank(2021, catalog=bundled) == api.rank("2021", catalog=bundled)
    assert api.rank(grade="c", catalog=bundled) == api.rank(grade="C", catalog=bundled) != []
    assert api.rank(tier="ii", catalog=bundled) == api.rank(tier="II", catalog=bundled)
    several = api.rank(grade=["c", "D"], catalog=bundled)
    assert several == api.rank(grade="C,D", catalog=bundled) and several.grades == ("C", "D") and len(several) == 11
    assert api.rank(2019, by=5, catalog=bundled) == api.rank(2019, by="5", catalog=bundled)
    assert api.rank(2019, by="protective", catalog=bundled).label == "5. Protective Provisions for Child Victims"
    assert api.plan("ct", to="b", catalog=bundled)["target"] == "B"
    assert len(api.rank(top=1, catalog=bundled)) >= 1


@pytest.mark.parametrize(
    "call, error, message, cli",
    [
        (
            lambda c: api.rank(grade="Z", catalog=c),
            InvalidValue,
            "grade: expected one of A, B, C, D, F; got 'Z'",
            ["rank", "--grade", "Z"],
        ),
        (
            lambda c: api.rank(top=0, catalog=c),
            InvalidValue,
            "top: expected a number of at least 1, got '0'",
            ["rank", "--top", "0"],
        ),
        (
            lambda c: api.rank("20x1", catalog=c),
            InvalidValue,
            "year: expected a year such as 2021, got '20x1'",
            ["rank", "--year", "20x1"],
        ),
        (
            lambda c: api.rank(tier="IV", catalog=c),
            InvalidValue,
            "tier: expected one of I, II, III; got 'IV'",
            ["rank", "--tier", "IV"],
        ),
        (
            lambda c: api.plan("ct", to="z", catalog=c),
            InvalidValue,
            "to: expected one of A, B, C, D, F; got 'z'",
            ["plan", "ct", "--to", "z"],
        ),
        (lambda c: api.rank(2020, catalog=c), NotFound, "no edition 2020", ["rank", "--year", "2020"]),
        (
            lambda c: api.rank(by="zzz", catalog=c),
            InvalidValue,
            "--by: unknown issue area 'zzz'",
            ["rank", "--by", "zzz"],
        ),
        (
            lambda c: api.card("conecticut", catalog=c),
            NotFound,
            "unknown state 'conecticut'; did you mean Connecticut?",
            ["show", "conecticut"],
        ),
        (
            lambda c: api.card("ct@2021", 2023, catalog=c),
            UsageError,
            "'ct@2021' and --year 2023 name different editions",
            ["show", "ct@2021", "--year", "2023"],
        ),
        (
            lambda c: api.history("ct@2021", catalog=c),
            UsageError,
            "history lists every edition",
            ["history", "ct@2021"],
        ),
    ],
)
def test_bad_arguments_raise_the_documented_errors_in_the_cli_s_words(run, bundled, call, error, message, cli):
    with pytest.raises(error) as raised:
        call(bundled)
    assert str(raised.value).startswith(message) and raised.value.exit_code == run(*cli).exit_code
    said = run(*cli).stderr
    assert message.partition(": ")[2] in said if error is InvalidValue else message in said


def test_arguments_of_the_wrong_kind_are_invalid_values_not_attribute_errors(bundled):
    with pytest.raises(InvalidValue, match=r"^state: expected a state name or postal code.*got '5' \(int\)$"):
        api.card(5, catalog=bundled)
    with pytest.raises(
        InvalidValue, match=r'^query: expected words of a policy goal or its id as a string, such as "1.4"'
    ):
        api.gaps(1.4, catalog=bundled)
    with pytest.raises(InvalidValue, match="year: expected a year such as 2021, got 'True'"):
        api.stats(True, catalog=bundled)
    assert issubclass(InvalidValue, UsageError) and issubclass(UsageError, GapcliError) and InvalidValue.exit_code == 2


def test_warnings_about_the_users_data_go_through_warnings(user_dir):
    folder = user_dir / "cards" / "2021"
    folder.mkdir(parents=True)
    (folder / "vermont.toml").write_text("not = [toml\n")
    with pytest.warns(GapcliWarning, match=r"vermont\.toml.*malformed TOML.*\(skipped\)"):
        assert api.card("vt", 2021)["source"]["origin"] == "bundled"
    told = []
    cards = api.open_catalog(on_warning=told.append)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a hook given: nothing reaches the warnings module
        api.rank(2021, catalog=cards)
        api.card("vt", 2021, catalog=cards)
    assert len(told) == 1 and "vermont.toml" in told[0] and cards.warnings == told


def test_the_library_writes_the_parse_cache_as_the_cli_does(isolated_dirs):
    import sqlite3

    from gapcli.catalog.cache import FILE_NAME

    cache = isolated_dirs / "xdg-cache" / "gapcli" / FILE_NAME

    def rows() -> int:
        with sqlite3.connect(cache) as db:
            return db.execute("SELECT count(*) FROM files").fetchone()[0]

    api.card("ct", 2021)  # a catalog of its own, opened and closed by the call
    once = rows()
    assert once >= 1
    cards = api.open_catalog()
    api.rank(2023, catalog=cards)  # the caller's catalog: its rows are saved when the call returns
    assert rows() > once + 40  # an edition of cards
    assert api.card("ny", catalog=cards)["code"] == "NY"  # and it is still open for the next


def test_the_library_says_what_it_offers():
    assert sorted(api.__all__) == sorted(
        name
        for name, value in vars(api).items()
        if callable(value) and not name.startswith("_") and value.__module__ == "gapcli.api"
    )
    assert Path(gapcli.__file__).with_name("py.typed").is_file()
    for name in api.__all__:
        assert ">>>" in (getattr(api, name).__doc__ or "") or name == "warn", f"api.{name} has no example"


def test_the_examples_in_the_docstrings_run():
    found = doctest.testmod(api, globs={"api": api}, optionflags=doctest.ELLIPSIS)
    assert found.attempted > 20 and found.failed == 0
