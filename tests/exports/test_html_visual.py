"""What a reader sees in an HTML export: on the dark theme, marks, deltas and links legible (4.5:1)."""

import re

import pytest

from exports.test_svg_visual import contrast


@pytest.mark.parametrize("args", [["show", "ct"], ["diff", "ct", "fl"], ["history", "ks"]])
def test_dark_html_colours_text_at_least_4_5_to_1(run, tmp_path, args):
    path = tmp_path / "out.html"
    result = run(*args, "--theme", "dark", "--export", str(path), "--force")
    assert result.exit_code == 0, result.stderr
    page = path.read_text("utf-8")
    background = re.search(r"background-color:(#[0-9a-f]{6})\">", page).group(1)
    link = re.search(r"a \{ color: (#[0-9a-f]{6}) \}", page).group(1)
    coloured = set(re.findall(r'<span style="(?:font-family:[^;]*;)?color:(#[0-9a-f]{6})"', page))
    assert coloured, "nothing coloured: the check would pass on nothing"
    for colour in [link, *coloured]:
        assert contrast(colour, background) >= 4.5, (colour, background)
