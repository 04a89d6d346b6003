"""Tables for people: a grid's runs under their headings (history's frameworks), hanging indents."""

from formats.test_widths import rendered
from gapcli import api
from gapcli.views import blocks as v
from gapcli.views import history


def test_history_names_each_framework_once_and_keeps_an_edition_to_a_line(catalog):
    rows = api.history("kansas", catalog=catalog)
    for width in (80, 120):
        lines = rendered(history.history_view(rows), width).splitlines()
        for heading in ("Protected Innocence Challenge, 2011–2019", "advanced legislative framework, 2021–2023"):
            assert sum(heading in line for line in lines) == 1, (heading, width)
        assert sum("Protected Innocence" in line for line in lines) == 2  # its heading, and its trend line
        editions = [r for r in rows if r["edition"]]
        for r in editions:  # one line an edition, its year first
            assert sum(line.startswith(f" {r['year']} ") for line in lines) == 1, (r["year"], width)
        assert any(line.startswith("2020: no grades") for line in lines)
        headers = [line for line in lines if line.split()[:2] == ["Year", "Grade"]]
        assert len(headers) == 1  # the first run's: the others go on under it
        header = headers[0]
        at = header.index("Grade")
        for r in editions:  # every run's grades in the one column: the runs line up as one table
            line = next(line for line in lines if line.startswith(f" {r['year']} "))
            assert line[at] != " " and line[at - 1] == " ", line


def test_plain_text_keeps_the_framework_on_every_row(run):
    out = run("history", "kansas").stdout.splitlines()
    assert out[0].split("\t")[1] == "Framework"  # piped: the header row first, the title on stderr
    assert sum(line.split("\t")[1] == "Protected Innocence Challenge" for line in out if line[:4].isdigit()) == 9


def test_wrapped_bullets_and_stacked_lines_hang_under_their_text():
    words = "buyer accountability under the trafficking law and more words to wrap"
    view = v.View(
        None, blocks=[v.Bullets("Gaps", [words], "gap"), v.Grid([v.Column("Name"), v.Column("Note")], [["x", words]])]
    )
    lines = rendered(view, 30).splitlines()
    bullet = lines.index(next(line for line in lines if line.startswith("  ✘ buyer")))
    assert lines[bullet + 1].startswith("    ") and lines[bullet + 1].strip()
    stacked = lines.index(next(line for line in lines if line.startswith("  Note: ")))
    assert lines[stacked + 1].startswith(" " * len("  Note: ")) and lines[stacked + 1].strip()
