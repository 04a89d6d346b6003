"""CSV and TSV headers are the fields of the record types, in their order (records.py, rows.py)."""

import csv
import io
import typing

import pytest

from gapcli import records, rows
from gapcli.contract import FIELDS_FILE, fields_module
from gapcli.exports.records import TABLES, chunks
from gapcli.fields import FIELDS
from gapcli.formats import format as render
from views.sample_views import every_view

# each view's CSV rows: the record or row type whose fields are its header
ROW_TYPES = {
    "show": rows.CardIssueRow, "show (PIC)": rows.CardIssueRow, "states": records.StateRow,
    "states (PIC)": records.StateRow, "rank": records.RankRow, "rank (PIC, a section)": records.RankRow,
    "diff": rows.DiffRow, "diff (PIC)": rows.DiffRow, "gaps": records.GapEntry, "gaps --state": records.StateGap,
    "stats": rows.StatsGradeRow, "stats (PIC)": rows.StatsGradeRow, "history": records.HistoryRow,
    "history (PIC and later)": records.HistoryRow, "map": records.TileRow, "map (PIC)": records.TileRow,
    "plan": rows.PlanRow, "plan (PIC)": rows.PlanRow,
}  # fmt: skip


def test_fields_py_is_what_the_types_say():
    assert FIELDS_FILE.read_text("utf-8") == fields_module(), "run: .venv/bin/python scripts/make_schema.py"
    assert FIELDS["RankRow"] == tuple(typing.get_type_hints(records.RankRow))
    assert set(FIELDS) >= {t.__name__ for t in rows.ROWS} | {t.__name__ for t in records.CONTRACT.values()}


@pytest.fixture(scope="module")
def views():
    from gapcli.catalog.catalog import Catalog
    from gapcli.query.cards import card_record
    from gapcli.states import by_code

    catalog = Catalog.open(user=False, cache_dir=False)
    ct = card_record(catalog.card(by_code("CT"), 2021), catalog.framework(2021))
    return every_view(catalog, ct)


def test_every_view_s_header_and_rows_are_its_row_type_s_fields(views):
    assert set(ROW_TYPES) | {"states (every edition)"} == set(views)
    for name, row_type in ROW_TYPES.items():
        view = views[name]
        expected = [f for f in typing.get_type_hints(row_type) if not (row_type is records.StateRow and f == "grades")]
        header = next(csv.reader(io.StringIO(render(view, "csv"))))
        assert header == expected == list(view.fields), name
        assert all(set(expected) <= set(record) for record in view.records), name
        assert render(view, "tsv").splitlines()[0].split("\t") == expected, name


def test_the_every_edition_states_table_spreads_grades_into_one_column_per_year(views):
    view = views["states (every edition)"]
    header = next(csv.reader(io.StringIO(render(view, "csv"))))
    years = [h for h in header if h.isdigit()]
    assert header[:2] == ["state", "code"] and years == sorted(years) and "2011" in years
    assert header[2 + len(years) :] == [f for f in FIELDS["StateRow"] if f not in ("state", "code", "grades")]


def test_data_export_tables_have_their_row_types_headers():
    assert {"cards": FIELDS["CardTableRow"], "issues": FIELDS["CardIssueRow"]} == TABLES
    for table, row_type in (("cards", rows.CardTableRow), ("issues", rows.CardIssueRow)):
        header = next(iter(chunks([], "csv", table))).strip().split(",")
        assert header == list(typing.get_type_hints(row_type))
