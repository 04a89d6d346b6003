"""Markdown: headings, pipe tables and lists; data text escaped so it stays text."""

from __future__ import annotations

import re

from gapcli.formats.cells import plain
from gapcli.formats.plain import tile_lines
from gapcli.views import blocks as v

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+|~])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", v.clean(text))


def _grid(block: v.Grid) -> list[str]:
    lines = [f"### {escape(block.title)}", ""] if block.title else []
    lines.append("| " + " | ".join(escape(c.header) for c in block.columns) + " |")
    lines.append("|" + "|".join("---:" if c.justify == "right" else "---" for c in block.columns) + "|")
    for row in block.rows:
        cells = []
        for column, value in zip(block.columns, row, strict=False):
            if column.kind == "link" and value and v.is_web_link(value):
                cells.append(f"<{escape(value)}>")
            else:
                cells.append(escape(plain(value, column.kind)))
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def format(view: v.View) -> str:  # noqa: A001
    out: list[str] = []
    for block in view.blocks:
        if isinstance(block, v.Title):
            out += [f"## {escape(block.text)}", ""] + ([escape(block.subtitle), ""] if block.subtitle else [])
        elif isinstance(block, v.Grid):
            out += _grid(block)
        elif isinstance(block, v.Bullets):
            out += [f"**{escape(block.title)}**", ""] + [f"- {escape(item)}" for item in block.items] + [""]
        elif isinstance(block, v.Tiles):
            out += _tiles(block)
        elif isinstance(block, v.Note):
            out += [f"_{escape(block.text)}_", ""]
        elif isinstance(block, v.Links):
            for label, url in block.items:
                shown = f"<{escape(url)}>" if v.is_web_link(url) else escape(url)
                out.append(f"- {escape(label)}: {shown}")
            out.append("")
        else:
            v.assert_never(block)
    return "\n".join(out).rstrip("\n") + "\n"


def _tiles(block: v.Tiles) -> list[str]:
    lines = ["```", *tile_lines(block), "```", ""]
    return [*lines, "Legend: " + ", ".join(f"{escape(label)} {count}" for label, count in block.legend), ""]
