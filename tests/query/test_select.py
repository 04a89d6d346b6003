import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gapcli.errors import NotFound, UsageError
from gapcli.query.select import parse_selector, resolve_issue


def test_selectors():
    assert (parse_selector("ct").place.code, parse_selector("ct").year) == ("CT", None)
    assert parse_selector("connecticut@2021").year == 2021
    assert parse_selector("New York@2023").place.code == "NY"


@pytest.mark.parametrize("text", ["ct@", "@2021", "ct@20x1", "ct@21", "", "@", "ct@2021@2022"])
def test_malformed_selectors_are_usage_errors(text):
    with pytest.raises(UsageError):
        parse_selector(text)


def test_issue_names(catalog):
    fw = catalog.framework(2021)
    assert resolve_issue(fw, "4") == 4
    assert resolve_issue(fw, "continuum") == 3
    assert resolve_issue(fw, "ACCESS TO JUSTICE") == 4
    with pytest.raises(NotFound, match="ambiguous"):
        resolve_issue(fw, "and")
    with pytest.raises(NotFound, match="unknown issue area '9'"):
        resolve_issue(fw, "9")
    with pytest.raises(NotFound, match="no issue areas known"):
        resolve_issue(catalog.framework(2025), "1")


@given(st.text(max_size=60))
def test_selector_parsing_never_raises_anything_else(text):
    with contextlib.suppress(UsageError, NotFound):
        parse_selector(text)
