"""``--export FILE``: the table view as a self-contained SVG, HTML or text file for slides and reports.

Every export is in the documented colour-blind-safe palette (RdYlBu, true colour, whatever the
terminal has: the file is not a terminal), carries the source line, and prints no path
inside gapcli's repository. Light by default (``--theme dark`` for dark slides); no window
chrome, nothing fetched from the network. SVG (gapcli.exports.svg) keeps text as text and
links as links, at page size or on a 16:9 slide (``--size slide``); HTML
(gapcli.exports.html) is a document with real tables; text is the view as a terminal shows it.
"""

from __future__ import annotations

import io

from rich.terminal_theme import DEFAULT_TERMINAL_THEME, SVG_EXPORT_THEME, TerminalTheme

from gapcli.views import blocks as v
from gapcli.views.provenance import is_repository_path, without_paths

THEMES: dict[str, TerminalTheme] = {"light": DEFAULT_TERMINAL_THEME, "dark": SVG_EXPORT_THEME}


def title_of(view: v.View) -> str:
    for block in view.blocks:
        if isinstance(block, v.Title):
            return v.clean(block.text)
        if isinstance(block, v.Grid) and block.title:
            return v.clean(block.title)
    return "gapcli"


def public(view: v.View) -> v.View:
    """The view without repository paths: a link that is one is left out, a note loses it."""
    blocks: list[v.Block] = []
    for block in view.blocks:
        if isinstance(block, v.Links):
            block = v.Links([(label, url) for label, url in block.items if not is_repository_path(url)])
        elif isinstance(block, v.Note):
            block = block._replace(text=without_paths(block.text))
        blocks.append(block)
    return view._replace(blocks=blocks)


# suffix -> "module:function" of this package: the one place an export format is added
EXPORTS: dict[str, str] = {".svg": "svg:svg", ".html": "html:html", ".htm": "html:html", ".txt": "document:text"}


def export(view: v.View, suffix: str, theme: str = "light", size: str = "page", source: str = "") -> str:
    """The view as SVG, HTML or plain text, with ``source`` (the source line) at its foot."""
    import importlib

    module, _, function = EXPORTS[suffix].partition(":")
    make = getattr(importlib.import_module(f"gapcli.exports.{module}"), function)
    view = public(view)
    text: str = make(view, title_of(view), theme, size, source)
    return text


def text(view: v.View, title: str, theme: str, size: str, source: str) -> str:
    """The view as a terminal 100 columns wide shows it, without colour, and the source line."""
    from gapcli.formats.table import draw, make_console

    console = make_console(io.StringIO(), width=100, record=True, terminal=True)
    draw(view, console, unicode=True)
    return console.export_text() + f"\n{source}\n"
