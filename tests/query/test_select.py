import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gapcli.errors import InvalidValue, NotFound, UsageError
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


def test_which_card_which_edition_rules_read_only_what_they_need():
    from gapcli.model import Card
    from gapcli.query.select import default_year, latest_card, shared_year

    years = [2019, 2021, 2023, 2025]
    assert default_year(years, lambda y: y <= 2023) == 2023 and default_year(years, lambda y: False) == 2025
    assert default_year([], lambda y: True) is None
    cards = {y: Card("Ohio", "OH", y, score=1.0 if y != 2025 else None) for y in (2019, 2021, 2025)}
    read: list[int] = []

    def reading(year):
        read.append(year)
        return cards.get(year)

    complete = lambda card: card.score is not None  # noqa: E731
    assert latest_card(years, reading, 2021, complete).year == 2021 and read == [2025, 2023, 2021]
    read.clear()
    assert latest_card(years, reading, 2023, complete).year == 2025 and read == [2025, 2023]  # none complete since 2023
    assert shared_year(years, 2023, lambda y: y in (2019, 2021)) == 2021
    assert shared_year(years, 2023, lambda y: False) is None


def test_a_near_miss_of_a_figure_is_told_the_figure(catalog):
    from gapcli.query.select import resolve_by

    fw = catalog.framework(2021)
    assert resolve_by(fw, " Overall ") == "overall" and resolve_by(fw, "continuum") == 3
    # names no figure and no issue area: a malformed value (a usage error, exit 2), as --grade Z
    with pytest.raises(
        InvalidValue, match=r"^--by: unknown figure or issue area 'score'; did you mean overall\? \(fig"
    ):
        resolve_by(fw, "score")
    with pytest.raises(InvalidValue, match="did you mean published"):
        resolve_by(fw, "publishd")
    with pytest.raises(
        InvalidValue, match=r"^--by: unknown issue area 'nothing'; choose one of: 1 Criminal Provisions"
    ):
        resolve_by(fw, "nothing")
    with pytest.raises(InvalidValue, match="no issue areas known"):  # no issue areas at all: said as before
        resolve_by(catalog.framework(2025), "score")
    with pytest.raises(NotFound, match="no issue areas known"):  # an area of other editions: not found in this one
        resolve_by(catalog.framework(2025), "continuum", lambda: [fw])
