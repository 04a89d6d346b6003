"""``--export FILE.html``: the view as a small HTML document that opens anywhere and pastes into a word processor.

Real elements, not a picture of a terminal: headings, ``<table>`` with a header row,
lists, grade badges in the documented RdYlBu palette, live links (http(s) only), the map
as a table of coloured cells, and the source line. Styles are inline on each element, so
a paste keeps them; nothing is fetched from the network (no fonts, scripts or images).
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple

from gapcli import __version__
from gapcli.formats.cells import plain
from gapcli.formats.table import DARK_EXPORT_ACCENTS, EXPORT_ACCENTS, PALETTES
from gapcli.views import blocks as v

PALETTE = PALETTES["truecolor"]
FONTS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
MONO = "ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace"


class Theme(NamedTuple):
    background: str
    foreground: str
    rule: str
    link: str  # a browser's own link blue is 2.3:1 on the dark background
    accents: dict[str, str]  # marks, deltas and bars: RdYlBu, its lighter steps where dark


THEMES = {
    "light": Theme("#ffffff", "#1a1a1a", "#d0d0d0", "#0b5394", EXPORT_ACCENTS),
    "dark": Theme("#292929", "#e6e6e6", "#555555", "#9ecae1", DARK_EXPORT_ACCENTS),
}


def html(view: v.View, title: str, theme: str, size: str, source: str) -> str:
    """The document; ``size`` is the SVG's (a document flows to any width)."""
    colours = THEMES[theme]
    body: list[str] = []
    for block in view.blocks:
        body += _block(block, colours)
    body.append(f'<p style="margin-top:2em;font-size:0.9em;opacity:0.8">{_text(source)}</p>')
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="gapcli {__version__}">',
        f"<title>{_text(title)}</title>",
        f"<style>a {{ color: {colours.link} }}</style>",
        "</head>",
        f'<body style="margin:2em;font-family:{FONTS};font-size:16px;line-height:1.4;'
        f'color:{colours.foreground};background-color:{colours.background}">',
        *body,
        "</body>",
        "</html>",
        "",
    ])  # fmt: skip


def _text(value: object) -> str:
    return escape(v.clean(value))


def badge(letter: str | None, label: str | None = None) -> str:
    """A grade as a coloured badge with its letter (the letter is what counts; the colour helps)."""
    shown = _text(label if label is not None else letter or "?")
    colours = PALETTE.get(letter or "")
    if colours is None:
        return shown
    fg, bg = colours
    return (
        f'<span style="display:inline-block;min-width:1.6em;padding:0.1em 0.45em;border-radius:0.3em;'
        f'text-align:center;font-weight:bold;color:{fg};background-color:{bg};border:1px solid rgba(0,0,0,0.25)">'
        f"{shown}</span>"
    )


def _link(url: str, label: str | None = None) -> str:
    if v.is_web_link(url):
        return f'<a href="{escape(url)}">{_text(label or url)}</a>'
    return _text(label or url)


def _cell(value: object, kind: v.ColumnKind, accents: dict[str, str]) -> str:
    if kind == "grade" and isinstance(value, str) and value in PALETTE:
        return badge(value)
    if kind == "link" and isinstance(value, str) and value:
        return _link(value)
    shown = _text(plain(value, kind))
    if kind in ("bar", "spark"):
        return f'<span style="font-family:{MONO};color:{accents["bar"]}" aria-hidden="true">{shown}</span>'
    if kind == "delta" and isinstance(value, (int, float)) and value:
        return f'<span style="color:{accents["up" if value > 0 else "down"]}">{shown}</span>'
    return shown


def _block(block: v.Block, colours: Theme) -> list[str]:
    if isinstance(block, v.Title):
        grade = f" {badge(block.grade)}" if block.grade else ""
        out = [f'<h1 style="font-size:1.6em;margin:0 0 0.3em">{_text(block.text)}{grade}</h1>']
        return out + ([f'<p style="margin:0 0 1em">{_text(block.subtitle)}</p>'] if block.subtitle else [])
    if isinstance(block, v.Grid):
        return _table(block, colours)
    if isinstance(block, v.Bullets):
        marks = {"met": ("✔", colours.accents["up"]), "gap": ("✘", colours.accents["down"])}
        mark, colour = marks.get(block.kind, ("•", "inherit"))
        items = [
            f'<li style="list-style:none"><span style="color:{colour}" aria-hidden="true">{mark}</span> {_text(item)}</li>'
            for item in block.items
        ]
        heading = f'<h3 style="font-size:1.05em;margin:1em 0 0.3em">{_text(block.title)}</h3>'
        return [heading, '<ul style="margin:0;padding-left:1em">', *items, "</ul>"]
    if isinstance(block, v.Tiles):
        return _tiles(block)
    if isinstance(block, v.Note):
        return [f'<p style="font-style:italic;opacity:0.8;margin:0.4em 0">{_text(block.text)}</p>']
    if isinstance(block, v.Links):
        items = [f"<li><strong>{_text(label)}:</strong> {_link(url)}</li>" for label, url in block.items]
        return ['<ul style="padding-left:1.2em">', *items, "</ul>"] if items else []
    v.assert_never(block)


def _table(block: v.Grid, colours: Theme) -> list[str]:
    cell = f"padding:0.25em 0.8em;border-bottom:1px solid {colours.rule}"
    out = ['<table style="border-collapse:collapse;margin:0.8em 0">']
    if block.title:
        out.append(
            f'<caption style="text-align:left;font-weight:bold;padding-bottom:0.4em">{_text(block.title)}</caption>'
        )
    head = "".join(
        f'<th scope="col" style="{cell};text-align:{column.justify}">{_text(column.header)}</th>'
        for column in block.columns
    )
    out += ["<thead>", f"<tr>{head}</tr>", "</thead>", "<tbody>"]
    for row in block.rows:
        cells = "".join(
            f'<td style="{cell};text-align:{column.justify}">{_cell(value, column.kind, colours.accents)}</td>'
            for column, value in zip(block.columns, row, strict=False)
        )
        out.append(f"<tr>{cells}</tr>")
    return [*out, "</tbody>", "</table>"]


def _tiles(block: v.Tiles) -> list[str]:
    placed = {(t["row"], t["col"]): t for t in block.tiles}
    rows, columns = 1 + max(t["row"] for t in block.tiles), 1 + max(t["col"] for t in block.tiles)
    out = ['<table style="border-collapse:separate;border-spacing:4px;margin:0.8em 0" aria-label="tile map">']
    for r in range(rows):
        cells = []
        for c in range(columns):
            tile = placed.get((r, c))
            if tile is None:
                cells.append('<td style="width:3.4em"></td>')
                continue
            shade = tile.get("shade", tile["grade"])  # a share's colour where no grade is published
            fg, bg = PALETTE.get(shade or "", ("inherit", "transparent"))
            border = "1px solid rgba(0,0,0,0.25)" if shade in PALETTE else "1px dashed #999999"
            cells.append(
                f'<td style="width:3.4em;height:2.8em;text-align:center;vertical-align:middle;color:{fg};'
                f'background-color:{bg};border:{border};border-radius:0.3em;font-weight:bold">'
                f"{_text(tile['code'])}<br>{_text(tile.get('mark', tile['grade']) or '–')}</td>"
            )
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</table>")
    legend = " ".join(
        f"{badge(label[:1], label) if label[:1] in PALETTE else _text(label)} {count}" for label, count in block.legend
    )
    return [*out, f"<p>Legend: {legend}</p>"]
