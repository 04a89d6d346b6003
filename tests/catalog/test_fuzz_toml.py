"""Hypothesis on the TOML loader: broken card files give DataError and nothing else."""

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapcli.catalog.schema import card_from_dict
from gapcli.catalog.tomlfile import parse_toml
from gapcli.catalog.validate import problems
from gapcli.errors import DataError

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def card_bytes():
    from conftest import ROOT

    return (ROOT / "data" / "cards" / "2021" / "connecticut.toml").read_bytes()


def load(raw: bytes, catalog) -> None:
    card = card_from_dict(parse_toml(raw, "card.toml"), "card.toml", "user")
    if card.year in catalog.frameworks():
        problems(card, catalog.framework(card.year))


@settings(max_examples=200, **SETTINGS)
@given(
    cuts=st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 40), st.binary(max_size=12)), min_size=1, max_size=3)
)
def test_mutated_card_files(catalog, card_bytes, cuts):
    raw = card_bytes
    for at, length, insert in cuts:
        at %= len(raw) + 1
        raw = raw[:at] + insert + raw[at + length :]
    with contextlib.suppress(DataError):
        load(raw, catalog)


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, **SETTINGS)
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "state",
                "code",
                "year",
                "grade",
                "score",
                "tier",
                "issues",
                "extra_credit",
                "sources",
                "links",
                "derived",
                "published_rank",
                "other",
            ]
        ),
        VALUES,
        max_size=8,
    )
)
def test_any_shape_of_table(catalog, data):
    data = {k: v for k, v in data.items() if v is not None}
    try:
        card = card_from_dict(data, "card.toml", "user")
    except DataError:
        return
    if card.year in catalog.frameworks():
        problems(card, catalog.framework(card.year))


@pytest.mark.fuzz
@settings(max_examples=5_000, **SETTINGS)
@given(raw=st.binary(max_size=400))
def test_random_bytes_long_run(catalog, raw):
    with contextlib.suppress(DataError):
        load(raw, catalog)
