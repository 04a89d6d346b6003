"""Plain text in a pipe: a one-table view's rows alone on stdout; colour only when asked for."""

import re

import pytest

from gapcli import formats
from gapcli.formats import plain
from gapcli.views import blocks as v
from views.sample_views import every_view

SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def views(catalog, ct_record):
    return every_view(catalog, ct_record)


def test_a_one_table_view_is_its_header_row_and_rows_and_its_words_are_apart(views):
    for name in ("rank", "gaps", "states", "history", "rank (PIC, a section)"):
        view = views[name]
        assert view.table, name
        data, about = plain.apart(view)
        [grid] = [b for b in view.blocks if isinstance(b, v.Grid) and all(c.kind != "spark" for c in b.columns)]
        assert data.count("\n") == 1 + len(grid.rows), name  # the header row and the rows, nothing else
        notes = [b.text for b in view.blocks if isinstance(b, v.Note) and not b.key]
        keys = [b.text for b in view.blocks if isinstance(b, v.Note) and b.key]  # a picture's key goes with it
        assert not any(key in about or key in data for key in keys), name
        titles = [b.text for b in view.blocks if isinstance(b, v.Title)] + [grid.title] * bool(grid.title)
        assert set(notes + titles) <= set(about) and about, name
        assert not any(line in data for line in about), name
        whole = plain.format(view)  # on a terminal, --format plain: everything, as before
        assert all(line in whole for line in about) and all(line in whole for line in data.splitlines())


def test_a_document_is_printed_whole_in_a_pipe(views):
    for name in ("show", "plan", "diff", "stats", "map", "states (every edition)", "gaps --state"):
        view = views[name]
        assert not view.table, name
        assert plain.apart(view) == (plain.format(view), []), name


def test_plain_colour_only_when_asked_and_only_around_grades_and_deltas(views):
    for name, view in views.items():
        bare = plain.format(view)
        assert "\x1b" not in bare and "\x1b" not in plain.apart(view)[0], name
        coloured = plain.format(view, color=True)
        assert SGR.sub("", coloured) == bare, name  # the same text, the same columns and padding
    rank = plain.format(views["rank"], color=True)
    assert "\t\x1b[30;47mC\x1b[0m\t" in rank and "\t\x1b[97;41mF\x1b[0m\t" in rank  # Florida's C, the F states
    assert "\x1b[97;41mF\x1b[0m" in plain.format(views["map"], color=True)  # a tile's letter


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "markdown"])
def test_no_colour_reaches_any_other_format_even_when_asked(views, fmt):
    for name, view in views.items():
        assert "\x1b" not in formats.format(view, fmt, color=True), (name, fmt)


def test_a_table_without_colour_draws_no_style_at_all(views):
    drawn = formats.format(views["show"], "table", color=False)
    assert "\x1b" not in drawn
    assert "\x1b[" in formats.format(views["show"], "table", color=True)
