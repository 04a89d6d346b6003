import json

import pytest

from conftest import ROOT
from gapcli.errors import NotFound
from gapcli.states import JURISDICTIONS, fips, resolve


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
        resolve("washin")


@pytest.mark.parametrize(
    "text, code",
    [
        ("Conn.", "CT"),
        ("W. Va.", "WV"),
        ("N.C.", "NC"),
        ("Mass.", "MA"),
        ("Calif.", "CA"),
        ("Tenn", "TN"),
        ("Tenn.", "TN"),
        ("N. Carolina", "NC"),
        ("N Carolina", "NC"),
        ("S. Dak.", "SD"),
        ("N. Mex.", "NM"),
        ("Penna.", "PA"),
        ("Wash.", "WA"),
        ("Ill.", "IL"),
        ("NewYork", "NY"),
        ("new york state", "NY"),
        ("ny state", "NY"),
        ("State of New York", "NY"),
        ("Commonwealth of Massachusetts", "MA"),
        ("washington state", "WA"),
    ],
)
def test_ap_gpo_abbreviations_and_short_forms(text, code):
    """The forms journalists write (AP style, GPO Style Manual) name the state they abbreviate."""
    assert resolve(text).code == code


@pytest.mark.parametrize("text", ["narnia", "zz", "n", "w", "state", "new york city council"])
def test_far_off_names_get_no_suggestion(text):
    with pytest.raises(NotFound) as raised:
        resolve(text)
    assert "did you mean" not in str(raised.value)


@pytest.mark.parametrize(
    "text, name", [("conneticut", "Connecticut"), ("tennesee", "Tennessee"), ("pensylvania", "Pennsylvania")]
)
def test_typos_still_get_their_state(text, name):
    with pytest.raises(NotFound, match=f"did you mean {name}"):
        resolve(text)


def test_every_abbreviation_names_one_known_state():
    """No form in the table is shadowed by, or shadows, another state's name or code."""
    from gapcli.states import _ABBREVIATIONS, _key

    seen: dict[str, str] = {}
    for entry in _ABBREVIATIONS.replace("\n", "|").split("|"):
        if entry.strip():
            code, *forms = entry.split()
            for form in forms:
                key = _key(form.replace("_", " "))
                assert key not in seen, f"{form} is listed for {seen.get(key)} and {code}"
                seen[key] = code
                assert resolve(form.replace("_", " ")).code == code


@pytest.mark.parametrize("text", ["Conn.", "W. Va.", "N.C."])
def test_show_takes_abbreviations(run, text):
    result = run("show", text, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["code"] == {"Conn.": "CT", "W. Va.": "WV", "N.C.": "NC"}[text]


def test_show_suggests_nothing_far_off(run):
    result = run("show", "narnia")
    assert result.exit_code == 1
    assert result.stderr.strip() == "gapcli: error: unknown state 'narnia'"


def census_fips() -> dict[str, tuple[str, str]]:
    """Postal code -> (FIPS code, name), from the Census list written down in tests/data."""
    lines = (ROOT / "tests" / "data" / "census_state_fips.txt").read_text("utf-8").splitlines()
    rows = [line.split("|") for line in lines if not line.startswith("#")]
    assert rows[0] == ["STATE", "STUSAB", "STATE_NAME"]
    return {postal: (code, name) for code, postal, name in rows[1:]}


def test_every_jurisdiction_has_the_census_fips_code():
    census = census_fips()
    assert len(census) == 51
    assert {j.code: (j.fips, j.name) for j in JURISDICTIONS} == census
    assert all(len(j.fips) == 2 and j.fips.isdigit() for j in JURISDICTIONS)
    assert fips("CT") == "09" and fips("DC") == "11" and resolve("W. Va.").fips == "54"
