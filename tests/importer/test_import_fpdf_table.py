"""Vermont 2021 as the 2026-12-01 trial printed it: a 4-column fpdf2 table (trial N1, N2).

Plain pdftotext gives the Issue, Grade and Score cells one per line, then the Highlights column
(each area's block, then the extra-credit description); ``-layout`` wraps "Child Labor
Trafficking" around the ``EXTRA CREDIT … 1`` line. Each text imports as the PDF itself does;
text that cannot be paired without a guess is one data error, never an internal one.
"""

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from gapcli.errors import ParseError
from gapcli.importer.batch import known_from
from gapcli.importer.cardtable import read_table
from gapcli.importer.cardtext import parse_card_text
from gapcli.importer.textlines import Line

FIXTURES = ROOT / "tests" / "importer" / "fixtures"
PLAIN = FIXTURES / "vermont-2021.fpdf.pdftotext.txt"
LAYOUT = FIXTURES / "vermont-2021.fpdf.pdftotext-layout.txt"
FIGURES = ("state", "year", "grade", "score", "tier", "issues", "extra_credit", "complete")
EXTRA = [
    {
        "category": "Child Labor Trafficking",
        "points": 1,
        "description": "Protections related to restitution are extended to child labor trafficking victims.",
    }
]


def imported(run, path) -> dict:
    result = run("import", str(path), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    [card] = json.loads(result.stdout)
    return {key: card[key] for key in FIGURES}


def test_the_pdf_itself_is_vermonts_card(run):
    card = imported(run, FIXTURES / "vermont-2021.fpdf.pdf")
    assert (card["grade"], card["score"], card["tier"], card["extra_credit"]) == ("F", 39, "III", EXTRA)
    assert card == imported(run, FIXTURES / "vermont-2021.table.txt")


@pytest.mark.parametrize(
    "name",
    [
        "vermont-2021.fpdf.pdftotext.txt",  # trial N1: the cells one per line, then the Highlights column
        "vermont-2021.fpdf-header.pdftotext.txt",  # the same, between a browser's print header and footer
        "vermont-2021.fpdf.pdftotext-layout.txt",  # trial N2: "Child Labor" / "EXTRA CREDIT 1" / "Trafficking"
        "vermont-2021.fpdf-narrow.pdftotext-layout.txt",  # trial N2: "Child" / "EXTRA CREDIT Labor 1 …" / …
    ],
)
def test_every_pdftotext_text_of_the_table_imports_as_the_pdf_does(run, name):
    assert imported(run, FIXTURES / name) == imported(run, FIXTURES / "vermont-2021.fpdf.pdf")


def refused(run, tmp_path, text: str) -> str:
    card = tmp_path / "card.txt"
    card.write_text(text, "utf-8")
    result = run("import", str(card), "--dry-run")
    assert result.exit_code == 1 and "internal error" not in result.stderr, result.stderr
    [line] = [ln for ln in result.stderr.splitlines() if ln.startswith("gapcli: error:")]
    return line


@pytest.mark.parametrize(
    ("cut", "message"),
    [  # the description gone: area 6's last sentence is not taken for it, nor it for area 6's
        ("Protections related to restitution are extended to child labor trafficking\nvictims.\n", "cannot pair"),
        # two sentences where one description is wanted: which is area 6's? Refused, not guessed
        ("juvenile justice agencies.\n", "cannot pair"),
        # the areas' highlights gone: 6 areas, only the description
        (None, "6 issue areas but 1 blocks of highlights"),
    ],
)
def test_a_highlights_column_that_cannot_be_paired_is_one_data_error(run, tmp_path, cut, message):
    text = PLAIN.read_text("utf-8")
    if cut is None:
        start = text.index("Policy goals accomplished in areas related to buyer")
        text = text[:start] + text[text.index("Protections related") :]
    elif cut.startswith("juvenile"):
        text = text.replace(cut, "juvenile justice agencies. Training Is Missing.\n")
    else:
        assert cut in text
        text = text.replace(cut, "")
    line = refused(run, tmp_path, text)
    assert message in line and "card.txt:" in line, line


def test_a_wrapped_category_whose_last_part_is_missing_is_refused_not_completed(run, tmp_path):
    text = LAYOUT.read_text("utf-8")
    wrapped = "                           Trafficking             victims."
    assert wrapped in text
    line = refused(run, tmp_path, text.replace(wrapped, "                                                   victims."))
    assert "card.txt:" in line and "extra" in line, line


@pytest.fixture(scope="module")
def framework():
    from gapcli.catalog.catalog import Catalog

    return Catalog.open(user=False, cache_dir=False).framework(2021)


ROWS = [  # every area's cells, as the trial's text has them
    *("1. Criminal Provisions", "F", "10 17.5", "2. Identification of and", "Response to Victims", "F", "9 27.5"),
    *("3. Continuum of Care", "F", "6 15", "4. Access to Justice for", "Trafficking Survivors", "F", "2.5 15"),
    *("5. Tools for a", "Victim-Centered", "Criminal Justice", "Response", "C", "7 10"),
    *("6. Prevention and", "Training", "F", "3.5 15"),
]


@pytest.mark.parametrize(
    "lines",
    [ROWS, [*ROWS, "Highlights"]],  # no highlight text at all: the trial's IndexError
)
def test_the_table_without_highlights_is_a_data_error(framework, lines):
    table = [Line(number, text.split()) for number, text in enumerate(lines, start=1)]
    with pytest.raises(ParseError, match="6 issue areas but no highlights text"):
        read_table(table, framework, "card.txt", set(), known_from_framework(framework))


def known_from_framework(framework):
    from gapcli.importer.goalphrases import known_phrases

    return known_phrases(framework)


_TOKENS = ["1.", "2.", "3.", "4.", "5.", "6.", "F", "C", "10", "17.5", "Policy", "goals", "accomplished", "Gaps",
           "remain", "in", "areas", "related", "to", "x,", "y.", "Criminal", "Provisions", "Highlights", "-"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=8), max_size=30), st.booleans())
def test_any_table_is_read_or_refused_never_an_internal_error(framework, lines, in_column):
    table = [Line(number, tokens) for number, tokens in enumerate(lines, start=1)]
    column = [(t, 99, False, 0) for tokens in lines[-5:] for t in tokens] if in_column else None
    with contextlib.suppress(ParseError):  # anything else fails the test
        read_table(table, framework, "card.txt", set(), known_from_framework(framework), column)


def test_the_column_text_parses_straight_from_text(catalog):
    card = parse_card_text(PLAIN.read_text("utf-8"), catalog.framework, "v.txt", known_for=known_from(catalog))
    assert (card.grade, card.score, card.tier, [e.points for e in card.extra_credit]) == ("F", 39, "III", [1])
