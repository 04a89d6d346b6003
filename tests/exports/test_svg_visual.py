"""What a reader sees in an SVG export (visual test rows 5, 6, 7, 19, 20), checked in the file itself."""

import json
import xml.etree.ElementTree as ET

import pytest

NS = "{http://www.w3.org/2000/svg}"
MARKS = ("✘", "✔", "•")


def exported(run, tmp_path, *args):
    path = tmp_path / "out.svg"
    result = run(*args, "--export", str(path), "--force")
    assert result.exit_code == 0, result.stderr
    return ET.fromstring(path.read_text("utf-8"))


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one: str, two: str) -> float:
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(colour: str, under: str, opacity: float) -> str:
    mixed = (round(opacity * int(colour[i : i + 2], 16) + (1 - opacity) * int(under[i : i + 2], 16)) for i in (1, 3, 5))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def badges(root):
    """(rect, text) pairs: each text drawn over a filled rect (a grade badge or a map tile)."""
    rects = [r for r in root.iter(f"{NS}rect") if r.get("x") is not None]
    for text in root.iter(f"{NS}text"):
        x, y = float(text.get("x")), float(text.get("y"))
        for rect in rects:
            rx, ry, rw, rh = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
            if rx <= x < rx + rw and ry <= y <= ry + rh:
                yield rect, text
                break


def lines(root):
    """Text elements by baseline, left to right: (x, end, text)."""
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for text in root.iter(f"{NS}text"):
        x = float(text.get("x"))
        rows.setdefault(float(text.get("y")), []).append((x, x + float(text.get("textLength")), text.text or ""))
    return [sorted(row) for _, row in sorted(rows.items())]


@pytest.mark.parametrize("args", [["show", "ct"], ["show", "ct", "--size", "slide"], ["history", "ks"], ["map"]])
def test_dark_svg_text_is_at_least_4_5_to_1_against_what_is_behind_it(run, tmp_path, args):
    root = exported(run, tmp_path, *args, "--theme", "dark")
    background = root.find(f"{NS}rect").get("fill")
    foreground = root.find(f"{NS}g").get("fill")
    behind = {id(text): rect.get("fill") for rect, text in badges(root)}
    checked = set()
    for text in root.iter(f"{NS}text"):
        under = behind.get(id(text), background)
        fill = blend(text.get("fill", foreground), under, float(text.get("opacity", "1")))
        assert contrast(fill, under) >= 4.5, (text.text, fill, under)
        checked.add(text.get("fill"))
    assert len(checked) >= 3  # coloured text was there to check, not only the foreground


def test_light_svg_keeps_the_rdylbu_accents(run, tmp_path):
    fills = {t.get("fill") for t in exported(run, tmp_path, "show", "ct").iter(f"{NS}text")}
    assert {"#d7191c", "#2c7bb6"} <= fills


@pytest.mark.parametrize(
    "args", [["show", "louisiana", "--year", "2015"], ["stats"], ["show", "ct", "--size", "slide"], ["show", "ct"]]
)
def test_svg_shows_every_link_address_whole(run, tmp_path, args):
    root = exported(run, tmp_path, *args)
    shown: list[list[str]] = []  # [href, its text] per link, a link's lines one after another
    for link in root.iter(f"{NS}a"):
        text = "".join(link.itertext())
        assert not text.rstrip().endswith("…"), text
        if shown and shown[-1][0] == link.get("href") and shown[-1][1] != shown[-1][0]:
            shown[-1][1] += text.strip()
        else:
            shown.append([link.get("href"), text.strip()])
    assert shown and all(href == text for href, text in shown), shown
    for row in lines(root):
        assert not any(text.rstrip().endswith("…") for _, _, text in row)


def test_svg_long_address_wraps_at_its_punctuation_within_the_width(run, tmp_path):
    root = exported(run, tmp_path, "show", "ct", "--size", "slide")
    parts = [text for link in root.iter(f"{NS}a") for text in ("".join(link.itertext()).strip(),)]
    assert len(parts) > len({a.get("href") for a in root.iter(f"{NS}a")})  # some address took two lines
    wrapped = [p for p in parts if not p.startswith("http")]
    assert wrapped and all(parts[parts.index(p) - 1][-1] in "/?&-." for p in wrapped)  # broken after punctuation
    for link in root.iter(f"{NS}a"):
        text = link.find(f"{NS}text")
        assert float(text.get("x")) + float(text.get("textLength")) <= 1920 - 48 + 0.5


@pytest.mark.parametrize("args", [["show", "ct", "--size", "slide"], ["show", "ct"], ["plan", "ct", "--size", "slide"]])
def test_svg_keeps_each_mark_with_its_goal(run, tmp_path, args):
    root = exported(run, tmp_path, *args)
    marks = 0
    for row in lines(root):
        for x, end, text in row:
            marks += sum(text.count(mark) for mark in MARKS)
            if text.rstrip().endswith(MARKS):
                assert any(abs(nx - end) < 0.5 and nt.strip() for nx, _, nt in row if nx > x), (text, row)
    assert marks >= 10


@pytest.mark.parametrize("args", [["map"], ["map", "--size", "slide"], ["show", "ct"], ["rank"], ["stats"]])
def test_svg_badge_and_tile_text_is_centred_in_a_badge_sized_to_it(run, tmp_path, args):
    root = exported(run, tmp_path, *args)
    pairs = list(badges(root))
    assert len(pairs) >= 3
    for rect, text in pairs:
        left = float(text.get("x")) - float(rect.get("x"))
        right = float(rect.get("x")) + float(rect.get("width")) - float(text.get("x")) - float(text.get("textLength"))
        char = float(text.get("textLength")) / len(text.text)
        assert text.text == text.text.strip(), text.text
        assert abs(left - right) < 0.5 and left > 0.2 * char, (text.text, left, right)
        assert float(rect.get("width")) <= float(text.get("textLength")) + 2 * char + 0.5, text.text


def test_svg_tiles_stay_the_map_s_tiles(run, tmp_path):
    root = exported(run, tmp_path, "map", "--year", "2023")
    tiles = json.loads(run("map", "--year", "2023", "--json").stdout)
    shown = {text.text for _, text in badges(root)}
    assert {f"{t['code']} {t['grade']}" for t in tiles if t["grade"]} <= shown
