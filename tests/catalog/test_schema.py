import pytest

from gapcli.catalog.schema import card_from_dict, framework_from_dict
from gapcli.catalog.tomlfile import parse_toml
from gapcli.errors import DataError


def test_card_fields_are_read():
    card = card_from_dict(
        {
            "state": "Connecticut",
            "code": "CT",
            "year": 2021,
            "grade": "F",
            "score": 43.5,
            "issues": [{"number": 1, "score": 8, "gaps": ["a"]}],
        },
        "x.toml",
        "user",
    )
    assert card.score == 43.5 and card.issues[0].score == 8.0 and card.issues[0].gaps == ("a",)
    assert card.tier is None and card.origin == "user"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"code": "CT", "year": 2021}, "missing field 'state'"),
        ({"state": "Connecticut", "code": "CT", "year": "2021"}, "'year' must be int, got str"),
        ({"state": "Connecticut", "code": "CT", "year": 2021, "score": True}, "'score' must be int or float, got bool"),
        ({"state": "Connecticut", "code": "CT", "year": 2021, "colour": "red"}, "unknown field 'colour'"),
        (
            {"state": "Connecticut", "code": "CT", "year": 2021, "issues": [{"number": 1, "gap": []}]},
            "unknown field 'issues\\[0\\].gap'",
        ),
        (
            {"state": "Connecticut", "code": "CT", "year": 2021, "issues": [{"number": 1, "gaps": [1]}]},
            "issues\\[0\\].gaps\\[0\\] must be str",
        ),
        ({"state": "Connecticut", "code": "CT", "year": 2021, "issues": ["x"]}, "expected a table"),
    ],
)
def test_bad_cards_name_the_field(data, message):
    with pytest.raises(DataError, match=message):
        card_from_dict(data, "x.toml", "user")


def test_framework_scale_is_sorted_best_first():
    fw = framework_from_dict({"year": 2021, "id": "f", "name": "n", "scale": {"F": 0, "A": 90, "C": 70}}, "f.toml")
    assert fw.scale == (("A", 90.0), ("C", 70.0), ("F", 0.0))


def test_malformed_toml_names_file_and_line():
    with pytest.raises(DataError) as caught:
        parse_toml(b'state = "CT"\nyear = \n', "card.toml")
    assert caught.value.line == 2
    assert str(caught.value).startswith("card.toml:2: malformed TOML")


@pytest.mark.parametrize(
    "raw, message", [(b"", "file is empty"), (b"  \n", "file is empty"), (b"a = '\xff'", "not UTF-8")]
)
def test_empty_and_binary_files(raw, message):
    with pytest.raises(DataError, match=message):
        parse_toml(raw, "card.toml")
