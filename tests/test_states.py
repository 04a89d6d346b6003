import pytest

from gapcli.errors import NotFound
from gapcli.states import JURISDICTIONS, resolve


def test_fifty_states_and_dc_each_on_its_own_tile():
    assert len(JURISDICTIONS) == 51
    assert len({j.code for j in JURISDICTIONS}) == 51
    assert len({(j.row, j.col) for j in JURISDICTIONS}) == 51


@pytest.mark.parametrize(
    "text, code",
    [
        ("connecticut", "CT"),
        ("CT", "CT"),
        ("ct", "CT"),
        ("new-york", "NY"),
        ("New York", "NY"),
        ("new_york", "NY"),
        ("NY", "NY"),
        ("  new   york ", "NY"),
        ("dc", "DC"),
        ("D.C.", "DC"),
        ("District of Columbia", "DC"),
        ("district-of-columbia", "DC"),
        ("Washington DC", "DC"),
        ("washington", "WA"),
        ("ＣＴ", "CT"),
    ],
)
def test_resolve_spellings(text, code):
    assert resolve(text).code == code


def test_unknown_name_suggests_the_closest():
    with pytest.raises(NotFound, match="did you mean Connecticut"):
        resolve("conneticut")


@pytest.mark.parametrize("text", ["", "zz", "x" * 10_000, "Cоnnecticut"])  # the last has a Cyrillic о
def test_unknown_names_raise_not_found(text):
    with pytest.raises(NotFound):
        resolve(text)


def test_commas_and_prefixes():
    from gapcli.errors import NotFound
    from gapcli.states import resolve

    assert resolve("Washington, D.C.").code == "DC"
    with pytest.raises(NotFound, match="did you mean Washington"):
        resolve("wash")
