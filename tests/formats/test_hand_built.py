"""Every format on a hand-built view: a column of every kind, a list of every kind, every block.

Views of the bundled data are tested elsewhere (test_formats, test_widths); here the model is
made by hand, so each kind of cell is known exactly and none can be missing from the data.
"""

import re
import typing

import pytest

from gapcli.exports.document import EXPORTS, export
from gapcli.formats import FORMATS, formatter
from gapcli.formats.table import draw, make_console
from gapcli.views.blocks import Bullets, Column, ColumnKind, Grid, Links, Note, Tiles, Title, View

KINDS = typing.get_args(ColumnKind)
FIGURES = [k for k in KINDS if k != "spark"]  # plain text leaves out a grid that draws a trend
KNOWN = {"text": "Ohio", "number": 7, "place": (3, 5), "grade": "B", "score": (12.5, 20), "bar": (12.5, 20),
         "delta": 1.5, "steps": -1, "link": "https://example.org/x"}  # fmt: skip
UNKNOWN = {"text": None, "number": None, "place": (None, None), "grade": None, "score": (None, 20),
           "bar": (None, 20), "delta": None, "steps": None, "link": None}  # fmt: skip
TILES = [
    {"code": "AK", "grade": "A", "row": 0, "col": 0, "has_card": True},
    {"code": "ME", "grade": None, "row": 0, "col": 2, "has_card": False},
]


def view() -> View:
    columns = [
        Column(kind.capitalize(), kind, "right" if kind in ("number", "score", "delta") else "left") for kind in FIGURES
    ]
    blocks = [
        Title("Hand-made view", "a subtitle", "B"),
        Grid(columns, [[KNOWN[k] for k in FIGURES], [UNKNOWN[k] for k in FIGURES]], "Every kind of cell"),
        Grid([Column("Trend", "spark")], [[[1.0, None, 3.0]]]),
        Bullets("Goals met", ["decoy defenses"], "met"),
        Bullets("Gaps", ["mistake of age defenses"], "gap"),
        Bullets("Also", ["a plain item"]),
        Tiles(TILES, [("A", 1), ("no figure", 1)]),
        Note("Unknown is not none."),
        Links([("Site", "https://example.org/"), ("Not a link", "javascript:alert(1)")]),
    ]
    return View({"hand": "made"}, [{"a": 1, "b": None}], blocks, ["a", "b"], [2021])


def test_the_model_has_every_kind():
    assert (
        set(KINDS) == set(KNOWN) | {"spark"}
        and set(typing.get_args(Bullets.__annotations__["kind"].__class__)) is not None
    )
    assert {type(b) for b in view().blocks} == set(
        typing.get_args(__import__("gapcli.views.blocks").views.blocks.Block)
    )


def test_plain_text_is_tab_separated_with_every_figure_and_unknown_as_a_question_mark():
    out = formatter("plain")(view())
    header = "\t".join(k.capitalize() for k in FIGURES if k != "bar")  # a bar is a picture: not in a pipe
    assert f"Every kind of cell\n{header}\nOhio\t7\t3–5\tB\t12.5/20\t+1.5\t-1\thttps://example.org/x\n" in out
    assert "\n?\t?\t?\t?\t?/20\t?\t?\t?\n" in out
    assert "Trend" not in out  # the trend is drawn for people; its figures are in the table
    assert "Goals met\n- decoy defenses\n" in out and "Gaps\n- mistake of age defenses\n" in out
    assert "AK A        ME ·" in out and "Legend: A 1, no figure 1" in out
    assert "Site: https://example.org/\nNot a link: javascript:alert(1)" in out


def test_markdown_escapes_text_and_links_only_web_addresses():
    out = formatter("markdown")(view())
    assert out.startswith("## Hand-made view\n\na subtitle\n")
    assert "| Ohio | 7 | 3–5 | B | 12.5/20 | ██████░░░░ | \\+1.5 | -1 | <https://example.org/x> |" in out
    assert "| ? | ? | ? | ? | ?/20 |  | ? | ? | ? |" in out
    assert "- Site: <https://example.org/>" in out and "- Not a link: javascript:alert(1)" in out
    assert "_Unknown is not none._" in out


def test_the_table_draws_every_kind_and_marks_lists():
    console = make_console(width=120, terminal=True)
    draw(view(), console, unicode=True)
    out = re.sub(r"\x1b\[[0-9;]*m|\x1b]8;[^\x1b]*\x1b\\\\", "", console.file.getvalue())
    for shown in (
        "Hand-made view",
        "3–5",
        "12.5/20",
        "██████░░░░",
        "+1.5",
        "▁ █",
        "✔ decoy defenses",
        "✘ mistake of age",
    ):
        assert shown in out, shown
    assert " B " in out  # the grade badge prints its letter


def test_csv_tsv_and_json_use_the_records_not_the_blocks():
    assert formatter("csv")(view()) == "a,b\n1,\n"
    assert formatter("tsv")(view()) == "a\tb\n1\t\n"
    assert formatter("json")(view()) == '{\n  "hand": "made"\n}\n'
    assert formatter("jsonl")(view()) == '{"hand":"made"}\n'


def test_every_format_and_export_renders_every_block():
    for fmt in FORMATS:
        out = formatter(fmt)(view())
        if fmt not in ("csv", "tsv", "json", "jsonl"):
            assert "Hand-made view" in out and "decoy defenses" in out and "Unknown is not none" in out, fmt
    for suffix in EXPORTS:
        out = export(view(), suffix, "light", "page", "Source: hand-made")
        assert "Hand-made view" in out and "decoy defenses" in out and "Source: hand-made" in out, suffix
        assert "javascript:" not in re.findall(r'href="([^"]*)"', out), suffix


def test_html_puts_grades_in_badges_and_links_in_anchors():
    out = export(view(), ".html", "light", "page", "Source: hand-made")
    assert '<a href="https://example.org/x">https://example.org/x</a>' in out
    assert re.search(r'<span style="[^"]*background-color:#abd9e9[^"]*">B</span>', out)  # B in RdYlBu
    assert "<li><strong>Not a link:</strong> javascript:alert(1)</li>" in out


@pytest.mark.parametrize("fmt", ["plain", "markdown", "table"])
def test_a_block_no_renderer_knows_is_an_error_not_a_silent_gap(fmt):
    class Unknown(tuple):
        pass

    with pytest.raises(AssertionError, match="no renderer for"):
        formatter(fmt)(View(None, blocks=[Unknown()]))
