"""Each output format on real views: escaping, structure, widths, exports."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from gapcli import formats as render
from gapcli.exports.document import export
from gapcli.formats.table import draw, make_console
from gapcli.query.stats import tiles
from gapcli.views import across as views_across
from gapcli.views import cards as views
from views.sample_views import every_view

HOSTILE = [
    "[red]x[/red]",
    "[link=file:///etc]x[/link]",
    "\x1b[2Jclear",
    "\x1b]8;;http://evil\x07click\x1b]8;;\x07",
    "a\x9bb|c*d_",
]


@pytest.fixture
def hostile_record(ct_record):
    record = json.loads(json.dumps(ct_record))
    record["issues"][0]["gaps"] = HOSTILE
    record["issues"][0]["goals"] = [
        {"goal": None, "phrase": p, "met": False, "brief": None, "brief_url": None} for p in HOSTILE
    ]
    record["extra_credit"][0]["description"] = HOSTILE[0]
    record["links"]["state_page"] = "javascript:alert(1)"
    return record


def rendered(view, width=100):
    stream = io.StringIO()
    draw(view, make_console(stream, width=width, terminal=True), unicode=True)
    return stream.getvalue()


def test_json_is_the_record_itself(ct_record):
    assert json.loads(render.format(views.card_view(ct_record), "json")) == ct_record


def test_csv_and_tsv_have_a_header_and_one_row_per_issue_area(ct_record):
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        rows = list(csv.reader(io.StringIO(render.format(views.card_view(ct_record), fmt)), delimiter=delimiter))
        assert rows[0][:9] == ["state", "code", "year", "number", "name", "grade", "score", "max_score", "goal_lists"]
        assert [r[3] for r in rows[1:]] == ["", "1", "2", "3", "4", "5", "6"]
        assert rows[5][6:9] == ["10", "15", "complete"]


def test_tsv_cells_never_carry_tabs_newlines_or_escapes(hostile_record):
    text = render.format(views.card_view(hostile_record), "tsv")
    lines = text.splitlines()
    assert len(lines) == 8 and all(len(line.split("\t")) == 12 for line in lines)
    assert "\x1b" not in text and "\x9b" not in text


def test_plain_is_tab_separated_and_clean(hostile_record):
    text = render.format(views.card_view(hostile_record), "plain")
    assert "\x1b" not in text and "\x9b" not in text
    assert "- ? [red]x[/red]" in text  # plain text needs no markup escaping: nothing interprets it
    rows = [line.split("\t") for line in text.splitlines() if line.count("\t") == 3]
    assert rows[0] == ["#", "Issue area", "Grade", "Score"] and len(rows) == 7


def test_markdown_escapes_data(hostile_record):
    text = render.format(views.card_view(hostile_record), "markdown")
    assert r"\[red\]x\[/red\]" in text
    assert "\x1b" not in text and "\x9b" not in text
    assert "<javascript:alert(1)>" not in text  # only http(s) become links
    assert "<https://reportcards.sharedhope.org/toolkit>" in text


def test_table_prints_data_literally_and_without_escape_sequences(hostile_record):
    out = rendered(views.card_view(hostile_record))
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)  # colour codes are ours; nothing else may appear
    assert "[red]x[/red]" in plain and "[link=file:///etc]x[/link]" in plain
    assert "\x1b[2J" not in out and "\x1b]8;;http://evil" not in out and "\x9b" not in out
    assert "clear" in plain and "click" in plain
    assert "\x1b]8;;javascript" not in out  # hyperlinks only for http(s)
    assert "\x1b]8;" in out  # ...which do get one


@pytest.mark.parametrize("width", [60, 80, 120])
def test_show_fits_the_width_and_never_breaks_a_word(ct_record, width):
    out = rendered(views.card_view(ct_record), width)
    lines = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", out).splitlines()
    assert max(len(line) for line in lines) <= width
    words = set(re.findall(r"[A-Za-z][\w'-]+", " ".join(lines)))
    for phrase in ct_record["issues"][3]["gaps"] + [i["name"] for i in ct_record["issues"]]:
        for word in re.findall(r"[A-Za-z][\w'-]+", phrase):
            if width >= 80 or len(word) < 12:
                assert word in words, (width, word)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_every_view_renders_at_common_widths(catalog, ct_record, width):
    for name, view in every_view(catalog, ct_record).items():
        out = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", rendered(view, width))
        assert max(len(line) for line in out.splitlines()) <= width, name
        assert out.strip(), name


def test_map_shows_every_code_in_a_us_shaped_grid(catalog):
    cards = catalog.cards_for_year(2021)
    fw = catalog.framework(2021)
    out = re.sub(r"\x1b\[[0-9;]*m", "", rendered(views_across.map_view(tiles(cards, fw), fw, "overall grade"), 80))
    lines = out.splitlines()
    for code in ("AK", "ME", "WA", "FL", "HI", "TX", "DC", "CT"):
        assert code in out
    row_of = {code: next(i for i, line in enumerate(lines) if f"{code} " in line) for code in ("AK", "WA", "TX", "FL")}
    assert row_of["AK"] < row_of["WA"] < row_of["TX"] == row_of["FL"]
    assert lines[row_of["WA"]].index("WA") < lines[row_of["WA"]].index("MA")  # west is left
    assert "Legend" in out and "F <60%" in out


def test_map_too_narrow_says_what_width_it_needs(catalog):
    fw = catalog.framework(2021)
    out = rendered(views_across.map_view(tiles(catalog.cards_for_year(2021), fw), fw, "overall grade"), 40)
    assert "needs a terminal at least 44 columns wide" in " ".join(out.split())


def test_ascii_fallback_without_utf8(ct_record):
    stream = io.StringIO()
    draw(views.card_view(ct_record), make_console(stream, width=100), unicode=False)
    out = stream.getvalue()
    assert "#" in out and "█" not in out and "✘" not in out


def test_svg_and_html_exports_parse_and_carry_the_card(ct_record):
    svg = export(views.card_view(ct_record), ".svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = "".join(root.itertext()).replace("\xa0", " ")
    assert "Connecticut" in text and "43.5/100" in text

    html = export(views.card_view(ct_record), ".html")
    HTMLParser().feed(html)  # raises on nothing, but must get through it
    assert "Connecticut" in html and "<html" in html.lower()
    assert "Connecticut" in export(views.card_view(ct_record), ".txt")


def test_exports_escape_hostile_text(hostile_record):
    svg = export(views.card_view(hostile_record), ".svg")
    ET.fromstring(svg)  # still well-formed XML
    assert "\x1b" not in svg
