"""Rich tables for people. Data text goes in as ``Text`` objects, never as markup.

A figure, code, grade, tier or year is never cut: each table is measured first;
text columns wrap, pictures (bars) go when space is short, and a table that still
does not fit becomes a stack of one block per row. Grades are badges in a
colour-blind-safe diverging scale (ColorBrewer RdYlBu), chosen for the terminal's
colour system; the letter is always printed. Without colour (``color=False``) no style is
drawn at all (no bold, italic or hyperlinks); without a UTF-8 stream, bars and boxes are ASCII.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Sequence
from typing import IO, Any, Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.style import Style
from rich.table import Table
from rich.text import Text

from gapcli.formats.cells import plain
from gapcli.views import blocks as v

# grade → (foreground, background), per colour system: five steps a red-green colour-blind reader tells apart
PALETTES: dict[str, dict[str, tuple[str, str]]] = {
    "truecolor": {"A": ("#ffffff", "#2c7bb6"), "B": ("#000000", "#abd9e9"), "C": ("#000000", "#ffffbf"),
                  "D": ("#000000", "#fdae61"), "F": ("#ffffff", "#d7191c")},
    "256": {"A": ("color(231)", "color(32)"), "B": ("color(16)", "color(152)"), "C": ("color(16)", "color(229)"),
            "D": ("color(16)", "color(215)"), "F": ("color(231)", "color(160)")},
    "standard": {"A": ("bright_white", "blue"), "B": ("black", "cyan"), "C": ("black", "white"),
                 "D": ("black", "yellow"), "F": ("bright_white", "red")},
}  # fmt: skip
# deltas up and down, bars and the met / gap marks: named colours a terminal's theme maps; exports use RdYlBu's ends
ACCENTS = {"up": "blue", "down": "red", "bar": "cyan"}
EXPORT_ACCENTS = {"up": "#2c7bb6", "down": "#d7191c", "bar": "#2c7bb6"}
# RdYlBu's lighter steps for a dark background: its ends (#d7191c, #2c7bb6) are 2.8:1 and 3.2:1 on
# #292929, these 5.0:1 and 6.0:1 (WCAG AA asks 4.5:1 of text such as a delta or a mark)
DARK_EXPORT_ACCENTS = {"up": "#74add1", "down": "#f46d43", "bar": "#74add1"}
_OPTIONAL = ("bar",)  # columns that go first when a table does not fit
_PADDING = 2  # a column's padding left and right
_EDGES = 2  # the boxes below draw no vertical lines, but a blank divider between columns and at each edge
_ASCII_SIMPLE_HEAD = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


class Look:
    """How this output draws: its palette, and whether it can draw Unicode."""

    def __init__(self, color_system: str | None, unicode: bool, accents: dict[str, str] | None = None):
        self.unicode = unicode
        self.palette = PALETTES.get(color_system or "", PALETTES["truecolor"]) if color_system else {}
        self.accents = (accents or ACCENTS) if color_system else {"up": "", "down": "", "bar": ""}

    def grade(self, letter: str | None) -> str:
        colours = self.palette.get(letter or "")
        return f"{colours[0]} on {colours[1]}" if colours else ""


def _unicode(stream: IO[str]) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "").startswith("utf")


def _text(value: Any, kind: v.ColumnKind, look: Look) -> Text:
    shown = plain(value, kind, look.unicode)
    if kind == "grade" and value in GRADE_LETTERS:
        return Text(shown, style=look.grade(value))
    if kind == "grade" and isinstance(value, str) and value[:1] in GRADE_LETTERS and value[1:] == "*":
        marked = Text(shown[:1], style=look.grade(value[:1]))  # a derived grade: the badge, then its mark
        return marked.append("*")
    if kind == "delta" and isinstance(value, (int, float)) and value:
        return Text(shown, style=look.accents["up" if value > 0 else "down"])
    if kind in ("bar", "spark"):
        return Text(shown, style=look.accents["bar"])
    if kind == "link" and value and v.is_web_link(value):
        return Text(shown, style=Style(link=value))
    if value is None:
        return Text(shown, style="dim")
    return Text(shown)


GRADE_LETTERS = ("A", "B", "C", "D", "F")


def _widest_word(texts: Sequence[str]) -> int:
    return max((cell_len(word) for text in texts for word in text.split()), default=1)


def _measured(block: v.Grid, unicode: bool) -> list[tuple[int, int]]:
    """Each column's (least, whole) width. Least: a wrapping column's longest word, any other's longest
    cell, and a header's longest word in either (a header may wrap between its words, "Grade / place").
    Whole: its longest cell and its header on one line."""
    found = []
    for i, column in enumerate(block.columns):
        cells = [plain(row[i], column.kind, unicode) for row in block.rows]
        longest = max((cell_len(c) for c in cells), default=0)
        least = max(_widest_word(cells) if column.wrap else longest, _widest_word([column.header]))
        found.append((least, max(least, longest, cell_len(column.header))))
    return found


def _grid(block: v.Grid, width: int, look: Look, measure: v.Grid | None = None) -> RenderableType:
    """The grid as a table where it fits, else stacked; ``measure`` (a run's whole grid) sets the widths."""
    if block.runs:
        return _runs(block, width, look)
    keep = list(range(len(block.columns)))
    pictureless = [i for i in keep if block.columns[i].kind not in _OPTIONAL]
    measured = _measured(measure or block, look.unicode)
    # as it is; without pictures; then with columns two spaces apart, not three: a stack is the last resort
    for attempt, compact in ((keep, block.compact), (pictureless, block.compact), (pictureless, True)):
        padding = _PADDING // 2 if compact else _PADDING
        room = width - (sum(measured[i][0] for i in attempt) + (padding + 1) * len(attempt) - 1 + _EDGES)
        if room >= 0:
            widths = _fitted(block.columns, {i: measured[i] for i in attempt}, room)
            return _table(block, attempt, widths, look, edge=measure is None, compact=compact)
    return _stack(block, look)


def _fitted(columns: Sequence[v.Column], measured: dict[int, tuple[int, int]], room: int) -> dict[int, int]:
    """Each column's width: its least, then the ``room`` left: first a no-wrap column's whole header on
    one line where it fits (part of one is no use), then the wrapping columns' longer cells and headers,
    the least wanting first, each at most an even share of what is left.

    Set here, not left to Rich: Rich's own shrinking of wrapping columns can leave the table a column
    too wide, and then cuts one (a "States met" header read "Sta")."""
    widths = {i: least for i, (least, _) in measured.items()}
    wants = {i: whole - least for i, (least, whole) in measured.items()}
    for i in sorted((i for i in wants if wants[i] and not columns[i].wrap), key=wants.__getitem__):
        if wants[i] <= room:
            widths[i] += wants[i]
            room -= wants[i]
    waiting = sorted((i for i in wants if columns[i].wrap), key=wants.__getitem__)
    while waiting:
        i = waiting.pop(0)
        given = min(wants[i], room // (len(waiting) + 1))
        widths[i] += given
        room -= given
    return widths


def _runs(block: v.Grid, width: int, look: Look) -> Group:
    """Each run under its heading line, the run column left out: every run measured as the whole grid,
    so the columns line up as in one table, whose header row heads the first run only."""
    kept = [i for i in range(len(block.columns)) if i != block.run_column]
    whole = v.Grid(
        [block.columns[i] for i in kept], [[row[i] for i in kept] for row in block.rows], None, block.compact
    )
    parts: list[RenderableType] = [Text(v.clean(block.title), style="bold")] if block.title else []
    header = block.header
    for run in block.runs:
        parts.append(Text(v.clean(run.heading), style="bold"))
        if run.rows:
            shown = whole._replace(rows=[whole.rows[r] for r in run.rows], header=header)
            parts.append(_grid(shown, width, look, whole))
            header = False
    return Group(*parts)


def _table(
    block: v.Grid, keep: Sequence[int], widths: dict[int, int], look: Look, edge: bool = True, compact: bool = False
) -> Table:
    table = Table(
        title=Text(v.clean(block.title), style="bold") if block.title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD if look.unicode else _ASCII_SIMPLE_HEAD,
        header_style="bold",
        show_header=block.header,
        show_edge=edge,  # a run under its heading: no blank edge line between them
        padding=(0, 1, 0, 0) if compact else (0, 1),
    )
    for i in keep:
        column = block.columns[i]
        justify: Literal["left", "right"] = "right" if column.justify == "right" else "left"
        table.add_column(
            Text(_header(column.header, widths[i])),
            justify=justify,
            no_wrap=not column.wrap,
            overflow="fold",
            width=widths[i],
        )
    for row in block.rows:
        table.add_row(*(_text(row[i], block.columns[i].kind, look) for i in keep))
    return table


def _header(header: str, width: int) -> str:
    """The header in lines of at most ``width`` cells, broken between words only (a no-wrap column's
    cells never wrap, so its header is broken here)."""
    lines: list[str] = []
    for word in header.split(" "):
        if lines and cell_len(lines[-1]) + 1 + cell_len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def _stack(block: v.Grid, look: Look) -> Group:
    """One block per row, a 'Header: value' line each: what a narrow terminal can show whole.

    The block is headed by its first cell, or "N. name" where the first column numbers the rows.
    """
    parts: list[RenderableType] = [Text(v.clean(block.title), style="bold")] if block.title else []
    shown = [i for i, c in enumerate(block.columns) if c.kind not in _OPTIONAL]
    numbered = block.columns[shown[0]].kind in ("number", "place") and len(shown) > 1
    head, rest = (shown[:2], shown[2:]) if numbered else (shown[:1], shown[1:])
    for row in block.rows:
        cells = [plain(row[i], block.columns[i].kind, look.unicode) for i in head]
        parts.append(Text(". ".join(c for c in cells if c), style="bold"))
        lines = _Hanging()
        for i in rest:
            lines.add_row(Text(f"  {v.clean(block.columns[i].header)}:"), _text(row[i], block.columns[i].kind, look))
        parts.append(lines)
    return Group(*parts)


class _Hanging:
    """Lines of a label (a bullet's mark, a stacked row's header) and its text: where the text wraps,
    it goes on under itself, not under the label (a hanging indent)."""

    def __init__(self) -> None:
        self.rows: list[tuple[Text, Text]] = []

    def add_row(self, label: Text, text: Text) -> None:
        self.rows.append((label, text))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = max((label.cell_len for label, _ in self.rows), default=0) + 1
        for label, text in self.rows:
            lead = Text.assemble(label, " " * (indent - label.cell_len))  # the label's colour, not the line's
            for line in text.wrap(console, max(1, options.max_width - indent), overflow="fold"):
                yield lead + line
                lead = Text(" " * indent)


def _tiles(block: v.Tiles, width: int, look: Look) -> RenderableType:
    columns = 1 + max(t["col"] for t in block.tiles)
    tile = min(7, width // columns)
    if tile < 4:
        return Text(f"The map needs a terminal at least {4 * columns} columns wide (this one has {width}).")
    rows = 1 + max(t["row"] for t in block.tiles)
    lines = [Text() for _ in range(rows)]
    placed = {(t["row"], t["col"]): t for t in block.tiles}
    for r in range(rows):
        for c in range(columns):
            t = placed.get((r, c))
            if t is None:
                lines[r].append(" " * tile)
                continue
            label = f"{t['code']} {t.get('mark', t['grade']) or ' '}".center(tile - (1 if tile > 4 else 0))
            lines[r].append(label, style=look.grade(t.get("shade", t["grade"])) or "dim")
            if tile > 4:
                lines[r].append(" ")
    legend = Text("Legend: ")
    for label, count in block.legend:
        legend.append(f" {v.clean(label)} ", style=look.grade(label[:1]) if label[:1] in GRADE_LETTERS else "dim")
        legend.append(f" {count}  ")
    return Group(*lines, Text(), legend)


def _bullets(block: v.Bullets, look: Look) -> Group:
    marks = {
        "met": ("✔" if look.unicode else "+", look.accents["up"]),
        "gap": ("✘" if look.unicode else "x", look.accents["down"]),
    }
    mark, style = marks.get(block.kind, ("•" if look.unicode else "-", ""))
    lines = _Hanging()
    for item in block.items:
        lines.add_row(Text(f"  {mark}", style=style), Text(v.clean(item)))
    return Group(Text(v.clean(block.title), style="bold"), lines)


def renderables(view: v.View, width: int, look: Look) -> list[RenderableType]:
    out: list[RenderableType] = []
    for block in view.blocks:
        if isinstance(block, v.Title):
            title = Text(v.clean(block.text), style="bold")
            if block.grade:
                title.append("  ")
                title.append(f" {block.grade} ", style=look.grade(block.grade) or "reverse")
            out.append(title)
            if block.subtitle:
                out.append(Text(v.clean(block.subtitle)))
        elif isinstance(block, v.Grid):
            out.append(_grid(block, width, look))
        elif isinstance(block, v.Bullets):
            out.append(_bullets(block, look))
        elif isinstance(block, v.Tiles):
            out.append(_tiles(block, width, look))
        elif isinstance(block, v.Note):
            out.append(Text(v.clean(block.text), style="dim italic"))
        elif isinstance(block, v.Links):
            for label, url in block.items:
                line = Text(f"{v.clean(label)}: ", style="bold")
                line.append_text(_text(url, "link", look))
                out.append(line)
        else:
            v.assert_never(block)
    return out


def make_console(
    file: IO[str] | None = None,
    width: int | None = None,
    record: bool = False,
    terminal: bool | None = None,
    color: bool = True,
) -> Console:
    """A Console that draws as told (``color``, ``terminal``), not as Rich reads the environment."""
    dumb = os.environ.get("TERM", "").lower() in ("dumb", "unknown")  # Rich would draw no colour there at all
    return Console(
        file=file if file is not None else io.StringIO(),
        width=width,
        record=record,
        force_terminal=terminal,
        color_system=("standard" if dumb else "auto") if color else None,
        no_color=False,
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
    )


def draw(view: v.View, console: Console, unicode: bool) -> None:
    look = Look(console.color_system, unicode)
    console.print(Group(*renderables(view, console.width, look)))  # one print: far cheaper than one per block


def format(view: v.View, width: int | None = None, *, color: bool = False) -> str:  # noqa: A001
    """The view as a Rich table: as wide as the terminal (or COLUMNS), in colour only if ``color``
    (cli/output.py decides it from --color, NO_COLOR, CLICOLOR, CLICOLOR_FORCE and FORCE_COLOR)."""
    stream = io.StringIO()
    terminal = sys.stdout.isatty()
    if width is None and terminal:
        width = shutil.get_terminal_size().columns
    console = make_console(stream, width=width, terminal=color, color=color)
    draw(view, console, _unicode(sys.stdout))
    return stream.getvalue()
