"""``--export FILE``: the table view as a self-contained SVG, HTML or text file for slides and reports.

Light by default (``--theme dark`` for dark slides), no fake window chrome, no fonts
fetched from the network (a system font stack), the view's title on the page. HTML
keeps every http(s) link clickable; SVG text stays text, so it can be searched and copied.
"""

from __future__ import annotations

import html
import io

from rich.terminal_theme import DEFAULT_TERMINAL_THEME, SVG_EXPORT_THEME, TerminalTheme

from gapcli.render import view as v
from gapcli.render.table import draw, make_console

THEMES: dict[str, TerminalTheme] = {"light": DEFAULT_TERMINAL_THEME, "dark": SVG_EXPORT_THEME}
FONTS = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace"

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{width}} {{height}}" role="img">
<title>{title}</title>
<style>
.{{unique_id}}-matrix {{{{ font-family: {fonts}; font-size: {{char_height}}px; line-height: {{line_height}}px; }}}}
{{styles}}
</style>
<defs>
<clipPath id="{{unique_id}}-clip-terminal"><rect x="0" y="0" width="{{terminal_width}}" height="{{terminal_height}}" /></clipPath>
{{lines}}
</defs>
<rect width="100%" height="100%" fill="{background}" />
<g transform="translate({{terminal_x}}, {{terminal_y}})" clip-path="url(#{{unique_id}}-clip-terminal)">
{{backgrounds}}
<g class="{{unique_id}}-matrix">
{{matrix}}
</g>
</g>
</svg>
"""

HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{{{ margin: 2em; color: {foreground}; background-color: {background}; }}}}
pre {{{{ font-family: {fonts}; font-size: 14px; line-height: 1.3; }}}}
a {{{{ color: inherit; }}}}
</style>
</head>
<body>
<pre><code>{{code}}</code></pre>
</body>
</html>
"""


def title_of(view: v.View) -> str:
    for block in view.blocks:
        if isinstance(block, v.Title):
            return v.clean(block.text)
        if isinstance(block, v.Grid) and block.title:
            return v.clean(block.title)
    return "gapcli"


def export(view: v.View, suffix: str, theme: str = "light", width: int = 100) -> str:
    """The view as SVG, HTML or plain text, through Rich's console recording."""
    console = make_console(io.StringIO(), width=width, record=True, terminal=True)
    draw(view, console, unicode=True)
    chosen = THEMES[theme]
    title = html.escape(title_of(view))
    colours = {"background": chosen.background_color.hex, "foreground": chosen.foreground_color.hex, "fonts": FONTS}
    if suffix == ".svg":
        return console.export_svg(theme=chosen, code_format=SVG.format(title=title, **colours))
    if suffix in (".html", ".htm"):
        return console.export_html(theme=chosen, inline_styles=True, code_format=HTML.format(title=title, **colours))
    return console.export_text()
