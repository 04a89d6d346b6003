"""Plain text: the default when stdout is not a terminal, as gh does.

Tables become tab-separated rows under a header row (ready for ``cut`` and
``awk``), lists become ``- item`` lines; no box drawing, no bars, no Rich, and
colour (ANSI, 16 colours: grades and deltas) only when asked for (``--color always``).
Data text goes through the one sanitiser (``safe.clean``): controls shown escaped.

``apart`` is the view for a pipe. A view of one table (``View.table``: rank, gaps, states
--year, history) is its header row and rows on stdout, and its title and notes as lines for stderr, so that ``gapcli rank
| wc -l`` counts the header row and the rows, and ``sort`` or ``awk`` see nothing else. A
view of several parts (show, plan, diff, stats, map) is a document: it is printed whole,
its notes part of it (a published rank, what a figure is over), each part after a blank line.
"""

from __future__ import annotations

from gapcli.formats.cells import plain
from gapcli.views import blocks as v

_PICTURES = ("bar", "spark")  # drawn for people in a terminal; noise in a pipe
# grade -> SGR: the table's 16-colour palette (RdYlBu's order: A blue ... F red), the letter always printed
_GRADE_SGR = {"A": "97;44", "B": "30;46", "C": "30;47", "D": "30;43", "F": "97;41"}
_UP, _DOWN = "34", "31"


def _paint(text: str, sgr: str | None) -> str:
    return f"\x1b[{sgr}m{text}\x1b[0m" if sgr else text


def _cell(value: object, kind: v.ColumnKind, color: bool) -> str:
    shown = plain(value, kind)
    if not color:
        return shown
    if kind == "grade" and isinstance(value, str):
        return _paint(shown, _GRADE_SGR.get(value))
    if kind in ("delta", "steps") and isinstance(value, (int, float)) and value:
        return _paint(shown, _UP if value > 0 else _DOWN)
    return shown


def tile_lines(block: v.Tiles, color: bool = False) -> list[str]:
    """The tile map as rows of ``CODE GRADE`` cells (shared with the Markdown renderer, which has no colour)."""
    width = 1 + max(t["col"] for t in block.tiles)
    grid = [["" for _ in range(width)] for _ in range(1 + max(t["row"] for t in block.tiles))]
    marks = [tile.get("mark", tile["grade"]) or "·" for tile in block.tiles]
    cell = max(6, *(len(f"{t['code']} {m}") + 1 for t, m in zip(block.tiles, marks, strict=True)))  # "OH 71%": 7
    for tile, mark in zip(block.tiles, marks, strict=True):
        padding = " " * (cell - len(f"{tile['code']} {mark}"))
        shade = _GRADE_SGR.get(tile.get("shade", tile["grade"]) or "") if color else None
        grid[tile["row"]][tile["col"]] = f"{tile['code']} {_paint(mark, shade)}{padding}"
    return ["".join(part or " " * cell for part in row).rstrip() for row in grid]


def _trend(block: v.Block) -> bool:
    """A trend drawn for people (sparklines); its figures are in a table of the same view."""
    return isinstance(block, v.Grid) and any(c.kind == "spark" for c in block.columns)


def _lines(view: v.View, color: bool, notes: list[str] | None) -> list[str]:
    """The view's lines; with ``notes`` (a pipe), a one-table view's titles and notes go there instead."""
    out: list[str] = []
    apart = notes is not None and view.table
    for block in view.blocks:
        if isinstance(block, v.Note) and block.key:
            continue  # the key to a picture plain text does not draw
        if apart and isinstance(block, (v.Note, v.Title)):
            assert notes is not None
            subtitle = block.subtitle if isinstance(block, v.Title) else ""
            notes += [v.clean(block.text)] + ([v.clean(subtitle)] if subtitle else [])
            continue
        if isinstance(block, v.Title):
            out += [v.clean(block.text)] + ([v.clean(block.subtitle)] if block.subtitle else [])
        elif isinstance(block, v.Grid):
            if _trend(block):
                continue
            keep = [i for i, c in enumerate(block.columns) if c.kind not in _PICTURES]
            if block.title and apart:
                assert notes is not None
                notes.append(v.clean(block.title))
            elif block.title:
                out.append(v.clean(block.title))
            if block.header:
                out.append("\t".join(v.clean(block.columns[i].header) for i in keep))
            out += ["\t".join(_cell(row[i], block.columns[i].kind, color) for i in keep) for row in block.rows]
        elif isinstance(block, v.Bullets):
            out += [v.clean(block.title)] + [f"- {v.clean(item)}" for item in block.items]
        elif isinstance(block, v.Tiles):
            out += [
                *tile_lines(block, color),
                "Legend: " + ", ".join(f"{v.clean(label)} {count}" for label, count in block.legend),
            ]
        elif isinstance(block, v.Note):
            out.append(v.clean(block.text))
        elif isinstance(block, v.Links):
            out += [f"{v.clean(label)}: {v.clean(url)}" for label, url in block.items]
        else:
            v.assert_never(block)
        if not apart:
            out.append("")  # a blank line between the parts of a document; none inside one table's rows
    return out


def _text(lines: list[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n" if lines else ""  # no block (data validate, no problem): no line


def format(view: v.View, *, color: bool = False) -> str:  # noqa: A001
    """The whole view, notes included, as a terminal shows ``--format plain``."""
    return _text(_lines(view, color, None))


def apart(view: v.View, *, color: bool = False) -> tuple[str, list[str]]:
    """The view for a pipe: the data (for stdout) and the lines about it (for stderr, in order)."""
    notes: list[str] = []
    return _text(_lines(view, color, notes)), notes
