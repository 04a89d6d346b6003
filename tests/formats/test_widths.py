"""At any width from 40 columns up, no figure, code, grade, tier or year is cut."""

import io
import re

import pytest

from gapcli.formats.cells import plain
from gapcli.formats.table import draw, make_console
from gapcli.views import blocks as v
from views.sample_views import every_view

WHOLE = ("number", "score", "grade", "delta", "steps")  # kinds of cell that must never be cut
SHORT_TEXT = 6  # text cells this short are codes, tiers, yes/no: never cut either


def rendered(view, width):
    stream = io.StringIO()
    draw(view, make_console(stream, width=width, terminal=True), unicode=True)
    return re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", stream.getvalue())


def whole_cells(view):
    for block in view.blocks:
        if isinstance(block, v.Grid):
            for row in block.rows:
                for column, value in zip(block.columns, row, strict=True):
                    shown = plain(value, column.kind)
                    short = column.kind == "text" and not column.wrap and len(shown) <= SHORT_TEXT
                    if (column.kind in WHOLE or short) and shown.strip():
                        yield shown


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120])
def test_every_figure_and_code_appears_whole_at_every_width(catalog, ct_record, width):
    for name, view in every_view(catalog, ct_record).items():
        out = rendered(view, width)
        assert max(len(line) for line in out.splitlines()) <= width, (name, width)
        tokens = {t.strip(".,:;") for t in re.split(r"[\s│|─]+", out)}
        lines = out.splitlines()
        for cell in whole_cells(view):
            assert cell in tokens if " " not in cell else any(cell in line for line in lines), (name, width, cell)


@pytest.mark.parametrize("width", [40, *range(60, 101), 120])
def test_no_word_of_a_header_is_cut(catalog, ct_record, width):
    """A header may wrap between its words, never lose letters: Rich would shorten "Published" to
    "Publi", and where it shrank the columns itself, at exactly 80 the gaps table's "States met" read "Sta"."""
    for name, view in every_view(catalog, ct_record).items():
        grids = [b._replace(title=None) for b in view.blocks if isinstance(b, v.Grid)]  # notes, titles: other words
        out = rendered(view._replace(blocks=grids), width)
        tokens = {t.strip(".,:;") for t in re.split(r"[\s│|─]+", out)}
        for block in grids:
            if block.rows:
                heads = 2 if block.columns[0].kind in ("number", "place") else 1  # a stacked row's heading cells
                for index, column in enumerate(block.columns[heads:], heads):
                    if block.runs and index == block.run_column:
                        continue  # said by each run's heading, never as a column
                    if column.kind not in ("bar", "spark"):  # pictures go first where space is short
                        for word in column.header.split():
                            assert word in tokens, (name, width, column.header)
