"""Rich tables for people. Data text goes in as ``Text`` objects, never as markup.

Colour follows Rich's detection: none when stdout is not a terminal or NO_COLOR
is set. Without a UTF-8 stream, bars, sparklines and boxes fall back to ASCII.
"""

from __future__ import annotations

import io
import shutil
import sys

from rich import box
from rich.console import Console, Group
from rich.style import Style
from rich.table import Table
from rich.text import Text

from gapcli.render import view as v
from gapcli.render.cells import plain

GRADE_STYLES = {"A": "bold green", "B": "green", "C": "yellow", "D": "dark_orange", "F": "bold red"}
TILE_STYLES = {
    "A": "black on green",
    "B": "black on green3",
    "C": "black on yellow",
    "D": "black on dark_orange",
    "F": "white on red3",
}


def _unicode(stream) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "").startswith("utf")


def _text(value: object, kind: str, unicode: bool) -> Text:
    shown = plain(value, kind, unicode)
    if kind == "grade":
        return Text(shown, style=GRADE_STYLES.get(value, "dim"))
    if kind == "delta" and value:
        return Text(shown, style="green" if value > 0 else "red")
    if kind in ("bar", "spark"):
        return Text(shown, style="cyan")
    if kind == "link" and value and v.is_web_link(value):
        return Text(shown, style=Style(link=value))
    if value is None:
        return Text(shown, style="dim")
    return Text(shown)


def _grid(block: v.Grid, unicode: bool) -> Table:
    table = Table(
        title=Text(v.clean(block.title), style="bold") if block.title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD if unicode else box.ASCII,
        header_style="bold",
    )
    for column in block.columns:
        table.add_column(Text(column.header), justify=column.justify, no_wrap=not column.wrap, overflow="fold")
    for row in block.rows:
        table.add_row(*(_text(value, column.kind, unicode) for column, value in zip(block.columns, row, strict=False)))
    return table


def _tiles(block: v.Tiles, width: int, unicode: bool):
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
            label = f"{t['code']} {t['grade'] or ' '}".center(tile - (1 if tile > 4 else 0))
            style = TILE_STYLES.get(t["grade"], "dim") if t["has_card"] else "dim"
            lines[r].append(label, style=style)
            if tile > 4:
                lines[r].append(" ")
    legend = Text("Legend: ")
    for label, count in block.legend:
        legend.append(f" {v.clean(label)} ", style=TILE_STYLES.get(label[:1], "dim"))
        legend.append(f" {count}  ")
    return Group(*lines, Text(), legend)


def _chart(block: v.Chart, unicode: bool) -> Table:
    table = Table(title=Text(v.clean(block.title), style="bold"), title_justify="left", box=None, show_header=False)
    table.add_column()
    table.add_column()
    table.add_column(justify="right")
    top = max((value for _, value in block.items), default=0) or 1
    for label, value in block.items:
        bar = plain((value, top), "bar", unicode) if value else ""
        table.add_row(
            Text(v.clean(label), style=GRADE_STYLES.get(label, "")), Text(bar, style="cyan"), Text(f"{value:g}")
        )
    return table


def renderables(view: v.View, width: int, unicode: bool) -> list:
    out = []
    for block in view.blocks:
        if isinstance(block, v.Title):
            title = Text(v.clean(block.text), style="bold")
            if block.grade:
                title.append("  ")
                title.append(f" {block.grade} ", style=TILE_STYLES.get(block.grade, "reverse"))
            out.append(title)
            if block.subtitle:
                out.append(Text(v.clean(block.subtitle)))
        elif isinstance(block, v.Grid):
            out.append(_grid(block, unicode))
        elif isinstance(block, v.Bullets):
            mark, style = {"met": ("✔" if unicode else "+", "green"), "gap": ("✘" if unicode else "x", "red")}.get(
                block.kind, ("•" if unicode else "-", "")
            )
            lines = Text(v.clean(block.title), style="bold")
            for item in block.items:
                lines.append(f"\n  {mark} ", style=style)
                lines.append(v.clean(item), style="not bold")
            out.append(lines)
        elif isinstance(block, v.Chart):
            out.append(_chart(block, unicode))
        elif isinstance(block, v.Tiles):
            out.append(_tiles(block, width, unicode))
        elif isinstance(block, v.Note):
            out.append(Text(v.clean(block.text), style="dim italic"))
        elif isinstance(block, v.Links):
            for label, url in block.items:
                line = Text(f"{v.clean(label)}: ", style="bold")
                line.append(_text(url, "link", unicode))
                out.append(line)
    return out


def make_console(file=None, width: int | None = None, record: bool = False, terminal: bool | None = None) -> Console:
    stream = file if file is not None else io.StringIO()
    return Console(
        file=stream,
        width=width,
        record=record,
        force_terminal=terminal,
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
    )


def draw(view: v.View, console: Console, unicode: bool) -> None:
    console.print(Group(*renderables(view, console.width, unicode)))  # one print: far cheaper than one per block


def format(view: v.View, width: int | None = None, **_options) -> str:  # noqa: A001
    stream = io.StringIO()
    terminal = sys.stdout.isatty()
    if width is None and terminal:
        width = shutil.get_terminal_size().columns
    console = make_console(stream, width=width, terminal=terminal or None)
    draw(view, console, _unicode(sys.stdout))
    return stream.getvalue()


def export(view: v.View, suffix: str, width: int = 100) -> str:
    """The view as SVG, HTML or plain text, through Rich's console recording."""
    console = make_console(io.StringIO(), width=width, record=True, terminal=True)
    draw(view, console, unicode=True)
    if suffix == ".svg":
        return console.export_svg(title="gapcli")
    if suffix in (".html", ".htm"):
        return console.export_html()
    return console.export_text()
