"""``--export FILE.svg``: the table view as a picture whose text stays text and whose links stay links.

The view is drawn by the table renderer (gapcli.formats.table) in true colour, whatever the
terminal has, with the documented RdYlBu grade palette, then laid out here on a character
grid: one ``<text>`` per run of equal style (``textLength`` keeps the grid whatever monospace
font the viewer has), a ``<rect>`` behind each badge with its text centred, an ``<a href>``
around each link. A picture has only its text, so a long URL goes on over more lines, never
cut; on the dark theme the accents are RdYlBu's lighter steps, legible there (4.5:1 or more).

``page`` is 100 columns at 18 px, as tall as the view. ``slide`` is a 1920×1080 (16:9) canvas:
the largest font from 44 px down to 20 px at which the view fits in one, two or three
columns of text; a view too long for that is refused rather than shrunk past reading.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from gapcli.errors import GapcliError
from gapcli.formats.table import DARK_EXPORT_ACCENTS, EXPORT_ACCENTS, Look, renderables
from gapcli.views import blocks as v

if TYPE_CHECKING:
    from rich.terminal_theme import TerminalTheme

FONTS = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace"
CHAR_WIDTH = 0.6  # of the font size: the advance of a monospace glyph
LINE_HEIGHT = 1.25
PAGE_COLUMNS, PAGE_FONT = 100, 18
SLIDE = (1920, 1080)
SLIDE_FONTS = range(44, 19, -2)  # largest first; 20 px is the least that reads on a 1080p slide
SLIDE_MARGIN, GUTTER = 48, 48
FOOTER_FONT = 24  # the source line: read, not looked at
_SPLITTABLE = (v.Bullets, v.Links, v.Note)  # blocks that may continue in the next column

Line = list[Segment]


def svg(view: v.View, title: str, theme_name: str, size: str, source: str) -> str:
    from gapcli.exports.document import THEMES

    theme = THEMES[theme_name]
    look = Look("truecolor", unicode=True, accents=DARK_EXPORT_ACCENTS if theme_name == "dark" else EXPORT_ACCENTS)
    if size == "slide":
        return _slide(list(view.blocks), look, title, theme, source)
    width = PAGE_COLUMNS
    lines = [line for block in view.blocks for line in _draw(_rendered(block, width, look), width)]
    lines += _draw([Text(source, style="dim")], width)
    char, high = PAGE_FONT * CHAR_WIDTH, PAGE_FONT * LINE_HEIGHT
    margin = 24
    size_px = (round(2 * margin + width * char), round(2 * margin + len(lines) * high))
    return _document(title, theme, size_px, PAGE_FONT, [(margin, margin, lines, PAGE_FONT)], source)


def _rendered(block: v.Block, width: int, look: Look) -> list[RenderableType]:
    if isinstance(block, v.Links):
        return [_link_line(label, url, width) for label, url in block.items]
    return renderables(v.View(None, blocks=[block]), width, look)


def _link_line(label: str, url: str, width: int) -> Text:
    """``Label: URL``, the URL whole: a printed or rasterised picture has only its text, so a URL
    too long for the line goes on over the next ones, broken after / ? & - . where it can be."""
    line = Text(f"{v.clean(label)}: ", style="bold")
    if not v.is_web_link(url):
        return line.append(v.clean(url))
    indent = 2
    room = width - line.cell_len
    if room < min(len(url), 20):  # a long label: the address starts on the next line
        line.append("\n" + " " * indent)
        room = width - indent
    for number, part in enumerate(_url_parts(url, room, width - indent)):
        if number:
            line.append("\n" + " " * indent)
        line.append(part, style=Style(link=url))
    return line


def _url_parts(url: str, first: int, rest: int) -> list[str]:
    """The URL in pieces of at most ``first`` then ``rest`` cells, each ending after a break
    character where one is in reach; a run with none is cut at the width."""
    parts: list[str] = []
    while url:
        room = max(1, rest if parts else first)
        if len(url) <= room:
            parts.append(url)
            break
        cut = max(url.rfind(c, 0, room) for c in "/?&-.") + 1
        if cut <= room // 3:  # no break character in reach (or only near the start): cut at the width
            cut = room
        parts.append(url[:cut])
        url = url[cut:]
    return parts


def _compact(block: v.Block, width: int, look: Look) -> list[RenderableType]:
    """A slide's lists as paragraphs (each item after its mark, wrapping as prose): a third of the lines.

    Laid out here, not by Rich, whose wrapping breaks at any whitespace (a no-break space too):
    a mark always starts a line or follows the end of an item, never ends a line; an item
    shorter than 24 characters is never broken."""
    if not isinstance(block, v.Bullets):
        return _rendered(block, width, look)
    colour = {"met": look.accents["up"], "gap": look.accents["down"]}.get(block.kind, "")
    mark = {"met": "✔", "gap": "✘"}.get(block.kind, "•")
    text = Text()
    text.append(v.clean(block.title), style="bold")
    used = width  # the title ends a line: the first item starts the next
    for item in block.items:
        words = v.clean(item).split()
        units = [" ".join(words)] if len(item) < 24 else words
        units[0] = f"{mark} {units[0]}"
        for number, unit in enumerate(units):
            gap = "   " if number == 0 else " "
            if used and used + len(gap) + cell_len(unit) > width:
                text.append("\n")
                used, gap = 0, ""
            text.append(gap)
            if number == 0:
                text.append(mark, style=colour)
                unit = unit[len(mark) :]
            text.append(unit)
            used += len(gap) + cell_len(unit) + (len(mark) if number == 0 else 0)
    return [text]


def _draw(parts: Sequence[RenderableType], width: int) -> list[Line]:
    console = Console(
        file=io.StringIO(), width=width, color_system="truecolor", force_terminal=True,
        highlight=False, markup=False, emoji=False, soft_wrap=False,
    )  # fmt: skip
    options = console.options.update(width=width)
    return [line for part in parts for line in console.render_lines(part, options, pad=False)]


def _slide(blocks: list[v.Block], look: Look, title: str, theme: TerminalTheme, source: str) -> str:
    """The largest font at which the view fits: its head (title, notes, the first table or map)
    across the slide, the rest (lists, links) flowing down one, two or three columns below."""
    width, height = SLIDE
    split = next((i for i, block in enumerate(blocks) if isinstance(block, (v.Bullets, v.Links))), len(blocks))
    head, rest = blocks[:split], blocks[split:]
    drawn: dict[int, list[tuple[bool, list[Line]]]] = {}

    def draw(part: list[v.Block], columns: int) -> list[tuple[bool, list[Line]]]:
        return [(isinstance(b, _SPLITTABLE), _draw(_compact(b, columns, look), columns)) for b in part]

    for font in SLIDE_FONTS:
        char, high = font * CHAR_WIDTH, font * LINE_HEIGHT
        full = int((width - 2 * SLIDE_MARGIN) // char)
        small = min(font, FOOTER_FONT)
        footer = _draw([Text(source, style="dim")], int((width - 2 * SLIDE_MARGIN) // (small * CHAR_WIDTH)))
        footer_px = (len(footer) + 0.5) * small * LINE_HEIGHT
        top = [line for _, lines in draw(head, full) for line in lines]
        rows = int((height - 2 * SLIDE_MARGIN - footer_px) // high) - len(top)
        if rows < 0:
            continue
        for count in (1, 2, 3):
            column_px = (width - 2 * SLIDE_MARGIN - (count - 1) * GUTTER) / count
            columns = int(column_px // char)
            if columns < 40 and rest:
                continue
            if columns not in drawn:
                drawn[columns] = draw(rest, columns)
            packed = _pack(drawn[columns], rows, count)
            if packed is not None:
                below = SLIDE_MARGIN + len(top) * high
                placed: list[tuple[float, float, list[Line], int]] = [(SLIDE_MARGIN, SLIDE_MARGIN, top, font)]
                placed += [
                    (SLIDE_MARGIN + i * (column_px + GUTTER), below, lines, font) for i, lines in enumerate(packed)
                ]
                placed.append((SLIDE_MARGIN, height - SLIDE_MARGIN - len(footer) * small * LINE_HEIGHT, footer, small))
                return _document(title, theme, SLIDE, font, placed, source)
    raise GapcliError(
        f"this view is too long for one slide at a readable size ({SLIDE_FONTS[-1]} px or more); "
        "export it without --size slide, or export a shorter view"
    )


def _pack(blocks: list[tuple[bool, list[Line]]], rows: int, count: int) -> list[list[Line]] | None:
    """Blocks into ``count`` columns of ``rows`` lines, in order; a table or map is never split."""
    columns: list[list[Line]] = [[]]
    if rows <= 0:
        return None if any(lines for _, lines in blocks) else columns
    for splittable, lines in blocks:
        pending = list(lines)
        while pending:
            room = rows - len(columns[-1])
            if len(pending) <= room:
                columns[-1] += pending
                break
            if splittable and room >= 2:
                columns[-1] += pending[:room]
                pending = pending[room:]
            if len(columns) == count:
                return None
            columns.append([])
            while pending and not "".join(s.text for s in pending[0]).strip():
                pending.pop(0)  # no column starts with a blank line
    return columns


def _document(
    title: str,
    theme: TerminalTheme,
    size: tuple[float, float],
    font: int,
    placed: list[tuple[float, float, list[Line], int]],
    source: str,
) -> str:
    """The SVG of lines placed at (left, top), each group in its own font size (a slide's footer is smaller)."""
    width, height = size
    background, foreground = theme.background_color.hex, theme.foreground_color.hex
    body = []
    for left, top, lines, size_px in placed:
        char, high = size_px * CHAR_WIDTH, size_px * LINE_HEIGHT
        if size_px != font:
            body.append(f'<g class="f{size_px}">')
        for number, line in enumerate(lines):
            body += _line(line, left, top + number * high, char, high, size_px, theme)
        if size_px != font:
            body.append("</g>")
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}" role="img" aria-labelledby="title">',
        f'<title id="title">{escape(title)}</title>',
        f"<desc>{escape(source)}</desc>",
        f"<style>text {{ font-family: {FONTS}; font-size: {font}px; white-space: pre; }} "
        ".b { font-weight: bold; } .i { font-style: italic; } .u { text-decoration: underline; }"
        + "".join(f" .f{n} text {{ font-size: {n}px; }}" for n in sorted({p[3] for p in placed} - {font}))
        + "</style>",
        f'<rect width="100%" height="100%" fill="{background}"/>',
        f'<g fill="{foreground}">',
        *body,
        "</g>",
        "</svg>",
        "",
    ])  # fmt: skip


def _line(line: Line, left: float, top: float, char: float, high: float, font: int, theme: TerminalTheme) -> list[str]:
    out: list[str] = []
    offset = 0
    for text, style in _runs(line):
        cells = cell_len(text)
        x, width = left + offset * char, cells * char
        offset += cells
        fill, back = _colours(style, theme)
        if back is not None and text.strip():
            text, x, width = _badge(text, x, char)
        if back is not None:  # inset a little, so badges one above another stay apart
            out.append(
                f'<rect x="{x:.1f}" y="{top + font * 0.06:.1f}" width="{width:.1f}" '
                f'height="{high - font * 0.12:.1f}" fill="{back}" '
                'stroke="#000000" stroke-opacity="0.25" stroke-width="1"/>'
            )
            x += (width - cell_len(text) * char) / 2  # the text centred in its badge
        if not text.strip():
            continue
        classes = " ".join(c for c, on in (("b", style.bold), ("i", style.italic), ("u", style.link)) if on)
        attributes = f' class="{classes}"' if classes else ""
        attributes += f' fill="{fill}"' if fill else ""
        attributes += ' opacity="0.7"' if style.dim else ""
        baseline = top + (high + font * 0.7) / 2
        element = (
            f'<text x="{x:.1f}" y="{baseline:.1f}" textLength="{cell_len(text) * char:.1f}" '
            f'lengthAdjust="spacingAndGlyphs"{attributes}>{escape(text)}</text>'
        )
        if style.link and v.is_web_link(style.link):
            link = escape(style.link)
            element = f'<a href="{link}" xlink:href="{link}" target="_blank">{element}</a>'
        out.append(element)
    return out


def _badge(text: str, x: float, char: float) -> tuple[str, float, float]:
    """A run on a background (a grade badge, a map tile) as its text, the badge's left and width.

    Padding a table added to fill its column (more on one side than the other) is not the
    badge's: it shrinks to the text and half a cell each side, where the column put the text.
    Padding of the badge's own (a tile, `` F ``) stays, split equally around the text."""
    shown = text.strip()
    lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
    cells, width = cell_len(text), cell_len(text) * char
    if abs(lead - trail) <= 1:
        return shown, x, width
    snug = (cell_len(shown) + 1) * char
    start = x + lead * char - char / 2 if lead < trail else x + (cells - trail) * char - snug + char / 2
    return shown, max(x, min(start, x + width - snug)), snug


def _runs(line: Line) -> list[tuple[str, Style]]:
    """Consecutive segments of one style joined: fewer elements, the same picture."""
    runs: list[tuple[str, Style]] = []
    for segment in line:
        if segment.control or not segment.text:
            continue
        style = segment.style or Style()
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + segment.text, style)
        else:
            runs.append((segment.text, style))
    return runs


def _colours(style: Style, theme: TerminalTheme) -> tuple[str | None, str | None]:
    fill = style.color.get_truecolor(theme).hex if style.color and not style.color.is_default else None
    back = (
        style.bgcolor.get_truecolor(theme, foreground=False).hex
        if style.bgcolor and not style.bgcolor.is_default
        else None
    )
    if style.reverse:
        fill, back = back or theme.background_color.hex, fill or theme.foreground_color.hex
    return fill, back
