"""Plain text: the default when stdout is not a terminal, as gh does.

Tables become tab-separated rows under a header row (ready for ``cut`` and
``awk``), lists become ``- item`` lines; no colour, no box drawing, no Rich.
Data text goes through the one sanitiser (``safe.clean``): controls shown escaped.
"""

from __future__ import annotations

from gapcli.formats.cells import plain
from gapcli.views import blocks as v

_PICTURES = ("bar", "spark")  # drawn for people in a terminal; noise in a pipe


def tile_lines(block: v.Tiles) -> list[str]:
    """The tile map as rows of ``CODE GRADE`` cells (shared with the Markdown renderer)."""
    width = 1 + max(t["col"] for t in block.tiles)
    grid = [["" for _ in range(width)] for _ in range(1 + max(t["row"] for t in block.tiles))]
    for tile in block.tiles:
        grid[tile["row"]][tile["col"]] = f"{tile['code']} {tile.get('mark', tile['grade']) or '·'}"
    return ["".join(f"{cell:<6}" for cell in row).rstrip() for row in grid]


def format(view: v.View) -> str:  # noqa: A001
    out: list[str] = []
    for block in view.blocks:
        if isinstance(block, v.Title):
            out += [v.clean(block.text)] + ([v.clean(block.subtitle)] if block.subtitle else [])
        elif isinstance(block, v.Grid):
            if any(c.kind == "spark" for c in block.columns):
                continue  # a trend drawn for people; its figures are in the table above
            keep = [i for i, c in enumerate(block.columns) if c.kind not in _PICTURES]
            if block.title:
                out.append(v.clean(block.title))
            if block.header:
                out.append("\t".join(v.clean(block.columns[i].header) for i in keep))
            out += ["\t".join(plain(row[i], block.columns[i].kind) for i in keep) for row in block.rows]
        elif isinstance(block, v.Bullets):
            out += [v.clean(block.title)] + [f"- {v.clean(item)}" for item in block.items]
        elif isinstance(block, v.Tiles):
            out += [
                *tile_lines(block),
                "Legend: " + ", ".join(f"{v.clean(label)} {count}" for label, count in block.legend),
            ]
        elif isinstance(block, v.Note):
            out.append(v.clean(block.text))
        elif isinstance(block, v.Links):
            out += [f"{v.clean(label)}: {v.clean(url)}" for label, url in block.items]
        else:
            v.assert_never(block)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n" if out else ""  # no block (data validate, no problem): no line
