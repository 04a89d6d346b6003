"""The card-text parser: the seed card, extraction artefacts, truncation, and fuzzing."""

import contextlib
import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapcli.errors import ParseError
from gapcli.importer.batch import known_from
from gapcli.importer.cardtext import parse_card_text
from gapcli.importer.textlines import MAX_LINE_CHARS
from gapcli.model import Card
from gapcli.states import by_code


def parse(catalog, text, **options) -> Card:
    """As ``import`` reads a card: the known goal phrases are the framework's and the bundled cards'."""
    return parse_card_text(text, catalog.framework, "card.txt", known_for=known_from(catalog), **options)


def same_card(a: Card, b: Card) -> bool:
    keep = dict(citations=(), origin="", path=None)
    return replace(a, **keep) == replace(b, **keep)


def test_seed_text_gives_the_bundled_card(catalog, seed_text):
    assert same_card(parse(catalog, seed_text), catalog.card(by_code("CT"), 2021))


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t.replace("\n", "\r\n"),
        lambda t: t.replace("\t", "    "),
        lambda t: t.replace("\t", " \u00a0 ").replace(" Report", "\u00a0Report"),
        lambda t: "\ufeff\n\n   \n" + t,
        lambda t: re.sub(r"[ \t]+", lambda m: "  \t " if m.group() != " " else " ", t),
        lambda t: t.replace("\n", "\r\n").replace("\t", "   ").replace(" ", "\u00a0"),
    ],
    ids=["crlf", "spaces-for-tabs", "nbsp", "leading-junk", "mixed-runs", "all-at-once"],
)
def test_extraction_variants_give_the_same_card(catalog, seed_text, variant):
    assert same_card(parse(catalog, variant(seed_text)), parse(catalog, seed_text))


def test_highlights_split_into_goals(catalog, seed_text):
    card = parse(catalog, seed_text)
    assert card.issue(1).accomplished == (
        "buyer accountability under state CSEC laws",
        "trafficker accountability under state CSEC laws",
        "decoy defenses",
    )
    assert "alternatives to live, in-court testimony" in card.issue(5).gaps
    assert card.issue(3).gaps_in_all_areas and card.issue(3).accomplished == ()
    assert card.issue(2).gaps[2:4] == (
        "screening through child welfare",
        "screening through the juvenile justice system",
    )


def test_a_card_without_extra_credit(catalog, seed_text):
    start, end = seed_text.index("EXTRA CREDIT"), seed_text.index("OVERALL GRADE")
    text = seed_text[:start] + seed_text[end:]
    with pytest.raises(ParseError) as caught:
        parse(catalog, text)  # 40.5 of issue scores cannot be 43.5 overall without the 3 extra points
    # the message says what was read, where, not that the card is wrong
    assert "the overall score read is 43.5" in str(caught.value) and "add up to 40.5" in str(caught.value)
    assert "8.5 (area 1, line 18)" in str(caught.value) and "no extra-credit row" in str(caught.value)
    fixed = text.replace("**F 43.5**", "**F 40.5**")
    assert parse(catalog, fixed).extra_credit == ()


def test_wrapped_highlight_lines_are_joined(catalog, seed_text):
    text = seed_text.replace(", mistake of age defenses,", ",\nmistake of age defenses,")
    assert same_card(parse(catalog, text), parse(catalog, seed_text))


@pytest.mark.parametrize(
    "cut, message",
    [
        ("OVERALL GRADE", "OVERALL GRADE section"),
        (" 4. Access", "issue area 4 (Access to Justice for Trafficking Survivors) is missing"),
        ("LEARN MORE", None),
    ],
)
def test_truncated_cards_name_what_is_missing(catalog, seed_text, cut, message):
    text = seed_text[: seed_text.index(cut)]
    if message is None:  # the boilerplate after the card is optional
        assert parse(catalog, text).links == {}
        return
    with pytest.raises(ParseError, match=re.escape(message)):
        parse(catalog, text)


def test_a_card_without_its_state_line_needs_state(catalog, seed_text):
    text = seed_text.replace("CONNECTICUT\n", "")
    with pytest.raises(ParseError, match="no state name on a line of its own above the issue table; give --state"):
        parse(catalog, text)
    assert parse(catalog, text, state="Connecticut").code == "CT"


def test_year_and_state_options_must_agree_with_the_text(catalog, seed_text):
    with pytest.raises(ParseError, match="the card says year 2021, but 2022 was given"):
        parse(catalog, seed_text, year=2022)
    with pytest.raises(ParseError, match="the card is for Connecticut, but --state Texas"):
        parse(catalog, seed_text, state="tx")
    assert parse(catalog, seed_text, year=2021, state="ct").code == "CT"


def test_contradictions_name_the_line(catalog, seed_text):
    text = seed_text.replace("D\t10 15", "F\t10 15")
    with pytest.raises(ParseError) as caught:
        parse(catalog, text)
    assert "issues[4].grade: F disagrees with the scale" in str(caught.value)
    assert (
        caught.value.line == text.splitlines().index(next(ln for ln in text.splitlines() if ln.startswith(" 4."))) + 1
    )


def test_wrong_maximum_is_refused(catalog, seed_text):
    with pytest.raises(ParseError, match="maximum 16 on the card, 15 in the framework"):
        parse(catalog, seed_text.replace("10 15", "10 16"))


def test_long_lines_are_refused_quickly(catalog):
    with pytest.raises(ParseError, match="card lines are at most"):
        parse(catalog, "x" * (MAX_LINE_CHARS + 1))


@pytest.mark.parametrize(
    "line",
    [
        " " * 9_000,
        "1. " + "A 1 " * 2_000,
        "Gaps remain in areas related to " + "a, " * 3_000,
        "TIER " * 2_000,
        "9." * 4_000,
    ],
)
def test_adversarial_lines_parse_in_bounded_time(catalog, seed_text, line):
    import time

    text = seed_text.replace(" 3. Continuum", line + "\n 3. Continuum")
    start = time.perf_counter()
    with contextlib.suppress(ParseError):
        parse(catalog, text)
    assert time.perf_counter() - start < 2.0


_MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate"]),
        st.integers(0, 10_000),
        st.text(max_size=40),
    ),
    min_size=1,
    max_size=4,
)


def _mutate(text: str, mutations) -> str:
    for kind, position, fragment in mutations:
        at = position % (len(text) + 1)
        if kind == "delete":
            text = text[:at] + text[at + len(fragment) + 1 :]
        elif kind == "insert":
            text = text[:at] + fragment + text[at:]
        elif kind == "replace":
            text = text[:at] + fragment + text[at + len(fragment) :]
        elif kind == "truncate":
            text = text[:at]
        else:
            lines = text.splitlines(keepends=True)
            if lines:
                line = lines[at % len(lines)]
                lines.insert(at % len(lines), line)
            text = "".join(lines)
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=_MUTATIONS)
def test_mutated_card_text_gives_a_valid_card_or_a_parse_error(catalog, seed_text, mutations):
    try:
        card = parse(catalog, _mutate(seed_text, mutations))
    except ParseError:
        return
    from gapcli.catalog.validate import problems

    assert problems(card, catalog.framework(card.year)) == []


@pytest.mark.fuzz
@settings(max_examples=5_000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=_MUTATIONS)
def test_mutated_card_text_long_run(catalog, seed_text, mutations):
    test_mutated_card_text_gives_a_valid_card_or_a_parse_error.hypothesis.inner_test(catalog, seed_text, mutations)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=2_000))
def test_arbitrary_text_never_crashes_the_parser(catalog, text):
    with contextlib.suppress(ParseError):
        parse(catalog, text)
